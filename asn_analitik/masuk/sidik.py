"""Sidik (SHA-256) berkas masukan untuk manifest, dihitung di utas latar.

Sidik membaca setiap berkas sekali lagi dari awal sampai akhir (ratusan MB pada skala
kabupaten). ``hashlib`` dan pembacaan berkas melepas GIL, jadi pekerjaan ini berjalan di inti
lain selagi tabel dibaca dan diperiksa, bukan sesudahnya.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

__all__ = ["SidikLatar", "sha256_berkas"]


def sha256_berkas(path: Path) -> str:
    """SHA-256 isi berkas ``path`` (heksadesimal)."""
    sidik = hashlib.sha256()
    with open(path, "rb") as f:
        for potong in iter(lambda: f.read(1 << 20), b""):
            sidik.update(potong)
    return sidik.hexdigest()


class SidikLatar:
    """SHA-256 sekumpulan berkas, dihitung di utas latar sejak dibuat.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d) / "a.csv"
    ...     _ = p.write_bytes(b"nip\\n")
    ...     SidikLatar([p]).hasil([p])
    {'a.csv': '536401a546a7af4bda1ac6458c73aa4251c18352299d0e65967db56f6289b1a4'}
    """

    def __init__(self, berkas: list[Path]) -> None:
        self._berkas = list(berkas)
        self._sidik: dict[Path, str] = {}
        self._utas = threading.Thread(target=self._hitung, daemon=True, name="sidik-berkas")
        self._utas.start()

    def _hitung(self) -> None:
        for path in self._berkas:
            try:
                self._sidik[path] = sha256_berkas(path)
            except OSError:  # dihitung (dan galatnya dilaporkan) lagi oleh hasil()
                return

    def hasil(self, berkas: list[Path]) -> dict[str, str]:
        """Sidik tiap berkas di ``berkas``, per nama berkas, menurut urutan ``berkas``."""
        self._utas.join()
        return {p.name: self._sidik.get(p) or sha256_berkas(p) for p in berkas}
