"""Membaca buku kerja spreadsheet: Excel (.xlsx, .xlsm, .xlsb, .xls) dan LibreOffice (.ods).

Semua format dibaca dengan python-calamine (pustaka Rust yang juga dipakai pandas sebagai
mesin ``calamine``; mesin xlrd sudah usang di pandas 3): cepat (sekitar 20 kali openpyxl untuk
laporan e-Kinerja 5.000 baris), dan tipe sel tetap diketahui sehingga NIP yang tersimpan
sebagai angka tertangkap. Untuk ``.xlsx``/``.xlsm``, rumus tanpa nilai tersimpan dikenali dari
XML lembarnya. Lembar sampul dan baris judul di atas header dilewati: lembar yang dibaca adalah
lembar pertama yang di 20 baris pertamanya ada header dengan semua kolom wajib tabelnya.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ..galat import InputTidakLayak
from .kolom import BARIS_CARI_HEADER, cari_header

__all__ = ["baca_lembar", "sel_teks"]

# Sel rumus tanpa nilai tersimpan: <c r="B2"><f>...</f></c> (tanpa <v>, atau <v/> kosong).
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


def _lembar(path: Path) -> Iterator[tuple[str, list[list]]]:
    """(nama lembar, baris) setiap lembar, dari sel A1 (baris dan kolom kosong di awal tidak
    dibuang, agar nomor baris sama dengan spreadsheet)."""
    from python_calamine import CalamineWorkbook

    buku = CalamineWorkbook.from_path(str(path))
    for nama in buku.sheet_names:
        yield nama, buku.get_sheet_by_name(nama).to_python(skip_empty_area=False)


def _xml_lembar(arsip: zipfile.ZipFile, judul: str) -> str | None:
    """Jalur XML lembar ``judul`` di dalam berkas xlsx (workbook.xml + relasinya)."""
    buku = arsip.read("xl/workbook.xml").decode("utf-8", "replace")
    relasi = arsip.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    for lembar in re.finditer(r"<(?:\w+:)?sheet\b[^>]*>", buku):
        nama = re.search(r'\bname="([^"]*)"', lembar.group(0))
        rid = re.search(r'\br:id="([^"]*)"', lembar.group(0))
        if nama and rid and _xml_unescape(nama.group(1)) == judul:
            target = re.search(rf'<Relationship\b[^>]*Id="{re.escape(rid.group(1))}"[^>]*>', relasi)
            tujuan = re.search(r'Target="([^"]*)"', target.group(0)) if target else None
            if tujuan:
                t = tujuan.group(1)
                return t.lstrip("/") if t.startswith("/") else posixpath.normpath(f"xl/{t}")
    return None


def _xml_unescape(teks: str) -> str:
    return (teks.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))  # fmt: skip


def _periksa_rumus(path: Path, judul: str) -> None:
    """Berhenti bila lembar berisi rumus yang nilainya tidak pernah dihitung (berkas ditulis
    program, belum pernah dibuka di Excel): isinya akan terbaca kosong."""
    try:
        with zipfile.ZipFile(path) as arsip:
            jalur = _xml_lembar(arsip, judul)
            isi = arsip.read(jalur) if jalur else b""
    except (KeyError, zipfile.BadZipFile):
        return
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
    dilewati, cadangan, pilihan = [], None, None
    for judul, baris in _lembar(path):
        awal = baris[:BARIS_CARI_HEADER]
        posisi = cari_header(awal, tabel)
        if posisi is not None:
            pilihan = (judul, baris, posisi)
            break
        terisi = [i for i, r in enumerate(awal) if any(_terisi(v) for v in r)]
        if terisi and cadangan is None:
            cadangan = (judul, baris, terisi[0])
        dilewati.append(judul)
    if pilihan is None:
        if cadangan is None:
            raise InputTidakLayak(
                f"Berkas {path.name}: tidak ada lembar yang berisi baris; baris pertama harus "
                "header (nama kolom).",
                berkas=path.name,
            )
        # Tidak ada header lengkap: lembar pertama yang terisi, agar pesan kolom wajib
        # menyebut kolom yang ada di sana.
        pilihan = cadangan
        dilewati = [d for d in dilewati if d != cadangan[0]]
    judul, baris, posisi = pilihan
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        _periksa_rumus(path, judul)
    header = list(baris[posisi])
    isi = [[sel_teks(v) for v in r] for r in baris[posisi + 1 :]]
    awal = baris[:posisi]
    info = {
        "lembar": judul,
        "baris_header": posisi + 1,
        "baris_judul": [
            " ".join(str(v).strip() for v in r if _terisi(v))
            for r in awal
            if any(_terisi(v) for v in r)
        ],
        "lembar_dilewati": dilewati,
    }
    return header, isi, info
