"""Konstanta kit: lokasi berkas, nama tabel dan kolom, nilai yang diizinkan.

Hanya konstanta; saat diimpor modul ini tidak melakukan apa pun selain menanyakan versi paket
yang terpasang dan apakah kit dijalankan dari repositori. Aturan penilaian (ambang, matriks
predikat, rumus lama) ada di ``nilai/aturan.yaml``, bukan di sini.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

__all__ = [
    "ALIAS_KOLOM",
    "AKAR_PAKET",
    "AKAR_PROYEK",
    "ARAH",
    "ARAH_BAWAAN",
    "ASPEK",
    "ATURAN_BAWAAN",
    "BERKAS_KIT",
    "BERAKHLAK",
    "DATA_CONTOH",
    "EKSTENSI",
    "FOLDER_NOTEBOOK",
    "JALUR_PELATIHAN",
    "EJAAN_PREDIKAT",
    "EJAAN_RATING",
    "JENIS_JABATAN",
    "JENIS_PEGAWAI",
    "KATALOG_BAWAAN",
    "KOLOM_PENTING",
    "METODE",
    "METODE_BAWAAN",
    "PREDIKAT",
    "PREDIKAT_ORGANISASI",
    "PREDIKAT_RESMI",
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
# Notebook dan katalog tinggal di repositori (notebooks/, data/); wheel membawa salinannya di
# asn_analitik/bawaan/ (setup.py), yang dipakai bila kit terpasang di luar repositori.
_DI_REPOSITORI = (AKAR_PROYEK / "notebooks" / "02_laporan_opd.ipynb").is_file()
FOLDER_NOTEBOOK = (
    AKAR_PROYEK / "notebooks" if _DI_REPOSITORI else AKAR_PAKET / "bawaan" / "notebooks"
)
KATALOG_BAWAAN = (
    AKAR_PROYEK / "data" / "katalog_pelatihan.csv"
    if _DI_REPOSITORI
    else AKAR_PAKET / "bawaan" / "katalog_pelatihan.csv"
)

#: Ekstensi berkas yang dibaca (spreadsheet lewat python-calamine).
EKSTENSI = (".csv", ".tsv", ".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".parquet")

#: Tulisan header lain yang jelas berarti kolom kit, per tabel (sesudah header dibakukan:
#: huruf kecil, satuan dalam kurung dan tanda % dibuang, selain huruf dan angka menjadi ``_``;
#: jadi ``Realisasi (%)`` sudah menjadi ``realisasi`` dan ``NIP Baru`` menjadi ``nip_baru``).
#: Alias hanya dipakai bila kolom kit-nya sendiri tidak ada di berkas.
ALIAS_KOLOM: dict[str, dict[str, str]] = {
    "pegawai": {
        "nip_baru": "nip",
        "nip_pegawai": "nip",
        "nomor_induk_pegawai": "nip",
        "nama_pegawai": "nama",
        "nama_lengkap": "nama",
        "nama_asn": "nama",
        "perangkat_daerah": "opd",
        "nama_opd": "opd",
        "skpd": "opd",
        "unor": "unit_kerja",
        "unit_organisasi": "unit_kerja",
        "nama_jabatan": "jabatan",
        "gol": "golongan",
        "golru": "golongan",
        "gol_ruang": "golongan",
        "pangkat_golongan": "golongan",
        "nip_atasan_langsung": "nip_atasan",
        "status_pegawai": "status",
    },
    "indikator": {
        "nip_baru": "nip",
        "nip_pegawai": "nip",
        "periode_penilaian": "periode",
        "rencana_hasil_kerja": "rhk",
        "indikator_kinerja": "indikator",
        "indikator_kinerja_individu": "indikator",
        "iki": "indikator",
        "aspek_indikator": "aspek",
        "target_kinerja": "target",
        "realisasi_kinerja": "realisasi",
    },
    "perilaku": {
        "nip_baru": "nip",
        "nip_pegawai": "nip",
        "periode_penilaian": "periode",
        "nilai_dasar": "aspek",
        "aspek_perilaku": "aspek",
        "perilaku": "aspek",
        "skor": "nilai",
    },
    "evaluasi_atasan": {
        "nip_baru": "nip",
        "nip_pegawai": "nip",
        "periode_penilaian": "periode",
        "rating_hasil": "rating_hasil_kerja",
        "hasil_kerja": "rating_hasil_kerja",
        "perilaku_kerja": "rating_perilaku",
        "rating_perilaku_kerja": "rating_perilaku",
        "nip_atasan": "nip_penilai",
    },
    "organisasi": {
        "perangkat_daerah": "opd",
        "nama_opd": "opd",
        "predikat": "predikat_organisasi",
        "predikat_kinerja_organisasi": "predikat_organisasi",
    },
    "katalog_pelatihan": {
        "kode_pelatihan": "kode",
        "nama_pelatihan": "nama",
        "jam_pelajaran": "jp",
        "jumlah_jp": "jp",
    },
    "riwayat_pelatihan": {
        "nip_baru": "nip",
        "nip_pegawai": "nip",
        "kode": "kode_pelatihan",
        "tanggal_pelatihan": "tanggal",
        "tgl": "tanggal",
        "jam_pelajaran": "jp",
        "jumlah_jp": "jp",
    },
}

#: Nama (tanpa ekstensi) berkas yang ditulis kit sendiri ke sebuah folder: di folder data
#: (mis. hasil impor) berkas ini dicatat tetapi tidak dibaca dan tidak diperingatkan.
BERKAS_KIT = (
    "impor_ditolak", "impor_dikecualikan", "impor_manifest", "manifest", "ditolak",
    "dikecualikan", "skor_pegawai", "capaian_indikator", "klaster_pegawai", "profil_klaster",
    "rekomendasi_pelatihan", "kebutuhan_pelatihan", "hak_jp", "kepatuhan_penilaian",
)  # fmt: skip

#: Kolom opsional yang, bila tidak ada sama sekali, membuat hasilnya menyesatkan: kit tetap
#: jalan, tetapi memperingatkan dengan keras (stderr dan manifest).
KOLOM_PENTING: dict[str, dict[str, str]] = {
    "indikator": {
        "realisasi": (
            "semua indikator akan tercatat 'tidak dilaporkan' dengan capaian 0 dan predikat "
            "ikut turun"
        ),
    },
}

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
            "jenis_pegawai",
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
        "kolom_opsional": (
            "rating_hasil_kerja",
            "rating_perilaku",
            "nip_penilai",
            "nama_penilai",
            "predikat_resmi",
            "catatan",
            "opd",
        ),
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
    # Dari "Laporan SKP" e-Kinerja (asn-analitik impor ekinerja): siapa yang punya SKP dan
    # apakah sudah disetujui (skp_status "persetujuan").
    "status_skp": {
        "wajib_ada": False,
        "kolom_wajib": ("nip", "tahun", "skp_status"),
        "kolom_opsional": ("opd",),
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
#: Predikat resmi (kolom ``predikat_resmi``, bentuk pendek) dan labelnya di :data:`PREDIKAT`.
PREDIKAT_RESMI = dict(
    zip(
        ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"), PREDIKAT, strict=True
    )
)
JENIS_PEGAWAI = ("PNS", "PPPK")

#: Tulisan rating dan predikat yang dipakai e-Kinerja BKN dan spreadsheet (domain.md bagian 10),
#: sesudah dibakukan (huruf kecil, selain huruf dan angka menjadi ``_``), ke bentuk pendek.
EJAAN_RATING = {
    "di_atas": "di_atas", "diatas": "di_atas", "di_atas_ekspektasi": "di_atas",
    "diatas_ekspektasi": "di_atas", "diatas_espektasi": "di_atas", "di_atas_espektasi": "di_atas",
    "sesuai": "sesuai", "sesuai_ekspektasi": "sesuai", "sesuai_espektasi": "sesuai",
    "di_bawah": "di_bawah", "dibawah": "di_bawah", "di_bawah_ekspektasi": "di_bawah",
    "dibawah_ekspektasi": "di_bawah", "dibawah_espektasi": "di_bawah",
    "di_bawah_espektasi": "di_bawah",
}  # fmt: skip
EJAAN_PREDIKAT = {
    "sangat_baik": "sangat_baik", "baik": "baik", "butuh_perbaikan": "butuh_perbaikan",
    "butuh_perbaikan_cukup": "butuh_perbaikan", "cukup": "butuh_perbaikan", "kurang": "kurang",
    "kurang_misconduct": "kurang", "misconduct": "kurang", "sangat_kurang": "sangat_kurang",
}  # fmt: skip
PREDIKAT_ORGANISASI = ("istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
JALUR_PELATIHAN = ("klasikal", "nonklasikal")

METODE = ("permenpanrb_6_2022", "pp46_2011")
METODE_BAWAAN = "permenpanrb_6_2022"

#: Tempat penandatanganan pada cetakan laporan (blok "Mengetahui, Kepala ...").
TEMPAT = "Tanjung Selor"
