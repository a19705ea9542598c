"""PDF laporan lewat peramban keluarga Chromium yang sudah terpasang (``laporan --pdf``).

Tidak ada peramban yang diunduh: kit mencari Chromium (Linux), Google Chrome atau Microsoft
Edge (Windows, macOS) di tempat pemasangan biasa, atau memakai ``ASN_ANALITIK_PERAMBAN``.
Halaman dicetak dengan mode tanpa layar (``--headless --print-to-pdf``) memakai gaya cetak
laporan itu sendiri: A4, kaki halaman (OPD, periode, halaman x dari y, sidik data) dari kotak
margin ``@page``, dan blok tanda tangan. Setiap cetak memakai profil sementara sendiri, jadi
tidak terganggu peramban yang sedang dibuka pengguna.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..galat import GalatAsn

__all__ = ["PesanPeramban", "cari_peramban", "cetak_pdf"]

_NAMA = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome",
         "microsoft-edge", "microsoft-edge-stable", "msedge")  # fmt: skip
#: Di bawah %PROGRAMFILES%, %PROGRAMFILES(X86)% dan %LOCALAPPDATA%.
_WINDOWS = (
    ("Google", "Chrome", "Application", "chrome.exe"),
    ("Microsoft", "Edge", "Application", "msedge.exe"),
    ("Chromium", "Application", "chrome.exe"),
)
_MACOS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
)
#: Satu halaman yang tidak selesai dicetak dalam waktu ini dianggap gagal.
BATAS_DETIK = 180


class PesanPeramban(GalatAsn):
    """Tidak ada peramban keluarga Chromium untuk membuat PDF, atau pencetakannya gagal."""


def _kandidat_windows() -> list[Path]:
    akar = [os.environ.get(k) for k in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA")]
    return [Path(a).joinpath(*bagian) for bagian in _WINDOWS for a in akar if a]


def cari_peramban() -> Path | None:
    """Jalur peramban keluarga Chromium di mesin ini, atau ``None``.

    Urutan: ``ASN_ANALITIK_PERAMBAN``, nama program di ``PATH`` (chromium, google-chrome,
    msedge, ...), lalu tempat pemasangan baku Chrome/Edge di Windows dan macOS.
    """
    pilihan = os.environ.get("ASN_ANALITIK_PERAMBAN")
    if pilihan:
        return Path(pilihan) if Path(pilihan).is_file() else None
    for nama in _NAMA:
        jalur = shutil.which(nama)
        if jalur:
            return Path(jalur)
    lain = _kandidat_windows() if sys.platform == "win32" else [Path(p) for p in _MACOS]
    return next((p for p in lain if p.is_file()), None)


def pesan_tanpa_peramban() -> str:
    """Pesan bila tidak ada peramban: apa yang tetap dibuat dan cara memasangnya."""
    return (
        "PDF tidak dibuat: tidak ada peramban Chromium, Google Chrome, atau Microsoft Edge di "
        "mesin ini (laporan HTML tetap ditulis dan bisa dicetak dari peramban mana pun). Pasang "
        "salah satunya (Debian/Ubuntu: apt-get install chromium), atau isi ASN_ANALITIK_PERAMBAN "
        "dengan jalur program peramban."
    )


def _argumen(peramban: Path, html: Path, pdf: Path, profil: str) -> list[str]:
    argumen = [
        str(peramban), "--headless", "--disable-gpu", "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-pdf-header-footer", f"--user-data-dir={profil}",
        f"--print-to-pdf={pdf}", html.resolve().as_uri(),
    ]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argumen.insert(1, "--no-sandbox")  # Chromium menolak berjalan sebagai root tanpa ini
    return argumen


def cetak_pdf(html: str | Path, pdf: str | Path, peramban: str | Path | None = None) -> Path:
    """Cetak halaman ``html`` ke ``pdf`` (atomik) dengan peramban tanpa layar.

    Raises
    ------
    PesanPeramban
        Tidak ada peramban, atau peramban gagal mencetak (pesannya menyebut berkasnya).
    """
    html, pdf = Path(html), Path(pdf)
    peramban = Path(peramban) if peramban else cari_peramban()
    if peramban is None:
        raise PesanPeramban(pesan_tanpa_peramban())
    sementara = pdf.with_name(f".{pdf.stem}.{os.getpid()}.sementara.pdf")
    with tempfile.TemporaryDirectory(prefix="asn-peramban-") as profil:
        try:
            proses = subprocess.run(
                _argumen(peramban, html, sementara, profil),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=BATAS_DETIK,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as galat:
            sementara.unlink(missing_ok=True)
            raise PesanPeramban(
                f"PDF {pdf.name} tidak dibuat: {peramban} gagal ({galat})."
            ) from None
    if proses.returncode != 0 or not sementara.is_file() or sementara.stat().st_size == 0:
        sementara.unlink(missing_ok=True)
        raise PesanPeramban(
            f"PDF {pdf.name} tidak dibuat: {peramban.name} keluar dengan kode {proses.returncode}."
        )
    os.replace(sementara, pdf)
    return pdf
