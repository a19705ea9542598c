"""Uji di peramban sungguhan: Chromium tanpa layar (dari Debian, ``apt-get install chromium``;
di Windows Chrome atau Edge yang terpasang)
membuka indeks, satu laporan OPD, ringkasan pimpinan dan salindianya dengan jaringan mati.

Di CI (``CI=true``) uji ini wajib berjalan; di mesin pengembang tanpa Chromium ia dilewati.
Bila ``ASN_ANALITIK_TANGKAPAN=DIR`` diisi, tangkapan layar disalin ke DIR (untuk README).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pytest

from asn_analitik.laporan.pdf import cari_peramban

#: Peramban yang juga dipakai ``laporan --pdf``: Chromium, atau Chrome/Edge di Windows.
CHROMIUM = cari_peramban()
_ALASAN = "Chromium/Chrome/Edge (Debian: apt-get install chromium) atau playwright tidak terpasang"

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - tergantung mesin
    sync_playwright = None

if (CHROMIUM is None or sync_playwright is None) and os.environ.get("CI"):
    raise RuntimeError(f"Uji peramban wajib di CI: {_ALASAN}.")
pytestmark = pytest.mark.skipif(CHROMIUM is None or sync_playwright is None, reason=_ALASAN)

_ARGUMEN = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def peramban(tmp_path_factory):
    """Satu Chromium untuk semua uji modul ini; setiap permintaan ke luar ``file://`` dicatat
    lalu digagalkan, dan konteksnya luring."""
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=_ARGUMEN)
        yield b
        b.close()


@pytest.fixture
def halaman(peramban):
    konteks = peramban.new_context(offline=True, viewport={"width": 1280, "height": 900})
    luar: list[str] = []

    def tolak(route):
        luar.append(route.request.url)
        route.abort()

    konteks.route(lambda url: not url.startswith(("file://", "data:", "about:")), tolak)
    p = konteks.new_page()
    galat: list[str] = []
    p.on("console", lambda m: galat.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: galat.append(str(e)))
    p.on("requestfailed", lambda r: galat.append(f"gagal memuat {r.url}"))
    yield p, galat, luar
    konteks.close()


def _buka(p, path: Path) -> None:
    respon = p.goto(path.as_uri(), wait_until="load")
    assert respon is None or respon.ok


def _gambar_termuat(p) -> int:
    semua = p.evaluate("Array.from(document.images).map(i => i.complete && i.naturalWidth > 0)")
    assert semua and all(semua), "ada gambar yang tidak tampil"
    return len(semua)


def _tidak_kosong(png: bytes) -> None:
    import io

    import matplotlib.image as mpimg

    piksel = mpimg.imread(io.BytesIO(png), format="png")
    warna = np.unique((piksel[..., :3] * 255).astype(np.uint8).reshape(-1, 3), axis=0)
    assert len(warna) > 50, "tangkapan layar nyaris kosong"


def _simpan(png: bytes, nama: str, tmp_path: Path) -> None:
    (tmp_path / nama).write_bytes(png)
    tujuan = os.environ.get("ASN_ANALITIK_TANGKAPAN")
    if tujuan:
        Path(tujuan).mkdir(parents=True, exist_ok=True)
        (Path(tujuan) / nama).write_bytes(png)


def test_indeks_dan_semua_tautannya_terbuka(laporan_jadi, halaman):
    """Pada data dengan nama OPD yang menyulitkan (tanda kutip, ``../``, huruf non-Latin)."""
    p, galat, luar = halaman
    _buka(p, laporan_jadi / "index.html")
    tautan = p.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    assert len(tautan) >= 14  # 12 OPD + ringkasan + salindia
    for url in tautan:
        if url.endswith((".xlsx", ".pdf")):  # unduhan: cukup berkasnya ada
            from urllib.parse import unquote, urlparse

            assert Path(unquote(urlparse(url).path)).is_file(), url
            continue
        respon = p.goto(url, wait_until="load")
        assert respon is None or respon.ok, url
        assert p.title(), f"halaman tanpa judul: {url}"
    assert not galat and not luar, (galat, luar)


def test_indeks_contoh(laporan_contoh, halaman, tmp_path):
    p, galat, luar = halaman
    _buka(p, laporan_contoh / "index.html")
    assert p.locator("table.tabel-asn tbody tr").count() == 12
    png = p.screenshot()
    _tidak_kosong(png)
    _simpan(png, "indeks.png", tmp_path)
    assert not galat and not luar, (galat, luar)


def test_laporan_opd_tampil_luring_dengan_grafik(laporan_contoh, halaman, tmp_path):
    p, galat, luar = halaman
    _buka(p, laporan_contoh / "opd" / "dinas-perhubungan.html")
    assert _gambar_termuat(p) >= 2
    assert "Laporan Kinerja Dinas Perhubungan" in p.inner_text("h1")
    assert p.locator("table.tabel-asn").count() >= 5
    png = p.screenshot(full_page=False)
    _tidak_kosong(png)
    _simpan(png, "laporan_opd.png", tmp_path)
    assert not galat and not luar, (galat, luar)


def test_ringkasan_pimpinan_dan_salindia(laporan_contoh, halaman, tmp_path):
    p, galat, luar = halaman
    _buka(p, laporan_contoh / "ringkasan_pimpinan.html")
    assert _gambar_termuat(p) >= 3
    png = p.screenshot(full_page=False)
    _tidak_kosong(png)
    _simpan(png, "ringkasan_pimpinan.png", tmp_path)

    _buka(p, laporan_contoh / "ringkasan_pimpinan.salindia.html")
    p.wait_for_function("window.Reveal && Reveal.isReady()")
    assert p.evaluate("Reveal.getTotalSlides()") >= 6
    p.keyboard.press("ArrowRight")
    p.wait_for_function("Reveal.getIndices().h === 1")
    p.wait_for_timeout(1200)  # tunggu animasi pergantian salindia selesai
    png = p.screenshot()
    _tidak_kosong(png)
    _simpan(png, "salindia.png", tmp_path)
    assert not galat and not luar, (galat, luar)


# ---------------------------------------------------------------- cetak, PDF, salindia, OPD besar

#: Lebar area cetak A4 potret dalam px CSS: 210 mm - 2 x 12 mm margin (asn.css @page).
_LEBAR_CETAK = round((210 - 24) / 25.4 * 96)
#: Halaman cetak paling banyak untuk laporan OPD data contoh (isu 13: "sekitar 12").
_BATAS_HALAMAN = 12


def _jumlah_halaman_pdf(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _sel_di_luar_area_cetak(p) -> list[str]:
    """Sel tabel, gambar dan blok yang (sebagian) berada di luar lebar area cetak."""
    return p.evaluate(
        """(lebar) => Array.from(document.querySelectorAll(
              'table.tabel-asn th, table.tabel-asn td, img, .kartu, .tanda-tangan'))
            .filter(e => { const r = e.getBoundingClientRect();
                           return r.width > 0 && (r.left < -0.5 || r.right > lebar + 0.5); })
            .map(e => e.tagName + ': ' + e.textContent.slice(0, 40))""",
        _LEBAR_CETAK,
    )


def test_cetak_a4_muat_lebar_halaman_dan_paling_banyak_12_halaman(laporan_contoh, peramban):
    """Setiap laporan OPD dan ringkasan pimpinan, dicetak ke A4: tidak ada sel tabel di luar area
    cetak, dan jumlah halamannya dalam batas."""
    konteks = peramban.new_context(offline=True, viewport={"width": _LEBAR_CETAK, "height": 1000})
    p = konteks.new_page()
    p.emulate_media(media="print")
    halaman = {}
    for html_ in [*sorted((laporan_contoh / "opd").glob("*.html")),
                  laporan_contoh / "ringkasan_pimpinan.html"]:  # fmt: skip
        _buka(p, html_)
        assert p.evaluate("document.documentElement.scrollWidth") <= _LEBAR_CETAK + 1, html_.name
        assert not _sel_di_luar_area_cetak(p), (html_.name, _sel_di_luar_area_cetak(p)[:3])
        if html_.parent.name == "opd":  # daftar cari seluruh pegawai tidak ikut tercetak
            assert p.locator(".daftar-cari").first.is_hidden(), html_.name
        assert p.locator(".tanda-tangan").is_visible(), f"{html_.name}: blok tanda tangan"
        halaman[html_.name] = _jumlah_halaman_pdf(p.pdf(prefer_css_page_size=True))
    konteks.close()
    assert max(halaman.values()) <= _BATAS_HALAMAN, halaman
    assert min(halaman.values()) >= 3, halaman  # isi tidak hilang dari cetakan


def test_pdf_berkaki_halaman_dan_blok_tanda_tangan(laporan_contoh):
    """``laporan --pdf``: setiap halaman PDF berkaki OPD, periode, "Halaman x dari y" dan sidik
    data; halaman terakhir memuat blok tanda tangan."""
    from pypdf import PdfReader

    berkas = sorted((laporan_contoh / "opd").glob("*.pdf"))
    assert len(berkas) == 12 and (laporan_contoh / "ringkasan_pimpinan.pdf").is_file()
    for pdf in [*berkas, laporan_contoh / "ringkasan_pimpinan.pdf"]:
        halaman = PdfReader(pdf).pages
        assert len(halaman) <= _BATAS_HALAMAN, pdf.name
        teks_html = pdf.with_suffix(".html").read_text(encoding="utf-8")
        sidik_data = re.search(r"Sidik data:</b> ([0-9a-f]+)", teks_html).group(1)
        for i, hal in enumerate(halaman, 1):
            teks = hal.extract_text()
            assert f"Halaman {i} dari {len(halaman)}" in teks, (pdf.name, i)
            assert f"Sidik data {sidik_data}" in teks and "Semester I 2026" in teks, pdf.name
        akhir = halaman[-1].extract_text()
        assert "Mengetahui," in akhir and "Tanjung Selor," in akhir, pdf.name
    kesehatan = PdfReader(laporan_contoh / "opd" / "dinas-kesehatan.pdf").pages
    assert "Dinas Kesehatan · Semester I 2026" in kesehatan[0].extract_text()
    assert "Kepala Dinas Kesehatan" in kesehatan[-1].extract_text()


def _isi_salindia_di_luar(p) -> list:
    return p.evaluate(
        """() => { const s = Reveal.getCurrentSlide(), r = s.getBoundingClientRect();
            const atas = Math.max(0, r.top), bawah = Math.min(innerHeight, r.bottom);
            const kiri = Math.max(0, r.left), kanan = Math.min(innerWidth, r.right);
            return Array.from(s.querySelectorAll('td, th, img, p, h2, h3, li, .kartu'))
              .filter(e => { const q = e.getBoundingClientRect();
                return q.width > 0 && (q.top < atas - 1 || q.bottom > bawah + 1 ||
                                       q.left < kiri - 1 || q.right > kanan + 1); })
              .map(e => e.tagName + ': ' + e.textContent.slice(0, 40)); }"""
    )


@pytest.mark.parametrize("ukuran", [(1280, 720), (1920, 1080)])
def test_isi_setiap_salindia_muat_di_layar(laporan_contoh, peramban, ukuran):
    lebar, tinggi = ukuran
    konteks = peramban.new_context(offline=True, viewport={"width": lebar, "height": tinggi})
    p = konteks.new_page()
    _buka(p, laporan_contoh / "ringkasan_pimpinan.salindia.html")
    p.wait_for_function("window.Reveal && Reveal.isReady()")
    p.evaluate("Reveal.configure({transition: 'none'})")
    jumlah = p.evaluate("Reveal.getTotalSlides()")
    assert jumlah >= 10
    for i in range(jumlah):
        p.evaluate(f"Reveal.slide({i})")
        p.wait_for_function(f"Reveal.getIndices().h === {i}")
        assert not _isi_salindia_di_luar(p), (i, _isi_salindia_di_luar(p)[:3])
    konteks.close()


def test_cetak_salindia_satu_halaman_per_salindia(laporan_contoh, peramban):
    konteks = peramban.new_context(offline=True, viewport={"width": 1280, "height": 720})
    p = konteks.new_page()
    salindia = laporan_contoh / "ringkasan_pimpinan.salindia.html"
    _buka(p, salindia)
    p.wait_for_function("window.Reveal && Reveal.isReady()")
    jumlah = p.evaluate("Reveal.getTotalSlides()")
    assert jumlah >= 10
    # Mode cetak reveal.js menata ulang setiap salindia menjadi .pdf-page setelah siap.
    p.goto(salindia.as_uri() + "?print-pdf")
    p.wait_for_function(f"document.querySelectorAll('.pdf-page').length === {jumlah}")
    assert _jumlah_halaman_pdf(p.pdf(prefer_css_page_size=True, print_background=True)) == jumlah
    konteks.close()


def test_opd_20000_pegawai_halaman_kecil_dan_bisa_dicari(laporan_besar, peramban):
    """Satu OPD berpegawai 20.000: halamannya di bawah 3 MB, memuat seluruh pegawai di daftar
    cari; kotak cari menyaring tanpa jaringan, dan tanpa skrip daftarnya tetap bisa dibuka."""
    import pandas as pd
    from conftest import OPD_BESAR

    html_ = laporan_besar / "opd" / "dinas-pendidikan.html"
    assert html_.stat().st_size < 3_000_000, html_.stat().st_size
    skor = pd.read_csv(laporan_besar / "skor_pegawai.csv", dtype={"nip": "str"})
    skor = skor[skor["opd"] == OPD_BESAR]
    assert len(skor) >= 15_000
    dicari = skor.sort_values("nip").iloc[len(skor) // 2]

    konteks = peramban.new_context(offline=True)
    p = konteks.new_page()
    _buka(p, html_)
    baris = p.locator(".daftar-cari tbody tr")
    assert baris.count() == len(skor)
    kotak = p.locator(".daftar-cari input[type=search]")
    assert kotak.is_visible()
    kotak.fill(dicari["nip"])
    p.wait_for_function("document.querySelector('.daftar-cari details').open")
    tampil = p.locator(".daftar-cari tbody tr:not([hidden])")
    assert tampil.count() == 1 and dicari["nama"] in tampil.inner_text()
    konteks.close()

    tanpa_skrip = peramban.new_context(offline=True, java_script_enabled=False)
    p = tanpa_skrip.new_page()
    _buka(p, html_)
    assert p.locator(".daftar-cari input[type=search]").is_hidden()
    p.locator(".daftar-cari summary").click()
    assert p.locator(".daftar-cari tbody tr").nth(len(skor) - 1).is_visible()
    assert p.locator("table.tabel-asn").count() >= 5  # ringkasan tetap tampil
    tanpa_skrip.close()
