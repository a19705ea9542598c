"""Set berkas keluaran yang menggantikan set lama utuh, dan penggantian folder utuh.

:class:`SetKeluaran` menulis satu set ke folder kerja tersembunyi dan baru memindahkannya ke
folder keluaran setelah semuanya selesai, dengan sinyal ditahan dan jurnal yang memungkinkan
jalannya berikutnya menuntaskan pemindahan yang terputus: folder keluaran selalu berisi set lama
yang utuh atau set baru yang utuh. :func:`ganti_folder` melakukan hal yang sama untuk satu folder
seutuhnya (mis. ``<keluaran>/2026-S1`` dari ``laporan``).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import sys
from pathlib import Path

from ..galat import KeluaranTidakLayak
from .atomik import _sedang_dibuka, galat_dibuka, galat_tulis, tulis_json
from .kunci import KunciFolder, tahan_sinyal

__all__ = ["SetKeluaran", "ganti_folder", "pulihkan_folder"]

_JURNAL = ".asn-analitik.pindah"
_AWALAN_KERJA = ".asn-baru-"
_CADANGAN = ".lama"  # di folder kerja: berkas set lama selama pemindahan


def _set_lama(folder: Path, nama_manifest: str) -> list[str]:
    """Berkas set sebelumnya, menurut ``berkas_keluaran`` di manifest-nya."""
    try:
        manifest = json.loads((folder / nama_manifest).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    daftar = manifest.get("berkas_keluaran") if isinstance(manifest, dict) else None
    return [b for b in daftar or [] if isinstance(b, str) and "/" not in b and "\\" not in b]


def _pindahkan(folder: Path, kerja: Path, usang: list[str], nama_manifest: str) -> None:
    """Langkah pemindahan set (idempoten: aman diulang dari jurnal); manifest terakhir.

    Berkas set lama yang akan diganti atau dihapus lebih dulu dipindahkan ke ``kerja/.lama``.
    Di Windows berkas yang sedang dibuka Excel tidak dapat dipindahkan: bila itu terjadi,
    berkas lama yang sudah dipindahkan dikembalikan (set lama utuh) dan pesan
    :func:`galat_dibuka` menyebut berkasnya. Sesudah itu tujuan berkas baru kosong, jadi
    penggantian nama berikutnya tidak dapat ditolak oleh berkas yang terbuka.
    """
    cadangan = kerja / _CADANGAN
    baru = sorted(p for p in kerja.iterdir() if p.name not in (nama_manifest, _CADANGAN))
    if (kerja / nama_manifest).exists():
        baru.append(kerja / nama_manifest)
    for nama in [*usang, *(p.name for p in baru)]:
        lama = folder / nama
        if not lama.is_file():
            continue
        cadangan.mkdir(exist_ok=True)
        try:  # tujuan cadangan belum ada: rename cukup (di Windows menolak menimpa)
            os.rename(lama, cadangan / nama)
        except OSError as galat:
            _kembalikan(cadangan, folder)
            raise galat_dibuka(lama) if _sedang_dibuka(galat) else galat from None
    for p in baru:
        os.replace(p, folder / p.name)
    shutil.rmtree(kerja, ignore_errors=True)


def _kembalikan(cadangan: Path, folder: Path) -> None:
    """Kembalikan berkas set lama dari ``cadangan`` ke ``folder`` (pemindahan dibatalkan)."""
    if cadangan.is_dir():
        for p in cadangan.iterdir():
            with contextlib.suppress(OSError):
                os.replace(p, folder / p.name)


def _tuntaskan_jurnal(folder: Path) -> None:
    """Tuntaskan pemindahan set yang terputus (mis. listrik padam) dari jurnalnya."""
    jurnal = folder / _JURNAL
    if not jurnal.exists():
        return
    try:
        isi = json.loads(jurnal.read_text(encoding="utf-8"))
        kerja = folder / isi["kerja"]
        if kerja.is_dir():
            _pindahkan(folder, kerja, isi.get("usang", []), isi.get("manifest", "manifest.json"))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    jurnal.unlink(missing_ok=True)


def _bersihkan_sisa(folder: Path) -> None:
    """Folder kerja dan berkas sementara yang ditinggalkan proses yang mati (di bawah kunci,
    jadi tidak ada proses lain yang sedang memakainya)."""
    for p in folder.iterdir():
        if p.name.startswith(_AWALAN_KERJA) and p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        elif p.name.startswith(".") and p.name.endswith(".sementara") and p.is_file():
            p.unlink(missing_ok=True)


class SetKeluaran:
    """Satu set berkas keluaran yang menggantikan set lama utuh, atau tidak sama sekali.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     with SetKeluaran(d, "skor") as kerja:
    ...         _ = tulis_json({"berkas_keluaran": ["manifest.json"]}, kerja / "manifest.json")
    ...     sorted(p.name for p in Path(d).iterdir())
    ['manifest.json']
    """

    def __init__(self, folder: str | Path, perintah: str = "", manifest: str = "manifest.json"):
        self.folder = Path(folder)
        self.manifest = manifest
        self._kunci = KunciFolder(self.folder, perintah)
        self.kerja: Path | None = None

    def __enter__(self) -> Path:
        self._kunci.__enter__()
        try:
            _tuntaskan_jurnal(self.folder)
            _bersihkan_sisa(self.folder)
            self.kerja = self.folder / f"{_AWALAN_KERJA}{os.getpid()}-{secrets.token_hex(4)}"
            self.kerja.mkdir()
        except OSError as galat:
            self._kunci.__exit__(None, None, None)
            raise galat_tulis(galat, self.folder) from None
        except BaseException:
            self._kunci.__exit__(None, None, None)
            raise
        return self.kerja

    def __exit__(self, jenis, galat, jejak) -> None:
        try:
            if jenis is None:
                self._terapkan()
        finally:
            if self.kerja is not None and self.kerja.exists():
                shutil.rmtree(self.kerja, ignore_errors=True)
            self._kunci.__exit__(None, None, None)

    def _terapkan(self) -> None:
        baru = {p.name for p in self.kerja.iterdir()}
        # Hanya set lengkap (dengan manifest) yang menggantikan set lama seluruhnya; validasi
        # --keluaran hanya menimpa berkasnya sendiri.
        lama = _set_lama(self.folder, self.manifest) if self.manifest in baru else []
        usang = [b for b in lama if b not in baru]
        jurnal = {"kerja": self.kerja.name, "usang": usang, "manifest": self.manifest}
        with tahan_sinyal():
            try:
                tulis_json(jurnal, self.folder / _JURNAL)
                _pindahkan(self.folder, self.kerja, usang, self.manifest)
                (self.folder / _JURNAL).unlink(missing_ok=True)
            except KeluaranTidakLayak:  # berkas lama terbuka: set lama sudah dikembalikan
                (self.folder / _JURNAL).unlink(missing_ok=True)
                raise
            except OSError as galat:
                raise galat_tulis(galat, self.folder) from None


def ganti_folder(baru: Path, tujuan: Path) -> None:
    """Ganti folder ``tujuan`` (mis. ``<keluaran>/2026-S1``) dengan ``baru`` seutuhnya.

    Dua penggantian nama dengan sinyal ditahan, dicatat di jurnal; bila terputus di antaranya
    (listrik padam), :func:`pulihkan_folder` pada jalannya berikutnya menuntaskannya. Bila
    ``tujuan`` tidak dapat dipindahkan karena salah satu berkasnya sedang dibuka (Windows,
    Excel), tidak ada yang berubah dan pesannya menyebut folder itu.
    """
    lama = tujuan.with_name(f".asn-lama-{tujuan.name}-{secrets.token_hex(3)}")
    jurnal = tujuan.with_name(f".asn-ganti-{tujuan.name}.json")
    with tahan_sinyal():
        try:
            tulis_json({"baru": baru.name, "lama": lama.name}, jurnal)
        except OSError as galat:
            raise galat_tulis(galat, tujuan) from None
        try:
            if baru.is_dir() and tujuan.exists():
                os.replace(tujuan, lama)
        except OSError as galat:
            jurnal.unlink(missing_ok=True)
            if _sedang_dibuka(galat):
                raise galat_dibuka(tujuan, folder=True) from None
            raise galat_tulis(galat, tujuan) from None
        try:
            _ganti_dari_jurnal(tujuan, baru, lama)
            jurnal.unlink(missing_ok=True)
        except OSError as galat:
            raise galat_tulis(galat, tujuan) from None


def _ganti_dari_jurnal(tujuan: Path, baru: Path, lama: Path) -> None:
    if baru.is_dir():
        if tujuan.exists():
            os.replace(tujuan, lama)
        os.replace(baru, tujuan)
    shutil.rmtree(lama, ignore_errors=True)


def pulihkan_folder(tujuan: Path) -> None:
    """Tuntaskan :func:`ganti_folder` yang terputus untuk ``tujuan``."""
    jurnal = tujuan.with_name(f".asn-ganti-{tujuan.name}.json")
    if not jurnal.exists():
        return
    try:
        isi = json.loads(jurnal.read_text(encoding="utf-8"))
        _ganti_dari_jurnal(tujuan, tujuan.with_name(isi["baru"]), tujuan.with_name(isi["lama"]))
    except (OSError, ValueError, KeyError, TypeError):
        print(f"asn-analitik: jurnal {jurnal} tidak dapat dituntaskan.", file=sys.stderr)
        return
    jurnal.unlink(missing_ok=True)
