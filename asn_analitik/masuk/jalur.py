r"""Jalur folder seperti yang ditulis analis, termasuk jalur Windows di sel parameter notebook.

Di ``"..."`` biasa Python mengubah ``\n`` menjadi baris baru, ``\t`` tab, dan seterusnya:
``data = "C:\data\new"`` sampai ke kit sebagai ``C:\data`` + baris baru + ``ew``. Kit
mengembalikannya (:func:`perbaiki_jalur_windows`) bila jalur yang diperbaiki ada, menerima
``data\contoh`` di Linux, dan bila tidak ada satu pun, pesan galatnya menyebut jalur seperti
diketik dan cara menulisnya (``r"C:\..."`` atau ``C:/...``). Dipakai notebook dan baris perintah
(:func:`asn_analitik.masuk.berkas.cari_folder_data`, folder ``hasil`` notebook laporan).
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..galat import InputTidakLayak

__all__ = ["cari_folder", "perbaiki_jalur_windows"]

#: Karakter kendali yang dibuat Python dari ``\a \b \f \n \r \t \v`` di dalam ``"..."`` biasa.
_LOLOS_HURUF = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v"}
_OKTAL = "01234567"
_HURUF_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
_BATAS_EJAAN = 4096  # susunan yang dicoba paling banyak (4 pilihan di 6 tempat)
_DI_WINDOWS = os.name == "nt"  # di Windows ``\`` sudah pemisah folder


def _kendali(c: str) -> bool:
    """Karakter kendali, yang tidak mungkin ada di nama folder (Windows melarang 1-31)."""
    return ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F


def _ejaan_asli(teks: str, i: int) -> list[str]:
    r"""Tulisan analis sesudah ``\`` yang dapat menghasilkan karakter kendali ``teks[i]``, yang
    paling mungkin lebih dulu: huruf (``\n``), lalu angka oktal (``\12`` folder bulan 12 juga
    menjadi baris baru). Python mengambil sampai tiga angka oktal, jadi bila angka oktal
    menyusul, tulisannya pasti tiga angka (``\2026`` = chr(0o202) + ``6``)."""
    c = teks[i]
    huruf = [_LOLOS_HURUF[c]] if c in _LOLOS_HURUF else []
    angka = format(ord(c), "o")
    if teks[i + 1 : i + 2] and teks[i + 1] in _OKTAL:
        return [*huruf, angka.zfill(3)]
    return [*huruf, *(angka.zfill(n) for n in range(len(angka), 4))]


def perbaiki_jalur_windows(teks: str) -> str:
    r"""Jalur Windows seperti yang diketik analis di ``"..."`` biasa (bukan ``r"..."``).

    Di sel parameter notebook ``"C:\Data\SKP"`` tetap seperti ditulis, tetapi ``\n`` di
    ``"C:\data\new"`` menjadi baris baru, ``\t`` tab, ``\a \b \f \r \v`` karakter kendali,
    dan garis miring terbalik + angka (``\2026``) karakter oktal. Fungsi ini mengembalikan
    karakter kendali itu menjadi garis miring terbalik + huruf atau angka asalnya; teks lain
    tidak diubah. Karakter kendali tidak pernah ada di nama folder Windows. Bila asalnya
    tidak pasti (baris baru bisa dari ``\n`` atau ``\12``), dipilih huruf;
    :func:`cari_folder` mencoba semua kemungkinan.

    Examples
    --------
    >>> print(perbaiki_jalur_windows("C:\temp\new"))
    C:\temp\new
    >>> print(perbaiki_jalur_windows("D:\arsip\2026-S1\berkas"))
    D:\arsip\2026-S1\berkas
    >>> perbaiki_jalur_windows("data/contoh")
    'data/contoh'
    """
    return "".join("\\" + _ejaan_asli(teks, i)[0] if _kendali(c) else c for i, c in enumerate(teks))


def _ejaan_jalur(teks: str) -> Iterator[str]:
    r"""Ejaan yang dicoba, tanpa ulangan: apa adanya, lalu karakter kendalinya diperbaiki (semua
    kemungkinan huruf dan angka oktal, paling banyak ``_BATAS_EJAAN``), masing-masing juga
    dengan ``\`` menjadi ``/`` (``data\contoh`` di Linux). Malas: berhenti di folder pertama
    yang ada."""
    posisi = [i for i, c in enumerate(teks) if _kendali(c)]
    pilihan = [_ejaan_asli(teks, i) for i in posisi]
    yield teks
    sudah = {teks}
    for susunan in itertools.islice(itertools.product(*pilihan), _BATAS_EJAAN):
        huruf = list(teks)
        for i, asli in zip(posisi, susunan, strict=True):
            huruf[i] = "\\" + asli
        ejaan = "".join(huruf)
        for e in (ejaan,) if _DI_WINDOWS else (ejaan, ejaan.replace("\\", "/")):
            if e not in sudah:
                sudah.add(e)
                yield e


def _pesan_tidak_ada(nama: str, asli: str, tempat: list[Path], diperbaiki: bool) -> str:
    pesan = f"{nama} '{asli}' tidak ditemukan (dicari di {', '.join(map(str, tempat))})."
    if _HURUF_DRIVE.match(asli) and not _DI_WINDOWS:
        return pesan + (
            f" Jalur berhuruf drive seperti {asli[:3]}... hanya ada di Windows: di komputer ini "
            "tulis jalur folder di komputer ini (mis. /home/nama/data)."
        )
    if diperbaiki:
        pesan += (
            ' Di dalam "..." biasa Python membaca \\n sebagai baris baru dan \\t sebagai tab'
            " (juga \\a, \\b, \\f, \\r, \\v, dan \\ yang diikuti angka seperti \\2026)."
        )
    if "\\" in asli:
        pesan += (
            f' Tulis jalur Windows sebagai r"{asli}" atau dengan garis miring biasa '
            f'"{asli.replace(chr(92), "/")}".'
        )
    return pesan


def cari_folder(
    jalur: str | os.PathLike, dasar: Iterable[Path] = (), nama: str = "Folder", saran: str = ""
) -> Path:
    r"""Folder yang dimaksud analis, dari tulisannya di sel parameter atau baris perintah.

    Dicoba berurutan: jalur apa adanya; jalur Windows yang karakter kendalinya berasal dari
    ``"C:\data\new"`` biasa (:func:`perbaiki_jalur_windows`); garis miring terbalik sebagai
    ``/`` (``data\contoh`` di Linux dan macOS). Jalur relatif juga dicari di setiap folder
    ``dasar``. ``~`` berarti folder rumah.

    Parameters
    ----------
    jalur
        Tulisan analis.
    dasar
        Folder tempat jalur relatif juga dicari (sesudah folder kerja).
    nama
        Awal pesan galat, mis. ``"Folder data"``.
    saran
        Kalimat yang ditambahkan ke pesan galat (cara lain memperbaikinya).

    Returns
    -------
    Path
        Jalur mutlak folder yang ada.

    Raises
    ------
    InputTidakLayak
        Tidak ada folder dengan nama itu. Pesannya menyebut jalur seperti diketik analis,
        tempat yang dicari, dan cara menulis jalur Windows (``r"C:\..."`` atau ``C:/...``).
    """
    teks = os.fspath(jalur)
    dasar = [Path(d) for d in dasar]

    def di_mana(ejaan: str) -> list[Path]:
        p = Path(ejaan).expanduser()
        mutlak = p.is_absolute() or _HURUF_DRIVE.match(ejaan)
        return [p] if mutlak else [p, *(d / p for d in dasar)]

    for ejaan in _ejaan_jalur(teks):
        for c in di_mana(ejaan):
            if c.is_dir():
                return c.resolve()
    asli = perbaiki_jalur_windows(teks)
    pesan = _pesan_tidak_ada(nama, asli, di_mana(asli), asli != teks)
    raise InputTidakLayak(pesan + (f" {saran}" if saran else ""))
