"""Memuat folder data (kontrak v1, bagian 1) dan masukan buruk (bagian 2).

Setiap penolakan diperiksa pada baris ``ditolak``: ``berkas``, ``baris`` (nomor baris
spreadsheet: header = 1, baris data pertama = 2), ``kolom``, dan ``alasan`` berbahasa
Indonesia. Setiap uji juga memeriksa bahwa tidak ada baris yang hilang:
dibaca = dinilai + ditolak + dikecualikan.
"""

from __future__ import annotations

import re

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import NIP_A, NIP_B, NIP_C, NIP_PPPK, pegawai_untuk, periksa_hitungan
from openpyxl import Workbook

from asn_analitik import ArgumenTidakValid, InputTidakLayak, muat, pilih_periode


def ind(nip=NIP_A, indikator="Laporan", periode="2026-S1", **lain) -> dict:
    """Satu baris indikator yang sah; ``lain`` menimpa atau menambah kolom."""
    baris = {"nip": nip, "periode": periode, "indikator": indikator, "aspek": "kuantitas"}
    baris.update(target=10, realisasi=8)
    baris.update(lain)
    return baris


def tolak(data, berkas: str, kolom: str | None = None) -> pd.DataFrame:
    d = data.ditolak
    pilih = d["berkas"] == berkas
    if kolom is not None:
        pilih &= d["kolom"] == kolom
    return d[pilih]


def satu_tolak(data, berkas: str, kolom: str, baris: int, kata: str) -> pd.Series:
    """Tepat satu penolakan di (berkas, kolom) pada ``baris``, dengan alasan yang memuat
    ``kata`` (regex, tanpa membedakan huruf besar)."""
    d = tolak(data, berkas, kolom)
    assert len(d) == 1, data.ditolak[["berkas", "baris", "kolom", "nilai", "alasan"]]
    r = d.iloc[0]
    assert r["baris"] == baris
    assert isinstance(r["alasan"], str) and len(r["alasan"]) > 20
    assert re.search(kata, r["alasan"], re.I), r["alasan"]
    return r


# --- Bagian 1: bentuk berkas ------------------------------------------------------------------


@pytest.mark.parametrize(("pemisah", "realisasi"), [(",", "85.5"), (";", "85,5")])
def test_pemisah_koma_dan_titik_koma(buat_folder, pemisah, realisasi):
    """Pemisah dideteksi; dengan ';' koma desimal (85,5) dibaca 85.5."""
    pegawai = [{"nip": NIP_A, "nama": "Andi Saputra, S.Kom.", "opd": "Dinas Kesehatan"}]
    folder = buat_folder(
        {"pegawai": pegawai, "indikator": [ind(target="100", realisasi=realisasi)]},
        pemisah=pemisah,
    )
    data = muat(folder)
    assert data.ditolak.empty
    assert data.tabel["indikator"]["realisasi"].tolist() == [85.5]
    assert data.tabel["indikator"]["target"].tolist() == [100.0]
    assert data.tabel["pegawai"]["nama"].tolist() == ["Andi Saputra, S.Kom."]
    periksa_hitungan(data)


def test_titik_koma_dengan_angka_bertitik_desimal(buat_folder):
    """Dengan ';' angka 85.5 (titik desimal) tetap 85.5, bukan 855."""
    data = muat(buat_folder({"indikator": [ind(target="100", realisasi="85.5")]}, pemisah=";"))
    assert data.tabel["indikator"]["realisasi"].tolist() == [85.5]


def test_utf8_dengan_bom(buat_folder):
    """Excel menulis 'CSV UTF-8' dengan BOM: kolom pertama tetap bernama nip."""
    pegawai = [{"nip": NIP_A, "nama": "Siti Aisyah Nurhaliza", "opd": "Dinas Perhubungan"}]
    data = muat(buat_folder({"pegawai": pegawai, "indikator": [ind()]}, bom=True))
    assert data.ditolak.empty
    assert data.tabel["pegawai"]["nip"].tolist() == [NIP_A]
    assert len(data.tabel["indikator"]) == 1


def test_berkas_cp1252_ditolak_dengan_jelas(buat_folder):
    """CSV 'ANSI' (Windows-1252) bukan UTF-8: galat yang menyebut berkasnya."""
    pegawai = [{"nip": NIP_A, "nama": "José Sénior", "opd": "Dinas Sosial"}]
    folder = buat_folder({"pegawai": pegawai, "indikator": [ind()]}, pengodean="cp1252")
    with pytest.raises(InputTidakLayak, match=r"pegawai\.csv.*UTF-8") as galat:
        muat(folder)
    assert galat.value.berkas == "pegawai.csv"


def test_header_huruf_besar_dan_spasi(buat_folder):
    """' Nip ', 'NAMA', 'Opd ' dibaca sebagai nip, nama, opd."""
    pegawai = f" Nip ,NAMA,Opd \n{NIP_A},Andi,Dinas Sosial\n"
    indikator = (
        f"NIP, Periode ,Indikator,ASPEK,Target,Realisasi\n{NIP_A},2026-S1,Laporan,kuantitas,10,8\n"
    )
    data = muat(buat_folder({"pegawai": pegawai, "indikator": indikator}))
    assert data.ditolak.empty
    assert data.tabel["pegawai"]["opd"].tolist() == ["Dinas Sosial"]
    assert data.tabel["indikator"]["target"].tolist() == [10.0]


def test_akhir_baris_crlf(buat_folder):
    """CSV dari Windows berakhiran CRLF: kolom terakhir tidak membawa '\\r', nomor baris benar."""
    teks = (
        "nip,periode,indikator,aspek,target,realisasi\r\n"
        f"{NIP_A},2026-S1,A,kuantitas,10,8\r\n"
        f"{NIP_A},2026-S1,B,kuantitas,0,8\r\n"
    )
    data = muat(buat_folder({"pegawai": pegawai_untuk(NIP_A), "indikator": teks}))
    assert data.tabel["indikator"]["realisasi"].tolist() == [8.0]
    satu_tolak(data, "indikator.csv", "target", 3, r"lebih dari 0")
    periksa_hitungan(data)


def test_kolom_tambahan_dibawa(buat_folder):
    """Kolom yang tidak dikenal ikut dibawa, tidak dibuang dan tidak menjadi galat."""
    data = muat(buat_folder({"indikator": [ind(keterangan="bukti di e-Kinerja")]}))
    assert data.tabel["indikator"]["keterangan"].tolist() == ["bukti di e-Kinerja"]


def test_nip_tetap_teks_utuh(buat_folder):
    """NIP dibaca sebagai teks 18 digit, tidak pernah menjadi angka."""
    data = muat(buat_folder({"indikator": [ind(NIP_A), ind(NIP_PPPK)]}))
    assert data.ditolak.empty
    nip = data.tabel["pegawai"]["nip"]
    assert nip.tolist() == [NIP_A, NIP_PPPK]
    assert not pd.api.types.is_numeric_dtype(nip)
    assert data.tabel["indikator"]["nip"].tolist() == [NIP_A, NIP_PPPK]


def test_unit_kerja_dan_status_bawaan(buat_folder):
    """unit_kerja kosong = opd; status kosong = aktif; bidang kosong = umum."""
    data = muat(buat_folder({"indikator": [ind()]}))
    p = data.tabel["pegawai"].iloc[0]
    assert p["unit_kerja"] == p["opd"]
    assert p["status"] == "aktif"
    assert p["bidang"] == "umum"


@pytest.mark.parametrize(
    ("mentah", "baku"),
    [
        (["2026"], ["2026"]),
        (["2026-S1", "2026-S2"], ["2026-S1", "2026-S2"]),
        (
            ["2026-TW1", "2026-TW2", "2026-TW3", "2026-TW4"],
            ["2026-TW1", "2026-TW2", "2026-TW3", "2026-TW4"],
        ),
        (["2026-01", "2026-12"], ["2026-01", "2026-12"]),
        # urut waktu, bukan urut abjad: abjad akan menaruh 2026-S2 sebelum 2026-TW2
        (["2026-S2", "2025", "2026-TW2", "2026-02"], ["2025", "2026-02", "2026-TW2", "2026-S2"]),
    ],
)
def test_bentuk_periode_sah_dan_urutan_waktu(buat_folder, mentah, baku):
    """Kontrak 1: YYYY, YYYY-S1/S2, YYYY-TW1..4, YYYY-MM; diurutkan menurut waktu."""
    data = muat(buat_folder({"indikator": [ind(periode=p) for p in mentah]}))
    assert data.ditolak.empty
    assert data.periode == baku


def test_perilaku_aspek_varian_tulisan(buat_folder):
    """'Berorientasi Pelayanan' dan variasi huruf/spasi diterima sebagai nilai BerAKHLAK."""
    perilaku = [
        {"nip": NIP_A, "periode": "2026-S1", "aspek": "Berorientasi Pelayanan", "nilai": 4},
        {"nip": NIP_A, "periode": "2026-S1", "aspek": "AKUNTABEL", "nilai": 1},
        {"nip": NIP_A, "periode": "2026-S1", "aspek": " Kolaboratif ", "nilai": 5},
        {"nip": NIP_A, "periode": "2026-S1", "aspek": "berorientasi_pelayanan ", "nilai": 3},
    ]
    data = muat(buat_folder({"indikator": [ind()], "perilaku": perilaku}))
    # baris 5 sama dengan baris 2 setelah dibakukan tetapi nilainya lain (4 vs 3): data
    # bertentangan, keduanya ditolak (kit tidak menebak mana yang benar)
    assert data.tabel["perilaku"]["aspek"].astype(str).tolist() == ["akuntabel", "kolaboratif"]
    assert tolak(data, "perilaku.csv")["baris"].tolist() == [2, 5]
    periksa_hitungan(data)


@pytest.mark.parametrize(
    ("hk", "pr", "baku"),
    [
        ("di_atas", "sesuai", ("di_atas", "sesuai")),
        ("Di Atas Ekspektasi", "Di Bawah Ekspektasi", ("di_atas", "di_bawah")),
        ("SESUAI EKSPEKTASI", "di_bawah", ("sesuai", "di_bawah")),
        ("", "Sesuai Ekspektasi", (None, "sesuai")),
        ("di_bawah", "", ("di_bawah", None)),
    ],
)
def test_rating_bentuk_pendek_dan_panjang(buat_folder, hk, pr, baku):
    """Kontrak 1 evaluasi_atasan: di_atas/sesuai/di_bawah atau bentuk panjangnya; boleh kosong."""
    ev = [{"nip": NIP_A, "periode": "2026-S1", "rating_hasil_kerja": hk, "rating_perilaku": pr}]
    data = muat(buat_folder({"indikator": [ind()], "evaluasi_atasan": ev}))
    assert data.ditolak.empty
    e = data.tabel["evaluasi_atasan"].iloc[0]
    hasil = tuple(
        None if pd.isna(e[k]) else e[k] for k in ("rating_hasil_kerja", "rating_perilaku")
    )
    assert hasil == baku


# --- Bagian 2: baris yang ditolak -------------------------------------------------------------

KASUS_INDIKATOR = [
    # kolom, isi sel, kata di alasan
    ("target", "0", r"lebih dari 0"),
    ("target", "-5", r"lebih dari 0"),
    ("target", "", r"wajib|diisi"),
    ("target", "seratus", r"angka"),
    ("realisasi", "-1", r"negatif"),
    ("realisasi", "banyak", r"angka"),
    ("bobot", "0", r"lebih dari 0"),
    ("bobot", "-2", r"lebih dari 0"),
    ("bobot", "berat", r"angka"),
    ("aspek", "jumlah", r"kuantitas"),
    ("aspek", "", r"wajib|diisi"),
    ("arah", "atas", r"naik"),
    ("indikator", "", r"wajib|diisi"),
    ("periode", "", r"wajib|diisi"),
    ("periode", "2026-13", r"YYYY"),
    ("periode", "2026-00", r"YYYY"),
    ("periode", "2026-S3", r"YYYY"),
    ("periode", "2026-TW5", r"YYYY"),
    ("periode", "2026-TW0", r"YYYY"),
    ("periode", "26-S1", r"YYYY"),
    ("periode", "Semester 1", r"YYYY"),
    ("periode", "2026-Q1", r"YYYY"),
    ("nip", NIP_C, r"pegawai"),  # NIP sah tetapi tidak ada di berkas pegawai
    ("nip", "", r"wajib|diisi"),
]


@pytest.mark.parametrize(("kolom", "isi", "kata"), KASUS_INDIKATOR)
def test_indikator_sel_tidak_sah_menolak_barisnya_saja(buat_folder, kolom, isi, kata):
    """Satu sel buruk menolak barisnya saja (baris 3); baris sah di sekitarnya tetap dipakai."""
    baris = [
        ind(indikator="Baik 1"),  # baris 2
        {**ind(indikator="Buruk"), kolom: isi},  # baris 3
        ind(indikator="Baik 2"),  # baris 4
    ]
    data = muat(buat_folder({"pegawai": pegawai_untuk(NIP_A), "indikator": baris}))
    r = satu_tolak(data, "indikator.csv", kolom, 3, kata)
    if isi:
        assert r["nilai"] == isi
    assert data.tabel["indikator"]["_baris"].tolist() == [2, 4]
    assert data.jumlah()["indikator"] == {
        "dibaca": 3,
        "dinilai": 2,
        "ditolak": 1,
        "dikecualikan": 0,
    }
    periksa_hitungan(data)


def test_realisasi_kosong_tidak_ditolak(buat_folder):
    """Realisasi kosong berarti tidak dilaporkan: baris tetap dinilai."""
    data = muat(buat_folder({"indikator": [ind(realisasi="")]}))
    assert data.ditolak.empty
    assert data.tabel["indikator"]["realisasi"].isna().tolist() == [True]


def test_beberapa_masalah_satu_baris_dihitung_sekali(buat_folder):
    """Dua sel buruk di satu baris: dua baris ditolak.csv, tetapi satu baris yang ditolak."""
    data = muat(buat_folder({"indikator": [ind(), ind(indikator="X", target="0", aspek="jumlah")]}))
    d = tolak(data, "indikator.csv")
    assert sorted(d["kolom"]) == ["aspek", "target"]
    assert set(d["baris"]) == {3}
    assert data.jumlah()["indikator"] == {
        "dibaca": 2,
        "dinilai": 1,
        "ditolak": 1,
        "dikecualikan": 0,
    }


def test_nomor_baris_mengikuti_spreadsheet_dengan_baris_kosong(buat_folder):
    """Baris kosong di tengah tidak menggeser nomor baris berikutnya."""
    teks = (
        "nip,periode,indikator,aspek,target\n"
        f"{NIP_A},2026-S1,A,kuantitas,10\n"  # baris 2
        ",,,,\n"  # baris 3: kosong
        f"{NIP_A},2026-S1,B,kuantitas,0\n"  # baris 4: target 0
    )
    data = muat(buat_folder({"pegawai": pegawai_untuk(NIP_A), "indikator": teks}))
    satu_tolak(data, "indikator.csv", "target", 4, r"lebih dari 0")
    periksa_hitungan(data)


@pytest.mark.parametrize(
    ("nip", "kata"),
    [
        ("1.98003E+17", r"teks"),
        ("198003152005011000.0", r"teks"),
        ("1.98609262015051E+17", r"teks"),
        ("1,98609E+17", r"teks"),
        ("198613262015051001", r"tanggal lahir"),  # bulan lahir 13
        ("198609322015051001", r"tanggal lahir"),  # tanggal lahir 32
        ("198609262015131001", r"TMT"),  # bulan TMT 13
        ("198609262015001001", r"TMT"),  # bulan TMT 00
        ("198304232025201097", r"TMT"),  # digit 13-14 = 20: bukan bulan, bukan PPPK 21-29
        ("198609262015053001", r"laki-laki|perempuan"),  # digit 15 = 3
        ("198609262015051000", r"000"),  # nomor urut 000
        ("19860926201505100", r"18 digit"),  # 17 digit
        ("1986092620150510011", r"18 digit"),  # 19 digit
        ("19860926201505100A", r"18 digit"),
        ("189912312015051001", r"tanggal lahir"),  # lahir sebelum 1900
        ("199002142014032002"[:8] + "1989" + "032002", r"TMT"),  # TMT sebelum tahun lahir
        ("198609261986051001", r"TMT"),  # TMT di tahun lahir
    ],
)
def test_nip_pegawai_salah_susunan(buat_folder, nip, kata):
    """NIP yang bukan 18 digit bersusunan sah menolak baris pegawai (baris 3)."""
    pegawai = pegawai_untuk(NIP_A) + [{"nip": nip, "nama": "Budi", "opd": "Dinas Sosial"}]
    indikator = [ind(NIP_A), ind(nip, indikator="Punya Budi")]
    data = muat(buat_folder({"pegawai": pegawai, "indikator": indikator}))
    r = satu_tolak(data, "pegawai.csv", "nip", 3, kata)
    assert r["nilai"] == nip  # isi sel apa adanya, agar pengguna menemukannya
    assert data.tabel["pegawai"]["nip"].tolist() == [NIP_A]
    # baris indikator pegawai itu ikut ditolak (tidak hilang diam-diam)
    assert tolak(data, "indikator.csv")["baris"].tolist() == [3]
    periksa_hitungan(data)


@pytest.mark.parametrize("nip", ["1.98003E+17", "198003152005011000.0"])
def test_nip_angka_di_indikator_minta_format_teks(buat_folder, nip):
    """Kontrak 2: NIP yang dijadikan angka oleh spreadsheet, di tabel mana pun."""
    data = muat(buat_folder({"pegawai": pegawai_untuk(NIP_A), "indikator": [ind(), ind(nip)]}))
    satu_tolak(data, "indikator.csv", "nip", 3, r"teks")


def test_nip_pppk_diterima(buat_folder):
    """Susunan PPPK (digit 13-14 = 21..29) sah."""
    data = muat(buat_folder({"indikator": [ind(NIP_PPPK)]}))
    assert data.ditolak.empty
    assert data.tabel["pegawai"]["nip"].tolist() == [NIP_PPPK]


@pytest.mark.parametrize(("atasan", "ditolak"), [(NIP_A, False), ("", False), (NIP_C, True)])
def test_nip_atasan_harus_ada_di_berkas(buat_folder, atasan, ditolak):
    """nip_atasan, bila diisi, harus NIP di berkas pegawai."""
    pegawai = pegawai_untuk(NIP_A, NIP_B)
    pegawai[1]["nip_atasan"] = atasan
    data = muat(buat_folder({"pegawai": pegawai, "indikator": [ind(NIP_A), ind(NIP_B)]}))
    if ditolak:
        satu_tolak(data, "pegawai.csv", "nip_atasan", 3, r"atasan")
    else:
        assert data.ditolak.empty
    periksa_hitungan(data)


@pytest.mark.parametrize(
    ("isi", "kata"),
    [("0", r"1 sampai 5|1-5|1\.\.5"), ("6", r"1 sampai 5|1-5"), ("3.5", r"bulat"), ("", r"wajib")],
)
def test_perilaku_nilai_tidak_sah(buat_folder, isi, kata):
    """nilai perilaku bilangan bulat 1..5."""
    perilaku = [
        {"nip": NIP_A, "periode": "2026-S1", "aspek": "loyal", "nilai": 5},
        {"nip": NIP_A, "periode": "2026-S1", "aspek": "adaptif", "nilai": isi},
        {"nip": NIP_A, "periode": "2026-S1", "aspek": "harmonis", "nilai": 1},
    ]
    data = muat(buat_folder({"indikator": [ind()], "perilaku": perilaku}))
    satu_tolak(data, "perilaku.csv", "nilai", 3, kata)
    assert data.tabel["perilaku"]["nilai"].tolist() == [5.0, 1.0]
    periksa_hitungan(data)


def test_perilaku_aspek_tidak_dikenal(buat_folder):
    """Aspek di luar tujuh nilai BerAKHLAK ditolak dengan daftar pilihannya."""
    perilaku = [{"nip": NIP_A, "periode": "2026-S1", "aspek": "jujur", "nilai": 3}]
    data = muat(buat_folder({"indikator": [ind()], "perilaku": perilaku}))
    satu_tolak(data, "perilaku.csv", "aspek", 2, r"kolaboratif")


def test_rating_tidak_dikenal(buat_folder):
    """Rating selain tiga tingkat (atau bentuk panjangnya) ditolak."""
    ev = [
        {"nip": NIP_A, "periode": "2026-S1", "rating_hasil_kerja": "bagus", "rating_perilaku": ""}
    ]
    data = muat(buat_folder({"indikator": [ind()], "evaluasi_atasan": ev}))
    satu_tolak(data, "evaluasi_atasan.csv", "rating_hasil_kerja", 2, r"di_atas|Di Atas")


@pytest.mark.parametrize(
    ("kolom", "isi", "ditolak"),
    [
        ("jenis_jabatan", "Fungsional", False),
        ("jenis_jabatan", "pelaksana", False),
        ("jenis_jabatan", "Staf", True),
        ("status", "aktif", False),
        ("status", "cuti", True),  # bukan status yang dikenal: jangan dinilai diam-diam
    ],
)
def test_pilihan_pegawai(buat_folder, kolom, isi, ditolak):
    """jenis_jabatan dan status hanya menerima nilai yang tertulis di kontrak."""
    pegawai = pegawai_untuk(NIP_A, NIP_B)
    pegawai[1][kolom] = isi
    data = muat(buat_folder({"pegawai": pegawai, "indikator": [ind(NIP_A), ind(NIP_B)]}))
    if ditolak:
        satu_tolak(data, "pegawai.csv", kolom, 3, kolom)
    else:
        assert data.ditolak.empty
    periksa_hitungan(data)


# --- Dikecualikan ----------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["pensiun", "mutasi", "cltn", "meninggal", "Pensiun"])
def test_pegawai_tidak_aktif_dikecualikan_bukan_ditolak(buat_folder, status):
    """Status selain aktif: pegawai dan semua barisnya dikecualikan, bukan ditolak."""
    pegawai = pegawai_untuk(NIP_A, NIP_B)
    pegawai[1]["status"] = status
    perilaku = [{"nip": NIP_B, "periode": "2026-S1", "aspek": "loyal", "nilai": 3}]
    indikator = [ind(NIP_A), ind(NIP_B), ind(NIP_B, indikator="Lain")]
    data = muat(buat_folder({"pegawai": pegawai, "indikator": indikator, "perilaku": perilaku}))
    assert data.ditolak.empty
    assert data.tabel["pegawai"]["nip"].tolist() == [NIP_A]
    assert data.tabel["indikator"]["nip"].tolist() == [NIP_A]
    assert data.tabel["perilaku"].empty
    j = data.jumlah()
    assert j["pegawai"] == {"dibaca": 2, "dinilai": 1, "ditolak": 0, "dikecualikan": 1}
    assert j["indikator"] == {"dibaca": 3, "dinilai": 1, "ditolak": 0, "dikecualikan": 2}
    assert j["perilaku"] == {"dibaca": 1, "dinilai": 0, "ditolak": 0, "dikecualikan": 1}
    k = data.dikecualikan
    assert k.loc[k["berkas"] == "indikator.csv", "baris"].tolist() == [3, 4]
    assert k["alasan"].str.contains(status.lower()).all()
    periksa_hitungan(data)


def test_periode_tidak_dipilih_dikecualikan(buat_folder):
    """Kontrak 4: baris periode yang tidak dipilih dihitung sebagai dikecualikan."""
    indikator = [ind(periode="2026-S1"), ind(periode="2026-S2"), ind(NIP_B, periode="2026-S2")]
    perilaku = [
        {"nip": NIP_A, "periode": "2026-S1", "aspek": "loyal", "nilai": 3},
        {"nip": NIP_A, "periode": "2026-S2", "aspek": "loyal", "nilai": 4},
    ]
    data = pilih_periode(
        muat(buat_folder({"indikator": indikator, "perilaku": perilaku})), "2026-S1"
    )
    assert data.tabel["indikator"]["periode"].tolist() == ["2026-S1"]
    assert data.tabel["perilaku"]["periode"].tolist() == ["2026-S1"]
    k = data.dikecualikan
    assert k.loc[k["berkas"] == "indikator.csv", "baris"].tolist() == [3, 4]
    assert k.loc[k["berkas"] == "perilaku.csv", "baris"].tolist() == [3]
    assert data.jumlah()["indikator"] == {
        "dibaca": 3,
        "dinilai": 1,
        "ditolak": 0,
        "dikecualikan": 2,
    }
    periksa_hitungan(data)


@pytest.mark.parametrize("periode", ["2030-S1", "2026-S3", "semester"])
def test_periode_diminta_tidak_ada(buat_folder, periode):
    """Periode yang diminta tetapi tidak ada di data: galat argumen yang menyebutnya."""
    data = muat(buat_folder({"indikator": [ind()]}))
    with pytest.raises(ArgumenTidakValid, match=re.escape(periode)):
        pilih_periode(data, periode)


# --- Folder yang tidak dapat dipakai ---------------------------------------------------------


def _xlsx(path, baris: list[list]) -> None:
    buku = Workbook()
    lembar = buku.active
    for b in baris:
        lembar.append(b)
    buku.save(path)


def test_dua_berkas_untuk_satu_tabel(buat_folder):
    """indikator.csv dan indikator.xlsx bersama-sama: galat yang menyebut keduanya."""
    folder = buat_folder({"indikator": [ind()]})
    _xlsx(folder / "indikator.xlsx", [["nip", "periode", "indikator", "aspek", "target"]])
    with pytest.raises(
        InputTidakLayak, match=r"indikator\.csv.*indikator\.xlsx|indikator\.xlsx.*indikator\.csv"
    ):
        muat(folder)


@pytest.mark.parametrize("tabel", ["pegawai", "indikator"])
def test_berkas_wajib_tidak_ada(buat_folder, tabel):
    """Tanpa pegawai atau indikator folder tidak dapat dipakai."""
    folder = buat_folder({"indikator": [ind()]})
    (folder / f"{tabel}.csv").unlink()
    with pytest.raises(InputTidakLayak, match=tabel) as galat:
        muat(folder)
    assert tabel in galat.value.berkas


@pytest.mark.parametrize(
    ("tabel", "kolom"),
    [
        ("pegawai", "nip"),
        ("pegawai", "nama"),
        ("pegawai", "opd"),
        ("indikator", "nip"),
        ("indikator", "periode"),
        ("indikator", "indikator"),
        ("indikator", "aspek"),
        ("indikator", "target"),
        ("perilaku", "nilai"),
    ],
)
def test_kolom_wajib_tidak_ada(buat_folder, tabel, kolom):
    """Kolom wajib hilang: galat yang menyebut berkas dan kolomnya."""
    isi = {
        "pegawai": pegawai_untuk(NIP_A),
        "indikator": [ind()],
        "perilaku": [{"nip": NIP_A, "periode": "2026-S1", "aspek": "loyal", "nilai": 3}],
    }
    isi[tabel] = [{k: v for k, v in b.items() if k != kolom} for b in isi[tabel]]
    with pytest.raises(InputTidakLayak, match=rf"{tabel}\.csv.*'?{kolom}'?") as galat:
        muat(buat_folder(isi))
    assert galat.value.berkas == f"{tabel}.csv"
    assert galat.value.kolom == kolom


@pytest.mark.parametrize(
    ("isi", "keterangan"),
    [("", "berkas kosong"), ("nip,periode,indikator,aspek,target\n", "hanya header")],
)
def test_berkas_tanpa_baris_data(buat_folder, isi, keterangan):
    """Berkas indikator kosong atau hanya header: folder tidak dapat dipakai."""
    folder = buat_folder({"pegawai": pegawai_untuk(NIP_A), "indikator": isi})
    with pytest.raises(InputTidakLayak, match=r"indikator\.csv") as galat:
        muat(folder)
    assert galat.value.berkas == "indikator.csv", keterangan


def test_folder_tidak_ada(tmp_path):
    """Folder yang salah ketik: galat yang menyebut foldernya."""
    with pytest.raises(InputTidakLayak, match="tidak_ada"):
        muat(tmp_path / "tidak_ada")


# --- Excel dan Parquet ------------------------------------------------------------------------

_HEADER_INDIKATOR = ["nip", "periode", "indikator", "aspek", "target", "realisasi"]


def test_xlsx_dibaca_dengan_angka_dan_nip_teks(tmp_path):
    """Lembar pertama .xlsx; sel angka dibaca sebagai angka, NIP sebagai teks."""
    _xlsx(tmp_path / "pegawai.xlsx", [["NIP", "Nama", "OPD"], [NIP_A, "Andi", "Dinas Sosial"]])
    _xlsx(
        tmp_path / "indikator.xlsx",
        [_HEADER_INDIKATOR, [NIP_A, "2026-S1", "Laporan", "kuantitas", 100, 85.5]],
    )
    data = muat(tmp_path)
    assert data.ditolak.empty
    assert data.tabel["pegawai"]["nip"].tolist() == [NIP_A]
    assert data.tabel["indikator"]["realisasi"].tolist() == [85.5]
    assert data.tabel["indikator"]["target"].tolist() == [100.0]
    periksa_hitungan(data)


@pytest.mark.parametrize(
    "sel_nip", [float(NIP_B), int(NIP_B)], ids=["sel_angka_desimal", "sel_angka_bulat"]
)
def test_xlsx_nip_sel_angka_ditolak(tmp_path, sel_nip):
    """Sel NIP bertipe angka di Excel sudah kehilangan digit (presisi 15 digit): tolak dan
    minta kolom diformat sebagai teks."""
    _xlsx(
        tmp_path / "pegawai.xlsx",
        [
            ["nip", "nama", "opd"],
            [NIP_A, "Andi", "Dinas Sosial"],
            [sel_nip, "Budi", "Dinas Sosial"],
        ],
    )
    _xlsx(
        tmp_path / "indikator.xlsx",
        [_HEADER_INDIKATOR, [NIP_A, "2026-S1", "Laporan", "kuantitas", 100, 90]],
    )
    data = muat(tmp_path)
    satu_tolak(data, "pegawai.xlsx", "nip", 3, r"teks")
    periksa_hitungan(data)


def test_parquet_dibaca(tmp_path):
    """Parquet: kolom bertipe angka tetap angka, NIP teks."""
    pq.write_table(
        pa.table({"nip": [NIP_A, NIP_B], "nama": ["Andi", "Budi"], "opd": ["Dinas Sosial"] * 2}),
        tmp_path / "pegawai.parquet",
    )
    pq.write_table(
        pa.table(
            {
                "nip": [NIP_A, NIP_B],
                "periode": ["2026-S1", "2026-S1"],
                "indikator": ["Laporan", "Laporan"],
                "aspek": ["kuantitas", "waktu"],
                "target": [100.0, 0.0],  # baris 3: target 0 ditolak
                "realisasi": [85.5, None],
            }
        ),
        tmp_path / "indikator.parquet",
    )
    data = muat(tmp_path)
    assert data.tabel["indikator"]["realisasi"].tolist() == [85.5]
    satu_tolak(data, "indikator.parquet", "target", 3, r"lebih dari 0")
    periksa_hitungan(data)


# --- Kebiasaan spreadsheet berlokal Indonesia -------------------------------------------------


@pytest.mark.parametrize(
    ("teks", "angka"),
    [("1.250", 1250.0), ("12.500.000", 12500000.0), ("1.250,5", 1250.5), ("0.500", 0.5)],
)
def test_titik_koma_pemisah_ribuan(buat_folder, teks, angka):
    """Di CSV ';' (lokal Indonesia) titik dengan tiga digit sesudahnya adalah pemisah ribuan."""
    data = muat(buat_folder({"indikator": [ind(target=teks)]}, pemisah=";"))
    assert data.tabel["indikator"]["target"].tolist() == [angka]


def test_tanda_strip_berarti_kosong(buat_folder):
    """'-' di sel realisasi berarti belum ada: tidak dilaporkan, bukan ditolak."""
    data = muat(buat_folder({"indikator": [ind(realisasi="-")]}))
    assert data.ditolak.empty
    assert data.tabel["indikator"]["realisasi"].isna().all()


def test_galat_rumus_excel_dijelaskan(buat_folder):
    """Sel '#DIV/0!' yang terbawa dari rumus Excel diberi alasan yang menyebut rumus."""
    data = muat(buat_folder({"indikator": [ind(realisasi="#DIV/0!")]}))
    satu_tolak(data, "indikator.csv", "realisasi", 2, "rumus Excel")


def test_nip_dengan_apostrof_excel(buat_folder):
    """Tanda ' di depan NIP (cara Excel memaksa teks) dibuang, NIP tetap sah."""
    pegawai = [{"nip": "'" + NIP_A, "nama": "A", "opd": "Dinas Kesehatan"}]
    data = muat(buat_folder({"pegawai": pegawai, "indikator": [ind()]}))
    assert data.ditolak.empty
    assert data.tabel["pegawai"]["nip"].astype(str).tolist() == [NIP_A]


def test_pemisah_tab(buat_folder):
    """Berkas yang disimpan sebagai teks bertab tetap terbaca kolomnya."""
    data = muat(buat_folder({"indikator": [ind(realisasi="8")]}, pemisah="\t"))
    assert data.ditolak.empty
    assert data.tabel["indikator"]["realisasi"].tolist() == [8.0]


@pytest.mark.parametrize(
    ("teks", "angka"),
    [("1.250", 1.25), ("0.500", 0.5), ("12.500", 12.5), ("85.5", 85.5)],
)
def test_koma_titik_desimal_biasa_bukan_pemisah_ribuan(buat_folder, teks, angka):
    """Di CSV berpemisah ',' titik adalah titik desimal: 1.250 = 1,25 (bukan 1.250). Aturan
    koma desimal dan pemisah ribuan hanya untuk CSV ';' (kontrak bagian 1)."""
    data = muat(buat_folder({"indikator": [ind(target=teks, realisasi=teks)]}, pemisah=","))
    assert data.ditolak.empty
    assert data.tabel["indikator"]["target"].tolist() == [angka]
    assert data.tabel["indikator"]["realisasi"].tolist() == [angka]


# --- Baris kosong dihitung sebagai dibaca dan dikecualikan ---------------------------------

_BARIS_INDIKATOR = f"{NIP_A},2026-S1,{{nama}},kuantitas,10,8\n"
_JUDUL_INDIKATOR = "nip,periode,indikator,aspek,target,realisasi\n"


@pytest.mark.parametrize(
    ("kosong", "keterangan"),
    [(",,,,,\n", "sel kosong semua"), ("\n", "baris tanpa isi"), (" , ,,,,\n", "hanya spasi")],
)
def test_baris_kosong_dibaca_dan_dikecualikan(buat_folder, kosong, keterangan):
    """Baris kosong di tengah berkas tetap baris berkas: dihitung dibaca, lalu dikecualikan
    dengan alasannya dan nomor baris spreadsheetnya (kontrak bagian 2: setiap baris masukan
    tercatat). Baris kosong di ujung berkas (sisa format spreadsheet) diabaikan (README)."""
    teks = (
        _JUDUL_INDIKATOR
        + _BARIS_INDIKATOR.format(nama="A")  # baris 2
        + kosong  # baris 3
        + _BARIS_INDIKATOR.format(nama="B")  # baris 4
        + kosong  # baris 5
        + _BARIS_INDIKATOR.format(nama="C")  # baris 6
        + kosong  # baris 7: di ujung, diabaikan
    )
    data = muat(buat_folder({"pegawai": pegawai_untuk(NIP_A), "indikator": teks}))
    # baris 2-6 dibaca: 3 berisi (dinilai) + 2 kosong di tengah (dikecualikan)
    assert data.jumlah()["indikator"] == {
        "dibaca": 5,
        "dinilai": 3,
        "ditolak": 0,
        "dikecualikan": 2,
    }, keterangan
    k = data.dikecualikan[data.dikecualikan["berkas"] == "indikator.csv"]
    assert k["baris"].tolist() == [3, 5]
    assert k["alasan"].str.contains("kosong").all()
    assert data.tabel["indikator"]["_baris"].tolist() == [2, 4, 6]


def test_baris_kosong_di_berkas_pegawai_juga_tercatat(buat_folder):
    """Baris kosong di berkas pegawai: dibaca dan dikecualikan, pegawai lain tetap dinilai."""
    pegawai = f"nip,nama,opd\n{NIP_A},Andi,Dinas Sosial\n,,\n{NIP_B},Budi,Dinas Sosial\n"
    data = muat(buat_folder({"pegawai": pegawai, "indikator": [ind(NIP_A), ind(NIP_B)]}))
    assert data.jumlah()["pegawai"] == {"dibaca": 3, "dinilai": 2, "ditolak": 0, "dikecualikan": 1}
    k = data.dikecualikan
    assert k.loc[k["berkas"] == "pegawai.csv", "baris"].tolist() == [3]


# --- Baris ganda --------------------------------------------------------------------------

_PR = {"nip": NIP_A, "periode": "2026-S1", "aspek": "loyal", "nilai": 4}
_EV = {"nip": NIP_A, "periode": "2026-S1", "rating_hasil_kerja": "sesuai", "rating_perilaku": ""}
_ORG = {"opd": "Dinas Kesehatan", "periode": "2026-S1", "predikat_organisasi": "baik"}

#: Satu baris sah per tabel yang berkunci unik (kontrak 1), untuk disalin persis.
BARIS_SAH = {
    "pegawai": {"nip": NIP_A, "nama": "Andi", "opd": "Dinas Kesehatan"},
    "indikator": ind(),
    "perilaku": _PR,
    "evaluasi_atasan": _EV,
    "organisasi": _ORG,
}


def _folder_dengan(tabel: str, baris: list[dict]) -> dict:
    """Folder minimal (satu pegawai, satu indikator) dengan ``baris`` sebagai isi ``tabel``."""
    isi = {"pegawai": [BARIS_SAH["pegawai"]], "indikator": [ind()]}
    isi[tabel] = baris
    return isi


@pytest.mark.parametrize("tabel", list(BARIS_SAH))
@pytest.mark.parametrize("salinan", [1, 2])
def test_baris_ganda_persis_yang_pertama_dipakai(buat_folder, tabel, salinan):
    """Baris yang sama persis dengan baris di atasnya: baris pertama (baris 2) dipakai, setiap
    salinannya ditolak dengan alasan yang menyebut baris yang dipakai."""
    baris = [BARIS_SAH[tabel]] * (1 + salinan)  # baris 2, lalu salinan di baris 3 (dan 4)
    data = muat(buat_folder(_folder_dengan(tabel, baris)))
    berkas = f"{tabel}.csv"
    d = tolak(data, berkas)
    assert d["baris"].tolist() == list(range(3, 3 + salinan)), data.ditolak
    assert d["alasan"].str.contains(r"sama persis dengan baris 2\b").all(), d["alasan"].tolist()
    assert data.tabel[tabel]["_baris"].tolist() == [2]
    # 1 + salinan baris dibaca = 1 dipakai + salinan ditolak
    assert data.jumlah()[tabel] == {
        "dibaca": 1 + salinan,
        "dinilai": 1,
        "ditolak": salinan,
        "dikecualikan": 0,
    }
    periksa_hitungan(data)


@pytest.mark.parametrize(
    ("tabel", "kolom", "lain"),
    [
        ("indikator", "target", 20),
        ("pegawai", "nama", "Andi Saputra"),
        ("evaluasi_atasan", "rating_hasil_kerja", "di_atas"),
        ("organisasi", "predikat_organisasi", "istimewa"),
    ],
)
def test_baris_berkunci_sama_tetapi_isinya_lain_semua_ditolak(buat_folder, tabel, kolom, lain):
    """Dua baris berkunci sama dengan isi berbeda: keduanya ditolak (kit tidak menebak mana
    yang benar) dan alasannya menyebut kedua baris."""
    baris = [BARIS_SAH[tabel], {**BARIS_SAH[tabel], kolom: lain}]  # baris 2 dan 3
    data = muat(buat_folder(_folder_dengan(tabel, baris)))
    d = tolak(data, f"{tabel}.csv")
    assert sorted(d["baris"]) == [2, 3], data.ditolak
    assert d["alasan"].str.contains("bertentangan").all()
    assert d["alasan"].str.contains("2, 3").all(), d["alasan"].tolist()
    assert data.tabel[tabel].empty
    periksa_hitungan(data)


def test_indikator_sama_di_dua_rhk_bukan_baris_ganda(buat_folder):
    """Kunci indikator memuat rhk: indikator yang sama di bawah dua RHK adalah dua baris sah
    (mis. "Laporan" untuk RHK 1 dan RHK 2), bukan data bertentangan."""
    indikator = [ind(rhk="RHK 1", target=10), ind(rhk="RHK 2", target=20)]
    data = muat(buat_folder({"indikator": indikator}))
    assert data.ditolak.empty, data.ditolak[["baris", "kolom", "alasan"]]
    t = data.tabel["indikator"]
    assert t["rhk"].tolist() == ["RHK 1", "RHK 2"]
    assert t["target"].tolist() == [10.0, 20.0]


@pytest.mark.parametrize(
    ("nip", "kata"),
    [
        (NIP_A, None),  # sah: tanpa alasan
        ("198609262015051000", r"000"),
        ("1.98609E+17", r"Teks"),
        ("19860926201505100", r"18 digit"),
        ("198613262015051001", r"tanggal lahir"),
    ],
)
def test_jelaskan_nip_satu_per_satu(nip, kata):
    """Alasan untuk satu NIP (dipakai pesan di luar tabel ditolak): kosong bila sah."""
    from asn_analitik.masuk.nip import jelaskan_nip

    alasan = jelaskan_nip(nip)
    assert alasan == "" if kata is None else re.search(kata, alasan), alasan


def test_status_nip_teks_biasa_dan_kategori_sama():
    """Status NIP per sel (sah / bentuk salah / tidak terdaftar) sama untuk kolom teks biasa
    (pemanggilan langsung) dan kolom kategori (jalur muat), termasuk NIP yang berulang dan sel
    kosong."""
    from asn_analitik.masuk.periksa import (
        NIP_BENTUK_SALAH,
        NIP_SAH,
        NIP_TIDAK_TERDAFTAR,
        status_nip,
    )

    nip = pd.Series(["198609262015051001", "1.98609E+17", None, "199002142014032002",
                     "198609262015051001", "1.98609E+17"], dtype="str")  # fmt: skip
    acuan = pd.Index(["198609262015051001"])
    harapan = [NIP_SAH, NIP_BENTUK_SALAH, NIP_SAH, NIP_TIDAK_TERDAFTAR, NIP_SAH, NIP_BENTUK_SALAH]
    assert status_nip(nip, acuan).tolist() == harapan
    assert status_nip(nip.astype("category"), acuan).tolist() == harapan
    assert (NIP_SAH, NIP_BENTUK_SALAH, NIP_TIDAK_TERDAFTAR) == (0, 1, 2)


def test_tahun_status_skp_yang_bukan_tahun_ditolak(buat_folder):
    """``status_skp.tahun`` yang terisi tetapi bukan tahun ("dua ribu", "2026-S1") ditolak
    dengan alasan di kolom itu; baris dengan tahun yang sah tetap ada."""
    pegawai = [{"nip": NIP_A, "nama": "Andi", "opd": "Dinas Kesehatan"}]
    skp = [
        {"nip": NIP_A, "tahun": "2025", "skp_status": "selesai"},
        {"nip": NIP_A, "tahun": "dua ribu", "skp_status": "selesai"},
        {"nip": NIP_B, "tahun": "2026-S1", "skp_status": "draf"},
    ]
    data = muat(buat_folder({"pegawai": pegawai, "indikator": [ind()], "status_skp": skp}))
    d = tolak(data, "status_skp.csv", "tahun")
    assert sorted(d["baris"]) == [3, 4], data.ditolak[["berkas", "baris", "kolom", "alasan"]]
    assert d["alasan"].str.contains("tahun", case=False).all()
    assert data.tabel["status_skp"]["tahun"].astype("str").tolist() == ["2025"]


def test_katalog_dengan_sasaran_tidak_dikenal_ditolak(tmp_path):
    """Katalog pelatihan yang sasarannya bukan aspek atau nilai BerAKHLAK (mis. salah ketik
    "kualitass") ditolak seluruhnya dengan baris, kolom ``sasaran`` dan yang diizinkan; ejaan yang
    dibakukan (huruf besar, ``perilaku:`` + nilai) tetap diterima."""
    from asn_analitik.masuk.muat import muat_katalog

    kepala = "kode,nama,jalur,bentuk,jp,sasaran,bidang\n"
    sah = ("PLT-1,Pelatihan A,klasikal,pelatihan teknis,8,Kualitas,umum\n"
           "PLT-2,Pelatihan B,nonklasikal,coaching,4,perilaku:kolaboratif,umum\n")  # fmt: skip
    (tmp_path / "sah.csv").write_text(kepala + sah, encoding="utf-8")
    katalog = muat_katalog(tmp_path / "sah.csv")
    assert katalog["sasaran"].astype("str").tolist() == ["kualitas", "perilaku:kolaboratif"]
    salah = sah + "PLT-3,Pelatihan C,klasikal,pelatihan teknis,8,kualitass,umum\n"
    (tmp_path / "salah.csv").write_text(kepala + salah, encoding="utf-8")
    with pytest.raises(InputTidakLayak) as galat:
        muat_katalog(tmp_path / "salah.csv")
    assert galat.value.kolom == "sasaran"
    assert "baris 4 kolom sasaran: sasaran harus salah satu dari" in galat.value.pesan
