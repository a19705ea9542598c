"""Membaca buku kerja spreadsheet: Excel (.xlsx, .xlsm, .xlsb, .xls) dan LibreOffice (.ods).

``.xlsx``/``.xlsm`` dibaca dengan openpyxl (mode baca-saja, tipe sel tetap diketahui sehingga
NIP yang tersimpan sebagai angka tertangkap, dan rumus tanpa nilai tersimpan bisa dikenali).
``.xls``, ``.xlsb`` dan ``.ods`` dibaca dengan python-calamine lewat :func:`pandas.read_excel`:
pembaca yang dianjurkan pandas sendiri (mesin xlrd sudah usang di pandas 3), satu pustaka untuk
ketiga format, juga memberi tipe sel. Lembar sampul dan baris judul di atas header dilewati:
lembar yang dibaca adalah lembar pertama yang di 20 baris pertamanya ada header dengan semua
kolom wajib tabelnya.
"""

from __future__ import annotations

import itertools
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ..galat import InputTidakLayak
from .kolom import BARIS_CARI_HEADER, cari_header

__all__ = ["baca_lembar", "sel_teks"]

# Sel rumus tanpa nilai tersimpan: <c r="B2"><f>...</f></c> (tanpa <v>).
_RUMUS_TANPA_NILAI = re.compile(
    rb'<c\b[^>]*\br="([A-Z]+[0-9]+)"[^>]*>\s*(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)\s*'
    rb"(?:<v>\s*</v>\s*|<v\s*/>\s*)?</c>"
)


def sel_teks(nilai: object) -> object:
    """Isi satu sel spreadsheet sebagai teks, seperti tampil (angka bulat tanpa ``.0``).

    Angka bulat yang terlalu besar untuk tampil utuh (NIP yang tersimpan sebagai angka) ditulis
    dalam notasi ilmiah agar tertolak dengan alasan "NIP terbaca sebagai angka".

    Examples
    --------
    >>> [sel_teks(v) for v in [None, "a", 12.0, 85.5, 198609262015051001.0, True]]
    [None, 'a', '12', '85.5', '1.98609262015051e+17', 'True']
    """
    if nilai is None or isinstance(nilai, str):
        return nilai
    if isinstance(nilai, bool):
        return str(nilai)
    if isinstance(nilai, float):
        if nilai != nilai:  # NaN dari pandas: sel kosong
            return None
        return str(int(nilai)) if nilai.is_integer() and abs(nilai) < 1e15 else repr(nilai)
    if isinstance(nilai, int):
        return str(nilai) if abs(nilai) < 10**15 else repr(float(nilai))
    if hasattr(nilai, "isoformat"):
        if getattr(nilai, "hour", 0) == 0 and getattr(nilai, "minute", 0) == 0:
            return nilai.isoformat()[:10]
        return nilai.isoformat()
    return str(nilai)


def _terisi(nilai: object) -> bool:
    return nilai is not None and str(nilai).strip() != ""


def _lembar_openpyxl(path: Path) -> Iterator[tuple[str, Iterator[tuple], object]]:
    from openpyxl import load_workbook

    buku = load_workbook(path, read_only=True, data_only=True)
    try:
        for lembar in buku.worksheets:
            yield lembar.title, lembar.iter_rows(values_only=True), lembar
    finally:
        buku.close()


def _lembar_pandas(path: Path, mesin: str) -> Iterator[tuple[str, Iterator[tuple], None]]:
    import pandas as pd

    buku = pd.read_excel(path, sheet_name=None, header=None, dtype=object, engine=mesin)
    for nama, isi in buku.items():
        isi = isi.astype(object).where(isi.notna(), None)
        yield str(nama), iter(isi.itertuples(index=False, name=None)), None


def _periksa_rumus(path: Path, lembar, judul: str) -> None:
    """Berhenti bila lembar berisi rumus yang nilainya tidak pernah dihitung (berkas ditulis
    program, belum pernah dibuka di Excel): isinya akan terbaca kosong."""
    jalur = getattr(lembar, "_worksheet_path", None)
    if jalur is None:
        return
    with zipfile.ZipFile(path) as arsip, arsip.open(jalur) as f:
        isi = f.read()
    if b"<f" not in isi:
        return
    sel = _RUMUS_TANPA_NILAI.findall(isi)
    if sel:
        contoh = ", ".join(s.decode() for s in sel[:3])
        raise InputTidakLayak(
            f"Berkas {path.name} lembar '{judul}': {len(sel)} sel berisi rumus tanpa nilai "
            f"tersimpan (mis. {contoh}), jadi isinya tidak dapat dibaca. Berkas ini dibuat "
            "program dan belum pernah dihitung di Excel: buka di Excel atau LibreOffice, simpan "
            "ulang, lalu jalankan lagi (atau salin lalu Tempel Nilai saja).",
            berkas=path.name,
        )


def baca_lembar(path: Path, tabel: str | None) -> tuple[list[object], list[list[object]], dict]:
    """Header dan baris data dari lembar yang memuat tabel ``tabel``.

    Returns
    -------
    (header, baris, info)
        ``header``: isi sel baris header; ``baris``: baris data sebagai teks (:func:`sel_teks`),
        dimulai tepat di bawah header; ``info``: ``lembar``, ``baris_header`` (nomor baris
        spreadsheet), ``baris_judul`` (isi baris di atas header), ``lembar_dilewati``.

    Raises
    ------
    InputTidakLayak
        Tidak ada lembar yang berisi baris, atau lembarnya berisi rumus tanpa nilai.
    """
    akhiran = path.suffix.lower()
    if akhiran in (".xlsx", ".xlsm"):
        lembar_lembar = _lembar_openpyxl(path)
    else:
        lembar_lembar = _lembar_pandas(path, "calamine")
    dilewati, cadangan = [], None
    try:
        for judul, baris, lembar in lembar_lembar:
            awal = [tuple(r) for r in itertools.islice(baris, BARIS_CARI_HEADER)]
            posisi = cari_header(awal, tabel)
            if posisi is None:
                terisi = [i for i, r in enumerate(awal) if any(_terisi(v) for v in r)]
                if terisi and cadangan is None:
                    cadangan = (judul, awal, baris, lembar, terisi[0])
                dilewati.append(judul)
                continue
            pilihan = (judul, awal, baris, lembar, posisi)
            break
        else:
            if cadangan is None:
                raise InputTidakLayak(
                    f"Berkas {path.name}: tidak ada lembar yang berisi baris; baris pertama "
                    "harus header (nama kolom).",
                    berkas=path.name,
                )
            # Tidak ada header lengkap: lembar pertama yang terisi, agar pesan kolom wajib
            # menyebut kolom yang ada di sana.
            pilihan = cadangan
            dilewati = [d for d in dilewati if d != cadangan[0]]
        judul, awal, baris, lembar, posisi = pilihan
        if lembar is not None:
            _periksa_rumus(path, lembar, judul)
        header = list(awal[posisi])
        isi = [[sel_teks(v) for v in r] for r in itertools.chain(awal[posisi + 1 :], baris)]
    finally:
        lembar_lembar.close()
    info = {
        "lembar": judul,
        "baris_header": posisi + 1,
        "baris_judul": [
            " ".join(str(v).strip() for v in r if _terisi(v))
            for r in awal[:posisi]
            if any(_terisi(v) for v in r)
        ],
        "lembar_dilewati": dilewati,
    }
    return header, isi, info
