"""Uji ringkasan laporan pada tabel kecil buatan tangan (angkanya bisa dihitung di kepala)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import NIP_A, NIP_ASING, NIP_B, NIP_C, NIP_D, NIP_PPPK

from asn_analitik import ArgumenTidakValid
from asn_analitik.laporan import ringkasan
from asn_analitik.laporan.hasil import muat_hasil, muat_kabupaten, simpan_hasil
from asn_analitik.laporan.keadilan import penilai_tertandai
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
        assert t["opd"].eq("Dinas Kesehatan").all(), nama  # kosong (NaN) pun tidak lolos
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


# --- Isolasi OPD pada hasil kecil yang dihitung tangan (hasil_kecil di conftest) -----------


#: OPD pemilik setiap NIP di :func:`hasil_kecil` (NIP asing: tidak punya OPD).
PEMILIK = {NIP_A: "Dinas Kesehatan", NIP_B: "Dinas Kesehatan", NIP_C: "Dinas Sosial",
           NIP_D: "Dinas Sosial", NIP_PPPK: "Dinas Sosial"}  # fmt: skip


def test_hasil_kecil_baris_ber_opd_pemiliknya_dan_kabupaten_tanpa_data_pribadi(hasil_kecil):
    """Kolom ``opd`` yang dipakai saringan Parquet benar di setiap baris setiap tabel per pegawai
    (dibaca tanpa saringan): OPD pemilik NIP-nya, kosong untuk NIP yang tidak terdaftar; dan
    pembanding kabupaten hanya berisi jumlah dan rata-rata, tanpa NIP dan nama. Uji pertama yang
    memakai hasil_kecil: ``make mutasi`` mengaitkan kode simpan_hasil (dijalankan sekali oleh
    fixture sesi) dengan uji ini saja, jadi semua yang ditulis simpan_hasil diperiksa di sini."""
    h = muat_hasil(hasil_kecil)
    per_nip = 0
    for nama, t in _tabel_ber_opd(h).items():
        if "nip" not in t.columns or t.empty or nama == "perpindahan_pegawai":
            continue
        per_nip += 1
        opd = [None if pd.isna(v) else str(v) for v in t["opd"]]
        assert opd == [PEMILIK.get(str(n)) for n in t["nip"]], (nama, t[["nip", "opd"]])
    # D pindah dari Dinas Kesehatan (2025-S2) ke Dinas Sosial: tercatat di kedua OPD, tetapi
    # OPD lamanya hanya menghitungnya, tanpa NIP dan nama (sudah bukan pegawainya).
    semua = h.perpindahan_pegawai
    assert sorted(semua["jenis"]) == ["masuk", "pindah_opd", "pindah_opd", "tidak_aktif"]
    masuk = semua[semua["jenis"] == "masuk"]  # B: dinilai pada 2026-S1 saja, di OPD-nya
    assert (masuk["nip"].tolist(), masuk["opd"].tolist()) == ([NIP_B], ["Dinas Kesehatan"])
    tidak_aktif = semua[semua["jenis"] == "tidak_aktif"]  # PPPK pensiun, di OPD-nya sendiri
    assert (tidak_aktif["nip"].tolist(), tidak_aktif["opd"].tolist()) == (
        [NIP_PPPK],
        ["Dinas Sosial"],
    )
    pindah = semua[semua["jenis"] == "pindah_opd"]
    baru = pindah[pindah["opd"] == "Dinas Sosial"]
    lama = pindah[pindah["opd"] == "Dinas Kesehatan"]
    assert (baru["nip"].tolist(), baru["nama"].tolist()) == ([NIP_D], ["Dedi Kurniawan"])
    assert len(lama) == 1 and lama[["nip", "nama"]].isna().all(axis=None)
    assert (lama["opd_awal"].tolist(), lama["opd_akhir"].tolist()) == (
        ["Dinas Kesehatan"],
        ["Dinas Sosial"],
    )
    assert per_nip >= 6  # skor, capaian, klaster, fitur, rekomendasi/hak JP, tidak aktif
    d = h.ditolak.set_index("baris")["opd"]
    assert d[4] == "Dinas Kesehatan" and d[6] == "Dinas Sosial" and pd.isna(d[8])
    assert sorted(h.capaian_indikator["baris"]) == [2, 3, 5, 7]
    # Pembanding kabupaten (dibaca laporan OPD): jumlah per predikat dan rata-rata aspek saja.
    kab = muat_kabupaten(hasil_kecil)
    assert set(kab) == {"predikat", "rata_aspek"}
    predikat = kab["predikat"][kab["predikat"] > 0].to_dict()
    assert predikat == {"Sangat Baik": 1, "Baik": 2, "Sangat Kurang": 1}  # A; B, D; C
    assert kab["rata_aspek"]["capaian_kuantitas"] == pytest.approx(98.75)  # (120+95+80+100)/4
    assert kab["rata_aspek"][["capaian_kualitas", "capaian_waktu"]].isna().all()
    teks = pd.read_parquet(hasil_kecil / "kabupaten.parquet").to_string()
    assert not [n for n in (NIP_A, NIP_B, NIP_C, NIP_D, "Andi", "Cici") if n in teks]


def _tabel_ber_opd(h) -> dict[str, pd.DataFrame]:
    return {
        nama: t for nama, t in vars(h).items() if isinstance(t, pd.DataFrame) and "opd" in t.columns
    }


@pytest.mark.parametrize(
    ("opd", "nip", "ditolak", "tidak_aktif"),
    [
        ("Dinas Kesehatan", [NIP_A, NIP_B], [4], []),  # baris 4: target 0 milik B
        ("Dinas Sosial", [NIP_C, NIP_D], [6], [NIP_PPPK]),  # baris 6: aspek salah milik C
    ],
)
def test_muat_hasil_opd_hanya_baris_opd_itu_termasuk_yang_ditolak(
    hasil_kecil, opd, nip, ditolak, tidak_aktif
):
    """Setiap tabel ber-OPD hanya berisi baris OPD itu: pegawai, baris ditolak (bukan 0 baris
    seperti di data laporan bersih), pegawai tidak aktif; baris ditolak tanpa OPD (NIP yang
    tidak terdaftar) tidak ikut ke OPD mana pun."""
    h = muat_hasil(hasil_kecil, opd)
    assert h.opd == opd
    assert sorted(h.skor_pegawai["nip"]) == sorted(nip)
    assert sorted(h.capaian_indikator["nip"].unique()) == sorted(nip)
    assert h.ditolak["baris"].tolist() == ditolak
    assert h.tidak_aktif["nip"].tolist() == tidak_aktif
    tabel = _tabel_ber_opd(h)
    assert {"skor_pegawai", "ditolak", "tidak_aktif", "kebutuhan_pelatihan"} <= set(tabel)
    for nama, t in tabel.items():
        assert t["opd"].eq(opd).all(), (nama, t["opd"].tolist())


def test_muat_hasil_tanpa_opd_memuat_semua_termasuk_ditolak_tanpa_opd(hasil_kecil):
    """Tanpa ``opd`` (ringkasan pimpinan): semua pegawai dan ketiga baris ditolak, termasuk
    baris NIP asing yang OPD-nya kosong."""
    h = muat_hasil(hasil_kecil)
    assert h.opd is None
    assert sorted(h.skor_pegawai["nip"]) == sorted([NIP_A, NIP_B, NIP_C, NIP_D])
    d = h.ditolak.set_index("baris")
    assert sorted(d.index) == [4, 6, 8]
    assert d.loc[8, "nilai"] == NIP_ASING and pd.isna(d.loc[8, "opd"])


@pytest.mark.parametrize("tulisan", ["dinas sosial", "DINAS SOSIAL", " Dinas Sosial "])
def test_muat_hasil_opd_tanpa_membedakan_huruf_besar(hasil_kecil, tulisan):
    """Nama OPD di parameter notebook boleh berhuruf kecil dan berspasi di tepi; yang dibaca
    ejaan di data."""
    h = muat_hasil(hasil_kecil, tulisan)
    assert h.opd == "Dinas Sosial"
    assert sorted(h.skor_pegawai["nip"]) == sorted([NIP_C, NIP_D])


def test_muat_hasil_opd_atau_periode_yang_tidak_ada_ditolak(hasil_kecil):
    """OPD yang tidak ada: galat yang menyebut OPD yang ada; periode lain: galat periode."""
    with pytest.raises(ArgumenTidakValid, match="Dinas Pariwisata") as galat:
        muat_hasil(hasil_kecil, "Dinas Pariwisata")
    assert "Dinas Kesehatan" in str(galat.value)
    with pytest.raises(ArgumenTidakValid, match="2026-S1.*2025-S2") as galat:
        muat_hasil(hasil_kecil, "Dinas Sosial", periode="2025-S2")
    assert f"Hasil di {hasil_kecil} dihitung untuk periode 2026-S1" in str(galat.value)
    h = muat_hasil(hasil_kecil, "Dinas Sosial", periode="2026-S1")
    assert h.opd == "Dinas Sosial" and h.manifest["parameter"]["periode"] == ["2026-S1"]


def test_muat_hasil_folder_tanpa_manifest(tmp_path):
    """Folder yang ada tetapi belum berisi hasil: pesan yang menyuruh menjalankan laporan."""
    with pytest.raises(FileNotFoundError, match="bukan folder hasil: manifest.json tidak ada") as g:
        muat_hasil(tmp_path)
    assert "Jalankan dulu `asn-analitik laporan`" in str(g.value)


def test_muat_hasil_opd_tidak_membaca_baris_pegawai_opd_lain(hasil_kecil, monkeypatch):
    """Di dalam proses (kembaran uji notebook di test_laporan.py): setiap pembacaan Parquet oleh
    ``muat_hasil(folder, opd)`` hanya mengembalikan baris OPD itu, kecuali kolom ``opd`` saja
    (mencocokkan nama) dan ringkasan per OPD tanpa pegawai."""
    import pyarrow.parquet as pq

    asli, bacaan = pq.read_table, []

    def dicatat(sumber, *argumen, **kata):
        tabel = asli(sumber, *argumen, **kata)
        bacaan.append((Path(str(sumber)).name, tabel))
        return tabel

    monkeypatch.setattr(pq, "read_table", dicatat)
    h = muat_hasil(hasil_kecil, "Dinas Sosial")
    assert len(h.skor_pegawai) == 2 and len(bacaan) >= 20
    for berkas, tabel in bacaan:
        if "opd" not in tabel.column_names:
            assert "nip" not in tabel.column_names, berkas
        elif tabel.column_names != ["opd"] and berkas != "kebutuhan_pelatihan.parquet":
            assert set(tabel.column("opd").to_pylist()) <= {"Dinas Sosial"}, berkas


@pytest.mark.parametrize(
    ("nip", "tersamar"),
    [
        ("198609262015051001", "**************1001"),  # PNS
        ("198304232025211097", "**************1097"),  # PPPK
        ("197812312005011003", "**************1003"),
    ],
)
def test_samarkan_nip_hanya_empat_angka_terakhir(nip, tersamar):
    """Tanggal lahir dan TMT (14 digit pertama) tidak tampak; panjang tetap 18."""
    for seri in (pd.Series([nip]), pd.Series([nip], dtype="category")):
        hasil = samarkan_nip(seri).iloc[0]
        assert hasil == tersamar
        assert nip[:8] not in hasil and nip[8:14] not in hasil


def test_penilai_tertandai_dengan_nip_tersamar():
    """Ringkasan pimpinan: hanya penilai yang tertandai (murah hati, ketat, atau cenderung ke
    tengah), sekali per penilai (baris OPD-nya sendiri), dengan OPD-nya dan NIP tersamar."""
    kalibrasi = pd.DataFrame(
        {
            "nip_penilai": ["198001012005011001", "198001012005011001", "197001012000012002",
                            "196501012000011003", "196601012000011004"],
            "nama_penilai": ["Atasan Longgar", "Atasan Longgar", "Atasan Ketat", "Atasan Wajar",
                             "Atasan Tengah"],
            "opd": ["Dinas A", "Dinas B", "Dinas A", "Dinas A", "Dinas C"],
            "opd_penilai": ["Dinas A", "Dinas A", "Dinas A", "Dinas A", "Dinas C"],
            "periode": "2026", "jumlah_dinilai": [8, 8, 6, 7, 9], "pembanding": "bukti",
            "selisih_rata": [0.9, 0.9, -0.8, 0.0, 0.0], "porsi_lebih_tinggi": 0.0,
            "porsi_lebih_rendah": 0.0, "p_nilai": 0.01, "q_nilai": [0.01, 0.01, 0.02, 0.9, 0.5],
            "status": ["murah_hati", "murah_hati", "ketat", "wajar", "wajar"],
            "kecenderungan_tengah": ["tidak", "tidak", "tidak", "tidak", "ya"],
        }
    )  # fmt: skip
    tabel = penilai_tertandai(kalibrasi)
    # urut: q 0,01, 0,02, lalu yang hanya cenderung ke tengah (q 0,5); Atasan Wajar tidak ada
    assert tabel["Penilai"].tolist() == ["Atasan Longgar", "Atasan Ketat", "Atasan Tengah"]
    assert tabel["OPD"].tolist() == ["Dinas A", "Dinas A", "Dinas C"]
    assert tabel["NIP"].tolist() == ["**************1001", "**************2002",
                                     "**************1004"]  # fmt: skip
    assert "198001012005011001" not in tabel.to_string()


@pytest.mark.parametrize(
    ("kosongkan", "pesan"),
    [
        ("tren", r"^simpan_hasil butuh hasil tren \(laporan mengisi HasilKlaster\.tren\)\.$"),
        ("keadilan", r"^simpan_hasil butuh hasil klaster_dan_tulis\(\.\.\., keadilan=True\)\.$"),
    ],
)
def test_simpan_hasil_tanpa_tren_atau_keadilan_ditolak(klaster_kecil, tmp_path, kosongkan, pesan):
    """Hasil laporan tanpa tabel tren atau keadilan tidak disimpan setengah: galat pemrogram yang
    menyebut apa yang kurang, sebelum satu berkas pun ditulis."""
    import dataclasses

    with pytest.raises(ValueError, match=pesan):
        simpan_hasil(dataclasses.replace(klaster_kecil, **{kosongkan: None}), tmp_path / "h")
    assert not (tmp_path / "h").exists()
