"""Adaptor riwayat kinerja SIASN (JSON ``rw-skp22`` dan ``rw-kinerjaperiodik``) menjadi folder data.

Kontrak v2 bagian 6. Berkas berisi daftar catatan, atau daftar yang dibungkus ``data`` (sekali
atau dua kali); kunci dicocokkan tanpa memedulikan huruf besar/kecil (SIASN sendiri tidak
konsisten: ``KuadranKinerjaNilai``, ``PerilakuKerjaNilai``, ``hasilKinerjaNilai``). Kode angka
domain.md bagian 10: rating 1 Di Atas, 2 Sesuai, 3 Di Bawah; kuadran 1 Sangat Baik ... 5 Sangat
Kurang. NIP dari catatannya, selain itu dari bilangan 18 digit di nama berkas. ``rw-skp22``
memberi periode ``tahun``; ``rw-kinerjaperiodik`` memberi ``YYYY-MM`` untuk satu bulan dan
``YYYY-TWn`` untuk satu triwulan. Setiap berkas: dibaca = ditulis + ditolak + dikecualikan.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..galat import InputTidakLayak
from .ekinerja import HasilImpor, jenis_pegawai_dari_nip, kumpulkan_berkas
from .nip import PESAN_NIP, bakukan_nip, masalah_nip
from .periode import kunci_urut_periode

__all__ = ["impor_siasn"]

_RATING = {"1": "di_atas", "2": "sesuai", "3": "di_bawah"}
_KUADRAN = {"1": "sangat_baik", "2": "baik", "3": "butuh_perbaikan", "4": "kurang",
            "5": "sangat_kurang"}  # fmt: skip
_KOLOM = {  # kolom tabel -> kunci SIASN (huruf kecil), urut dari yang didahulukan
    "nip": ("nipbaru", "nip", "pnsnip", "pnsdinilainip", "nippns"),
    "nama": ("nama", "namapns", "pnsnama", "pnsdinilainama"),
    "opd": ("unornama", "unorindukNama".lower(), "instansikerjanama", "penilaiunornm"),
    "tahun": ("tahun",),
    "bulan_mulai": ("bulanmulaipenilaian", "bulanmulai"),
    "bulan_selesai": ("bulanselesaipenilaian", "bulanselesai"),
    "jenis_periodik": ("periodikid", "jenisperiodik", "periodikjenis", "periodik"),
    "nama_periodik": ("periodiknama",),
    "hasil": ("hasilkinerjanilai",),
    "perilaku": ("perilakukerjanilai",),
    "kuadran": ("kuadrankinerjanilai",),
    "nip_penilai": ("nipnrppenilai", "penilainip", "nippenilai"),
    "nama_penilai": ("namapenilai", "penilainama"),
}
_NIP_DI_NAMA = re.compile(r"(?<!\d)(\d{18})(?!\d)")


def _catatan(isi: object) -> list | None:
    """Daftar catatan dari isi JSON: daftar, ``{"data": [...]}`` atau
    ``{"data": {"data": [...]}}``."""
    for _ in range(3):
        if isinstance(isi, list):
            return isi
        if isinstance(isi, dict):
            kunci = {k.lower(): k for k in isi}
            if "data" in kunci:
                isi = isi[kunci["data"]]
                continue
            return [isi]  # satu catatan
        return None
    return isi if isinstance(isi, list) else None


def _baca(path: Path) -> tuple[pd.DataFrame, dict]:
    try:
        isi = json.loads(path.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        raise InputTidakLayak(
            f"Berkas {path.name} bukan JSON yang sah: simpan ulang jawaban SIASN (rw-skp22 atau "
            "rw-kinerjaperiodik) apa adanya, tanpa diubah.",
            berkas=path.name,
        ) from None
    daftar = _catatan(isi)
    if daftar is None or not all(isinstance(c, dict) for c in daftar):
        raise InputTidakLayak(
            f"Berkas {path.name} bukan riwayat kinerja SIASN: isinya harus daftar catatan (atau "
            "dibungkus 'data').",
            berkas=path.name,
        )
    baris = []
    for c in daftar:
        kecil = {str(k).lower(): v for k, v in c.items()}
        baris.append({
            kolom: next((kecil[k] for k in kunci if kecil.get(k) not in (None, "", "-")), None)
            for kolom, kunci in _KOLOM.items()
        })  # fmt: skip
    data = pd.DataFrame(baris, columns=list(_KOLOM)).astype(object)
    data.insert(0, "_baris", np.arange(1, len(data) + 1))
    catatan = {"berkas": path.name, "jalur": str(path), "jenis": "Riwayat kinerja SIASN",
               "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}  # fmt: skip
    return data, catatan


def _teks(nilai: pd.Series) -> pd.Series:
    teks = nilai.map(lambda v: None if v is None or pd.isna(v) else str(v).strip())
    return teks.str.replace(r"\.0+$", "", regex=True).astype("str")


def _periode(data: pd.DataFrame) -> pd.Series:
    """``tahun``, ``YYYY-MM`` (satu bulan) atau ``YYYY-TWn`` (satu triwulan)."""
    tahun = _teks(data["tahun"])
    mulai = pd.to_numeric(_teks(data["bulan_mulai"]), errors="coerce")
    selesai = pd.to_numeric(_teks(data["bulan_selesai"]), errors="coerce").fillna(mulai)
    jenis = _teks(data["jenis_periodik"]).fillna("") + " " + _teks(data["nama_periodik"]).fillna("")
    triwulan = jenis.str.contains(r"\b2\b|triwulan", case=False, regex=True) | (
        (selesai - mulai == 2) & (selesai % 3 == 0)
    )
    bulan = mulai.notna() & ~triwulan
    hasil = tahun.copy()
    hasil[bulan] = tahun[bulan] + "-" + mulai[bulan].astype("Int64").astype("str").str.zfill(2)
    tw = triwulan & selesai.notna()
    hasil[tw] = tahun[tw] + "-TW" + ((selesai[tw] + 2) // 3).astype("Int64").astype("str")
    return hasil.where(tahun.str.fullmatch(r"(19|20)\d\d").fillna(False).astype(bool))


def _satu_berkas(path: Path):
    data, catatan = _baca(path)
    nip = bakukan_nip(_teks(data["nip"]))
    dari_nama = _NIP_DI_NAMA.search(path.name)
    if dari_nama:
        nip = nip.fillna(dari_nama.group(1))
    masalah = masalah_nip(nip.fillna("")).where(nip.notna(), "kosong")
    pesan = masalah.map({**PESAN_NIP, "kosong": "Catatan tanpa NIP, dan nama berkasnya tidak "
                                                 "memuat NIP 18 digit."})  # fmt: skip
    tolak = [(masalah.notna(), "nip", _teks(data["nip"]), pesan)]
    periode = _periode(data)
    tolak.append((periode.isna(), "tahun", _teks(data["tahun"]),
                  "Periode tidak dapat ditentukan: catatan harus punya tahun (dan bulan mulai/"
                  "selesai untuk kinerja periodik)."))  # fmt: skip
    kode = {}
    for kolom, peta, nama in (("hasil", _RATING, "hasilKinerjaNilai"),
                              ("perilaku", _RATING, "perilakuKerjaNilai"),
                              ("kuadran", _KUADRAN, "kuadranKinerjaNilai")):  # fmt: skip
        teks = _teks(data[kolom])
        kode[kolom] = teks.map(peta)
        diterima = ", ".join(f"{k} ({v.replace('_', ' ')})" for k, v in peta.items())
        alasan = f"Kode {nama} tidak dikenal; yang diterima: {diterima}."
        tolak.append((teks.notna() & kode[kolom].isna(), nama, teks, alasan))
    ditolak, sisa = [], pd.Series(True, index=data.index)
    for pilih, kolom, nilai, alasan in tolak:
        pilih = pilih & sisa
        alasan = alasan[pilih] if isinstance(alasan, pd.Series) else alasan
        ditolak.append(pd.DataFrame({"berkas": path.name, "baris": data["_baris"][pilih],
                                     "kolom": kolom, "nilai": nilai[pilih].fillna(""),
                                     "alasan": alasan}))  # fmt: skip
        sisa &= ~pilih
    penilai = bakukan_nip(_teks(data["nip_penilai"]))
    baris = pd.DataFrame(
        {"nip": nip, "periode": periode, "rating_hasil_kerja": kode["hasil"],
         "rating_perilaku": kode["perilaku"],
         "nip_penilai": penilai.where(masalah_nip(penilai.fillna("x")).isna()),
         "nama_penilai": _teks(data["nama_penilai"]), "predikat_resmi": kode["kuadran"],
         "catatan": np.nan, "nama": _teks(data["nama"]), "opd": _teks(data["opd"]),
         "_berkas": path.name, "_baris": data["_baris"]}
    )[sisa]  # fmt: skip
    return baris, ditolak, catatan, len(data)


def impor_siasn(masukan: Sequence[str | Path]) -> HasilImpor:
    """Baca riwayat kinerja SIASN (``.json``) menjadi tabel folder data kit.

    Raises
    ------
    InputTidakLayak
        Berkas bukan JSON, atau bukan daftar catatan kinerja.
    """
    berkas = kumpulkan_berkas(
        masukan,
        (".json",),
        "Tidak ada berkas .json SIASN (rw-skp22, rw-kinerjaperiodik) di masukan.",
    )
    semua, ditolak, catatan_berkas = [], [], []
    for path in berkas:
        baris, tolak, catatan, dibaca = _satu_berkas(path)
        semua.append(baris)
        ditolak += tolak
        catatan |= {"dibaca": dibaca, "ditulis": len(baris),
                    "ditolak": int(sum(len(t) for t in tolak)), "dikecualikan": 0}  # fmt: skip
        catatan_berkas.append(catatan)
    rating = pd.concat(semua, ignore_index=True)
    ganda = rating.duplicated(["nip", "periode"], keep="first")
    lain = rating[ganda]
    dikecualikan = pd.DataFrame({"berkas": lain["_berkas"], "baris": lain["_baris"],
                                 "nip": lain["nip"],
                                 "alasan": "NIP dan periode ini sudah ada di catatan sebelumnya "
                                           "(yang dipakai)."})  # fmt: skip
    for c in catatan_berkas:
        n = int((rating["_berkas"][ganda] == c["berkas"]).sum())
        c["ditulis"] -= n
        c["dikecualikan"] += n
    rating = rating[~ganda].assign(_urut=lambda d: kunci_urut_periode(d["periode"]).to_numpy())
    rating = rating.sort_values(["_urut", "nip"], kind="stable")
    terakhir = rating.drop_duplicates("nip", keep="last")
    peringatan = []
    tanpa_nama = terakhir["nama"].isna().sum()
    if tanpa_nama:
        peringatan.append(f"{tanpa_nama} pegawai tanpa nama di catatan SIASN: nama diisi NIP-nya; "
                          "lengkapi kolom nama di pegawai.csv bila perlu.")  # fmt: skip
    pegawai = pd.DataFrame(
        {"nip": terakhir["nip"], "nama": terakhir["nama"].fillna("NIP " + terakhir["nip"]),
         "opd": terakhir["opd"].fillna("(OPD tidak diketahui)"), "unit_kerja": terakhir["opd"],
         "jabatan": np.nan, "jenis_jabatan": np.nan, "golongan": np.nan,
         "jenis_pegawai": jenis_pegawai_dari_nip(terakhir["nip"]), "nip_atasan": np.nan,
         "status": "aktif"}
    ).sort_values(["opd", "nip"], kind="stable").reset_index(drop=True)  # fmt: skip
    kolom = ["nip", "periode", "rating_hasil_kerja", "rating_perilaku", "nip_penilai",
             "nama_penilai", "predikat_resmi", "catatan"]  # fmt: skip
    return HasilImpor(
        pegawai, rating[kolom].reset_index(drop=True), None,
        pd.concat(ditolak, ignore_index=True), dikecualikan.reset_index(drop=True),
        catatan_berkas, peringatan,
    )  # fmt: skip
