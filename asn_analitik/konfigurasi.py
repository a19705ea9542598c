"""Konstanta kit: lokasi berkas, nama tabel dan kolom, nilai yang diizinkan.

Hanya konstanta; saat diimpor modul ini tidak melakukan apa pun selain menanyakan versi paket
yang terpasang. Aturan penilaian (ambang, matriks predikat, rumus lama) ada di
``nilai/aturan.yaml``, bukan di sini.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

__all__ = [
    "AKAR_PAKET",
    "AKAR_PROYEK",
    "ARAH",
    "ARAH_BAWAAN",
    "ASPEK",
    "ATURAN_BAWAAN",
    "BERAKHLAK",
    "DATA_CONTOH",
    "EKSTENSI",
    "JALUR_PELATIHAN",
    "JENIS_JABATAN",
    "KATALOG_BAWAAN",
    "METODE",
    "METODE_BAWAAN",
    "PREDIKAT",
    "PREDIKAT_ORGANISASI",
    "RATING",
    "RATING_LABEL",
    "STATUS_PEGAWAI",
    "SUMBER_CONTOH",
    "TABEL",
    "TEMPLAT_LAPORAN",
    "VERSI",
]

try:
    #: Versi kit yang terpasang (ditulis ke manifest dan sidik laporan).
    VERSI = version("asn-analitik")
except PackageNotFoundError:  # dijalankan dari sumber tanpa dipasang
    VERSI = "0.0.0"

AKAR_PAKET = Path(__file__).resolve().parent
AKAR_PROYEK = AKAR_PAKET.parent
ATURAN_BAWAAN = AKAR_PAKET / "nilai" / "aturan.yaml"
SUMBER_CONTOH = AKAR_PAKET / "contoh" / "sumber"
TEMPLAT_LAPORAN = AKAR_PAKET / "laporan" / "templat"
DATA_CONTOH = AKAR_PROYEK / "data" / "contoh"
KATALOG_BAWAAN = AKAR_PROYEK / "data" / "katalog_pelatihan.csv"

#: Ekstensi berkas yang dibaca, dalam urutan pencarian.
EKSTENSI = (".csv", ".xlsx", ".parquet")

#: Tabel masukan: kolom wajib, kolom opsional, dan apakah berkasnya wajib ada.
TABEL: dict[str, dict] = {
    "pegawai": {
        "wajib_ada": True,
        "kolom_wajib": ("nip", "nama", "opd"),
        "kolom_opsional": (
            "unit_kerja",
            "jabatan",
            "jenis_jabatan",
            "golongan",
            "nip_atasan",
            "bidang",
            "status",
        ),
    },
    "indikator": {
        "wajib_ada": True,
        "kolom_wajib": ("nip", "periode", "indikator", "aspek", "target"),
        "kolom_opsional": ("rhk", "satuan", "realisasi", "arah", "bobot"),
    },
    "perilaku": {
        "wajib_ada": False,
        "kolom_wajib": ("nip", "periode", "aspek", "nilai"),
        "kolom_opsional": (),
    },
    "evaluasi_atasan": {
        "wajib_ada": False,
        "kolom_wajib": ("nip", "periode"),
        "kolom_opsional": ("rating_hasil_kerja", "rating_perilaku", "nip_penilai", "catatan"),
    },
    "organisasi": {
        "wajib_ada": False,
        "kolom_wajib": ("opd", "periode", "predikat_organisasi"),
        "kolom_opsional": (),
    },
    "katalog_pelatihan": {
        "wajib_ada": False,
        "kolom_wajib": ("kode", "nama", "jalur", "jp", "sasaran"),
        "kolom_opsional": ("bentuk", "bidang", "penyelenggara"),
    },
    "riwayat_pelatihan": {
        "wajib_ada": False,
        "kolom_wajib": ("nip", "kode_pelatihan", "tanggal", "jp"),
        "kolom_opsional": (),
    },
}

ASPEK = ("kuantitas", "kualitas", "waktu", "biaya")
ARAH = ("naik", "turun")
ARAH_BAWAAN = {"kuantitas": "naik", "kualitas": "naik", "waktu": "turun", "biaya": "turun"}

#: Tujuh nilai dasar BerAKHLAK, bentuk baku (snake_case).
BERAKHLAK = (
    "berorientasi_pelayanan",
    "akuntabel",
    "kompeten",
    "harmonis",
    "loyal",
    "adaptif",
    "kolaboratif",
)

STATUS_PEGAWAI = ("aktif", "pensiun", "mutasi", "cltn", "meninggal")
JENIS_JABATAN = ("JPT", "Administrator", "Pengawas", "Fungsional", "Pelaksana")

#: Rating bentuk pendek dan label panjangnya.
RATING = ("di_atas", "sesuai", "di_bawah")
RATING_LABEL = {
    "di_atas": "Di Atas Ekspektasi",
    "sesuai": "Sesuai Ekspektasi",
    "di_bawah": "Di Bawah Ekspektasi",
}

#: Predikat kinerja, dari terbaik ke terburuk (urutan ini dipakai untuk peringkat).
PREDIKAT = ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang")
PREDIKAT_ORGANISASI = ("istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
JALUR_PELATIHAN = ("klasikal", "nonklasikal")

METODE = ("permenpanrb_6_2022", "pp46_2011")
METODE_BAWAAN = "permenpanrb_6_2022"
