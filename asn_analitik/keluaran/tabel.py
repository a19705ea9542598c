"""Tabel hasil sebagai CSV, Parquet atau buku Excel (:func:`tulis_tabel`).

CSV ditulis dengan pyarrow (cepat, dan bytenya sama untuk masukan yang sama), dalam gaya kontrak
(``standar``: koma, titik desimal, UTF-8 tanpa BOM) atau, di dalam blok :func:`gaya_csv`, gaya
``excel-id`` untuk Excel berbahasa Indonesia.
"""

from __future__ import annotations

import codecs
import contextlib
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar
from itertools import islice
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .atomik import _tulis_atomik
from .excel import kolom_nip, tulis_buku

__all__ = ["GAYA_CSV", "gaya_csv", "gaya_csv_aktif", "tabel_excel_id", "tulis_tabel"]

#: Gaya CSV: ``standar`` (kontrak: ``,``, titik desimal, UTF-8 tanpa BOM) dan ``excel-id``
#: (Excel berbahasa Indonesia: ``;``, koma desimal, UTF-8 dengan BOM, NIP ``="..."``).
GAYA_CSV = ("standar", "excel-id")
_GAYA_CSV: ContextVar[str] = ContextVar("gaya_csv", default="standar")
#: Teks digit yang dibungkus ``="..."`` di CSV excel-id: di kolom NIP semuanya; di kolom lain
#: yang 12 digit atau lebih (Excel menampilkan angka 12 digit ke atas sebagai 1,23457E+11 dan
#: hanya menyimpan 15 angka pertama).
_DIGIT_NIP, _DIGIT_PANJANG = "^[0-9]+$", "^[0-9]{12,}$"


def _ke_arrow(data: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(data, preserve_index=False)


#: Kolom kategori dengan kamus sebesar ini ditulis ke Parquet sebagai teks biasa.
BATAS_KAMUS_PARQUET = 1 << 16


def _untuk_parquet(tabel: pa.Table) -> pa.Table:
    """Kolom berkamus besar (mis. NIP jutaan pegawai) menjadi teks biasa sebelum ditulis ke
    Parquet. Penulis Parquet menyalin seluruh kamus kolom ke setiap kelompok baris; untuk 4,4
    juta NIP itu 40 MB per kelompok (berkas 1,07 GB dan 33 s untuk 26 juta baris capaian).
    Sebagai teks, Parquet membuat kamus sendiri per kelompok dari nilai yang ada di kelompok
    itu. Kamus kecil (aspek, periode, OPD) tetap kamus."""
    kolom = []
    for isi in tabel.columns:
        if (
            pa.types.is_dictionary(isi.type)
            and max((len(c.dictionary) for c in isi.chunks), default=0) > BATAS_KAMUS_PARQUET
        ):
            isi = isi.cast(pa.large_string())
        kolom.append(isi)
    return pa.table(kolom, names=tabel.column_names) if kolom else tabel


@contextlib.contextmanager
def gaya_csv(gaya: str) -> Iterator[None]:
    """Selama blok, CSV dari :func:`tulis_tabel` (dan data contoh) ditulis dalam ``gaya``.

    ``excel-id`` untuk Excel berbahasa Indonesia, yang membuka CSV dengan pemisah ``;`` dan
    koma desimal: pemisah ``;``, koma desimal, UTF-8 dengan BOM (agar huruf seperti é tampil
    benar), dan NIP (serta teks digit lain sepanjang 12 atau lebih, :func:`tabel_excel_id`)
    sebagai ``="198609262015051001"`` sehingga Excel menyimpannya sebagai teks, bukan
    ``1,98609E+17``. Pembaca kit (:mod:`asn_analitik.masuk`) membaca keduanya.

    Examples
    --------
    >>> with gaya_csv("excel-id"):
    ...     gaya_csv_aktif()
    'excel-id'
    >>> gaya_csv_aktif()
    'standar'
    """
    if gaya not in GAYA_CSV:
        raise ValueError(f"gaya CSV {gaya!r} tidak dikenal; pilih {' atau '.join(GAYA_CSV)}")
    token = _GAYA_CSV.set(gaya)
    try:
        yield
    finally:
        _GAYA_CSV.reset(token)


def gaya_csv_aktif() -> str:
    """Gaya CSV yang berlaku saat ini (lihat :func:`gaya_csv`); bawaan ``standar``."""
    return _GAYA_CSV.get()


def tabel_excel_id(tabel: pa.Table) -> pa.Table:
    """``tabel`` untuk CSV ``excel-id``: pecahan sebagai teks berkoma desimal (angka yang sama
    dengan tulisan CSV standar, titiknya diganti koma) dan teks berupa digit yang akan dirusak
    Excel sebagai ``="<digit>"``: di kolom NIP (:func:`~asn_analitik.keluaran.kolom_nip`) setiap
    sel digit, di kolom teks lain sel digit sepanjang 12 atau lebih (mis. NIP di kolom ``nilai``
    ``ditolak.csv``, NIK), yang oleh Excel ditampilkan sebagai 1,98609E+17 dan dipotong ke 15
    angka. Kolom lain (tanggal ISO, bilangan bulat) tidak berubah.

    Examples
    --------
    >>> t = pa.table({"nip": ["198609262015051001"], "nilai": ["3201011501900001"],
    ...               "kode": ["12345678901"]})
    >>> tabel_excel_id(t).to_pylist()
    [{'nip': '="198609262015051001"', 'nilai': '="3201011501900001"', 'kode': '12345678901'}]
    """
    kolom = []
    for nama, isi in zip(tabel.column_names, tabel.columns, strict=True):
        jenis = isi.type.value_type if pa.types.is_dictionary(isi.type) else isi.type
        if pa.types.is_floating(jenis):
            isi = pc.replace_substring(pc.cast(pc.cast(isi, jenis), pa.string()), ".", ",")
        elif pa.types.is_string(jenis) or pa.types.is_large_string(jenis):
            teks = pc.cast(isi, pa.string())
            pola = _DIGIT_NIP if kolom_nip(nama) else _DIGIT_PANJANG
            digit = pc.match_substring_regex(teks, pola)
            isi = pc.if_else(digit, pc.binary_join_element_wise('="', teks, '"', ""), teks)
        kolom.append(isi)
    return pa.table(kolom, names=tabel.column_names)


#: Baris per potongan CSV yang ditulis bersamaan di beberapa utas (pyarrow melepas GIL).
BARIS_POTONGAN_CSV = 500_000
_UTAS_CSV = 2


def _csv_berpotongan(tabel: pa.Table, f, opsi: pacsv.WriteOptions) -> None:
    """Tulis ``tabel`` sebagai CSV ke berkas terbuka ``f``: tabel besar dipotong, potongannya
    diubah menjadi teks CSV di beberapa utas, lalu ditulis berurutan (bita sama dengan satu
    kali ``write_csv``; paling banyak beberapa potongan di memori sekaligus)."""
    if tabel.num_rows <= BARIS_POTONGAN_CSV:
        pacsv.write_csv(tabel, f, opsi)
        return
    tanpa_judul = pacsv.WriteOptions(
        include_header=False, delimiter=opsi.delimiter, quoting_style=opsi.quoting_style
    )

    def teks(awal: int) -> pa.Buffer:
        wadah = pa.BufferOutputStream()
        potong = tabel.slice(awal, BARIS_POTONGAN_CSV)
        pacsv.write_csv(potong, wadah, opsi if awal == 0 else tanpa_judul)
        return wadah.getvalue()

    awal = iter(range(0, tabel.num_rows, BARIS_POTONGAN_CSV))
    with ThreadPoolExecutor(_UTAS_CSV) as pelaksana:
        antre = deque(pelaksana.submit(teks, a) for a in islice(awal, _UTAS_CSV + 1))
        while antre:
            f.write(antre.popleft().result())
            if (a := next(awal, None)) is not None:
                antre.append(pelaksana.submit(teks, a))


def _tulis_csv(data: pd.DataFrame, jalur: Path) -> None:
    with open(jalur, "wb") as f:
        if _GAYA_CSV.get() == "standar":  # kontrak: bytenya tidak boleh berubah
            _csv_berpotongan(_ke_arrow(data), f, pacsv.WriteOptions(quoting_style="needed"))
            return
        f.write(codecs.BOM_UTF8)
        opsi = pacsv.WriteOptions(quoting_style="needed", delimiter=";")
        _csv_berpotongan(tabel_excel_id(_ke_arrow(data)), f, opsi)


def tulis_tabel(
    data: pd.DataFrame,
    folder: Path,
    nama: str,
    format: str = "csv",
    baris_per_kelompok: int | None = None,
) -> Path:
    """Tulis ``data`` ke ``folder/nama.<format>`` dan kembalikan jalurnya.

    CSV dalam gaya yang berlaku (:func:`gaya_csv`; bawaan ``standar``).
    ``baris_per_kelompok`` (Parquet saja): ukuran *row group*; kelompok kecil pada data yang
    terurut membuat pembacaan berfilter hanya membuka kelompok yang relevan.
    """
    tujuan = Path(folder) / f"{nama}.{format}"
    if format == "xlsx":
        return tulis_buku({nama: data}, tujuan)
    if format == "csv":
        return _tulis_atomik(tujuan, lambda p: _tulis_csv(data, p))
    return _tulis_atomik(
        tujuan,
        lambda p: pq.write_table(
            _untuk_parquet(_ke_arrow(data)), p, row_group_size=baris_per_kelompok
        ),
    )
