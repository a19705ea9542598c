"""Buku Excel yang siap dipakai analis (:func:`tulis_buku`), ditulis dengan XlsxWriter.

Setiap lembar: header tebal yang dibekukan, filter otomatis atas seluruh data, lebar kolom
menurut isinya (10 sampai 60 karakter), pecahan sebagai angka sungguhan yang tampil dengan satu
desimal (format ``0.0``), bilangan bulat sebagai bilangan bulat, tanggal sebagai tanggal, dan
kolom NIP (:func:`kolom_nip`) sebagai teks berformat ``@``, sehingga Excel tidak pernah
menampilkannya sebagai 1,98103E+17. Sel kosong (NaN, None) tetap kosong.

XlsxWriter dipakai dalam mode ``constant_memory``: setiap baris langsung dipindahkan ke berkas
sementara begitu baris berikutnya dimulai, jadi memori tetap kecil berapa pun panjang lembarnya,
tetapi baris harus ditulis berurutan (``write_row`` per baris; ``write_column`` tidak bisa). Teks
menjadi *inline string* (mode ini tidak memakai tabel *shared strings*). Yang dikerjakan per
kolom dengan pyarrow, tanpa perulangan Python per sel: jenis sel, format kolom, sel kosong,
pembersihan teks dan lebar kolom.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from .atomik import _tulis_atomik

__all__ = ["kolom_nip", "tulis_buku"]

#: Batas baris satu lembar Excel, di luar header; tabel yang lebih panjang dipecah.
_BARIS_EXCEL = 1_048_575
_LEBAR_MIN, _LEBAR_MAKS = 10, 60
_BATAS_SEL = 32_767  # satuan UTF-16 terbanyak dalam satu sel Excel
_BARIS_PER_POTONGAN = 50_000  # baris yang nilainya diubah ke objek Python sekaligus
_TIDAK_SAH_XML = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x{FFFE}\x{FFFF}]"  # huruf yang tidak sah di XML
_TIDAK_SAH_XML_PY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TERLARANG_JUDUL = re.compile(r"[\[\]:*?/\\]")

_OPSI_BUKU = {
    "constant_memory": True,
    "strings_to_formulas": False,  # teks "=1+1" tetap teks, bukan rumus
    "strings_to_urls": False,  # alamat web tetap teks biasa
    "use_zip64": True,  # ZIP64 hanya dipakai bila satu bagian buku melebihi 4 GiB
}
_FORMAT = {
    "header": {"bold": True},
    "desimal": {"num_format": "0.0"},
    "teks": {"num_format": "@"},
    "tanggal": {"num_format": "yyyy-mm-dd"},
    "waktu": {"num_format": "yyyy-mm-dd hh:mm:ss"},
}


def kolom_nip(nama: object) -> bool:
    """Kolom berisi NIP (``nip``, ``nip_atasan``, ``nip_penilai``, ``NIP``...): namanya diawali
    ``nip``, tanpa membedakan huruf besar-kecil.

    Examples
    --------
    >>> [kolom_nip(k) for k in ["nip", "NIP", " nip_penilai", "nama", "jenis_nip"]]
    [True, True, True, False, False]
    """
    return str(nama).strip().lower().startswith("nip")


class _TeksKaya(str):
    """Teks berbentuk ``<r>...</r>``: XlsxWriter (mode ``constant_memory``) menulisnya mentah
    sebagai *rich string*, yang merusak selnya; ditulis lewat :func:`_tulis_teks_kaya`."""


def _tulis_teks_kaya(lembar, baris: int, kolom: int, teks: str, format=None) -> int:
    """Penangan ``write()`` untuk :class:`_TeksKaya`: tiga potongan *rich string* tanpa gaya,
    yang di-*escape* seperti teks biasa dan terbaca kembali sebagai teks yang sama."""
    potongan = [teks[:1], teks[1:2], teks[2:], *([format] if format is not None else [])]
    return lembar.write_rich_string(baris, kolom, *potongan)


@dataclass
class _Kolom:
    """Satu kolom lembar: nilainya (null = sel kosong), format kolomnya, lebar tampilnya, dan
    sel yang harus diganti sebelum ditulis (teks terlalu panjang atau berbentuk ``<r>``)."""

    nilai: pa.Array
    gaya: str | None
    lebar: int
    ganti: np.ndarray | None = None  # nomor baris, terurut
    pengganti: list[str] | None = None

    def potongan(self, awal: int, n: int) -> list:
        """Nilai baris ``awal`` .. ``awal + n`` sebagai objek Python (None = sel kosong)."""
        isi = self.nilai.slice(awal, n).to_pylist()
        if self.ganti is not None:
            dari, sampai = np.searchsorted(self.ganti, [awal, awal + n])
            for i in range(dari, sampai):
                isi[self.ganti[i] - awal] = self.pengganti[i]
        return isi


def _lebar(panjang: int) -> int:
    return int(min(_LEBAR_MAKS, max(_LEBAR_MIN, panjang + 2)))


def _teks_arrow(seri: pd.Series) -> pa.Array:
    """Kolom apa pun sebagai larik teks Arrow (nilai hilang = null); kategori diubah pada
    kamusnya saja."""
    if isinstance(seri.dtype, pd.CategoricalDtype):
        kamus = _teks_arrow(pd.Series(seri.cat.categories))
        kode = seri.cat.codes.to_numpy()
        return kamus.take(pa.array(kode, mask=kode < 0))
    teks = pa.array(seri.astype("str"), from_pandas=True).cast(pa.string())
    return teks.combine_chunks() if isinstance(teks, pa.ChunkedArray) else teks


def _potong_utf16(teks: str) -> str:
    return teks.encode("utf-16-le")[: 2 * _BATAS_SEL].decode("utf-16-le", "ignore")


def _kolom_teks(seri: pd.Series, gaya: str | None) -> _Kolom:
    """Teks tanpa huruf yang tidak sah di XML; sel yang melebihi batas Excel dipotong di sini
    (``write_row`` berhenti di tengah baris bila XlsxWriter harus memotongnya)."""
    teks = pc.replace_substring_regex(_teks_arrow(seri), _TIDAK_SAH_XML, "")
    panjang = pc.utf8_length(teks)
    kaya = pc.and_(pc.starts_with(teks, "<r>"), pc.ends_with(teks, "</r>"))
    khusus = pc.or_(pc.greater(panjang, _BATAS_SEL // 2), kaya)
    ganti = np.flatnonzero(pc.fill_null(khusus, False).to_numpy(zero_copy_only=False))
    pengganti = [
        (_TeksKaya if k else str)(_potong_utf16(t))
        for t, k in zip(teks.take(ganti).to_pylist(), kaya.take(ganti).to_pylist(), strict=True)
    ]
    terpanjang = pc.max(panjang).as_py() or 0
    return _Kolom(teks, gaya, terpanjang, ganti if len(ganti) else None, pengganti)


def _angka(nilai: np.ndarray) -> pa.Array:
    """Angka sebagai larik Arrow; NaN dan tak hingga menjadi null (sel kosong)."""
    return pa.array(nilai, mask=~np.isfinite(nilai))


def _siapkan(seri: pd.Series, nama: str) -> _Kolom:
    """Nilai, format dan lebar satu kolom, menurut tipenya."""
    dtype = seri.dtype
    if kolom_nip(nama) or not (
        pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_datetime64_any_dtype(dtype)
    ):
        kolom = _kolom_teks(seri, "teks" if kolom_nip(nama) else None)
    elif pd.api.types.is_bool_dtype(dtype):
        kolom = _Kolom(pa.array(seri, type=pa.bool_(), from_pandas=True), None, 5)
    elif pd.api.types.is_integer_dtype(dtype):
        isi = pa.array(seri, from_pandas=True)
        panjang = pc.max(pc.utf8_length(pc.cast(isi, pa.string()))).as_py() or 0
        kolom = _Kolom(isi, None, panjang)
    elif pd.api.types.is_datetime64_any_dtype(dtype):
        waktu = seri.dt.tz_localize(None) if seri.dt.tz is not None else seri
        hari = (waktu - pd.Timestamp("1899-12-30")) / pd.Timedelta(days=1)  # nomor seri Excel
        tanggal_saja = bool((waktu.dropna() == waktu.dropna().dt.normalize()).all())
        gaya, panjang = ("tanggal", 10) if tanggal_saja else ("waktu", 19)
        kolom = _Kolom(_angka(hari.to_numpy(dtype="float64", na_value=np.nan)), gaya, panjang)
    else:  # pecahan (termasuk Float64): angka sungguhan, tampil satu desimal
        isi = seri.to_numpy(dtype="float64", na_value=np.nan)
        terbesar = np.nanmax(np.abs(isi), initial=0, where=np.isfinite(isi))
        panjang = len(f"{terbesar:.1f}") + bool((isi < 0).any())
        kolom = _Kolom(_angka(isi), "desimal", panjang)
    kolom.lebar = _lebar(max(kolom.lebar, len(str(nama))))
    return kolom


def _tulis_lembar(lembar, data: pd.DataFrame, gaya: dict) -> None:
    kolom = [_siapkan(data.iloc[:, j], str(k)) for j, k in enumerate(data.columns)]
    for j, k in enumerate(kolom):
        lembar.set_column(j, j, k.lebar, gaya.get(k.gaya))
    lembar.freeze_panes(1, 0)
    if not kolom:
        return
    lembar.add_write_handler(_TeksKaya, _tulis_teks_kaya)
    header = [_TIDAK_SAH_XML_PY.sub("", str(k)) for k in data.columns]
    lembar.write_row(0, 0, header, gaya["header"])
    lembar.autofilter(0, 0, len(data), len(kolom) - 1)
    tulis = lembar.write_row
    for awal in range(0, len(data), _BARIS_PER_POTONGAN):
        isi = [k.potongan(awal, _BARIS_PER_POTONGAN) for k in kolom]
        for r, baris in enumerate(zip(*isi, strict=True), start=awal + 1):
            if tulis(r, 0, baris):  # bukan 0: baris tertulis sebagian
                raise RuntimeError(f"XlsxWriter gagal menulis baris {r + 1}")


def _judul_lembar(lembar: dict[str, pd.DataFrame]) -> list[tuple[str, pd.DataFrame]]:
    """(judul, tabel) tiap lembar: tabel yang melebihi batas baris Excel dipecah ke
    ``<nama>_2``, ``<nama>_3``, ...; huruf yang dilarang Excel di nama lembar (``[]:*?/\\``)
    menjadi ``-``, dan judul kembar diberi nomor."""
    hasil, dipakai = [], set()
    for nama, data in lembar.items():
        dasar = _TERLARANG_JUDUL.sub("-", str(nama)).strip("'") or "Lembar"
        for i, awal in enumerate(range(0, max(len(data), 1), _BARIS_EXCEL)):
            judul = dasar[:28] if i == 0 else f"{dasar[:25]}_{i + 1}"
            calon, n = judul, 2
            while calon.lower() in dipakai:
                calon, n = f"{judul[:26]} ({n})", n + 1
            dipakai.add(calon.lower())
            hasil.append((calon, data.iloc[awal : awal + _BARIS_EXCEL]))
    return hasil


def _tulis_xlsx(lembar: dict[str, pd.DataFrame], path: Path) -> None:
    """Isi :func:`tulis_buku`, tanpa penulisan atomik. Berkas sementara XlsxWriter (XML
    lembar) berada di folder tersembunyi di samping ``path``: disk yang sama, dan dibersihkan
    bila penulisan gagal."""
    judul = _judul_lembar(lembar)
    path = Path(path)
    with tempfile.TemporaryDirectory(
        prefix=".asn-xlsx-", suffix=".sementara", dir=path.parent, ignore_cleanup_errors=True
    ) as sementara:
        buku = xlsxwriter.Workbook(str(path), {**_OPSI_BUKU, "tmpdir": sementara})
        gaya = {nama: buku.add_format(isi) for nama, isi in _FORMAT.items()}
        for j, data in judul:
            _tulis_lembar(buku.add_worksheet(j), data, gaya)
        try:
            buku.close()
        except FileCreateError as galat:  # OSError yang dibungkus XlsxWriter
            raise galat.args[0] from None


def tulis_buku(lembar: dict[str, pd.DataFrame], path: Path) -> Path:
    """Tulis setiap tabel ``lembar`` (nama lembar -> tabel, berurutan) ke satu buku Excel,
    atomik.

    Buku siap dipakai analis: header tebal yang dibekukan, filter otomatis, lebar kolom menurut
    isi, pecahan tampil satu desimal (nilainya tetap utuh), NIP (:func:`kolom_nip`) sebagai
    teks. Tabel yang melebihi batas baris Excel dipecah ke lembar ``<nama>_2``, ``<nama>_3``,
    ...; huruf yang dilarang Excel di nama lembar diganti ``-``.

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> with tempfile.TemporaryDirectory() as d:
    ...     tabel = pd.DataFrame({"nip": ["198609262015051001"], "nilai": [87.25]})
    ...     path = tulis_buku({"Skor": tabel}, Path(d) / "b.xlsx")
    ...     sel = openpyxl.load_workbook(path)["Skor"]["A2":"B2"][0]
    ...     [(c.value, c.number_format) for c in sel]
    [('198609262015051001', '@'), (87.25, '0.0')]
    """
    return _tulis_atomik(Path(path), lambda sementara: _tulis_xlsx(lembar, sementara))
