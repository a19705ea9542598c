"""Perintah ``asn-analitik kalibrasi`` (kontrak v2 bagian 7) dari ujung ke ujung, predikat resmi
yang tidak cocok dengan matriks, dan bagian keadilan di laporan."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from asn_analitik.analisis.keadilan import KOLOM_TIDAK_COCOK, predikat_tidak_cocok
from asn_analitik.cli import utama
from asn_analitik.laporan.keadilan import tabel_penilai_opd
from asn_analitik.laporan.slug import slug_unik

AKAR = Path(__file__).resolve().parents[1]
DATA_CONTOH = AKAR / "data" / "contoh"

KOLOM = {
    "kurva_distribusi": [
        "opd", "periode", "predikat_organisasi", "jumlah_pegawai", "jumlah_sangat_baik",
        "jumlah_baik", "jumlah_butuh_perbaikan", "jumlah_kurang", "jumlah_sangat_kurang",
        "status", "pelanggaran", "selisih_pegawai",
    ],
    "kandidat_tinjauan": [
        "nip", "nama", "opd", "periode", "predikat", "nilai_hasil_kerja", "alasan",
    ],
    "kalibrasi_penilai": [
        "nip_penilai", "nama_penilai", "opd", "periode", "jumlah_dinilai", "pembanding",
        "selisih_rata", "porsi_lebih_tinggi", "porsi_lebih_rendah", "p_nilai", "q_nilai",
        "status",
    ],
    "predikat_tidak_cocok": KOLOM_TIDAK_COCOK,
}  # fmt: skip


def _baca(folder: Path, nama: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{nama}.csv", dtype={"nip": "str", "nip_penilai": "str"})


@pytest.fixture(scope="module")
def hasil_contoh(tmp_path_factory) -> Path:
    keluaran = tmp_path_factory.mktemp("kalibrasi") / "hasil"
    assert utama(["kalibrasi", "--data", str(DATA_CONTOH), "--keluaran", str(keluaran)]) == 0
    return keluaran


def test_tabel_kontrak_ditulis_dengan_kolomnya(hasil_contoh):
    for nama, kolom in KOLOM.items():
        tabel = _baca(hasil_contoh, nama)
        assert list(tabel.columns[: len(kolom)]) == kolom, nama
    kurva = _baca(hasil_contoh, "kurva_distribusi")
    assert set(kurva["status"]) <= {"sesuai", "tidak_sesuai", "tanpa_predikat_organisasi",
                                    "tanpa_predikat_pegawai"}  # fmt: skip
    assert (kurva.loc[kurva["status"] == "sesuai", "selisih_pegawai"] == 0).all()
    assert kurva.loc[kurva["status"] == "sesuai", "pelanggaran"].isna().all()
    tidak = kurva[kurva["status"] == "tidak_sesuai"]
    assert len(tidak) > 0 and (tidak["selisih_pegawai"] > 0).all()
    assert tidak["pelanggaran"].str.contains("untuk organisasi berpredikat").all()
    # satu baris per OPD dan periode; kedua periode (tanpa --periode: semua periode)
    assert not kurva.duplicated(["opd", "periode"]).any()
    assert set(kurva["periode"]) == {"2025-S2", "2026-S1"}
    assert (kurva["jumlah_pegawai"] == kurva[KOLOM["kurva_distribusi"][4:9]].sum(axis=1)).all()


def test_kandidat_hanya_dari_opd_yang_tidak_sesuai_sebanyak_selisihnya(hasil_contoh):
    kurva = _baca(hasil_contoh, "kurva_distribusi").set_index(["opd", "periode"])
    kandidat = _baca(hasil_contoh, "kandidat_tinjauan")
    per_opd = kandidat.groupby(["opd", "periode"]).size()
    tidak = kurva[kurva["status"] == "tidak_sesuai"]["selisih_pegawai"].dropna()
    assert per_opd.to_dict() == tidak.astype(int).to_dict()
    skor = pd.read_csv(DATA_CONTOH / "pegawai.csv", dtype="str").set_index("nip")
    assert (skor.loc[kandidat["nip"], "opd"].to_numpy() == kandidat["opd"].to_numpy()).all()


def test_manifest_dan_ringkasan_cli(hasil_contoh, tmp_path, capsys):
    manifest = json.loads((hasil_contoh / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["perintah"] == "kalibrasi"
    assert manifest["keadilan"]["aturan_kurva"]["baik"][0] == {
        "predikat": "Baik", "maks_persen": 70
    }  # fmt: skip
    assert set(manifest["berkas_keluaran"]) >= {f"{n}.csv" for n in KOLOM} | {"ditolak.csv"}
    j = manifest["jumlah_baris"]["indikator"]
    assert j["dibaca"] == j["dinilai"] + j["ditolak"] + j["dikecualikan"]
    keluaran = tmp_path / "lagi"
    assert utama(["kalibrasi", "--data", str(DATA_CONTOH), "--keluaran", str(keluaran),
                  "--periode", "2026-S1"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "murah hati" in out and "1 ketat" in out and "1 cenderung ke tengah" in out
    kurva = _baca(keluaran, "kurva_distribusi")
    assert set(kurva["periode"]) == {"2026-S1"}
    # tabel sama persis dengan jalannya semua periode, dibatasi pada 2026-S1
    semua = _baca(hasil_contoh, "kurva_distribusi")
    pd.testing.assert_frame_equal(
        kurva, semua[semua["periode"] == "2026-S1"].reset_index(drop=True)
    )


def test_sama_persis_bila_diulang(hasil_contoh, tmp_path):
    keluaran = tmp_path / "ulang"
    assert utama(["kalibrasi", "--data", str(DATA_CONTOH), "--keluaran", str(keluaran)]) == 0
    for nama in KOLOM:
        assert (keluaran / f"{nama}.csv").read_bytes() == (
            hasil_contoh / f"{nama}.csv"
        ).read_bytes()


def test_periode_tidak_ada_keluar_2(tmp_path, capsys):
    kode = utama(["kalibrasi", "--data", str(DATA_CONTOH), "--keluaran", str(tmp_path / "x"),
                  "--periode", "2019"])  # fmt: skip
    assert kode == 2
    assert "2019" in capsys.readouterr().err


def test_konfigurasi_mengganti_kurva(tmp_path):
    berkas = tmp_path / "se.yaml"
    isi = "".join(
        f"  {org}: []\n"
        for org in ("istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
    )
    berkas.write_text("kurva_distribusi:\n" + isi, encoding="utf-8")
    keluaran = tmp_path / "hasil"
    assert utama(["kalibrasi", "--data", str(DATA_CONTOH), "--keluaran", str(keluaran),
                  "--konfigurasi", str(berkas)]) == 0  # fmt: skip
    kurva = _baca(keluaran, "kurva_distribusi")
    assert (kurva["status"] == "sesuai").all()
    assert _baca(keluaran, "kandidat_tinjauan").empty


def test_tanpa_organisasi_semua_tanpa_predikat_organisasi_dengan_peringatan(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(DATA_CONTOH, data)
    (data / "organisasi.csv").unlink()
    keluaran = tmp_path / "hasil"
    assert utama(["kalibrasi", "--data", str(data), "--keluaran", str(keluaran)]) == 0
    assert "organisasi.csv" in capsys.readouterr().err
    kurva = _baca(keluaran, "kurva_distribusi")
    assert (kurva["status"] == "tanpa_predikat_organisasi").all()
    assert kurva["selisih_pegawai"].isna().all()


@pytest.fixture(scope="module")
def impor_ekinerja(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ekinerja")
    data = folder / "data"
    assert utama(["impor", "ekinerja", str(AKAR / "data" / "contoh_ekinerja"),
                  "--keluaran", str(data)]) == 0  # fmt: skip
    keluaran = folder / "hasil"
    assert utama(["kalibrasi", "--data", str(data), "--keluaran", str(keluaran)]) == 0
    return keluaran


def test_ekinerja_rating_saja_dibanding_rekan(impor_ekinerja):
    k = _baca(impor_ekinerja, "kalibrasi_penilai")
    assert len(k) > 0
    assert (k["pembanding"] == "rekan").all()


def test_ekinerja_predikat_resmi_salah_tertangkap(impor_ekinerja):
    """Contoh e-Kinerja menanam predikat resmi "Butuh Perbaikan" untuk (Di Atas, Di Bawah),
    seperti implementasi publik yang keliru (domain.md bagian 10)."""
    t = _baca(impor_ekinerja, "predikat_tidak_cocok")
    assert len(t) > 0
    assert (t["rating_hasil_kerja"] == "Di Atas Ekspektasi").all()
    assert (t["rating_perilaku"] == "Di Bawah Ekspektasi").all()
    assert (t["predikat_resmi"] == "Butuh Perbaikan").all()
    assert (t["predikat_matriks"] == "Kurang/Misconduct").all()


def test_predikat_tidak_cocok_mengabaikan_baris_tanpa_rating():
    skor = pd.DataFrame(
        {
            "nip": ["1", "2", "3"], "nama": "A", "opd": "X", "periode": "2026",
            "rating_hasil_kerja": ["Sesuai Ekspektasi", None, "Sesuai Ekspektasi"],
            "rating_perilaku": ["Di Bawah Ekspektasi", "Sesuai Ekspektasi", "Sesuai Ekspektasi"],
            "predikat": ["Kurang/Misconduct", None, "Baik"],
            "predikat_resmi": ["Butuh Perbaikan", "Baik", None],
        }
    )  # fmt: skip
    assert predikat_tidak_cocok(skor)["nip"].tolist() == ["1"]
    assert predikat_tidak_cocok(skor.drop(columns="predikat_resmi")).empty


# --- laporan --------------------------------------------------------------------------------------
def _teks(path: Path) -> str:
    import html

    isi = path.read_text(encoding="utf-8")
    isi = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", isi, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", isi)))


def test_laporan_opd_menampilkan_kurva_penilai_dan_kandidat(laporan_contoh):
    from asn_analitik.contoh import buat_contoh

    tanam = buat_contoh()["_pola"].attrs
    pegawai = pd.read_csv(DATA_CONTOH / "pegawai.csv", dtype="str").set_index("nip")
    longgar = pegawai.loc[tanam["nip_atasan_longgar"]]
    teks = _teks(laporan_contoh / "opd" / "dinas-pendidikan.html")
    assert "10. Kurva distribusi dan kalibrasi penilai" in teks
    assert "Predikat organisasi: " in teks
    baris = re.search(re.escape(longgar["nama"]) + r" (\d{18}) bukti \d+ [0-9,]+ .*?(Murah hati)",
                      teks)  # fmt: skip
    assert baris and baris.group(1) == tanam["nip_atasan_longgar"]
    kurva = _baca(laporan_contoh, "kurva_distribusi").set_index("opd")
    slug = slug_unik(pegawai["opd"].unique())
    tidak = kurva.index[kurva["status"] == "tidak_sesuai"]
    assert len(tidak) > 0
    for opd in kurva.index:
        isi = _teks(laporan_contoh / "opd" / f"{slug[opd]}.html")
        assert ("Kandidat tinjauan" in isi) == (opd in tidak), opd


def test_ringkasan_pimpinan_menandai_penilai_dengan_nip_tersamar(laporan_contoh):
    from asn_analitik.contoh import buat_contoh

    tanam = buat_contoh()["_pola"].attrs
    teks = _teks(laporan_contoh / "ringkasan_pimpinan.html")
    assert "Penilai yang perlu kalibrasi" in teks and "Kurva distribusi per OPD" in teks
    for nip in tanam.values():
        assert nip not in teks
        assert "*" * 14 + nip[-4:] in teks
    for status in ("Murah hati", "Ketat"):
        assert status in teks
    assert "Catatan metode" in teks and "Benjamini-Hochberg" in teks


def test_penilai_dari_opd_lain_tersamar_di_laporan_opd():
    kalibrasi = pd.DataFrame(
        {
            "nip_penilai": ["198001012005011001", "197001012000011001"],
            "nama_penilai": ["Atasan Sendiri", "Sekretaris Daerah"],
            "opd": ["Dinas A", "Dinas A"],
            "opd_penilai": ["Dinas A", "Sekretariat Daerah"],
            "periode": "2026", "jumlah_dinilai": [6, 5], "pembanding": "bukti",
            "selisih_rata": 0.0, "porsi_lebih_tinggi": 0.0, "porsi_lebih_rendah": 0.0,
            "p_nilai": 1.0, "q_nilai": 1.0, "status": "wajar", "kecenderungan_tengah": "tidak",
        }
    )  # fmt: skip
    tabel = tabel_penilai_opd(kalibrasi, "Dinas A")
    assert dict(zip(tabel["Penilai"], tabel["NIP"], strict=True)) == {
        "Atasan Sendiri": "198001012005011001",
        "Penilai dari Sekretariat Daerah": "**************1001",
    }
    assert "Sekretaris Daerah" not in tabel.to_string()
    assert tabel_penilai_opd(kalibrasi, "Dinas A", samarkan=True)["NIP"].str[0].eq("*").all()
