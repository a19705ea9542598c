"""Uji ringkasan laporan pada tabel kecil buatan tangan (angkanya bisa dihitung di kepala)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from asn_analitik.laporan import ringkasan
from asn_analitik.laporan.hasil import muat_hasil, muat_kabupaten
from asn_analitik.laporan.tampilan import samarkan_nip, tabel_html


@pytest.fixture
def skor() -> pd.DataFrame:
    """Dua OPD: A (3 pegawai, satu belum melapor sama sekali) dan B (1 pegawai)."""
    return pd.DataFrame(
        {
            "nip": ["1", "2", "3", "4"],
            "nama": ["Ani", "Budi", "Cici", "Dedi"],
            "opd": ["A", "A", "A", "B"],
            "jabatan": ["x"] * 4,
            "unit_kerja": ["u"] * 4,
            "predikat": ["Sangat Baik", "Baik", None, "Butuh Perbaikan"],
            "nilai_hasil_kerja": [115.0, 100.0, 0.0, 80.0],
            "nilai_perilaku": [4.5, 3.0, np.nan, 2.0],
            "capaian_kuantitas": [115.0, 100.0, 0.0, 80.0],
            "capaian_kualitas": [np.nan] * 4,
            "capaian_waktu": [np.nan] * 4,
            "capaian_biaya": [np.nan] * 4,
            "jumlah_indikator": [2, 2, 2, 4],
            "indikator_tidak_dilaporkan": [0, 0, 2, 1],
        }
    )


def test_banding_predikat_porsi_opd_dan_kabupaten(skor):
    kabupaten = ringkasan.jumlah_predikat(skor)
    b = ringkasan.banding_predikat(skor[skor["opd"] == "A"], kabupaten).set_index("Predikat")
    assert b.loc["Sangat Baik", "Jumlah pegawai"] == 1
    assert b.loc["Belum lengkap", "Porsi OPD"] == pytest.approx(1 / 3)
    assert b.loc["Butuh Perbaikan", "Porsi kabupaten"] == pytest.approx(1 / 4)
    assert b["Porsi OPD"].sum() == pytest.approx(1)


def test_kepatuhan_pelaporan_per_opd(skor):
    k = ringkasan.kepatuhan_pelaporan(skor).set_index("OPD")
    assert k.loc["A", "Porsi dilaporkan"] == pytest.approx(4 / 6)
    assert k.loc["A", "Pegawai belum melapor"] == 1
    assert k.loc["B", "Porsi dilaporkan"] == pytest.approx(3 / 4)
    assert list(k.index) == ["A", "B"]  # dari yang terendah


def test_angka_utama(skor):
    rek = pd.DataFrame({"nip": ["2", "2", "4"], "jp": [10, 20, 30]})
    u = ringkasan.angka_utama(skor, rek)
    assert (u["pegawai"], u["opd"], u["peserta_pelatihan"], u["total_jp"]) == (4, 2, 2, 60)
    assert u["porsi_baik_ke_atas"] == pytest.approx(0.5)
    assert u["porsi_dilaporkan"] == pytest.approx(7 / 10)


def test_kandidat_apresiasi_menyebut_capaian_nyata(skor):
    capaian = pd.DataFrame(
        {
            "nip": ["1", "1"],
            "indikator": ["Waktu tunggu angkutan umum", "Jumlah trayek"],
            "realisasi": [12.0, 5.0],
            "target": [20.0, 5.0],
            "satuan": ["menit", "trayek"],
            "capaian": [120.0, 100.0],
            "status": ["dilaporkan", "dilaporkan"],
        }
    )
    a = ringkasan.kandidat_apresiasi(skor, capaian)
    assert list(a["Nama"]) == ["Ani"]  # hanya predikat Sangat Baik
    assert a.loc[0, "Capaian unggulan"] == (
        "Waktu tunggu angkutan umum: realisasi 12 menit dari target 20 menit"
    )


def test_samarkan_nip_dan_tabel_html_meng_escape():
    assert samarkan_nip(pd.Series(["198609262015051001"])).iloc[0] == "*" * 14 + "1001"
    teks = tabel_html(pd.DataFrame({"Nama": ["<b>x</b>"], "Porsi": [0.5]}), persen=("Porsi",))
    assert "&lt;b&gt;x&lt;/b&gt;" in teks and "50,0%" in teks


def test_muat_hasil_per_opd_tidak_memuat_opd_lain(laporan_jadi):
    semua = muat_hasil(laporan_jadi / "hasil")
    satu = muat_hasil(laporan_jadi / "hasil", "Dinas Kesehatan")
    for nama in ("skor_pegawai", "capaian_indikator", "klaster_pegawai", "rekomendasi_pelatihan",
                 "ditolak", "tidak_aktif", "kebutuhan_pelatihan", "hak_jp", "fitur"):  # fmt: skip
        t = getattr(satu, nama)
        assert set(t["opd"].dropna()) <= {"Dinas Kesehatan"}, nama
    assert len(satu.skor_pegawai) == (semua.skor_pegawai["opd"] == "Dinas Kesehatan").sum() > 0
    kab = muat_kabupaten(laporan_jadi / "hasil")  # ringkasan saja, tanpa baris pegawai
    assert set(kab) == {"predikat", "rata_aspek"}
    assert kab["predikat"].sum() == len(semua.skor_pegawai)
    rata = semua.skor_pegawai[kab["rata_aspek"].index].mean()
    assert np.allclose(kab["rata_aspek"], rata, equal_nan=True)


def test_angka_per_opd(skor):
    a = ringkasan.angka_per_opd(skor, pd.DataFrame({"opd": ["A", "A"], "nip": ["2", "2"]}))
    assert a.loc["A", "pegawai"] == 3 and a.loc["B", "peserta"] == 0 and a.loc["A", "peserta"] == 1
    assert a.loc["A", "porsi_baik"] == pytest.approx(2 / 3)
    assert a.loc["B", "porsi_lapor"] == pytest.approx(3 / 4)
