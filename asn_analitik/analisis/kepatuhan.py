"""Siapa yang sudah dinilai atasannya, bulan demi bulan, dan sebaran predikat per bulan.

Dihitung dari ``evaluasi_atasan`` semua periode (sebelum periode dipilih): setiap baris adalah
satu pegawai dalam laporan penilaian periode itu, termasuk yang belum dinilai (e-Kinerja
menuliskannya dengan rating kosong). Itulah angka yang dibutuhkan tantangan "resistensi
terhadap laporan tambahan" di dokumen awal: OPD mana yang penilaiannya tertinggal.

- ``kepatuhan_penilaian``: per OPD dan periode: ``jumlah_pegawai``, ``skp_disetujui`` (dari
  ``status_skp``, status ``persetujuan`` pada tahun periode itu), ``dinilai``,
  ``belum_dinilai``, ``porsi_dinilai``.
- ``belum_dinilai``: pegawai yang belum dinilai (``nip``, ``nama``, ``opd``, ``periode``).
- ``tren_predikat``: per OPD dan periode, jumlah dan porsi tiap predikat (predikat resmi bila
  ada, selain itu dari matriks atas rating atasan).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..konfigurasi import PREDIKAT, PREDIKAT_RESMI, RATING
from ..masuk.kunci import kode_dalam, sebagai_teks, teks_arrow
from ..masuk.periode import kunci_urut_periode

__all__ = ["KOLOM_KEPATUHAN", "Kepatuhan", "kepatuhan_penilaian"]

KOLOM_KEPATUHAN = ["opd", "periode", "jumlah_pegawai", "skp_disetujui", "dinilai",
                   "belum_dinilai", "porsi_dinilai"]  # fmt: skip


@dataclass
class Kepatuhan:
    """Hasil :func:`kepatuhan_penilaian` (tabel kosong bila tidak ada ``evaluasi_atasan``)."""

    kepatuhan: pd.DataFrame
    belum_dinilai: pd.DataFrame
    tren_predikat: pd.DataFrame

    def saring(self, opd: set[str]) -> Kepatuhan:
        """Hanya baris OPD ``opd``."""
        tabel = (self.kepatuhan, self.belum_dinilai, self.tren_predikat)
        return Kepatuhan(
            *(t[t["opd"].astype("str").isin(opd)].reset_index(drop=True) for t in tabel)
        )


def _teks(tabel: pd.DataFrame, kolom: list[str]) -> pd.DataFrame:
    return pd.DataFrame({k: sebagai_teks(tabel[k]) for k in kolom}, index=tabel.index)


def _predikat_matriks(ev: pd.DataFrame, matriks: dict) -> pd.Series:
    tabel = pd.DataFrame(matriks).T.loc[list(RATING), list(RATING)].to_numpy(dtype=object)
    baris = pd.Index(RATING).get_indexer(ev["rating_hasil_kerja"].astype("str"))
    kolom = pd.Index(RATING).get_indexer(ev["rating_perilaku"].astype("str"))
    ada = (baris >= 0) & (kolom >= 0)
    hasil = np.where(ada, tabel[np.maximum(baris, 0), np.maximum(kolom, 0)], None)
    return pd.Series(hasil, index=ev.index, dtype="str")


def kepatuhan_penilaian(
    pegawai: pd.DataFrame, evaluasi: pd.DataFrame | None, status_skp: pd.DataFrame | None,
    matriks: dict,
) -> Kepatuhan:  # fmt: skip
    """Kepatuhan penilaian per OPD dan periode; lihat docstring modul."""
    kosong = Kepatuhan(
        pd.DataFrame(columns=KOLOM_KEPATUHAN),
        pd.DataFrame(columns=["nip", "nama", "opd", "periode"]),
        pd.DataFrame(columns=["opd", "periode", "predikat", "jumlah", "porsi"]),
    )
    if evaluasi is None or evaluasi.empty:
        return kosong
    # Baris pegawai tiap baris evaluasi (NIP pertama bila ganda); tanpa peta teks per baris.
    baris = kode_dalam(evaluasi["nip"], pd.Index(sebagai_teks(pegawai["nip"])))
    ada = baris >= 0
    ev = _teks(evaluasi.loc[ada], ["nip", "periode", "rating_hasil_kerja", "rating_perilaku",
                                   "predikat_resmi"])  # fmt: skip
    for k in ("opd", "nama"):
        ev[k] = pd.array(teks_arrow(sebagai_teks(pegawai[k])).take(baris[ada]), dtype="str")
    resmi = ev["predikat_resmi"].map(PREDIKAT_RESMI)
    ev["predikat"] = resmi.fillna(_predikat_matriks(ev, matriks))
    ev["dinilai"] = ev["predikat"].notna() | (
        ev["rating_hasil_kerja"].notna() & ev["rating_perilaku"].notna()
    )
    ev["tahun"] = ev["periode"].str[:4]
    if status_skp is not None and len(status_skp):
        setuju = status_skp.loc[status_skp["skp_status"].astype("str").str.lower() == "persetujuan",
                                ["nip", "tahun"]].astype("str").drop_duplicates()  # fmt: skip
        ev = ev.merge(setuju.assign(_setuju=True), on=["nip", "tahun"], how="left")
        ev["_setuju"] = ev["_setuju"].fillna(False).astype(bool)
    else:
        ev["_setuju"] = False
    g = ev.groupby(["opd", "periode"], observed=True)
    kep = pd.DataFrame({"jumlah_pegawai": g.size(), "skp_disetujui": g["_setuju"].sum(),
                        "dinilai": g["dinilai"].sum()}).reset_index()  # fmt: skip
    if status_skp is None or status_skp.empty:
        kep["skp_disetujui"] = np.nan  # tidak diketahui, bukan nol
    kep["belum_dinilai"] = kep["jumlah_pegawai"] - kep["dinilai"]
    kep["porsi_dinilai"] = (kep["dinilai"] / kep["jumlah_pegawai"]).round(6)
    kep["_urut"] = kunci_urut_periode(kep["periode"]).to_numpy()
    kep = kep.sort_values(["opd", "_urut"], kind="stable")[KOLOM_KEPATUHAN].reset_index(drop=True)
    belum = ev.loc[~ev["dinilai"], ["nip", "nama", "opd", "periode"]]
    belum = belum.assign(_urut=kunci_urut_periode(belum["periode"]).to_numpy())
    belum = belum.sort_values(["opd", "_urut", "nip"], kind="stable").drop(columns="_urut")
    dinilai = ev[ev["predikat"].notna()]
    tren = dinilai.groupby(["opd", "periode", "predikat"], observed=True).size().rename("jumlah")
    tren = tren.reset_index()
    tren["porsi"] = (
        tren["jumlah"] / tren.groupby(["opd", "periode"])["jumlah"].transform("sum")
    ).round(6)
    tren["_urut"] = kunci_urut_periode(tren["periode"]).to_numpy()
    tren["_p"] = pd.Index(PREDIKAT).get_indexer(tren["predikat"])
    tren = tren.sort_values(["opd", "_urut", "_p"], kind="stable").drop(columns=["_urut", "_p"])
    return Kepatuhan(kep, belum.reset_index(drop=True), tren.reset_index(drop=True))
