"""Kalibrasi penilai: uji eksak, Benjamini-Hochberg, penilai yang ditanam di data contoh, dan
simulasi tanpa bias (porsi penilai yang tertandai tidak melebihi tingkat FDR)."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import binom

from asn_analitik.analisis.penilai import KOLOM_PENILAI, _p_eksak, kalibrasi_penilai
from asn_analitik.konfigurasi import RATING_LABEL
from asn_analitik.nilai.aturan import muat_aturan

ATURAN = muat_aturan()
DATA_CONTOH = Path(__file__).resolve().parents[1] / "data" / "contoh"
_KODE = ("di_bawah", "sesuai", "di_atas")  # skala 1, 2, 3


def _tabel(baris: list[tuple]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(skor_pegawai, evaluasi_atasan, pegawai) dari baris
    ``(nip_penilai, opd, usulan_hk, usulan_pr, resmi_hk, resmi_pr)``; rating sebagai 1, 2, 3
    (``None``: kosong). Tiap baris satu pegawai pada periode 2026."""
    kolom = ["penilai", "opd", "u_hk", "u_pr", "o_hk", "o_pr"]
    t = pd.DataFrame(baris, columns=kolom)
    t["nip"] = [f"1990010120200{i:05d}" for i in range(len(t))]

    def label(kode):
        return kode.map(lambda k: np.nan if pd.isna(k) else RATING_LABEL[_KODE[int(k) - 1]])

    def pendek(kode):
        return kode.map(lambda k: np.nan if pd.isna(k) else _KODE[int(k) - 1])

    skor = pd.DataFrame(
        {
            "nip": t["nip"],
            "periode": "2026",
            "opd": t["opd"],
            "rating_hasil_kerja_usulan": label(t["u_hk"]).astype("str"),
            "rating_perilaku_usulan": label(t["u_pr"]).astype("str"),
        }
    )
    evaluasi = pd.DataFrame(
        {
            "nip": t["nip"],
            "periode": "2026",
            "rating_hasil_kerja": pendek(t["o_hk"]).astype("str"),
            "rating_perilaku": pendek(t["o_pr"]).astype("str"),
            "nip_penilai": t["penilai"].astype("str"),
        }
    )
    penilai = sorted(set(t["penilai"].dropna()))
    pegawai = pd.DataFrame(
        {
            "nip": [*t["nip"], *penilai],
            "nama": [f"Pegawai {i}" for i in range(len(t))] + [f"Penilai {p}" for p in penilai],
            "opd": [*t["opd"], *(t.loc[t["penilai"] == p, "opd"].iloc[0] for p in penilai)],
            "nip_atasan": np.nan,
        }
    ).astype({"nip_atasan": "str"})
    return skor, evaluasi, pegawai


def _acak_tanpa_bias(rng, jumlah_penilai=60, besar=(3, 30), geser=0.08) -> list[tuple]:
    """Penilai adil: rating resmi = usulan, sesekali (``geser``) satu tingkat naik atau turun."""
    baris = []
    for r in range(jumlah_penilai):
        for _ in range(rng.integers(*besar)):
            usulan = rng.choice([1, 2, 3], size=2, p=[0.15, 0.7, 0.15])
            resmi = np.clip(usulan + rng.choice([-1, 1], 2) * (rng.random(2) < geser), 1, 3)
            baris.append((f"P{r:03d}", f"OPD {r % 6}", *usulan, *resmi))
    return baris


def _kalibrasi(baris, aturan=ATURAN) -> pd.DataFrame:
    return kalibrasi_penilai(*_tabel(baris), aturan).kalibrasi.set_index("nip_penilai")


def _tertandai(k: pd.DataFrame) -> pd.Series:
    return k["status"].isin(["murah_hati", "ketat"]) | (k["kecenderungan_tengah"] == "ya")


# --- uji eksak --------------------------------------------------------------------------------
@pytest.mark.parametrize("m", [1, 2, 3])
def test_p_eksak_sama_dengan_enumerasi(m):
    rng = np.random.default_rng(m)
    hitung = rng.integers(0, 20, size=9).astype(float)
    peluang = (hitung + 0.5) / (hitung + 0.5).sum()
    for s in range(0, 8 * m + 1, 3):
        bawah = atas = 0.0
        for tarik in itertools.product(range(9), repeat=m):
            p = np.prod(peluang[list(tarik)])
            bawah += p * (sum(tarik) <= s)
            atas += p * (sum(tarik) >= s)
        hasil = _p_eksak(np.array([m]), np.array([s]), hitung[None, :])[0]
        assert hasil == pytest.approx(min(1.0, 2 * min(bawah, atas)), rel=1e-12)


def test_p_eksak_dua_nilai_sama_dengan_binomial():
    hitung = np.array([[30.0, 10.0]])
    peluang = (hitung + 0.5) / (hitung + 0.5).sum()
    for m, s in ((10, 8), (25, 1), (40, 30)):
        atas = binom.sf(s - 1, m, peluang[0, 1])
        bawah = binom.cdf(s, m, peluang[0, 1])
        assert _p_eksak(np.array([m]), np.array([s]), hitung)[0] == pytest.approx(
            min(1, 2 * min(atas, bawah)), rel=1e-9
        )


def test_ekor_kecil_tetap_teliti():
    """Konvolusi langsung (bukan FFT): peluang sekecil 1e-100 tidak hilang menjadi derau."""
    hitung = np.array([[1.0, 1000.0]])
    p = _p_eksak(np.array([60]), np.array([0]), hitung)[0]
    harapan = 2 * ((1.5) / 1001) ** 60
    assert p == pytest.approx(harapan, rel=1e-9)


# --- perilaku di data kecil ----------------------------------------------------------------------
def _pool(rng, n=400):
    return _acak_tanpa_bias(rng, jumlah_penilai=n // 10, besar=(8, 12))


def test_penilai_delapan_tidak_murah_hati_karena_dua_orang():
    rng = np.random.default_rng(1)
    baris = _pool(rng)
    # 8 dinilai; dua dinilai satu tingkat di atas bukti (satu dimensi), sisanya sama dengan bukti
    baris += [("DUA", "OPD 0", 2, 2, 3, 2)] * 2 + [("DUA", "OPD 0", 2, 2, 2, 2)] * 6
    k = _kalibrasi(baris)
    assert k.loc["DUA", "jumlah_dinilai"] == 8
    assert k.loc["DUA", "selisih_rata"] == pytest.approx(2 / 16)
    assert k.loc["DUA", "porsi_lebih_tinggi"] == pytest.approx(2 / 16)
    assert k.loc["DUA", "status"] == "wajar"


def test_penilai_delapan_yang_menaikkan_semua_murah_hati():
    rng = np.random.default_rng(2)
    baris = _pool(rng) + [("SEMUA", "OPD 0", 2, 2, 3, 3)] * 8
    k = _kalibrasi(baris)
    assert k.loc["SEMUA", "status"] == "murah_hati"
    assert k.loc["SEMUA", "selisih_rata"] == 1
    assert k.loc["SEMUA", "q_nilai"] <= ATURAN["kalibrasi_penilai"]["fdr"]


def test_ketat_dan_kecenderungan_tengah_dibedakan():
    rng = np.random.default_rng(3)
    baris = _pool(rng)
    bukti = [(3, 3), (1, 1), (3, 2), (1, 2), (2, 2), (3, 1), (2, 3), (1, 3)] * 2
    baris += [("KETAT", "OPD 1", h, p, max(h - 1, 1), max(p - 1, 1)) for h, p in bukti]
    baris += [("TENGAH", "OPD 2", h, p, 2, 2) for h, p in bukti]
    k = _kalibrasi(baris)
    assert k.loc["KETAT", "status"] == "ketat"
    assert k.loc["KETAT", "kecenderungan_tengah"] == "tidak"
    assert k.loc["TENGAH", "kecenderungan_tengah"] == "ya"
    assert k.loc["TENGAH", "porsi_tengah"] == 1
    assert k.loc["TENGAH", "status"] == "wajar"  # rata-ratanya memang dekat nol
    assert not _tertandai(k.drop(index=["KETAT", "TENGAH"])).any()


def test_data_kurang_di_bawah_min_dinilai(tmp_path):
    rng = np.random.default_rng(4)
    baris = _pool(rng) + [("EMPAT", "OPD 0", 2, 2, 3, 3)] * 4
    k = _kalibrasi(baris)
    assert k.loc["EMPAT", "status"] == "data_kurang"
    assert pd.isna(k.loc["EMPAT", "p_nilai"]) and pd.isna(k.loc["EMPAT", "q_nilai"])
    assert k.loc["EMPAT", "selisih_rata"] == 1  # angka deskriptif tetap ada
    berkas = tmp_path / "k.yaml"
    berkas.write_text("kalibrasi_penilai:\n  min_dinilai: 3\n", encoding="utf-8")
    assert _kalibrasi(baris, muat_aturan(berkas)).loc["EMPAT", "status"] == "murah_hati"


def test_penilai_dari_nip_atasan_bila_nip_penilai_kosong():
    skor, evaluasi, pegawai = _tabel([("A", "OPD 0", 2, 2, 2, 2)] * 3)
    evaluasi["nip_penilai"] = np.nan
    pegawai.loc[:2, "nip_atasan"] = pegawai["nip"].iloc[3]
    hasil = kalibrasi_penilai(skor, evaluasi.astype({"nip_penilai": "str"}), pegawai, ATURAN)
    assert hasil.kalibrasi["nip_penilai"].tolist() == [pegawai["nip"].iloc[3]]
    assert hasil.kalibrasi["nama_penilai"].tolist() == ["Penilai A"]
    assert hasil.tanpa_penilai == 0
    pegawai["nip_atasan"] = np.nan
    hasil = kalibrasi_penilai(skor, evaluasi.astype({"nip_penilai": "str"}), pegawai, ATURAN)
    assert hasil.kalibrasi.empty and hasil.tanpa_penilai == 3


def test_rekan_bila_tanpa_bukti():
    """Folder rating saja (hasil impor e-Kinerja): dibandingkan dengan rekan se-OPD."""
    rng = np.random.default_rng(5)
    baris = [r[:2] + (None, None) + r[4:] for r in _pool(rng)]
    baris += [("TINGGI", "OPD 0", None, None, 3, 3)] * 12
    k = _kalibrasi(baris)
    assert (k["pembanding"] == "rekan").all()
    assert k.loc["TINGGI", "status"] == "murah_hati"
    assert k.loc["TINGGI", "porsi_lebih_tinggi"] == 1
    assert k.loc["TINGGI", "selisih_rata"] > 0.5


def test_kolom_kontrak_dan_hasil_sama_persis_bila_diulang():
    rng = np.random.default_rng(6)
    baris = _pool(rng)
    a = kalibrasi_penilai(*_tabel(baris), ATURAN).kalibrasi
    b = kalibrasi_penilai(*_tabel(baris), ATURAN).kalibrasi
    assert list(a.columns) == KOLOM_PENILAI
    pd.testing.assert_frame_equal(a, b)
    assert a.loc[a["status"] != "data_kurang", "q_nilai"].ge(a["p_nilai"]).all()


# --- simulasi tanpa bias: porsi tertandai <= FDR --------------------------------------------------
def test_tanpa_bias_porsi_tertandai_di_bawah_fdr_dan_p_terkalibrasi():
    fdr = ATURAN["kalibrasi_penilai"]["fdr"]
    tertandai = diuji = p_kecil = 0
    for seed in range(40):  # daftar benih tetap
        k = _kalibrasi(_acak_tanpa_bias(np.random.default_rng(1000 + seed)))
        uji = k[k["status"] != "data_kurang"]
        diuji += len(uji)
        tertandai += int(_tertandai(uji).sum())
        p_kecil += int((uji["p_nilai"] <= 0.05).sum())
    assert diuji > 1500
    assert tertandai / diuji <= fdr
    # uji sendiri tidak terlalu longgar: p <= 0,05 paling banyak ~5 % di bawah hipotesis nol
    assert p_kecil / diuji <= 0.06


# --- data contoh: tiga penilai ditanam ditemukan, yang adil tidak ------------------------------
@pytest.fixture(scope="module")
def kalibrasi_contoh(tmp_path_factory):
    from asn_analitik.alur import jalankan_kalibrasi
    from asn_analitik.contoh import buat_contoh

    keluaran = tmp_path_factory.mktemp("kalibrasi_contoh")
    jalankan_kalibrasi(DATA_CONTOH, keluaran)
    tanam = buat_contoh()["_pola"].attrs
    return pd.read_csv(keluaran / "kalibrasi_penilai.csv", dtype={"nip_penilai": "str"}), tanam


@pytest.mark.parametrize(
    ("jenis", "kolom", "nilai"),
    [
        ("longgar", "status", "murah_hati"),
        ("ketat", "status", "ketat"),
        ("tengah", "kecenderungan_tengah", "ya"),
    ],
)
def test_penilai_ditanam_di_contoh_ditemukan(kalibrasi_contoh, jenis, kolom, nilai):
    k, tanam = kalibrasi_contoh
    baris = k[k["nip_penilai"] == tanam[f"nip_atasan_{jenis}"]]
    assert len(baris) == 2  # kedua periode
    assert (baris[kolom] == nilai).all()
    assert (baris["pembanding"] == "bukti").all()


def test_tidak_ada_penilai_adil_tertandai_di_contoh(kalibrasi_contoh):
    k, tanam = kalibrasi_contoh
    adil = k[~k["nip_penilai"].isin(list(tanam.values()))]
    assert (adil["status"] != "data_kurang").sum() > 60
    assert not _tertandai(adil).any()
    ketat = k[k["nip_penilai"] == tanam["nip_atasan_ketat"]]
    assert (ketat["kecenderungan_tengah"] != "ya").all()
