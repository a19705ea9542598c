"""``asn-analitik impor ekinerja`` (kontrak v2 bagian 6) pada ekspor sintetis yang bentuknya sama
dengan laporan e-Kinerja BKN (``asn_analitik.contoh.ekinerja``): header di baris 8 dan di baris
lain, judul dengan dan tanpa bulan, judul bergabung, CSV berpemisah ``;``, kedua jenis laporan,
setiap aturan pembersihan, dan hitungan dibaca = ditulis + ditolak + dikecualikan per berkas.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import NIP_A, NIP_B, NIP_PPPK
from openpyxl import Workbook

from asn_analitik.cli import utama
from asn_analitik.contoh.ekinerja import (
    KOLOM_PENILAIAN,
    buat_ekspor_ekinerja,
    tulis_ekspor_ekinerja,
)
from asn_analitik.masuk.ekinerja import periode_dari_judul, periode_dari_nama


@pytest.fixture(scope="module")
def ekspor(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ekspor")
    tulis_ekspor_ekinerja(folder, 120, seed=2026)
    return folder


@pytest.fixture(scope="module")
def impor(ekspor, tmp_path_factory) -> Path:
    keluaran = tmp_path_factory.mktemp("impor") / "data"
    assert utama(["impor", "ekinerja", str(ekspor), "--keluaran", str(keluaran)]) == 0
    return keluaran


def baca(folder: Path, nama: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{nama}.csv", dtype="str", keep_default_na=False)


def manifest(folder: Path) -> dict:
    return json.loads((folder / "impor_manifest.json").read_text(encoding="utf-8"))


def test_berkas_keluaran_dan_hitungan_per_berkas(impor):
    assert sorted(p.name for p in impor.iterdir()) == [
        "evaluasi_atasan.csv", "impor_dikecualikan.csv", "impor_ditolak.csv",
        "impor_manifest.json", "pegawai.csv", "status_skp.csv",
    ]  # fmt: skip
    m = manifest(impor)
    for b in m["berkas"]:
        assert b["dibaca"] == b["ditulis"] + b["ditolak"] + b["dikecualikan"], b
        assert len(b["sha256"]) == 64
    dikecualikan = baca(impor, "impor_dikecualikan")
    per_berkas = dikecualikan["berkas"].value_counts()
    for b in m["berkas"]:
        assert per_berkas.get(b["berkas"], 0) == b["dikecualikan"]
    assert sum(b["ditulis"] for b in m["berkas"] if b["jenis"] == "Laporan Penilaian SKP") == len(
        baca(impor, "evaluasi_atasan")
    )


def test_periode_dari_judul_atau_nama_berkas_bukan_dari_waktu_diperbarui(impor):
    laporan = [b for b in manifest(impor)["berkas"] if b["jenis"] == "Laporan Penilaian SKP"]
    periode = {b["berkas"]: (b["periode"], b["sumber_periode"], b["baris_header"]) for b in laporan}
    assert periode == {
        "penilaian_skp_2026-01.xlsx": ("2026-01", "judul", 8),
        "penilaian_skp_2026-02.xlsx": ("2026-02", "judul", 8),
        "penilaian_skp_2026-03.csv": ("2026-03", "judul", 8),  # CSV berpemisah ;
        "penilaian_skp_202604.xlsx": ("2026-04", "nama berkas", 8),  # judul tanpa bulan
        "penilaian_skp_2026-05.xlsx": ("2026-05", "judul", 6),  # header di baris 6
        "penilaian_skp_2026-06.xlsx": ("2026-06", "judul", 8),
        "penilaian_skp_tahunan_2025.xlsx": ("2025", "judul", 8),
    }
    meta = next(b for b in manifest(impor)["berkas"] if b["berkas"] == "penilaian_skp_2026-01.xlsx")
    assert meta["baris_metadata"][0] == "LAPORAN PENILAIAN SKP BULANAN PERIODE JANUARI 2026"
    assert any("Diperbarui" in b for b in meta["baris_metadata"])


def test_plt_mutasi_dan_belum_dinilai(ekspor, impor):
    (_, januari), evaluasi = (
        buat_ekspor_ekinerja(120, 2026)["penilaian_skp_2026-01.xlsx"],
        baca(impor, "evaluasi_atasan"),
    )
    kecuali = baca(impor, "impor_dikecualikan")
    jan = kecuali[kecuali["berkas"] == "penilaian_skp_2026-01.xlsx"]
    assert (jan["alasan"].str.startswith("SKP PLT/PLH")).sum() == 2
    mutasi = jan[jan["alasan"].str.startswith("Mutasi")]
    assert len(mutasi) == 1
    nip_mutasi = mutasi["nip"].iloc[0]
    # Yang dipakai: SKP baru (periode_akhir_skp terakhir), bukan "Unit lama".
    baris_baru = int(re.search(r"baris (\d+)", mutasi["alasan"].iloc[0]).group(1))
    asli = januari.iloc[baris_baru - 9]  # header di baris 8
    assert asli["nip"] == nip_mutasi and asli["skp_unor"] != "Unit lama"
    jan_eval = evaluasi[evaluasi["periode"] == "2026-01"]
    assert jan_eval["nip"].is_unique and len(jan_eval) == 117
    # Yang belum dinilai tetap ditulis, dengan rating dan predikat kosong.
    belum = januari[(januari["hasil_akhir"] == "-") & (januari["is_skp_plt_plh_pjb"] == "0")]
    assert len(belum) > 0
    kosong = jan_eval[jan_eval["nip"].isin(belum["nip"])]
    assert (kosong[["rating_hasil_kerja", "rating_perilaku", "predikat_resmi"]] == "").all().all()


def test_semua_ejaan_rating_dan_predikat_dibakukan(impor):
    evaluasi = baca(impor, "evaluasi_atasan")
    assert set(evaluasi["rating_hasil_kerja"]) <= {"di_atas", "sesuai", "di_bawah", ""}
    assert set(evaluasi["predikat_resmi"]) <= {"sangat_baik", "baik", "butuh_perbaikan", "kurang",
                                               "sangat_kurang", ""}  # fmt: skip
    assert {"di_atas", "sesuai", "di_bawah"} <= set(evaluasi["rating_perilaku"])


@pytest.mark.parametrize(
    ("tulisan", "kolom", "baku"),
    [
        ("DIATAS ESPEKTASI", "hasil_kerja", "di_atas"),
        ("Diatas", "perilaku_kerja", "di_atas"),
        ("SESUAI ESPEKTASI", "hasil_kerja", "sesuai"),
        ("DIBAWAH ESPEKTASI", "perilaku_kerja", "di_bawah"),
        ("Butuh Perbaikan (Cukup)", "hasil_akhir", "butuh_perbaikan"),
        ("Cukup", "hasil_akhir", "butuh_perbaikan"),
        ("KURANG/MISCONDUCT", "hasil_akhir", "kurang"),
        ("SANGAT BAIK", "hasil_akhir", "sangat_baik"),
    ],
)
def test_ejaan_satu_per_satu(tmp_path, tulisan, kolom, baku):
    berkas = _satu_laporan(tmp_path, [{**_baris(NIP_A), kolom: tulisan}])
    assert utama(["impor", "ekinerja", str(berkas), "--keluaran", str(tmp_path / "d")]) == 0
    ev = baca(tmp_path / "d", "evaluasi_atasan")
    nama = {"hasil_kerja": "rating_hasil_kerja", "perilaku_kerja": "rating_perilaku",
            "hasil_akhir": "predikat_resmi"}[kolom]  # fmt: skip
    assert ev[nama].tolist() == [baku]


def _baris(nip: str, **lain) -> dict:
    dasar = {k: "" for k in KOLOM_PENILAIAN}
    dasar.update(nip=nip, nama="Andi", skp_unor_induk="DINAS KESEHATAN", skp_unor="Puskesmas",
                 is_skp_plt_plh_pjb="0", hasil_kerja="Sesuai Ekspektasi",
                 perilaku_kerja="Sesuai Ekspektasi", hasil_akhir="Baik",
                 periode_akhir_skp="2026-12-31")  # fmt: skip
    return {**dasar, **lain}


def _satu_laporan(folder: Path, baris: list[dict], judul="LAPORAN PENILAIAN SKP BULAN MARET 2026",
                  nama="penilaian.xlsx", metadata=None) -> Path:  # fmt: skip
    buku = Workbook()
    lembar = buku.active
    for isi in metadata or [judul, "Instansi : Pemkab Bulungan", "", "", "",
                            "Diperbarui : 02 April 2026 10:00", ""]:  # fmt: skip
        lembar.append([isi])
    lembar.append(list(baris[0]))
    for b in baris:
        lembar.append([b[k] for k in baris[0]])
    path = folder / nama
    buku.save(path)
    return path


def test_label_tidak_dikenal_menolak_baris_dengan_daftar_yang_diterima(tmp_path):
    berkas = _satu_laporan(tmp_path, [_baris(NIP_A), _baris(NIP_B, hasil_kerja="Memuaskan")])
    assert utama(["impor", "ekinerja", str(berkas), "--keluaran", str(tmp_path / "d")]) == 0
    tolak = baca(tmp_path / "d", "impor_ditolak")
    assert tolak[["baris", "kolom", "nilai"]].values.tolist() == [
        ["10", "hasil_kerja", "Memuaskan"]
    ]
    assert "Di Atas Ekspektasi" in tolak["alasan"].iloc[0]
    assert baca(tmp_path / "d", "evaluasi_atasan")["nip"].tolist() == [NIP_A]


def test_nip_angka_ditolak(tmp_path):
    berkas = _satu_laporan(tmp_path, [_baris(NIP_A), _baris("1.98609262015051E+17")])
    assert utama(["impor", "ekinerja", str(berkas), "--keluaran", str(tmp_path / "d")]) == 0
    tolak = baca(tmp_path / "d", "impor_ditolak")
    assert tolak["kolom"].tolist() == ["nip"] and "Teks" in tolak["alasan"].iloc[0]


def test_pns_dan_pppk_dibedakan(tmp_path):
    baris = [_baris(NIP_A, jenis_pegawai="PNS"), _baris(NIP_B, jenis_pegawai=""),
             _baris(NIP_PPPK, jenis_pegawai="")]  # fmt: skip
    berkas = _satu_laporan(tmp_path, baris)
    assert utama(["impor", "ekinerja", str(berkas), "--keluaran", str(tmp_path / "d")]) == 0
    pegawai = baca(tmp_path / "d", "pegawai").set_index("nip")["jenis_pegawai"]
    assert pegawai.to_dict() == {NIP_A: "PNS", NIP_B: "PNS", NIP_PPPK: "PPPK"}


def test_periode_tidak_dapat_ditentukan_berhenti_dengan_cara_menamai(tmp_path, capsys):
    """Judul dengan tahun tanpa bulan dan nama berkas tanpa periode: bulan di baris
    'Diperbarui' tidak boleh dipakai."""
    berkas = _satu_laporan(tmp_path, [_baris(NIP_A)], judul="LAPORAN PENILAIAN SKP 2026")
    assert utama(["impor", "ekinerja", str(berkas), "--keluaran", str(tmp_path / "d")]) == 2
    err = capsys.readouterr().err
    assert "penilaian.xlsx" in err and "penilaian_skp_2026-01.xlsx" in err
    assert not (tmp_path / "d").exists() or not list((tmp_path / "d").iterdir())
    assert utama(["impor", "ekinerja", str(berkas), "--keluaran", str(tmp_path / "d"),
                  "--periode", "2026-02"]) == 0  # fmt: skip
    assert baca(tmp_path / "d", "evaluasi_atasan")["periode"].tolist() == ["2026-02"]


def test_periode_untuk_lebih_dari_satu_laporan_ditolak(ekspor, tmp_path, capsys):
    kode = utama(["impor", "ekinerja", str(ekspor), "--keluaran", str(tmp_path / "d"),
                  "--periode", "2026-01"])  # fmt: skip
    assert kode == 2 and "hanya dapat dipakai untuk satu" in capsys.readouterr().err


def test_berkas_bukan_ekspor_ekinerja(tmp_path, capsys):
    (tmp_path / "rekap.csv").write_text("nama,nilai\nA,1\n")
    assert utama(["impor", "ekinerja", str(tmp_path / "rekap.csv"), "--keluaran",
                  str(tmp_path / "d")]) == 2  # fmt: skip
    err = capsys.readouterr().err
    assert "rekap.csv bukan ekspor e-Kinerja" in err and "hasil_akhir" in err


@pytest.mark.parametrize(
    ("baris", "periode"),
    [
        (["LAPORAN PENILAIAN SKP BULAN JANUARI 2026"], "2026-01"),
        (["Laporan Penilaian SKP Periode Mei Tahun 2026"], "2026-05"),
        (["PENILAIAN KINERJA TAHUNAN 2025"], "2025"),
        (["LAPORAN PENILAIAN SKP 2026", "Diperbarui : 03 Februari 2026 14:22"], None),
        (["LAPORAN 2026", "Dicetak 12 Maret 2026"], None),
    ],
)
def test_periode_dari_judul(baris, periode):
    assert periode_dari_judul(baris) == periode


@pytest.mark.parametrize(
    ("nama", "periode"),
    [("penilaian_2026-01.xlsx", "2026-01"), ("ekinerja_202603.csv", "2026-03"),
     ("Penilaian Januari 2026.xlsx", "2026-01"), ("penilaian_tahunan_2025.xlsx", "2025"),
     ("tahunan-2024.xlsx", "2024"), ("laporan_penilaian.xlsx", None),
     ("skp_2026-13.xlsx", None)],
)  # fmt: skip
def test_periode_dari_nama(nama, periode):
    assert periode_dari_nama(nama) == periode


def test_folder_impor_dibaca_semua_perintah(impor, tmp_path, capsys):
    assert utama(["validasi", "--data", str(impor)]) == 0
    out = capsys.readouterr().out
    assert "Tidak ada masalah" in out
    assert utama(["skor", "--data", str(impor), "--keluaran", str(tmp_path / "s")]) == 0
    skor = pd.read_csv(tmp_path / "s" / "skor_pegawai.csv", dtype="str", keep_default_na=False)
    assert skor["periode"].nunique() == 7
    ev = baca(impor, "evaluasi_atasan")
    assert len(skor) == len(ev)
    assert {"predikat_resmi", "predikat"} <= set(skor.columns)
    dinilai = skor[skor["rating_hasil_kerja"] != ""]
    assert (dinilai["sumber_rating"] == "atasan").all()
    # Predikat resmi yang tidak sesuai matriks tetap dibawa apa adanya.
    beda = dinilai[
        (dinilai["predikat_resmi"] != dinilai["predikat"]) & (dinilai["predikat_resmi"] != "")
    ]
    assert len(beda) > 0


# --- SIASN --------------------------------------------------------------------------------


def _json(path: Path, isi) -> Path:
    path.write_text(json.dumps(isi), encoding="utf-8")
    return path


@pytest.mark.parametrize("bungkus", ["daftar", "data", "data.data"])
def test_siasn_rw_skp22_dibungkus_atau_tidak_nip_dari_nama_berkas(tmp_path, bungkus):
    catatan = [
        {"tahun": 2024, "hasilKinerjaNilai": 1, "PerilakuKerjaNilai": "2", "KuadranKinerjaNilai": 2,
         "namaPenilai": "Budi", "nipNrpPenilai": NIP_B},
        {"TAHUN": "2025", "HASILKINERJANILAI": 3, "perilakukerjanilai": 3,
         "kuadranKinerjaNilai": 5},
    ]  # fmt: skip
    isi = {"daftar": catatan, "data": {"data": catatan}, "data.data": {"data": {"data": catatan}}}
    _json(tmp_path / f"rw-skp22_{NIP_A}.json", isi[bungkus])
    assert utama(["impor", "siasn", str(tmp_path), "--keluaran", str(tmp_path / "d")]) == 0
    ev = baca(tmp_path / "d", "evaluasi_atasan")
    kolom = ["nip", "periode", "rating_hasil_kerja", "rating_perilaku", "predikat_resmi"]
    assert ev[kolom].values.tolist() == [
        [NIP_A, "2024", "di_atas", "sesuai", "baik"],
        [NIP_A, "2025", "di_bawah", "di_bawah", "sangat_kurang"],
    ]  # fmt: skip
    assert ev["nip_penilai"].tolist() == [NIP_B, ""] and ev["nama_penilai"].tolist() == ["Budi", ""]
    assert not (tmp_path / "d" / "status_skp.csv").exists()


def test_siasn_kinerja_periodik_bulan_dan_triwulan(tmp_path):
    dasar = {"nipBaru": NIP_B, "nama": "Budi", "unorNama": "Dinas Kesehatan", "tahun": 2026,
             "hasilKinerjaNilai": 2, "perilakuKerjaNilai": 2, "kuadranKinerjaNilai": 2}  # fmt: skip
    _json(tmp_path / "rw-kinerjaperiodik.json", [
        {**dasar, "bulanMulaiPenilaian": 3, "bulanSelesaiPenilaian": 3, "periodikId": 1},
        {**dasar, "bulanMulaiPenilaian": 4, "bulanSelesaiPenilaian": 6, "periodikId": 2},
        {**dasar, "bulanMulaiPenilaian": 7, "bulanSelesaiPenilaian": 7, "hasilKinerjaNilai": 9},
    ])  # fmt: skip
    assert utama(["impor", "siasn", str(tmp_path), "--keluaran", str(tmp_path / "d")]) == 0
    d = tmp_path / "d"
    assert baca(d, "evaluasi_atasan")["periode"].tolist() == ["2026-03", "2026-TW2"]
    tolak = baca(d, "impor_ditolak")
    assert tolak[["baris", "kolom", "nilai"]].values.tolist() == [["3", "hasilKinerjaNilai", "9"]]
    assert "1 (di atas)" in tolak["alasan"].iloc[0]
    pegawai = baca(d, "pegawai")
    assert pegawai[["nip", "nama", "opd"]].values.tolist() == [[NIP_B, "Budi", "Dinas Kesehatan"]]
    (b,) = manifest(d)["berkas"]
    assert (b["dibaca"], b["ditulis"], b["ditolak"], b["dikecualikan"]) == (3, 2, 1, 0)


def test_siasn_bukan_json(tmp_path, capsys):
    (tmp_path / "x.json").write_text("<html>")
    assert (
        utama(["impor", "siasn", str(tmp_path / "x.json"), "--keluaran", str(tmp_path / "d")]) == 2
    )
    assert "bukan JSON" in capsys.readouterr().err


# --- Folder rating saja di seluruh kit ----------------------------------------------------


def test_kepatuhan_penilaian_dihitung_dengan_tangan(tmp_path):
    """Dua bulan, tiga pegawai: Januari 2 dari 3 dinilai, Februari 3 dari 3; SKP disetujui 2."""
    from asn_analitik.analisis.kepatuhan import kepatuhan_penilaian
    from asn_analitik.nilai.aturan import muat_aturan

    pegawai = pd.DataFrame({"nip": [NIP_A, NIP_B, NIP_PPPK], "nama": ["A", "B", "C"],
                            "opd": ["Dinas X"] * 3})  # fmt: skip
    evaluasi = pd.DataFrame({
        "nip": [NIP_A, NIP_B, NIP_PPPK] * 2, "periode": ["2026-01"] * 3 + ["2026-02"] * 3,
        "rating_hasil_kerja": ["sesuai", "di_atas", None, "sesuai", "sesuai", "di_bawah"],
        "rating_perilaku": ["sesuai", "sesuai", None, "sesuai", "di_atas", "sesuai"],
        "predikat_resmi": [None, "baik", None, None, None, None],
    })  # fmt: skip
    status = pd.DataFrame({"nip": [NIP_A, NIP_B, NIP_PPPK], "tahun": ["2026"] * 3,
                           "skp_status": ["persetujuan", "persetujuan", "draft"]})  # fmt: skip
    k = kepatuhan_penilaian(pegawai, evaluasi, status,
                            muat_aturan()["permenpanrb_6_2022"]["matriks_predikat"])  # fmt: skip
    assert k.kepatuhan.drop(columns="opd").values.tolist() == [
        ["2026-01", 3, 2, 2, 1, 0.666667],
        ["2026-02", 3, 2, 3, 0, 1.0],
    ]
    assert k.belum_dinilai[["nip", "periode"]].values.tolist() == [[NIP_PPPK, "2026-01"]]
    feb = k.tren_predikat[k.tren_predikat["periode"] == "2026-02"].set_index("predikat")
    assert feb["jumlah"].to_dict() == {"Baik": 2, "Butuh Perbaikan": 1}


def test_kepatuhan_kasus_tepi_dan_sama_untuk_kategori_atau_teks(impor):
    """NIP yang tidak ada di pegawai tidak dihitung; NIP pegawai ganda: baris pertama; OPD
    kosong: tidak masuk kelompok mana pun; predikat resmi mengalahkan matriks; rating yang tidak
    dikenal tetap terisi (dinilai bila keduanya terisi) tetapi tanpa predikat. Hasil dari tabel
    muat (Categorical) sama persis dengan dari teks biasa."""
    from asn_analitik.analisis.kepatuhan import kepatuhan_penilaian
    from asn_analitik.masuk.muat import muat
    from asn_analitik.nilai.aturan import muat_aturan

    matriks = muat_aturan()["permenpanrb_6_2022"]["matriks_predikat"]
    nip_x, nip_c = "199912312020121001", "199001012015031003"
    pegawai = pd.DataFrame({"nip": [NIP_A, NIP_B, NIP_A, nip_c], "nama": ["A", "B", "A2", "C"],
                            "opd": ["Dinas X", "Dinas Y", "Dinas Z", None]})  # fmt: skip
    evaluasi = pd.DataFrame({
        "nip": [NIP_A, NIP_B, nip_x, nip_c, NIP_B],
        "periode": ["2026-01", "2026-01", "2026-01", "2026-01", "2026-02"],
        "rating_hasil_kerja": ["di_atas", "sesuai", "sesuai", "sesuai", "ajaib"],
        "rating_perilaku": ["di_atas", None, "sesuai", "sesuai", "sesuai"],
        "predikat_resmi": [None, "kurang", None, None, None],
    })  # fmt: skip
    k = kepatuhan_penilaian(pegawai, evaluasi, None, matriks)
    assert k.kepatuhan[["opd", "periode", "jumlah_pegawai", "dinilai"]].values.tolist() == [
        ["Dinas X", "2026-01", 1, 1],  # NIP_A: baris pegawai pertama (Dinas X, bukan Z)
        ["Dinas Y", "2026-01", 1, 1],  # predikat resmi walau rating perilaku kosong
        ["Dinas Y", "2026-02", 1, 1],  # "ajaib": terisi, jadi dinilai, tetapi tanpa predikat
    ]
    assert k.kepatuhan["skp_disetujui"].isna().all()  # tanpa status_skp: tidak diketahui
    assert k.belum_dinilai.empty
    assert k.tren_predikat.values.tolist() == [
        ["Dinas X", "2026-01", "Sangat Baik", 1, 1.0],
        ["Dinas Y", "2026-01", "Kurang/Misconduct", 1, 1.0],
    ]

    data = muat(impor)
    tabel = [data.tabel["pegawai"], data.tabel["evaluasi_atasan"], data.tabel["status_skp"]]
    assert isinstance(tabel[1]["nip"].dtype, pd.CategoricalDtype)
    teks = [
        t.astype({c: "str" for c in t.columns if isinstance(t[c].dtype, pd.CategoricalDtype)})
        for t in tabel
    ]
    a, b = kepatuhan_penilaian(*tabel, matriks), kepatuhan_penilaian(*teks, matriks)
    assert len(a.belum_dinilai) and a.kepatuhan["skp_disetujui"].sum() > 0
    for nama in ("kepatuhan", "belum_dinilai", "tren_predikat"):
        pd.testing.assert_frame_equal(getattr(a, nama), getattr(b, nama))


@pytest.fixture(scope="module")
def laporan_impor(impor, tmp_path_factory) -> Path:
    keluaran = tmp_path_factory.mktemp("laporan_impor")
    assert utama(["laporan", "--data", str(impor), "--keluaran", str(keluaran),
                  "--paralel", "2"]) == 0  # fmt: skip
    return keluaran / "2026-06"


def test_laporan_dari_impor_tanpa_grafik_kosong_dan_hanya_pegawai_sendiri(impor, laporan_impor):
    pegawai = baca(impor, "pegawai")
    halaman = {
        p.stem: p.read_text(encoding="utf-8") for p in (laporan_impor / "opd").glob("*.html")
    }
    assert len(halaman) == pegawai["opd"].nunique()
    from asn_analitik.laporan.slug import slug_unik

    slug = slug_unik(sorted(pegawai["opd"].unique()))
    for opd, kelompok in pegawai.groupby("opd"):
        teks = halaman[slug[opd]]
        assert "Capaian indikator tidak tersedia: data ini hanya memuat rating" in teks
        assert "Pola kinerja tidak tersedia" in teks
        assert "Penilaian atasan per periode" in teks
        assert all(n in teks for n in kelompok["nip"])
        lain = pegawai.loc[pegawai["opd"] != opd, "nip"]
        assert not any(n in teks for n in lain), opd
    pimpinan = (laporan_impor / "ringkasan_pimpinan.html").read_text(encoding="utf-8")
    assert "Penilaian atasan per OPD dan periode" in pimpinan
    assert not any(n in pimpinan for n in pegawai["nip"])
    assert (laporan_impor / "kepatuhan_penilaian.csv").exists()
    rek = pd.read_csv(laporan_impor / "rekomendasi_pelatihan.csv", dtype="str")
    assert len(rek) > 0 and set(rek["dasar"]) == {"rating"}
    assert rek["alasan"].str.contains("rekomendasi dari rating, bukan dari indikator").all()


def test_indikator_kit_dan_rating_resmi_dalam_satu_folder(buat_folder):
    """Rating resmi (hasil impor) menggantikan rating usulan dari indikator kit."""
    from asn_analitik import muat, pilih_periode, skor

    indikator = [{"nip": NIP_A, "periode": "2026-01", "indikator": "Laporan", "aspek": "kuantitas",
                  "target": 10, "realisasi": 12}]  # fmt: skip
    evaluasi = [{"nip": NIP_A, "periode": "2026-01", "rating_hasil_kerja": "DIBAWAH ESPEKTASI",
                 "rating_perilaku": "sesuai", "predikat_resmi": "Butuh Perbaikan (Cukup)",
                 "nama_penilai": "Budi"}]  # fmt: skip
    hasil = skor(pilih_periode(muat(buat_folder({"indikator": indikator,
                                                 "evaluasi_atasan": evaluasi})), None))  # fmt: skip
    b = hasil.skor_pegawai.iloc[0]
    assert b["rating_hasil_kerja_usulan"] == "Di Atas Ekspektasi"  # dari capaian 120
    assert b["rating_hasil_kerja"] == "Di Bawah Ekspektasi" and b["sumber_rating"] == "atasan"
    assert (b["predikat"], b["predikat_resmi"]) == ("Butuh Perbaikan", "Butuh Perbaikan")
