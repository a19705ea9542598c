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
    "tabel_salindia",
    "tanggal_id",
    "buang_kolom_kosong",
    "daftar_cari",
    "jabatan_kepala",
    "kaki_cetak",
    "tanda_tangan",
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
    buka = {k: '<td class="angka">' if k in angka else '<td class="nip">' if str(k).upper()
            == "NIP" else "<td>" for k in kolom}  # fmt: skip
    kepala = "".join(f"<th>{html.escape(str(k))}</th>" for k in kolom)
    baris = []
    for i in range(len(data)):
        isi = "".join(f"{buka[k]}{sel[k][i]}</td>" for k in kolom)
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


#: Paling banyak sekian byte daftar cari di satu halaman (halaman tetap di bawah 3 MB).
BATAS_BAIT_DAFTAR = 2_000_000
_SKRIP_CARI = (
    "<script>(function(){var d=document.currentScript.previousElementSibling,"
    "i=d.previousElementSibling,r=d.querySelectorAll('tbody tr'),t=[];"
    "for(var k=0;k<r.length;k++)t.push(r[k].textContent.toLowerCase());i.hidden=false;"
    "i.addEventListener('input',function(){var q=i.value.trim().toLowerCase(),n=0;"
    "if(q)d.open=true;for(var k=0;k<r.length;k++){var ok=t[k].indexOf(q)>=0;"
    "r[k].hidden=!ok;n+=ok;}d.querySelector('.jumlah-cari').textContent=q?n+' cocok':'';});"
    "})();</script>"
)


def _sel_ringkas(data: pd.DataFrame, desimal: dict[str, int]) -> pd.Series:
    """Baris ``<tr><td>..`` tanpa tag penutup (HTML mengizinkannya): hemat ± 40% byte."""
    baris = pd.Series("<tr>", index=data.index, dtype="str")
    for k in data.columns:
        nilai = data[k]
        if pd.api.types.is_numeric_dtype(nilai) and not pd.api.types.is_bool_dtype(nilai):
            teks = pd.Series([angka_id(v, desimal.get(k, 0)) for v in nilai], index=data.index)
        else:
            teks = nilai.astype("str").where(nilai.notna(), "–").map(html.escape)
        baris = baris + "<td>" + teks
    return baris


def daftar_cari(
    data: pd.DataFrame,
    judul: str,
    desimal: dict[str, int] | None = None,
    cadangan: tuple[str, ...] = (),
    batas_bait: int = BATAS_BAIT_DAFTAR,
) -> str:
    """Daftar seluruh baris dalam ``<details>`` yang bisa dicari (mis. seluruh pegawai OPD).

    Tanpa skrip, daftar tetap bisa dibuka dan dicari dengan Ctrl+F; dengan skrip, kotak cari
    (beberapa baris skrip di halaman, tanpa jaringan) menyaring baris sambil mengetik. Daftar
    tidak ikut tercetak. Bila daftar melebihi ``batas_bait``, kolom ``cadangan`` dibuang lebih
    dulu; bila masih melebihi, hanya baris teratas yang dimuat dan jumlahnya disebut.

    Examples
    --------
    >>> teks = daftar_cari(pd.DataFrame({"Nama": ["Ani", "Budi"]}), "Seluruh pegawai")
    >>> teks.count("<tr><td>")
    2
    """
    desimal = desimal or {}
    badan = _sel_ringkas(data, desimal)
    if badan.str.len().sum() > batas_bait and cadangan:
        data = data.drop(columns=[k for k in cadangan if k in data.columns])
        badan = _sel_ringkas(data, desimal)
    panjang = badan.str.len().cumsum()
    muat = int((panjang <= batas_bait).sum())
    keterangan = ""
    if muat < len(badan):
        keterangan = (
            f'<p class="catatan">Daftar ini memuat {angka_id(muat)} dari {angka_id(len(badan))} '
            "baris teratas agar halaman tetap ringan; selengkapnya di lampiran Excel.</p>"
        )
    kepala = "".join(f"<th>{html.escape(str(k))}</th>" for k in data.columns)
    return (
        '<div class="daftar-cari hanya-layar">'
        f'<input type="search" hidden placeholder="Cari nama atau NIP" '
        f'aria-label="Cari di {html.escape(judul.lower())}">'
        f"<details><summary>{html.escape(judul)} ({angka_id(len(data))}): buka daftar"
        ' <span class="jumlah-cari"></span></summary>'
        f'{keterangan}<table class="tabel-asn tabel-cari"><thead><tr>{kepala}</tr></thead>'
        f"<tbody>\n{chr(10).join(badan.iloc[:muat])}\n</tbody></table></details>"
        f"{_SKRIP_CARI}</div>"
    )


def _css_teks(teks: str) -> str:
    r"""Teks sebagai string CSS di dalam ``<style>``: tanda kutip, garis miring terbalik,
    ``< > &`` dan karakter kendali ditulis sebagai escape heksadesimal CSS enam angka, sehingga
    nama OPD apa pun tidak dapat menutup ``<style>`` atau mengubah CSS-nya.

    Examples
    --------
    >>> print(_css_teks('Dinas "A" </style>'))
    "Dinas \000022A\000022 \00003c/style\00003e"
    """
    aman = "".join(
        f"\\{ord(c):06x}" if c in '\\"<>&' or ord(c) < 0x20 or ord(c) == 0x7F else c for c in teks
    )
    return f'"{aman}"'


def kaki_cetak(kiri: str, sidik: str) -> str:
    """Kaki setiap halaman cetak/PDF: ``kiri`` (mis. OPD dan periode), nomor halaman "x dari
    y", dan sidik data. Memakai kotak margin ``@page`` (Chromium 131 ke atas, juga Chrome dan
    Edge), jadi tampil baik pada Ctrl+P maupun ``laporan --pdf``.

    Examples
    --------
    >>> "counter(pages)" in kaki_cetak("Dinas Sosial · Semester I 2026", "ab12")
    True
    """
    return (
        "<style>@page{@bottom-left{content:"
        + _css_teks(kiri)
        + ';}@bottom-center{content:"Halaman " counter(page) " dari " counter(pages);}'
        "@bottom-right{content:" + _css_teks(f"Sidik data {sidik}") + ";}}</style>"
    )


def tanda_tangan(jabatan: str, tempat: str, tanggal: str) -> str:
    """Blok tanda tangan untuk cetakan ("Mengetahui, <jabatan>"); tidak tampil di layar.

    Examples
    --------
    >>> "Mengetahui," in tanda_tangan("Kepala Dinas Sosial", "Tanjung Selor", "1 Juli 2026")
    True
    """
    return (
        '<div class="tanda-tangan hanya-cetak">'
        f"<p>{html.escape(tempat)}, {html.escape(tanggal)}</p><p>Mengetahui,<br>"
        f'{html.escape(jabatan)}</p><div class="ruang-tanda-tangan"></div>'
        "<p>(........................................)<br>NIP ................................"
        "</p></div>"
    )


def jabatan_kepala(opd: str) -> str:
    """Sebutan pimpinan OPD untuk blok tanda tangan.

    Examples
    --------
    >>> for o in ["Dinas Sosial", "Kecamatan Tanjung Selor", "RSUD Soemarno", "Sekretariat Daerah"]:
    ...     print(jabatan_kepala(o))
    Kepala Dinas Sosial
    Camat Tanjung Selor
    Direktur RSUD Soemarno
    Sekretaris Daerah
    """
    teks = opd.strip()
    if teks.lower().startswith("kecamatan "):
        return "Camat " + teks[len("kecamatan ") :]
    if teks.lower().startswith(("rsud", "rumah sakit")):
        return f"Direktur {teks}"
    if teks.lower() == "sekretariat daerah":
        return "Sekretaris Daerah"
    return f"Kepala {teks}"


#: Baris tabel paling banyak di satu salindia 1280x720.
BARIS_SALINDIA = 8


def tabel_salindia(
    data: pd.DataFrame, n: int = BARIS_SALINDIA, rujukan: str = "ringkasan_pimpinan.html", **opsi
) -> str:
    """Tabel untuk notebook yang juga menjadi salindia: halaman HTML memuat seluruh baris,
    salindia hanya ``n`` baris teratas dengan rujukan ke halamannya (agar muat di layar).

    Examples
    --------
    >>> teks = tabel_salindia(pd.DataFrame({"OPD": list("abcdefghij")}), 3)
    >>> teks.count("<tr>") - 2  # 10 baris halaman + 3 baris salindia, tanpa dua baris judul
    13
    """
    if len(data) <= n:
        return tabel_html(data, **opsi)
    sisa = (
        f'<p class="catatan">{angka_id(n)} teratas dari {angka_id(len(data))}; selengkapnya di '
        f"{html.escape(rujukan)}.</p>"
    )
    return (
        f'<div class="hanya-halaman">{tabel_html(data, **opsi)}</div>'
        f'<div class="hanya-salindia">{tabel_html(data.head(n), **opsi)}{sisa}</div>'
    )
