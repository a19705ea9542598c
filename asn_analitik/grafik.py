"""Grafik laporan (seaborn/matplotlib). Setiap fungsi mengembalikan ``Figure``.

Angka pada sumbu memakai gaya Indonesia (koma desimal); warna predikat dari hijau (Sangat
Baik) ke merah (Sangat Kurang) sama di semua laporan.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.ticker import FuncFormatter

from .ringkasan import BELUM_LENGKAP
from .tampilan import angka_id

__all__ = [
    "WARNA_PREDIKAT",
    "atur_gaya",
    "grafik_banding_predikat",
    "grafik_capaian_aspek",
    "grafik_kepatuhan",
    "grafik_predikat_per_opd",
    "peta_panas_aspek",
    "tampilkan",
]

WARNA_PREDIKAT = {
    "Sangat Baik": "#1a9850",
    "Baik": "#91cf60",
    "Butuh Perbaikan": "#fee08b",
    "Kurang/Misconduct": "#fc8d59",
    "Sangat Kurang": "#d73027",
    BELUM_LENGKAP: "#bdbdbd",
}
_PERSEN = FuncFormatter(lambda x, _: f"{angka_id(100 * x)}%")


def atur_gaya() -> None:
    """Gaya grafik laporan: latar bersih, huruf terbaca di layar proyektor."""
    sns.set_theme(style="whitegrid", context="notebook", font="DejaVu Sans")
    plt.rcParams.update({"figure.dpi": 96, "savefig.dpi": 96, "axes.titleweight": "bold"})


def tampilkan(fig) -> None:
    """Tampilkan ``fig`` di notebook pada posisinya, lalu tutup (hemat memori)."""
    from IPython.display import display

    display(fig)
    plt.close(fig)


def grafik_banding_predikat(banding: pd.DataFrame, opd: str):
    """Porsi tiap predikat: OPD dibanding kabupaten (dari :func:`ringkasan.banding_predikat`)."""
    panjang = banding.melt(
        id_vars="Predikat",
        value_vars=["Porsi OPD", "Porsi kabupaten"],
        var_name="Kelompok",
        value_name="Porsi",
    )
    panjang["Kelompok"] = panjang["Kelompok"].map(
        {"Porsi OPD": opd, "Porsi kabupaten": "Kabupaten"}
    )
    fig, ax = plt.subplots(figsize=(8, 3.6))
    sns.barplot(
        panjang, x="Porsi", y="Predikat", hue="Kelompok", palette=["#2c7fb8", "#bdbdbd"], ax=ax
    )
    ax.xaxis.set_major_formatter(_PERSEN)
    ax.set(xlabel="Porsi pegawai", ylabel="", title="Sebaran predikat kinerja")
    ax.legend(title="", loc="lower right")
    fig.tight_layout()
    return fig


def grafik_capaian_aspek(skor_opd: pd.DataFrame, rata_kabupaten: pd.Series):
    """Sebaran capaian pegawai OPD per aspek, dengan rata-rata kabupaten sebagai penanda."""
    kolom = [k for k in rata_kabupaten.index if k in skor_opd and skor_opd[k].notna().any()]
    panjang = skor_opd[kolom].melt(var_name="Aspek", value_name="Capaian").dropna()
    panjang["Aspek"] = panjang["Aspek"].str.removeprefix("capaian_").str.capitalize()
    fig, ax = plt.subplots(figsize=(8, 3.6))
    if not panjang.empty:
        sns.boxplot(panjang, x="Capaian", y="Aspek", color="#a6cee3", fliersize=3, ax=ax)
        label = [k.removeprefix("capaian_").capitalize() for k in kolom]
        ax.scatter(rata_kabupaten[kolom].to_numpy(), label, marker="D", color="#e31a1c",
                   zorder=5, label="Rata-rata kabupaten")  # fmt: skip
        ax.legend(loc="lower left")
    for batas in (90, 110):
        ax.axvline(batas, color="#636363", linestyle=":", linewidth=1)
    ax.set(xlabel="Capaian (%)", ylabel="", title="Capaian per aspek (garis titik: 90 dan 110)")
    fig.tight_layout()
    return fig


def peta_panas_aspek(tabel: pd.DataFrame):
    """Peta panas rata-rata capaian OPD x aspek (dari :func:`ringkasan.capaian_aspek_opd`)."""
    tinggi = 1.2 + 0.38 * len(tabel)
    fig, ax = plt.subplots(figsize=(8.5, tinggi))
    sns.heatmap(tabel, annot=True, fmt=".0f", cmap="RdYlGn", center=100, vmin=60, vmax=120,
                linewidths=0.5, cbar_kws={"label": "Capaian (%)"}, ax=ax)  # fmt: skip
    ax.set(xlabel="", ylabel="", title="Rata-rata capaian per OPD dan aspek")
    ax.tick_params(axis="x", rotation=0)
    fig.tight_layout()
    return fig


def grafik_predikat_per_opd(tabel: pd.DataFrame):
    """Batang bertumpuk porsi predikat per OPD (dari :func:`ringkasan.predikat_per_opd`)."""
    tabel = tabel.loc[:, (tabel > 0).any()]
    tinggi = 1.4 + 0.38 * len(tabel)
    fig, ax = plt.subplots(figsize=(9, tinggi))
    tabel.iloc[::-1].plot.barh(stacked=True, width=0.8, ax=ax,
                               color=[WARNA_PREDIKAT[k] for k in tabel.columns])  # fmt: skip
    ax.xaxis.set_major_formatter(_PERSEN)
    ax.set(xlim=(0, 1), xlabel="Porsi pegawai", ylabel="")
    ax.set_title("Predikat kinerja per OPD", pad=28)
    ax.legend(title="", bbox_to_anchor=(0.5, 1.0), loc="lower center", ncol=6, frameon=False,
              fontsize="small", handlelength=1)  # fmt: skip
    fig.tight_layout()
    return fig


def grafik_kepatuhan(kepatuhan: pd.DataFrame, batas: float = 0.9):
    """Porsi indikator yang dilaporkan per OPD (dari :func:`ringkasan.kepatuhan_pelaporan`)."""
    tinggi = 1.2 + 0.38 * len(kepatuhan)
    fig, ax = plt.subplots(figsize=(8.5, tinggi))
    warna = ["#d73027" if p < batas else "#1a9850" for p in kepatuhan["Porsi dilaporkan"]]
    ax.barh(kepatuhan["OPD"].astype("str"), kepatuhan["Porsi dilaporkan"], color=warna)
    ax.invert_yaxis()
    ax.axvline(batas, color="#636363", linestyle="--", linewidth=1)
    ax.xaxis.set_major_formatter(_PERSEN)
    ax.set(xlim=(0, 1), xlabel="Porsi indikator yang realisasinya dilaporkan", ylabel="",
           title=f"Kepatuhan pelaporan (garis: {angka_id(100 * batas)}%)")  # fmt: skip
    fig.tight_layout()
    return fig
