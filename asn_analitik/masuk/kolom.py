"""Header tabel: nama kolom dibakukan, alias dikenali, dan baris header ditemukan.

Spreadsheet kiriman OPD sering punya baris judul di atas header ("REKAPITULASI SKP DINAS
KESEHATAN", baris periode, baris kosong) dan header yang ditulis bebas (``NIP Baru``,
``Realisasi (%)``, ``Target (satuan)``). Modul ini membakukan setiap sel header menjadi nama
kolom kit dan mencari baris header di 20 baris pertama: baris pertama yang memuat semua kolom
wajib tabelnya.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from ..galat import InputTidakLayak
from ..konfigurasi import ALIAS_KOLOM, TABEL

__all__ = [
    "BARIS_CARI_HEADER",
    "Header",
    "bakukan_header",
    "cari_header",
    "kunci_kolom",
    "periksa_kolom_wajib",
]

#: Header dicari di baris sebanyak ini dari atas.
BARIS_CARI_HEADER = 20


def kunci_kolom(teks: object) -> str:
    """Bentuk baku satu sel header.

    Examples
    --------
    >>> [kunci_kolom(t) for t in [" NIP ", "Unit Kerja", "Realisasi (%)", "Target [dokumen]",
    ...     "Bobot %", "NIP\\u00a0Baru", "Tgl."]]
    ['nip', 'unit_kerja', 'realisasi', 'target', 'bobot', 'nip_baru', 'tgl']
    """
    if teks is None:
        return ""
    t = unicodedata.normalize("NFKD", str(teks))
    t = "".join(h for h in t if not unicodedata.combining(h)).lower()
    t = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", t)
    return re.sub(r"[^0-9a-z:]+", "_", t).strip("_")


@dataclass(frozen=True)
class Header:
    """Header satu tabel sesudah dibakukan.

    Attributes
    ----------
    kolom
        Nama kolom per posisi; kolom tanpa nama bernama ``""``.
    dikenali
        Header asli yang dibaca sebagai kolom lain daripada tulisannya (alias, satuan dalam
        kurung, tanda baca): ``{asli: kolom}``.
    """

    kolom: list[str]
    dikenali: dict[str, str] = field(default_factory=dict)


def bakukan_header(kolom: Sequence[object], berkas: str, tabel: str | None = None) -> Header:
    """Bakukan nama kolom; alias tabel dipakai bila kolom kit-nya belum ada. Dua kolom bernama
    sama adalah galat; kolom tanpa nama dibiarkan ``""`` (lihat :func:`~.mentah.rapikan_kolom`).

    Examples
    --------
    >>> bakukan_header([" NIP Baru ", "Nama Pegawai", "OPD", ""], "pegawai.csv", "pegawai").kolom
    ['nip', 'nama', 'opd', '']
    >>> bakukan_header(["NIP", "NIP Baru"], "pegawai.csv", "pegawai").kolom
    ['nip', 'nip_baru']
    """
    baku = [kunci_kolom(k) for k in kolom]
    alias = ALIAS_KOLOM.get(tabel, {}) if isinstance(tabel, str) else {}
    dikenali = {}
    for i, nama in enumerate(baku):
        tujuan = alias.get(nama)
        if tujuan and tujuan not in baku:
            baku[i] = tujuan
        asli = str(kolom[i]).strip()
        if baku[i] and re.sub(r"\s+", "_", asli.lower()) != baku[i]:
            dikenali[asli] = baku[i]  # dicatat di manifest: "Realisasi (%)" -> realisasi
    for i, nama in enumerate(baku):
        if nama and nama in baku[:i]:
            raise InputTidakLayak(
                f"Berkas {berkas}: kolom '{nama}' muncul dua kali di baris header; "
                "hapus atau ganti nama salah satunya.",
                berkas=berkas,
                kolom=nama,
            )
    return Header(baku, dikenali)


def _syarat_header(tabel: str | Sequence[frozenset[str]] | None) -> list[set[str]]:
    if tabel is None:
        return []
    if isinstance(tabel, str):
        return [set(TABEL[tabel]["kolom_wajib"])]
    return [set(s) for s in tabel]


def cari_header(
    baris: Sequence[Sequence[object]], tabel: str | Sequence[frozenset[str]] | None
) -> int | None:
    """Posisi baris header di ``baris`` (20 baris pertama): baris pertama yang memuat semua
    kolom wajib ``tabel``; ``None`` bila tidak ada.

    ``tabel`` boleh juga beberapa himpunan kolom penanda (mis. ekspor e-Kinerja: ``{nip,
    hasil_akhir}`` atau ``{nip, skp_status}``): header adalah baris yang memuat salah satunya.

    Examples
    --------
    >>> cari_header([["REKAPITULASI SKP"], [], ["NIP", "Nama", "OPD"], ["1", "a", "b"]],
    ...             "pegawai")
    2
    >>> cari_header([["LAPORAN"], ["nip", "Hasil Akhir"]], [frozenset({"nip", "hasil_akhir"})])
    1
    """
    syarat = _syarat_header(tabel)
    alias = ALIAS_KOLOM.get(tabel, {}) if isinstance(tabel, str) else {}
    for i, isi in enumerate(baris[:BARIS_CARI_HEADER]):
        kunci = {kunci_kolom(k) for k in isi}
        kunci |= {alias[k] for k in kunci if k in alias}
        if any(s <= kunci for s in syarat):
            return i
    return None


def periksa_kolom_wajib(nama: str, data: pd.DataFrame, berkas: str) -> None:
    hilang = [k for k in TABEL[nama]["kolom_wajib"] if k not in data.columns]
    if hilang:
        raise InputTidakLayak(
            f"Berkas {berkas}: kolom wajib '{hilang[0]}' tidak ada. Kolom wajib tabel {nama}: "
            f"{', '.join(TABEL[nama]['kolom_wajib'])}. Kolom yang ada: "
            f"{', '.join(k for k in data.columns if k != '_baris')}.",
            berkas=berkas,
            kolom=hilang[0],
        )
