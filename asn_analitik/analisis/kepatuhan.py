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
from ..masuk.kunci import faktor, kode_dalam, peta_baris, sebagai_teks
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


def _indeks(unik: np.ndarray, daftar) -> np.ndarray:
    """Posisi tiap nilai unik di ``daftar`` (``-1`` bila tidak ada), dengan tempat ``-1`` di
    akhir untuk kode kosong."""
    return np.append(pd.Index(list(daftar)).get_indexer(pd.Index(unik, dtype=object)), -1)


def _kode_predikat(evaluasi: pd.DataFrame, matriks: dict) -> tuple[np.ndarray, list, np.ndarray]:
    """(kode predikat per baris, label, dinilai per baris): predikat resmi bila ada, selain itu
    dari matriks atas rating atasan; dinilai = ada predikat atau kedua rating terisi."""
    label = list(PREDIKAT) + [
        v for v in dict.fromkeys(pd.DataFrame(matriks).to_numpy().ravel()) if v not in PREDIKAT
    ]
    tabel = pd.DataFrame(matriks).T.loc[list(RATING), list(RATING)].to_numpy(dtype=object)
    tabel = np.vectorize(label.index, otypes=[np.int64])(tabel)
    rating = {}
    for jenis in ("hasil_kerja", "perilaku"):
        kode, unik = faktor(evaluasi[f"rating_{jenis}"])
        rating[jenis] = (kode >= 0, _indeks(unik, RATING)[kode])
    (isi_hk, hk), (isi_pr, pr) = rating["hasil_kerja"], rating["perilaku"]
    dari_matriks = np.where((hk >= 0) & (pr >= 0), tabel[np.maximum(hk, 0), np.maximum(pr, 0)], -1)
    if "predikat_resmi" in evaluasi:
        kode, unik = faktor(evaluasi["predikat_resmi"])
        resmi_unik = [PREDIKAT_RESMI.get(u) for u in unik]
        resmi = np.append([label.index(r) if r is not None else -1 for r in resmi_unik], -1)
        resmi = resmi.astype(np.int64)[kode]
        predikat = np.where(resmi >= 0, resmi, dari_matriks)
    else:
        predikat = dari_matriks
    return predikat, label, (predikat >= 0) | (isi_hk & isi_pr)


def _teks_dari(kode: np.ndarray, unik) -> pd.Series:
    """Kolom ``str`` dari kode (``-1`` = kosong) dan nilai uniknya."""
    return pd.Series(pd.array(np.append(np.asarray(unik, dtype=object), None)[kode], dtype="str"))


def _disetujui(nip: pd.Series, tahun: np.ndarray, status_skp: pd.DataFrame | None) -> np.ndarray:
    """Baris evaluasi yang SKP tahunnya berstatus ``persetujuan``."""
    if status_skp is None or not len(status_skp):
        return np.zeros(len(nip), dtype=bool)
    setuju = status_skp.loc[status_skp["skp_status"].astype("str").str.lower() == "persetujuan",
                            ["nip", "tahun"]].astype("str")  # fmt: skip
    kunci = pd.MultiIndex.from_arrays([setuju["nip"], setuju["tahun"]])
    ev = pd.MultiIndex.from_arrays([sebagai_teks(nip).to_numpy(), tahun])
    return ev.isin(kunci)


def kepatuhan_penilaian(
    pegawai: pd.DataFrame, evaluasi: pd.DataFrame | None, status_skp: pd.DataFrame | None,
    matriks: dict,
) -> Kepatuhan:  # fmt: skip
    """Kepatuhan penilaian per OPD dan periode; lihat docstring modul.

    Dihitung dengan kode bilangan bulat (OPD, periode, predikat) per baris evaluasi; teks baru
    disusun untuk tabel hasil yang kecil (per OPD dan periode) dan untuk yang belum dinilai.
    """
    kosong = Kepatuhan(
        pd.DataFrame(columns=KOLOM_KEPATUHAN),
        pd.DataFrame(columns=["nip", "nama", "opd", "periode"]),
        pd.DataFrame(columns=["opd", "periode", "predikat", "jumlah", "porsi"]),
    )
    if evaluasi is None or evaluasi.empty:
        return kosong
    # Baris pegawai tiap baris evaluasi (NIP pertama bila ganda); tanpa peta teks per baris.
    acuan, peta = peta_baris(pegawai["nip"])
    baris = peta[kode_dalam(evaluasi["nip"], acuan)]
    ada = np.flatnonzero(baris >= 0)
    ev = evaluasi.iloc[ada] if len(ada) < len(evaluasi) else evaluasi
    baris = baris[ada]
    # Kode menurut urutan teks (faktor): kelompok np.unique berurutan seperti groupby.
    kode_opd, opd = faktor(pegawai["opd"])
    kode_opd = kode_opd[baris]
    kode_periode, periode = faktor(ev["periode"])
    predikat, label, dinilai = _kode_predikat(ev, matriks)
    tahun = np.append(np.array([str(p)[:4] for p in periode], dtype=object), None)
    setuju = _disetujui(ev["nip"], tahun[kode_periode], status_skp)

    # Per (OPD, periode): baris dengan OPD atau periode kosong tidak masuk kelompok mana pun.
    n_periode = len(periode)
    ada_grup = (kode_opd >= 0) & (kode_periode >= 0)
    grup = np.where(ada_grup, kode_opd * n_periode + kode_periode, -1)
    daftar, kode_grup = np.unique(grup[ada_grup], return_inverse=True)
    kep = pd.DataFrame({
        "opd": _teks_dari(daftar // n_periode, opd),
        "periode": _teks_dari(daftar % n_periode, periode),
        "jumlah_pegawai": np.bincount(kode_grup, minlength=len(daftar)).astype(np.int64),
        "skp_disetujui": np.bincount(kode_grup, setuju[ada_grup], len(daftar)).astype(np.int64),
        "dinilai": np.bincount(kode_grup, dinilai[ada_grup], len(daftar)).astype(np.int64),
    })  # fmt: skip
    if status_skp is None or status_skp.empty:
        kep["skp_disetujui"] = np.nan  # tidak diketahui, bukan nol
    kep["belum_dinilai"] = kep["jumlah_pegawai"] - kep["dinilai"]
    kep["porsi_dinilai"] = (kep["dinilai"] / kep["jumlah_pegawai"]).round(6)
    kep["_urut"] = kunci_urut_periode(kep["periode"]).to_numpy()
    kep = kep.sort_values(["opd", "_urut"], kind="stable")[KOLOM_KEPATUHAN].reset_index(drop=True)

    belum = np.flatnonzero(~dinilai)
    belum = pd.DataFrame({
        "nip": sebagai_teks(ev["nip"].iloc[belum]).to_numpy(),
        "nama": sebagai_teks(pegawai["nama"].iloc[baris[belum]]).to_numpy(),
        "opd": _teks_dari(kode_opd[belum], opd),
        "periode": _teks_dari(kode_periode[belum], periode),
    })  # fmt: skip
    belum = belum.assign(_urut=kunci_urut_periode(belum["periode"]).to_numpy())
    belum = belum.sort_values(["opd", "_urut", "nip"], kind="stable").drop(columns="_urut")

    # Per (OPD, periode, predikat), hanya baris yang berpredikat.
    pakai = ada_grup & (predikat >= 0)
    kunci = grup[pakai] * len(label) + predikat[pakai]
    daftar, jumlah = np.unique(kunci, return_counts=True)
    tren = pd.DataFrame({
        "opd": _teks_dari(daftar // len(label) // n_periode, opd),
        "periode": _teks_dari(daftar // len(label) % n_periode, periode),
        "predikat": _teks_dari(daftar % len(label), label),
        "jumlah": jumlah.astype(np.int64),
    })  # fmt: skip
    tren["porsi"] = (
        tren["jumlah"] / tren.groupby(["opd", "periode"])["jumlah"].transform("sum")
    ).round(6)
    tren["_urut"] = kunci_urut_periode(tren["periode"]).to_numpy()
    tren["_p"] = pd.Index(PREDIKAT).get_indexer(tren["predikat"])
    tren = tren.sort_values(["opd", "_urut", "_p"], kind="stable").drop(columns=["_urut", "_p"])
    return Kepatuhan(kep, belum.reset_index(drop=True), tren.reset_index(drop=True))
