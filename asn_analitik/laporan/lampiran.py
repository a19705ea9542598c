"""Lampiran Excel laporan OPD (``opd/<slug>.xlsx``): tabel per pegawai selengkapnya.

Halaman laporan dan cetakannya memuat ringkasan, pegawai teratas dan terbawah, dan hal yang
perlu ditindaklanjuti; daftar lengkapnya (seluruh pegawai, indikator, rekomendasi, JP, dst.)
ada di lampiran ini, satu lembar per tabel, dengan judul kolom bahasa Indonesia. Laporan dan
lampiran memakai tabel yang sama dari :func:`tabel_opd`, jadi baris yang tampil di laporan
selalu baris teratas lembar lampirannya.
"""

from __future__ import annotations

import html
from pathlib import Path

import numpy as np
import pandas as pd

from ..keluaran import tulis_buku
from ..teks import angka_id
from . import keadilan, ringkasan, tren
from .hasil import HasilPeriode, muat_hasil, sidik_data
from .tampilan import nama_periode, samarkan_nip, tabel_html

__all__ = [
    "LEMBAR",
    "kotak_lampiran",
    "perubahan_terbesar",
    "potongan",
    "tabel_opd",
    "teratas_terbawah",
    "tulis_lampiran",
    "tulis_lampiran_notebook",
]

#: Lembar lampiran, berurutan (nama lembar Excel paling panjang 31 huruf).
LEMBAR = (
    "Pegawai",
    "Indikator",
    "Rekomendasi",
    "JP",
    "Belum melapor",
    "Belum dinilai",
    "Kandidat tinjauan",
    "Penilai",
    "Perubahan",
    "Lemah berulang",
    "Perpindahan",
    "Ditolak",
    "Tidak dinilai",
)


def _nip(tabel: pd.DataFrame, samarkan: bool, kolom: str = "nip") -> pd.Series:
    nip = tabel[kolom].astype("str")
    return samarkan_nip(nip) if samarkan else nip


def _nama_menurut_nip(h: HasilPeriode, nip: pd.Series) -> np.ndarray:
    peta = h.skor_pegawai.drop_duplicates("nip").set_index("nip")["nama"]
    return nip.map(peta).to_numpy()


def _indikator(h: HasilPeriode, samarkan: bool) -> pd.DataFrame:
    c = h.capaian_indikator
    return pd.DataFrame(
        {
            "NIP": _nip(c, samarkan).to_numpy(),
            "Nama": _nama_menurut_nip(h, c["nip"]),
            "RHK": c["rhk"].to_numpy(),
            "Indikator": c["indikator"].to_numpy(),
            "Aspek": c["aspek"].to_numpy(),
            "Satuan": c["satuan"].to_numpy(),
            "Target": c["target"].to_numpy(),
            "Realisasi": c["realisasi"].to_numpy(),
            "Arah": c["arah"].to_numpy(),
            "Bobot": c["bobot"].to_numpy(),
            "Capaian": c["capaian"].to_numpy(),
            "Status": c["status"].to_numpy(),
            "Berkas": c["berkas"].to_numpy(),
            "Baris": c["baris"].to_numpy(),
        }
    )


def _rekomendasi(h: HasilPeriode, samarkan: bool) -> pd.DataFrame:
    r = h.rekomendasi_pelatihan.sort_values(["nama", "nip", "prioritas"], kind="stable")
    tabel = ringkasan.rekomendasi_pegawai(r)
    tabel.insert(0, "NIP", _nip(r, samarkan).to_numpy())
    return tabel


def _jp(h: HasilPeriode, samarkan: bool) -> pd.DataFrame:
    j = h.hak_jp
    return pd.DataFrame(
        {
            "NIP": _nip(j, samarkan).to_numpy(),
            "Nama": _nama_menurut_nip(h, j["nip"]),
            "Jenis pegawai": j["jenis_pegawai"].to_numpy(),
            "Tahun": j["tahun"].to_numpy(),
            "JP tahun ini": j["jp_tahun_ini"].to_numpy(),
            "Kekurangan JP": j["kekurangan_jp"].to_numpy(),
            "JP direkomendasikan": j["jp_direkomendasikan"].to_numpy(),
        }
    )


def _ditolak(h: HasilPeriode) -> pd.DataFrame:
    d = h.ditolak[["berkas", "baris", "kolom", "nilai", "alasan"]]
    return d.rename(columns=str.capitalize).reset_index(drop=True)


def tabel_opd(h: HasilPeriode, samarkan: bool = False) -> dict[str, pd.DataFrame]:
    """Semua tabel per pegawai satu OPD, siap tampil dan siap lampiran (kunci: :data:`LEMBAR`).

    Parameters
    ----------
    h
        Hasil satu OPD dari :func:`~asn_analitik.laporan.hasil.muat_hasil`.
    samarkan
        NIP pegawai ditampilkan tersamar.
    """
    skor = h.skor_pegawai
    tp = h.tren_pegawai
    nip_tren = _nip(tp, samarkan)
    semua_perubahan = tren.tabel_perubahan(tp, nip_tren, n=len(tp))
    perpindahan = h.perpindahan_pegawai
    tabel = {
        "Pegawai": ringkasan.tabel_pegawai(skor, h.klaster_pegawai, _nip(skor, samarkan)),
        "Indikator": _indikator(h, samarkan),
        "Rekomendasi": _rekomendasi(h, samarkan),
        "JP": _jp(h, samarkan),
        "Belum melapor": ringkasan.pegawai_belum_melapor(skor),
        "Belum dinilai": ringkasan.belum_dinilai_opd(h.belum_dinilai, _nip(h.belum_dinilai,
                                                                             samarkan)),
        "Kandidat tinjauan": keadilan.tabel_kandidat(h.kandidat_tinjauan,
                                                     _nip(h.kandidat_tinjauan, samarkan)),
        "Penilai": keadilan.tabel_penilai_opd(h.kalibrasi_penilai, h.opd, samarkan),
        "Perubahan": semua_perubahan,
        "Lemah berulang": tren.tabel_lemah_berulang(tp, nip_tren),
        "Perpindahan": tren.tabel_perpindahan(
            perpindahan, h.opd, _nip(perpindahan, True) if samarkan else None
        ),
        "Ditolak": _ditolak(h),
        "Tidak dinilai": h.tidak_aktif[["nama", "status"]]
        .rename(columns=str.capitalize)
        .reset_index(drop=True),
    }  # fmt: skip
    assert tuple(tabel) == LEMBAR
    return tabel


def potongan(tabel: pd.DataFrame, n: int, lembar: str, lampiran: str = "", **opsi_tabel) -> str:
    """Tabel HTML ``n`` baris teratas; bila lebih, satu kalimat menunjuk lembar lampirannya.

    Parameters
    ----------
    lampiran
        Nama berkas lampiran Excel relatif terhadap laporan (kosong: tanpa tautan).
    **opsi_tabel
        Diteruskan ke :func:`~asn_analitik.laporan.tampilan.tabel_html`.

    Examples
    --------
    >>> t = pd.DataFrame({"Nama": list("abc")})
    >>> "2 dari 3" in potongan(t, 2, "Pegawai", "dinas.xlsx")
    True
    """
    isi = tabel_html(tabel.head(n), **opsi_tabel)
    if len(tabel) <= n:
        return isi
    return isi + _rujukan(f"Menampilkan {angka_id(n)} dari {angka_id(len(tabel))} baris.",
                          lembar, lampiran)  # fmt: skip


def _rujukan(awal: str, lembar: str, lampiran: str) -> str:
    berkas = (
        f'<a href="{html.escape(lampiran)}">{html.escape(lampiran)}</a>'
        if lampiran
        else "lampiran Excel laporan ini"
    )
    return (
        f'<p class="catatan rujukan-lampiran">{awal} Daftar lengkap: {berkas}, lembar '
        f"&ldquo;{html.escape(lembar)}&rdquo;.</p>"
    )


def teratas_terbawah(pegawai: pd.DataFrame, n: int, lampiran: str = "", **opsi_tabel) -> str:
    """Daftar pegawai: seluruhnya bila paling banyak ``2n`` orang, selain itu ``n`` teratas dan
    ``n`` terbawah menurut peringkat, dengan rujukan ke lembar lampiran "Pegawai"."""
    if len(pegawai) <= 2 * n:
        return tabel_html(pegawai, **opsi_tabel)
    return (
        f"<h3>{angka_id(n)} teratas</h3>"
        + tabel_html(pegawai.head(n), **opsi_tabel)
        + f"<h3>{angka_id(n)} terbawah</h3>"
        + tabel_html(pegawai.tail(n), **opsi_tabel)
        + _rujukan(
            f"Menampilkan {angka_id(2 * n)} dari {angka_id(len(pegawai))} pegawai.",
            "Pegawai",
            lampiran,
        )
    )


def perubahan_terbesar(perubahan: pd.DataFrame, n: int) -> pd.DataFrame:
    """``n`` kenaikan terbesar lalu ``n`` penurunan terbesar dari lembar "Perubahan" (yang sudah
    urut: naik dari yang terbesar, lalu turun dari yang terbesar)."""
    return perubahan.groupby("Arah", sort=False).head(n).reset_index(drop=True)


def kotak_lampiran(berkas: str) -> str:
    """Kotak di bawah kepala laporan yang menautkan lampiran Excel (kosong bila tanpa)."""
    if not berkas:
        return ""
    tautan = f'<a href="{html.escape(berkas)}">{html.escape(berkas)}</a>'
    return (
        f'<p class="lampiran-excel"><b>Lampiran Excel:</b> {tautan} memuat daftar lengkap: '
        f"seluruh pegawai, indikator, rekomendasi pelatihan, JP, dan daftar lain yang di laporan "
        "ini hanya ditampilkan baris teratasnya.</p>"
    )


def tulis_lampiran(
    hasil: str | Path, opd: str, periode: str, tujuan: str | Path, samarkan: bool = False
) -> Path:
    """Tulis lampiran Excel satu OPD ke ``tujuan`` (atomik): lembar "Keterangan" lalu
    :data:`LEMBAR`."""
    h = muat_hasil(hasil, opd, periode)
    return _tulis(h, tabel_opd(h, samarkan), periode, tujuan)


def tulis_lampiran_notebook(ruang: dict, tujuan: str | Path) -> Path:
    """Tulis lampiran Excel dari dalam notebook OPD yang baru dijalankan (sel terakhir yang
    disisipkan batch ``laporan`` lalu dibuang dari hasilnya).

    Bila notebook itu sudah memuat hasil OPD-nya (``h``) dan menyusun tabel lampirannya
    (``lamp`` dari :func:`tabel_opd`, seperti ``02_laporan_opd.ipynb``), keduanya dipakai
    langsung; tanpa itu (mis. templat buatan sendiri) lampiran dihitung dari parameter notebook
    (``hasil``, ``opd``, ``periode``, ``samarkan_nip``) dengan :func:`tulis_lampiran`.
    Hasilnya sama persis; jalan pertama menghemat muat dan susun ulang per OPD."""
    h, lamp, periode = ruang.get("h"), ruang.get("lamp"), ruang["periode"]
    if (
        isinstance(h, HasilPeriode)
        and isinstance(lamp, dict)
        and list(lamp) == list(LEMBAR)
        and h.opd.casefold() == str(ruang["opd"]).strip().casefold()
    ):
        return _tulis(h, lamp, periode, tujuan)
    return tulis_lampiran(
        ruang["hasil"], ruang["opd"], periode, tujuan, bool(ruang.get("samarkan_nip", False))
    )


def _tulis(h: HasilPeriode, tabel: dict[str, pd.DataFrame], periode: str, tujuan) -> Path:
    keterangan = pd.DataFrame(
        {
            "Keterangan": ["OPD", "Periode", "Sidik data", "Versi asn-analitik",
                           *(f"Lembar {n}" for n in tabel)],
            "Isi": [h.opd, f"{nama_periode(periode)} ({periode})", sidik_data(h.manifest),
                    h.manifest["versi"], *(f"{angka_id(len(t))} baris" for t in tabel.values())],
        }
    )  # fmt: skip
    return tulis_buku({"Keterangan": keterangan, **tabel}, Path(tujuan))
