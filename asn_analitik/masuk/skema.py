"""Skema tiap tabel masukan: jenis tiap kolom, nilai yang diizinkan, dan kunci unik.

Setiap kolom punya satu *jenis* (teks, NIP, periode, pilihan, angka, tanggal, tahun, sasaran)
yang menentukan cara nilainya dibakukan (:mod:`.baku`) dan pemeriksaan apa yang berlaku
(:mod:`.periksa`), sehingga aturan validasi dapat dibaca di satu tempat. Setiap pemeriksaan
punya kunci yang diterjemahkan menjadi alasan berbahasa Indonesia di :mod:`.alasan`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..konfigurasi import (
    ARAH,
    ASPEK,
    BERAKHLAK,
    EJAAN_PREDIKAT,
    EJAAN_RATING,
    JALUR_PELATIHAN,
    JENIS_JABATAN,
    JENIS_PEGAWAI,
    PREDIKAT_ORGANISASI,
    PREDIKAT_RESMI,
    RATING,
    STATUS_PEGAWAI,
)

__all__ = ["KUNCI_UNIK", "SASARAN", "SPESIFIKASI", "Kolom"]


@dataclass(frozen=True)
class Kolom:
    """Aturan satu kolom.

    Attributes
    ----------
    jenis
        ``teks``, ``nip``, ``periode``, ``pilihan``, ``angka``, ``tanggal``, ``tahun`` atau
        ``sasaran``.
    wajib
        Sel tidak boleh kosong.
    pilihan
        Nilai baku yang diizinkan (jenis ``pilihan``).
    alias
        Tulisan lain yang diterima, dipetakan ke nilai baku (setelah dibakukan).
    minimum, lebih_dari
        Batas bawah angka (``>=`` atau ``>``).
    bulat_1_5
        Angka harus bilangan bulat 1..5.
    bawaan
        Nilai pengganti sel kosong (teks tetap, atau ``"@kolom"`` untuk menyalin kolom lain).
    """

    jenis: str = "teks"
    wajib: bool = False
    pilihan: tuple[str, ...] = ()
    alias: dict[str, str] = field(default_factory=dict)
    minimum: float | None = None
    lebih_dari: float | None = None
    bulat_1_5: bool = False
    bawaan: str | None = None


_RATING_ALIAS = {k: v for k, v in EJAAN_RATING.items() if k != v}
_PREDIKAT_ALIAS = {k: v for k, v in EJAAN_PREDIKAT.items() if k != v}

SPESIFIKASI: dict[str, dict[str, Kolom]] = {
    "pegawai": {
        "nip": Kolom("nip", wajib=True),
        "nama": Kolom(wajib=True),
        "opd": Kolom(wajib=True),
        "unit_kerja": Kolom(bawaan="@opd"),
        "jabatan": Kolom(),
        "jenis_jabatan": Kolom(
            "pilihan", pilihan=JENIS_JABATAN, alias={j.lower(): j for j in JENIS_JABATAN}
        ),
        "golongan": Kolom(),
        "nip_atasan": Kolom("nip"),
        "bidang": Kolom("pilihan", bawaan="umum"),
        "status": Kolom("pilihan", pilihan=STATUS_PEGAWAI, bawaan="aktif"),
        "jenis_pegawai": Kolom(
            "pilihan",
            pilihan=JENIS_PEGAWAI,
            alias={"pns": "PNS", "cpns": "PNS", "pppk": "PPPK", "p3k": "PPPK"},
        ),
    },
    "indikator": {
        "nip": Kolom("nip", wajib=True),
        "periode": Kolom("periode", wajib=True),
        "rhk": Kolom(),
        "indikator": Kolom(wajib=True),
        "aspek": Kolom("pilihan", wajib=True, pilihan=ASPEK),
        "satuan": Kolom(),
        "target": Kolom("angka", wajib=True, lebih_dari=0),
        "realisasi": Kolom("angka", minimum=0),
        "arah": Kolom("pilihan", pilihan=ARAH),
        "bobot": Kolom("angka", lebih_dari=0),
    },
    "perilaku": {
        "nip": Kolom("nip", wajib=True),
        "periode": Kolom("periode", wajib=True),
        "aspek": Kolom("pilihan", wajib=True, pilihan=BERAKHLAK),
        "nilai": Kolom("angka", wajib=True, bulat_1_5=True),
    },
    "evaluasi_atasan": {
        "nip": Kolom("nip", wajib=True),
        "periode": Kolom("periode", wajib=True),
        "rating_hasil_kerja": Kolom("pilihan", pilihan=RATING, alias=_RATING_ALIAS),
        "rating_perilaku": Kolom("pilihan", pilihan=RATING, alias=_RATING_ALIAS),
        "nip_penilai": Kolom("nip"),
        "nama_penilai": Kolom(),
        "predikat_resmi": Kolom("pilihan", pilihan=tuple(PREDIKAT_RESMI), alias=_PREDIKAT_ALIAS),
        "catatan": Kolom(),
        "opd": Kolom(),
    },
    "organisasi": {
        "opd": Kolom(wajib=True),
        "periode": Kolom("periode", wajib=True),
        "predikat_organisasi": Kolom("pilihan", wajib=True, pilihan=PREDIKAT_ORGANISASI),
    },
    "katalog_pelatihan": {
        "kode": Kolom(wajib=True),
        "nama": Kolom(wajib=True),
        "jalur": Kolom("pilihan", wajib=True, pilihan=JALUR_PELATIHAN),
        "bentuk": Kolom(),
        "jp": Kolom("angka", wajib=True, lebih_dari=0),
        "sasaran": Kolom("sasaran", wajib=True),
        "bidang": Kolom("pilihan", bawaan="umum"),
        "penyelenggara": Kolom(),
    },
    "riwayat_pelatihan": {
        "nip": Kolom("nip", wajib=True),
        "kode_pelatihan": Kolom(wajib=True),
        "tanggal": Kolom("tanggal", wajib=True),
        "jp": Kolom("angka", wajib=True, lebih_dari=0),
    },
    "status_skp": {
        "nip": Kolom("nip", wajib=True),
        "tahun": Kolom("tahun", wajib=True),
        "skp_status": Kolom(wajib=True),
        "opd": Kolom(),
    },
}

#: Kolom yang bersama-sama tidak boleh muncul dua kali (baris kedua dan seterusnya ditolak).
KUNCI_UNIK: dict[str, tuple[str, ...]] = {
    "pegawai": ("nip",),
    "indikator": ("nip", "periode", "rhk", "indikator", "aspek"),
    "perilaku": ("nip", "periode", "aspek"),
    "evaluasi_atasan": ("nip", "periode"),
    "organisasi": ("opd", "periode"),
    "katalog_pelatihan": ("kode",),
    "status_skp": ("nip", "tahun"),
}

#: Sasaran katalog: satu aspek, satu nilai BerAKHLAK, atau dimensi umum (``hasil_kerja``,
#: ``perilaku``) untuk rekomendasi dari rating saja.
SASARAN = ASPEK + tuple(f"perilaku:{b}" for b in BERAKHLAK) + ("hasil_kerja", "perilaku")
