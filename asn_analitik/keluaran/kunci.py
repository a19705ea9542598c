"""Satu proses per folder keluaran (:class:`KunciFolder`), folder yang boleh ditulis, dan sinyal
yang ditahan selama langkah yang tidak boleh terputus."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from ..galat import KeluaranTidakLayak
from .atomik import _sementara, galat_tulis

__all__ = ["KunciFolder", "folder_bisa_ditulis", "tahan_sinyal"]


@contextlib.contextmanager
def tahan_sinyal() -> Iterator[None]:
    """Tunda SIGINT dan SIGTERM selama blok (mis. memindahkan satu set berkas): sinyal yang
    datang dicatat, lalu ditangani seperti biasa sesudah blok selesai. Hanya di utas utama
    (tempat Python menangani sinyal); di utas lain blok berjalan tanpa penundaan."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    tertunda: list[int] = []
    lama = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    for s in lama:
        signal.signal(s, lambda nomor, _: tertunda.append(nomor))
    try:
        yield
    finally:
        for s, penangan in lama.items():
            signal.signal(s, penangan)
        for nomor in tertunda[:1]:
            penangan = lama[nomor]
            if callable(penangan):
                penangan(nomor, None)
            elif penangan == signal.SIG_DFL:
                signal.raise_signal(nomor)


def folder_bisa_ditulis(folder: Path) -> Path:
    """Pastikan ``folder`` ada (dibuat bila perlu) dan boleh ditulis, sebelum perhitungan
    panjang dimulai.

    Raises
    ------
    KeluaranTidakLayak
        ``folder`` berupa berkas, tidak boleh ditulis, atau disknya hanya-baca/penuh.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise KeluaranTidakLayak(
            f"--keluaran {folder} adalah berkas, bukan folder: pilih nama folder lain.",
            jalur=str(folder),
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        uji = _sementara(folder / "uji-tulis")
        uji.write_bytes(b"asn-analitik")
        uji.unlink()
    except OSError as galat:
        raise galat_tulis(galat, folder) from None
    return folder


class KunciFolder:
    """Kunci satu folder keluaran untuk satu proses (berkas ``.asn-analitik.kunci``).

    Proses kedua yang meminta kunci yang sama berhenti dengan pesan yang menyebut PID dan waktu
    mulai proses pertama. Kunci dilepas sistem operasi bila prosesnya mati, jadi tidak ada kunci
    basi.
    """

    NAMA = ".asn-analitik.kunci"

    def __init__(self, folder: Path, perintah: str = ""):
        self.folder = Path(folder)
        self.perintah = perintah
        self._fd: int | None = None

    @property
    def path(self) -> Path:
        return self.folder / self.NAMA

    def __enter__(self) -> KunciFolder:
        folder_bisa_ditulis(self.folder)
        for _ in range(10):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as galat:
                raise galat_tulis(galat, self.path) from None
            if not _kunci(fd):
                pemilik = _baca_pemilik(fd)
                os.close(fd)
                raise KeluaranTidakLayak(
                    f"Folder keluaran {self.folder} sedang dipakai proses asn-analitik lain "
                    f"({pemilik}). Tunggu sampai selesai, atau pakai --keluaran lain.",
                    jalur=str(self.folder),
                )
            # Berkas kunci bisa dihapus pemilik sebelumnya tepat sebelum kita menguncinya.
            if self.path.exists() and os.stat(self.path).st_ino == os.fstat(fd).st_ino:
                break
            os.close(fd)
        else:  # pragma: no cover - perlombaan yang tidak berhenti
            raise KeluaranTidakLayak(f"Tidak dapat mengunci {self.folder}.", jalur=str(self.folder))
        self._fd = fd
        isi = f"PID {os.getpid()}, mulai {time.strftime('%H:%M:%S')}, {self.perintah}".strip(", ")
        os.ftruncate(fd, 0)
        os.write(fd, isi.encode())
        return self

    def __exit__(self, *galat) -> None:
        if self._fd is None:
            return
        if os.name != "nt":  # Windows tidak bisa menghapus berkas yang sedang dibuka
            self.path.unlink(missing_ok=True)
        os.close(self._fd)
        self._fd = None


def _kunci(fd: int) -> bool:
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _baca_pemilik(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 200).decode("utf-8", "replace") or "PID tidak diketahui"
    except OSError:
        return "PID tidak diketahui"
