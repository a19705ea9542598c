"""Tampilan tren antarperiode untuk notebook laporan: ringkasan, tabel, dan kalimat.

Fungsi di sini hanya menata tabel :mod:`asn_analitik.analisis.tren` yang sudah dihitung sekali
per jalannya ``laporan``; notebook tetap tipis.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..analisis.profil import NAMA_PERILAKU
from ..masuk.periode import JENIS_PERIODE, urutkan_periode
from ..teks import angka_id

__all__ = [
    "efek_ringkas",
    "kolom_persen",
    "label_sasaran",
    "pesan_tanpa_pembanding",
    "ringkas_arah",
    "tabel_lemah_berulang",
    "tabel_perpindahan",
    "tabel_perubahan",
    "tren_kabupaten",
]


def label_sasaran(kode: str) -> str:
    """Nama sasaran untuk dibaca.

    Examples
    --------
    >>> [label_sasaran(k) for k in ["kualitas", "perilaku:berorientasi_pelayanan", "hasil_kerja"]]
    ['capaian kualitas', 'perilaku pelayanan', 'rating hasil kerja']
    """
    if kode.startswith("perilaku:"):
        return f"perilaku {NAMA_PERILAKU.get(kode[9:], kode[9:])}"
    return {"hasil_kerja": "rating hasil kerja", "perilaku": "rating perilaku"}.get(
        kode, f"capaian {kode}"
    )


def _teks(t: pd.DataFrame) -> pd.DataFrame:
    """Kolom kategori (tabel tren memakainya untuk jutaan baris) menjadi teks biasa."""
    return t.astype({k: "str" for k in t.columns if isinstance(t[k].dtype, pd.CategoricalDtype)})


def _lemah_teks(nilai) -> str:
    if nilai is None or pd.isna(nilai) or not str(nilai):
        return ""
    return ", ".join(label_sasaran(k) for k in str(nilai).split(";"))


def pesan_tanpa_pembanding(manifest: dict, periode: str) -> str | None:
    """Kalimat bila periode ini tidak punya periode sejenis sebelumnya; ``None`` bila ada."""
    t = manifest.get("tren") or {}
    if t.get("pasangan"):
        return None
    jenis = JENIS_PERIODE.get(t.get("jenis") or "", "")
    return (
        f"{periode} adalah periode {jenis} pertama di data: belum ada periode sebelumnya yang "
        "sejenis untuk dibandingkan."
    )


def ringkas_arah(tren_pegawai: pd.DataFrame) -> list[tuple[str, str]]:
    """Kartu angka: pegawai dibandingkan, naik, turun, tetap, dengan kelemahan berulang."""
    arah = tren_pegawai["arah"].astype("str").value_counts()
    berulang = tren_pegawai["lemah_berulang"].notna().sum()
    return [
        ("Pegawai dibandingkan", angka_id(len(tren_pegawai))),
        ("Naik", angka_id(arah.get("naik", 0))),
        ("Turun", angka_id(arah.get("turun", 0))),
        ("Tetap", angka_id(arah.get("tetap", 0))),
        ("Lemah di kedua periode", angka_id(berulang)),
    ]


def tabel_perubahan(tren_pegawai: pd.DataFrame, nip: pd.Series | None = None, n: int = 10):
    """Perubahan terbesar (naik dan turun) pegawai OPD: ``n`` teratas tiap arah."""
    t = _teks(tren_pegawai).assign(_nip=tren_pegawai["nip"] if nip is None else nip.to_numpy())
    t = t[t["arah"].isin(["naik", "turun"])]
    naik = t[t["arah"] == "naik"].sort_values(["selisih", "nip"], ascending=[False, True])
    turun = t[t["arah"] == "turun"].sort_values(["selisih", "nip"], ascending=[True, True])
    pilih = pd.concat([naik.head(n), turun.head(n)])
    return pd.DataFrame(
        {
            "Nama": pilih["nama"].to_numpy(),
            "NIP": pilih["_nip"].to_numpy(),
            "Arah": pilih["arah"].str.capitalize().to_numpy(),
            "Nilai HK awal": pilih["nilai_hasil_kerja_awal"].to_numpy(),
            "Nilai HK akhir": pilih["nilai_hasil_kerja_akhir"].to_numpy(),
            "Selisih": pilih["selisih"].to_numpy(),
            "Predikat": (
                pilih["predikat_awal"].fillna("-") + " → " + pilih["predikat_akhir"].fillna("-")
            ).to_numpy(),  # fmt: skip
        }
    )


def tabel_lemah_berulang(tren_pegawai: pd.DataFrame, nip: pd.Series | None = None):
    """Pegawai yang lemah pada sasaran yang sama di kedua periode: kebutuhan pelatihan yang
    belum teratasi."""
    t = _teks(tren_pegawai).assign(_nip=tren_pegawai["nip"] if nip is None else nip.to_numpy())
    t = t[t["lemah_berulang"].notna()].sort_values(["nama", "nip"], kind="stable")
    return pd.DataFrame(
        {
            "Nama": t["nama"].to_numpy(),
            "NIP": t["_nip"].to_numpy(),
            "Lemah di kedua periode": t["lemah_berulang"].map(_lemah_teks).to_numpy(),
        }
    )


def tabel_perpindahan(perpindahan: pd.DataFrame, opd: str, nip: pd.Series | None = None):
    """Pegawai OPD ini yang masuk, keluar, pindah, atau tidak aktif, dengan keterangannya.

    Pegawai yang pindah ke OPD lain tidak disebut namanya (kini pegawai OPD itu): satu baris per
    OPD tujuan dengan jumlahnya.
    """
    t = _teks(perpindahan).assign(_nip=perpindahan["nip"] if nip is None else nip.to_numpy())
    ke_lain = (t["jenis"] == "pindah_opd").to_numpy() & (t["opd_akhir"] != opd).to_numpy()
    sendiri = t[~ke_lain]
    label = {"masuk": "Masuk", "keluar": "Keluar", "tidak_aktif": "Tidak aktif"}
    baris = pd.DataFrame(
        {
            "Nama": sendiri["nama"].to_numpy(),
            "NIP": sendiri["_nip"].to_numpy(),
            "Perubahan": np.where(
                sendiri["jenis"] == "pindah_opd",
                "Pindah dari " + sendiri["opd_awal"].astype("str"),
                sendiri["jenis"].map(label).astype("str"),
            ),
            "Keterangan": sendiri["keterangan"].to_numpy(),
        }
    )
    tujuan = t[ke_lain].groupby("opd_akhir", sort=True).size()
    pergi = pd.DataFrame(
        {
            "Nama": [f"{angka_id(n)} pegawai" for n in tujuan.to_numpy()],
            "NIP": "",
            "Perubahan": [f"Pindah ke {o}" for o in tujuan.index],
            "Keterangan": "kini tercatat di laporan OPD tujuan",
        }
    )
    return pd.concat([baris, pergi], ignore_index=True)


def tren_kabupaten(tren_opd: pd.DataFrame) -> pd.DataFrame:
    """Porsi predikat Baik ke atas tiap OPD per periode (kolom urut waktu) dan perubahannya."""
    if tren_opd.empty:
        return pd.DataFrame()
    urut = urutkan_periode(tren_opd["periode"].unique())
    lebar = _teks(tren_opd).pivot(index="opd", columns="periode", values="porsi_baik_ke_atas")
    lebar = lebar.reindex(columns=urut)
    hasil = lebar.rename_axis(None, axis=1).rename_axis("OPD").reset_index()
    if len(urut) >= 2:
        hasil["Perubahan"] = lebar[urut[-1]].to_numpy() - lebar[urut[-2]].to_numpy()
    return hasil


def kolom_persen(tabel_opd: pd.DataFrame) -> tuple[str, ...]:
    """Kolom porsi di :func:`tren_kabupaten` (semua kecuali ``OPD``), ditulis sebagai persen."""
    return tuple(k for k in tabel_opd.columns if k != "OPD")


def efek_ringkas(efek: pd.DataFrame) -> pd.DataFrame:
    """Pelatihan yang bisa dinilai (bukan ``data_kurang``), yang membantu lebih dulu."""
    urut = {"membantu": 0, "merugikan": 1, "tidak_terbukti": 2}
    e = efek[efek["kesimpulan"].isin(list(urut))].copy()
    e["_u"] = e["kesimpulan"].map(urut)
    e = e.sort_values(["_u", "efek", "kode_pelatihan"], ascending=[True, False, True])
    return pd.DataFrame(
        {
            "Pelatihan": (e["kode_pelatihan"] + " " + e["nama_pelatihan"]).to_numpy(),
            "Sasaran": e["sasaran"].map(label_sasaran).to_numpy(),
            "Peserta lemah": e["jumlah_peserta"].to_numpy(),
            "Pembanding": e["jumlah_pembanding"].to_numpy(),
            "Efek": e["efek"].to_numpy(),
            "Batas bawah": e["batas_bawah"].to_numpy(),
            "Batas atas": e["batas_atas"].to_numpy(),
            "Kesimpulan": e["kesimpulan"].str.replace("_", " ").str.capitalize().to_numpy(),
            "Semua peserta": e["jumlah_ikut"].to_numpy(),
            "JP terpakai": e["total_jp"].to_numpy(),
        }
    )
