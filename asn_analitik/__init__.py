"""asn-analitik: analisis penilaian kinerja ASN berbasis capaian.

Alur: :func:`muat` (baca dan validasi folder) -> :func:`pilih_periode` -> :func:`skor`
(capaian, rating, predikat) -> tulis hasil. Aturan penilaian ada di ``nilai/aturan.yaml`` dan
dapat diganti lewat :func:`muat_aturan`.

Paket disusun menurut tahap: ``masuk`` (baca, validasi), ``nilai`` (aturan, skor),
``analisis`` (pola, pelatihan, keadilan penilaian), ``laporan`` (batch laporan, bantuan
notebook), ``contoh`` (data sintetis); ``alur`` dan ``cli`` merangkainya menjadi perintah.
"""

from .analisis.keadilan import HasilKeadilan, analisis_keadilan
from .galat import ArgumenTidakValid, GalatAsn, InputTidakLayak, KonfigurasiTidakValid
from .konfigurasi import VERSI as __version__
from .masuk.muat import DataMasuk, muat
from .masuk.pilih import pilih_periode
from .nilai.aturan import muat_aturan
from .nilai.skor import HasilSkor, skor

__all__ = [
    "ArgumenTidakValid",
    "DataMasuk",
    "GalatAsn",
    "HasilKeadilan",
    "HasilSkor",
    "InputTidakLayak",
    "KonfigurasiTidakValid",
    "__version__",
    "analisis_keadilan",
    "muat",
    "muat_aturan",
    "pilih_periode",
    "skor",
]
