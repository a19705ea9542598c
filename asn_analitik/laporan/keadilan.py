"""Bagian keadilan penilaian di laporan: kurva distribusi, kandidat tinjauan, kalibrasi penilai,
dan predikat resmi yang tidak cocok dengan matriks. Tabel berjudul kolom siap tampil.

Tabelnya dihitung sekali per periode oleh :mod:`asn_analitik.analisis.keadilan`; di sini hanya
disusun untuk dibaca. Laporan OPD hanya menampilkan nama penilai yang pegawai OPD itu sendiri.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from ..analisis.kurva import pola_diizinkan
from ..konfigurasi import PREDIKAT_RESMI
from ..nilai.kurva import aturan_kurva, label_predikat_organisasi
from ..teks import angka_id, persen_id
from .tampilan import samarkan_nip

__all__ = [
    "STATUS_KURVA",
    "STATUS_PENILAI",
    "aturan_kurva_opd",
    "catatan_metode",
    "kurva_kabupaten",
    "penilai_tertandai",
    "pola_opd",
    "status_kurva_html",
    "tabel_kandidat",
    "tabel_penilai_opd",
    "tabel_tidak_cocok",
    "tidak_cocok_per_opd",
]

STATUS_KURVA = {
    "sesuai": "Sesuai pola",
    "tidak_sesuai": "Tidak sesuai pola",
    "tanpa_predikat_organisasi": "Predikat organisasi belum ditetapkan",
    "tanpa_predikat_pegawai": "Belum ada pegawai berpredikat",
}
STATUS_PENILAI = {
    "murah_hati": "Murah hati",
    "ketat": "Ketat",
    "wajar": "Wajar",
    "data_kurang": "Data kurang",
}
_JUMLAH = [f"jumlah_{k}" for k in PREDIKAT_RESMI]


def _aturan(manifest: dict) -> dict:
    return {"kurva_distribusi": manifest["keadilan"]["aturan_kurva"]}


def status_kurva_html(baris: pd.Series) -> str:
    """Satu paragraf status kurva OPD: predikat organisasi, status, aturan yang dilanggar, dan
    berapa pegawai yang harus berubah predikat."""
    status = baris["status"]
    org = baris["predikat_organisasi"]
    teks = f"<p><b>{html.escape(STATUS_KURVA[status])}.</b> "
    if pd.isna(org):
        teks += (
            "Predikat organisasi OPD ini untuk periode ini belum ada di organisasi.csv, jadi pola "
            "distribusi yang diizinkan belum dapat ditentukan.</p>"
        )
        return teks
    teks += (
        f"Predikat organisasi: {html.escape(label_predikat_organisasi(org))}; "
        f"{angka_id(baris['jumlah_pegawai'])} pegawai berpredikat.</p>"
    )
    if status == "tidak_sesuai":
        langgar = "".join(
            f"<li>{html.escape(t[0].upper() + t[1:])}.</li>"
            for t in str(baris["pelanggaran"]).split("; ")
        )
        teks += f"<ul>{langgar}</ul>"
        if pd.notna(baris["selisih_pegawai"]):
            teks += (
                f"<p>Paling sedikit <b>{angka_id(baris['selisih_pegawai'])} pegawai</b> harus "
                "berubah predikat agar semua aturan terpenuhi. Kit tidak mengubah predikat: daftar "
                "kandidat di bawah adalah bahan tinjauan penilai.</p>"
            )
    return teks


def aturan_kurva_opd(baris: pd.Series, manifest: dict) -> pd.DataFrame:
    """Aturan kurva untuk predikat organisasi OPD ini, dengan keadaan OPD pada tiap aturan."""
    org = baris["predikat_organisasi"]
    if pd.isna(org):
        return pd.DataFrame()
    aturan = _aturan(manifest)
    jumlah = baris[_JUMLAH].to_numpy(dtype=np.int64)
    n = int(baris["jumlah_pegawai"])
    hasil = []
    for b, uraian in zip(aturan_kurva(aturan)[org], pola_diizinkan(org, aturan)["aturan"],
                         strict=True):  # fmt: skip
        isi = int(jumlah[list(b.predikat)].sum())
        ok = b.batas_bawah(np.int64(n)) <= isi <= b.batas_atas(np.int64(n))
        hasil.append(
            {
                "Aturan": uraian,
                "OPD ini": f"{angka_id(isi)} pegawai ({persen_id(isi / n if n else 0)})",
                "Terpenuhi": "ya" if ok else "tidak",
            }
        )
    return pd.DataFrame(hasil)


def tabel_kandidat(kandidat: pd.DataFrame, nip: pd.Series | None = None) -> pd.DataFrame:
    """Kandidat tinjauan kurva (satu OPD), berurutan."""
    return pd.DataFrame(
        {
            "No": kandidat["urutan"].to_numpy(),
            "NIP": (kandidat["nip"] if nip is None else nip).astype("str").to_numpy(),
            "Nama": kandidat["nama"].astype("str").to_numpy(),
            "Predikat": kandidat["predikat"].astype("str").to_numpy(),
            "Nilai HK": kandidat["nilai_hasil_kerja"].to_numpy(),
            "Nilai perilaku": kandidat["nilai_perilaku"].to_numpy(),
            "Bila penilai setuju": kandidat["predikat_tujuan"].astype("str").to_numpy(),
        }
    )


def _q(q: float) -> str:
    """q gaya Indonesia; yang sangat kecil ditulis ``< 0,001``."""
    return "–" if pd.isna(q) else "< 0,001" if q < 0.001 else angka_id(q, 3)


def _kolom_penilai(k: pd.DataFrame) -> dict:
    return {
        "Pembanding": k["pembanding"].map({"bukti": "bukti", "rekan": "rekan se-OPD"}).to_numpy(),
        "Dinilai": k["jumlah_dinilai"].to_numpy(),
        "Selisih rata-rata": k["selisih_rata"].to_numpy(),
        "Lebih tinggi": k["porsi_lebih_tinggi"].to_numpy(),
        "Lebih rendah": k["porsi_lebih_rendah"].to_numpy(),
        "q": k["q_nilai"].map(_q).to_numpy(),
        "Status": k["status"].map(STATUS_PENILAI).to_numpy(),
        "Cenderung ke tengah": k["kecenderungan_tengah"].fillna("–").to_numpy(),
    }


def _urut_penilai(k: pd.DataFrame) -> pd.DataFrame:
    tanda = k["status"].isin(["murah_hati", "ketat"]) | (k["kecenderungan_tengah"] == "ya")
    urut = k.assign(_tanda=~tanda, _q=k["q_nilai"].fillna(2.0))
    return urut.sort_values(["_tanda", "_q", "nip_penilai"], kind="stable")


def tabel_penilai_opd(kalibrasi: pd.DataFrame, opd: str, samarkan: bool = False) -> pd.DataFrame:
    """Penilai yang menilai pegawai OPD ini. Nama dan NIP hanya untuk penilai yang pegawai OPD ini
    sendiri; penilai dari OPD lain tampil dengan NIP tersamar dan nama OPD-nya."""
    k = _urut_penilai(kalibrasi[kalibrasi["opd"].astype("str") == opd])
    sendiri = (k["opd_penilai"].astype("str") == opd).to_numpy()
    nip = k["nip_penilai"].astype("str")
    nip_tampil = np.where(sendiri & (not samarkan), nip, samarkan_nip(nip))
    nama = np.where(
        sendiri, k["nama_penilai"].astype("str"), "Penilai dari " + k["opd_penilai"].astype("str")
    )
    return pd.DataFrame({"Penilai": nama, "NIP": nip_tampil, **_kolom_penilai(k)})


def penilai_tertandai(kalibrasi: pd.DataFrame) -> pd.DataFrame:
    """Penilai yang tertandai (murah hati, ketat, atau cenderung ke tengah) di seluruh kabupaten,
    NIP tersamar."""
    k = kalibrasi[kalibrasi["opd"].astype("str") == kalibrasi["opd_penilai"].astype("str")]
    k = k.drop_duplicates(["nip_penilai", "periode"])
    tanda = k["status"].isin(["murah_hati", "ketat"]) | (k["kecenderungan_tengah"] == "ya")
    k = _urut_penilai(k[tanda])
    return pd.DataFrame(
        {
            "OPD": k["opd_penilai"].astype("str").to_numpy(),
            "Penilai": k["nama_penilai"].astype("str").to_numpy(),
            "NIP": samarkan_nip(k["nip_penilai"]).to_numpy(),
            **_kolom_penilai(k),
        }
    )


def tabel_tidak_cocok(tidak_cocok: pd.DataFrame, nip: pd.Series | None = None) -> pd.DataFrame:
    """Predikat resmi yang berbeda dari matriks (satu OPD)."""
    return pd.DataFrame(
        {
            "NIP": (tidak_cocok["nip"] if nip is None else nip).astype("str").to_numpy(),
            "Nama": tidak_cocok["nama"].astype("str").to_numpy(),
            "Rating hasil kerja": tidak_cocok["rating_hasil_kerja"].astype("str").to_numpy(),
            "Rating perilaku": tidak_cocok["rating_perilaku"].astype("str").to_numpy(),
            "Predikat resmi": tidak_cocok["predikat_resmi"].astype("str").to_numpy(),
            "Menurut matriks": tidak_cocok["predikat_matriks"].astype("str").to_numpy(),
        }
    )


def tidak_cocok_per_opd(tidak_cocok: pd.DataFrame) -> pd.DataFrame:
    """Banyak predikat resmi yang tidak cocok dengan matriks, per OPD dan pasangan predikat."""
    if tidak_cocok.empty:
        return pd.DataFrame()
    t = tidak_cocok.astype({"opd": "str", "predikat_resmi": "str", "predikat_matriks": "str"})
    hasil = (
        t.groupby(["opd", "predikat_resmi", "predikat_matriks"]).size().rename("n").reset_index()
        .sort_values(["n", "opd"], ascending=[False, True], kind="stable")
    )  # fmt: skip
    return pd.DataFrame(
        {
            "OPD": hasil["opd"].to_numpy(),
            "Predikat resmi": hasil["predikat_resmi"].to_numpy(),
            "Menurut matriks": hasil["predikat_matriks"].to_numpy(),
            "Pegawai": hasil["n"].to_numpy(),
        }
    )


def kurva_kabupaten(kurva: pd.DataFrame) -> pd.DataFrame:
    """OPD yang tidak sesuai pola distribusi (atau belum punya predikat organisasi), yang harus
    berubah paling banyak lebih dulu."""
    k = kurva[kurva["status"] != "sesuai"].copy()
    k["_urut"] = k["status"].map({"tidak_sesuai": 0}).fillna(1)
    k = k.sort_values(["_urut", "selisih_pegawai", "opd"], ascending=[True, False, True],
                      na_position="last", kind="stable")  # fmt: skip
    org = k["predikat_organisasi"].map(
        lambda x: "–" if pd.isna(x) else label_predikat_organisasi(x)
    )
    return pd.DataFrame(
        {
            "OPD": k["opd"].astype("str").to_numpy(),
            "Predikat organisasi": org.to_numpy(),
            "Pegawai berpredikat": k["jumlah_pegawai"].to_numpy(),
            "Status": k["status"].map(STATUS_KURVA).to_numpy(),
            "Harus berubah": k["selisih_pegawai"].astype("Float64").to_numpy(),
            "Aturan yang dilanggar": k["pelanggaran"].fillna("").astype("str").to_numpy(),
        }
    )


def catatan_metode(manifest: dict) -> str:
    """Catatan metode kurva distribusi dan kalibrasi penilai, dengan angka aturannya."""
    atur = manifest["keadilan"]["aturan_kalibrasi"]
    return (
        "<p><b>Kurva distribusi.</b> Pola yang diizinkan untuk tiap predikat organisasi mengikuti "
        "SE MenPANRB 3/2023 sebagaimana dikutip satu sumber sekunder; angkanya ada di aturan.yaml "
        "(bagian kurva_distribusi) dan dapat dibetulkan lewat --konfigurasi. Persen dihitung dari "
        "pegawai yang punya predikat; tepat di batas (mis. 70%) masih boleh. <i>Harus berubah</i> "
        "adalah banyak pegawai paling sedikit yang predikatnya perlu berubah agar semua aturan "
        "terpenuhi sekaligus.</p>"
        "<p><b>Kalibrasi penilai.</b> Rating resmi tiap penilai dibandingkan dengan rating usulan "
        "kit dari capaian dan nilai BerAKHLAK (pembanding <i>bukti</i>), pada skala di bawah = 1, "
        "sesuai = 2, di atas = 3, untuk kedua dimensi. Bila data hanya memuat rating (mis. impor "
        "e-Kinerja), penilai dibandingkan dengan penilai lain di OPD yang sama (pembanding "
        "<i>rekan</i>): itu menunjukkan perbedaan, bukan bias, karena bisa jadi bawahannya memang "
        "berbeda. Selisih tiap penilai diuji dengan uji eksak terhadap selisih penilai lain, dan "
        "tingkat temuan palsu dikendalikan dengan Benjamini-Hochberg atas semua penilai periode "
        f"ini (q ≤ {angka_id(atur['fdr'], 2)}). Penilai yang menilai kurang dari "
        f"{atur['min_dinilai']} pegawai tidak diuji (<i>data kurang</i>): satu atau dua pegawai "
        "yang kebetulan berprestasi tidak membuat penilainya murah hati. <i>Cenderung ke "
        'tengah</i>: penilai yang memberi "sesuai" pada pegawai yang buktinya jelas di atas '
        "maupun jelas di bawah ekspektasi, jauh lebih sering daripada penilai lain. Status ini "
        "bahan pembicaraan kalibrasi, bukan sanksi.</p>"
    )


def pola_opd(baris: pd.Series, manifest: dict) -> pd.DataFrame:
    """Pola yang diizinkan untuk predikat organisasi OPD ini (untuk
    :func:`~asn_analitik.laporan.grafik.grafik_kurva`)."""
    return pola_diizinkan(baris["predikat_organisasi"], _aturan(manifest))
