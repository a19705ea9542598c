"""Berkas seperti yang benar-benar dikirim OPD: nama salinan, format lama, header bebas, baris
judul, tanda kutip yang tidak ditutup, berkas yang bukan isinya (isu 9, bagian 1-2).

Setiap kasus memeriksa kode keluar atau penolakannya, pesannya (Bahasa Indonesia, menyebut
berkas dan cara memperbaikinya, tanpa teks galat pustaka), dan hitungan barisnya:
dibaca = dinilai + ditolak + dikecualikan.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import NIP_A, NIP_B, NIP_C, periksa_hitungan
from openpyxl import Workbook

from asn_analitik import InputTidakLayak, muat, pilih_periode, skor
from asn_analitik.cli import utama
from asn_analitik.konfigurasi import BERAKHLAK

BERKAS_UJI = Path(__file__).resolve().parent / "berkas"
#: Teks galat pustaka yang tidak boleh sampai ke analis.
GALAT_PUSTAKA = re.compile(
    r"ArrowInvalid|straddl|Traceback|Error\b|Exception|BadZipFile|UnicodeDecode|xlrd|calamine"
)


def ind(nip=NIP_A, indikator="Laporan", periode="2026-S1", **lain) -> dict:
    baris = {"nip": nip, "periode": periode, "indikator": indikator, "aspek": "kuantitas"}
    baris.update(target=10, realisasi=8)
    baris.update(lain)
    return baris


def pegawai(*nip, opd="Dinas Kesehatan", **lain) -> list[dict]:
    return [{"nip": n, "nama": f"Pegawai {i}", "opd": opd, **lain} for i, n in enumerate(nip)]


def jalankan(capsys, *argv) -> tuple[int, str, str]:
    kode = utama([str(a) for a in argv])
    keluar = capsys.readouterr()
    return kode, keluar.out, keluar.err


def pesan_galat(err: str) -> str:
    """Satu baris galat di stderr, tanpa teks pustaka."""
    baris = [b for b in err.splitlines() if b.startswith("asn-analitik: galat:")]
    assert len(baris) == 1, err
    assert not GALAT_PUSTAKA.search(baris[0]), baris[0]
    return baris[0]


# --- 1. Tidak ada yang diabaikan diam-diam ----------------------------------------------------


@pytest.mark.parametrize(
    ("tabel", "nama", "seharusnya"),
    [
        ("perilaku", "perilaku (1).csv", "perilaku.csv"),  # unduhan peramban / WhatsApp
        ("pegawai", "pegawai.csv.csv", "pegawai.csv"),  # ekstensi ganda dari Windows
        ("evaluasi_atasan", "Evaluasi Atasan.csv", "evaluasi_atasan.csv"),
        ("indikator", "indikatr.csv", "indikator.csv"),  # salah ketik
        ("organisasi", "organisasi - Copy.csv", "organisasi.csv"),
        ("indikator", "Copy of indikator.csv", "indikator.csv"),
    ],
)
def test_nama_berkas_mirip_nama_tabel_berhenti_dengan_nama_yang_benar(
    buat_folder, capsys, tabel, nama, seharusnya
):
    isi = {"indikator": [ind()], "perilaku": [{"nip": NIP_A, "periode": "2026-S1",
           "aspek": "loyal", "nilai": 3}]}  # fmt: skip
    isi.setdefault(tabel, [])
    if tabel == "organisasi":
        isi[tabel] = [
            {"opd": "Dinas Kesehatan", "periode": "2026-S1", "predikat_organisasi": "baik"}
        ]
    if tabel == "evaluasi_atasan":
        isi[tabel] = [{"nip": NIP_A, "periode": "2026-S1", "rating_hasil_kerja": "sesuai"}]
    if tabel == "pegawai":
        isi[tabel] = pegawai(NIP_A)
    folder = buat_folder(isi, nama_berkas={tabel: nama})
    for perintah in ("validasi", "skor"):
        argv = [perintah, "--data", folder] + (
            ["--keluaran", folder / "hasil"] * (perintah == "skor")
        )
        kode, out, err = jalankan(capsys, *argv)
        assert kode == 2
        baris = pesan_galat(err)
        assert nama in baris and seharusnya in baris


def test_tabel_dalam_format_yang_tak_terbaca_berhenti(buat_folder, capsys):
    folder = buat_folder({"indikator": [ind()]})
    (folder / "perilaku.numbers").write_bytes(b"PK\x03\x04bukan")
    kode, _, err = jalankan(capsys, "validasi", "--data", folder)
    assert kode == 2
    assert re.search(r"perilaku\.numbers.*perilaku\.(xlsx|csv)", pesan_galat(err))


def test_berkas_tabel_lain_diperingatkan_dan_tercatat_di_manifest(buat_folder, capsys, tmp_path):
    """rekap_lama.xlsx tidak dibaca: validasi tidak boleh berkata 'tidak ada masalah'."""
    folder = buat_folder({"indikator": [ind()]})
    pd.DataFrame({"a": [1]}).to_excel(folder / "rekap_lama.xlsx", index=False)
    (folder / "LIHAT_SAYA.txt").write_text("catatan")
    (folder / "~$pegawai.xlsx").write_bytes(b"kunci")
    (folder / "arsip").mkdir()
    kode, out, err = jalankan(capsys, "validasi", "--data", folder)
    assert kode == 1
    assert "tidak ada masalah" not in out.lower()
    assert "rekap_lama.xlsx" in out
    kode, out, err = jalankan(capsys, "skor", "--data", folder, "--keluaran", tmp_path / "h")
    assert kode == 0
    assert "perhatian" in err and "rekap_lama.xlsx" in err
    manifest = json.loads((tmp_path / "h" / "manifest.json").read_text())
    tindakan = {c["berkas"]: c["tindakan"] for c in manifest["berkas_folder"]}
    assert tindakan == {
        "indikator.csv": "dibaca", "pegawai.csv": "dibaca", "rekap_lama.xlsx": "diabaikan",
        "LIHAT_SAYA.txt": "diabaikan", "~$pegawai.xlsx": "diabaikan", "arsip": "diabaikan",
    }  # fmt: skip
    assert any("rekap_lama.xlsx" in p for p in manifest["peringatan"])


def test_xls_dan_ods_dibaca(buat_folder):
    """Excel lama (.xls, dengan lembar sampul dan baris judul) dan LibreOffice (.ods)."""
    folder = buat_folder({"indikator": [ind(), ind(NIP_B)]})
    shutil.copy(BERKAS_UJI / "perilaku.xls", folder)
    shutil.copy(BERKAS_UJI / "evaluasi_atasan.ods", folder)
    data = muat(folder)
    assert data.ditolak.empty, data.ditolak
    perilaku = data.tabel["perilaku"]
    assert len(perilaku) == 14
    assert perilaku.groupby("nip", observed=True)["nilai"].mean().to_dict() == {NIP_A: 4, NIP_B: 3}
    assert data.info_berkas["perilaku"]["lembar"] == "Data"
    assert data.info_berkas["perilaku"]["lembar_dilewati"] == ["Sampul"]
    assert perilaku["_baris"].min() == 5  # header di baris 4
    ev = data.tabel["evaluasi_atasan"].set_index("nip")
    assert ev.loc[NIP_A, "rating_hasil_kerja"] == "di_atas"
    assert ev.loc[NIP_B, "rating_hasil_kerja"] == "sesuai"
    assert pd.isna(ev.loc[NIP_B, "rating_perilaku"])
    periksa_hitungan(data)


def test_xls_nip_sel_angka_ditolak(buat_folder):
    folder = buat_folder({"indikator": [ind()]})
    (folder / "pegawai.csv").unlink()
    shutil.copy(BERKAS_UJI / "pegawai_nip_angka.xls", folder / "pegawai.xls")
    data = muat(folder)
    r = data.ditolak.iloc[0]
    assert (r["berkas"], r["baris"], r["kolom"]) == ("pegawai.xls", 3, "nip")
    assert "Teks" in r["alasan"]
    assert data.tabel["pegawai"]["nip"].tolist() == [NIP_A]


@pytest.mark.parametrize(
    ("header", "kolom"),
    [
        ("NIP Baru", "nip"),
        ("Nama Pegawai", "nama"),
        ("Unit Kerja", "unit_kerja"),
        ("Realisasi (%)", "realisasi"),
        ("Target (%)", "target"),
        ("Target (dokumen)", "target"),
        ("Bobot [%]", "bobot"),
        ("NIP\u00a0Baru", "nip"),
    ],
)
def test_varian_header_dikenali(buat_folder, header, kolom):
    tabel = "pegawai" if kolom in ("nip", "nama", "unit_kerja") else "indikator"
    baris = {
        "pegawai": [{"nip": NIP_A, "nama": "Andi", "opd": "Dinas Kesehatan", "unit_kerja": "UPT"}],
        "indikator": [ind(target=10, realisasi=8, bobot=2)],
    }
    if tabel == "pegawai":
        baris["indikator"] = [ind()]
    baris[tabel] = [{(header if k == kolom else k): v for k, v in b.items()} for b in baris[tabel]]
    data = muat(buat_folder(baris))
    assert data.ditolak.empty, data.ditolak
    nilai = {"nip": NIP_A, "nama": "Andi", "unit_kerja": "UPT", "realisasi": 8.0, "target": 10.0,
             "bobot": 2.0}[kolom]  # fmt: skip
    assert data.tabel[tabel][kolom].astype(object).tolist() == [nilai]
    biasa = header.strip().lower().replace(" ", "_") == kolom  # "Unit Kerja" sudah dulu
    assert data.info_berkas[tabel]["kolom_dikenali"] == ({} if biasa else {header.strip(): kolom})
    assert not data.peringatan


def test_realisasi_persen_tidak_mengubah_predikat(buat_folder):
    """Dulu 'Realisasi (%)' membuat semua indikator 'tidak dilaporkan' tanpa peringatan."""
    baris = [ind(target=100, realisasi=95), ind(indikator="B", target=100, realisasi=120)]
    biasa = skor(pilih_periode(muat(buat_folder({"indikator": baris})), None))
    persen = [
        {("Realisasi (%)" if k == "realisasi" else k): v for k, v in b.items()} for b in baris
    ]
    lain = skor(pilih_periode(muat(buat_folder({"indikator": persen})), None))
    pd.testing.assert_frame_equal(biasa.skor_pegawai, lain.skor_pegawai)
    assert lain.capaian_indikator["status"].tolist() == ["dilaporkan"] * 2


def test_tanpa_kolom_realisasi_diperingatkan_keras(buat_folder, capsys, tmp_path):
    folder = buat_folder({"indikator": [{k: v for k, v in ind().items() if k != "realisasi"}]})
    kode, out, err = jalankan(capsys, "validasi", "--data", folder)
    assert kode == 1 and "tidak ada masalah" not in out.lower() and "realisasi" in out
    kode, out, err = jalankan(capsys, "skor", "--data", folder, "--keluaran", tmp_path / "h")
    assert kode == 0
    assert re.search(r"perhatian: .*indikator\.csv.*realisasi", err)
    manifest = json.loads((tmp_path / "h" / "manifest.json").read_text())
    assert any("realisasi" in p for p in manifest["peringatan"])


def test_xlsx_rumus_tanpa_nilai_tersimpan_dijawab_jelas(buat_folder, capsys):
    """openpyxl menulis rumus tanpa nilai hasil (seperti program lain): sel terbaca kosong."""
    folder = buat_folder({"indikator": [ind()]})
    (folder / "indikator.csv").unlink()
    buku = Workbook()
    lembar = buku.active
    lembar.append(["nip", "periode", "indikator", "aspek", "target", "realisasi"])
    lembar.append([NIP_A, "2026-S1", "Laporan", "kuantitas", 10, "=E2*0.8"])
    buku.save(folder / "indikator.xlsx")
    kode, _, err = jalankan(capsys, "validasi", "--data", folder)
    assert kode == 2
    baris = pesan_galat(err)
    assert "indikator.xlsx" in baris and "rumus" in baris and "F2" in baris


def test_tanda_kutip_tidak_ditutup_hanya_menolak_barisnya(buat_folder):
    """Kutip di baris 3 menelan baris 4-5; hanya baris 3 yang ditolak, baris 4-5 dibaca."""
    teks = (
        "nip,nama,opd,nip_atasan\n"
        f"{NIP_A},Andi,Dinas Kesehatan,\n"
        f'{NIP_B},"Budi,Dinas Kesehatan,{NIP_A}\n'
        f"{NIP_C},Citra,Dinas Kesehatan,{NIP_B}\n"
        f"198001152008122004,Dewi,Dinas Sosial,{NIP_A}\n"
    )
    indikator = [ind(NIP_A), ind(NIP_B), ind(NIP_C)]
    data = muat(buat_folder({"pegawai": teks, "indikator": indikator}))
    tolak = data.ditolak
    peg = tolak[tolak["berkas"] == "pegawai.csv"]
    assert peg["baris"].tolist() == [3]
    assert "tanda kutip" in peg["alasan"].iloc[0]
    assert sorted(data.tabel["pegawai"]["nip"].astype(str)) == sorted(
        [NIP_A, NIP_C, "198001152008122004"]
    )
    # Bawahan yang atasannya (NIP_B) ditolak tidak ikut ditolak: NIP_B ada di berkas.
    assert (tolak["kolom"] == "nip_atasan").sum() == 0
    assert any("nip_atasan" in p and "pegawai.csv baris 3" in p for p in data.peringatan)
    # Indikator NIP_B menyebut bahwa dan mengapa baris pegawainya ditolak.
    r = tolak[tolak["berkas"] == "indikator.csv"].iloc[0]
    assert "pegawai.csv baris 3" in r["alasan"] and "tanda kutip" in r["alasan"]
    assert "tidak ada di berkas pegawai" not in r["alasan"]
    periksa_hitungan(data)
    assert data.dibaca["pegawai"] == 4


def test_kutip_berlebih_yang_menggeser_kolom(buat_folder):
    teks = f'nip,nama,opd\n{NIP_A},"Andi,Dinas "Kesehatan\n{NIP_B},Budi,Dinas Kesehatan\n'
    data = muat(buat_folder({"pegawai": teks, "indikator": [ind(NIP_B)]}))
    r = data.ditolak[data.ditolak["berkas"] == "pegawai.csv"]
    assert r["baris"].tolist() == [2] and "tanda kutip" in r["alasan"].iloc[0]
    periksa_hitungan(data)


def test_catatan_bergaris_baru_yang_sah_tetap_dibaca(buat_folder):
    """Sel catatan yang berisi garis baru (diberi kutip dengan benar) bukan kerusakan."""
    teks = (
        "nip,periode,rating_hasil_kerja,catatan\n"
        f'{NIP_A},2026-S1,sesuai,"Baik sekali,\nperlu ditingkatkan"\n'
        f"{NIP_B},2026-S1,di_atas,\n"
    )
    data = muat(buat_folder({"evaluasi_atasan": teks, "indikator": [ind(), ind(NIP_B)]}))
    assert data.ditolak.empty, data.ditolak
    ev = data.tabel["evaluasi_atasan"]
    assert ev["catatan"].iloc[0] == "Baik sekali,\nperlu ditingkatkan"
    assert ev["_baris"].tolist() == [2, 3]


# --- 2. Spreadsheet apa adanya ----------------------------------------------------------------


def test_baris_judul_di_atas_header_csv(buat_folder):
    teks = (
        "REKAPITULASI SKP DINAS KESEHATAN,,,\n"
        "Periode: Semester I 2026,,,\n"
        ",,,\n"
        "nip,nama,opd,jabatan\n"
        f"{NIP_A},Andi,Dinas Kesehatan,Perawat\n"
        f"{NIP_B},Budi,Dinas Kesehatan,x\n"
    )
    data = muat(buat_folder({"pegawai": teks, "indikator": [ind(), ind(NIP_B, target=0)]}))
    assert data.tabel["pegawai"]["_baris"].tolist() == [5, 6]
    info = data.info_berkas["pegawai"]
    assert info["baris_header"] == 4
    assert info["baris_judul"] == ["REKAPITULASI SKP DINAS KESEHATAN", "Periode: Semester I 2026"]
    periksa_hitungan(data)


def test_lembar_sampul_dan_judul_bergabung_xlsx(buat_folder):
    folder = buat_folder({"indikator": [ind()]})
    (folder / "pegawai.csv").unlink()
    buku = Workbook()
    sampul = buku.active
    sampul.title = "Sampul"
    sampul["A1"] = "Data pegawai Dinas Kesehatan"
    lembar = buku.create_sheet("Pegawai")
    lembar["A1"] = "DAFTAR PEGAWAI DINAS KESEHATAN"
    lembar.merge_cells("A1:C1")
    lembar.append([])
    lembar.append(["NIP", "Nama", "OPD"])
    lembar.append([NIP_A, "Andi", "Dinas Kesehatan"])
    buku.save(folder / "pegawai.xlsx")
    data = muat(folder)
    assert data.ditolak.empty
    assert data.tabel["pegawai"]["_baris"].tolist() == [4]
    info = data.info_berkas["pegawai"]
    assert (info["lembar"], info["baris_header"], info["lembar_dilewati"]) == (
        "Pegawai",
        3,
        ["Sampul"],
    )
    assert info["baris_judul"] == ["DAFTAR PEGAWAI DINAS KESEHATAN"]


@pytest.mark.parametrize(
    "tulisan",
    [
        "19860926.201505.1.001",
        "19860926-201505-1-001",
        "19860926\u00a0201505\u00a01\u00a0001",
        "  198609262015051001  ",
        "\u200b198609262015051001",
    ],
)
def test_nip_berpemisah_adalah_nip_yang_sama(buat_folder, tulisan):
    data = muat(buat_folder({"pegawai": pegawai(tulisan), "indikator": [ind(NIP_A)]}))
    assert data.ditolak.empty, data.ditolak
    assert data.tabel["pegawai"]["nip"].astype(str).tolist() == [NIP_A]
    assert len(data.tabel["indikator"]) == 1


@pytest.mark.parametrize("nip", ["1.98609E+17", "198609262015051000.0", "1986.0926"])
def test_nip_yang_sudah_menjadi_angka_tetap_ditolak(buat_folder, nip):
    data = muat(buat_folder({"pegawai": pegawai(nip), "indikator": [ind(NIP_B)]}))
    assert (data.ditolak["berkas"] == "pegawai.csv").sum() == 1


def test_perilaku_terlalu_sedikit_yang_sah_tanpa_rating(buat_folder):
    """6 dari 7 nilai ditolak: satu nilai 5 yang tersisa tidak boleh memberi Sangat Baik."""
    baris = [{"nip": NIP_A, "periode": "2026-S1", "aspek": a, "nilai": 9} for a in BERAKHLAK[:6]]
    baris.append({"nip": NIP_A, "periode": "2026-S1", "aspek": BERAKHLAK[6], "nilai": 5})
    indikator = [ind(target=100, realisasi=115)]
    data = pilih_periode(muat(buat_folder({"indikator": indikator, "perilaku": baris})), None)
    hasil = skor(data).skor_pegawai.iloc[0]
    assert hasil["rating_hasil_kerja_usulan"] == "Di Atas Ekspektasi"
    assert pd.isna(hasil["nilai_perilaku"]) and pd.isna(hasil["rating_perilaku_usulan"])
    assert pd.isna(hasil["predikat"])
    kurang = skor(data).perilaku_kurang
    assert kurang[["jumlah_sah", "jumlah_dikirim"]].values.tolist() == [[1, 7]]


def test_perilaku_sedikit_tetapi_semuanya_sah_tetap_dinilai(nilai):
    """Kontrak 3.5: rata-rata nilai yang dikirim; dua nilai sah memberi rating."""
    baris = [{"nip": NIP_A, "periode": "2026-S1", "aspek": a, "nilai": v}
             for a, v in zip(BERAKHLAK, [4, 3], strict=False)]  # fmt: skip
    hasil = nilai({"indikator": [ind(target=100, realisasi=100)], "perilaku": baris})
    assert hasil.skor_pegawai.iloc[0]["rating_perilaku_usulan"] == "Di Atas Ekspektasi"


def test_peringatan_perilaku_kurang_di_manifest(buat_folder, capsys, tmp_path):
    baris = [{"nip": NIP_A, "periode": "2026-S1", "aspek": a, "nilai": 7} for a in BERAKHLAK[:5]]
    baris += [{"nip": NIP_A, "periode": "2026-S1", "aspek": a, "nilai": 4} for a in BERAKHLAK[5:]]
    folder = buat_folder({"indikator": [ind()], "perilaku": baris})
    kode, _, err = jalankan(capsys, "skor", "--data", folder, "--keluaran", tmp_path / "h")
    assert kode == 0 and "2 sah dari 7 dikirim" in err
    manifest = json.loads((tmp_path / "h" / "manifest.json").read_text())
    assert manifest["parameter"]["aturan"]["perilaku"]["min_nilai"] == 4


@pytest.mark.parametrize(
    ("tanggal", "baku"),
    [
        ("2026-03-15", "2026-03-15"),
        ("15/03/2026", "2026-03-15"),
        ("15-03-2026", "2026-03-15"),
        ("15.03.2026", "2026-03-15"),
        ("46096", "2026-03-15"),  # nomor seri tanggal Excel
        ("15 Maret 2026", "2026-03-15"),
        ("2026-03-15 00:00:00", "2026-03-15"),
    ],
)
def test_tanggal_riwayat_pelatihan(buat_folder, tanggal, baku):
    riwayat = [{"nip": NIP_A, "kode_pelatihan": "K1", "tanggal": tanggal, "jp": 10}]
    data = muat(buat_folder({"indikator": [ind()], "riwayat_pelatihan": riwayat}))
    assert data.ditolak.empty, data.ditolak
    assert data.tabel["riwayat_pelatihan"]["tanggal"].dt.strftime("%Y-%m-%d").tolist() == [baku]


@pytest.mark.parametrize("tanggal", ["03/15/2026", "31/02/2026", "kemarin"])
def test_tanggal_tidak_sah_ditolak(buat_folder, tanggal):
    riwayat = [{"nip": NIP_A, "kode_pelatihan": "K1", "tanggal": tanggal, "jp": 10}]
    data = muat(buat_folder({"indikator": [ind()], "riwayat_pelatihan": riwayat}))
    r = data.ditolak.iloc[0]
    assert (r["berkas"], r["kolom"]) == ("riwayat_pelatihan.csv", "tanggal")
    assert "HH/BB/TTTT" in r["alasan"]


@pytest.mark.parametrize(
    ("tulisan", "baku"),
    [
        ("Semester 1 2026", "2026-S1"),
        ("Semester II 2026", "2026-S2"),
        ("S1-2026", "2026-S1"),
        ("2026/S1", "2026-S1"),
        ("s1 2026", "2026-S1"),
        ("Triwulan 3 2026", "2026-TW3"),
        ("TW IV 2026", "2026-TW4"),
        ("Maret 2026", "2026-03"),
        ("03/2026", "2026-03"),
        ("Tahun 2026", "2026"),
    ],
)
def test_tulisan_periode_yang_bermakna_tunggal(buat_folder, tulisan, baku):
    data = muat(buat_folder({"indikator": [ind(periode=tulisan)]}))
    assert data.ditolak.empty, data.ditolak
    assert data.tabel["indikator"]["periode"].astype(str).tolist() == [baku]


@pytest.mark.parametrize("tulisan", ["2026-1", "S1", "3/2026", "Semester 3 2026", "2026 2027"])
def test_tulisan_periode_bermakna_ganda_ditolak(buat_folder, tulisan):
    data = muat(buat_folder({"indikator": [ind(periode=tulisan)]}))
    r = data.ditolak.iloc[0]
    assert r["kolom"] == "periode" and "YYYY-S1" in r["alasan"] and "Semester 1 2026" in r["alasan"]


@pytest.mark.parametrize(
    "teks",
    [
        # dua sel header kosong yang isinya kosong, dan ",," di akhir setiap baris
        f"nip,nama,,opd,\n{NIP_A},Andi,,Dinas Kesehatan,\n",
        f"nip,nama,opd,,\n{NIP_A},Andi,Dinas Kesehatan,,\n",
    ],
)
def test_kolom_kosong_tanpa_judul_diabaikan(buat_folder, teks):
    data = muat(buat_folder({"pegawai": teks, "indikator": [ind()]}))
    assert data.ditolak.empty and not data.peringatan
    assert [k for k in data.tabel["pegawai"].columns if k.startswith("kolom_")] == []


def test_kolom_tanpa_judul_yang_berisi_dibawa_dan_diperingatkan(buat_folder):
    teks = f"nip,nama,,opd,\n{NIP_A},Andi,x,Dinas Kesehatan,y\n"
    data = muat(buat_folder({"pegawai": teks, "indikator": [ind()]}))
    assert data.tabel["pegawai"][["kolom_3", "kolom_5"]].values.tolist() == [["x", "y"]]
    assert sum("tidak punya judul" in p for p in data.peringatan) == 2


def test_dua_ejaan_satu_opd_menjadi_satu(buat_folder):
    isi = pegawai(NIP_A, NIP_B, opd="Dinas Sosial") + pegawai(NIP_C, opd="DINAS  SOSIAL ")
    organisasi = [{"opd": "dinas sosial", "periode": "2026-S1", "predikat_organisasi": "baik"}]
    data = muat(buat_folder({"pegawai": isi, "indikator": [ind(NIP_A), ind(NIP_C)],
                             "organisasi": organisasi}))  # fmt: skip
    assert data.tabel["pegawai"]["opd"].astype(str).unique().tolist() == ["Dinas Sosial"]
    assert data.tabel["organisasi"]["opd"].tolist() == ["Dinas Sosial"]
    (pesan,) = [p for p in data.peringatan if "ejaan" in p]
    assert "'DINAS  SOSIAL'" in pesan and "2 ejaan" in pesan


# --- Berkas yang bukan isinya, dan sel raksasa ------------------------------------------------


def _organisasi(folder: Path) -> Path:
    return folder / "organisasi.csv"


@pytest.mark.parametrize(
    ("ubah", "kata"),
    [
        (lambda p: pd.DataFrame({"opd": ["x"]}).to_excel(p, index=False), r"buku Excel \(\.xlsx\)"),
        (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100), r"Excel lama \(\.xls\)"),
        (lambda p: p.write_bytes("opd,periode\nA,2026\n".encode("utf-16-le")), "UTF-16"),
        (lambda p: p.write_bytes(b"%PDF-1.4 ..."), "PDF"),
        (lambda p: p.write_bytes(b"opd,periode\n\x00\x01\x02\x03\xff\xfe" * 50), "biner"),
    ],
)
def test_berkas_yang_bukan_isinya(buat_folder, capsys, ubah, kata):
    folder = buat_folder({"indikator": [ind()]})
    ubah(_organisasi(folder))
    kode, _, err = jalankan(capsys, "validasi", "--data", folder)
    assert kode == 2
    baris = pesan_galat(err)
    assert "organisasi.csv" in baris and re.search(kata, baris)


def test_csv_yang_diberi_akhiran_xlsx(buat_folder, capsys):
    folder = buat_folder({"indikator": [ind()]})
    (folder / "pegawai.csv").rename(folder / "pegawai.xlsx")
    kode, _, err = jalankan(capsys, "validasi", "--data", folder)
    assert kode == 2 and "pegawai.csv" in pesan_galat(err)


@pytest.mark.parametrize("ukuran", [4 << 20, 17 << 20])  # 4 MB; lebih dari satu blok baca
def test_sel_raksasa_menolak_barisnya_saja(buat_folder, ukuran):
    teks = f"nip,nama,opd\n{NIP_A},Andi,Dinas Kesehatan\n{NIP_B},{'x' * ukuran},Dinas Kesehatan\n"
    data = muat(buat_folder({"pegawai": teks, "indikator": [ind()]}))
    r = data.ditolak.iloc[0]
    assert (r["berkas"], r["baris"]) == ("pegawai.csv", 3)
    assert "32.767" in r["alasan"] and len(r["nilai"]) < 300
    assert data.tabel["pegawai"]["nip"].astype(str).tolist() == [NIP_A]
    periksa_hitungan(data)


def test_baris_dengan_jutaan_kolom_menolak_barisnya_saja(buat_folder):
    teks = f"nip,nama,opd\n{NIP_A},Andi,Dinas Kesehatan\n{NIP_B},B,C{',y' * (1 << 20)}\n"
    data = muat(buat_folder({"pegawai": teks, "indikator": [ind()]}))
    r = data.ditolak.iloc[0]
    assert r["baris"] == 3 and "lebih banyak kolom" in r["alasan"]
    periksa_hitungan(data)


def test_folder_tidak_dapat_dipakai_tanpa_traceback(tmp_path):
    with pytest.raises(InputTidakLayak, match="tidak ditemukan"):
        muat(tmp_path / "tidak_ada")
