"""Kurva distribusi predikat per OPD (SE MenPANRB 3/2023, domain.md bagian 3) dan kandidat
tinjauan: aturan per baris, kasus yang dihitung tangan, dan sifat ``selisih_pegawai``."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_analitik.analisis.kurva import (
    KOLOM_KANDIDAT,
    KOLOM_KURVA,
    analisis_kurva,
    pola_diizinkan,
    rencana_perubahan,
)
from asn_analitik.galat import KonfigurasiTidakValid
from asn_analitik.konfigurasi import PREDIKAT, PREDIKAT_ORGANISASI
from asn_analitik.nilai.aturan import muat_aturan
from asn_analitik.nilai.kurva import aturan_kurva

SB, B, BP, KM, SK = PREDIKAT
ATURAN = muat_aturan()


def _skor(jumlah: dict[str, int], opd="Dinas Uji", periode="2026", nilai=None) -> pd.DataFrame:
    """Pegawai berpredikat menurut ``jumlah``; nilai hasil kerja naik berurutan (atau ``nilai``)."""
    predikat = [p for p in PREDIKAT for _ in range(jumlah.get(p, 0))]
    n = len(predikat)
    return pd.DataFrame(
        {
            "nip": [f"{opd[:3]}{i:015d}" for i in range(n)],
            "nama": [f"Pegawai {i}" for i in range(n)],
            "opd": opd,
            "periode": periode,
            "predikat": predikat,
            "nilai_hasil_kerja": np.arange(n, dtype=float) + 80 if nilai is None else nilai,
            "nilai_perilaku": 3.0,
        }
    )


def _org(predikat: str, opd="Dinas Uji", periode="2026") -> pd.DataFrame:
    return pd.DataFrame({"opd": [opd], "periode": [periode], "predikat_organisasi": [predikat]})


def _kurva(jumlah: dict[str, int], predikat_organisasi: str, aturan=ATURAN) -> pd.Series:
    hasil = analisis_kurva(_skor(jumlah), _org(predikat_organisasi), aturan)
    assert len(hasil.kurva) == 1
    return hasil.kurva.iloc[0]


# --- aturan sebagai data: satu uji per baris tabel domain.md bagian 3 ----------------------------
@pytest.mark.parametrize(
    ("organisasi", "predikat", "batas", "nilai"),
    [
        ("istimewa", (SB,), "maks_persen", 70),
        ("baik", (B,), "maks_persen", 70),
        ("baik", (BP, KM), "min_jumlah", 1),
        ("butuh_perbaikan", (BP,), "min_persen", 60),
        ("butuh_perbaikan", (SB,), "maks_persen", 10),
        ("kurang", (KM,), "min_persen", 60),
        ("kurang", (BP,), "min_persen", 10),
        ("kurang", (SB,), "maks_persen", 10),
        ("sangat_kurang", (SK,), "min_persen", 60),
        ("sangat_kurang", (BP, KM), "min_persen", 10),
        ("sangat_kurang", (SB,), "maks_jumlah", 0),
    ],
)
def test_aturan_bawaan_sesuai_domain(organisasi, predikat, batas, nilai):
    daftar = aturan_kurva(ATURAN)[organisasi]
    cocok = [b for b in daftar if tuple(PREDIKAT[i] for i in b.predikat) == predikat]
    assert len(cocok) == 1
    assert getattr(cocok[0], batas) == nilai


def test_tiap_predikat_organisasi_punya_aturan():
    kurva = aturan_kurva(ATURAN)
    assert set(kurva) == set(PREDIKAT_ORGANISASI)
    assert sum(len(v) for v in kurva.values()) == 11  # tidak ada aturan yang tidak diuji di atas


# --- kasus hitung tangan (n = 10 kecuali disebut) -------------------------------------------------
@pytest.mark.parametrize(
    ("organisasi", "jumlah", "status", "selisih"),
    [
        # istimewa: Sangat Baik paling banyak 70 %; tepat 70 % masih boleh
        ("istimewa", {SB: 7, B: 3}, "sesuai", 0),
        ("istimewa", {SB: 8, B: 2}, "tidak_sesuai", 1),
        ("istimewa", {B: 10}, "sesuai", 0),
        # baik: Baik <= 70 % dan harus ada BP/KM. Semua Baik: 3 perpindahan Baik -> BP
        # memperbaiki kedua aturan sekaligus (jumlah kekurangan terpisah 3 + 1 = 4 salah).
        ("baik", {B: 10}, "tidak_sesuai", 3),
        ("baik", {B: 7, BP: 3}, "sesuai", 0),
        ("baik", {B: 7, SB: 3}, "tidak_sesuai", 1),
        ("baik", {SB: 9, KM: 1}, "sesuai", 0),
        # butuh_perbaikan: BP >= 60 % (6), SB <= 10 % (1). 2 SB -> BP dan 4 B -> BP: 6, bukan 8.
        ("butuh_perbaikan", {SB: 3, B: 7}, "tidak_sesuai", 6),
        ("butuh_perbaikan", {BP: 6, SB: 1, B: 3}, "sesuai", 0),
        # kurang: KM >= 60 %, BP >= 10 %, SB <= 10 %
        ("kurang", {KM: 6, BP: 1, B: 3}, "sesuai", 0),
        ("kurang", {SB: 2, B: 8}, "tidak_sesuai", 7),
        ("kurang", {KM: 10}, "tidak_sesuai", 1),
        # sangat_kurang: SK >= 60 %, BP/KM >= 10 %, tanpa SB. 1 SB -> BP memperbaiki dua aturan.
        ("sangat_kurang", {SB: 1, SK: 9}, "tidak_sesuai", 1),
        ("sangat_kurang", {SK: 6, KM: 1, B: 3}, "sesuai", 0),
    ],
)
def test_kurva_hitung_tangan(organisasi, jumlah, status, selisih):
    baris = _kurva(jumlah, organisasi)
    assert baris["status"] == status
    assert baris["selisih_pegawai"] == selisih
    assert baris["jumlah_pegawai"] == sum(jumlah.values())
    assert pd.isna(baris["pelanggaran"]) == (status == "sesuai")


def test_pelanggaran_dengan_angkanya():
    baris = _kurva({B: 81, BP: 19}, "baik")
    assert baris["pelanggaran"] == (
        "Baik 81% (81 dari 100 pegawai) melebihi batas 70% untuk organisasi berpredikat Baik"
    )
    baris = _kurva({B: 10}, "baik")
    assert (
        "tidak ada pegawai berpredikat Butuh Perbaikan atau Kurang/Misconduct"
        in (baris["pelanggaran"])
    )
    assert "Baik 100% (10 dari 10 pegawai) melebihi batas 70%" in baris["pelanggaran"]
    baris = _kurva({KM: 5, B: 2}, "kurang")
    assert "Kurang/Misconduct 71,4% (5 dari 7 pegawai)" not in baris["pelanggaran"]
    assert (
        "Butuh Perbaikan 0% (0 dari 7 pegawai) di bawah batas minimal 10%" in (baris["pelanggaran"])
    )


def test_persen_pecahan_memakai_koma():
    baris = _kurva({B: 43, BP: 16}, "baik")
    assert baris["pelanggaran"].startswith("Baik 72,9% (43 dari 59 pegawai) melebihi batas 70%")


def test_tepat_di_batas_70_persen_pada_n_tak_bulat():
    """70 % dari 37 = 25,9: 25 boleh, 26 tidak."""
    assert _kurva({B: 25, BP: 12}, "baik")["status"] == "sesuai"
    assert _kurva({B: 26, BP: 11}, "baik")["selisih_pegawai"] == 1


def test_aturan_tak_terpenuhi_dengan_pegawai_sedikit():
    """Kurang butuh >= 60 % KM dan >= 10 % BP: dengan 2 pegawai perlu 2 + 1 orang."""
    baris = _kurva({B: 2}, "kurang")
    assert baris["status"] == "tidak_sesuai"
    assert pd.isna(baris["selisih_pegawai"])
    assert "tidak dapat dipenuhi bersamaan" in baris["pelanggaran"]
    assert rencana_perubahan({B: 2}, "kurang", ATURAN) is None


def test_tanpa_predikat_organisasi_dan_tanpa_predikat_pegawai():
    skor = pd.concat(
        [_skor({B: 5}, opd="Dinas A"), _skor({B: 3}, opd="Dinas B").assign(predikat=np.nan)]
    )
    org = pd.concat([_org("baik", opd="Dinas B"), _org("baik", opd="Dinas C")])
    kurva = analisis_kurva(skor, org, ATURAN).kurva.set_index("opd")
    assert kurva.loc["Dinas A", "status"] == "tanpa_predikat_organisasi"
    assert kurva.loc["Dinas A", "jumlah_baik"] == 5
    assert pd.isna(kurva.loc["Dinas A", "selisih_pegawai"])
    # pegawai tanpa predikat tidak dihitung; OPD di organisasi tanpa pegawai tetap satu baris
    assert kurva.loc["Dinas B", "status"] == "tanpa_predikat_pegawai"
    assert kurva.loc["Dinas B", "jumlah_pegawai"] == 0
    assert kurva.loc["Dinas C", "status"] == "tanpa_predikat_pegawai"
    assert list(analisis_kurva(skor, None, ATURAN).kurva["status"].unique()) == [
        "tanpa_predikat_organisasi"
    ]


def test_kolom_kontrak_dan_satu_baris_per_opd_periode():
    skor = pd.concat(
        [_skor({B: 4, BP: 1}, periode=p, opd=o) for o in ("Dinas A", "Dinas B")
         for p in ("2025-S2", "2026-S1")]
    )  # fmt: skip
    hasil = analisis_kurva(skor, _org("baik", opd="Dinas A", periode="2026-S1"), ATURAN)
    assert list(hasil.kurva.columns) == KOLOM_KURVA
    assert list(hasil.kandidat.columns) == KOLOM_KANDIDAT
    assert hasil.kurva[["opd", "periode"]].values.tolist() == [
        ["Dinas A", "2025-S2"], ["Dinas A", "2026-S1"], ["Dinas B", "2025-S2"],
        ["Dinas B", "2026-S1"],
    ]  # fmt: skip


# --- kandidat tinjauan ---------------------------------------------------------------------------
def test_kandidat_bukti_terlemah_lebih_dulu():
    nilai = np.array([95.0, 91.0, 99.0, 90.0, 97.0, 93.0, 92.0, 98.0, 94.0, 96.0])
    skor = _skor({B: 10}, nilai=nilai)
    hasil = analisis_kurva(skor, _org("baik"), ATURAN)
    k = hasil.kandidat
    assert k["nilai_hasil_kerja"].tolist() == [90.0, 91.0, 92.0]
    assert k["urutan"].tolist() == [1, 2, 3]
    assert (k["predikat"] == B).all() and (k["predikat_tujuan"] == BP).all()
    assert k["alasan"].str.contains("melebihi batas 70%").all()
    # kit tidak mengubah predikat: skor masukan tetap
    assert (skor["predikat"] == B).all()


def test_kandidat_seri_nilai_diurutkan_menurut_perilaku_lalu_nip():
    skor = _skor({B: 10}, nilai=np.full(10, 95.0))
    skor["nilai_perilaku"] = [3.0, 2.5, 3.0, 2.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0]
    k = analisis_kurva(skor, _org("baik"), ATURAN).kandidat
    assert k["nilai_perilaku"].tolist() == [2.0, 2.5, 3.0]
    assert k["nip"].iloc[2] == skor["nip"].iloc[0]


def test_kandidat_naik_mengambil_bukti_terkuat():
    """Kurang: KM harus >= 60 %; yang dipindah dari Sangat Kurang naik, jadi yang buktinya
    terkuat lebih dulu."""
    skor = _skor({BP: 1, SK: 9})
    k = analisis_kurva(skor, _org("kurang"), ATURAN).kandidat
    assert (k["predikat"] == SK).all() and (k["predikat_tujuan"] == KM).all()
    assert k["nilai_hasil_kerja"].tolist() == sorted(skor["nilai_hasil_kerja"].iloc[1:])[::-1][:6]


def test_tidak_ada_kandidat_bila_semua_sesuai():
    assert analisis_kurva(_skor({B: 7, BP: 3}), _org("baik"), ATURAN).kandidat.empty


# --- sifat selisih_pegawai -----------------------------------------------------------------------
def _langgar(jumlah: np.ndarray, batas) -> bool:
    n = int(jumlah.sum())
    for b in batas:
        isi = int(jumlah[list(b.predikat)].sum())
        if not b.batas_bawah(np.int64(n)) <= isi <= b.batas_atas(np.int64(n)):
            return True
    return False


def _terapkan(jumlah: np.ndarray, rencana) -> np.ndarray:
    hasil = jumlah.copy()
    for dari, ke, banyak in rencana:
        hasil[PREDIKAT.index(dari)] -= banyak
        hasil[PREDIKAT.index(ke)] += banyak
    return hasil


def _minimum_kasar(jumlah: np.ndarray, batas) -> float:
    """Perubahan paling sedikit, dicari ke semua sebaran akhir (hanya untuk n kecil)."""
    n, terbaik = int(jumlah.sum()), np.inf
    for potong in itertools.combinations(range(n + 4), 4):
        akhir = np.diff([-1, *potong, n + 4]) - 1
        if not _langgar(akhir, batas):
            terbaik = min(terbaik, np.maximum(jumlah - akhir, 0).sum())
    return terbaik


_JUMLAH = st.lists(st.integers(0, 25), min_size=5, max_size=5)


@settings(max_examples=150, deadline=None)
@given(jumlah=_JUMLAH, organisasi=st.sampled_from(PREDIKAT_ORGANISASI))
def test_selisih_nol_tepat_bila_sesuai_dan_rencana_membuatnya_sesuai(jumlah, organisasi):
    jumlah = np.array(jumlah)
    baris = _kurva(dict(zip(PREDIKAT, jumlah.tolist(), strict=True)), organisasi)
    if jumlah.sum() == 0:
        assert baris["status"] == "tanpa_predikat_pegawai"
        return
    assert (baris["selisih_pegawai"] == 0) == (baris["status"] == "sesuai")
    rencana = rencana_perubahan(dict(zip(PREDIKAT, jumlah.tolist(), strict=True)), organisasi,
                                ATURAN)  # fmt: skip
    if pd.isna(baris["selisih_pegawai"]):
        assert rencana is None
        return
    assert sum(b for *_, b in rencana) == baris["selisih_pegawai"]
    akhir = _terapkan(jumlah, rencana)
    assert (akhir >= 0).all() and akhir.sum() == jumlah.sum()
    assert not _langgar(akhir, aturan_kurva(ATURAN)[organisasi])


@settings(max_examples=60, deadline=None)
@given(jumlah=st.lists(st.integers(0, 4), min_size=5, max_size=5),
       organisasi=st.sampled_from(PREDIKAT_ORGANISASI))  # fmt: skip
def test_selisih_sama_dengan_minimum_pencarian_menyeluruh(jumlah, organisasi):
    jumlah = np.array(jumlah)
    if jumlah.sum() == 0:
        return
    baris = _kurva(dict(zip(PREDIKAT, jumlah.tolist(), strict=True)), organisasi)
    terbaik = _minimum_kasar(jumlah, aturan_kurva(ATURAN)[organisasi])
    if np.isinf(terbaik):
        assert pd.isna(baris["selisih_pegawai"])
    else:
        assert baris["selisih_pegawai"] == terbaik


def _aturan_tumpang_tindih(tmp_path):
    berkas = tmp_path / "kurva.yaml"
    berkas.write_text(
        "kurva_distribusi:\n"
        "  baik:\n"
        "    - {predikat: [Baik, Sangat Baik], maks_persen: 80}\n"
        "    - {predikat: Baik, maks_persen: 60}\n"
        "    - {predikat: [Butuh Perbaikan, Kurang/Misconduct], min_persen: 20}\n"
        "    - {predikat: Butuh Perbaikan, min_jumlah: 1}\n",
        encoding="utf-8",
    )
    return muat_aturan(berkas)


def test_aturan_tumpang_tindih_dihitung_tepat(tmp_path):
    aturan = _aturan_tumpang_tindih(tmp_path)
    batas = aturan_kurva(aturan)["baik"]
    for jumlah in ([0, 10, 0, 0, 0], [3, 6, 0, 1, 0], [5, 5, 0, 0, 0], [0, 0, 0, 0, 6]):
        jumlah = np.array(jumlah)
        baris = _kurva(dict(zip(PREDIKAT, jumlah.tolist(), strict=True)), "baik", aturan)
        assert baris["selisih_pegawai"] == _minimum_kasar(jumlah, batas)
        rencana = rencana_perubahan(dict(zip(PREDIKAT, jumlah.tolist(), strict=True)), "baik",
                                    aturan)  # fmt: skip
        assert not _langgar(_terapkan(jumlah, rencana), batas)


# --- konfigurasi ---------------------------------------------------------------------------------
def test_konfigurasi_mengganti_angka_tanpa_kode(tmp_path):
    berkas = tmp_path / "se.yaml"
    berkas.write_text(
        "kurva_distribusi:\n  baik:\n    - {predikat: Baik, maks_persen: 80}\n", encoding="utf-8"
    )
    aturan = muat_aturan(berkas)
    assert _kurva({B: 8, BP: 2}, "baik", aturan)["status"] == "sesuai"
    assert _kurva({B: 10}, "baik", aturan)["selisih_pegawai"] == 2
    # predikat organisasi lain tetap bawaan
    assert _kurva({SB: 8, B: 2}, "istimewa", aturan)["status"] == "tidak_sesuai"


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        ("  baik:\n    - {predikat: Bagus, maks_persen: 70}\n", "predikat 'Bagus' tidak dikenal"),
        ("  baik:\n    - {predikat: Baik, maks_persen: 170}\n", "angka 0 sampai 100"),
        ("  baik:\n    - {predikat: Baik}\n", "tidak punya batas"),
        ("  baik:\n    - {predikat: Baik, paling_banyak: 70}\n", "paling_banyak tidak dikenal"),
        ("  hebat:\n    - {predikat: Baik, maks_persen: 70}\n", "'kurva_distribusi.hebat'"),
        ("  baik: 70\n", "harus berupa daftar"),
    ],
)
def test_konfigurasi_kurva_salah_ditolak(tmp_path, isi, pesan):
    berkas = tmp_path / "salah.yaml"
    berkas.write_text("kurva_distribusi:\n" + isi, encoding="utf-8")
    with pytest.raises(KonfigurasiTidakValid, match=pesan):
        muat_aturan(berkas)


def test_pola_diizinkan_untuk_laporan():
    pola = pola_diizinkan("sangat_kurang", ATURAN)
    assert pola["aturan"].tolist() == [
        "Sangat Kurang: paling sedikit 60%",
        "Butuh Perbaikan atau Kurang/Misconduct: paling sedikit 10%",
        "Sangat Baik: tidak boleh ada",
    ]
    assert pola["porsi_maks"].iloc[2] == 0


@pytest.mark.parametrize(
    ("batas", "n", "bawah", "atas"),
    [
        # min 10 % dari 101 = 10,1 -> paling sedikit 11 orang (dibulatkan ke atas)
        ({"min_persen": 10.0}, 101, 11, 101),
        # min 60 % dari 169 = 101,4 -> 102
        ({"min_persen": 60.0}, 169, 102, 169),
        # maks 70 % dari 10 = 7 (tepat di batas boleh); dari 9 = 6,3 -> 6
        ({"maks_persen": 70.0}, 10, 0, 7),
        ({"maks_persen": 70.0}, 9, 0, 6),
        # jumlah tetap: "harus ada" = 1, "tidak boleh ada" = 0
        ({"min_jumlah": 1}, 5, 1, 5),
        ({"maks_jumlah": 0}, 5, 0, 0),
    ],
)
def test_batas_jumlah_pegawai_bilangan_bulat_dihitung_tangan(batas, n, bawah, atas):
    """Batas porsi menjadi batas jumlah orang (bilangan bulat): paling sedikit dibulatkan ke
    atas, paling banyak ke bawah."""
    from asn_analitik.nilai.kurva import BatasKurva

    aturan = BatasKurva((0,), **batas)
    hasil_bawah, hasil_atas = aturan.batas_bawah(np.array([n])), aturan.batas_atas(np.array([n]))
    assert (hasil_bawah.tolist(), hasil_atas.tolist()) == ([bawah], [atas])
    assert hasil_bawah.dtype.kind == hasil_atas.dtype.kind == "i"  # jumlah orang, bukan pecahan


@pytest.mark.parametrize(
    ("kode", "label"),
    [("butuh_perbaikan", "Butuh Perbaikan"), ("sangat_kurang", "Sangat Kurang"),
     ("istimewa", "Istimewa")],
)  # fmt: skip
def test_label_predikat_organisasi(kode, label):
    """Kode predikat organisasi di data menjadi tulisan di laporan."""
    from asn_analitik.nilai.kurva import label_predikat_organisasi

    assert label_predikat_organisasi(kode) == label
