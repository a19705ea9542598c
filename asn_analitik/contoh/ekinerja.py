"""Ekspor e-Kinerja BKN sintetis dari pegawai data contoh, untuk mencoba ``asn-analitik impor``.

Bentuknya mengikuti laporan sungguhan (domain.md bagian 10): baris 1-7 metadata (judul dengan
tahun di A1 yang digabung, instansi di A2, waktu "diperbarui" di A6), header di baris 8, kolom
bernama seperti API laporan e-Kinerja. Isinya sengaja memuat yang dibersihkan praktisi dan yang
harus dikenali kit:

- Laporan Penilaian SKP bulanan Januari-Juni 2026 dan tahunan 2025; Maret sebagai CSV
  berpemisah ``;``, April tanpa bulan di judul (periodenya dari nama berkas), Mei dengan header di
  baris 6;
- baris PLT/PLH (``is_skp_plt_plh_pjb`` = 1), satu mutasi (NIP yang sama dua kali dalam satu
  laporan, SKP lama dan baru), baris yang belum dinilai (``-``), dan semua ejaan rating dan
  predikat di domain.md ("DIATAS ESPEKTASI", "Butuh Perbaikan (Cukup)", "Cukup", ...);
- beberapa predikat resmi yang tidak sesuai matriks (seperti implementasi publik yang memakai
  ``max``), dan Laporan SKP 2026 dengan status persetujuan.

Semua NIP dan nama rekaan (dari :func:`~.buat.buat_contoh`); argumen yang sama memberi berkas
yang identik per bita (stempel waktu di dalam berkas xlsx dibakukan).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from .buat import buat_contoh

__all__ = ["buat_ekspor_ekinerja", "tulis_ekspor_ekinerja"]

KOLOM_PENILAIAN = [
    "id", "nip", "nama", "jenis_pegawai", "golru", "periode_awal_skp", "periode_akhir_skp",
    "tahun_skp", "periode_id", "skp_id", "skp_jabatan", "skp_unor", "skp_unor_id",
    "skp_unor_induk", "skp_jenis_jabatan", "is_skp_plt_plh_pjb", "hasil_kerja", "perilaku_kerja",
    "hasil_akhir", "pegawai_atasan_id", "pegawai_atasan_nip", "pegawai_atasan_nama",
    "pegawai_atasan_jabatan", "pegawai_atasan_unor", "pegawai_atasan_golru", "waktu_dinilai",
]  # fmt: skip
KOLOM_SKP = [
    "skp_id", "id", "nip", "nama", "jabatan", "unit", "jenis_pegawai", "skp_status", "skp_model",
    "skp_unor", "skp_unor_atasan", "skp_unor_induk", "skp_jabatan", "skp_jenis_jabatan",
    "periode_awal", "periode_akhir", "is_plt_plh",
]  # fmt: skip
_BULAN = ["JANUARI", "FEBRUARI", "MARET", "APRIL", "MEI", "JUNI", "JULI"]
_EJAAN_RATING = {
    "di_atas": ["DIATAS ESPEKTASI", "Di Atas Ekspektasi", "DI ATAS EKSPEKTASI", "Diatas"],
    "sesuai": ["SESUAI ESPEKTASI", "Sesuai Ekspektasi", "SESUAI EKSPEKTASI"],
    "di_bawah": ["DIBAWAH ESPEKTASI", "Di Bawah Ekspektasi", "DI BAWAH EKSPEKTASI"],
}
_EJAAN_PREDIKAT = {
    "Sangat Baik": ["SANGAT BAIK", "Sangat Baik"],
    "Baik": ["BAIK", "Baik"],
    "Butuh Perbaikan": ["BUTUH PERBAIKAN", "Butuh Perbaikan (Cukup)", "Cukup"],
    "Kurang/Misconduct": ["KURANG/MISCONDUCT", "Kurang/Misconduct", "KURANG"],
    "Sangat Kurang": ["SANGAT KURANG", "Sangat Kurang"],
}
_MATRIKS = {
    ("di_atas", "di_atas"): "Sangat Baik", ("di_atas", "sesuai"): "Baik",
    ("di_atas", "di_bawah"): "Kurang/Misconduct", ("sesuai", "di_atas"): "Baik",
    ("sesuai", "sesuai"): "Baik", ("sesuai", "di_bawah"): "Kurang/Misconduct",
    ("di_bawah", "di_atas"): "Butuh Perbaikan", ("di_bawah", "sesuai"): "Butuh Perbaikan",
    ("di_bawah", "di_bawah"): "Sangat Kurang",
}  # fmt: skip
# Peluang rating (di_atas, sesuai, di_bawah) hasil kerja dan perilaku menurut pola pegawai.
_PELUANG = {
    "unggul": ((0.75, 0.25, 0.0), (0.7, 0.3, 0.0)),
    "biasa": ((0.1, 0.85, 0.05), (0.1, 0.85, 0.05)),
    "kualitas_rendah": ((0.0, 0.35, 0.65), (0.05, 0.85, 0.1)),
    "terlambat": ((0.0, 0.4, 0.6), (0.05, 0.85, 0.1)),
    "perilaku_lemah": ((0.05, 0.8, 0.15), (0.0, 0.35, 0.65)),
}
_STEMPEL = (2026, 7, 1, 0, 0, 0)


def _jenis_jabatan_bkn(jenis: pd.Series) -> pd.Series:
    return jenis.map({"JPT": "JABATAN PIMPINAN TINGGI PRATAMA", "Administrator": "ADMINISTRATOR",
                      "Pengawas": "PENGAWAS", "Fungsional": "JABATAN FUNGSIONAL",
                      "Pelaksana": "PELAKSANA"})  # fmt: skip


def _pilih_rating(rng, pola: np.ndarray, dimensi: int) -> np.ndarray:
    hasil = np.empty(len(pola), dtype=object)
    for nama, peluang in _PELUANG.items():
        pilih = pola == nama
        hasil[pilih] = rng.choice(["di_atas", "sesuai", "di_bawah"], size=pilih.sum(),
                                  p=peluang[dimensi])  # fmt: skip
    return hasil


def _ejaan(rng, nilai: np.ndarray, ejaan: dict[str, list[str]]) -> np.ndarray:
    hasil = np.empty(len(nilai), dtype=object)
    for baku, tulisan in ejaan.items():
        pilih = nilai == baku
        hasil[pilih] = rng.choice(tulisan, size=pilih.sum())
    return hasil


def _dasar(pegawai: pd.DataFrame) -> pd.DataFrame:
    """Kolom ekspor yang tidak berubah antarbulan, satu baris per pegawai aktif."""
    p = pegawai[pegawai["status"] == "aktif"].reset_index(drop=True)
    atasan = p.set_index("nip")
    nip_atasan = p["nip_atasan"].where(p["nip_atasan"].isin(atasan.index))
    pppk = p["nip"].str[12] == "2"
    return pd.DataFrame(
        {
            "nip": p["nip"], "nama": p["nama"],
            "jenis_pegawai": np.where(pppk, "PPPK", "PNS"), "golru": p["golongan"],
            "skp_jabatan": p["jabatan"], "skp_unor": p["unit_kerja"],
            "skp_unor_induk": p["opd"].str.upper(), "skp_jenis_jabatan": _jenis_jabatan_bkn(
                p["jenis_jabatan"]),
            "pegawai_atasan_nip": nip_atasan,
            "pegawai_atasan_nama": nip_atasan.map(atasan["nama"]),
            "pegawai_atasan_jabatan": nip_atasan.map(atasan["jabatan"]),
            "pegawai_atasan_unor": nip_atasan.map(atasan["unit_kerja"]),
            "pegawai_atasan_golru": nip_atasan.map(atasan["golongan"]),
        }
    )  # fmt: skip


def _penilaian(rng, dasar: pd.DataFrame, pola: np.ndarray, periode: str, nomor: int):
    """Satu Laporan Penilaian SKP: ``periode`` ``YYYY-MM`` atau ``YYYY`` (tahunan)."""
    n = len(dasar)
    hk, pk = _pilih_rating(rng, pola, 0), _pilih_rating(rng, pola, 1)
    predikat = np.array([_MATRIKS[(a, b)] for a, b in zip(hk, pk, strict=True)], dtype=object)
    # Predikat resmi yang salah seperti implementasi "max": (di_atas, di_bawah) -> BP.
    salah = (hk == "di_atas") & (pk == "di_bawah")
    predikat[salah] = "Butuh Perbaikan"
    belum = rng.random(n) < (0.06 if len(periode) > 4 else 0.02)
    if periode.endswith("-06"):  # bulan yang baru ditutup: lebih banyak yang belum dinilai
        belum |= rng.random(n) < 0.12
    tahun = periode[:4]
    data = dasar.assign(
        id=[f"{nomor:02d}{i:06d}" for i in range(n)],
        periode_awal_skp=f"{tahun}-01-01", periode_akhir_skp=f"{tahun}-12-31", tahun_skp=tahun,
        periode_id=f"{tahun}{periode[5:] or '00'}", skp_id=[f"SKP{tahun}{i:06d}" for i in range(n)],
        skp_unor_id=dasar["skp_unor"].factorize()[0] + 1000, is_skp_plt_plh_pjb="0",
        hasil_kerja=np.where(belum, "-", _ejaan(rng, hk, _EJAAN_RATING)),
        perilaku_kerja=np.where(belum, "-", _ejaan(rng, pk, _EJAAN_RATING)),
        hasil_akhir=np.where(belum, "-", _ejaan(rng, predikat, _EJAAN_PREDIKAT)),
        pegawai_atasan_id=dasar["pegawai_atasan_nip"].str[-6:],
        waktu_dinilai=np.where(belum, "-", f"{tahun}-{periode[5:] or '12'}-28 09:00:00"),
    )  # fmt: skip
    # PLT/PLH: dua pegawai juga memegang SKP pelaksana tugas di unit lain.
    plt = data.iloc[[1, n // 2]].assign(is_skp_plt_plh_pjb="1", skp_jabatan="Plt. Kepala Bidang",
                                        id=lambda d: d["id"] + "P")  # fmt: skip
    # Mutasi: SKP lama di unit sebelumnya berakhir pertengahan Februari.
    mutasi = data.iloc[[n // 3]].assign(periode_akhir_skp=f"{tahun}-02-15", skp_unor="Unit lama",
                                        id=lambda d: d["id"] + "M")  # fmt: skip
    data.loc[n // 3, "periode_awal_skp"] = f"{tahun}-02-16"  # SKP baru sesudah mutasi
    return pd.concat([data, plt, mutasi], ignore_index=True)[KOLOM_PENILAIAN]


def _laporan_skp(rng, dasar: pd.DataFrame) -> pd.DataFrame:
    n = len(dasar)
    status = rng.choice(["persetujuan", "pengajuan", "draft"], size=n, p=[0.9, 0.06, 0.04])
    data = pd.DataFrame(
        {
            "skp_id": [f"SKP2026{i:06d}" for i in range(n)], "id": [f"{i:06d}" for i in range(n)],
            "nip": dasar["nip"], "nama": dasar["nama"], "jabatan": dasar["skp_jabatan"],
            "unit": dasar["skp_unor"], "jenis_pegawai": dasar["jenis_pegawai"],
            "skp_status": status, "skp_model": "Kuantitatif", "skp_unor": dasar["skp_unor"],
            "skp_unor_atasan": dasar["pegawai_atasan_unor"],
            "skp_unor_induk": dasar["skp_unor_induk"],
            "skp_jabatan": dasar["skp_jabatan"], "skp_jenis_jabatan": dasar["skp_jenis_jabatan"],
            "periode_awal": "2026-01-01", "periode_akhir": "2026-12-31", "is_plt_plh": "0",
        }
    )  # fmt: skip
    plt = data.iloc[[1]].assign(is_plt_plh="1", jabatan="Plt. Kepala Bidang")
    return pd.concat([data, plt], ignore_index=True)[KOLOM_SKP]


def buat_ekspor_ekinerja(jumlah_pegawai: int = 120, seed: int = 2026) -> dict[str, tuple]:
    """Ekspor e-Kinerja sintetis di memori.

    Returns
    -------
    dict
        Nama berkas -> ``(metadata, tabel)``: baris metadata di atas header (daftar teks) dan
        isi laporannya.

    Examples
    --------
    >>> sorted(buat_ekspor_ekinerja(60, seed=1))[:3]
    ['laporan_skp_2026.xlsx', 'penilaian_skp_2026-01.xlsx', 'penilaian_skp_2026-02.xlsx']
    """
    contoh = buat_contoh(jumlah_pegawai, seed)
    rng = np.random.default_rng(seed + 1)
    dasar = _dasar(contoh["pegawai"])
    pola = contoh["_pola"].set_index(["nip", "periode"])["pola"]
    pola_2025 = pola.xs("2025-S2", level="periode").reindex(dasar["nip"]).fillna("biasa").to_numpy()
    pola_2026 = pola.xs("2026-S1", level="periode").reindex(dasar["nip"]).fillna("biasa").to_numpy()
    instansi = "Instansi : PEMERINTAH KABUPATEN BULUNGAN"
    hasil = {}
    for i in range(6):
        bulan = f"2026-{i + 1:02d}"
        judul = f"LAPORAN PENILAIAN SKP BULANAN PERIODE {_BULAN[i]} 2026"
        if i == 3:  # April: judul tanpa bulan, periode dari nama berkas
            judul = "LAPORAN PENILAIAN SKP TAHUN 2026"
        meta = [judul, instansi, "Unit Organisasi : SEMUA", "Jenis Laporan : Penilaian Periodik",
                "", f"Diperbarui : 03 {_BULAN[i + 1].title()} 2026 14:22", ""]  # fmt: skip
        if i == 4:  # Mei: header di baris 6
            meta = [judul, instansi, f"Diperbarui : 03 {_BULAN[i + 1].title()} 2026 14:22", "", ""]
        nama = {2: "penilaian_skp_2026-03.csv", 3: "penilaian_skp_202604.xlsx"}.get(
            i, f"penilaian_skp_{bulan}.xlsx"
        )
        hasil[nama] = (meta, _penilaian(rng, dasar, pola_2026, bulan, i + 1))
    meta = ["LAPORAN PENILAIAN SKP TAHUNAN 2025", instansi, "Unit Organisasi : SEMUA",
            "Jenis Laporan : Tahunan", "", "Diperbarui : 20 Januari 2026", ""]  # fmt: skip
    hasil["penilaian_skp_tahunan_2025.xlsx"] = (meta, _penilaian(rng, dasar, pola_2025, "2025", 7))
    meta = ["LAPORAN SKP TAHUN 2026", instansi, "Unit Organisasi : SEMUA", "", "",
            "Diperbarui : 10 Februari 2026 10:00", ""]  # fmt: skip
    hasil["laporan_skp_2026.xlsx"] = (meta, _laporan_skp(rng, dasar))
    return dict(sorted(hasil.items()))


def _simpan_xlsx(metadata: list[str], tabel: pd.DataFrame, path: Path) -> None:
    """Simpan seperti e-Kinerja: metadata, judul digabung di atas tabel, header, isi; stempel
    waktu di dalam berkas dibakukan agar berkasnya identik per bita."""
    from openpyxl import Workbook

    buku = Workbook()
    lembar = buku.active
    lembar.title = "Sheet1"
    for isi in metadata:
        lembar.append([isi or None])
    lembar.merge_cells(start_row=1, start_column=1, end_row=1, end_column=8)
    lembar.append(list(tabel.columns))
    for baris in tabel.itertuples(index=False):
        lembar.append([None if pd.isna(v) else v for v in baris])
    mentah = io.BytesIO()
    buku.save(mentah)
    keluar = io.BytesIO()
    with (
        zipfile.ZipFile(mentah) as asal,
        zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as tujuan,
    ):
        for info in asal.infolist():
            isi = asal.read(info.filename)
            if info.filename == "docProps/core.xml":
                isi = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-07-01T00:00:00Z", isi)
            tujuan.writestr(zipfile.ZipInfo(info.filename, date_time=_STEMPEL), isi,
                            compress_type=zipfile.ZIP_DEFLATED)  # fmt: skip
    path.write_bytes(keluar.getvalue())


def _simpan_csv(metadata: list[str], tabel: pd.DataFrame, path: Path) -> None:
    teks = io.StringIO()
    for isi in metadata:
        teks.write(f"{isi};\n" if isi else ";\n")
    tabel.to_csv(teks, sep=";", index=False, lineterminator="\n")
    path.write_text(teks.getvalue(), encoding="utf-8")


def tulis_ekspor_ekinerja(
    folder: str | Path, jumlah_pegawai: int = 120, seed: int = 2026
) -> list[Path]:
    """Tulis ekspor sintetis ke ``folder``; kembalikan jalur berkasnya."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    jalur = []
    for nama, (metadata, tabel) in buat_ekspor_ekinerja(jumlah_pegawai, seed).items():
        path = folder / nama
        (_simpan_csv if nama.endswith(".csv") else _simpan_xlsx)(metadata, tabel, path)
        jalur.append(path)
    return jalur
