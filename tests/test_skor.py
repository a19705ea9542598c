"""Aturan penilaian (kontrak v1, bagian 3) diuji dengan angka yang dihitung tangan.

Setiap kasus melewati jalur publik (``muat`` -> ``pilih_periode`` -> ``skor``) dari folder CSV
kecil, kecuali rumus capaian yang juga diuji langsung lewat ``hitung_capaian``. Nilai harapan
ditulis sebagai angka jadi; cara menghitungnya ada di komentar.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import NIP_A, NIP_B, NIP_C, NIP_D, NIP_PPPK, pegawai_untuk

from asn_analitik import KonfigurasiTidakValid, muat_aturan
from asn_analitik.konfigurasi import BERAKHLAK
from asn_analitik.nilai.skor import hitung_capaian

BAIK, SB, BP, KM, SK = (
    "Baik",
    "Sangat Baik",
    "Butuh Perbaikan",
    "Kurang/Misconduct",
    "Sangat Kurang",
)
DI_ATAS, SESUAI, DI_BAWAH = "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"

_nomor = itertools.count(1)


def ind(target, realisasi, aspek="kuantitas", nip=NIP_A, periode="2026-S1", **lain) -> dict:
    """Satu baris indikator; ``realisasi=None`` berarti sel kosong (tidak dilaporkan)."""
    baris = {"nip": nip, "periode": periode, "indikator": f"Indikator {next(_nomor)}"}
    baris.update(aspek=aspek, target=target, realisasi=realisasi, **lain)
    return baris


def perilaku(nilai: list[int], nip=NIP_A, periode="2026-S1") -> list[dict]:
    """Baris perilaku dengan nilai berurutan untuk aspek BerAKHLAK yang berbeda."""
    return [
        {"nip": nip, "periode": periode, "aspek": a, "nilai": n}
        for a, n in zip(BERAKHLAK, nilai, strict=False)
    ]


def evaluasi(hk, pr, nip=NIP_A, periode="2026-S1") -> dict:
    return {"nip": nip, "periode": periode, "rating_hasil_kerja": hk, "rating_perilaku": pr}


def satu(hasil, nip=NIP_A, periode="2026-S1") -> pd.Series:
    """Baris skor_pegawai satu pegawai dan periode (harus tepat satu)."""
    s = hasil.skor_pegawai
    pilih = s[(s["nip"] == nip) & (s["periode"] == periode)]
    assert len(pilih) == 1, s
    return pilih.iloc[0]


def kosong(nilai) -> bool:
    return pd.isna(nilai) or nilai == ""


# --- 1. Capaian satu indikator --------------------------------------------------------------

KASUS_CAPAIAN = [
    # aspek, arah, target, realisasi, capaian, tidak dilaporkan
    ("kuantitas", "naik", 100, 85.5, 85.5, False),  # 100 x 85.5/100
    ("kuantitas", "naik", 100, 130, 120.0, False),  # 100 x 1.3 = 130 -> dibatasi 120
    ("kuantitas", "naik", 100, 0, 0.0, False),  # 100 x 0
    ("kualitas", "naik", 100, 110, 110.0, False),  # 100 x 1.1
    ("waktu", "turun", 10, 12, 80.0, False),  # 100 x (2 - 1.2)
    ("waktu", "turun", 10, 25, 0.0, False),  # 100 x (2 - 2.5) = -50 -> dibatasi 0
    ("waktu", "turun", 10, 20, 0.0, False),  # 100 x (2 - 2) = 0
    ("waktu", "turun", 10, 5, 120.0, False),  # 100 x (2 - 0.5) = 150 -> dibatasi 120
    ("biaya", "turun", 1000, 900, 110.0, False),  # 100 x (2 - 0.9)
    ("kuantitas", "naik", 100, None, 0.0, True),  # kosong -> 0
    ("waktu", "turun", 10, None, 0.0, True),  # kosong -> 0 (bukan 100 x (2 - 0) = 200)
    # arah kosong: naik untuk kuantitas/kualitas, turun untuk waktu/biaya
    ("kuantitas", None, 10, 8, 80.0, False),  # 100 x 0.8
    ("kualitas", None, 10, 8, 80.0, False),  # 100 x 0.8
    ("waktu", None, 10, 8, 120.0, False),  # 100 x (2 - 0.8)
    ("biaya", None, 100, 95, 105.0, False),  # 100 x (2 - 0.95)
    # arah tertulis menimpa bawaan aspek
    ("waktu", "naik", 10, 8, 80.0, False),  # 100 x 0.8
    ("kuantitas", "turun", 100, 95, 105.0, False),  # 100 x (2 - 0.95)
]


@pytest.mark.parametrize(
    ("aspek", "arah", "target", "realisasi", "capaian", "kosong_"), KASUS_CAPAIAN
)
def test_capaian_satu_indikator(nilai, aspek, arah, target, realisasi, capaian, kosong_):
    """Kontrak 3.1: naik 100 r, turun 100 (2 - r), dibatasi [0, 120]; kosong -> 0."""
    hasil = nilai({"indikator": [ind(target, realisasi, aspek, arah=arah)]})
    ci = hasil.capaian_indikator
    assert len(ci) == 1
    assert ci["capaian"].iloc[0] == pytest.approx(capaian, abs=1e-6)
    assert (ci["status"].iloc[0] == "tidak_dilaporkan") is kosong_
    baris = satu(hasil)
    assert baris["jumlah_indikator"] == 1
    assert baris["indikator_tidak_dilaporkan"] == int(kosong_)
    assert baris["nilai_hasil_kerja"] == pytest.approx(capaian, abs=1e-6)


@pytest.mark.parametrize(
    ("target", "realisasi", "turun", "capaian"),
    [
        (100.0, 85.5, False, 85.5),
        (100.0, 130.0, False, 120.0),
        (10.0, 12.0, True, 80.0),
        (10.0, 25.0, True, 0.0),
        (10.0, 5.0, True, 120.0),
        (100.0, np.nan, False, 0.0),
        (100.0, np.nan, True, 0.0),
    ],
)
def test_hitung_capaian_permenpanrb(target, realisasi, turun, capaian):
    """Rumus 3.1 langsung pada larik, tanpa jalur muat."""
    hasil = hitung_capaian(
        np.array([target]),
        np.array([realisasi]),
        np.array([turun]),
        "permenpanrb_6_2022",
        muat_aturan(),
    )
    assert hasil[0] == pytest.approx(capaian, abs=1e-9)


def test_capaian_indikator_membawa_kolom_asli(nilai):
    """capaian_indikator memuat berkas, baris, capaian, status, dan kolom tambahan pengguna."""
    hasil = nilai({"indikator": [ind(100, 90, keterangan="bukti A"), ind(100, 80)]})
    ci = hasil.capaian_indikator
    assert ci["berkas"].tolist() == ["indikator.csv"] * 2
    assert ci["baris"].tolist() == [2, 3]
    assert ci["keterangan"].iloc[0] == "bukti A"


def test_capaian_indikator_mencatat_arah_yang_dipakai(nilai):
    """Kolom arah di capaian_indikator: yang ditulis pengguna, atau bawaan aspeknya bila kosong
    (naik untuk kuantitas/kualitas, turun untuk waktu/biaya)."""
    hasil = nilai(
        {
            "indikator": [
                ind(100, 90, "kuantitas"),  # kosong -> naik
                ind(10, 8, "waktu"),  # kosong -> turun
                ind(100, 90, "biaya", arah="naik"),  # tertulis naik
                ind(100, 90, "kualitas", arah="turun"),  # tertulis turun
            ]
        }
    )
    ci = hasil.capaian_indikator.sort_values("baris")
    assert ci["arah"].astype("str").tolist() == ["naik", "turun", "naik", "turun"]
    assert ci["status"].astype("str").tolist() == ["dilaporkan"] * 4


def test_skor_tanpa_peringatan_numerik(buat_folder):
    """Pegawai tanpa indikator pada sebagian aspek (rata-rata atas bobot 0) dinilai tanpa
    peringatan pembagian numpy yang tercetak ke layar analis."""
    import warnings

    from asn_analitik import muat, pilih_periode, skor

    data = pilih_periode(muat(buat_folder({"indikator": [ind(100, 90)]})), None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        hasil = skor(data)
    assert kosong(satu(hasil)["capaian_waktu"])


def test_predikat_resmi_hanya_bila_ada_di_berkas(nilai):
    """Kolom predikat_resmi ada di skor_pegawai hanya bila berkas evaluasi_atasan memuatnya
    (kontrak v2), bukan setiap kali ada evaluasi_atasan."""
    hasil = nilai({"indikator": [ind(100, 100)], "evaluasi_atasan": [evaluasi("sesuai", "")]})
    assert "predikat_resmi" not in hasil.skor_pegawai.columns
    assert hasil.skor_pegawai.columns.tolist()[-1] == "peringkat_opd"


# --- 2-3. Rata-rata tertimbang per aspek dan keseluruhan ------------------------------------


def test_rata_tertimbang_bobot_per_aspek_dan_keseluruhan(nilai):
    """Kontrak 3.2-3.3: bobot menimbang rata-rata aspek dan nilai hasil kerja."""
    hasil = nilai(
        {
            "indikator": [
                ind(100, 80, "kuantitas", bobot=1),  # 80
                ind(100, 100, "kuantitas", bobot=3),  # 100
                ind(100, 110, "kualitas", bobot=2),  # 110
            ]
        }
    )
    b = satu(hasil)
    assert b["capaian_kuantitas"] == pytest.approx(95.0)  # (80x1 + 100x3) / 4
    assert b["capaian_kualitas"] == pytest.approx(110.0)
    assert kosong(b["capaian_waktu"]) and kosong(b["capaian_biaya"])  # tidak ada indikatornya
    assert b["nilai_hasil_kerja"] == pytest.approx(100.0)  # (80 + 300 + 220) / 6


def test_bobot_kosong_berarti_1_dan_capaian_terpotong_dipakai(nilai):
    """Bobot bawaan 1; rata-rata memakai capaian yang sudah dibatasi 120, bukan 130."""
    hasil = nilai(
        {
            "indikator": [
                ind(100, 80, "kuantitas"),  # 80, bobot 1
                ind(100, 100, "kuantitas", bobot=3),  # 100, bobot 3
                ind(100, 130, "kualitas"),  # 130 -> 120, bobot 1
                ind(10, 12, "waktu"),  # turun: 100 x (2 - 1.2) = 80, bobot 1
            ]
        }
    )
    b = satu(hasil)
    assert b["capaian_kuantitas"] == pytest.approx(95.0)  # (80 + 300) / 4
    assert b["capaian_kualitas"] == pytest.approx(120.0)
    assert b["capaian_waktu"] == pytest.approx(80.0)
    assert b["nilai_hasil_kerja"] == pytest.approx(96.666667, abs=1e-6)  # (80+300+120+80)/6


def test_per_pegawai_dan_periode_terpisah(nilai):
    """Satu baris per (pegawai, periode); indikator tidak tercampur antarperiode."""
    hasil = nilai(
        {
            "indikator": [
                ind(100, 80, periode="2026-S1"),
                ind(100, 100, periode="2026-S2"),
                ind(100, 60, nip=NIP_B, periode="2026-S1"),
            ]
        }
    )
    assert len(hasil.skor_pegawai) == 3
    assert satu(hasil, NIP_A, "2026-S1")["nilai_hasil_kerja"] == pytest.approx(80.0)
    assert satu(hasil, NIP_A, "2026-S2")["nilai_hasil_kerja"] == pytest.approx(100.0)
    assert satu(hasil, NIP_B, "2026-S1")["nilai_hasil_kerja"] == pytest.approx(60.0)


# --- 4-5. Ambang rating usulan ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("realisasi", "nilai_hk", "rating"),
    [
        (120, 120.0, DI_ATAS),
        (110, 110.0, DI_ATAS),  # tepat di ambang: >= 110
        (109.999999, 109.999999, SESUAI),
        (90, 90.0, SESUAI),  # tepat di ambang: >= 90
        (89.999999, 89.999999, DI_BAWAH),
        (0, 0.0, DI_BAWAH),
    ],
)
def test_ambang_rating_hasil_kerja(nilai, realisasi, nilai_hk, rating):
    """Kontrak 3.4: >= 110 Di Atas, >= 90 Sesuai, selain itu Di Bawah (target 100)."""
    b = satu(nilai({"indikator": [ind(100, realisasi)]}))
    assert b["nilai_hasil_kerja"] == pytest.approx(nilai_hk, abs=1e-7)
    assert b["rating_hasil_kerja_usulan"] == rating
    assert b["rating_hasil_kerja"] == rating
    assert b["sumber_rating"] == "usulan"


@pytest.mark.parametrize(
    ("nilai_perilaku", "rata", "rating"),
    [
        ([5, 5, 5], 5.0, DI_ATAS),
        ([4, 3], 3.5, DI_ATAS),  # tepat di ambang: >= 3.5
        ([4, 3, 3], 3.333333, SESUAI),  # 10 / 3
        ([3, 2], 2.5, SESUAI),  # tepat di ambang: >= 2.5
        ([3, 2, 2], 2.333333, DI_BAWAH),  # 7 / 3
        ([1], 1.0, DI_BAWAH),
        # Di antara ambang bawaan dan ambang yang bergeser 0,1: 3,4 <= x < 3,5 dan
        # 2,4 <= x < 2,5 (ambang 3,4 atau 2,4 akan memberi rating lain).
        ([4, 4, 4, 3, 3, 3, 3], 3.428571, SESUAI),  # 24 / 7
        ([4, 4, 3, 3, 3], 3.4, SESUAI),  # 17 / 5
        ([3, 3, 2, 2, 2], 2.4, DI_BAWAH),  # 12 / 5
        ([3, 3, 3, 2, 2, 2, 2], 2.428571, DI_BAWAH),  # 17 / 7
    ],
)
def test_ambang_rating_perilaku(nilai, nilai_perilaku, rata, rating):
    """Kontrak 3.5: rata-rata nilai perilaku; >= 3.5 Di Atas, >= 2.5 Sesuai."""
    b = satu(nilai({"indikator": [ind(100, 100)], "perilaku": perilaku(nilai_perilaku)}))
    assert b["nilai_perilaku"] == pytest.approx(rata, abs=1e-6)
    assert b["rating_perilaku_usulan"] == rating
    assert b["rating_perilaku"] == rating


# --- 6-7. Rating akhir, sumber_rating, predikat ----------------------------------------------

# Matriks PermenPANRB 6/2022 seperti tertulis di referensi/domain.md bagian 1:
# baris = rating hasil kerja, kolom = rating perilaku kerja.
MATRIKS_REGULASI = {
    "di_atas": {"di_atas": SB, "sesuai": BAIK, "di_bawah": KM},
    "sesuai": {"di_atas": BAIK, "sesuai": BAIK, "di_bawah": KM},
    "di_bawah": {"di_atas": BP, "sesuai": BP, "di_bawah": SK},
}
LABEL = {"di_atas": DI_ATAS, "sesuai": SESUAI, "di_bawah": DI_BAWAH}
SEL = [(hk, pr, p) for hk, baris in MATRIKS_REGULASI.items() for pr, p in baris.items()]


@pytest.mark.parametrize(("hk", "pr", "predikat"), SEL)
def test_sembilan_sel_matriks_predikat(nilai, hk, pr, predikat):
    """Kontrak 3.7: predikat dari dua rating akhir; rating diberikan atasan di semua sel."""
    hasil = nilai(
        {
            "indikator": [ind(100, 100)],  # usulan Sesuai; atasan yang menentukan
            "perilaku": perilaku([3, 3]),  # usulan Sesuai
            "evaluasi_atasan": [evaluasi(hk, pr)],
        }
    )
    b = satu(hasil)
    assert b["rating_hasil_kerja"] == LABEL[hk]
    assert b["rating_perilaku"] == LABEL[pr]
    assert b["sumber_rating"] == "atasan"
    assert b["predikat"] == predikat


@pytest.mark.parametrize(("hk", "pr", "predikat"), SEL)
def test_aturan_yaml_sama_dengan_tabel_regulasi(hk, pr, predikat):
    """aturan.yaml bawaan harus sama sel demi sel dengan tabel PermenPANRB 6/2022."""
    assert muat_aturan()["permenpanrb_6_2022"]["matriks_predikat"][hk][pr] == predikat


def _predikat_menurut_kaidah(hk: str, pr: str) -> str:
    """Predikat dari kaidah PermenPANRB 6/2022 yang ditulis sebagai logika, bukan salinan
    tabel: perilaku di bawah ekspektasi memberi Kurang/Misconduct, kecuali hasil kerja juga di
    bawah (Sangat Kurang); hasil kerja di bawah dengan perilaku yang cukup memberi Butuh
    Perbaikan; Sangat Baik hanya bila keduanya di atas; selebihnya Baik."""
    if pr == "di_bawah":
        return SK if hk == "di_bawah" else KM
    if hk == "di_bawah":
        return BP
    return SB if hk == pr == "di_atas" else BAIK


def _berkas_aturan() -> dict:
    """Isi ``aturan.yaml`` bawaan apa adanya (berkas yang dibaca dan disalin pengguna)."""
    import yaml

    from asn_analitik.konfigurasi import ATURAN_BAWAAN

    return yaml.safe_load(Path(ATURAN_BAWAAN).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("hk", "pr"), list(itertools.product(LABEL, LABEL)))
def test_berkas_aturan_mengikuti_kaidah_matriks(hk, pr):
    """Setiap sel matriks di berkas aturan sama dengan kaidah regulasi yang dihitung per sel
    (tanpa membaca dokumen di luar repositori)."""
    matriks = _berkas_aturan()["permenpanrb_6_2022"]["matriks_predikat"]
    assert matriks[hk][pr] == _predikat_menurut_kaidah(hk, pr)


def test_berkas_aturan_memuat_ambang_bawaan_kontrak():
    """Kontrak 3: capaian dibatasi [0, 120]; rating hasil kerja >= 110 / >= 90; rating perilaku
    >= 3,5 / >= 2,5; SKP lama: konstanta 1,76, efisiensi 24, bobot 60/40, skala 20."""
    aturan = _berkas_aturan()
    baru = aturan["permenpanrb_6_2022"]
    assert baru["capaian"] == {"batas_bawah": 0, "batas_atas": 120}
    assert baru["rating_hasil_kerja"] == {"di_atas": 110, "sesuai": 90}
    assert baru["rating_perilaku"] == {"di_atas": 3.5, "sesuai": 2.5}
    lama = aturan["pp46_2011"]
    assert lama["turun"] == {"konstanta": 1.76, "batas_efisiensi": 24}
    assert (lama["bobot_skp"], lama["bobot_perilaku"], lama["skala_perilaku"]) == (0.6, 0.4, 20)
    assert lama["sebutan"] == [[91, "Sangat Baik"], [76, "Baik"], [61, "Cukup"], [51, "Kurang"]]
    assert lama["sebutan_terendah"] == "Buruk"


@pytest.mark.parametrize(
    ("eval_", "ada_perilaku", "hk", "pr", "sumber", "predikat"),
    [
        # nilai 100 -> usulan Sesuai; perilaku (4+4)/2 = 4 -> usulan Di Atas
        (None, True, SESUAI, DI_ATAS, "usulan", BAIK),
        (("", ""), True, SESUAI, DI_ATAS, "usulan", BAIK),
        (("di_bawah", "di_bawah"), True, DI_BAWAH, DI_BAWAH, "atasan", SK),
        (("di_atas", ""), True, DI_ATAS, DI_ATAS, "campuran", SB),
        (("", "di_bawah"), True, SESUAI, DI_BAWAH, "campuran", KM),
        (("Di Atas Ekspektasi", "Sesuai Ekspektasi"), True, DI_ATAS, SESUAI, "atasan", BAIK),
        # tanpa baris perilaku: rating perilaku kosong -> predikat kosong ...
        (None, False, SESUAI, None, "usulan", None),
        (("di_atas", ""), False, DI_ATAS, None, "atasan", None),
        # ... kecuali atasan memberi rating perilaku
        (("", "sesuai"), False, SESUAI, SESUAI, "campuran", BAIK),
    ],
)
def test_rating_atasan_menimpa_usulan(nilai, eval_, ada_perilaku, hk, pr, sumber, predikat):
    """Kontrak 3.6: rating atasan resmi bila ada; sumber_rating atasan/usulan/campuran."""
    tabel = {"indikator": [ind(100, 100)]}
    if ada_perilaku:
        tabel["perilaku"] = perilaku([4, 4])
    if eval_ is not None:
        tabel["evaluasi_atasan"] = [evaluasi(*eval_)]
    b = satu(nilai(tabel))
    assert b["rating_hasil_kerja_usulan"] == SESUAI  # usulan tetap tercatat
    if ada_perilaku:
        assert b["rating_perilaku_usulan"] == DI_ATAS
    else:
        assert kosong(b["nilai_perilaku"]) and kosong(b["rating_perilaku_usulan"])
    assert b["rating_hasil_kerja"] == hk
    assert kosong(b["rating_perilaku"]) if pr is None else b["rating_perilaku"] == pr
    assert b["sumber_rating"] == sumber
    assert kosong(b["predikat"]) if predikat is None else b["predikat"] == predikat


def test_sumber_rating_bila_hanya_rating_perilaku(nilai):
    """Tanpa rating hasil kerja (tanpa indikator dan tanpa rating atasan untuknya), sumber_rating
    mengikuti sumber rating perilaku saja: usulan (dari nilai BerAKHLAK) atau atasan; bukan
    campuran. Predikat kosong karena satu rating tidak ada."""
    hasil = nilai(
        {
            "indikator": [ind(100, 100)],  # A: ada rating hasil kerja
            "perilaku": perilaku([4, 4, 4, 4], nip=NIP_B),  # B: perilaku saja -> usulan
            "evaluasi_atasan": [evaluasi("", "sesuai", nip=NIP_C)],  # C: atasan, perilaku saja
        }
    )
    for nip, sumber, pr in [(NIP_B, "usulan", DI_ATAS), (NIP_C, "atasan", SESUAI)]:
        b = satu(hasil, nip)
        assert kosong(b["rating_hasil_kerja"]) and kosong(b["predikat"])
        assert (b["rating_perilaku"], b["sumber_rating"]) == (pr, sumber), nip


# --- Jumlah indikator per pegawai ------------------------------------------------------------


def test_jumlah_indikator_tidak_dilaporkan_dan_ditolak(buat_folder):
    """Kontrak 5: jumlah_indikator (dinilai), indikator_tidak_dilaporkan, indikator_ditolak."""
    from asn_analitik import muat, pilih_periode, skor

    folder = buat_folder(
        {
            "indikator": [
                ind(100, 80),
                ind(100, None),  # tidak dilaporkan: tetap dinilai (capaian 0)
                ind(0, 50),  # target 0: ditolak
                ind(100, 90, periode="2026-S2"),
            ]
        }
    )
    hasil = skor(pilih_periode(muat(folder), None))
    b = satu(hasil)
    assert (b["jumlah_indikator"], b["indikator_tidak_dilaporkan"], b["indikator_ditolak"]) == (
        2,
        1,
        1,
    )
    assert b["nilai_hasil_kerja"] == pytest.approx(40.0)  # (80 + 0) / 2
    b2 = satu(hasil, periode="2026-S2")
    assert (b2["jumlah_indikator"], b2["indikator_ditolak"]) == (1, 0)


def test_skor_tanpa_pilih_periode_menilai_semua_periode(buat_folder):
    """``skor(muat(folder))`` tanpa :func:`pilih_periode` menilai semua periode, sama dengan
    ``pilih_periode(data, None)``."""
    from asn_analitik import muat, pilih_periode, skor

    folder = buat_folder({"indikator": [ind(100, 80), ind(100, 90, periode="2026-S2")]})
    langsung = skor(muat(folder)).skor_pegawai
    assert langsung["periode"].tolist() == ["2026-S1", "2026-S2"]
    assert langsung["nilai_hasil_kerja"].tolist() == [80.0, 90.0]
    pd.testing.assert_frame_equal(langsung, skor(pilih_periode(muat(folder), None)).skor_pegawai)


def test_perilaku_yang_ditolak_ikut_dihitung_sebagai_dikirim(buat_folder):
    """perilaku.min_nilai = 4: pegawai yang dikirimi 4 nilai BerAKHLAK, satu di antaranya
    ditolak (nilai 6), hanya punya 3 yang sah < 4: nilai dan rating perilaku usulan kosong, dan
    ia tercatat di perilaku_kurang (3 sah dari 4 dikirim). Tanpa baris yang ditolak itu, 3 nilai
    yang dikirim semuanya sah dan cukup."""
    from asn_analitik import muat, pilih_periode, skor

    dikirim = perilaku([4, 4, 4, 6])  # baris 5: nilai 6 ditolak
    dikirim += perilaku([4, 4, 4], nip=NIP_B)  # B: 3 dikirim, 3 sah
    folder = buat_folder({"indikator": [ind(100, 100), ind(100, 100, nip=NIP_B)],
                          "perilaku": dikirim})  # fmt: skip
    data = pilih_periode(muat(folder), None)
    assert data.ditolak["baris"].tolist() == [5]
    hasil = skor(data)
    a, b = satu(hasil), satu(hasil, NIP_B)
    assert kosong(a["nilai_perilaku"]) and kosong(a["rating_perilaku_usulan"])
    assert b["nilai_perilaku"] == pytest.approx(4.0) and b["rating_perilaku_usulan"] == DI_ATAS
    kurang = hasil.perilaku_kurang
    assert kurang[["nip", "jumlah_sah", "jumlah_dikirim"]].values.tolist() == [[NIP_A, 3, 4]]


def test_metode_tidak_dikenal_ditolak(buat_folder):
    """Metode selain kedua metode kontrak: galat yang menyebut metode yang ada."""
    from asn_analitik import muat, pilih_periode, skor

    data = pilih_periode(muat(buat_folder({"indikator": [ind(100, 90)]})), None)
    with pytest.raises(ValueError, match=r"metode harus salah satu dari .*pp46_2011"):
        skor(data, "pp46")


def test_folder_rating_saja_tanpa_indikator(buat_folder):
    """Kontrak v2: tanpa berkas indikator tetapi dengan evaluasi_atasan, skor memberi satu baris
    per NIP dan periode evaluasi, capaian kosong, sumber_rating atasan, predikat dari matriks."""
    from asn_analitik import muat, pilih_periode, skor

    folder = buat_folder(
        {
            "evaluasi_atasan": [
                evaluasi("di_atas", "sesuai", nip=NIP_A),  # Baik
                evaluasi("di_bawah", "di_bawah", nip=NIP_B),  # Sangat Kurang
                evaluasi("sesuai", "sesuai", nip=NIP_A, periode="2026-S2"),  # Baik
            ]
        }
    )
    assert not (folder / "indikator.csv").exists()
    hasil = skor(pilih_periode(muat(folder), None))
    assert hasil.capaian_indikator.empty
    s = hasil.skor_pegawai.set_index(["nip", "periode"])
    assert sorted(s.index) == [(NIP_A, "2026-S1"), (NIP_A, "2026-S2"), (NIP_B, "2026-S1")]
    assert s["nilai_hasil_kerja"].isna().all() and s["capaian_kuantitas"].isna().all()
    assert (s["sumber_rating"] == "atasan").all()
    assert (s["jumlah_indikator"] == 0).all()
    assert s.loc[(NIP_A, "2026-S1"), "predikat"] == BAIK
    assert s.loc[(NIP_B, "2026-S1"), "predikat"] == SK
    assert s.loc[(NIP_A, "2026-S2"), "predikat"] == BAIK
    lama = skor(pilih_periode(muat(folder), None), "pp46_2011").skor_pegawai  # SKP lama juga
    assert len(lama) == 3 and lama["nilai_skp"].isna().all()


# --- Metode pp46_2011 -------------------------------------------------------------------------

KASUS_PP46 = [
    # target, realisasi, turun, nilai
    (12.0, 12.0, True, 76.0),  # efisiensi 0 <= 24: 100 (1.76x12 - 12)/12 = 76
    (100.0, 76.0, True, 100.0),  # R = 0.76T, efisiensi 24 <= 24: 100 (176 - 76)/100
    (25.0, 19.0, True, 100.0),  # 19/25 = 0.76: efisiensi 24
    # R = 0.76T dengan angka yang tidak tepat biner: efisiensi tetap 24, jadi tetap 100
    (3.0, 2.28, True, 100.0),  # 100 (5.28 - 2.28)/3
    (6.0, 4.56, True, 100.0),  # 100 (10.56 - 4.56)/6
    (11.0, 8.36, True, 100.0),  # 100 (19.36 - 8.36)/11
    (100.0, 80.0, True, 96.0),  # efisiensi 20: 100 (176 - 80)/100
    (20.0, 18.0, True, 86.0),  # efisiensi 10: 100 (35.2 - 18)/20
    (100.0, 70.0, True, 70.0),  # efisiensi 30 > 24: 76 - (106 - 100)
    (100.0, 50.0, True, 50.0),  # efisiensi 50: 76 - (126 - 100)
    (20.0, 10.0, True, 50.0),  # efisiensi 50: 76 - (100 (35.2 - 10)/20 - 100) = 76 - 26
    (100.0, 0.0, True, 0.0),  # efisiensi 100: 76 - (176 - 100)
    (100.0, 150.0, True, 26.0),  # efisiensi -50 <= 24: 100 (176 - 150)/100
    (100.0, 200.0, True, 0.0),  # 100 (176 - 200)/100 = -24 -> tidak pernah di bawah 0
    (100.0, 130.0, False, 130.0),  # naik: 100 R/T, tidak dibatasi di atas
    (100.0, 85.5, False, 85.5),
    (100.0, np.nan, False, 0.0),  # tidak dilaksanakan: 0
    (100.0, np.nan, True, 0.0),
]


@pytest.mark.parametrize(("target", "realisasi", "turun", "hasil"), KASUS_PP46)
def test_hitung_capaian_pp46(target, realisasi, turun, hasil):
    """Kontrak 3 pp46_2011.1 dan rumus Perka BKN 1/2013 di domain.md."""
    nilai = hitung_capaian(
        np.array([target]), np.array([realisasi]), np.array([turun]), "pp46_2011", muat_aturan()
    )
    assert nilai[0] == pytest.approx(hasil, abs=1e-9)


def test_pp46_satu_kegiatan_empat_aspek(nilai):
    """Contoh domain.md: (100 + 90 + 76 + 76) / 4 = 85.50 sebagai satu kegiatan (rhk sama)."""
    hasil = nilai(
        {
            "indikator": [
                ind(10, 10, "kuantitas", rhk="K1"),  # 100
                ind(100, 90, "kualitas", rhk="K1"),  # 90
                ind(12, 12, "waktu", rhk="K1"),  # 76
                ind(1000, 1000, "biaya", rhk="K1"),  # biaya sama dengan waktu: 76
            ]
        },
        metode="pp46_2011",
    )
    b = satu(hasil)
    assert b["nilai_skp"] == pytest.approx(85.5)
    assert b["capaian_waktu"] == pytest.approx(76.0)
    assert b["capaian_biaya"] == pytest.approx(76.0)


@pytest.mark.parametrize(
    ("aspek", "target", "realisasi", "hasil"),
    [
        ("waktu", 12, 12, 76.0),  # efisiensi 0: 100 (21.12 - 12)/12
        ("waktu", 12, "9.12", 100.0),  # R = 0.76T: efisiensi 24 -> 100 (21.12 - 9.12)/12
        ("waktu", 3, "2.28", 100.0),  # R = 0.76T: 100 (5.28 - 2.28)/3
        ("waktu", 12, 6, 50.0),  # efisiensi 50: 76 - (100 (21.12 - 6)/12 - 100) = 76 - 26
        ("biaya", 1000, 500, 50.0),  # efisiensi 50: 76 - (126 - 100)
        ("biaya", 1000, 800, 96.0),  # efisiensi 20: 100 (1760 - 800)/1000
        ("biaya", 1000, None, 0.0),  # tidak dilaksanakan
        ("kuantitas", 100, 130, 130.0),  # naik, tidak dibatasi 120
    ],
)
def test_pp46_capaian_lewat_jalur_muat(nilai, aspek, target, realisasi, hasil):
    """Rumus lama untuk waktu dan biaya (arah bawaan turun) lewat berkas CSV."""
    h = nilai({"indikator": [ind(target, realisasi, aspek)]}, metode="pp46_2011")
    assert h.capaian_indikator["capaian"].iloc[0] == pytest.approx(hasil, abs=1e-6)
    assert satu(h)["nilai_skp"] == pytest.approx(hasil, abs=1e-6)


@pytest.mark.parametrize(
    ("rhk", "nilai_skp"),
    [
        # K1 = (100 + 90)/2 = 95; K2 = 76 -> (95 + 76)/2 = 85.5 (bukan rata-rata baris 88.67)
        (["K1", "K1", "K2"], 85.5),
        # tanpa rhk: tiap baris kegiatan sendiri -> (100 + 90 + 76)/3 = 88.666667
        ([None, None, None], 88.666667),
        # K1 = 95 dan satu baris tanpa rhk 76 -> (95 + 76)/2
        (["K1", "K1", None], 85.5),
        # semua satu kegiatan: (100 + 90 + 76)/3
        (["K1", "K1", "K1"], 88.666667),
        # dua baris tanpa rhk tetap dua kegiatan (bukan satu "tanpa rhk"): (100 + 90 + 76)/3
        ([None, None, "K1"], 88.666667),
    ],
)
def test_pp46_pengelompokan_kegiatan_menurut_rhk(nilai, rhk, nilai_skp):
    """Kontrak pp46_2011.2: kegiatan = (nip, periode, rhk); tanpa rhk = kegiatan sendiri."""
    hasil = nilai(
        {
            "indikator": [
                ind(10, 10, "kuantitas", rhk=rhk[0]),  # 100
                ind(100, 90, "kualitas", rhk=rhk[1]),  # 90
                ind(12, 12, "waktu", rhk=rhk[2]),  # 76
            ]
        },
        metode="pp46_2011",
    )
    assert satu(hasil)["nilai_skp"] == pytest.approx(nilai_skp, abs=1e-6)


def test_pp46_rhk_sama_beda_pegawai_atau_periode_tidak_digabung(nilai):
    """Kegiatan memakai kunci (nip, periode, rhk): rhk sama milik orang lain terpisah."""
    hasil = nilai(
        {
            "indikator": [
                ind(10, 10, rhk="K1"),  # A, S1: 100
                ind(10, 5, rhk="K1", nip=NIP_B),  # B, S1: 50
                ind(10, 8, rhk="K1", periode="2026-S2"),  # A, S2: 80
            ]
        },
        metode="pp46_2011",
    )
    assert satu(hasil)["nilai_skp"] == pytest.approx(100.0)
    assert satu(hasil, NIP_B)["nilai_skp"] == pytest.approx(50.0)
    assert satu(hasil, periode="2026-S2")["nilai_skp"] == pytest.approx(80.0)


@pytest.mark.parametrize(
    ("lain", "rhk_a"),
    [(NIP_C, None), (NIP_B, "K1")],  # C/B di baris indikator pertama, A kemudian
)
def test_pp46_kegiatan_pegawai_berbeda_tidak_tercampur(buat_folder, lain, rhk_a):
    """Kegiatan milik pegawai berbeda tetap terpisah, apa pun urutan baris, urutan pegawai di
    berkasnya, dan ada atau tidaknya rhk (kode kegiatan tidak boleh bertabrakan)."""
    from asn_analitik import muat, pilih_periode, skor

    pegawai = pegawai_untuk(NIP_A, NIP_B, NIP_C)
    indikator = [ind(100, 100, nip=lain), ind(100, 50, nip=NIP_A, rhk=rhk_a)]
    data = pilih_periode(muat(buat_folder({"pegawai": pegawai, "indikator": indikator})), None)
    s = skor(data, "pp46_2011").skor_pegawai.set_index("nip")
    assert s.loc[NIP_A, "nilai_skp"] == pytest.approx(50.0)
    assert s.loc[lain, "nilai_skp"] == pytest.approx(100.0)


def test_pp46_capaian_aspek_tanpa_bobot(nilai):
    """SKP lama tidak mengenal bobot: capaian per aspek rata-rata biasa (bobot diabaikan)."""
    hasil = nilai(
        {"indikator": [ind(100, 100, bobot=1), ind(100, 50, bobot=3)]}, metode="pp46_2011"
    )
    b = satu(hasil)
    assert b["capaian_kuantitas"] == pytest.approx(75.0)  # (100 + 50)/2, bukan (100 + 150)/4
    assert b["nilai_skp"] == pytest.approx(75.0)  # dua kegiatan tanpa rhk


def test_pp46_perilaku_dan_nilai_prestasi_kerja(nilai):
    """Kontrak pp46_2011.3-4: perilaku 20 x rata-rata; NPK = 0.6 SKP + 0.4 perilaku."""
    hasil = nilai(
        {
            "indikator": [
                ind(10, 10, "kuantitas", rhk="K1"),  # 100
                ind(100, 90, "kualitas", rhk="K1"),  # 90
                ind(12, 12, "waktu", rhk="K1"),  # 76
                ind(1000, 1000, "biaya", rhk="K1"),  # 76 -> SKP 85.5
            ],
            "perilaku": perilaku([3, 4]),  # 20 x 3.5 = 70
        },
        metode="pp46_2011",
    )
    b = satu(hasil)
    assert b["nilai_perilaku"] == pytest.approx(70.0)
    assert b["nilai_prestasi_kerja"] == pytest.approx(79.3)  # 0.6 x 85.5 + 0.4 x 70 = 51.3 + 28
    assert b["sebutan"] == "Baik"
    assert "predikat" not in hasil.skor_pegawai.columns
    assert "rating_hasil_kerja" not in hasil.skor_pegawai.columns


@pytest.mark.parametrize(
    ("realisasi", "nilai_p", "npk", "sebutan"),
    [
        # satu indikator naik target 100 -> SKP = realisasi; perilaku satu baris
        (85, 5, 91.0, "Sangat Baik"),  # 0.6 x 85 + 0.4 x 100 = 51 + 40
        (84, 5, 90.4, "Baik"),  # 50.4 + 40
        (60, 5, 76.0, "Baik"),  # 36 + 40
        (59, 5, 75.4, "Cukup"),  # 35.4 + 40
        (35, 5, 61.0, "Cukup"),  # 21 + 40
        (34, 5, 60.4, "Kurang"),  # 20.4 + 40
        (45, 3, 51.0, "Kurang"),  # 27 + 0.4 x 60
        (44, 3, 50.4, "Buruk"),  # 26.4 + 24
    ],
)
def test_pp46_sebutan_di_setiap_batas(nilai, realisasi, nilai_p, npk, sebutan):
    """Kontrak pp46_2011.5: >= 91 Sangat Baik, >= 76 Baik, >= 61 Cukup, >= 51 Kurang."""
    hasil = nilai(
        {"indikator": [ind(100, realisasi)], "perilaku": perilaku([nilai_p])}, metode="pp46_2011"
    )
    b = satu(hasil)
    assert b["nilai_prestasi_kerja"] == pytest.approx(npk, abs=1e-6)
    assert b["sebutan"] == sebutan


# --- peringkat_opd ----------------------------------------------------------------------------


def test_peringkat_opd(buat_folder):
    """Peringkat per (opd, periode): predikat dulu, lalu nilai hasil kerja, lalu perilaku;
    nilai yang sama berbagi peringkat."""
    from asn_analitik import muat, pilih_periode, skor

    NIP_E, NIP_F, NIP_G = "198703032012121005", "198804042013011006", "198905052014021007"
    pegawai = pegawai_untuk(NIP_A, NIP_B, NIP_C, NIP_D, NIP_E, NIP_F, NIP_G, opd="Dinas A")
    pegawai += pegawai_untuk(NIP_PPPK, opd="Dinas B")
    # nip, realisasi (target 100 = nilai hasil kerja), perilaku, rating atasan hk/perilaku
    susunan = [
        (NIP_A, 100, [4], "di_atas", "di_atas"),  # Sangat Baik -> 1
        (NIP_B, 105, [4], "sesuai", "sesuai"),  # Baik, 105 -> 2
        (NIP_C, 100, [4], "sesuai", "sesuai"),  # Baik, 100, perilaku 4 -> 3
        (NIP_D, 100, [3], "sesuai", "sesuai"),  # Baik, 100, perilaku 3 -> 4
        (NIP_E, 100, [3], "sesuai", "sesuai"),  # sama persis dengan D -> 4
        (NIP_F, 120, [4], "di_bawah", "sesuai"),  # Butuh Perbaikan walau nilai 120 -> 6
        (NIP_G, 120, [4], "di_atas", "di_bawah"),  # Kurang/Misconduct -> 7
        (NIP_PPPK, 50, [1], "di_bawah", "di_bawah"),  # OPD lain: peringkat 1 sendiri
    ]
    tabel = {"pegawai": pegawai, "indikator": [], "perilaku": [], "evaluasi_atasan": []}
    for nip, r, p, hk, pr in susunan:
        tabel["indikator"].append(ind(100, r, nip=nip))
        tabel["perilaku"] += perilaku(p, nip=nip)
        tabel["evaluasi_atasan"].append(evaluasi(hk, pr, nip=nip))
    # periode lain: hanya A dan B, dengan urutan terbalik
    tabel["indikator"] += [ind(100, 80, nip=NIP_A, periode="2026-S2")]
    tabel["indikator"] += [ind(100, 100, nip=NIP_B, periode="2026-S2")]
    data = muat(buat_folder(tabel))
    assert data.ditolak.empty
    s = skor(pilih_periode(data, None)).skor_pegawai
    peringkat = s.set_index(["nip", "periode"])["peringkat_opd"].to_dict()
    assert [peringkat[(n, "2026-S1")] for n, *_ in susunan] == [1, 2, 3, 4, 4, 6, 7, 1]
    # S2 tanpa rating perilaku (predikat kosong): nilai hasil kerja memutuskan
    assert peringkat[(NIP_B, "2026-S2")] == 1
    assert peringkat[(NIP_A, "2026-S2")] == 2


# --- Konfigurasi ------------------------------------------------------------------------------


def test_konfigurasi_mengganti_ambang_dan_batas(nilai, tmp_path):
    """--konfigurasi: berkas YAML cukup memuat bagian yang diubah; sisanya bawaan."""
    berkas = tmp_path / "aturan_saya.yaml"
    berkas.write_text(
        "permenpanrb_6_2022:\n"
        "  capaian:\n"
        "    batas_atas: 110\n"
        "  rating_hasil_kerja:\n"
        "    di_atas: 100\n",
        encoding="utf-8",
    )
    aturan = muat_aturan(berkas)
    assert aturan["permenpanrb_6_2022"]["rating_hasil_kerja"] == {"di_atas": 100, "sesuai": 90}
    assert aturan["permenpanrb_6_2022"]["matriks_predikat"] == MATRIKS_REGULASI
    hasil = nilai({"indikator": [ind(100, 100), ind(100, 130)]}, aturan=aturan)
    # 130 dibatasi 110 (bukan 120): (100 + 110)/2 = 105 >= 100 -> Di Atas
    assert hasil.capaian_indikator["capaian"].max() == pytest.approx(110.0)
    b = satu(hasil)
    assert b["nilai_hasil_kerja"] == pytest.approx(105.0)
    assert b["rating_hasil_kerja_usulan"] == DI_ATAS


def test_konfigurasi_pp46_sebutan_dan_bobot(nilai, tmp_path):
    """Bobot SKP/perilaku dan ambang sebutan lama juga dapat diganti."""
    berkas = tmp_path / "pp46.yaml"
    berkas.write_text("pp46_2011:\n  bobot_skp: 0.5\n  bobot_perilaku: 0.5\n", encoding="utf-8")
    hasil = nilai(
        {"indikator": [ind(100, 80)], "perilaku": perilaku([5])},
        metode="pp46_2011",
        aturan=muat_aturan(berkas),
    )
    assert satu(hasil)["nilai_prestasi_kerja"] == pytest.approx(90.0)  # 0.5 x 80 + 0.5 x 100


@pytest.mark.parametrize(
    ("isi", "kata"),
    [
        ("ambang_baru: 1\n", "ambang_baru"),
        ("permenpanrb_6_2022:\n  rating_hasil_kerja:\n    diatas: 100\n", "diatas"),
        ("permenpanrb_6_2022:\n  rating_perilaku:\n    sesuai: tiga\n", "sesuai"),
        (
            "permenpanrb_6_2022:\n  matriks_predikat:\n    di_atas:\n      di_bawah: Bagus\n",
            "Bagus",
        ),
        ("permenpanrb_6_2022: [1, 2\n", "YAML"),
    ],
)
def test_konfigurasi_tidak_sah_ditolak(tmp_path, isi, kata):
    """Salah ketik di berkas konfigurasi tidak boleh diam-diam diabaikan."""
    berkas = tmp_path / "salah.yaml"
    berkas.write_text(isi, encoding="utf-8")
    with pytest.raises(KonfigurasiTidakValid, match=kata):
        muat_aturan(berkas)


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        # kunci salah: pesan menyebut kunci yang ada di bagian itu, dipisah koma
        ("permenpanrb_6_2022:\n  rating_perilaku:\n    atas: 4\n",
         r"'permenpanrb_6_2022\.rating_perilaku\.atas' tidak dikenal\. Kunci yang ada di sini: "
         r"di_atas, sesuai\."),
        # bagian yang ditimpa dengan angka
        ("permenpanrb_6_2022:\n  rating_perilaku: 3\n",
         r"'permenpanrb_6_2022\.rating_perilaku' harus berupa bagian \(peta\)"),
    ],
)  # fmt: skip
def test_konfigurasi_salah_pesannya_menunjukkan_perbaikan(tmp_path, isi, pesan):
    """Pesan galat konfigurasi menyebut letaknya dan apa yang boleh ditulis di sana."""
    berkas = tmp_path / "salah.yaml"
    berkas.write_text(isi, encoding="utf-8")
    with pytest.raises(KonfigurasiTidakValid, match=pesan):
        muat_aturan(berkas)


def test_pp46_tanpa_perilaku_sebutan_kosong(nilai):
    """Tanpa nilai perilaku, nilai prestasi kerja tidak dapat dihitung: sebutan kosong (NaN),
    bukan teks apa pun."""
    hasil = nilai({"indikator": [ind(100, 95)]}, metode="pp46_2011")
    b = satu(hasil)
    assert b["nilai_skp"] == pytest.approx(95.0)
    assert pd.isna(b["nilai_perilaku"]) and pd.isna(b["nilai_prestasi_kerja"])
    assert pd.isna(b["sebutan"])


def test_predikat_resmi_di_baris_pegawainya_sendiri(nilai):
    """predikat_resmi dari evaluasi_atasan sampai ke baris (pegawai, periode) pemiliknya, juga
    bila urutan evaluasi berbeda dari urutan pegawai dan sebagian pegawai tanpa evaluasi."""
    evaluasi_ = [
        {**evaluasi("sesuai", "sesuai", nip=NIP_C), "predikat_resmi": "baik"},
        {**evaluasi("di_atas", "di_atas", nip=NIP_A), "predikat_resmi": "sangat_baik"},
    ]
    hasil = nilai(
        {
            "indikator": [ind(100, 100, nip=n) for n in (NIP_A, NIP_B, NIP_C, NIP_D)],
            "evaluasi_atasan": evaluasi_,
        }
    )
    resmi = hasil.skor_pegawai.set_index("nip")["predikat_resmi"]
    assert resmi[NIP_A] == SB and resmi[NIP_C] == BAIK
    assert pd.isna(resmi[NIP_B]) and pd.isna(resmi[NIP_D])  # tanpa evaluasi


def test_konfigurasi_berkas_tidak_ada(tmp_path):
    """Berkas konfigurasi yang tidak ada: galat yang menyebut berkasnya."""
    with pytest.raises(KonfigurasiTidakValid, match="tidak_ada.yaml"):
        muat_aturan(tmp_path / "tidak_ada.yaml")


def test_peringkat_mulai_lagi_dari_1_di_setiap_opd_dan_periode():
    """OPD A = [95, 90], OPD B = [90, 80]: yang terbaik di B peringkat 1, bukan seri dengan
    baris terakhir A (nilai sama di kelompok berbeda)."""
    from asn_analitik.nilai.skor import peringkat_dalam_opd

    d = pd.DataFrame(
        {
            "opd": ["A", "A", "B", "B", "B"],
            "periode": ["2026-S1"] * 4 + ["2025-S2"],
            "x": [95.0, 90, 90, 80, 90],
        }
    )
    assert peringkat_dalam_opd(d, [("x", False)]).tolist() == [1, 2, 1, 2, 1]


@pytest.mark.parametrize(
    ("nilai", "menaik", "peringkat"),
    [
        # menurun: 95 -> 1, 90 -> 2, kedua kosong di belakang berbagi peringkat 3
        ([90.0, None, 95.0, None], False, [2, 3, 1, 3]),
        # menaik: kosong tetap di belakang (bukan di depan karena "terkecil")
        ([2.0, None, 1.0], True, [2, 3, 1]),
        # semua kosong: semuanya seri di peringkat 1
        ([None, None], False, [1, 1]),
        # 0 bukan kosong: 0 di atas kosong
        ([0.0, None, 10.0], False, [2, 3, 1]),
    ],
)
def test_peringkat_nilai_kosong_selalu_di_belakang(nilai, menaik, peringkat):
    """Pegawai tanpa nilai diberi peringkat sesudah semua yang bernilai, ke arah mana pun
    urutannya; yang sama-sama kosong berbagi peringkat."""
    from asn_analitik.nilai.skor import peringkat_dalam_opd

    d = pd.DataFrame({"opd": "A", "periode": "2026-S1", "x": pd.Series(nilai, dtype="float64")})
    assert peringkat_dalam_opd(d, [("x", menaik)]).tolist() == peringkat


def test_peringkat_kosong_di_kriteria_kedua_dan_pertama():
    """Dua kriteria: urut predikat (menaik), lalu nilai (menurun); kosong di belakang pada
    masing-masing kriteria."""
    from asn_analitik.nilai.skor import peringkat_dalam_opd

    d = pd.DataFrame(
        {
            "opd": ["A"] * 5,
            "periode": ["2026-S1"] * 5,
            "urut": [0.0, 0.0, None, 1.0, 0.0],
            "nilai": [90.0, None, 100.0, 80.0, 90.0],
        }
    )
    # (0, 90) dan (0, 90) seri -> 1; (0, kosong) -> 3; (1, 80) -> 4; (kosong, 100) -> 5
    urut = [("urut", True), ("nilai", False)]
    assert peringkat_dalam_opd(d, urut).tolist() == [1, 3, 5, 4, 1]


def test_peringkat_opd_pegawai_tanpa_nilai_di_belakang(buat_folder):
    """Lewat skor: pegawai yang semua indikatornya ditolak (nilai hasil kerja kosong) tetap
    tercantum, di peringkat terakhir OPD-nya; pegawai OPD lain tidak ikut dihitung."""
    from asn_analitik import muat, pilih_periode, skor

    pegawai = pegawai_untuk(NIP_A, NIP_B, NIP_C, opd="Dinas A")
    pegawai += pegawai_untuk(NIP_D, opd="Dinas B")
    indikator = [
        ind(100, 80, nip=NIP_A),  # 80
        ind(0, 50, nip=NIP_B),  # target 0: ditolak, B tanpa nilai
        ind(100, 100, nip=NIP_C),  # 100
        ind(100, 60, nip=NIP_D),  # OPD lain: peringkat 1 di sana
    ]
    data = muat(buat_folder({"pegawai": pegawai, "indikator": indikator}))
    assert data.ditolak["baris"].tolist() == [3]
    s = skor(pilih_periode(data, None)).skor_pegawai.set_index("nip")
    assert kosong(s.loc[NIP_B, "nilai_hasil_kerja"])
    # tanpa perilaku: predikat kosong semua, jadi nilai hasil kerja menentukan: C, A, lalu B
    assert s.loc[[NIP_C, NIP_A, NIP_B, NIP_D], "peringkat_opd"].tolist() == [1, 2, 3, 1]
    assert pd.isna(s.loc[NIP_B, "sumber_rating"])  # tanpa rating apa pun: kosong, bukan ""
    for kolom in ("jumlah_indikator", "indikator_tidak_dilaporkan", "indikator_ditolak",
                  "peringkat_opd"):  # fmt: skip
        assert s[kolom].dtype.kind == "i", kolom  # hitungan: bilangan bulat


def test_aturan_bawaan_sama_dengan_pemuat_yaml_murni():
    """Aturan bawaan dibaca dengan pemuat libyaml (bila ada) demi kecepatan; isinya sama persis
    dengan yang dibaca pemuat aman Python murni, juga tipe setiap nilainya."""
    import yaml

    from asn_analitik.konfigurasi import ATURAN_BAWAAN
    from asn_analitik.nilai.aturan import muat_aturan

    murni = yaml.load(ATURAN_BAWAAN.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    dimuat = muat_aturan()

    def bentuk(x):
        if isinstance(x, dict):
            return {k: bentuk(v) for k, v in x.items()}
        if isinstance(x, list):
            return [bentuk(v) for v in x]
        return (type(x).__name__, x)

    assert bentuk(dimuat) == bentuk(murni)
