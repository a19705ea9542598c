"""Pengelompokan pola kinerja (``asn-analitik klaster``; kontrak v1 bagian 4-5).

Tiga lapis:

1. Data contoh dengan pola tertanam (``buat_contoh(...)["_pola"]``) harus ditemukan kembali:
   kelompok, jumlah kelompok, label, dan arah rekomendasi pelatihan.
2. Masukan ganjil yang kecil (lebih sedikit pegawai daripada k, semua sama, periode tanpa
   perilaku, satu OPD, kosong setelah pengecualian) tidak membuat perintah jatuh.
3. Baris perintah: hasil identik per bita, ``--k`` dan ``--seed`` diteruskan, argumen salah
   keluar 2 tanpa *traceback*.

Rekomendasi pelatihan yang dihitung tangan ada di ``test_pelatihan.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from sklearn.metrics import adjusted_rand_score

from asn_analitik import muat, muat_aturan, pilih_periode, skor
from asn_analitik.alur import jalankan_klaster
from asn_analitik.analisis import klaster as modul_klaster
from asn_analitik.analisis.fitur import KOLOM_HASIL, KOLOM_PERILAKU
from asn_analitik.analisis.klaster import PengelompokKinerja, pita_kestabilan
from asn_analitik.analisis.pola import analisis_pola
from asn_analitik.cli import utama
from asn_analitik.contoh import buat_contoh, tulis_contoh
from asn_analitik.konfigurasi import BERAKHLAK

AKAR = Path(__file__).resolve().parents[1]
KATALOG = pd.read_csv(AKAR / "data" / "katalog_pelatihan.csv")
KELUARAN_KLASTER = [
    "klaster_pegawai.csv",
    "profil_klaster.csv",
    "rekomendasi_pelatihan.csv",
    "kebutuhan_pelatihan.csv",
    "hak_jp.csv",
]
KOLOM_KLASTER_PEGAWAI = ["nip", "periode", "klaster", "label_klaster"]
KOLOM_REKOMENDASI = [
    "nip", "periode", "kode_pelatihan", "nama_pelatihan", "jp", "alasan", "prioritas",
]  # fmt: skip
KOLOM_KEBUTUHAN = ["kode_pelatihan", "nama_pelatihan", "opd", "jumlah_peserta", "total_jp"]


def baca(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype={"nip": "str", "periode": "str"})


def baca_hasil(keluaran: Path) -> dict[str, pd.DataFrame]:
    """Semua tabel ``klaster`` dan ``skor_pegawai`` dari satu folder hasil."""
    nama = [*KELUARAN_KLASTER, "skor_pegawai.csv"]
    return {n.removesuffix(".csv"): baca(keluaran / n) for n in nama}


def nip(i: int) -> str:
    """NIP PNS sintetis yang sah: lahir 1985-05-10, TMT CPNS 2010-01, nomor urut ``i``."""
    return f"198505102010011{i:03d}"


# --- 1. pola tertanam --------------------------------------------------------------------


@pytest.fixture(
    scope="module", params=[(1200, 2026), (3000, 11)], ids=["1200-seed2026", "3000-seed11"]
)
def tertanam(request, tmp_path_factory) -> dict:
    """Data contoh dua ukuran dan benih, ``klaster`` sekali per ukuran, dan pola tertanamnya.

    ``pegawai`` menggabungkan tiap pegawai yang dinilai (periode terbaru) dengan kelompoknya,
    pola tertanamnya, dan dua penanda: ``lengkap`` (semua realisasi dilaporkan dan ada nilai
    BerAKHLAK) dan ``tidak_melapor`` (>= separuh indikator tanpa realisasi).
    """
    n, seed = request.param
    akar = tmp_path_factory.mktemp(f"contoh{n}")
    tulis_contoh(akar / "data", n, seed)
    manifest = jalankan_klaster(akar / "data", akar / "hasil")
    hasil = baca_hasil(akar / "hasil")
    pola = buat_contoh(n, seed)["_pola"].astype("str")
    sp = hasil["skor_pegawai"]
    pegawai = (
        sp[["nip", "periode", "jumlah_indikator", "indikator_tidak_dilaporkan", "nilai_perilaku"]]
        .merge(hasil["klaster_pegawai"], on=["nip", "periode"], how="left", validate="1:1")
        .merge(pola, on=["nip", "periode"], how="left", validate="1:1")
    )
    assert pegawai["klaster"].notna().all() and pegawai["pola"].notna().all()
    pegawai["lengkap"] = (pegawai["indikator_tidak_dilaporkan"] == 0) & pegawai[
        "nilai_perilaku"
    ].notna()
    pegawai["tidak_melapor"] = (
        pegawai["indikator_tidak_dilaporkan"] >= 0.5 * pegawai["jumlah_indikator"]
    )
    rek = hasil["rekomendasi_pelatihan"].merge(
        KATALOG[["kode", "sasaran"]], left_on="kode_pelatihan", right_on="kode", how="left"
    )
    return {"manifest": manifest, "hasil": hasil, "pegawai": pegawai, "rekomendasi": rek}


def test_pola_tertanam_ditemukan_kembali(tertanam):
    """Adjusted Rand index kelompok vs pola tertanam >= 0,75.

    Dihitung pada pegawai yang melaporkan semua realisasi dan punya nilai BerAKHLAK: pegawai
    yang tidak melapor sengaja membentuk kelompok sendiri ("Belum melaporkan realisasi", diuji
    di bawah) apa pun pola tertanamnya, karena tanpa realisasi tidak ada bukti pola.
    """
    p = tertanam["pegawai"]
    lengkap = p[p["lengkap"]]
    assert len(lengkap) > 0.8 * len(p)
    ari = adjusted_rand_score(lengkap["pola"], lengkap["klaster"])
    assert ari >= 0.75, f"ARI {ari:.3f}"


def test_k_otomatis_sama_dengan_jumlah_pola(tertanam):
    """``--k auto`` memilih sebanyak pola yang ada, ditambah satu untuk yang tidak melapor."""
    p = tertanam["pegawai"]
    harapan = p["pola"].nunique() + int(p["tidak_melapor"].any())
    assert tertanam["manifest"]["klaster"]["k"] == harapan
    assert tertanam["manifest"]["klaster"]["k_diminta"] == "auto"
    assert len(tertanam["hasil"]["profil_klaster"]) == harapan


def _kelompok_dominan(pegawai: pd.DataFrame, pola: str) -> tuple[int, str]:
    """Kelompok yang paling banyak memuat pegawai ``pola`` (dan di situ ``pola`` mayoritas)."""
    lengkap = pegawai[pegawai["lengkap"]]
    klaster = int(lengkap.loc[lengkap["pola"] == pola, "klaster"].mode().iloc[0])
    isi = lengkap.loc[lengkap["klaster"] == klaster, "pola"]
    assert isi.value_counts().index[0] == pola, isi.value_counts()
    label = pegawai.loc[pegawai["klaster"] == klaster, "label_klaster"].iloc[0]
    return klaster, label


@pytest.mark.parametrize(
    ("pola", "cocok"),
    [
        ("unggul", lambda label: label == "Unggul menyeluruh"),
        ("kualitas_rendah", lambda label: "Kualitas di bawah ekspektasi" in label),
        ("terlambat", lambda label: "Penyelesaian sering terlambat" in label),
        (
            "perilaku_lemah",
            lambda label: (
                label.startswith("Perlu pembinaan")
                and "pelayanan" in label
                and "kolaboratif" in label
            ),
        ),
        ("biasa", lambda label: label == "Sesuai ekspektasi"),
    ],
)
def test_label_kelompok_pola_tertanam(tertanam, pola, cocok):
    """Label kelompok yang didominasi tiap pola tertanam menyebut kelemahan pola itu."""
    _, label = _kelompok_dominan(tertanam["pegawai"], pola)
    assert cocok(label), f"{pola}: {label!r}"


def test_yang_tidak_melapor_dikelompokkan_tersendiri(tertanam):
    """Pegawai tanpa satu pun realisasi masuk kelompok "Belum melaporkan realisasi"."""
    p = tertanam["pegawai"]
    kosong = p[p["indikator_tidak_dilaporkan"] == p["jumlah_indikator"]]
    assert len(kosong) > 0
    assert set(kosong["label_klaster"]) == {"Belum melaporkan realisasi"}


def test_profil_dan_kolom_kontrak(tertanam):
    """Kolom kontrak ada; nomor kelompok 1..k urut nilai hasil kerja; ukuran cocok."""
    h = tertanam["hasil"]
    assert h["klaster_pegawai"].columns[:4].tolist() == KOLOM_KLASTER_PEGAWAI
    assert h["rekomendasi_pelatihan"].columns[:7].tolist() == KOLOM_REKOMENDASI
    assert h["kebutuhan_pelatihan"].columns.tolist() == KOLOM_KEBUTUHAN
    profil = h["profil_klaster"]
    k = tertanam["manifest"]["klaster"]["k"]
    assert profil["klaster"].tolist() == list(range(1, k + 1))
    assert profil["nilai_hasil_kerja"].is_monotonic_decreasing
    assert profil["jumlah_pegawai"].sum() == len(h["skor_pegawai"])
    assert profil["label_klaster"].is_unique


def test_kelompok_tertanam_stabil(tertanam):
    """Pola yang ditanam jelas, jadi setiap kelompok stabil dalam bootstrap (>= 0,75)."""
    profil = tertanam["hasil"]["profil_klaster"]
    assert profil["kestabilan"].between(0, 1).all()
    assert (profil["pita_kestabilan"] == "stabil").all(), profil[["klaster", "kestabilan"]]


@pytest.mark.parametrize(
    ("pola", "sasaran"),
    [
        ("kualitas_rendah", {"kualitas"}),
        ("terlambat", {"waktu"}),
        ("perilaku_lemah", {"perilaku:berorientasi_pelayanan", "perilaku:kolaboratif"}),
    ],
)
def test_rekomendasi_mengarah_ke_kelemahan_tertanam(tertanam, pola, sasaran):
    """>= 90 % anggota tiap pola lemah mendapat pelatihan yang sasarannya kelemahan itu.

    Pada pegawai yang melaporkan lengkap (alasan sama dengan uji ARI: tanpa realisasi atau
    tanpa nilai BerAKHLAK tidak ada bukti kelemahan, dan itu memang bukan dasar pelatihan).
    """
    p = tertanam["pegawai"]
    anggota = set(p.loc[p["lengkap"] & (p["pola"] == pola), "nip"])
    rek = tertanam["rekomendasi"]
    kena = set(rek.loc[rek["sasaran"].isin(sasaran), "nip"])
    porsi = len(anggota & kena) / len(anggota)
    assert porsi >= 0.9, f"{pola}: {porsi:.1%} dari {len(anggota)}"


def test_tidak_ada_rekomendasi_untuk_pola_unggul(tertanam):
    """Pegawai berpola unggul tidak mendapat rekomendasi pelatihan titik lemah."""
    p = tertanam["pegawai"]
    unggul = set(p.loc[p["pola"] == "unggul", "nip"])
    rek = tertanam["rekomendasi"]
    salah = rek[rek["nip"].isin(unggul)]
    assert salah.empty, salah[["nip", "kode_pelatihan", "alasan", "label_klaster"]].to_string()


# --- unit: PengelompokKinerja -------------------------------------------------------------


def fitur_acak(n: int, seed: int = 0, perilaku: bool = True, kolom_perilaku=None) -> pd.DataFrame:
    """Fitur sintetis bervariasi untuk uji unit pengelompok (tanpa lewat ``skor``)."""
    rng = np.random.default_rng(seed)
    kolom_perilaku = KOLOM_PERILAKU if kolom_perilaku is None else kolom_perilaku
    d = pd.DataFrame({"nip": [nip(i + 1) for i in range(n)], "periode": "2026-S1", "opd": "X"})
    for k in KOLOM_HASIL:
        d[k] = rng.uniform(50, 120, n)
    d["nilai_hasil_kerja"] = d[KOLOM_HASIL].mean(axis=1)
    for k in kolom_perilaku:
        d[k] = rng.integers(1, 6, n).astype(float) if perilaku else np.nan
    return d


@pytest.mark.parametrize(
    ("nilai", "pita"),
    [
        (0.0, "tidak stabil"),
        (0.59, "tidak stabil"),
        (0.6, "meragukan"),
        (0.749, "meragukan"),
        (0.75, "stabil"),
        (1.0, "stabil"),
        (float("nan"), "tidak stabil"),  # kestabilan yang tidak dapat dihitung
    ],
)
def test_pita_kestabilan(nilai, pita):
    """< 0,6 tidak stabil; 0,6-0,75 meragukan; >= 0,75 stabil."""
    assert pita_kestabilan(nilai) == pita


def _jumlah_kuadrat_bobot(model: PengelompokKinerja) -> dict[str, float]:
    hasil = np.array([k in KOLOM_HASIL for k in model.kolom_])
    return {
        "hasil": float((model.bobot_[hasil] ** 2).sum()),
        "perilaku": float((model.bobot_[~hasil] ** 2).sum()),
    }


def test_dua_blok_berbobot_sama():
    """Blok hasil kerja (4 kolom) dan perilaku (7 kolom) masing-masing berbobot total 1."""
    model = PengelompokKinerja(n_bootstrap=0).fit(fitur_acak(40))
    assert model.kolom_ == KOLOM_HASIL + KOLOM_PERILAKU
    assert _jumlah_kuadrat_bobot(model) == pytest.approx({"hasil": 1.0, "perilaku": 1.0})


def test_bobot_blok_tidak_bergantung_jumlah_kolom(monkeypatch):
    """Dua kali lipat kolom perilaku: tiap blok tetap berbobot total 1, dan simpangan satu
    satuan di semua kolom satu blok menyumbang jarak kuadrat yang sama untuk kedua blok."""
    ganda = [*KOLOM_PERILAKU, *(f"{k}_2" for k in KOLOM_PERILAKU)]
    monkeypatch.setattr(modul_klaster, "KOLOM_PERILAKU", ganda)
    fitur = fitur_acak(40, kolom_perilaku=ganda)
    model = PengelompokKinerja(n_bootstrap=0).fit(fitur)
    assert len(model.kolom_) == 4 + 14
    assert _jumlah_kuadrat_bobot(model) == pytest.approx({"hasil": 1.0, "perilaku": 1.0})

    tengah = fitur.iloc[:3].copy()
    tengah[KOLOM_HASIL] = 100.0
    tengah[ganda] = 3.0
    tengah.loc[1, KOLOM_HASIL] = 80.0  # satu satuan capaian (20 poin) di bawah, semua aspek
    tengah.loc[2, ganda] = 2.0  # satu langkah skala di bawah, semua nilai
    x = model._matriks(tengah)
    jarak = ((x[1:] - x[0]) ** 2).sum(axis=1)
    assert jarak == pytest.approx([1.0, 1.0])


def test_aspek_kosong_diisi_median_bukan_lemah():
    """Pegawai tanpa indikator biaya diisi median biaya kabupaten: netral, tidak "lemah"."""
    fitur = fitur_acak(40)
    fitur.loc[:9, "capaian_biaya"] = np.nan
    model = PengelompokKinerja(n_bootstrap=0).fit(fitur)
    i = model.kolom_.index("capaian_biaya")
    median = fitur["capaian_biaya"].median()
    assert model.isi_[i] == pytest.approx(median)
    pembanding = fitur.iloc[[0]].assign(capaian_biaya=median)
    assert model._matriks(fitur.iloc[[0]]) == pytest.approx(model._matriks(pembanding))


def test_aspek_yang_tidak_dimiliki_siapa_pun_netral():
    """Bila tak seorang pun punya indikator biaya, pengisinya 100 (sesuai ekspektasi)."""
    fitur = fitur_acak(40).assign(capaian_biaya=np.nan)
    model = PengelompokKinerja(n_bootstrap=0).fit(fitur)
    assert model.isi_[model.kolom_.index("capaian_biaya")] == 100.0


def test_tanpa_perilaku_hanya_blok_hasil():
    fitur = fitur_acak(40, perilaku=False)
    model = PengelompokKinerja(n_bootstrap=0).fit(fitur)
    assert model.kolom_ == KOLOM_HASIL
    assert _jumlah_kuadrat_bobot(model)["hasil"] == pytest.approx(1.0)


def test_parameter_disimpan_dan_hasil_berulang_sama():
    """``__init__`` hanya menyimpan; benih yang sama memberi hasil yang sama persis, dan hasil
    itu memenuhi definisinya: k dengan indeks Calinski-Harabasz tertinggi, setiap pegawai di
    kelompok yang pusatnya terdekat, kelompok 1 = rata-rata nilai hasil kerja tertinggi."""
    model = PengelompokKinerja(k=3, random_state=7, n_bootstrap=5)
    assert (model.k, model.random_state, model.n_bootstrap) == (3, 7, 5)
    assert not hasattr(model, "label_")
    fitur = fitur_acak(60)
    a = PengelompokKinerja(random_state=7, n_bootstrap=5).fit(fitur)
    b = PengelompokKinerja(random_state=7, n_bootstrap=5).fit(fitur)
    assert a.k_ == b.k_
    np.testing.assert_array_equal(a.label_, b.label_)
    np.testing.assert_array_equal(a.stabilitas_, b.stabilitas_)
    np.testing.assert_array_equal(a.pusat_, b.pusat_)
    # nilainya, bukan hanya keberulangannya
    assert set(a.skor_k_) == set(range(2, 9))  # rentang_k bawaan (2, 8)
    assert a.k_ == max(a.skor_k_, key=a.skor_k_.get)
    assert sorted(set(a.label_)) == list(range(1, a.k_ + 1))
    np.testing.assert_array_equal(a.predict(fitur), a.label_)
    rata = fitur.groupby(a.label_)["nilai_hasil_kerja"].mean()
    assert rata.is_monotonic_decreasing
    assert len(a.stabilitas_) == a.k_ and ((a.stabilitas_ >= 0) & (a.stabilitas_ <= 1)).all()


@pytest.mark.parametrize(("n", "k"), [(1, 5), (2, 5), (3, "auto"), (4, 5), (6, "auto")])
def test_pegawai_lebih_sedikit_daripada_k(n, k):
    """k dipangkas ke banyaknya baris berbeda; kestabilan (bootstrap) tidak membuat jatuh."""
    model = PengelompokKinerja(k=k).fit(fitur_acak(n))
    assert 1 <= model.k_ <= n
    assert sorted(set(model.label_)) == list(range(1, model.k_ + 1))
    assert len(model.stabilitas_) == model.k_


# --- 2. masukan ganjil, lewat folder seperti kiriman OPD -----------------------------------


def kinerja(
    i: int,
    opd: str = "Dinas Kesehatan",
    kualitas: float = 100,
    waktu: float = 100,
    perilaku: int | None = 3,
    periode_perilaku: str = "2026-S1",
) -> dict[str, list[dict]]:
    """Satu pegawai: indikator kuantitas 100, kualitas dan waktu dengan capaian yang diminta
    (waktu arah turun, target 10), dan tujuh nilai BerAKHLAK yang sama (``None``: tanpa)."""
    n = nip(i)
    indikator = [
        {"nip": n, "periode": "2026-S1", "indikator": "Laporan", "aspek": "kuantitas",
         "target": 100, "realisasi": 100},
        {"nip": n, "periode": "2026-S1", "indikator": "Mutu", "aspek": "kualitas",
         "target": 100, "realisasi": kualitas},
        {"nip": n, "periode": "2026-S1", "indikator": "Lama layanan", "aspek": "waktu",
         "target": 10, "realisasi": round(10 * (2 - waktu / 100), 6)},
    ]  # fmt: skip
    nilai = [] if perilaku is None else BERAKHLAK
    return {
        "pegawai": [{"nip": n, "nama": f"Pegawai {i}", "opd": opd}],
        "indikator": indikator,
        "perilaku": [
            {"nip": n, "periode": periode_perilaku, "aspek": a, "nilai": perilaku} for a in nilai
        ],
    }


def gabung(*orang: dict, tanpa_perilaku: bool = False) -> dict[str, list[dict]]:
    tabel: dict[str, list[dict]] = {"pegawai": [], "indikator": [], "perilaku": []}
    for o in orang:
        for nama, baris in o.items():
            tabel[nama] += baris
    if tanpa_perilaku or not tabel["perilaku"]:
        del tabel["perilaku"]
    return tabel


@pytest.fixture
def klaster_folder(buat_folder, tmp_path):
    """Tulis folder kecil lalu jalankan ``klaster`` dengan aturan bawaan (termasuk bootstrap
    kestabilan), karena masukan kecil justru yang menguji batas pengelompok."""
    nomor = iter(range(1, 100))

    def _jalankan(tabel: dict, k="auto", seed=0) -> tuple[dict, dict[str, pd.DataFrame]]:
        keluaran = tmp_path / f"hasil{next(nomor)}"
        manifest = jalankan_klaster(buat_folder(tabel), keluaran, k=k, seed=seed)
        return manifest, baca_hasil(keluaran)

    return _jalankan


def dua_pola(n: int = 10, **lain) -> list[dict]:
    """``n`` pegawai sesuai ekspektasi dan ``n`` pegawai kualitas 60 (dua pola jelas)."""
    return [kinerja(i + 1, **lain) for i in range(n)] + [
        kinerja(n + i + 1, kualitas=60, **lain) for i in range(n)
    ]


def test_dua_pegawai_dengan_k_5(klaster_folder):
    """Lebih sedikit pegawai daripada k: k dipangkas, perintah tidak jatuh."""
    manifest, h = klaster_folder(gabung(kinerja(1), kinerja(2, kualitas=60)), k=5)
    assert manifest["klaster"]["k"] == 2
    assert manifest["klaster"]["k_diminta"] == 5
    assert sorted(h["klaster_pegawai"]["klaster"]) == [1, 2]
    assert h["klaster_pegawai"]["label_klaster"].notna().all()


@pytest.mark.parametrize("k", ["auto", 3])
def test_semua_pegawai_sama(klaster_folder, k):
    """Semua pegawai identik: satu kelompok, label masuk akal, stabil."""
    manifest, h = klaster_folder(gabung(*(kinerja(i) for i in range(1, 6))), k=k)
    assert manifest["klaster"]["k"] == 1
    profil = h["profil_klaster"]
    assert profil[["klaster", "label_klaster", "jumlah_pegawai"]].values.tolist() == [
        [1, "Sesuai ekspektasi", 5]
    ]
    assert profil["pita_kestabilan"].tolist() == ["stabil"]
    assert set(h["klaster_pegawai"]["label_klaster"]) == {"Sesuai ekspektasi"}
    assert h["rekomendasi_pelatihan"].empty


@pytest.mark.parametrize("cara", ["tanpa berkas perilaku", "perilaku hanya periode lain"])
def test_periode_tanpa_perilaku(klaster_folder, cara):
    """Periode tanpa satu pun nilai BerAKHLAK: kelompok dari hasil kerja saja.

    Pada cara kedua nilai BerAKHLAK 1 ada, tetapi di 2025-S2: tidak boleh bocor ke 2026-S1.
    """
    if cara == "tanpa berkas perilaku":
        tabel = gabung(*dua_pola(), tanpa_perilaku=True)
    else:
        tabel = gabung(*dua_pola(perilaku=1, periode_perilaku="2025-S2"))
    manifest, h = klaster_folder(tabel)
    assert manifest["parameter"]["periode"] == ["2026-S1"]
    assert manifest["klaster"]["fitur"] == KOLOM_HASIL
    assert manifest["klaster"]["k"] == 2
    profil = h["profil_klaster"]
    assert profil[KOLOM_PERILAKU].isna().all().all()
    assert sorted(profil["label_klaster"]) == [
        "Kualitas di bawah ekspektasi",
        "Sesuai ekspektasi",
    ]
    rek = h["rekomendasi_pelatihan"]
    assert len(rek) == 10
    assert not rek["alasan"].str.contains("BerAKHLAK").any()


def test_satu_opd(klaster_folder):
    """Seluruh data dari satu OPD: dikelompokkan biasa, kebutuhan hanya untuk OPD itu."""
    manifest, h = klaster_folder(gabung(*dua_pola(opd="Dinas Perhubungan")))
    assert manifest["klaster"]["k"] == 2
    assert set(h["klaster_pegawai"]["opd"]) == {"Dinas Perhubungan"}
    butuh = h["kebutuhan_pelatihan"]
    assert butuh["opd"].tolist() == ["Dinas Perhubungan"]
    assert butuh["jumlah_peserta"].tolist() == [10]


def test_satu_opd_tiga_pegawai(klaster_folder):
    """Seluruh data hanya satu kantor berisi tiga orang: tetap ada kelompok dan rekomendasi."""
    tabel = gabung(
        kinerja(1, opd="Kecamatan Peso"),
        kinerja(2, opd="Kecamatan Peso", kualitas=60),
        kinerja(3, opd="Kecamatan Peso", perilaku=1),
    )
    manifest, h = klaster_folder(tabel)
    assert 1 <= manifest["klaster"]["k"] <= 3
    assert h["klaster_pegawai"]["label_klaster"].notna().all()
    assert set(h["rekomendasi_pelatihan"]["nip"]) == {nip(2), nip(3)}


def test_seed_diteruskan_ke_model(buat_folder):
    """``seed`` sampai ke ``random_state`` pengelompok (bukan benih global)."""
    aturan = muat_aturan()
    data = pilih_periode(muat(buat_folder(gabung(*dua_pola()))), "terbaru")
    hasil = skor(data, "permenpanrb_6_2022", aturan)
    assert analisis_pola(data, hasil, aturan, seed=7).model.random_state == 7
    assert analisis_pola(data, hasil, aturan, k=2).model.k == 2


@pytest.mark.parametrize(
    "tabel",
    [
        {
            "pegawai": [{**kinerja(1)["pegawai"][0], "status": "pensiun"}],
            "indikator": kinerja(1)["indikator"],
        },
        {
            "pegawai": kinerja(1)["pegawai"],
            "indikator": [dict(b, target=0) for b in kinerja(1)["indikator"]],
        },
    ],
    ids=["semua-pensiun", "semua-indikator-ditolak"],
)
def test_kosong_setelah_pengecualian(buat_folder, tmp_path, capsys, tabel):
    """Tidak ada pegawai tersisa untuk dikelompokkan: keluar 2 dengan satu pesan, tanpa
    *traceback*."""
    kode = utama(["klaster", "--data", str(buat_folder(tabel)), "--keluaran", str(tmp_path)])
    err = capsys.readouterr().err
    assert kode == 2
    assert "Traceback" not in err and "tak terduga" not in err
    assert err.startswith("asn-analitik: galat: ") and "periode" in err


# --- 3. baris perintah ---------------------------------------------------------------------


def _proses(*argumen) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "asn_analitik", *map(str, argumen)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def hasil_cli(tmp_path_factory) -> dict[str, Path]:
    """Tiga ``klaster`` atas data contoh 300 pegawai (seperempat data/contoh, agar cepat),
    berjalan bersamaan: dua kali sama persis, dan sekali dengan ``--k 4 --seed 7``."""
    akar = tmp_path_factory.mktemp("cli_klaster")
    data = akar / "data"
    tulis_contoh(data, 300, seed=3)
    argumen = {"a": [], "b": [], "k4": ["--k", "4", "--seed", "7"]}
    proses = {
        nama: _proses("klaster", "--data", data, "--keluaran", akar / nama, *lain)
        for nama, lain in argumen.items()
    }
    for nama, p in proses.items():
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, (nama, err)
        assert "Traceback" not in err
    return {nama: akar / nama for nama in argumen}


def _periksa_klaster_pegawai(t: dict, k: int) -> None:
    skor = t["skor_pegawai"]
    assert sorted(t["klaster_pegawai"]["nip"]) == sorted(skor["nip"])  # satu baris per pegawai
    assert set(t["klaster_pegawai"]["klaster"]) == set(range(1, k + 1))


def _periksa_profil_klaster(t: dict, k: int) -> None:
    profil = t["profil_klaster"].set_index("klaster")
    assert sorted(profil.index) == list(range(1, k + 1))
    jumlah = t["klaster_pegawai"]["klaster"].value_counts()
    assert (profil["jumlah_pegawai"] == jumlah.reindex(profil.index)).all()
    assert profil["porsi_pegawai"].to_numpy() == pytest.approx(
        (profil["jumlah_pegawai"] / len(t["klaster_pegawai"])).to_numpy()
    )


def _periksa_rekomendasi_pelatihan(t: dict, k: int) -> None:
    rek = t["rekomendasi_pelatihan"]
    assert set(rek["nip"]) <= set(t["skor_pegawai"]["nip"]) and (rek["jp"] > 0).all()
    prioritas = rek.groupby("nip")["prioritas"].agg(sorted)
    assert all(p == list(range(1, len(p) + 1)) for p in prioritas)  # 1, 2, ... per pegawai


def _periksa_kebutuhan_pelatihan(t: dict, k: int) -> None:
    rek = t["rekomendasi_pelatihan"]
    harap = rek.groupby(["kode_pelatihan", "opd"]).agg(
        jumlah_peserta=("nip", "nunique"), total_jp=("jp", "sum")
    )
    ada = t["kebutuhan_pelatihan"].set_index(["kode_pelatihan", "opd"])
    pd.testing.assert_frame_equal(
        ada[["jumlah_peserta", "total_jp"]].sort_index(), harap.sort_index(), check_dtype=False
    )


def _periksa_hak_jp(t: dict, k: int) -> None:
    hak = t["hak_jp"]
    assert sorted(hak["nip"]) == sorted(t["skor_pegawai"]["nip"])
    pns = hak[hak["jenis_pegawai"] == "PNS"]  # hak 20 JP setahun (PP 17/2020)
    assert (pns["kekurangan_jp"] == (20 - pns["jp_tahun_ini"]).clip(lower=0)).all()
    rek = t["rekomendasi_pelatihan"].groupby("nip")["jp"].sum()
    assert (hak.set_index("nip")["jp_direkomendasikan"] == rek.reindex(hak["nip"]).fillna(0)).all()


#: Pemeriksaan isi tiap berkas ``klaster`` terhadap tabel lain di folder yang sama.
PERIKSA_ISI = {
    "klaster_pegawai.csv": _periksa_klaster_pegawai,
    "profil_klaster.csv": _periksa_profil_klaster,
    "rekomendasi_pelatihan.csv": _periksa_rekomendasi_pelatihan,
    "kebutuhan_pelatihan.csv": _periksa_kebutuhan_pelatihan,
    "hak_jp.csv": _periksa_hak_jp,
}


@pytest.mark.parametrize("berkas", KELUARAN_KLASTER)
def test_hasil_identik_per_bita(hasil_cli, berkas):
    """Masukan dan benih yang sama: berkas hasil sama persis; dan isinya cocok dengan tabel
    lain (satu baris per pegawai, jumlah per kelompok, jumlah per pelatihan dan OPD, hak JP)."""
    assert (hasil_cli["a"] / berkas).read_bytes() == (hasil_cli["b"] / berkas).read_bytes()
    tabel = baca_hasil(hasil_cli["a"])
    k = json.loads((hasil_cli["a"] / "manifest.json").read_text(encoding="utf-8"))["klaster"]["k"]
    PERIKSA_ISI[berkas](tabel, k)


def test_k_dan_seed_diteruskan(hasil_cli):
    bawaan = json.loads((hasil_cli["a"] / "manifest.json").read_text(encoding="utf-8"))
    assert (bawaan["klaster"]["k_diminta"], bawaan["klaster"]["seed"]) == ("auto", 0)
    m = json.loads((hasil_cli["k4"] / "manifest.json").read_text(encoding="utf-8"))
    assert m["perintah"] == "klaster"
    assert (m["klaster"]["k"], m["klaster"]["k_diminta"], m["klaster"]["seed"]) == (4, 4, 7)
    assert sorted(baca(hasil_cli["k4"] / "klaster_pegawai.csv")["klaster"].unique()) == [1, 2, 3, 4]
    assert len(baca(hasil_cli["k4"] / "profil_klaster.csv")) == 4


def test_buku_kebutuhan_pelatihan(hasil_cli):
    """``kebutuhan_pelatihan.xlsx``: per pelatihan, per OPD (= CSV), dan yang belum 20 JP."""
    buku = load_workbook(hasil_cli["a"] / "kebutuhan_pelatihan.xlsx", read_only=True)
    assert buku.sheetnames == ["Per pelatihan", "Per OPD", "Belum 20 JP"]
    per_opd = pd.read_excel(
        hasil_cli["a"] / "kebutuhan_pelatihan.xlsx", sheet_name="Per OPD", engine="openpyxl"
    )
    csv = baca(hasil_cli["a"] / "kebutuhan_pelatihan.csv")
    assert per_opd.columns.tolist() == KOLOM_KEBUTUHAN
    assert len(per_opd) == len(csv)
    assert per_opd["total_jp"].sum() == csv["total_jp"].sum()
    buku.close()


@pytest.mark.parametrize("k", ["0", "-1", "abc"])
def test_k_tidak_sah(tmp_path, k):
    """``--k`` bukan auto atau bilangan bulat positif: keluar 2, pesan satu baris."""
    p = _proses("klaster", "--data", AKAR / "data" / "contoh", "--keluaran", tmp_path, "--k", k)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 2
    assert "Traceback" not in err
    assert "--k" in err
    assert not (tmp_path / "klaster_pegawai.csv").exists()


@pytest.mark.parametrize("jenis", [2, 5, 40, None])
def test_jumlah_baris_unik_sama_dengan_np_unique_di_bawah_batas(jenis):
    """Hitungan baris berbeda tanpa mengurutkan seluruh matriks: tepat bila di bawah batas
    (termasuk baris yang berbeda di bawah 1e-9, -0,0 dan potongan yang tidak genap), dan tidak
    pernah di bawah batas bila baris berbeda sebenarnya sebanyak itu."""
    from asn_analitik.analisis.klaster import _jumlah_baris_unik

    rng = np.random.default_rng(7)
    n = 2_503
    if jenis is None:
        x = rng.normal(size=(n, 4))  # hampir semua berbeda
    else:
        pola = rng.normal(size=(jenis, 4))
        x = pola[rng.integers(0, jenis, n)] + rng.normal(scale=1e-12, size=(n, 4))
        x[::7, 0] = -0.0 * x[::7, 0] if jenis == 2 else x[::7, 0]
    benar = len(np.unique(x.round(9), axis=0))
    for batas in (3, 9, 50):
        hasil = _jumlah_baris_unik(x, batas, ukuran=1_000)
        if benar < batas:
            assert hasil == benar, (jenis, batas)
        else:
            assert hasil >= batas, (jenis, batas)
    assert _jumlah_baris_unik(x[:0], 9) == 0
