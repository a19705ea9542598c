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
import csv
import io
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ..galat import InputTidakLayak
from .kolom import BARIS_CARI_HEADER, bakukan_header, cari_header
from .kunci import ubah_kategori
from .lembar import baca_lembar

__all__ = ["BATAS_SEL", "BerkasTabel", "SEL_KOSONG", "baca_tabel", "jenis_sebenarnya"]

#: Panjang sel terpanjang yang bisa dibuat Excel; sel CSV yang lebih panjang adalah kerusakan.
BATAS_SEL = 32_767
#: Isi sel yang di spreadsheet berarti "tidak ada": dibaca sebagai sel kosong.
SEL_KOSONG = ("", "-", "\u2013", "\u2014")
_PEMISAH = (",", ";", "\t")


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
        Baris yang tidak bisa dipecah menjadi kolom: ``_baris``, ``nilai`` (teks barisnya,
        dipotong), ``jenis`` (``kolom_lebih``, ``kutip``, ``sel_panjang``), ``nip`` (isi kolom
        NIP bila masih dapat dikenali).
    desimal_koma
        Angka teks boleh memakai koma desimal (CSV berpemisah ``;`` atau spreadsheet).
    info
        Untuk manifest: ``lembar``, ``baris_header``, ``baris_judul``, ``lembar_dilewati``,
        ``kolom_dikenali`` (header asli yang dikenali lewat alias), ``kolom_tanpa_nama``.
    """

    data: pd.DataFrame
    pemisah: str | None
    baris_rusak: pd.DataFrame
    desimal_koma: bool = False
    info: dict = field(default_factory=dict)


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


def baca_tabel(path: Path, tabel: str | None = None) -> BerkasTabel:
    """Baca satu berkas tabel menurut ekstensinya; header dicari di 20 baris pertama.

    Parameters
    ----------
    tabel
        Nama tabel (untuk alias kolom dan mencari baris header lewat kolom wajibnya).

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
            return _baca_csv(path, tabel)
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


def _tanpa_baris_kosong_di_akhir(data: pd.DataFrame) -> pd.DataFrame:
    """Buang baris kosong di ujung berkas (sisa format spreadsheet), bukan yang di tengah."""
    isi = [c for c in data.columns if c != "_baris"]
    if data.empty or not isi:
        return data
    terisi = data[isi].notna().to_numpy().any(axis=1)
    posisi = np.flatnonzero(terisi)
    akhir = posisi[-1] + 1 if len(posisi) else 0
    return data.iloc[:akhir]


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


def _rapikan(data: pd.DataFrame, info: dict) -> pd.DataFrame:
    """Kolom tanpa nama di header: dibuang bila kosong seluruhnya (sisa ``,,`` Excel), selain
    itu dibawa sebagai ``kolom_<n>`` (n = posisi kolom, mulai 1) dan dicatat."""
    tanpa_nama = [k for k in data.columns if k.startswith("\x00")]
    if not tanpa_nama:
        return data
    kosong = [k for k in tanpa_nama if data[k].isna().all()]
    data = data.drop(columns=kosong)
    nama_baru = {k: f"kolom_{int(k[1:]) + 1}" for k in tanpa_nama if k not in kosong}
    if nama_baru:
        info["kolom_tanpa_nama"] = sorted(nama_baru.values())
    return data.rename(columns=nama_baru)


def _nama_sementara(kolom: list[str]) -> list[str]:
    """Kolom tanpa nama diberi nama sementara unik (``\\x00<posisi>``) agar tidak bertabrakan."""
    return [k if k else f"\x00{i}" for i, k in enumerate(kolom)]


def _dari_baris(path: Path, tabel, header: list, isi: list[list], info: dict) -> BerkasTabel:
    """Tabel dari baris spreadsheet (sudah teks); ``info['baris_header']`` = nomor baris
    header. Sel di kanan header tanpa nama ikut sebagai kolom tanpa nama (lihat
    :func:`_rapikan`), jadi tidak ada isi yang terbuang diam-diam."""
    if not any(v not in (None, "") for v in header):
        raise InputTidakLayak(
            f"Berkas {path.name}: baris header kosong; baris pertama harus header (nama kolom).",
            berkas=path.name,
        )
    lebar = max([len(header), *map(len, isi)])
    header = [("" if v is None else v) for v in header] + [""] * (lebar - len(header))
    h = bakukan_header(header, path.name, tabel)
    kolom = _nama_sementara(h.kolom)
    data = pd.DataFrame([list(r) + [None] * (lebar - len(r)) for r in isi], columns=kolom)
    data = data.astype("str") if len(data) else pd.DataFrame(columns=kolom, dtype="str")
    awal = info["baris_header"] + 1
    data.insert(0, "_baris", np.arange(awal, awal + len(data), dtype=np.int64))
    info = {**info, "kolom_dikenali": h.dikenali}
    data = _tanpa_baris_kosong_di_akhir(_rapikan(_kosong_jadi_na(data), info))
    return BerkasTabel(data, None, _rusak_kosong(), desimal_koma=True, info=info)


def _pengodean(awal: bytes) -> str:
    if awal.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf8"


def _galat_pengodean(path: Path) -> None:
    nomor = _baris_bukan_utf8(path)
    raise InputTidakLayak(
        f"Berkas {path.name} bukan UTF-8 (baris {nomor} memuat huruf dari pengodean lain, "
        "mis. ANSI/Windows-1252). Di Excel pilih Simpan Sebagai > 'CSV UTF-8 (Comma delimited)' "
        "lalu kirim ulang.",
        berkas=path.name,
    )


def _baris_bukan_utf8(path: Path) -> int:
    with open(path, "rb") as f:
        for nomor, baris in enumerate(f, start=1):
            try:
                baris.decode("utf-8")
            except UnicodeDecodeError:
                return nomor
    return 0


def _baris_awal(path: Path, pengodean: str) -> list[str]:
    """20 baris pertama (teks), untuk mencari header; baris sangat panjang dipotong."""
    hasil = []
    with open(path, encoding="utf-8-sig" if pengodean == "utf8" else pengodean, newline="") as f:
        try:
            for _ in range(BARIS_CARI_HEADER):
                baris = f.readline(1 << 20)
                if not baris:
                    break
                hasil.append(baris.rstrip("\r\n"))
        except UnicodeDecodeError:
            _galat_pengodean(path)
    return hasil


def _header_csv(path: Path, pengodean: str, tabel) -> tuple[int, str, list[str]]:
    """(posisi baris header, pemisah, isi sel header)."""
    awal = _baris_awal(path, pengodean)
    pecah = {p: [next(csv.reader([b], delimiter=p), []) for b in awal] for p in _PEMISAH}
    for i in range(len(awal)):
        for p in _PEMISAH:
            if cari_header([pecah[p][i]], tabel) == 0:
                return i, p, pecah[p][i]
    terisi = [i for i, b in enumerate(awal) if b.strip()]
    if not terisi:
        raise InputTidakLayak(
            f"Berkas {path.name} kosong atau baris pertamanya kosong: baris pertama harus header "
            "(nama kolom).",
            berkas=path.name,
        )
    # Tanpa header lengkap: baris terisi pertama, pemisah = tanda yang paling sering muncul
    # (koma bila seri), agar pesan kolom wajib menyebut kolom yang ada.
    i = terisi[0]
    p = max(_PEMISAH, key=awal[i].count)
    return i, p, pecah[p][i]


def _baca_csv(path: Path, tabel) -> BerkasTabel:
    # Sel raksasa (berkas rusak) harus bisa dibaca untuk ditolak dengan alasannya.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open(path, "rb") as f:
        pengodean = _pengodean(f.read(4))
    posisi, pemisah, sel_header = _header_csv(path, pengodean, tabel)
    h = bakukan_header(sel_header, path.name, tabel)
    kolom = _nama_sementara(h.kolom)
    awal = _baris_awal(path, pengodean)
    info = {
        "baris_header": posisi + 1,
        "baris_judul": [b.strip(" \t,;") for b in awal[:posisi] if b.strip(" \t,;")],
        "kolom_dikenali": h.dikenali,
    }
    tabel_arrow = _baca_cepat(path, pengodean, len(kolom), pemisah, posisi + 1)
    if tabel_arrow is None:
        data, rusak = _baca_teliti(path, pengodean, kolom, pemisah, posisi + 1)
    else:
        data = tabel_arrow.rename_columns(kolom).to_pandas()
        data.insert(0, "_baris", np.arange(posisi + 2, posisi + 2 + len(data), dtype=np.int64))
        rusak = _rusak_kosong()
    data = _tanpa_baris_kosong_di_akhir(_rapikan(_kosong_jadi_na(data), info))
    return BerkasTabel(
        data.reset_index(drop=True), pemisah, rusak, desimal_koma=pemisah == ";", info=info
    )


def _baca_cepat(path, pengodean, n_kolom, pemisah, lewati) -> pa.Table | None:
    """Jalur cepat pyarrow; ``None`` bila berkas perlu dibaca teliti baris demi baris (ada baris
    yang kolomnya lebih, sel bergaris baru yang mungkin berasal dari tanda kutip yang tidak
    ditutup, sel lebih panjang dari batas Excel, atau baris lebih besar dari blok baca)."""
    nama = [f"k{i}" for i in range(n_kolom)]
    rusak = []

    def _catat(baris: pacsv.InvalidRow) -> str:
        rusak.append(baris.number)
        return "skip"

    try:
        tabel = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(
                column_names=nama, skip_rows=lewati, encoding=pengodean, block_size=1 << 24
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=pemisah,
                newlines_in_values=True,
                ignore_empty_lines=False,
                invalid_row_handler=_catat,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={k: pa.string() for k in nama}, strings_can_be_null=False
            ),
        )
    except pa.ArrowInvalid as galat:
        if "UTF8" in str(galat) or "UTF-8" in str(galat):
            _galat_pengodean(path)
        return None
    if rusak or lewati + tabel.num_rows != _jumlah_baris_fisik(path):
        return None  # ada catatan yang meliputi beberapa baris fisik
    for kolom in tabel.columns:
        # Panjang byte (murah: selisih offset) >= panjang huruf; diperiksa teliti bila lewat.
        if len(kolom) and pc.max(pc.binary_length(kolom)).as_py() > BATAS_SEL:
            return None
    return tabel


def _jumlah_baris_fisik(path: Path) -> int:
    """Jumlah baris fisik berkas (pemisah \\n, atau \\r untuk berkas Mac lama)."""
    n_lf = n_cr = 0
    terakhir = b""
    with open(path, "rb") as f:
        while potong := f.read(1 << 24):
            n_lf += potong.count(b"\n")
            n_cr += potong.count(b"\r")
            terakhir = potong[-1:]
    akhir, n = (b"\n", n_lf) if n_lf else (b"\r", n_cr)
    return n + (terakhir not in (b"", akhir))


def _rusak_kosong() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "_baris": pd.Series(dtype=np.int64),
            "nilai": pd.Series(dtype="str"),
            "jenis": pd.Series(dtype="str"),
            "nip": pd.Series(dtype="str"),
        }
    )


def _potong(teks: str, n: int = 200) -> str:
    teks = teks.replace("\r", " ").replace("\n", " ").rstrip()
    panjang = f"{len(teks):,}".replace(",", ".")
    return teks if len(teks) <= n else f"{teks[:n]}... ({panjang} karakter)"


def _kutip_tak_tertutup(baris: str) -> bool:
    """Jumlah tanda kutip di satu baris fisik ganjil: kutipnya tidak ditutup di baris itu."""
    return baris.count('"') % 2 == 1


def _tertelan(isi: list[str], potongan: list[str], n_kolom: int, pemisah: str) -> bool:
    """Satu catatan CSV yang meliputi beberapa baris fisik adalah hasil tanda kutip yang tidak
    ditutup (bukan sel catatan bergaris baru yang sah) bila jumlah kolomnya salah, atau bila
    baris-baris sesudahnya sendiri tampak seperti baris data lengkap."""
    if len(isi) != n_kolom:
        return True
    return any(b.count(pemisah) >= max(n_kolom - 1, 1) for b in potongan[1:])


def _baca_teliti(path, pengodean, kolom, pemisah, lewati) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Baca baris demi baris dengan modul ``csv`` (hanya untuk berkas yang bermasalah).

    Baris yang kolomnya kurang diisi kosong (seperti spreadsheet menampilkannya); baris yang
    kolomnya lebih, sel yang lebih panjang dari :data:`BATAS_SEL`, dan baris dengan tanda kutip
    yang tidak ditutup ditolak. Baris yang tertelan oleh tanda kutip itu dibaca ulang satu per
    satu, sehingga hanya baris berkutip itu yang hilang, bukan semua baris sesudahnya.
    """
    teks = path.read_text(encoding="utf-8-sig" if pengodean == "utf8" else pengodean)
    # Hanya \n, \r\n dan \r yang memisahkan baris (bukan \x0c atau \u2028 di dalam sel).
    fisik = io.StringIO(teks, newline="").readlines()[lewati:]
    n = len(kolom)
    posisi_nip = kolom.index("nip") if "nip" in kolom else None
    data, rusak = [], []
    nomor = lewati  # nomor baris spreadsheet catatan sebelumnya (mula-mula: header)

    def _simpan(isi: list[str], asli: str, jenis: str | None = None) -> None:
        nonlocal nomor
        nomor += 1
        if (
            jenis is None
            and len(isi) != n
            and '"' in asli
            and (_kutip_tak_tertutup(asli) or (len(isi) < n and any(pemisah in v for v in isi)))
        ):
            jenis = "kutip"  # kolom bergeser karena tanda kutip yang salah tempat
        if jenis is None and len(isi) > n and any(v.strip() for v in isi[n:]):
            jenis = "kolom_lebih"
        if jenis is None and any(len(v) > BATAS_SEL for v in isi):
            jenis = "sel_panjang"
        if jenis is None:
            data.append([nomor, *(isi + [""] * n)[:n]])
            return
        nip = isi[posisi_nip] if posisi_nip is not None and len(isi) > posisi_nip else ""
        rusak.append((nomor, _potong(asli), jenis, nip[:40]))

    pembaca = csv.reader(iter(fisik), delimiter=pemisah)
    sebelum = 0
    for isi in pembaca:
        potongan = fisik[sebelum : pembaca.line_num]
        sebelum = pembaca.line_num
        if len(potongan) > 1 and _tertelan(isi, potongan, n, pemisah):
            for satu in potongan:
                isi_satu = next(csv.reader([satu], delimiter=pemisah), [])
                jenis = "kutip" if _kutip_tak_tertutup(satu) else None
                _simpan(isi_satu, satu, jenis)
            continue
        _simpan(isi, "".join(potongan))
    hasil = pd.DataFrame(data, columns=["_baris", *kolom]).astype({k: "str" for k in kolom})
    return hasil, pd.DataFrame(rusak, columns=["_baris", "nilai", "jenis", "nip"])


def _baca_parquet(path: Path, tabel) -> BerkasTabel:
    # Kolom teks dibaca sebagai kamus (Categorical): puluhan juta baris indikator dengan
    # nilai yang berulang (NIP, periode, nama indikator) jadi muat di memori.
    skema = pq.read_schema(path)
    teks = [f.name for f in skema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
    tabel_arrow = pq.read_table(path, read_dictionary=teks)
    h = bakukan_header(tabel_arrow.column_names, path.name, tabel)
    data = tabel_arrow.rename_columns(_nama_sementara(h.kolom)).to_pandas()
    data.insert(0, "_baris", np.arange(2, len(data) + 2, dtype=np.int64))
    info = {"baris_header": 1, "kolom_dikenali": h.dikenali}
    return BerkasTabel(_rapikan(_kosong_jadi_na(data), info), None, _rusak_kosong(), info=info)
