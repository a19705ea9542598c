"""asn-analitik: analisis penilaian kinerja ASN berbasis capaian.

Alur: :func:`muat` (baca dan validasi folder) -> :func:`pilih_periode` -> :func:`skor`
(capaian, rating, predikat) -> tulis hasil. Aturan penilaian ada di ``aturan.yaml`` dan
dapat diganti lewat :func:`muat_aturan`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("asn-analitik")
except PackageNotFoundError:  # dijalankan dari sumber tanpa dipasang
    __version__ = "0.0.0"

from .galat import ArgumenTidakValid, GalatAsn, InputTidakLayak, KonfigurasiTidakValid
from .masuk.muat import DataMasuk, muat, pilih_periode
from .nilai.aturan import muat_aturan
from .nilai.skor import HasilSkor, skor

__all__ = [
    "ArgumenTidakValid",
    "DataMasuk",
    "GalatAsn",
    "HasilSkor",
    "InputTidakLayak",
    "KonfigurasiTidakValid",
    "__version__",
    "muat",
    "muat_aturan",
    "pilih_periode",
    "skor",
]
