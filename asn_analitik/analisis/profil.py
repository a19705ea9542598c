"""Profil tiap kelompok pola kinerja dan labelnya dalam Bahasa Indonesia sehari-hari."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..konfigurasi import ASPEK, BERAKHLAK
from .fitur import KOLOM_HASIL, KOLOM_PERILAKU
from .klaster import pita_kestabilan

__all__ = ["NAMA_LEMAH_ASPEK", "NAMA_PERILAKU", "label_kelompok", "profil_klaster"]

NAMA_LEMAH_ASPEK = {
    "kuantitas": "Kuantitas di bawah target",
    "kualitas": "Kualitas di bawah ekspektasi",
    "waktu": "Penyelesaian sering terlambat",
    "biaya": "Biaya melampaui rencana",
}
#: Nama pendek nilai BerAKHLAK untuk label dan alasan.
NAMA_PERILAKU = {b: b for b in BERAKHLAK} | {"berorientasi_pelayanan": "pelayanan"}


def label_kelompok(baris: pd.Series, aturan: dict) -> str:
    """Label satu kelompok dari rata-rata fiturnya.

    Examples
    --------
    >>> a = {"label_capaian_lemah": 90, "label_perilaku_lemah": 2.5, "label_unggul_capaian": 110,
    ...      "label_unggul_perilaku": 3.5, "label_tidak_melapor": 0.5}
    >>> label_kelompok(pd.Series({"capaian_kualitas": 68.0, "perilaku_kolaboratif": 1.8,
    ...     "perilaku_berorientasi_pelayanan": 2.1, "porsi_tidak_dilaporkan": 0.0}), a)
    'Kualitas di bawah ekspektasi; Perlu pembinaan: pelayanan dan kolaboratif'
    """
    if baris.get("porsi_tidak_dilaporkan", 0) >= aturan["label_tidak_melapor"]:
        return "Belum melaporkan realisasi"
    hasil = {a: baris.get(f"capaian_{a}", np.nan) for a in ASPEK}
    hasil = {a: v for a, v in hasil.items() if pd.notna(v)}
    perilaku = {b: baris.get(f"perilaku_{b}", np.nan) for b in BERAKHLAK}
    perilaku = {b: v for b, v in perilaku.items() if pd.notna(v)}
    if (
        hasil
        and all(v >= aturan["label_unggul_capaian"] for v in hasil.values())
        and all(v >= aturan["label_unggul_perilaku"] for v in perilaku.values())
    ):
        return "Unggul menyeluruh"
    bagian = [NAMA_LEMAH_ASPEK[a] for a, v in hasil.items() if v < aturan["label_capaian_lemah"]]
    lemah = [NAMA_PERILAKU[b] for b, v in perilaku.items() if v <= aturan["label_perilaku_lemah"]]
    if lemah:
        daftar = lemah[0] if len(lemah) == 1 else ", ".join(lemah[:-1]) + " dan " + lemah[-1]
        bagian.append("Perlu pembinaan: " + daftar)
    return "; ".join(bagian) if bagian else "Sesuai ekspektasi"


def profil_klaster(
    fitur: pd.DataFrame,
    label: np.ndarray,
    stabilitas: np.ndarray,
    porsi_tidak_dilaporkan: np.ndarray,
    aturan: dict,
) -> pd.DataFrame:
    """Ukuran, rata-rata tiap fitur dalam satuannya, kestabilan, dan label tiap kelompok.

    Label yang sama untuk dua kelompok dibedakan dengan nomor kelompoknya.
    """
    data = fitur[["nilai_hasil_kerja", *KOLOM_HASIL, *KOLOM_PERILAKU]].copy()
    data["porsi_tidak_dilaporkan"] = porsi_tidak_dilaporkan
    data["klaster"] = label
    profil = data.groupby("klaster", sort=True).mean().round(4)
    profil.insert(0, "jumlah_pegawai", data.groupby("klaster").size())
    profil.insert(1, "porsi_pegawai", profil["jumlah_pegawai"] / max(len(data), 1))
    profil["kestabilan"] = np.round(stabilitas[profil.index.to_numpy() - 1], 4)
    profil["pita_kestabilan"] = [pita_kestabilan(x) for x in profil["kestabilan"]]
    label_teks = [label_kelompok(baris, aturan) for _, baris in profil.iterrows()]
    ganda = pd.Series(label_teks).duplicated(keep=False).to_numpy()
    profil.insert(
        0,
        "label_klaster",
        [
            f"{t} (kelompok {k})" if g else t
            for t, k, g in zip(label_teks, profil.index, ganda, strict=True)
        ],
    )
    return profil.reset_index()
