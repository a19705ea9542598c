"""Uji di peramban sungguhan: Chromium tanpa layar (dari Debian, ``apt-get install chromium``)
membuka indeks, satu laporan OPD, ringkasan pimpinan dan salindianya dengan jaringan mati.

Di CI (``CI=true``) uji ini wajib berjalan; di mesin pengembang tanpa Chromium ia dilewati.
Bila ``ASN_ANALITIK_TANGKAPAN=DIR`` diisi, tangkapan layar disalin ke DIR (untuk README).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
_ALASAN = "Chromium (Debian: apt-get install chromium) atau playwright tidak terpasang"

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
        b = pw.chromium.launch(executable_path=CHROMIUM, args=_ARGUMEN)
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
