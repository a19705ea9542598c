"""Membaca berkas tabel apa adanya: CSV (``,``, ``;`` atau tab), Excel/LibreOffice, Parquet.

Hasilnya satu ``DataFrame`` per tabel dengan nama kolom dibakukan (:mod:`.kolom`) dan kolom
``_baris``: nomor baris seperti tampil di spreadsheet (header = 1, baris data pertama = 2;
bila ada baris judul di atas header, nomornya ikut bergeser). Teks tetap teks (NIP tidak pernah
menjadi angka di sini); kolom bertipe angka dari Parquet dibiarkan bertipe angka.

Berkas yang bukan yang tertulis di namanya (buku Excel atau ZIP yang diberi akhiran ``.csv``,
UTF-16 tanpa penanda) dihentikan dengan pesan yang menyebut isi sebenarnya. Baris CSV yang
rusak (kolom lebih banyak dari header, tanda kutip yang tidak ditutup sehingga baris sesudahnya
tertelan, sel lebih panjang dari batas Excel) ditolak per baris; baris lain tetap dibaca.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..galat import InputTidakLayak
from .baca_csv import baca_csv
from .kolom import bakukan_header
from .lembar import baca_lembar
from .mentah import (
    BerkasTabel,
    kosong_jadi_na,
    nama_sementara,
    rapikan_kolom,
    rusak_kosong,
    tabel_berkamus,
    tanpa_baris_kosong_di_akhir,
)

__all__ = ["BerkasTabel", "baca_tabel", "jenis_sebenarnya"]


def jenis_sebenarnya(awal: bytes) -> str | None:
    """Jenis berkas menurut byte awalnya, bila bukan teks biasa.

    Examples
    --------
    >>> [jenis_sebenarnya(b) for b in [b"PK\\x03\\x04", b"\\xd0\\xcf\\x11\\xe0", b"PAR1", b"nip,a"]]
    ['zip', 'xls', 'parquet', None]
    >>> jenis_sebenarnya("nip,nama".encode("utf-16-le"))
    'utf16_tanpa_bom'
    """
    if awal.startswith(b"PK\x03\x04"):
        return "zip"
    if awal.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if awal.startswith(b"PAR1"):
        return "parquet"
    if awal.startswith(b"%PDF"):
        return "pdf"
    if awal.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        return None
    contoh = awal[:2000]
    if len(contoh) >= 4:
        genap, ganjil = contoh[0::2], contoh[1::2]
        if ganjil.count(0) > 0.4 * len(ganjil) and genap.count(0) == 0:
            return "utf16_tanpa_bom"
        if genap.count(0) > 0.4 * len(genap) and ganjil.count(0) == 0:
            return "utf16_tanpa_bom"
    if b"\x00" in contoh:
        return "biner"
    return None


def _isi_zip(path: Path) -> str:
    import zipfile

    try:
        with zipfile.ZipFile(path) as arsip:
            nama = arsip.namelist()
    except zipfile.BadZipFile:
        return "zip"
    if any(n.startswith("xl/") for n in nama):
        return "xlsx"
    if "content.xml" in nama and any(n == "mimetype" for n in nama):
        return "ods"
    if any(n.startswith("word/") for n in nama):
        return "docx"
    return "zip"


def _galat_jenis(path: Path, jenis: str) -> InputTidakLayak:
    """Pesan untuk berkas yang isinya bukan format yang tertulis di namanya."""
    akar = path.stem
    penjelasan = {
        "xlsx": f"sebenarnya buku Excel (.xlsx). Ganti namanya menjadi {akar}.xlsx",
        "ods": f"sebenarnya buku LibreOffice (.ods). Ganti namanya menjadi {akar}.ods",
        "xls": f"sebenarnya buku Excel lama (.xls). Ganti namanya menjadi {akar}.xls",
        "parquet": f"sebenarnya berkas Parquet. Ganti namanya menjadi {akar}.parquet",
        "docx": "sebenarnya dokumen Word, bukan tabel. Salin tabelnya ke Excel lalu simpan "
        f"sebagai {akar}.xlsx",
        "zip": "sebenarnya arsip ZIP. Ekstrak dulu, lalu taruh berkas tabelnya di folder data",
        "pdf": "sebenarnya dokumen PDF, bukan tabel. Minta berkas Excel atau CSV-nya",
        "utf16_tanpa_bom": (
            "tersimpan sebagai teks UTF-16 tanpa penanda (BOM), yang tidak dapat dikenali dengan "
            "pasti. Buka di Excel lalu Simpan Sebagai > 'CSV UTF-8 (Comma delimited)'"
        ),
        "biner": "berisi data biner, bukan teks CSV. Periksa bahwa ini berkas yang benar",
        "teks": f"berisi teks (CSV?), bukan buku kerja. Ganti namanya menjadi {akar}.csv",
        "rusak": "rusak atau terpotong (mis. unduhan yang belum selesai). Buka di Excel atau "
        "LibreOffice lalu simpan ulang, atau minta kiriman ulang",
    }[jenis]
    return InputTidakLayak(
        f"Berkas {path.name} {penjelasan}, lalu jalankan lagi.", berkas=path.name
    )


def baca_tabel(path: Path, tabel: str | None = None, ada_cr=None) -> BerkasTabel:
    """Baca satu berkas tabel menurut ekstensinya; header dicari di 20 baris pertama.

    Parameters
    ----------
    tabel
        Nama tabel (untuk alias kolom dan mencari baris header lewat kolom wajibnya).
    ada_cr
        Untuk CSV: fungsi ``path -> bool`` yang sudah tahu apakah berkas memuat ``\r``
        (:meth:`.sidik.SidikLatar.ada_cr`); tanpa itu berkas dipindai sendiri.

    Raises
    ------
    InputTidakLayak
        Berkas kosong (tanpa header), bukan UTF-8, bukan format yang tertulis di namanya, atau
        tidak dapat dibaca.
    """
    path = Path(path)
    akhiran = path.suffix.lower()
    with open(path, "rb") as f:
        awal = f.read(4096)
    jenis = jenis_sebenarnya(awal)
    if jenis == "zip":
        jenis = _isi_zip(path)
    harapan = {".csv": None, ".tsv": None, ".xls": "xls", ".parquet": "parquet"}.get(
        akhiran, "ods" if akhiran == ".ods" else "xlsx"
    )
    if jenis != harapan:
        raise _galat_jenis(path, jenis or "teks")
    try:
        if akhiran in (".csv", ".tsv"):
            return baca_csv(path, tabel, ada_cr)
        if akhiran == ".parquet":
            return _baca_parquet(path, tabel)
        header, isi, info = baca_lembar(path, tabel)
        return _dari_baris(path, tabel, header, isi, info)
    except InputTidakLayak:
        raise
    except Exception as galat:
        if os.environ.get("ASN_ANALITIK_DEBUG"):
            raise
        raise _galat_jenis(path, "rusak") from galat


def _dari_baris(path: Path, tabel, header: list, isi: list[list], info: dict) -> BerkasTabel:
    """Tabel dari baris spreadsheet (sudah teks); ``info['baris_header']`` = nomor baris
    header. Sel di kanan header tanpa nama ikut sebagai kolom tanpa nama (lihat
    :func:`rapikan_kolom`), jadi tidak ada isi yang terbuang diam-diam."""
    if not any(v not in (None, "") for v in header):
        raise InputTidakLayak(
            f"Berkas {path.name}: baris header kosong; baris pertama harus header (nama kolom).",
            berkas=path.name,
        )
    lebar = max([len(header), *map(len, isi)])
    header = [("" if v is None else v) for v in header] + [""] * (lebar - len(header))
    h = bakukan_header(header, path.name, tabel)
    kolom = nama_sementara(h.kolom)
    data = pd.DataFrame([list(r) + [None] * (lebar - len(r)) for r in isi], columns=kolom)
    data = data.astype("str") if len(data) else pd.DataFrame(columns=kolom, dtype="str")
    awal = info["baris_header"] + 1
    data.insert(0, "_baris", np.arange(awal, awal + len(data), dtype=np.int64))
    info = {**info, "kolom_dikenali": h.dikenali}
    data = tanpa_baris_kosong_di_akhir(rapikan_kolom(kosong_jadi_na(data), info))
    return BerkasTabel(data, None, rusak_kosong(), desimal_koma=True, info=info)


def _baca_parquet(path: Path, tabel) -> BerkasTabel:
    # Kolom teks dibaca sebagai kamus (Categorical): puluhan juta baris indikator dengan
    # nilai yang berulang (NIP, periode, nama indikator) jadi muat di memori.
    skema = pq.read_schema(path)
    teks = [f.name for f in skema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
    tabel_arrow = pq.read_table(path, read_dictionary=teks)
    h = bakukan_header(tabel_arrow.column_names, path.name, tabel)
    data = tabel_berkamus(tabel_arrow.rename_columns(nama_sementara(h.kolom)))
    data.insert(0, "_baris", np.arange(2, len(data) + 2, dtype=np.int64))
    info = {"baris_header": 1, "kolom_dikenali": h.dikenali}
    return BerkasTabel(rapikan_kolom(data, info), None, rusak_kosong(), info=info)
