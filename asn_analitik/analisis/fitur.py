"""Fitur pola kinerja: satu baris per pegawai dan periode.

Dua blok bukti: **hasil kerja** (capaian per aspek: kuantitas, kualitas, waktu, biaya) dan
**perilaku** (tujuh nilai BerAKHLAK, skala 1-5). Nilai yang tidak ada dibiarkan kosong di
sini; cara mengisinya untuk pengelompokan diputuskan di :mod:`.klaster` dan didokumentasikan
di sana.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from ..konfigurasi import ASPEK, BERAKHLAK
from ..masuk.kunci import kode_dalam, pemeta_kode, potongan, teks_arrow

__all__ = ["KOLOM_HASIL", "KOLOM_PERILAKU", "susun_fitur"]

KOLOM_HASIL = [f"capaian_{a}" for a in ASPEK]
KOLOM_PERILAKU = [f"perilaku_{b}" for b in BERAKHLAK]


def susun_fitur(skor_pegawai: pd.DataFrame, perilaku: pd.DataFrame | None) -> pd.DataFrame:
    """Gabungkan capaian per aspek dari ``skor_pegawai`` dengan nilai BerAKHLAK per pegawai.

    Parameters
    ----------
    skor_pegawai
        Keluaran :func:`asn_analitik.skor` (metode ``permenpanrb_6_2022``).
    perilaku
        Tabel perilaku yang sah (``DataMasuk.tabel["perilaku"]``) atau ``None``.

    Returns
    -------
    pandas.DataFrame
        ``nip``, ``periode``, ``opd``, ``nilai_hasil_kerja``, ``capaian_<aspek>`` dan
        ``perilaku_<nilai>`` (kosong bila tidak ada).
    """
    fitur = skor_pegawai[["nip", "periode", "opd", "nilai_hasil_kerja", *KOLOM_HASIL]].copy()
    matriks = np.full((len(fitur), len(BERAKHLAK)), np.nan)
    if perilaku is not None and len(perilaku) and len(fitur):
        # Kode bilangan bulat (NIP dan periode unik), lalu baris fitur tiap baris perilaku lewat
        # larik padat kunci (pegawai, periode) -> baris: tanpa tabel hash per baris.
        nip = pd.Index(pd.array(pc.unique(teks_arrow(fitur["nip"])), dtype="str"))
        periode = pd.Index(pd.array(pc.unique(teks_arrow(fitur["periode"])), dtype="str"))
        kunci_fitur = kode_dalam(fitur["nip"], nip) * len(periode) + kode_dalam(
            fitur["periode"], periode
        )
        baris_kunci = np.full(len(nip) * len(periode), -1, dtype=np.int64)
        baris_kunci[kunci_fitur] = np.arange(len(fitur))
        # Per potongan baris: skala nasional 60 juta baris perilaku tanpa larik kode sebesar itu.
        kode = pemeta_kode(perilaku, {"nip": nip, "periode": periode, "aspek": pd.Index(BERAKHLAK)})
        for bagian in potongan(perilaku):
            kode_nip, kode_periode, kolom = kode(bagian)
            ada = (kode_nip >= 0) & (kode_periode >= 0)
            baris = baris_kunci[kode_nip[ada] * len(periode) + kode_periode[ada]]
            kolom = kolom[ada]
            cocok = (baris >= 0) & (kolom >= 0)
            matriks[baris[cocok], kolom[cocok]] = bagian["nilai"].to_numpy(float)[ada][cocok]
    for i, nama in enumerate(KOLOM_PERILAKU):
        fitur[nama] = matriks[:, i]
    return fitur.reset_index(drop=True)
