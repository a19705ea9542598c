"""Baris perintah dari ujung ke ujung (kontrak v1, bagian 4 dan 5), lewat proses terpisah
seperti yang dijalankan analis: ``python -m asn_analitik ...``.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import NIP_A, NIP_B, NIP_C, NIP_D, pegawai_untuk, teks_csv
from openpyxl import Workbook, load_workbook

import asn_analitik

KOLOM_SKOR = [
    "nip", "nama", "opd", "unit_kerja", "jabatan", "periode",
    "capaian_kuantitas", "capaian_kualitas", "capaian_waktu", "capaian_biaya",
    "nilai_hasil_kerja", "rating_hasil_kerja_usulan", "nilai_perilaku", "rating_perilaku_usulan",
    "rating_hasil_kerja", "rating_perilaku", "sumber_rating", "predikat",
    "jumlah_indikator", "indikator_tidak_dilaporkan", "indikator_ditolak", "peringkat_opd",
]  # fmt: skip
KOLOM_SKOR_PP46 = [
    "nip", "nama", "opd", "unit_kerja", "jabatan", "periode",
    "capaian_kuantitas", "capaian_kualitas", "capaian_waktu", "capaian_biaya",
    "nilai_skp", "nilai_perilaku", "nilai_prestasi_kerja", "sebutan",
    "jumlah_indikator", "indikator_tidak_dilaporkan", "indikator_ditolak", "peringkat_opd",
]  # fmt: skip
KOLOM_DITOLAK = ["berkas", "baris", "kolom", "nilai", "alasan"]
_PROGRES = re.compile(r"^\[\d{2}:\d{2}:\d{2}\] ")


def jalankan(*argumen) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "asn_analitik", *map(str, argumen)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def pesan_galat(proses: subprocess.CompletedProcess) -> list[str]:
    """Baris stderr selain baris kemajuan bercap waktu."""
    return [b for b in proses.stderr.splitlines() if b.strip() and not _PROGRES.match(b)]


def baca(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype={"nip": "str", "nilai": "str"}, keep_default_na=True)


def ind(nip, periode, indikator, aspek, target, realisasi) -> dict:
    return {
        "nip": nip,
        "periode": periode,
        "indikator": indikator,
        "aspek": aspek,
        "target": target,
        "realisasi": realisasi,
    }


def tulis_data(folder: Path) -> Path:
    """Folder kecil dengan semua nasib baris: dinilai, ditolak (sekali dan dua kali di satu
    baris), dikecualikan (pegawai pensiun), dua periode, dua OPD, rating atasan."""
    folder.mkdir(parents=True)
    pegawai = pegawai_untuk(NIP_A, NIP_B) + pegawai_untuk(NIP_C, opd="Dinas Sosial")
    pegawai += [{"nip": NIP_D, "nama": "Pegawai 4", "opd": "Dinas Sosial", "status": "pensiun"}]
    indikator = [
        ind(NIP_A, "2026-S1", "Laporan", "kuantitas", 100, 100),  # 2: 100
        ind(NIP_A, "2026-S1", "Layanan", "waktu", 10, 8),  # 3: 100 (2 - 0.8) = 120
        ind(NIP_B, "2026-S1", "Laporan", "kuantitas", 100, 80),  # 4: 80
        ind(NIP_B, "2026-S1", "Mutu", "kualitas", 0, 80),  # 5: target 0 -> ditolak
        ind(NIP_C, "2026-S1", "Laporan", "kuantitas", 100, ""),  # 6: tidak dilaporkan -> 0
        ind(NIP_D, "2026-S1", "Laporan", "kuantitas", 100, 100),  # 7: pensiun -> dikecualikan
        ind(NIP_A, "2026-S2", "Laporan", "kuantitas", 100, 90),  # 8: 90
        ind(NIP_B, "2026-S2", "Laporan", "jumlah", "x", 80),  # 9: dua masalah, satu baris
    ]
    perilaku = [
        {"nip": NIP_A, "periode": "2026-S1", "aspek": "loyal", "nilai": 4},
        {"nip": NIP_A, "periode": "2026-S1", "aspek": "adaptif", "nilai": 3},  # rata 3.5
        {"nip": NIP_B, "periode": "2026-S1", "aspek": "loyal", "nilai": 2},
    ]
    evaluasi = [
        {
            "nip": NIP_C,
            "periode": "2026-S1",
            "rating_hasil_kerja": "Di Atas Ekspektasi",
            "rating_perilaku": "sesuai",
        }
    ]
    for nama, isi in [
        ("pegawai", pegawai),
        ("indikator", indikator),
        ("perilaku", perilaku),
        ("evaluasi_atasan", evaluasi),
    ]:
        (folder / f"{nama}.csv").write_text(teks_csv(isi), encoding="utf-8")
    return folder


def tulis_data_bersih(folder: Path) -> Path:
    """Folder tanpa satu pun masalah: validasi harus keluar 0, ditolak.csv hanya header."""
    folder.mkdir(parents=True)
    (folder / "pegawai.csv").write_text(teks_csv(pegawai_untuk(NIP_A, NIP_B)), encoding="utf-8")
    indikator = [
        ind(NIP_A, "2026-S1", "Laporan", "kuantitas", 100, 95),
        ind(NIP_B, "2026-S1", "Laporan", "kuantitas", 100, 105),
    ]
    (folder / "indikator.csv").write_text(teks_csv(indikator), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hasil_skor(tmp_path_factory):
    """Satu kali ``skor`` atas folder contoh, dipakai bersama oleh uji keluaran."""
    akar = tmp_path_factory.mktemp("cli")
    data = tulis_data(akar / "data")
    keluar = akar / "hasil"
    proses = jalankan("skor", "--data", data, "--keluaran", keluar)
    return data, keluar, proses


def test_skor_menulis_semua_keluaran(hasil_skor):
    """Kontrak 5: tabel hasil, ditolak, dikecualikan dan manifest ditulis; keluar 0; satu baris
    ringkasan dengan hitungan yang cocok dengan isi berkas."""
    _, keluar, proses = hasil_skor
    assert proses.returncode == 0, proses.stderr
    assert "Traceback" not in proses.stderr
    ada = sorted(p.name for p in keluar.iterdir())
    assert ada == [
        "capaian_indikator.csv", "dikecualikan.csv", "ditolak.csv", "kepatuhan_penilaian.csv",
        "manifest.json", "skor_pegawai.csv",
    ]  # fmt: skip
    assert (
        json.loads((keluar / "manifest.json").read_text(encoding="utf-8"))["berkas_keluaran"] == ada
    )
    # Semesta (pegawai, periode): siapa pun yang punya baris indikator pada periode itu, juga
    # bila semua barisnya ditolak (B di 2026-S2); D pensiun tidak ada.
    s = baca(keluar / "skor_pegawai.csv")
    assert sorted(zip(s["nip"], s["periode"], strict=True)) == sorted(
        [(NIP_A, "2026-S1"), (NIP_B, "2026-S1"), (NIP_C, "2026-S1"), (NIP_A, "2026-S2"),
         (NIP_B, "2026-S2")]
    )  # fmt: skip
    assert len(baca(keluar / "capaian_indikator.csv")) == 5  # baris 2, 3, 4, 6, 8
    assert len(baca(keluar / "ditolak.csv")) == 3  # baris 5, dan baris 9 dua kali
    assert len(baca(keluar / "dikecualikan.csv")) == 2  # indikator baris 7, pegawai baris 5
    ringkas = [b for b in proses.stdout.splitlines() if b.startswith("Selesai:")]
    assert ringkas == [
        f"Selesai: 5 pegawai-periode dinilai (2026-S1, 2026-S2); indikator: 8 dibaca, 5 dinilai, "
        f"2 ditolak, 1 dikecualikan. Hasil di {keluar}."
    ]


def test_skor_menyebut_baris_ditolak_di_tabel_lain(tmp_path):
    """Ringkasan ``skor`` menghitung satu tabel (indikator); baris perilaku yang ditolak tetap
    disebut, bukan tersembunyi di balik "0 ditolak"."""
    data = tulis_data_bersih(tmp_path / "data")
    perilaku = [{"nip": NIP_A, "periode": "2026-S1", "aspek": a, "nilai": n}
                for a, n in (("akuntabel", 3), ("kompeten", "lima"))]  # fmt: skip
    (data / "perilaku.csv").write_text(teks_csv(perilaku), encoding="utf-8")
    proses = jalankan("skor", "--data", data, "--keluaran", tmp_path / "hasil")
    assert proses.returncode == 0, proses.stderr
    baris = proses.stdout.splitlines()
    assert "Baris ditolak di tabel lain: perilaku 1 (alasannya di berkas ditolak)." in baris
    assert any(b.startswith("Selesai:") and "0 ditolak" in b for b in baris)


@pytest.mark.parametrize("perintah", ["klaster", "kalibrasi", "tren"])
def test_perintah_lain_menyebut_baris_ditolak(perintah, tmp_path):
    """Seperti ``skor``, perintah lain yang membaca folder data menyebut baris yang ditolak
    (per tabel) sebelum ringkasannya, bukan hanya di berkas ``ditolak``."""
    data = tulis_data_bersih(tmp_path / "data")
    perilaku = [{"nip": NIP_A, "periode": "2026-S1", "aspek": a, "nilai": n}
                for a, n in (("akuntabel", 3), ("kompeten", "lima"))]  # fmt: skip
    (data / "perilaku.csv").write_text(teks_csv(perilaku), encoding="utf-8")
    proses = jalankan(perintah, "--data", data, "--keluaran", tmp_path / "hasil")
    assert proses.returncode == 0, proses.stderr
    baris = proses.stdout.splitlines()
    ditolak = "Baris ditolak: perilaku 1 (alasannya di berkas ditolak)."
    assert ditolak in baris
    assert baris.index(ditolak) < next(i for i, b in enumerate(baris) if b.startswith("Selesai"))
    bersih = jalankan(perintah, "--data", tulis_data_bersih(tmp_path / "bersih"),
                      "--keluaran", tmp_path / "hasil_bersih")  # fmt: skip
    assert bersih.returncode == 0, bersih.stderr
    assert not any(b.startswith("Baris ditolak") for b in bersih.stdout.splitlines())


def test_laporan_menyebut_baris_ditolak_per_periode(tmp_path, monkeypatch, capsys):
    """``laporan`` menyebut baris yang ditolak menurut manifest setiap periode, sebelum baris
    ringkasan periode itu; periode tanpa baris ditolak tidak diberi baris tambahan."""
    from asn_analitik.cli import utama
    from asn_analitik.laporan import jalankan as modul

    folder = {}
    for periode, ditolak in (("2025-S2", 0), ("2026-S1", 2)):
        folder[periode] = tmp_path / periode
        folder[periode].mkdir()
        jumlah = {"pegawai": {"ditolak": 0}, "evaluasi_atasan": {"ditolak": ditolak}}
        (folder[periode] / "manifest.json").write_text(json.dumps({"jumlah_baris": jumlah}))
    hasil = modul.HasilLaporan(folder=folder, status={p: [] for p in folder})
    monkeypatch.setattr(modul, "jalankan_laporan", lambda *a, **k: hasil)
    assert utama(["laporan", "--data", str(tmp_path), "--keluaran", str(tmp_path)]) == 0
    baris = capsys.readouterr().out.splitlines()
    assert [b.split(":")[0] for b in baris] == ["Periode 2025-S2", "Baris ditolak",
                                                 "Periode 2026-S1"]  # fmt: skip
    assert baris[1] == "Baris ditolak: evaluasi_atasan 2 (alasannya di berkas ditolak)."


def test_skor_pegawai_kolom_dan_nilai(hasil_skor):
    """Kolom skor_pegawai persis seperti kontrak; nilai dihitung tangan."""
    _, keluar, _ = hasil_skor
    s = baca(keluar / "skor_pegawai.csv")
    assert s.columns.tolist() == KOLOM_SKOR
    assert NIP_D not in set(s["nip"])  # pegawai pensiun tidak dinilai
    baris = s.set_index(["nip", "periode"])
    a = baris.loc[(NIP_A, "2026-S1")]
    assert a["nilai_hasil_kerja"] == pytest.approx(110.0)  # (100 + 120) / 2
    assert a["capaian_waktu"] == pytest.approx(120.0)
    assert a["nilai_perilaku"] == pytest.approx(3.5)  # (4 + 3) / 2
    assert (a["rating_hasil_kerja"], a["rating_perilaku"]) == ("Di Atas Ekspektasi",) * 2
    assert (a["predikat"], a["sumber_rating"], a["peringkat_opd"]) == ("Sangat Baik", "usulan", 1)
    b = baris.loc[(NIP_B, "2026-S1")]
    assert b["nilai_hasil_kerja"] == pytest.approx(80.0)
    assert (b["predikat"], b["peringkat_opd"]) == ("Sangat Kurang", 2)  # Di Bawah x Di Bawah
    assert (b["jumlah_indikator"], b["indikator_ditolak"]) == (1, 1)
    c = baris.loc[(NIP_C, "2026-S1")]
    assert c["nilai_hasil_kerja"] == pytest.approx(0.0)
    assert c["indikator_tidak_dilaporkan"] == 1
    assert c["rating_hasil_kerja_usulan"] == "Di Bawah Ekspektasi"
    assert (c["rating_hasil_kerja"], c["rating_perilaku"]) == (
        "Di Atas Ekspektasi",
        "Sesuai Ekspektasi",
    )
    assert (c["sumber_rating"], c["predikat"], c["peringkat_opd"]) == ("atasan", "Baik", 1)
    a2 = baris.loc[(NIP_A, "2026-S2")]
    assert a2["nilai_hasil_kerja"] == pytest.approx(90.0)
    assert pd.isna(a2["predikat"])  # tidak ada rating perilaku di S2


def test_capaian_indikator_ditolak_dikecualikan(hasil_skor):
    """Setiap baris indikator berakhir di tepat satu berkas keluaran, dengan nomor barisnya."""
    _, keluar, _ = hasil_skor
    ci = baca(keluar / "capaian_indikator.csv")
    for kolom in ["berkas", "baris", "capaian", "status"]:
        assert kolom in ci.columns
    assert sorted(ci["baris"]) == [2, 3, 4, 6, 8]
    assert set(ci["berkas"]) == {"indikator.csv"}
    assert ci.set_index("baris").loc[6, "status"] == "tidak_dilaporkan"
    assert ci.set_index("baris").loc[3, "capaian"] == pytest.approx(120.0)

    d = baca(keluar / "ditolak.csv")
    assert d.columns.tolist() == KOLOM_DITOLAK
    di = d[d["berkas"] == "indikator.csv"]
    assert sorted(di["baris"]) == [5, 9, 9]  # baris 9 punya dua masalah
    assert sorted(di.loc[di["baris"] == 9, "kolom"]) == ["aspek", "target"]
    assert di["alasan"].str.len().gt(20).all()

    k = baca(keluar / "dikecualikan.csv")
    assert k.loc[k["berkas"] == "indikator.csv", "baris"].tolist() == [7]
    assert k.loc[k["berkas"] == "pegawai.csv", "baris"].tolist() == [5]


def test_hitungan_indikator_sesuai_kontrak(hasil_skor):
    """Kontrak 2: baris dibaca = capaian_indikator + baris ditolak (unik) + dikecualikan."""
    data, keluar, _ = hasil_skor
    dibaca = len((data / "indikator.csv").read_text(encoding="utf-8").splitlines()) - 1
    ci = baca(keluar / "capaian_indikator.csv")
    d = baca(keluar / "ditolak.csv")
    k = baca(keluar / "dikecualikan.csv")
    ditolak = d.loc[d["berkas"] == "indikator.csv", "baris"].nunique()
    kecuali = int((k["berkas"] == "indikator.csv").sum())
    assert dibaca == 8
    assert (len(ci), ditolak, kecuali) == (5, 2, 1)
    assert dibaca == len(ci) + ditolak + kecuali


def test_manifest(hasil_skor):
    """manifest.json: versi kit, metode, SHA-256 tiap berkas masukan, hitungan yang cocok."""
    data, keluar, _ = hasil_skor
    m = json.loads((keluar / "manifest.json").read_text(encoding="utf-8"))
    assert m["versi"] == asn_analitik.__version__
    assert m["metode"] == "permenpanrb_6_2022"
    assert m["mulai"] and m["selesai"]
    sidik = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data.iterdir()}
    assert {n: v["sha256"] for n, v in m["berkas_masukan"].items()} == sidik
    for nama, j in m["jumlah_baris"].items():
        assert j["dibaca"] == j["dinilai"] + j["ditolak"] + j["dikecualikan"], nama
    assert m["jumlah_baris"]["indikator"] == {
        "dibaca": 8,
        "dinilai": 5,
        "ditolak": 2,
        "dikecualikan": 1,
    }
    assert m["jumlah_baris"]["pegawai"] == {
        "dibaca": 4,
        "dinilai": 3,
        "ditolak": 0,
        "dikecualikan": 1,
    }


def test_ditolak_hanya_header_bila_bersih(tmp_path):
    """ditolak.csv selalu ditulis; tanpa masalah isinya hanya baris header."""
    data = tulis_data_bersih(tmp_path / "data")
    proses = jalankan("skor", "--data", data, "--keluaran", tmp_path / "hasil")
    assert proses.returncode == 0, proses.stderr
    teks = (tmp_path / "hasil" / "ditolak.csv").read_text(encoding="utf-8")
    assert len(teks.splitlines()) == 1
    assert baca(tmp_path / "hasil" / "ditolak.csv").columns.tolist() == KOLOM_DITOLAK


def test_format_xlsx(hasil_skor, tmp_path):
    """--format xlsx: tabel hasil sebagai Excel; NIP tetap sel teks, bukan angka."""
    data, keluar_csv, _ = hasil_skor
    proses = jalankan("skor", "--data", data, "--keluaran", tmp_path, "--format", "xlsx")
    assert proses.returncode == 0, proses.stderr
    assert (tmp_path / "skor_pegawai.xlsx").is_file()
    assert (tmp_path / "capaian_indikator.xlsx").is_file()
    assert not (tmp_path / "skor_pegawai.csv").exists()
    assert (tmp_path / "ditolak.csv").is_file()  # kontrak: ditolak.csv selalu ditulis
    lembar = load_workbook(tmp_path / "skor_pegawai.xlsx", read_only=True).worksheets[0]
    baris = list(lembar.iter_rows(values_only=True))
    assert list(baris[0]) == KOLOM_SKOR
    nip = [r[0] for r in baris[1:]]
    assert all(isinstance(n, str) for n in nip), nip
    assert nip == baca(keluar_csv / "skor_pegawai.csv")["nip"].tolist()
    ci = pd.read_excel(tmp_path / "capaian_indikator.xlsx", dtype={"nip": str}, engine="openpyxl")
    assert sorted(ci["baris"]) == [2, 3, 4, 6, 8]


def test_format_parquet(hasil_skor, tmp_path):
    """--format parquet: tabel sama dengan CSV, NIP bertipe teks."""
    data, keluar_csv, _ = hasil_skor
    proses = jalankan("skor", "--data", data, "--keluaran", tmp_path, "--format", "parquet")
    assert proses.returncode == 0, proses.stderr
    s = pd.read_parquet(tmp_path / "skor_pegawai.parquet")
    assert s.columns.tolist() == KOLOM_SKOR
    assert not pd.api.types.is_numeric_dtype(s["nip"])
    csv = baca(keluar_csv / "skor_pegawai.csv")
    assert s["nip"].tolist() == csv["nip"].tolist()
    assert s["nilai_hasil_kerja"].tolist() == pytest.approx(
        csv["nilai_hasil_kerja"].tolist(), nan_ok=True
    )
    ci = pd.read_parquet(tmp_path / "capaian_indikator.parquet")
    assert sorted(ci["baris"]) == [2, 3, 4, 6, 8]


def test_metode_pp46(hasil_skor, tmp_path):
    """--metode pp46_2011: nilai_skp, nilai_perilaku, nilai_prestasi_kerja, sebutan."""
    data, _, _ = hasil_skor
    proses = jalankan("skor", "--data", data, "--keluaran", tmp_path, "--metode", "pp46_2011")
    assert proses.returncode == 0, proses.stderr
    s = baca(tmp_path / "skor_pegawai.csv")
    assert s.columns.tolist() == KOLOM_SKOR_PP46
    a = s.set_index(["nip", "periode"]).loc[(NIP_A, "2026-S1")]
    # kuantitas 100; waktu T=10 R=8: efisiensi 20 <= 24 -> 100 (17.6 - 8)/10 = 96
    assert a["nilai_skp"] == pytest.approx(98.0)  # dua kegiatan (tanpa rhk): (100 + 96) / 2
    assert a["nilai_perilaku"] == pytest.approx(70.0)  # 20 x 3.5
    assert a["nilai_prestasi_kerja"] == pytest.approx(86.8)  # 0.6 x 98 + 0.4 x 70
    assert a["sebutan"] == "Baik"
    m = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert m["metode"] == "pp46_2011"


def test_periode_dipilih(hasil_skor, tmp_path):
    """--periode: hanya periode itu dinilai; baris periode lain dihitung dikecualikan."""
    data, _, _ = hasil_skor
    proses = jalankan("skor", "--data", data, "--keluaran", tmp_path, "--periode", "2026-S1")
    assert proses.returncode == 0, proses.stderr
    s = baca(tmp_path / "skor_pegawai.csv")
    assert set(s["periode"]) == {"2026-S1"}
    ci = baca(tmp_path / "capaian_indikator.csv")
    assert sorted(ci["baris"]) == [2, 3, 4, 6]
    k = baca(tmp_path / "dikecualikan.csv")
    assert sorted(k.loc[k["berkas"] == "indikator.csv", "baris"]) == [7, 8]
    m = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    j = m["jumlah_baris"]["indikator"]
    assert j["dibaca"] == j["dinilai"] + j["ditolak"] + j["dikecualikan"]
    assert (j["dibaca"], j["dinilai"]) == (8, 4)


def test_periode_tidak_ada_keluar_2(hasil_skor, tmp_path):
    """Periode yang tidak ada di data: argumen tidak dapat dipakai, keluar 2."""
    data, _, _ = hasil_skor
    proses = jalankan("skor", "--data", data, "--keluaran", tmp_path, "--periode", "2031-S1")
    assert proses.returncode == 2
    assert "Traceback" not in proses.stderr
    pesan = pesan_galat(proses)
    assert len(pesan) == 1 and "2031-S1" in pesan[0], proses.stderr


def test_validasi_kode_keluar(hasil_skor, tmp_path):
    """validasi: 0 bila bersih, 1 bila ada baris ditolak."""
    bersih = jalankan("validasi", "--data", tulis_data_bersih(tmp_path / "bersih"))
    assert bersih.returncode == 0, bersih.stderr
    data, _, _ = hasil_skor
    bermasalah = jalankan("validasi", "--data", data)
    assert bermasalah.returncode == 1, bermasalah.stderr
    assert "indikator.csv" in bermasalah.stdout
    assert "Traceback" not in bermasalah.stderr


def _tanpa_kolom_opd(folder: Path) -> str:
    (folder / "pegawai.csv").write_text(f"nip,nama\n{NIP_A},Andi\n{NIP_B},Budi\n", encoding="utf-8")
    return r"pegawai\.csv.*opd"


def _tanpa_indikator(folder: Path) -> str:
    (folder / "indikator.csv").unlink()
    return r"indikator"


def _dua_berkas(folder: Path) -> str:
    buku = Workbook()
    buku.active.append(["nip", "periode", "indikator", "aspek", "target"])
    buku.save(folder / "indikator.xlsx")
    return r"indikator\.(csv|xlsx)"


def _hanya_header(folder: Path) -> str:
    (folder / "indikator.csv").write_text("nip,periode,indikator,aspek,target\n", encoding="utf-8")
    return r"indikator\.csv"


def _cp1252(folder: Path) -> str:
    teks = f"nip,nama,opd\n{NIP_A},José,Dinas Sosial\n{NIP_B},Budi,Dinas Sosial\n"
    (folder / "pegawai.csv").write_bytes(teks.encode("cp1252"))
    return r"pegawai\.csv"


@pytest.mark.parametrize("perintah", ["skor", "validasi"])
@pytest.mark.parametrize(
    "rusak", [_tanpa_kolom_opd, _tanpa_indikator, _dua_berkas, _hanya_header, _cp1252]
)
def test_folder_tidak_dapat_dipakai(tmp_path, perintah, rusak):
    """Kontrak 2: keluar 2, satu pesan jelas di stderr yang menyebut berkas (dan kolom),
    tanpa traceback Python."""
    data = tulis_data_bersih(tmp_path / "data")
    pola = rusak(data)
    argumen = ["--data", data] + (["--keluaran", tmp_path / "hasil"] if perintah == "skor" else [])
    proses = jalankan(perintah, *argumen)
    assert proses.returncode == 2, proses.stderr
    assert "Traceback" not in proses.stderr
    pesan = pesan_galat(proses)
    assert len(pesan) == 1, proses.stderr
    assert re.search(pola, pesan[0]), pesan[0]


def test_folder_data_tidak_ada(tmp_path):
    """Folder yang salah ketik: keluar 2 dengan pesan yang menyebut foldernya."""
    proses = jalankan("skor", "--data", tmp_path / "tidak_ada", "--keluaran", tmp_path / "hasil")
    assert proses.returncode == 2
    assert "Traceback" not in proses.stderr
    pesan = pesan_galat(proses)
    assert len(pesan) == 1 and "tidak_ada" in pesan[0], proses.stderr


@pytest.mark.parametrize(
    ("argumen", "pola"),
    [
        (["--metode", "pp46"], r"--metode: pilihan tidak sah: 'pp46' \(pilih dari "
                               r"'permenpanrb_6_2022', 'pp46_2011'\)"),
        (["--format", "json"], r"--format: pilihan tidak sah: 'json' \(pilih dari 'csv', 'xlsx', "
                               r"'parquet'\)"),
        (["--konfigurasi", "{dir}/salah.yaml"], r"kunci 'kunci_asing' tidak dikenal"),
        (["--tidak-ada"], r"argumen tidak dikenal: --tidak-ada"),
    ],
)  # fmt: skip
def test_argumen_tidak_sah_keluar_2(tmp_path, argumen, pola):
    """Metode, format, konfigurasi, atau pilihan yang tidak sah: keluar 2 tanpa traceback,
    dengan pesan berbahasa Indonesia yang menyebut nilai yang salah dan pilihan yang ada
    (argparse keluar 2 untuk kesalahan apa pun, jadi pesannya yang diperiksa); tidak ada hasil
    yang ditulis."""
    data = tulis_data_bersih(tmp_path / "data")
    (tmp_path / "salah.yaml").write_text("kunci_asing: 1\n", encoding="utf-8")
    argumen = [a.format(dir=tmp_path) for a in argumen]
    proses = jalankan("skor", "--data", data, "--keluaran", tmp_path / "hasil", *argumen)
    assert proses.returncode == 2
    assert "Traceback" not in proses.stderr
    assert re.search(r"^asn-analitik( skor)?: galat: .*" + pola, proses.stderr, re.M), proses.stderr
    assert not (tmp_path / "hasil" / "skor_pegawai.csv").exists()


def test_argumen_bahasa_indonesia_tanpa_sisa_inggris(tmp_path):
    """Pesan argparse yang sampai ke analis tidak menyisakan kata Inggris: bantuan ``--versi``,
    awalan "argument" pada galat nilai, dan ``contoh --pegawai`` di bawah minimum generator
    (keluar 2 dengan pesan, bukan "galat tak terduga")."""
    bantuan = jalankan("--help")
    assert bantuan.returncode == 0
    assert "tampilkan versi asn-analitik lalu keluar" in bantuan.stdout
    assert "show program" not in bantuan.stdout
    salah = jalankan("skor", "--data", tmp_path, "--keluaran", tmp_path / "h", "--metode", "x")
    assert salah.returncode == 2
    assert "argumen --metode: pilihan tidak sah" in salah.stderr
    assert "argument" not in salah.stderr
    kecil = jalankan("contoh", "--keluaran", tmp_path / "c", "--pegawai", "49")
    assert kecil.returncode == 2, kecil.stderr
    assert "argumen --pegawai: paling sedikit 50" in kecil.stderr
    assert "tak terduga" not in kecil.stderr and "Traceback" not in kecil.stderr
    assert not (tmp_path / "c").exists()
    cukup = jalankan("contoh", "--keluaran", tmp_path / "c", "--pegawai", "50")
    assert cukup.returncode == 0, cukup.stderr
    assert (tmp_path / "c" / "pegawai.csv").read_text(encoding="utf-8").count("\n") == 51


def test_bantuan_tanpa_memuat_pandas():
    """``asn-analitik --help`` dan galat argumen tidak memuat pandas, numpy atau pyarrow
    (± 0,45 detik sebelum bantuan muncul); perintahnya sendiri memuatnya saat dijalankan."""
    kode = (
        "import sys\nfrom asn_analitik import cli\n"
        "try:\n    cli.utama(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pandas', 'numpy', 'pyarrow') if m in sys.modules))"
    )
    proses = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True,
                            timeout=120)  # fmt: skip
    assert proses.returncode == 0, proses.stderr
    assert "laporan" in proses.stdout
    assert proses.stdout.splitlines()[-1] == "[]"


def test_dua_kali_hasilnya_sama_persis(hasil_skor, tmp_path):
    """Masukan sama, byte keluaran sama (kecuali waktu di manifest), dan yang sama itu nilai
    yang benar (dihitung tangan di :func:`tulis_data`)."""
    data, pertama, _ = hasil_skor
    proses = jalankan("skor", "--data", data, "--keluaran", tmp_path)
    assert proses.returncode == 0, proses.stderr
    for nama in ["skor_pegawai.csv", "capaian_indikator.csv", "ditolak.csv", "dikecualikan.csv"]:
        assert (tmp_path / nama).read_bytes() == (pertama / nama).read_bytes(), nama
    s = baca(tmp_path / "skor_pegawai.csv").set_index(["nip", "periode"])
    assert s.loc[(NIP_A, "2026-S1"), "nilai_hasil_kerja"] == pytest.approx(110.0)  # (100+120)/2
    assert s.loc[(NIP_B, "2026-S1"), "nilai_hasil_kerja"] == pytest.approx(80.0)
    assert s.loc[(NIP_A, "2026-S2"), "nilai_hasil_kerja"] == pytest.approx(90.0)
    assert sorted(baca(tmp_path / "ditolak.csv")["baris"]) == [5, 9, 9]


def test_skrip_konsol_terpasang(tmp_path):
    """Kontrak 4: perintah ``asn-analitik`` terpasang di samping python lingkungan ini, memuat
    semua perintah kontrak, dan menjalankan kit yang sama dengan ``python -m asn_analitik``."""
    skrip = Path(sys.executable).parent / "asn-analitik"
    assert skrip.is_file()
    bantuan = subprocess.run([skrip, "--help"], capture_output=True, text=True, timeout=120)
    assert bantuan.returncode == 0
    for perintah in ["contoh", "validasi", "skor", "klaster", "laporan", "impor", "kalibrasi",
                     "tren"]:  # fmt: skip
        assert re.search(rf"^\s+{perintah}\b", bantuan.stdout, re.M), perintah
    versi = subprocess.run([skrip, "--versi"], capture_output=True, text=True, timeout=120)
    assert versi.stdout.strip() == f"asn-analitik {asn_analitik.__version__}"
    data = tulis_data_bersih(tmp_path / "data")
    validasi = subprocess.run([skrip, "validasi", "--data", data], capture_output=True,
                              text=True, timeout=120)  # fmt: skip
    assert validasi.returncode == 0, validasi.stderr
    assert "indikator: 2 baris dibaca, 2 sah, 0 ditolak, 0 dikecualikan" in validasi.stdout


def _muat_kehilangan_satu_baris(alur, monkeypatch) -> None:
    """``muat`` yang mencatat satu baris indikator lebih banyak daripada yang berakhir di mana
    pun (kesalahan program yang disuntikkan: baris hilang diam-diam)."""
    asli = alur.muat

    def muat(*argumen, **kata):
        data = asli(*argumen, **kata)
        data.dibaca["indikator"] += 1
        return data

    monkeypatch.setattr(alur, "muat", muat)


def _skor_kehilangan_satu_capaian(alur, monkeypatch) -> None:
    """``skor`` yang kehilangan satu baris capaian_indikator (kesalahan program disuntikkan)."""
    asli = alur.skor

    def skor(*argumen, **kata):
        hasil = asli(*argumen, **kata)
        hasil.capaian_indikator = hasil.capaian_indikator.iloc[1:]
        return hasil

    monkeypatch.setattr(alur, "skor", skor)


@pytest.mark.parametrize(
    ("suntik", "pesan"),
    [
        (_muat_kehilangan_satu_baris, "hitungan baris indikator tidak cocok"),
        (_skor_kehilangan_satu_capaian, "capaian_indikator tidak cocok"),
    ],
)
def test_hitungan_tidak_cocok_tidak_pernah_sampai_ke_manifest(
    tmp_path, monkeypatch, capsys, suntik, pesan
):
    """Penjaga hitungan (kontrak 2: dibaca = dinilai + ditolak + dikecualikan) berdiri sebelum
    manifest.json: hitungan yang tidak cocok menghentikan perintah dengan kode 2, dan folder
    keluaran tetap berisi set sebelumnya tanpa satu berkas pun berubah."""
    import asn_analitik.alur as alur
    from asn_analitik.cli import utama

    data = tulis_data_bersih(tmp_path / "data")
    keluar = tmp_path / "hasil"
    assert utama(["skor", "--data", str(data), "--keluaran", str(keluar)]) == 0
    sebelum = {p.name: p.read_bytes() for p in keluar.iterdir()}
    capsys.readouterr()

    suntik(alur, monkeypatch)
    kode = utama(["skor", "--data", str(data), "--keluaran", str(keluar)])
    err = capsys.readouterr().err
    assert kode == 2
    assert pesan in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in keluar.iterdir()} == sebelum
    baru = tmp_path / "hasil_baru"
    assert utama(["skor", "--data", str(data), "--keluaran", str(baru)]) == 2
    assert not (baru / "manifest.json").exists()
