"""Skema tiap tabel masukan: jenis kolom, pembakuan nilai, dan skema pandera.

Setiap kolom punya satu *jenis* (teks, NIP, periode, pilihan, angka, tanggal) yang tahu cara
membakukan nilainya dan pemeriksaan pandera apa yang berlaku. Skema pandera dibangun dari
daftar ini, sehingga aturan validasi dapat dibaca di satu tempat. Setiap pemeriksaan punya
kunci (``error``) yang diterjemahkan menjadi alasan berbahasa Indonesia di :mod:`.alasan`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc

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
from .kunci import kode_dalam
from .nip import bakukan_nip, masalah_nip
from .periode import BULAN as _BULAN
from .periode import bakukan_periode

__all__ = [
    "KUNCI_UNIK",
    "SASARAN",
    "SPESIFIKASI",
    "Kolom",
    "bakukan_tabel",
    "baris_ganda",
    "buat_skema",
    "status_nip",
]


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


def _teks(nilai: pd.Series) -> pd.Series:
    if nilai.dtype == "str" or isinstance(nilai.dtype, pd.CategoricalDtype):
        return nilai
    teks = nilai.astype("str").str.strip()
    return teks.where(nilai.notna())


def per_nilai_unik(fungsi, nilai: pd.Series) -> pd.Series:
    """Terapkan ``fungsi`` (Series -> Series) pada nilai unik saja, lalu sebarkan kembali.

    Kolom seperti aspek, arah atau periode hanya punya segelintir nilai berbeda di jutaan
    baris; membakukan nilai uniknya jauh lebih cepat.

    Examples
    --------
    >>> per_nilai_unik(lambda s: s.str.upper(), pd.Series(["a", None, "a"])).tolist()
    ['A', nan, 'A']
    >>> per_nilai_unik(lambda s: s.str.upper(), pd.Series(["a", "b"])).dtype
    CategoricalDtype(categories=['A', 'B'], ordered=False, categories_dtype=str)
    """
    posisi, unik = pd.factorize(nilai)
    if isinstance(nilai.dtype, pd.CategoricalDtype):
        unik = np.asarray(unik, dtype=object)
    teks = nilai.dtype == "str" or isinstance(nilai.dtype, pd.CategoricalDtype)
    hasil = fungsi(pd.Series(unik, dtype="str" if teks else None))
    if not (hasil.dtype == "str" or hasil.dtype == object):
        tambahan = pd.Series([np.nan], dtype=hasil.dtype)
        lengkap = pd.concat([hasil.reset_index(drop=True), tambahan], ignore_index=True)
        return pd.Series(lengkap.to_numpy()[posisi], index=nilai.index, dtype=hasil.dtype)
    # Teks tetap berupa kode + kategori: puluhan juta baris tidak menjadi objek Python.
    kode_baru, kategori = pd.factorize(hasil.to_numpy())
    kode = np.where(posisi >= 0, np.append(kode_baru, -1)[posisi], -1)
    return pd.Series(
        pd.Categorical.from_codes(kode, categories=pd.Index(kategori, dtype="str")),
        index=nilai.index,
    )


def _kunci_pilihan(nilai: pd.Series, alias: dict[str, str]) -> pd.Series:
    def _baku(unik: pd.Series) -> pd.Series:
        teks = _teks(unik).str.lower().str.replace(r"[^0-9a-z:]+", "_", regex=True)
        teks = teks.str.strip("_")
        return teks.replace(alias) if alias else teks

    return per_nilai_unik(_baku, nilai)


def _angka(nilai: pd.Series, desimal_koma: bool) -> pd.Series:
    """Teks menjadi angka; yang tidak dapat dibaca menjadi ``NaN``.

    Dengan ``desimal_koma`` (CSV berpemisah ``;`` atau Excel, lokal Indonesia): ``85,5`` = 85,5
    dan ``1.250,5`` = 1250,5; tanpa koma, ``1.250`` dan ``12.500.000`` dibaca sebagai pemisah
    ribuan, sedangkan ``85.5`` dan ``0.500`` tetap titik desimal.

    Examples
    --------
    >>> _angka(pd.Series(["85,5", "1.250,5", "1.250", "85.5", "0.500", "90%", "x"]), True).tolist()
    [85.5, 1250.5, 1250.0, 85.5, 0.5, 90.0, nan]
    """
    if pd.api.types.is_numeric_dtype(nilai.dtype) and nilai.dtype != bool:
        return nilai.astype("float64")
    teks = _teks(nilai).str.replace("[ \t\xa0%]", "", regex=True)
    if desimal_koma:
        ada_koma = teks.str.contains(",", regex=False).fillna(False).astype(bool)
        ribuan = teks.str.fullmatch("-?[1-9][0-9]{0,2}([.][0-9]{3})+").fillna(False).astype(bool)
        tanpa_titik = teks.str.replace(".", "", regex=False)
        teks = teks.mask(ada_koma, tanpa_titik.str.replace(",", ".", regex=False))
        teks = teks.mask(ribuan & ~ada_koma, tanpa_titik)
    try:  # jalur cepat: semua sel sudah angka yang sah
        angka = pc.cast(pyarrow.array(teks, from_pandas=True), pyarrow.float64())
        hasil = pd.Series(angka.to_numpy(zero_copy_only=False), index=teks.index)
    except (pyarrow.ArrowInvalid, pyarrow.ArrowNotImplementedError):
        hasil = pd.to_numeric(teks, errors="coerce").astype("float64")
    # "inf" dan "nan" tertulis bukan angka yang dapat dinilai.
    return hasil.where(np.isfinite(hasil))


def _satu_tanggal(teks: str) -> pd.Timestamp | None:
    """Satu tanggal: ``TTTT-BB-HH``, ``HH/BB/TTTT`` (juga ``-`` dan ``.``), ``TTTT/BB/HH``,
    ``15 Maret 2026``, atau nomor seri tanggal Excel (``45366``, sel tanggal yang terbaca
    sebagai angka)."""
    t = teks.strip()
    if re.fullmatch(r"[0-9]{5}(\.0+)?", t) and 10_000 <= float(t) <= 80_000:
        return pd.Timestamp("1899-12-30") + pd.Timedelta(days=int(float(t)))
    cocok = re.fullmatch(r"([0-9]{1,2})[\s\-]+([A-Za-z]+)[\s\-]+([0-9]{4})", t)
    if cocok and cocok.group(2).lower() in _BULAN:
        t = f"{cocok.group(3)}-{_BULAN[cocok.group(2).lower()]:02d}-{int(cocok.group(1)):02d}"
    for bentuk in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d"):
        hasil = pd.to_datetime(t[:10], format=bentuk, errors="coerce")
        if not pd.isna(hasil):
            return hasil
    return None


def _tanggal(nilai: pd.Series) -> pd.Series:
    """Tanggal tiap sel (dikerjakan per nilai unik); yang tidak dikenali menjadi ``NaT``.

    Examples
    --------
    >>> _tanggal(pd.Series(["2026-03-15", "15/03/2026", "15 Maret 2026", "46096", "03/15/2026",
    ...     None])).dt.strftime("%Y-%m-%d").tolist()
    ['2026-03-15', '2026-03-15', '2026-03-15', '2026-03-15', nan, nan]
    """
    posisi, unik = pd.factorize(_teks(nilai))
    hasil = pd.to_datetime(pd.Series([_satu_tanggal(str(u)) for u in unik] + [None]))
    return pd.Series(hasil.to_numpy()[posisi], index=nilai.index)


def _tahun(nilai: pd.Series) -> pd.Series:
    """Tahun empat digit (``2026``, juga ``2026.0`` dari sel angka); selain itu kosong.

    Examples
    --------
    >>> _tahun(pd.Series(["2026", "2026.0", "26", None])).tolist()
    ['2026', '2026', nan, nan]
    """
    teks = _teks(nilai).astype("str").str.replace(r"\.0+$", "", regex=True)
    sah = teks.str.fullmatch(r"(19|20)[0-9]{2}").fillna(False).astype(bool)
    return teks.where(sah)


def bakukan_tabel(nama: str, mentah: pd.DataFrame, desimal_koma: bool) -> pd.DataFrame:
    """Bakukan nilai tiap kolom yang dikenal; kolom lain dibawa apa adanya.

    Kolom opsional yang tidak ada di berkas ditambahkan (kosong, atau nilai bawaannya).
    Nilai yang tidak dapat dibakukan menjadi kosong; pemeriksaan skema lalu membandingkannya
    dengan nilai mentah untuk membedakan "kosong" dari "tidak sah".
    """
    ubah = {
        "nip": lambda s, _: per_nilai_unik(lambda u: bakukan_nip(_teks(u)), s),
        "periode": lambda s, _: per_nilai_unik(lambda u: bakukan_periode(_teks(u)), s),
        "pilihan": _kunci_pilihan,
        "sasaran": _kunci_pilihan,
        "angka": lambda s, _: _angka(s, desimal_koma),
        "tanggal": lambda s, _: _tanggal(s),
        "tahun": lambda s, _: _tahun(s),
        "teks": lambda s, _: _teks(s),
    }
    baku = mentah.copy()
    for kolom, aturan in SPESIFIKASI[nama].items():
        nilai = baku[kolom] if kolom in baku else pd.Series(np.nan, index=baku.index, dtype="str")
        hasil = ubah[aturan.jenis](nilai, aturan.alias)
        if aturan.bawaan is not None:
            if isinstance(hasil.dtype, pd.CategoricalDtype):
                hasil = hasil.astype("str")
            isi = baku[aturan.bawaan[1:]] if aturan.bawaan.startswith("@") else aturan.bawaan
            if isinstance(getattr(isi, "dtype", None), pd.CategoricalDtype):
                isi = isi.astype("str")
            hasil = hasil.where(nilai.notna(), isi)
        baku[kolom] = hasil
    return baku


def _periksa(fungsi, kunci: str) -> pa.Check:
    return pa.Check(fungsi, error=kunci, name=kunci, ignore_na=False)


def status_nip(nip: pd.Series, acuan: pd.Index | None) -> pd.Series:
    """Kode masalah tiap NIP: ``NaN`` (sah), kode dari :func:`masalah_nip`, atau
    ``tidak_terdaftar`` (bentuk sah tetapi tidak ada di ``acuan``).

    Hanya NIP yang tidak ada di ``acuan`` yang diperiksa bentuknya: NIP pegawai sudah
    diperiksa di tabel pegawai, dan tabel indikator bisa berisi jutaan baris.
    """
    status = pd.Series(np.nan, index=nip.index, dtype="str")
    sisa = nip.notna()
    if acuan is not None:
        sisa &= kode_dalam(nip, acuan) < 0
    status[sisa] = masalah_nip(nip[sisa])
    if acuan is not None:
        status[sisa & status.isna()] = "tidak_terdaftar"
    return status


def _cek_kolom(
    kolom: str, aturan: Kolom, mentah: pd.DataFrame, baku: pd.DataFrame, konteks: dict
) -> list[pa.Check]:
    ada_mentah = mentah[kolom].notna() if kolom in mentah else None
    cek: list[pa.Check] = []
    if aturan.wajib:
        cek.append(_periksa(lambda s: ada_mentah.reindex(s.index, fill_value=False), "wajib"))
    if ada_mentah is not None and aturan.jenis in ("periode", "angka", "tanggal", "tahun"):
        # Terisi di berkas tetapi tidak dapat dibakukan: nilai tidak sah sesuai jenisnya.
        cek.append(_periksa(lambda s: s.notna() | ~ada_mentah.loc[s.index], aturan.jenis))
    if aturan.jenis == "nip":
        acuan = konteks.get("acuan_nip", {}).get(kolom)
        acuan = acuan(baku, konteks) if callable(acuan) else acuan
        status = status_nip(baku[kolom], acuan)
        bentuk_sah = status.isna() | (status == "tidak_terdaftar")
        cek.append(_periksa(lambda s: bentuk_sah.loc[s.index], "nip"))
        if acuan is not None:
            kunci = "nip_terdaftar" if kolom == "nip" else "atasan_terdaftar"
            cek.append(_periksa(lambda s: status.loc[s.index] != "tidak_terdaftar", kunci))
    if aturan.pilihan:
        cek.append(_periksa(lambda s, p=aturan.pilihan: s.isna() | s.isin(p), "pilihan"))
    if aturan.jenis == "sasaran":
        cek.append(_periksa(lambda s: s.isna() | s.isin(SASARAN), "sasaran"))
    if aturan.lebih_dari is not None:
        cek.append(_periksa(lambda s, b=aturan.lebih_dari: s.isna() | (s > b), "lebih_dari"))
    if aturan.minimum is not None:
        cek.append(_periksa(lambda s, b=aturan.minimum: s.isna() | (s >= b), "minimum"))
    if aturan.bulat_1_5:
        cek.append(
            _periksa(lambda s: s.isna() | (s.between(1, 5) & (s == np.floor(s))), "bulat_1_5")
        )
    return cek


def baris_ganda(baku: pd.DataFrame, tabel: str) -> tuple[pd.Series, pd.Series]:
    """Baris yang ditolak karena kuncinya (:data:`KUNCI_UNIK`) muncul lebih dari sekali.

    Baris yang sama persis: yang pertama dipakai, sisanya ditolak. Baris dengan kunci sama tetapi
    isi berbeda (bertentangan): semuanya ditolak, karena kit tidak dapat menebak mana yang
    benar; dengan begitu hasil juga tidak bergantung pada urutan baris di berkas.

    Returns
    -------
    (ditolak, bertentangan)
        Dua ``Series`` boolean sejajar dengan ``baku``.
    """
    kunci = list(KUNCI_UNIK[tabel])
    isi = [k for k in SPESIFIKASI[tabel] if k in baku]
    sama_kunci = baku.duplicated(kunci, keep=False)
    if not sama_kunci.any():
        kosong = pd.Series(False, index=baku.index)
        return kosong, kosong
    calon = baku.loc[sama_kunci, isi]
    sidik = pd.util.hash_pandas_object(calon.astype("str"), index=False)
    ragam = sidik.groupby([calon[k].astype("str") for k in kunci], dropna=False).transform(
        "nunique"
    )
    bertentangan = pd.Series(False, index=baku.index)
    bertentangan[calon.index] = (ragam > 1).to_numpy()
    salinan = sama_kunci & ~bertentangan & baku.duplicated(isi, keep="first")
    return bertentangan | salinan, bertentangan


def buat_skema(
    nama: str, mentah: pd.DataFrame, baku: pd.DataFrame, konteks: dict
) -> pa.DataFrameSchema:
    """Skema pandera untuk tabel ``nama``.

    Parameters
    ----------
    nama
        Nama tabel (kunci :data:`SPESIFIKASI`).
    mentah
        Tabel sebelum dibakukan; dipakai untuk membedakan sel kosong dari nilai tidak sah.
    baku
        Tabel sesudah dibakukan (:func:`bakukan_tabel`), yang akan divalidasi.
    konteks
        ``acuan_nip``: untuk kolom NIP yang harus merujuk ke NIP lain, ``{kolom: acuan}``;
        acuan berupa ``Index`` NIP atau fungsi ``(tabel baku, konteks) -> Index``.
        ``nip_rusak``: NIP baris yang tidak dapat dipecah menjadi kolom (tetap ada di berkas).
    """
    kolom = {
        k: pa.Column(nullable=True, checks=_cek_kolom(k, a, mentah, baku, konteks))
        for k, a in SPESIFIKASI[nama].items()
    }
    cek_tabel = []
    if nama in KUNCI_UNIK:
        cek_tabel.append(_periksa(lambda d, n=nama: ~baris_ganda(d, n)[0], "ganda"))
    return pa.DataFrameSchema(kolom, checks=cek_tabel, name=nama, strict=False)
