"""Menerjemahkan temuan validasi menjadi baris ``ditolak.csv`` yang dapat ditindaklanjuti.

Setiap temuan :func:`.periksa.periksa_tabel` (indeks baris, kolom, kunci pemeriksaan) menjadi
satu baris dengan ``berkas``, ``baris`` (nomor baris spreadsheet), ``kolom``, ``nilai`` (isi
sel apa adanya) dan ``alasan`` dalam Bahasa Indonesia yang menyebut apa yang salah dan cara
memperbaikinya.
:func:`tabel_ditolak` dan :func:`tabel_dikecualikan` menyusun ``ditolak.csv`` dan
``dikecualikan.csv`` dari hasil :func:`~asn_analitik.masuk.muat.muat`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..konfigurasi import RATING_LABEL, TABEL
from .nip import PESAN_NIP, bakukan_nip, masalah_nip
from .periksa import baris_ganda, sama_kunci
from .skema import KUNCI_UNIK, SPESIFIKASI

if TYPE_CHECKING:  # muat mengimpor modul ini
    from .muat import DataMasuk

__all__ = [
    "KOLOM_DITOLAK",
    "baris_ditolak",
    "baris_rusak",
    "ditolak_kosong",
    "tabel_dikecualikan",
    "tabel_ditolak",
]

#: Kolom ``ditolak.csv`` (kontrak v1, bagian 2).
KOLOM_DITOLAK = ["berkas", "baris", "kolom", "nilai", "alasan"]

_ALASAN = {
    "wajib": "Kolom {kolom} wajib diisi; lengkapi sel ini lalu kirim ulang.",
    "angka": (
        "{kolom} harus berupa angka (mis. 85 atau 85.5; di CSV berpemisah titik koma boleh "
        "85,5), tanpa satuan atau teks lain."
    ),
    "periode": (
        "Periode tidak dikenal atau bermakna ganda: tulis YYYY, YYYY-S1/YYYY-S2, YYYY-TW1 sampai "
        "YYYY-TW4, atau YYYY-MM (mis. 2026-S1, 2026-03); 'Semester 1 2026', 'S1-2026' dan "
        "'Maret 2026' juga diterima."
    ),
    "rumus": (
        "Sel {kolom} berisi galat rumus Excel; perbaiki rumusnya atau tulis angkanya langsung."
    ),
    "tanggal": "Tanggal tidak dikenali: tulis TTTT-BB-HH (mis. 2026-03-15) atau HH/BB/TTTT.",
    "tahun": "{kolom} harus tahun empat digit (mis. 2026).",
    "sasaran": (
        "sasaran harus salah satu dari kuantitas, kualitas, waktu, biaya, "
        "perilaku:<nilai BerAKHLAK> (mis. perilaku:kolaboratif), atau hasil_kerja / perilaku "
        "(pelatihan umum dimensi itu)."
    ),
    "lebih_dari": "{kolom} harus lebih dari 0; perbaiki angkanya.",
    "minimum": "{kolom} tidak boleh negatif; isi 0 atau lebih.",
    "bulat_1_5": (
        "Nilai perilaku harus bilangan bulat 1 sampai 5 (1 jauh di bawah, 2 di bawah, "
        "3 sesuai, 4 di atas, 5 jauh di atas ekspektasi)."
    ),
    "nip_terdaftar": (
        "NIP ini tidak ada di berkas pegawai; tambahkan pegawainya ke berkas pegawai atau "
        "perbaiki NIP-nya."
    ),
    "nip_ditolak": (
        "Baris pegawai dengan NIP ini ditolak ({sebab}); perbaiki baris pegawai itu dulu, lalu "
        "baris ini ikut dinilai."
    ),
    "atasan_terdaftar": (
        "nip_atasan tidak ada di kolom nip berkas pegawai; isi dengan NIP atasan yang "
        "terdaftar, atau kosongkan."
    ),
    "rusak": (
        "Baris ini terbagi menjadi lebih banyak kolom daripada header: kemungkinan ada tanda "
        "pemisah ('{pemisah}') di dalam teks tanpa tanda kutip. Beri tanda kutip pada teks itu "
        "atau hapus pemisah yang berlebih."
    ),
    "kutip": (
        'Baris ini memuat tanda kutip (") yang tidak berpasangan, sehingga isinya tidak dapat '
        "dipecah menjadi kolom dengan benar (kolomnya bergeser, atau baris-baris sesudahnya "
        "tertelan menjadi satu sel). Hapus tanda kutip itu atau beri pasangannya; baris lain "
        "tetap dibaca terpisah."
    ),
    "sel_panjang": (
        "Baris ini memuat sel yang lebih panjang dari 32.767 huruf (batas satu sel Excel): "
        "kemungkinan berkas rusak atau ada tanda kutip yang tidak ditutup. Periksa baris ini di "
        "penyunting teks."
    ),
}

_ALASAN_KHUSUS = {
    ("indikator", "target", "lebih_dari"): (
        "target harus lebih dari 0 agar capaian dapat dihitung; isi target yang direncanakan."
    ),
    ("indikator", "realisasi", "minimum"): (
        "realisasi tidak boleh negatif; isi 0 atau lebih, atau kosongkan bila belum dilaporkan."
    ),
}


def ditolak_kosong() -> pd.DataFrame:
    """Tabel penolakan tanpa baris, dengan kolom internal ``_tabel``, ``_nip``, ``_periode``."""
    kolom = [*KOLOM_DITOLAK, "_tabel", "_nip", "_periode"]
    data = pd.DataFrame({k: pd.Series(dtype="str") for k in kolom})
    data["baris"] = data["baris"].astype(np.int64)
    return data


def _daftar_pilihan(tabel: str, kolom: str) -> str:
    pilihan = SPESIFIKASI[tabel][kolom].pilihan
    teks = ", ".join(pilihan)
    if kolom.startswith("rating_"):
        teks += " (atau " + ", ".join(f'"{v}"' for v in RATING_LABEL.values()) + ")"
    return teks


def _alasan_kelompok(tabel: str, kolom: str, kunci: str, nilai: pd.Series) -> pd.Series:
    """Alasan untuk sekelompok temuan dengan kolom dan kunci pemeriksaan yang sama."""
    if kunci == "nip":
        pesan = masalah_nip(nilai).map(PESAN_NIP)
        return pesan if kolom == "nip" else f"{kolom}: " + pesan
    if kunci == "pilihan":
        teks = f"Nilai {kolom} tidak dikenal; pilih salah satu: {_daftar_pilihan(tabel, kolom)}."
    else:
        templat = _ALASAN_KHUSUS.get((tabel, kolom, kunci), _ALASAN[kunci])
        teks = templat.format(kolom=kolom, pemisah="")
    return pd.Series(teks, index=nilai.index, dtype="str")


def baris_ditolak(
    tabel: str,
    berkas: str,
    temuan: pd.DataFrame,
    mentah: pd.DataFrame,
    baku: pd.DataFrame,
    nip_ditolak: pd.Series | None = None,
) -> pd.DataFrame:
    """Ubah temuan pemeriksaan menjadi baris ``ditolak``.

    Parameters
    ----------
    tabel, berkas
        Nama tabel dan nama berkasnya.
    temuan
        Hasil :func:`.periksa.periksa_tabel` (kolom ``index``, ``column``, ``check``).
    mentah, baku
        Tabel sebelum dan sesudah dibakukan (indeks sama).
    nip_ditolak
        NIP yang baris pegawainya ditolak -> tempat dan sebabnya (``pegawai.csv baris 101:
        ...``), agar alasan baris lain milik NIP itu menyebutnya.
    """
    if temuan.empty:
        return ditolak_kosong()
    temuan = temuan.dropna(subset=["index"]).copy()
    temuan["index"] = temuan["index"].astype(np.int64)
    temuan["check"] = temuan["check"].replace({"not_nullable": "wajib"})
    # Pemeriksaan tingkat tabel (baris ganda) dilaporkan sekali per baris.
    ganda = temuan["check"] == "ganda"
    temuan = pd.concat([temuan[~ganda], temuan[ganda].drop_duplicates(["index"])])
    temuan.loc[temuan["check"] == "ganda", "column"] = "+".join(KUNCI_UNIK.get(tabel, ()))

    bagian = []
    for (kolom, kunci), kelompok in temuan.groupby(["column", "check"], sort=True):
        indeks = kelompok["index"].to_numpy()
        if kunci == "ganda":
            bagian.append(_ganda(tabel, berkas, indeks, mentah, baku))
            continue
        nilai = mentah[kolom].loc[indeks] if kolom in mentah else pd.Series(np.nan, index=indeks)
        nilai = nilai.astype("str")
        alasan = _alasan_kelompok(
            tabel, kolom, kunci, baku[kolom].loc[indeks] if kunci == "nip" else nilai
        )
        if kunci == "angka":  # galat rumus Excel (#DIV/0!, #N/A, ...) dijelaskan sendiri
            rumus = nilai.str.startswith("#").fillna(False).astype(bool)
            alasan = alasan.mask(rumus, _ALASAN["rumus"].format(kolom=kolom))
        if kunci == "nip_terdaftar" and nip_ditolak is not None and len(nip_ditolak):
            sebab = baku[kolom].loc[indeks].astype("str").map(nip_ditolak)
            teks = _ALASAN["nip_ditolak"].split("{sebab}")
            alasan = alasan.mask(sebab.notna(), teks[0] + sebab + teks[1])
        bagian.append(_bingkai(tabel, berkas, indeks, kolom, nilai, alasan, baku))
    return pd.concat(bagian, ignore_index=True)


def _bingkai(tabel, berkas, indeks, kolom, nilai, alasan, baku) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "berkas": berkas,
            "baris": baku["_baris"].loc[indeks].to_numpy(),
            "kolom": kolom,
            "nilai": nilai.to_numpy(),
            "alasan": alasan.to_numpy(),
            "_tabel": tabel,
            "_nip": baku["nip"].loc[indeks].to_numpy() if "nip" in baku else np.nan,
            "_periode": baku["periode"].loc[indeks].to_numpy() if "periode" in baku else np.nan,
        }
    )


def _ganda(tabel, berkas, indeks, mentah, baku) -> pd.DataFrame:
    kunci = list(KUNCI_UNIK[tabel])
    _, bertentangan = baris_ganda(baku, tabel)
    # Kelompok kunci cukup dicari di antara baris yang kuncinya dipakai lagi (sedikit), bukan
    # di seluruh tabel (jutaan baris indikator).
    calon = baku.loc[sama_kunci(baku, tabel)]
    pertama = calon.groupby(kunci, dropna=False, sort=False)["_baris"].transform("min")
    teks_kunci = " + ".join(kunci)
    nilai = baku.loc[indeks, kunci].astype("str").fillna("").agg(" | ".join, axis=1)
    salinan = (
        "Baris ganda: sama persis dengan baris "
        + pertama.loc[indeks].astype("str")
        + " (yang dipakai); hapus baris ini."
    )
    # Daftar baris lain dengan kunci sama, hanya untuk kelompok yang bertentangan (sedikit).
    lain = baku.loc[bertentangan.to_numpy(), [*kunci, "_baris"]].astype({"_baris": "str"})
    daftar = lain.groupby(kunci, dropna=False, sort=False)["_baris"].transform(", ".join)
    konflik = (
        f"Data bertentangan: {teks_kunci} yang sama ada di baris "
        + daftar.reindex(indeks).astype("str").fillna("")
        + " dengan isi berbeda; semuanya ditolak. Sisakan satu baris yang benar."
    )
    alasan = pd.Series(
        np.where(bertentangan.loc[indeks].to_numpy(), konflik.to_numpy(), salinan.to_numpy()),
        index=indeks,
    )
    return _bingkai(tabel, berkas, indeks, "+".join(kunci), nilai, alasan, baku)


def baris_rusak(tabel: str, berkas: str, rusak: pd.DataFrame, pemisah: str | None) -> pd.DataFrame:
    """Baris CSV yang tidak dapat dipecah menjadi kolom menjadi baris ``ditolak``.

    ``rusak`` dari :class:`~.baca.BerkasTabel`: ``jenis`` ``kolom_lebih`` (kolom lebih banyak
    dari header), ``kutip`` (tanda kutip tidak ditutup) atau ``sel_panjang``. NIP-nya, bila
    masih terbaca, ikut dicatat agar baris lain yang merujuk NIP itu diberi tahu sebabnya.
    """
    if rusak.empty:
        return ditolak_kosong()
    kunci = rusak["jenis"].astype("str").map({"kolom_lebih": "rusak"}).fillna(rusak["jenis"])
    alasan = kunci.map(lambda k: _ALASAN[k].format(pemisah=pemisah or ",", kolom=""))
    nip = bakukan_nip(rusak["nip"].astype("str").fillna(""))
    return pd.DataFrame(
        {
            "berkas": berkas,
            "baris": rusak["_baris"].to_numpy(np.int64),
            "kolom": "",
            "nilai": rusak["nilai"].astype("str").to_numpy(),
            "alasan": alasan.to_numpy(),
            "_tabel": tabel,
            "_nip": nip.to_numpy(),
            "_periode": np.nan,
        }
    )


def _urutan_tabel(data: pd.DataFrame) -> pd.Series:
    return pd.Series(pd.Categorical(data["_tabel"], categories=list(TABEL)).codes, index=data.index)


def tabel_ditolak(data: DataMasuk) -> pd.DataFrame:
    """``ditolak`` untuk ditulis: urut menurut tabel, baris, kolom; kolom kontrak saja."""
    d = data.ditolak.assign(_urut=_urutan_tabel(data.ditolak))
    d = d.sort_values(["_urut", "baris", "kolom", "alasan"], kind="stable")
    return d[KOLOM_DITOLAK].reset_index(drop=True)


def tabel_dikecualikan(data: DataMasuk) -> pd.DataFrame:
    """Baris yang dikecualikan (baris kosong, pegawai tidak aktif, periode tidak dipilih)."""
    d = data.dikecualikan.assign(_urut=_urutan_tabel(data.dikecualikan))
    d = d.sort_values(["_urut", "baris"], kind="stable")
    return d[["berkas", "baris", "alasan"]].reset_index(drop=True)
