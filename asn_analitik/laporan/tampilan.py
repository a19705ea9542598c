"""Tampilan laporan: angka dan tanggal gaya Indonesia, NIP tersamar, tabel HTML.

Dipakai notebook laporan; grafik ada di :mod:`asn_analitik.laporan.grafik`.
"""

from __future__ import annotations

import html
import re
from datetime import date

import numpy as np
import pandas as pd

from ..teks import angka_id, persen_id

__all__ = [
    "angka_id",
    "kartu_angka",
    "kepala_laporan",
    "nama_periode",
    "persen_id",
    "samarkan_nip",
    "tabel_html",
    "tanggal_id",
    "buang_kolom_kosong",
    "tidak_tersedia",
]

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
_ROMAWI = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def tanggal_id(tanggal: date) -> str:
    """Tanggal dalam bahasa Indonesia.

    Examples
    --------
    >>> tanggal_id(date(2026, 11, 28))
    '28 November 2026'
    """
    return f"{tanggal.day} {BULAN[tanggal.month - 1]} {tanggal.year}"


def nama_periode(periode: str) -> str:
    """Nama periode baku yang enak dibaca.

    Examples
    --------
    >>> [nama_periode(p) for p in ["2026-S1", "2025-TW4", "2026-03", "2026"]]
    ['Semester I 2026', 'Triwulan IV 2025', 'Maret 2026', 'Tahun 2026']
    """
    m = re.fullmatch(r"([0-9]{4})(?:-(S|TW)?([0-9]+))?", str(periode))
    if not m:
        return str(periode)
    tahun, jenis, angka = m.groups()
    if angka is None:
        return f"Tahun {tahun}"
    if jenis == "S":
        return f"Semester {_ROMAWI[angka]} {tahun}"
    if jenis == "TW":
        return f"Triwulan {_ROMAWI[angka]} {tahun}"
    return f"{BULAN[int(angka) - 1]} {tahun}"


def samarkan_nip(nip: pd.Series) -> pd.Series:
    """Samarkan NIP: hanya 4 angka terakhir yang tampak (untuk ringkasan pimpinan).

    Tanggal lahir dan TMT di dalam NIP adalah data pribadi; empat angka terakhir (jenis
    kelamin dan nomor urut) cukup untuk mencocokkan dengan daftar pegawai OPD.

    Examples
    --------
    >>> samarkan_nip(pd.Series(["198609262015051001"])).tolist()
    ['**************1001']
    """
    teks = nip.astype("str")
    return ("*" * 14) + teks.str[-4:]


def tabel_html(
    data: pd.DataFrame,
    desimal: dict[str, int] | None = None,
    persen: tuple[str, ...] = (),
    kosong: str = "Tidak ada data.",
) -> str:
    """Tabel HTML tanpa indeks, angka gaya Indonesia; kolom ``persen`` berisi porsi 0..1.

    Examples
    --------
    >>> print(tabel_html(pd.DataFrame({"OPD": ["A"], "Nilai": [1234.5]}), {"Nilai": 1}))
    <table class="tabel-asn">
    <thead><tr><th>OPD</th><th>Nilai</th></tr></thead>
    <tbody>
    <tr><td>A</td><td class="angka">1.234,5</td></tr>
    </tbody>
    </table>
    """
    if data.empty:
        return f'<p class="catatan">{html.escape(kosong)}</p>'
    desimal = desimal or {}
    kolom = list(data.columns)
    sel = {}
    for k in kolom:
        nilai = data[k]
        if k in persen:
            sel[k] = [persen_id(v) for v in nilai]
        elif pd.api.types.is_numeric_dtype(nilai) and not pd.api.types.is_bool_dtype(nilai):
            sel[k] = [angka_id(v, desimal.get(k, 0)) for v in nilai]
        else:
            sel[k] = ["–" if pd.isna(v) else html.escape(str(v)) for v in nilai]
    angka = {k for k in kolom if k in persen or pd.api.types.is_numeric_dtype(data[k])}
    kepala = "".join(f"<th>{html.escape(str(k))}</th>" for k in kolom)
    baris = []
    for i in range(len(data)):
        isi = "".join(
            f'<td class="angka">{sel[k][i]}</td>' if k in angka else f"<td>{sel[k][i]}</td>"
            for k in kolom
        )
        baris.append(f"<tr>{isi}</tr>")
    badan = "\n".join(baris)
    return (
        f'<table class="tabel-asn">\n<thead><tr>{kepala}</tr></thead>\n<tbody>\n{badan}\n'
        "</tbody>\n</table>"
    )


def kartu_angka(kartu: list[tuple[str, str]]) -> str:
    """Deretan kartu angka utama: pasangan (judul, angka yang sudah diformat).

    Examples
    --------
    >>> kartu_angka([("Pegawai dinilai", "1.185")]).count('class="kartu"')
    1
    """
    isi = "".join(
        f'<div class="kartu"><div class="angka-besar">{html.escape(angka)}</div>'
        f'<div class="judul-kartu">{html.escape(judul)}</div></div>'
        for judul, angka in kartu
    )
    return f'<div class="kartu-angka">{isi}</div>'


def kepala_laporan(judul: str, subjudul: str, rincian: dict[str, str]) -> str:
    """Kepala laporan: judul, subjudul, dan baris rincian (tanggal, sidik data, dst.)."""
    baris = "".join(
        f"<span><b>{html.escape(k)}:</b> {html.escape(v)}</span>" for k, v in rincian.items()
    )
    return (
        f'<header class="kepala-laporan"><div class="lembaga">Pemerintah Kabupaten Bulungan'
        f" &middot; Penilaian Kinerja ASN Berbasis Capaian</div>"
        f'<h1>{html.escape(judul)}</h1><p class="subjudul">{html.escape(subjudul)}</p>'
        f'<div class="rincian">{baris}</div></header>'
    )


def tidak_tersedia(alasan: str) -> str:
    """Satu kalimat pengganti bagian laporan yang tidak dapat dihitung dari data ini (bukan
    grafik atau tabel kosong).

    Examples
    --------
    >>> tidak_tersedia("Capaian indikator tidak tersedia: data hanya memuat rating.")
    '<p class="tidak-tersedia">Capaian indikator tidak tersedia: data hanya memuat rating.</p>'
    """
    return f'<p class="tidak-tersedia">{html.escape(alasan)}</p>'


def buang_kolom_kosong(tabel: pd.DataFrame) -> pd.DataFrame:
    """Tabel tanpa kolom yang kosong seluruhnya (mis. nilai hasil kerja di data rating saja).

    Examples
    --------
    >>> buang_kolom_kosong(pd.DataFrame({"a": [1], "b": [None]})).columns.tolist()
    ['a']
    """
    if tabel.empty:
        return tabel
    isi = tabel.replace("", np.nan).notna().any()
    return tabel.loc[:, isi.to_numpy()]
