"""Sidik (SHA-256) berkas masukan untuk manifest, dihitung di utas latar.

Sidik membaca setiap berkas sekali lagi dari awal sampai akhir (ratusan MB pada skala
kabupaten). ``hashlib`` dan pembacaan berkas melepas GIL, jadi pekerjaan ini berjalan di inti
lain selagi tabel dibaca dan diperiksa, bukan sesudahnya. Pembacaan yang sama mencatat apakah
berkas memuat ``\\r`` (akhir baris Windows atau Mac lama), yang dibutuhkan pembaca CSV.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

__all__ = ["SidikLatar", "sha256_berkas"]


def _baca_berkas(path: Path) -> tuple[str, bool]:
    """(SHA-256 isi berkas, berkas memuat ``\\r``)."""
    sidik, ada_cr = hashlib.sha256(), False
    with open(path, "rb") as f:
        for potong in iter(lambda: f.read(1 << 20), b""):
            sidik.update(potong)
            ada_cr = ada_cr or b"\r" in potong
    return sidik.hexdigest(), ada_cr


def sha256_berkas(path: Path) -> str:
    """SHA-256 isi berkas ``path`` (heksadesimal)."""
    return _baca_berkas(path)[0]


class SidikLatar:
    """SHA-256 sekumpulan berkas, dihitung di utas latar sejak dibuat.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d) / "a.csv"
    ...     _ = p.write_bytes(b"nip\\n")
    ...     s = SidikLatar([p])
    ...     s.hasil([p]), s.ada_cr(p)
    ({'a.csv': '536401a546a7af4bda1ac6458c73aa4251c18352299d0e65967db56f6289b1a4'}, False)
    """

    def __init__(self, berkas: list[Path]) -> None:
        self._berkas = list(berkas)
        self._isi: dict[Path, tuple[str, bool]] = {}
        self._siap = {p: threading.Event() for p in self._berkas}
        self._utas = threading.Thread(target=self._hitung, daemon=True, name="sidik-berkas")
        self._utas.start()

    def _hitung(self) -> None:
        for path in self._berkas:
            try:
                self._isi[path] = _baca_berkas(path)
            except OSError:  # dihitung (dan galatnya dilaporkan) lagi oleh pemanggil
                pass
            finally:
                self._siap[path].set()

    def _milik(self, path: Path) -> tuple[str, bool]:
        if path in self._siap:
            self._siap[path].wait()
        return self._isi.get(path) or _baca_berkas(path)

    def ada_cr(self, path: Path) -> bool:
        """Berkas ``path`` memuat ``\\r`` (menunggu berkas itu selesai dibaca utas latar)."""
        return self._milik(path)[1]

    def hasil(self, berkas: list[Path]) -> dict[str, str]:
        """Sidik tiap berkas di ``berkas``, per nama berkas, menurut urutan ``berkas``."""
        return {p.name: self._milik(p)[0] for p in berkas}
