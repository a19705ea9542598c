"""asn-analitik: analisis penilaian kinerja ASN berbasis capaian.

Alur: :func:`muat` (baca dan validasi folder) -> :func:`pilih_periode` -> :func:`skor`
(capaian, rating, predikat) -> tulis hasil. Aturan penilaian ada di ``nilai/aturan.yaml`` dan
dapat diganti lewat :func:`muat_aturan`.

Paket disusun menurut tahap: ``masuk`` (baca, validasi), ``nilai`` (aturan, skor),
``analisis`` (pola, pelatihan, keadilan penilaian), ``laporan`` (batch laporan, bantuan
notebook), ``contoh`` (data sintetis); ``alur`` dan ``cli`` merangkainya menjadi perintah.

Nama di bawah ini dimuat saat pertama dipakai (``from asn_analitik import muat`` tetap
berlaku): proses yang hanya memakai sebagian kit, mis. pekerja ``laporan`` yang menjalankan
papermill, tidak ikut mengimpor pandas (± 0,4 detik per proses).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .konfigurasi import VERSI as __version__
from .malas import pemuat_malas

if TYPE_CHECKING:
    from .analisis.keadilan import HasilKeadilan, analisis_keadilan
    from .galat import ArgumenTidakValid, GalatAsn, InputTidakLayak, KonfigurasiTidakValid
    from .masuk.muat import DataMasuk, muat
    from .masuk.pilih import pilih_periode
    from .nilai.aturan import muat_aturan
    from .nilai.skor import HasilSkor, skor

#: Nama publik -> modul asalnya (relatif terhadap paket ini).
_ASAL = {
    "ArgumenTidakValid": ".galat",
    "GalatAsn": ".galat",
    "InputTidakLayak": ".galat",
    "KonfigurasiTidakValid": ".galat",
    "HasilKeadilan": ".analisis.keadilan",
    "analisis_keadilan": ".analisis.keadilan",
    "DataMasuk": ".masuk.muat",
    "muat": ".masuk.muat",
    "pilih_periode": ".masuk.pilih",
    "muat_aturan": ".nilai.aturan",
    "HasilSkor": ".nilai.skor",
    "skor": ".nilai.skor",
}

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

__getattr__, __dir__ = pemuat_malas(__name__, globals(), _ASAL)
