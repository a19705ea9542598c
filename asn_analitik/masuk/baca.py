"""Membaca berkas tabel apa adanya: CSV (``,`` atau ``;``), Excel (.xlsx), Parquet.

Hasilnya satu ``DataFrame`` per tabel dengan nama kolom dibakukan (huruf kecil, spasi di tepi
dibuang, spasi di tengah menjadi ``_``) dan kolom ``_baris``: nomor baris seperti tampil di
spreadsheet (header = 1, baris data pertama = 2). Teks tetap teks (NIP tidak pernah menjadi
angka di sini); kolom bertipe angka dari Parquet dibiarkan bertipe angka.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ..galat import InputTidakLayak
from ..konfigurasi import EKSTENSI, TABEL
from .kunci import ubah_kategori

__all__ = ["BerkasTabel", "baca_tabel", "bakukan_header", "cari_berkas"]


@dataclass(frozen=True)
class BerkasTabel:
    """Satu tabel yang sudah dibaca.

    Attributes
    ----------
    data
        Isi tabel, kolom ``_baris`` = nomor baris spreadsheet.
    pemisah
        Pemisah kolom CSV yang terdeteksi (``None`` untuk Excel/Parquet).
    baris_rusak
        Baris yang tidak bisa dipecah menjadi kolom: ``_baris``, ``nilai`` (teks barisnya).
    """

    data: pd.DataFrame
    pemisah: str | None
    baris_rusak: pd.DataFrame


def cari_berkas(folder: Path) -> dict[str, Path]:
    """Temukan berkas tiap tabel di ``folder``.

    Raises
    ------
    InputTidakLayak
        Folder tidak ada, tabel wajib tidak ada, atau satu tabel punya dua berkas.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputTidakLayak(f"Folder data '{folder}' tidak ditemukan atau bukan folder.")
    calon: dict[str, list[Path]] = {}
    for berkas in sorted(folder.iterdir()):
        if berkas.is_file() and not berkas.name.startswith(("~$", ".")):
            nama = berkas.stem.strip().lower()
            if nama in TABEL and berkas.suffix.lower() in EKSTENSI:
                calon.setdefault(nama, []).append(berkas)
    for nama, daftar in calon.items():
        if len(daftar) > 1:
            nama_berkas = " dan ".join(p.name for p in daftar)
            raise InputTidakLayak(
                f"Tabel '{nama}' punya dua berkas ({nama_berkas}) di {folder}: "
                "simpan satu saja dan pindahkan yang lain keluar folder.",
                berkas=daftar[0].name,
            )
    for nama, aturan in TABEL.items():
        if aturan["wajib_ada"] and nama not in calon:
            raise InputTidakLayak(
                f"Berkas wajib '{nama}.csv' (atau .xlsx/.parquet) tidak ada di folder {folder}.",
                berkas=f"{nama}.csv",
            )
    return {nama: daftar[0] for nama, daftar in calon.items()}


def bakukan_header(kolom: list[str], berkas: str) -> list[str]:
    """Bakukan nama kolom; dua kolom yang menjadi sama adalah galat.

    Examples
    --------
    >>> bakukan_header([" NIP ", "Unit Kerja", "nama"], "pegawai.csv")
    ['nip', 'unit_kerja', 'nama']
    """
    baku = [re.sub(r"\s+", "_", str(k).strip().lower()) for k in kolom]
    for i, nama in enumerate(baku):
        if nama and nama in baku[:i]:
            raise InputTidakLayak(
                f"Berkas {berkas}: kolom '{nama}' muncul dua kali di baris header; "
                "hapus atau ganti nama salah satunya.",
                berkas=berkas,
                kolom=nama,
            )
    return baku


def baca_tabel(path: Path) -> BerkasTabel:
    """Baca satu berkas tabel menurut ekstensinya.

    Raises
    ------
    InputTidakLayak
        Berkas kosong (tanpa header), bukan UTF-8, atau tidak dapat dibaca.
    """
    path = Path(path)
    akhiran = path.suffix.lower()
    try:
        if akhiran == ".csv":
            hasil = _baca_csv(path)
        elif akhiran == ".xlsx":
            hasil = _baca_xlsx(path)
        else:
            hasil = _baca_parquet(path)
    except InputTidakLayak:
        raise
    except Exception as galat:
        raise InputTidakLayak(
            f"Berkas {path.name} tidak dapat dibaca ({type(galat).__name__}: {galat}). "
            "Periksa bahwa berkas tidak rusak dan benar-benar berformat "
            f"{akhiran.lstrip('.').upper()}.",
            berkas=path.name,
        ) from None
    return hasil


def _tanpa_baris_kosong_di_akhir(data: pd.DataFrame) -> pd.DataFrame:
    """Buang baris kosong di ujung berkas (sisa format spreadsheet), bukan yang di tengah."""
    isi = [c for c in data.columns if c != "_baris"]
    if data.empty or not isi:
        return data
    terisi = data[isi].notna().to_numpy().any(axis=1)
    posisi = np.flatnonzero(terisi)
    akhir = posisi[-1] + 1 if len(posisi) else 0
    return data.iloc[:akhir]


#: Isi sel yang di spreadsheet berarti "tidak ada": dibaca sebagai sel kosong.
SEL_KOSONG = ("", "-", "\u2013", "\u2014")


def _bersihkan(teks: pd.Series) -> pd.Series:
    teks = teks.astype("str").str.strip()
    return teks.where(~teks.isin(SEL_KOSONG))


def _kosong_jadi_na(data: pd.DataFrame) -> pd.DataFrame:
    for kolom in data.columns:
        if isinstance(data[kolom].dtype, pd.CategoricalDtype):
            data[kolom] = ubah_kategori(data[kolom], _bersihkan)
        elif data[kolom].dtype == "str" or data[kolom].dtype == object:
            data[kolom] = _bersihkan(data[kolom])
    return data


def _pengodean(awal: bytes, nama: str) -> str:
    if awal.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf8"


def _header_csv(path: Path, pengodean: str) -> tuple[list[str], str]:
    with open(path, encoding="utf-8-sig" if pengodean == "utf8" else pengodean, newline="") as f:
        try:
            baris_pertama = f.readline()
        except UnicodeDecodeError:
            _galat_pengodean(path)
    if not baris_pertama.strip():
        raise InputTidakLayak(
            f"Berkas {path.name} kosong atau baris pertamanya kosong: baris pertama harus header "
            "(nama kolom).",
            berkas=path.name,
        )
    # Pemisah = tanda yang paling sering muncul di header (koma bila seri).
    pemisah = max((",", ";", "\t"), key=baris_pertama.count)
    header = next(csv.reader([baris_pertama], delimiter=pemisah))
    return bakukan_header(header, path.name), pemisah


def _baris_bukan_utf8(path: Path) -> int:
    with open(path, "rb") as f:
        for nomor, baris in enumerate(f, start=1):
            try:
                baris.decode("utf-8")
            except UnicodeDecodeError:
                return nomor
    return 0


def _galat_pengodean(path: Path) -> None:
    nomor = _baris_bukan_utf8(path)
    raise InputTidakLayak(
        f"Berkas {path.name} bukan UTF-8 (baris {nomor} memuat huruf dari pengodean lain, "
        "mis. ANSI/Windows-1252). Di Excel pilih Simpan Sebagai > 'CSV UTF-8 (Comma delimited)' "
        "lalu kirim ulang.",
        berkas=path.name,
    )


def _baca_csv(path: Path) -> BerkasTabel:
    with open(path, "rb") as f:
        awal = f.read(4)
    pengodean = _pengodean(awal, path.name)
    kolom, pemisah = _header_csv(path, pengodean)
    nama_internal = [f"k{i}" for i in range(len(kolom))]
    rusak: list[str] = []

    def _catat(baris: pacsv.InvalidRow) -> str:
        rusak.append(baris.text)
        return "skip"

    try:
        tabel = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(
                column_names=nama_internal, skip_rows=1, encoding=pengodean
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=pemisah,
                newlines_in_values=True,
                ignore_empty_lines=False,
                invalid_row_handler=_catat,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={k: pa.string() for k in nama_internal},
                strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as galat:
        if "UTF8" in str(galat) or "UTF-8" in str(galat):
            _galat_pengodean(path)
        raise
    if rusak:
        # Jalur lambat tapi teliti, hanya untuk berkas yang punya baris rusak.
        return _baca_csv_teliti(path, pengodean, kolom, pemisah)
    data = tabel.rename_columns(kolom).to_pandas()
    data.insert(0, "_baris", np.arange(2, len(data) + 2, dtype=np.int64))
    data = _tanpa_baris_kosong_di_akhir(_kosong_jadi_na(data))
    return BerkasTabel(data, pemisah, _rusak_kosong())


def _baca_csv_teliti(path: Path, pengodean: str, kolom: list[str], pemisah: str) -> BerkasTabel:
    """Baca baris demi baris dengan modul ``csv``: baris yang kolomnya kurang diisi kosong
    (seperti spreadsheet menampilkannya); baris yang kolomnya lebih dicatat sebagai rusak."""
    teks = path.read_text(encoding="utf-8-sig" if pengodean == "utf8" else pengodean)
    baris_data, baris_rusak = [], []
    for nomor, isi in enumerate(csv.reader(io.StringIO(teks), delimiter=pemisah), start=1):
        if nomor == 1:
            continue
        if len(isi) > len(kolom) and any(v.strip() for v in isi[len(kolom) :]):
            baris_rusak.append((nomor, pemisah.join(isi), len(isi)))
            continue
        baris_data.append([nomor, *(isi + [""] * len(kolom))[: len(kolom)]])
    data = pd.DataFrame(baris_data, columns=["_baris", *kolom])
    data = data.astype({k: "str" for k in kolom})
    data = _tanpa_baris_kosong_di_akhir(_kosong_jadi_na(data))
    rusak = pd.DataFrame(baris_rusak, columns=["_baris", "nilai", "jumlah_kolom"])
    return BerkasTabel(data.reset_index(drop=True), pemisah, rusak)


def _rusak_kosong() -> pd.DataFrame:
    return pd.DataFrame({"_baris": pd.Series(dtype=np.int64), "nilai": pd.Series(dtype="str")})


def _sel_xlsx(nilai: object) -> object:
    if nilai is None or isinstance(nilai, str):
        return nilai
    if isinstance(nilai, bool):
        return str(nilai)
    if isinstance(nilai, float):
        return str(int(nilai)) if nilai.is_integer() and abs(nilai) < 1e15 else repr(nilai)
    if hasattr(nilai, "isoformat"):
        return nilai.isoformat()[:10] if getattr(nilai, "hour", 0) == 0 else nilai.isoformat()
    return str(nilai)


def _baca_xlsx(path: Path) -> BerkasTabel:
    from openpyxl import load_workbook

    buku = load_workbook(path, read_only=True, data_only=True)
    try:
        lembar = buku.worksheets[0]
        baris = lembar.iter_rows(values_only=True)
        header = next(baris, None)
        if header is None or all(h is None for h in header):
            raise InputTidakLayak(
                f"Berkas {path.name}: baris pertama lembar pertama harus header (nama kolom).",
                berkas=path.name,
            )
        terakhir = max(i for i, h in enumerate(header) if h is not None) + 1
        kolom = bakukan_header([h if h is not None else "" for h in header[:terakhir]], path.name)
        isi = [[_sel_xlsx(v) for v in r[:terakhir]] for r in baris]
    finally:
        buku.close()
    data = pd.DataFrame(isi, columns=kolom, dtype="str") if isi else pd.DataFrame(columns=kolom)
    data = data.astype("str")
    data.insert(0, "_baris", np.arange(2, len(data) + 2, dtype=np.int64))
    data = _tanpa_baris_kosong_di_akhir(
        _kosong_jadi_na(data.loc[:, [k != "" for k in data.columns]])
    )
    return BerkasTabel(data, None, _rusak_kosong())


def _baca_parquet(path: Path) -> BerkasTabel:
    # Kolom teks dibaca sebagai kamus (Categorical): puluhan juta baris indikator dengan
    # nilai yang berulang (NIP, periode, nama indikator) jadi muat di memori.
    skema = pq.read_schema(path)
    teks = [f.name for f in skema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
    tabel = pq.read_table(path, read_dictionary=teks)
    kolom = bakukan_header(tabel.column_names, path.name)
    data = tabel.rename_columns(kolom).to_pandas()
    data.insert(0, "_baris", np.arange(2, len(data) + 2, dtype=np.int64))
    return BerkasTabel(_kosong_jadi_na(data), None, _rusak_kosong())
