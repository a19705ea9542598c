"""Langkah bangun tambahan untuk setuptools (metadata proyek ada di pyproject.toml).

Notebook laporan (``notebooks/``) dan katalog pelatihan bawaan (``data/katalog_pelatihan.csv``)
tinggal di repositori, di tempat analis mencarinya. Kit yang dipasang dari wheel, di luar
repositori, tetap membutuhkan keduanya: langkah ini menyalinnya ke ``asn_analitik/bawaan/`` di
dalam wheel. ``asn_analitik.konfigurasi`` memakai salinan itu bila repositorinya tidak ada.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

AKAR = Path(__file__).resolve().parent
BAWAAN = [
    ("notebooks/01_eksplorasi.ipynb", "notebooks/01_eksplorasi.ipynb"),
    ("notebooks/02_laporan_opd.ipynb", "notebooks/02_laporan_opd.ipynb"),
    ("notebooks/03_ringkasan_pimpinan.ipynb", "notebooks/03_ringkasan_pimpinan.ipynb"),
    ("data/katalog_pelatihan.csv", "katalog_pelatihan.csv"),
]


class BangunDenganBawaan(build_py):
    """``build_py`` yang juga menyalin notebook dan katalog ke ``asn_analitik/bawaan/``."""

    def run(self):
        super().run()
        if self.editable_mode:  # pemasangan -e memakai berkas di repositori langsung
            return
        for asal, tujuan in BAWAAN:
            sasaran = Path(self.build_lib) / "asn_analitik" / "bawaan" / tujuan
            sasaran.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(AKAR / asal, sasaran)


setup(cmdclass={"build_py": BangunDenganBawaan})
