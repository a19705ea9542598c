"""Keadilan penilaian satu kali per periode: kurva distribusi, kalibrasi penilai, dan predikat
resmi yang tidak cocok dengan matriks (kontrak v2 bagian 7).

Kit tidak pernah mengubah predikat: semua tabel di sini bahan tinjauan bagi penilai dan BKPSDM.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..masuk.periode import kunci_urut_periode
from .kurva import analisis_kurva
from .penilai import HasilPenilai, kalibrasi_penilai

__all__ = ["KOLOM_TIDAK_COCOK", "HasilKeadilan", "analisis_keadilan", "predikat_tidak_cocok"]

KOLOM_TIDAK_COCOK = [
    "nip", "nama", "opd", "periode", "rating_hasil_kerja", "rating_perilaku", "predikat_resmi",
    "predikat_matriks",
]  # fmt: skip


@dataclass
class HasilKeadilan:
    """Tabel keadilan satu jalannya :func:`analisis_keadilan` (nama = nama berkas keluaran)."""

    kurva_distribusi: pd.DataFrame
    kandidat_tinjauan: pd.DataFrame
    kalibrasi_penilai: pd.DataFrame
    predikat_tidak_cocok: pd.DataFrame
    #: OPD pegawai yang dinilai tiap penilai (:class:`~.penilai.HasilPenilai`).
    cakupan_penilai: pd.DataFrame
    #: Penilaian resmi tanpa penilai yang diketahui (tidak ikut dikalibrasi).
    tanpa_penilai: int

    def tabel(self) -> dict[str, pd.DataFrame]:
        """Keempat tabel kontrak, menurut nama berkasnya."""
        return {
            "kurva_distribusi": self.kurva_distribusi,
            "kandidat_tinjauan": self.kandidat_tinjauan,
            "kalibrasi_penilai": self.kalibrasi_penilai,
            "predikat_tidak_cocok": self.predikat_tidak_cocok,
        }


def predikat_tidak_cocok(skor_pegawai: pd.DataFrame) -> pd.DataFrame:
    """Baris yang ``predikat_resmi``-nya (mis. ``hasil_akhir`` e-Kinerja) berbeda dari matriks
    PermenPANRB 6/2022 yang diterapkan pada kedua rating akhir.

    Baris yang salah satu ratingnya kosong tidak diperiksa (matriks tidak dapat diterapkan).

    Examples
    --------
    >>> import pandas as pd
    >>> skor = pd.DataFrame({"nip": ["1", "2"], "nama": ["A", "B"], "opd": "X",
    ...     "periode": "2025", "rating_hasil_kerja": "Di Atas Ekspektasi",
    ...     "rating_perilaku": ["Sesuai Ekspektasi", "Di Bawah Ekspektasi"],
    ...     "predikat": ["Baik", "Kurang/Misconduct"],
    ...     "predikat_resmi": ["Sangat Baik", "Kurang/Misconduct"]})
    >>> predikat_tidak_cocok(skor)[["nip", "predikat_resmi", "predikat_matriks"]].to_numpy()
    array([['1', 'Sangat Baik', 'Baik']], dtype=object)
    """
    if "predikat_resmi" not in skor_pegawai:
        return pd.DataFrame({k: pd.Series(dtype="str") for k in KOLOM_TIDAK_COCOK})
    resmi = skor_pegawai["predikat_resmi"].astype("str")
    matriks = skor_pegawai["predikat"].astype("str")
    beda = (resmi.notna() & matriks.notna() & (resmi != matriks)).to_numpy()
    hasil = skor_pegawai.loc[beda].rename(columns={"predikat": "predikat_matriks"})
    hasil = hasil.assign(_urut=kunci_urut_periode(hasil["periode"]).to_numpy())
    hasil = hasil.sort_values(["_urut", "opd", "nip"], kind="stable")
    return hasil[KOLOM_TIDAK_COCOK].reset_index(drop=True)


def analisis_keadilan(
    skor_pegawai: pd.DataFrame,
    pegawai: pd.DataFrame,
    evaluasi_atasan: pd.DataFrame | None,
    organisasi: pd.DataFrame | None,
    aturan: dict,
) -> HasilKeadilan:
    """Kurva distribusi, kandidat tinjauan, kalibrasi penilai, dan predikat tidak cocok.

    Parameters
    ----------
    skor_pegawai
        Keluaran ``skor`` metode ``permenpanrb_6_2022`` untuk periode yang dipilih.
    pegawai, evaluasi_atasan, organisasi
        Tabel masukan yang sudah dimuat (``evaluasi_atasan`` dan ``organisasi`` boleh ``None``).
    aturan
        Aturan kit (:func:`~asn_analitik.nilai.aturan.muat_aturan`).

    Returns
    -------
    HasilKeadilan
    """
    kurva = analisis_kurva(skor_pegawai, organisasi, aturan)
    penilai: HasilPenilai = kalibrasi_penilai(skor_pegawai, evaluasi_atasan, pegawai, aturan)
    return HasilKeadilan(
        kurva.kurva,
        kurva.kandidat,
        penilai.kalibrasi,
        predikat_tidak_cocok(skor_pegawai),
        penilai.cakupan,
        penilai.tanpa_penilai,
    )
