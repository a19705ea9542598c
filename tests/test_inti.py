"""Kernel inti kolumnar (issue 14): setiap jalan cepat sama hasilnya dengan jalan biasa yang
dipakai sebelumnya (pyarrow ``unify_dictionaries``/``index_in``, ``pandas`` sort dan
``factorize``), pada data acak yang memuat kasus tepi (kosong, nilai ganda, NIP rusak)."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from asn_analitik.keluaran import tabel as modul_tabel
from asn_analitik.keluaran import tulis_tabel
from asn_analitik.masuk.baku import per_nilai_unik, urut_kemunculan
from asn_analitik.masuk.kunci import (
    digit_18,
    kategori_unik,
    kode_dalam,
    satukan_kamus,
    urutan_teks,
)
from asn_analitik.masuk.nip import masalah_nip
from asn_analitik.nilai.peringkat import gabung_kriteria, peringkat_dalam_opd, peringkat_grup


def _nip_acak(acak: random.Random, n: int) -> list[str]:
    """NIP 18 digit acak, sebagian rusak (kurang digit, notasi ilmiah, spasi)."""
    hasil = []
    for _ in range(n):
        p = acak.random()
        if p < 0.8:
            hasil.append("".join(acak.choice("0123456789") for _ in range(18)))
        elif p < 0.9:
            hasil.append("".join(acak.choice("0123456789") for _ in range(acak.randint(0, 19))))
        else:
            hasil.append(acak.choice(["1.98609E+17", " 198609262015051001", "x" * 18, ""]))
    return hasil


def test_digit_18_sama_dengan_int_python():
    acak = random.Random(1)
    nilai = _nip_acak(acak, 5_000) + [None, "000000000000000000", "999999999999999999"]
    harapan = [int(v) if v is not None and len(v) == 18 and v.isdigit() and v.isascii() else -1
               for v in nilai]  # fmt: skip
    assert digit_18(pa.array(nilai)).tolist() == harapan


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kode_dalam_nip_sama_dengan_tabel_hash(seed):
    """Jalan NIP (searchsorted atas bilangan) = pyarrow index_in, termasuk NIP yang tidak ada,
    NIP rusak, sel kosong, dan kolom Categorical."""
    acak = random.Random(seed)
    acuan = pd.Index(list(dict.fromkeys(
        n for n in _nip_acak(acak, 3_000) if len(n) == 18 and n.isdigit()
    )), dtype="str")  # fmt: skip
    dicari = pd.Series([acak.choice(list(acuan)) for _ in range(2_000)]
                       + _nip_acak(acak, 1_000) + [None] * 10, dtype="str")  # fmt: skip
    harapan = pc.fill_null(pc.index_in(pa.array(dicari), value_set=pa.array(acuan)), -1)
    harapan = harapan.to_numpy(zero_copy_only=False).tolist()
    assert kode_dalam(dicari, acuan).tolist() == harapan
    assert kode_dalam(dicari.astype("category"), acuan).tolist() == harapan
    # acuan dengan nilai ganda atau bukan NIP: jalan tabel hash (posisi pertama)
    ganda = pd.Index([*acuan[:5], acuan[0]], dtype="str")
    assert kode_dalam(pd.Series([acuan[0]]), ganda).tolist() == [0]
    assert kode_dalam(pd.Series(["a", "b"]), pd.Index(["b", "a"])).tolist() == [1, 0]


def test_urutan_teks_nip_sama_dengan_urutan_teks_biasa():
    acak = random.Random(4)
    nip = pd.Index(list(dict.fromkeys(
        n for n in _nip_acak(acak, 2_000) if len(n) == 18 and n.isdigit()
    )), dtype="str")  # fmt: skip
    harapan = pd.Series(nip).rank(method="dense").astype(int).to_numpy() - 1
    assert urutan_teks(nip).tolist() == harapan.tolist()


def test_masalah_nip_unik_sama_dengan_lewat_faktorisasi():
    acak = random.Random(5)
    nip = pd.Series(list(dict.fromkeys(_nip_acak(acak, 5_000))), dtype="str")
    nip = nip[nip != ""].reset_index(drop=True)
    a = masalah_nip(nip, unik=True)
    b = masalah_nip(nip)
    assert a.fillna("sah").tolist() == b.fillna("sah").tolist()
    assert a.notna().sum() > 100  # data acak memang memuat NIP rusak


@pytest.mark.parametrize("seed", range(5))
def test_satukan_kamus_sama_dengan_unify_dictionaries(seed):
    """Potongan berkamus sama (kelompok baris Parquet), berbeda, kosong, dan sel kosong."""
    acak = random.Random(seed)
    potongan, bersama = [], None
    for _ in range(acak.randint(1, 8)):
        if bersama is not None and acak.random() < 0.5:
            indeks = [acak.randrange(len(bersama.dictionary)) if acak.random() < 0.9 else None
                      for _ in range(acak.randint(0, 20))]  # fmt: skip
            potongan.append(pa.DictionaryArray.from_arrays(pa.array(indeks, pa.int32()),
                                                           bersama.dictionary))  # fmt: skip
        else:
            isi = [
                acak.choice(["a", "b", " c", None, "d", "e"]) for _ in range(acak.randint(1, 20))
            ]
            bersama = pa.array(isi).dictionary_encode()
            potongan.append(bersama)
    kolom = pa.chunked_array(potongan, type=pa.dictionary(pa.int32(), pa.string()))
    _sama_dengan_unify_dictionaries(kolom)


def _sama_dengan_unify_dictionaries(kolom: pa.ChunkedArray) -> None:
    """Kamus dan kode :func:`satukan_kamus` sama persis dengan ``unify_dictionaries`` pyarrow."""
    kode, kamus = satukan_kamus(kolom)
    satu = kolom.unify_dictionaries()
    assert kamus.to_pylist() == satu.chunk(0).dictionary.to_pylist()
    harapan = np.concatenate([pc.fill_null(c.indices, -1).to_numpy(zero_copy_only=False)
                              for c in satu.chunks])  # fmt: skip
    assert kode.tolist() == harapan.tolist()


@pytest.mark.parametrize("seed", range(3))
def test_satukan_kamus_nip_sama_dengan_unify_dictionaries(seed):
    """Kamus yang semuanya NIP disatukan lewat bilangan (bukan tabel hash teks): kamus dan kode
    sama persis dengan ``unify_dictionaries``, termasuk urutan kemunculan."""
    acak = random.Random(seed)
    nip = [n for n in _nip_acak(acak, 400) if len(n) == 18 and n.isdigit()]
    potongan = []
    for _ in range(6):
        isi = [acak.choice(nip) if acak.random() < 0.95 else None for _ in range(50)]
        kamus = pa.array(isi).dictionary_encode()
        potongan += [kamus, kamus.slice(3, 20)]  # dua potongan berbagi kamus
    kolom = pa.chunked_array(potongan)
    _sama_dengan_unify_dictionaries(kolom)


def test_kategori_unik_sama_dengan_konstruktor_pandas():
    kategori = pd.Index(["b", "a", "c"], dtype="str")
    kode = np.array([2, -1, 0, 1, 0])
    a = kategori_unik(kode, kategori)
    b = pd.Categorical.from_codes(kode, categories=kategori)
    assert a.dtype == b.dtype
    assert a.equals(b)
    assert list(a.categories) == ["b", "a", "c"]


@pytest.mark.parametrize(
    ("kode", "jumlah", "harapan"),
    [
        ([0, 1, 1, 2], 3, True),
        ([-1, 0, -1, 1, 0], 2, True),
        ([1, 0], 2, False),  # kategori kedua muncul lebih dulu
        ([0, 2, 1], 3, False),
        ([0, 1], 3, False),  # kategori yang tidak dipakai
        ([], 0, True),
    ],
)
def test_urut_kemunculan(kode, jumlah, harapan):
    assert urut_kemunculan(np.array(kode, dtype=np.int32), jumlah) is harapan
    # dipotong-potong kecil: sama
    assert urut_kemunculan(np.array(kode, dtype=np.int32), jumlah, potong=1) is harapan


def test_per_nilai_unik_categorical_sama_dengan_teks():
    """Kolom Categorical (urutan kategori acak, kategori tak terpakai, kosong) dibakukan sama
    dengan kolom teks biasa: nilai dan urutan kategori hasil (urutan kemunculan)."""
    acak = random.Random(6)
    nilai = [acak.choice([" Kualitas", "kuantitas", "WAKTU", None, "biaya "]) for _ in range(500)]
    teks = pd.Series(nilai, dtype="str")
    kategori = pd.Series(pd.Categorical(nilai, categories=["WAKTU", "biaya ", "x", " Kualitas",
                                                           "kuantitas"]))  # fmt: skip

    def baku(s):
        return s.str.strip().str.lower()

    a, b = per_nilai_unik(baku, teks), per_nilai_unik(baku, kategori)
    assert a.tolist() == b.tolist()
    assert list(a.cat.categories) == list(b.cat.categories)
    # tanpa perubahan: kolom yang sama dikembalikan
    sudah = pd.Series(pd.Categorical(["a", "b", "a"]))
    assert per_nilai_unik(lambda s: s, sudah).cat.codes.tolist() == [0, 1, 0]


def test_gabung_kriteria_mengikuti_urutan_kolom():
    acak = np.random.default_rng(7)
    a = np.round(acak.choice([0.0, 1, 2, np.nan], 2_000), 6)
    b = np.round(acak.normal(100, 30, 2_000), 6)
    b[acak.random(2_000) < 0.1] = np.nan
    kunci = gabung_kriteria([a, -b], 6)
    ganti = [np.where(np.isnan(x), np.inf, x) for x in (a, -b)]
    harapan = np.lexsort([ganti[1], ganti[0]])
    urut = np.argsort(kunci, kind="stable")
    assert (urut == harapan).all()
    assert gabung_kriteria([np.array([0.0, 1e12]), np.array([0.0, 1e12])], 6) is None


def test_peringkat_grup_sama_dengan_rank_min_pandas():
    acak = np.random.default_rng(8)
    grup = acak.integers(0, 30, 3_000)
    nilai = np.round(acak.normal(90, 10, 3_000), 1)
    nilai[acak.random(3_000) < 0.05] = np.nan
    harapan = (
        pd.Series(np.where(np.isnan(nilai), np.inf, nilai))
        .groupby(grup)
        .rank(method="min")
        .astype(int)
    )
    assert peringkat_grup([grup], [nilai]).tolist() == harapan.tolist()
    kunci = gabung_kriteria([nilai], 1)
    assert peringkat_grup([grup], [kunci]).tolist() == harapan.tolist()
    # Rentang kunci terlalu lebar untuk grup x rentang dalam 64 bit: jalur pemadatan np.unique.
    lebar = kunci * 2**50
    assert (int(grup.max()) + 1) * (int(lebar.max()) - int(lebar.min()) + 1) > 2**62
    assert peringkat_grup([grup], [lebar]).tolist() == harapan.tolist()


def test_peringkat_dalam_opd_opd_kosong_menjadi_grup_sendiri():
    d = pd.DataFrame({"opd": ["A", None, None], "periode": ["2026"] * 3, "x": [1.0, 2, 3]})
    assert peringkat_dalam_opd(d, [("x", False)]).tolist() == [1, 1, 1]


def test_csv_berpotongan_sama_dengan_sekali_tulis(tmp_path, monkeypatch):
    """Tabel besar ditulis per potongan di beberapa utas: bitanya sama dengan sekali tulis."""
    acak = np.random.default_rng(9)
    n = 2_345
    data = pd.DataFrame({
        "nip": pd.Categorical(acak.choice(["198609262015051001", "199002142014032002"], n)),
        "teks": pd.array(acak.choice(['a,"b"', "c", None, "é"], n), dtype="str"),
        "angka": np.where(acak.random(n) < 0.1, np.nan, acak.normal(0, 1e3, n)),
        "bulat": acak.integers(-5, 5, n),
    })  # fmt: skip
    tulis_tabel(data, tmp_path / "utuh", "t")
    monkeypatch.setattr(modul_tabel, "BARIS_POTONGAN_CSV", 100)
    tulis_tabel(data, tmp_path / "potong", "t")
    utuh = (tmp_path / "utuh" / "t.csv").read_bytes()
    assert (tmp_path / "potong" / "t.csv").read_bytes() == utuh
    assert utuh.count(b"\n") == n + 1


def test_parquet_kamus_besar_ditulis_sebagai_teks(tmp_path, monkeypatch):
    """Kolom kategori berkamus sangat besar ditulis sebagai teks (nilai sama), kamus kecil
    tetap kamus."""
    import pyarrow.parquet as pq

    monkeypatch.setattr(modul_tabel, "BATAS_KAMUS_PARQUET", 10)
    data = pd.DataFrame({
        "besar": pd.Categorical([f"{i:018d}" for i in range(50)]),
        "kecil": pd.Categorical(["a", "b"] * 25),
    })  # fmt: skip
    tulis_tabel(data, tmp_path, "t", "parquet")
    tabel = pq.read_table(tmp_path / "t.parquet")
    assert not pa.types.is_dictionary(tabel.schema.field("besar").type)
    assert pa.types.is_dictionary(tabel.schema.field("kecil").type)
    assert tabel["besar"].to_pylist() == data["besar"].tolist()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_saring_baris_di_tempat_sama_dengan_penyaringan_pandas(seed):
    """Dipadatkan di larik sendiri (blok kecil agar batas blok teruji) = data[pakai] pandas."""
    from asn_analitik.masuk import kecuali

    rng = np.random.default_rng(seed)
    n = 5_000
    data = pd.DataFrame({
        "_baris": np.arange(2, n + 2, dtype=np.int64),
        "nip": pd.Categorical(rng.choice(["a", "b", None], n)),
        "nilai": rng.random(n),
        "teks": pd.array(rng.choice(["x", "y"], n), dtype="str"),
    })  # fmt: skip
    pakai = rng.random(n) < [0.99, 0.5, 0.01][seed]
    harapan = data[pakai].reset_index(drop=True)
    asli = data.copy()
    pd.testing.assert_frame_equal(kecuali.saring_baris(data, pakai), harapan)
    pd.testing.assert_frame_equal(data, asli)  # tanpa di_tempat: data utuh
    lama = kecuali._padatkan
    try:
        kecuali._padatkan = lambda larik, pakai: lama(larik, pakai, blok=97)
        hasil = kecuali.saring_baris(data, pakai, di_tempat=True)
    finally:
        kecuali._padatkan = lama
    pd.testing.assert_frame_equal(hasil, harapan)


def test_simpan_bebas_hanya_bila_alokator_diatur(monkeypatch):
    """Batas trim malloc dinaikkan selama blok dan dikembalikan sesudahnya (juga saat galat);
    tanpa atur_alokator (pemakaian sebagai pustaka) malloc tidak disentuh."""
    from asn_analitik import memori

    panggilan = []

    class Libc:
        def mallopt(self, param, nilai):
            panggilan.append((param, nilai))

    monkeypatch.setattr(memori, "_libc", lambda: Libc())
    monkeypatch.setattr(memori, "_diatur", False)
    with memori.simpan_bebas():
        pass
    assert panggilan == []
    memori.atur_alokator()
    assert memori._diatur
    panggilan.clear()
    with pytest.raises(ZeroDivisionError), memori.simpan_bebas():
        assert panggilan == [(memori._M_TRIM_THRESHOLD, memori._SIMPAN_BEBAS_BESAR)]
        raise ZeroDivisionError
    assert panggilan[-1] == (memori._M_TRIM_THRESHOLD, memori._SIMPAN_BEBAS)


def test_gabung_kriteria_bulat_berlangkah_satu():
    """Kriteria bilangan bulat (urutan predikat) tidak dikali 10^desimal, sehingga tiga kriteria
    PermenPANRB skala nasional muat 64 bit; urutannya sama dengan lexsort."""
    rng = np.random.default_rng(3)
    n = 10_000
    predikat = rng.integers(0, 5, n).astype(float)
    predikat[rng.random(n) < 0.05] = np.nan
    hasil = np.round(rng.random(n) * 120, 6)
    perilaku = np.round(1 + rng.random(n) * 4, 6)
    kunci = gabung_kriteria([predikat, -hasil, -perilaku], 6)
    assert kunci is not None
    harapan = np.lexsort([-perilaku, -hasil, np.where(np.isnan(predikat), np.inf, predikat)])
    assert (kunci[harapan][1:] >= kunci[harapan][:-1]).all()
