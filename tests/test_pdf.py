"""PDF laporan (``laporan --pdf``): mencari peramban yang terpasang, pesan bila tidak ada.

Pencetakan sungguhan diuji di tests/test_peramban.py; di sini peramban diganti skrip kecil
agar perilaku pencarian dan kegagalannya teruji di mesin mana pun.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from asn_analitik.cli import utama
from asn_analitik.laporan import pdf


def _program(path: Path, isi: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!{sys.executable}\n{isi}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


@pytest.fixture
def tanpa_peramban(monkeypatch, tmp_path):
    """Tidak ada peramban di PATH (nama yang dicari diganti nama yang tidak ada), bukan
    Windows, tanpa ASN_ANALITIK_PERAMBAN."""
    monkeypatch.setattr(pdf, "_NAMA", ("peramban-uji",))
    monkeypatch.delenv("ASN_ANALITIK_PERAMBAN", raising=False)
    monkeypatch.setattr(pdf, "_MACOS", ())
    monkeypatch.setattr(sys, "platform", "linux")


def test_tanpa_peramban_tidak_ditemukan(tanpa_peramban):
    assert pdf.cari_peramban() is None
    with pytest.raises(pdf.PesanPeramban, match="Chromium, Google Chrome, atau Microsoft Edge"):
        pdf.cetak_pdf("a.html", "a.pdf")


def test_chrome_dan_edge_di_tempat_pemasangan_windows(tanpa_peramban, monkeypatch, tmp_path):
    edge = tmp_path / "x86" / "Microsoft" / "Edge" / "Application" / "msedge.exe"
    _program(edge, "")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("PROGRAMFILES", str(tmp_path / "pf"))
    monkeypatch.setenv("PROGRAMFILES(X86)", str(tmp_path / "x86"))
    assert pdf.cari_peramban() == edge
    chrome = tmp_path / "pf" / "Google" / "Chrome" / "Application" / "chrome.exe"
    _program(chrome, "")
    assert pdf.cari_peramban() == chrome  # Chrome lebih dulu daripada Edge


def test_peramban_pilihan_pengguna_dan_di_path(tanpa_peramban, monkeypatch, tmp_path):
    di_path = _program(tmp_path / "bin" / "peramban-uji", "")
    monkeypatch.setenv("PATH", str(tmp_path / "bin") + os.pathsep + os.environ["PATH"])
    assert pdf.cari_peramban() == di_path
    pilihan = _program(tmp_path / "lain" / "peramban-saya", "")
    monkeypatch.setenv("ASN_ANALITIK_PERAMBAN", str(pilihan))
    assert pdf.cari_peramban() == pilihan
    monkeypatch.setenv("ASN_ANALITIK_PERAMBAN", str(tmp_path / "tidak-ada"))
    assert pdf.cari_peramban() is None  # pilihan yang salah tidak diam-diam diganti


def test_peramban_gagal_tidak_meninggalkan_berkas(tmp_path):
    rusak = _program(tmp_path / "rusak", "import sys; sys.exit(3)")
    (tmp_path / "a.html").write_text("<p>a</p>", encoding="utf-8")
    with pytest.raises(pdf.PesanPeramban, match=r"a\.pdf tidak dibuat: rusak keluar dengan kode 3"):
        pdf.cetak_pdf(tmp_path / "a.html", tmp_path / "a.pdf", rusak)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "rusak"]


def test_argumen_peramban_luring_dan_berprofil_sementara(tmp_path):
    """Peramban palsu mencatat argumennya lalu menulis PDF: tanpa kepala/kaki bawaan peramban,
    profil sementara sendiri (tidak bentrok dengan peramban yang sedang dibuka)."""
    catat = tmp_path / "argumen.txt"
    palsu = _program(
        tmp_path / "palsu",
        "import sys, pathlib\n"
        f"pathlib.Path({str(catat)!r}).write_text(chr(10).join(sys.argv[1:]))\n"
        "keluar = [a for a in sys.argv if a.startswith('--print-to-pdf=')][0].split('=', 1)[1]\n"
        "pathlib.Path(keluar).write_bytes(b'%PDF-1.4 palsu')",
    )
    (tmp_path / "a.html").write_text("<p>a</p>", encoding="utf-8")
    assert (
        pdf.cetak_pdf(tmp_path / "a.html", tmp_path / "a.pdf", palsu)
        .read_bytes()
        .startswith(b"%PDF")
    )
    argumen = catat.read_text().splitlines()
    assert "--headless" in argumen and "--no-pdf-header-footer" in argumen
    profil = next(a for a in argumen if a.startswith("--user-data-dir="))
    assert not Path(profil.split("=", 1)[1]).exists()  # profil sementara dibersihkan
    assert argumen[-1] == (tmp_path / "a.html").as_uri()
    assert ("--no-sandbox" in argumen) == (hasattr(os, "geteuid") and os.geteuid() == 0)


def test_laporan_pdf_tanpa_peramban_tetap_menulis_html(
    data_laporan, tmp_path, tanpa_peramban, capsys
):
    kode = utama(["laporan", "--data", str(data_laporan), "--keluaran", str(tmp_path / "k"),
                  "--opd", "Dinas Perhubungan", "--pdf"])  # fmt: skip
    assert kode == 0
    err = capsys.readouterr().err
    assert "PDF tidak dibuat" in err and "apt-get install chromium" in err
    periode = tmp_path / "k" / "2026-S1"
    assert (periode / "opd" / "dinas-perhubungan.html").is_file()
    assert (periode / "opd" / "dinas-perhubungan.xlsx").is_file()
    assert not list(periode.rglob("*.pdf"))
