"""Membaca CSV seperti yang dikirim OPD: pemisah ``,``, ``;`` atau tab, UTF-8 (dengan atau tanpa
BOM) atau UTF-16, baris judul di atas header.

Jalur cepat memakai pyarrow. Berkas yang bermasalah (baris yang kolomnya lebih banyak dari
header, catatan yang meliputi beberapa baris fisik, sel lebih panjang dari batas Excel, baris
lebih besar dari blok baca) dibaca teliti baris demi baris dengan modul ``csv``: baris yang
rusak ditolak dengan jenisnya, baris lain tetap dibaca.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ..galat import InputTidakLayak
from ..teks import angka_id
from .kolom import BARIS_CARI_HEADER, bakukan_header, cari_header
from .mentah import (
    BerkasTabel,
    kosong_jadi_na,
    nama_sementara,
    rapikan_kolom,
    rusak_kosong,
    tabel_berkamus,
    tanpa_baris_kosong_di_akhir,
)

__all__ = ["BATAS_SEL", "baca_csv"]

#: Panjang sel terpanjang yang bisa dibuat Excel; sel CSV yang lebih panjang adalah kerusakan.
BATAS_SEL = 32_767
_PEMISAH = (",", ";", "\t")


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


def baca_csv(path: Path, tabel, ada_cr=None) -> BerkasTabel:
    """Baca satu CSV. ``ada_cr``: fungsi ``path -> bool`` yang sudah tahu apakah berkas memuat
    ``\r`` (mis. dari pembacaan sidik di utas latar); tanpa itu berkas dipindai sendiri."""
    # Sel raksasa (berkas rusak) harus bisa dibaca untuk ditolak dengan alasannya.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open(path, "rb") as f:
        pengodean = _pengodean(f.read(4))
    posisi, pemisah, sel_header = _header_csv(path, pengodean, tabel)
    h = bakukan_header(sel_header, path.name, tabel)
    kolom = nama_sementara(h.kolom)
    awal = _baris_awal(path, pengodean)
    info = {
        "baris_header": posisi + 1,
        "baris_judul": [b.strip(" \t,;") for b in awal[:posisi] if b.strip(" \t,;")],
        "kolom_dikenali": h.dikenali,
    }
    tabel_arrow = _baca_cepat(path, pengodean, len(kolom), pemisah, posisi + 1, ada_cr or _ada_cr)
    if tabel_arrow is None:
        data, rusak = _baca_teliti(path, pengodean, kolom, pemisah, posisi + 1)
        data = kosong_jadi_na(data)
    else:
        data = tabel_berkamus(tabel_arrow.rename_columns(kolom))
        data.insert(0, "_baris", np.arange(posisi + 2, posisi + 2 + len(data), dtype=np.int64))
        rusak = rusak_kosong()
    data = tanpa_baris_kosong_di_akhir(rapikan_kolom(data, info))
    return BerkasTabel(
        data.reset_index(drop=True), pemisah, rusak, desimal_koma=pemisah == ";", info=info
    )


#: Teks dibaca sebagai kamus (nilai unik + kode per baris): pembakuan dan pemeriksaan cukup
#: dikerjakan pada nilai unik, dan jutaan baris tidak menjadi objek teks satu per satu.
_TEKS_KAMUS = pa.dictionary(pa.int32(), pa.string())


def _baca_cepat(path, pengodean, n_kolom, pemisah, lewati, ada_cr) -> pa.Table | None:
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
                column_types={k: _TEKS_KAMUS for k in nama}, strings_can_be_null=False
            ),
        )
    except pa.ArrowInvalid as galat:
        if "UTF8" in str(galat) or "UTF-8" in str(galat):
            _galat_pengodean(path)
        return None
    if rusak:
        return None
    tabel = tabel.unify_dictionaries()
    kamus = [k.chunk(0).dictionary for k in tabel.columns if k.num_chunks]
    # Panjang byte (murah: selisih offset) >= panjang huruf; diperiksa teliti bila lewat.
    if any(len(k) and pc.max(pc.binary_length(k)).as_py() > BATAS_SEL for k in kamus):
        return None
    # Satu catatan per baris fisik, kecuali ada catatan yang meliputi beberapa baris fisik. Itu
    # hanya mungkin bila ada sel berisi \n atau \r; tanpa itu, dan tanpa \r di berkas, jumlah
    # baris sudah pasti cocok (berkas tidak perlu dihitung ulang).
    garis_baru = any(pc.any(pc.match_substring_regex(k, "[\r\n]")).as_py() for k in kamus)
    if (garis_baru or ada_cr(path)) and lewati + tabel.num_rows != _jumlah_baris_fisik(path):
        return None  # ada catatan yang meliputi beberapa baris fisik
    return tabel


def _ada_cr(path: Path) -> bool:
    """Berkas memuat \\r (akhir baris Windows atau Mac lama)."""
    with open(path, "rb") as f:
        while potong := f.read(1 << 24):
            if b"\r" in potong:
                return True
    return False


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


def _potong(teks: str, n: int = 200) -> str:
    teks = teks.replace("\r", " ").replace("\n", " ").rstrip()
    panjang = angka_id(len(teks))
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
