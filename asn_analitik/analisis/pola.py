"""Analisis pola kinerja satu periode: fitur, pengelompokan, profil, dan label per pegawai."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..masuk.muat import DataMasuk
from ..nilai.rating import teks_kode
from ..nilai.skor import HasilSkor
from .fitur import KOLOM_HASIL, KOLOM_PERILAKU, susun_fitur
from .klaster import PengelompokKinerja
from .profil import profil_klaster

__all__ = ["HasilPola", "KOLOM_PROFIL", "TANPA_POLA", "analisis_pola"]


@dataclass
class HasilPola:
    """Hasil :func:`analisis_pola`.

    Attributes
    ----------
    fitur
        Fitur per pegawai dan periode (lihat :func:`asn_analitik.analisis.fitur.susun_fitur`).
    model
        :class:`PengelompokKinerja` yang sudah dilatih; ``None`` bila tidak ada bukti untuk
        dikelompokkan (folder rating saja: tanpa capaian indikator dan nilai BerAKHLAK).
    klaster_pegawai
        ``nip``, ``periode``, ``klaster``, ``label_klaster``, ``opd``.
    profil
        Satu baris per kelompok (``profil_klaster.csv``).
    """

    fitur: pd.DataFrame
    model: PengelompokKinerja | None
    klaster_pegawai: pd.DataFrame
    profil: pd.DataFrame

    @property
    def alasan_tanpa_pola(self) -> str | None:
        """Kalimat mengapa pola tidak dapat dicari (``None`` bila ada pola)."""
        return None if self.model is not None else TANPA_POLA


#: Label dan alasan bila tidak ada bukti untuk dikelompokkan.
TANPA_POLA = (
    "Pola kinerja tidak tersedia: data hanya memuat rating, tanpa capaian indikator dan nilai "
    "BerAKHLAK yang menjadi dasar pengelompokan."
)
KOLOM_PROFIL = [
    "periode", "klaster", "label_klaster", "jumlah_pegawai", "porsi_pegawai", "nilai_hasil_kerja",
    *KOLOM_HASIL, *KOLOM_PERILAKU, "porsi_tidak_dilaporkan", "kestabilan", "pita_kestabilan",
]  # fmt: skip


def analisis_pola(
    data: DataMasuk, hasil: HasilSkor, aturan: dict, k: str | int = "auto", seed: int = 0
) -> HasilPola:
    """Kelompokkan seluruh pegawai kabupaten pada periode di ``hasil`` (satu periode).

    Pegawai dikumpulkan dari semua OPD lebih dulu (OPD kecil tidak cukup untuk pola yang
    dapat dipercaya); laporan per OPD memakai label dari pengelompokan bersama ini.
    """
    pola = aturan["pola"]
    skor_pegawai = hasil.skor_pegawai
    fitur = susun_fitur(skor_pegawai, data.tabel.get("perilaku"))
    if not fitur[KOLOM_HASIL + KOLOM_PERILAKU].notna().to_numpy().any():
        return _tanpa_pola(fitur)
    model = PengelompokKinerja(
        k=k,
        rentang_k=tuple(pola["rentang_k"]),
        random_state=seed,
        n_bootstrap=pola["n_bootstrap"],
        ukuran_sampel=pola["ukuran_sampel"],
        satuan_capaian=pola["satuan_capaian"],
        satuan_perilaku=pola["satuan_perilaku"],
    ).fit(fitur)
    porsi = (
        (
            skor_pegawai["indikator_tidak_dilaporkan"]
            / skor_pegawai["jumlah_indikator"].where(skor_pegawai["jumlah_indikator"] > 0)
        )
        .fillna(1.0)
        .to_numpy()
    )
    profil = profil_klaster(fitur, model.label_, model.stabilitas_, porsi, pola)
    if len(profil):
        periode = skor_pegawai["periode"].iloc[0]
        profil.insert(0, "periode", periode)
    # label per nomor kelompok (nomor 1..k, profil urut nomor)
    teks_label = profil["label_klaster"].astype("str")
    klaster_pegawai = pd.DataFrame(
        {
            "nip": fitur["nip"].array,
            "periode": fitur["periode"].array,
            "klaster": model.label_.astype(np.int64),
            "label_klaster": teks_kode(model.label_ - 1, teks_label)
            if len(teks_label)
            else pd.array([], dtype="str"),
            "opd": fitur["opd"].array,
        }
    )
    return HasilPola(fitur, model, klaster_pegawai, profil)


def _tanpa_pola(fitur: pd.DataFrame) -> HasilPola:
    """Hasil tanpa pengelompokan: setiap pegawai berlabel "tidak dikelompokkan"."""
    klaster_pegawai = pd.DataFrame(
        {
            "nip": fitur["nip"].to_numpy(),
            "periode": fitur["periode"].to_numpy(),
            "klaster": np.zeros(len(fitur), dtype=np.int64),
            "label_klaster": "Tidak dikelompokkan (tanpa capaian dan nilai BerAKHLAK)",
            "opd": fitur["opd"].to_numpy(),
        }
    )
    return HasilPola(fitur, None, klaster_pegawai, pd.DataFrame(columns=KOLOM_PROFIL))
