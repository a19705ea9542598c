"""Uji pembuat data contoh (:mod:`asn_analitik.contoh`) dan penanam kesalahan
(:mod:`asn_analitik.contoh.rusak`)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from asn_analitik.contoh import PERIODE_CONTOH, buat_contoh, tulis_contoh
from asn_analitik.contoh.rusak import KESALAHAN_DITANAM, rusakkan, utama

AKAR = Path(__file__).resolve().parents[1]
TABEL = ("pegawai", "indikator", "perilaku", "evaluasi_atasan", "organisasi", "riwayat_pelatihan")
KOLOM = {
    "pegawai": ["nip", "nama", "opd", "unit_kerja", "jabatan", "jenis_jabatan", "golongan",
                "nip_atasan", "bidang", "status"],
    "indikator": ["nip", "periode", "rhk", "indikator", "aspek", "satuan", "target", "realisasi",
                  "arah", "bobot"],
    "perilaku": ["nip", "periode", "aspek", "nilai"],
    "evaluasi_atasan": ["nip", "periode", "opd", "rating_hasil_kerja", "rating_perilaku",
                        "nip_penilai", "catatan"],
    "organisasi": ["opd", "periode", "predikat_organisasi"],
    "riwayat_pelatihan": ["nip", "kode_pelatihan", "tanggal", "jp"],
}  # fmt: skip
BERAKHLAK = {"berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif",
             "kolaboratif"}  # fmt: skip
POLA_LEMAH = ["kualitas_rendah", "terlambat", "perilaku_lemah"]


@pytest.fixture(scope="module")
def contoh() -> dict[str, pd.DataFrame]:
    """Data contoh ukuran bawaan (1.200 pegawai), dibuat sekali untuk seluruh modul."""
    return buat_contoh(1200, seed=2026)


@pytest.fixture(scope="module")
def folder_contoh(tmp_path_factory) -> Path:
    """Folder CSV kecil (300 pegawai): cukup untuk uji berkas dan sumber contoh_rusak."""
    folder = tmp_path_factory.mktemp("contoh")
    tulis_contoh(folder, 300, seed=7)
    return folder


@pytest.fixture(scope="module")
def folder_rusak(folder_contoh, tmp_path_factory) -> tuple[Path, pd.DataFrame]:
    """Folder rusak hasil contoh_rusak, beserta daftar letak kesalahan yang ditanam."""
    tujuan = tmp_path_factory.mktemp("rusak")
    return tujuan, rusakkan(folder_contoh, tujuan)


def _baca_csv(jalur: Path) -> pd.DataFrame:
    """Baca CSV seperti kit: BOM dan pemisah dikenali, judul dibakukan, semua sebagai teks."""
    teks = jalur.read_bytes().decode("utf-8-sig")
    pemisah = ";" if ";" in teks.splitlines()[0] else ","
    df = pd.read_csv(io.StringIO(teks), sep=pemisah, dtype="str", keep_default_na=False)
    return df.rename(columns=lambda k: k.strip().lower())


def _capaian(indikator: pd.DataFrame) -> pd.DataFrame:
    """Capaian per baris menurut kontrak (arah bawaan per aspek, dipotong 0..120, kosong = 0)."""
    bawaan = indikator["aspek"].map({"kuantitas": "naik", "kualitas": "naik"}).fillna("turun")
    arah = indikator["arah"].astype("str").where(indikator["arah"].notna(), bawaan.astype("str"))
    rasio = indikator["realisasi"] / indikator["target"]
    capaian = np.clip(np.where(arah == "turun", 200 - 100 * rasio, 100 * rasio), 0, 120)
    return indikator.assign(capaian=np.nan_to_num(capaian), berat=indikator["bobot"].fillna(1))


# --- berkas dan determinisme -------------------------------------------------------------------
def test_hasil_sama_per_bita_untuk_argumen_sama(tmp_path):
    """Benih sama: berkas sama per bita; benih lain: isi lain. Yang sama itu juga benar: 300
    pegawai, dan setiap berkas memuat sebanyak baris yang dilaporkan."""
    jumlah = tulis_contoh(tmp_path / "a", 300, seed=11)
    tulis_contoh(tmp_path / "b", 300, seed=11)
    tulis_contoh(tmp_path / "c", 300, seed=12)
    assert set(jumlah) == set(TABEL)
    for nama in TABEL:
        a = (tmp_path / "a" / f"{nama}.csv").read_bytes()
        assert a == (tmp_path / "b" / f"{nama}.csv").read_bytes(), nama
        assert a.count(b"\n") == jumlah[nama] + 1, nama  # header + satu baris per baris data
    pegawai = pd.read_csv(tmp_path / "a" / "pegawai.csv", dtype="str")
    assert jumlah["pegawai"] == len(pegawai) == pegawai["nip"].nunique() == 300
    assert (tmp_path / "a" / "pegawai.csv").read_bytes() != (
        tmp_path / "c" / "pegawai.csv"
    ).read_bytes()


def test_format_csv_sesuai_kontrak(folder_contoh):
    for nama in TABEL:
        jalur = folder_contoh / f"{nama}.csv"
        mentah = jalur.read_bytes()
        assert not mentah.startswith(b"\xef\xbb\xbf"), nama
        assert mentah.split(b"\n", 1)[0].decode() == ",".join(KOLOM[nama])
    assert not (folder_contoh / "_pola.csv").exists()
    indikator = pd.read_csv(folder_contoh / "indikator.csv", dtype="str", keep_default_na=False)
    assert (indikator["realisasi"] == "").any() and (indikator["arah"] == "").any()
    assert indikator["realisasi"].str.contains(r"^[0-9]+\.[0-9]$").any()
    assert not indikator["target"].str.contains(",").any()
    pegawai = pd.read_csv(folder_contoh / "pegawai.csv", dtype="str", keep_default_na=False)
    assert pegawai["nip"].str.fullmatch(r"[0-9]{18}").all()


def test_baris_terurut_menurut_opd_lalu_nip(contoh):
    pegawai = contoh["pegawai"]
    kunci = pegawai["opd"].astype("str") + "|" + pegawai["nip"]
    assert kunci.is_monotonic_increasing
    urutan = pd.Series(np.arange(len(pegawai)), index=pegawai["nip"])
    for nama in ("indikator", "perilaku", "evaluasi_atasan"):
        posisi = urutan.reindex(contoh[nama]["nip"].astype("str")).to_numpy()
        assert (np.diff(posisi) >= 0).all(), nama


def test_jumlah_pegawai_minimum():
    with pytest.raises(ValueError, match="minimal 50"):
        buat_contoh(49)


def test_progres_melaporkan_kemajuan(tmp_path):
    pesan: list[str] = []
    tulis_contoh(tmp_path, 60, seed=1, progres=pesan.append)
    assert any("pegawai.csv" in p for p in pesan) and pesan[-1].startswith("Selesai")


# --- pegawai -----------------------------------------------------------------------------------
def test_nip_sah_dan_unik(contoh):
    nip = contoh["pegawai"]["nip"]
    assert nip.str.fullmatch(r"[0-9]{18}").all() and nip.is_unique
    lahir = pd.to_datetime(nip.str[:8], format="%Y%m%d", errors="coerce")
    assert lahir.notna().all() and lahir.dt.year.between(1966, 2001).all()
    tahun_tmt = nip.str[8:12].astype(int)
    dua_digit = nip.str[12:14].astype(int)
    pppk = nip.str[12] == "2"
    pns = ~pppk
    assert dua_digit[pns].between(1, 12).all()
    assert tahun_tmt[pns].le(2024).all() and (tahun_tmt - lahir.dt.year)[pns].ge(19).all()
    assert dua_digit[pppk].between(21, 29).all() and tahun_tmt[pppk].between(2019, 2025).all()
    assert nip.str[14].isin(["1", "2"]).all()
    assert nip.str[15:].astype(int).between(1, 999).all()
    assert 0.15 < pppk.mean() < 0.25


def test_pppk_hanya_fungsional_atau_pelaksana(contoh):
    pegawai = contoh["pegawai"]
    pppk = pegawai["nip"].str[12] == "2"
    assert pegawai.loc[pppk, "jenis_jabatan"].isin(["Fungsional", "Pelaksana"]).all()
    assert not pegawai.loc[pppk, "golongan"].str.contains("/").any()
    assert pegawai.loc[~pppk, "golongan"].str.fullmatch(r"I{2,3}/[a-d]|IV/[a-e]").all()


def test_hierarki_atasan_di_dalam_opd(contoh):
    pegawai = contoh["pegawai"]
    jenis = pegawai["jenis_jabatan"].astype("str")
    kepala = pegawai[jenis == "JPT"]
    assert kepala["opd"].value_counts().eq(1).all() and len(kepala) == 12
    assert kepala["nip_atasan"].isna().all()
    lain = pegawai[jenis != "JPT"]
    atasan = pegawai.set_index("nip").loc[lain["nip_atasan"]]
    assert (atasan["opd"].to_numpy() == lain["opd"].to_numpy()).all()
    harapan = {"Administrator": "JPT", "Pengawas": "Administrator", "Fungsional": "Pengawas",
               "Pelaksana": "Pengawas"}  # fmt: skip
    jenis_atasan = atasan["jenis_jabatan"].astype("str").to_numpy()
    assert (jenis_atasan == lain["jenis_jabatan"].astype("str").map(harapan).to_numpy()).all()


def test_isi_pegawai_masuk_akal(contoh):
    pegawai = contoh["pegawai"]
    assert pegawai["opd"].nunique() == 12
    besar = pegawai["opd"].value_counts()
    assert besar.index[0] == "Dinas Pendidikan" and besar["Dinas Kesehatan"] > besar["BKPSDM"]
    bidang = pegawai.groupby("opd", observed=True)["bidang"].first().astype("str")
    assert bidang["RSUD dr. H. Soemarno Sosroatmodjo"] == "kesehatan"
    assert bidang["Dinas Kependudukan dan Pencatatan Sipil"] == "kependudukan"
    assert bidang["Sekretariat Daerah"] == "umum"
    assert {"Puskesmas Tanjung Selor", "Puskesmas Bunyu"} <= set(pegawai["unit_kerja"])
    tidak_aktif = pegawai["status"] != "aktif"
    assert 0.005 < tidak_aktif.mean() < 0.03
    assert pegawai["nama"].str.contains(r"^dr\. ").any()
    assert pegawai["nama"].str.contains(", S.Pd.", regex=False).any()


# --- indikator, perilaku, evaluasi -------------------------------------------------------------
def test_nip_tabel_lain_ada_di_pegawai(folder_contoh):
    pegawai = _baca_csv(folder_contoh / "pegawai.csv")
    for nama in ("indikator", "perilaku", "evaluasi_atasan"):
        tabel = _baca_csv(folder_contoh / f"{nama}.csv")
        assert tabel["nip"].isin(pegawai["nip"]).all(), nama
        assert tabel["periode"].isin(PERIODE_CONTOH).all(), nama
    evaluasi = _baca_csv(folder_contoh / "evaluasi_atasan.csv")
    assert evaluasi["nip_penilai"].isin(pegawai["nip"]).all()
    organisasi = _baca_csv(folder_contoh / "organisasi.csv")
    assert set(organisasi["opd"]) == set(pegawai["opd"]) and len(organisasi) == 24


def test_indikator_sesuai_kontrak(contoh):
    indikator = contoh["indikator"]
    assert list(indikator.columns) == KOLOM["indikator"]
    assert set(indikator["aspek"]) == {"kuantitas", "kualitas", "waktu", "biaya"}
    assert (indikator["aspek"] == "biaya").mean() < 0.05
    assert set(indikator["arah"].dropna()) == {"naik", "turun"} and indikator["arah"].isna().any()
    assert (indikator["target"] > 0).all() and (indikator["realisasi"].dropna() >= 0).all()
    assert set(indikator["bobot"].dropna()) == {1.0, 2.0}
    per_ep = indikator.groupby(["nip", "periode"], observed=True).size()
    absen = contoh["_tanaman"]["jenis"].isin(["masuk", "keluar"]).sum()  # satu periode absen
    assert per_ep.between(3, 7).all() and len(per_ep) == 2 * len(contoh["pegawai"]) - absen
    per_rhk = indikator.groupby(["nip", "periode", "rhk"], observed=True)["aspek"]
    assert per_rhk.size().between(1, 3).all() and (per_rhk.nunique() == per_rhk.size()).all()
    tunggu = indikator[indikator["indikator"] == "Waktu tunggu rawat jalan"]
    assert (tunggu["satuan"] == "menit").all() and tunggu["arah"].dropna().eq("turun").all()


def test_realisasi_kosong_terpusat_di_beberapa_unit(contoh):
    kosong = contoh["indikator"]["realisasi"].isna()
    assert 0.015 < kosong.mean() < 0.05
    opd = contoh["pegawai"].set_index("nip")["opd"]
    per_opd = kosong.groupby(opd.reindex(contoh["indikator"]["nip"].astype("str")).to_numpy())
    laju = per_opd.mean()
    assert laju.max() > 4 * laju.min()


def test_perilaku_tujuh_aspek_bernilai_1_sampai_5(contoh):
    perilaku = contoh["perilaku"]
    assert set(perilaku["aspek"]) == BERAKHLAK and perilaku["nilai"].between(1, 5).all()
    per_ep = perilaku.groupby(["nip", "periode"], observed=True).size()
    assert per_ep.eq(7).all()
    absen = contoh["_tanaman"]["jenis"].isin(["masuk", "keluar"]).sum()
    assert 0.005 < 1 - len(per_ep) / (len(contoh["_pola"]) - absen) < 0.04


def test_organisasi_kebanyakan_baik(contoh):
    organisasi = contoh["organisasi"]
    assert organisasi["predikat_organisasi"].value_counts().idxmax() == "baik"


# --- pola yang ditanam -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("pola", "porsi"),
    [("unggul", 0.12), ("kualitas_rendah", 0.12), ("terlambat", 0.12), ("perilaku_lemah", 0.10),
     ("biasa", 0.54)],
)  # fmt: skip
def test_proporsi_pola_tiap_periode(contoh, pola, porsi):
    tabel = contoh["_pola"]
    proporsi = (tabel["pola"] == pola).groupby(tabel["periode"], observed=True).mean()
    assert np.allclose(proporsi, porsi, atol=0.04), proporsi


def test_sebagian_pola_lemah_membaik(contoh):
    lebar = contoh["_pola"].pivot(index="nip", columns="periode", values="pola")
    awal, akhir = lebar["2025-S2"].astype("str"), lebar["2026-S1"].astype("str")
    lemah = awal.isin(POLA_LEMAH)
    membaik = lemah & akhir.isin(["biasa", "unggul"])
    assert 0.3 < membaik.sum() / lemah.sum() < 0.5
    assert (lemah & (akhir == "unggul")).any()
    assert (awal[lemah & ~membaik] == akhir[lemah & ~membaik]).all()


def test_pola_terlihat_di_capaian_dan_perilaku(contoh):
    indikator = _capaian(contoh["indikator"].dropna(subset=["realisasi"]))
    pola = contoh["_pola"].set_index(["nip", "periode"])["pola"]
    kunci = pd.MultiIndex.from_frame(indikator[["nip", "periode"]])
    indikator = indikator.assign(pola=pola.reindex(kunci).to_numpy())
    rerata = indikator.groupby(["pola", "aspek"], observed=True)["capaian"].mean().unstack()
    assert rerata.loc["unggul"].drop("biaya").min() > 110
    assert rerata.loc["kualitas_rendah", "kualitas"] < 75 < rerata.loc["biasa", "kualitas"] - 20
    assert rerata.loc["terlambat", "waktu"] < 65 < rerata.loc["biasa", "waktu"] - 25
    perilaku = contoh["perilaku"]
    kunci = pd.MultiIndex.from_frame(perilaku[["nip", "periode"]])
    perilaku = perilaku.assign(pola=pola.reindex(kunci).to_numpy())
    nilai = perilaku.groupby(["pola", "aspek"], observed=True)["nilai"].mean().unstack()
    assert nilai.loc["perilaku_lemah", ["berorientasi_pelayanan", "kolaboratif"]].max() < 2
    assert nilai.loc["unggul"].min() >= 4 and nilai.loc["biasa"].between(2.9, 3.5).all()


def test_pola_dapat_dipisahkan_klaster(contoh):
    """Fitur capaian per aspek + 7 nilai BerAKHLAK memisahkan pola (k-means, ARI tinggi)."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score
    from sklearn.preprocessing import StandardScaler

    indikator = _capaian(contoh["indikator"])
    indikator["bobot_capaian"] = indikator["capaian"] * indikator["berat"]
    kunci = ["nip", "periode", "aspek"]
    jumlah = indikator.groupby(kunci, observed=True)[["bobot_capaian", "berat"]].sum()
    capaian = (jumlah["bobot_capaian"] / jumlah["berat"]).unstack("aspek")
    perilaku = contoh["perilaku"].pivot_table(
        index=["nip", "periode"], columns="aspek", values="nilai", observed=True
    )
    fitur = capaian[["kuantitas", "kualitas", "waktu"]].join(perilaku, how="inner").dropna()
    fitur = fitur.xs(PERIODE_CONTOH[-1], level="periode")
    pola = contoh["_pola"].set_index(["nip", "periode"])["pola"].xs(PERIODE_CONTOH[-1], level=1)
    label = KMeans(5, n_init=10, random_state=0).fit_predict(StandardScaler().fit_transform(fitur))
    assert adjusted_rand_score(pola.reindex(fitur.index).astype("str"), label) >= 0.9


def test_atasan_longgar_menilai_semua_di_atas(contoh):
    nip_longgar = contoh["_pola"].attrs["nip_atasan_longgar"]
    pegawai = contoh["pegawai"].set_index("nip")
    assert pegawai.loc[nip_longgar, "opd"] == "Dinas Pendidikan"
    assert pegawai.loc[nip_longgar, "jenis_jabatan"] in ("Pengawas", "Administrator")
    bawahan = pegawai.index[pegawai["nip_atasan"] == nip_longgar]
    evaluasi = contoh["evaluasi_atasan"]
    oleh_longgar = evaluasi[evaluasi["nip_penilai"] == nip_longgar]
    assert len(oleh_longgar) == 2 * len(bawahan) > 0
    assert (oleh_longgar[["rating_hasil_kerja", "rating_perilaku"]] == "di_atas").all().all()
    pola = contoh["_pola"]
    assert (pola["nip"].isin(bawahan) & (pola["pola"] != "unggul")).any()
    lain = evaluasi[evaluasi["nip_penilai"] != nip_longgar]
    assert (lain["rating_hasil_kerja"] == "di_atas").mean() < 0.4


def test_evaluasi_atasan_sebagian_dan_konsisten(contoh):
    evaluasi = contoh["evaluasi_atasan"]
    assert 0.3 < len(evaluasi) / len(contoh["_pola"]) < 0.5
    assert evaluasi["rating_hasil_kerja"].isna().any() and evaluasi["rating_perilaku"].isna().any()
    assert evaluasi["catatan"].isna().mean() > 0.5
    assert (evaluasi["nip_penilai"].astype("str").to_numpy() == contoh["pegawai"].set_index("nip")
            .loc[evaluasi["nip"].astype("str"), "nip_atasan"].to_numpy()).all()  # fmt: skip
    indikator = _capaian(contoh["indikator"])
    indikator["bobot_capaian"] = indikator["capaian"] * indikator["berat"]
    jumlah = indikator.groupby(["nip", "periode"], observed=True)[["bobot_capaian", "berat"]].sum()
    nilai = jumlah["bobot_capaian"] / jumlah["berat"]
    usulan = pd.Series(
        np.select([nilai >= 110, nilai >= 90], ["di_atas", "sesuai"], "di_bawah"), nilai.index
    )
    resmi = evaluasi.set_index(["nip", "periode"])["rating_hasil_kerja"].dropna().astype("str")
    ditanam = list(contoh["_pola"].attrs.values())
    resmi = resmi[~evaluasi.set_index(["nip", "periode"])["nip_penilai"].reindex(resmi.index)
                  .isin(ditanam)]  # fmt: skip
    assert (resmi == usulan.reindex(resmi.index)).mean() > 0.85


@pytest.mark.parametrize(
    ("jenis", "opd"),
    [("ketat", "Dinas Pertanian"), ("tengah", "RSUD dr. H. Soemarno Sosroatmodjo")],
)
def test_penilai_ketat_dan_tengah_ditanam(contoh, jenis, opd):
    nip = contoh["_pola"].attrs[f"nip_atasan_{jenis}"]
    pegawai = contoh["pegawai"].set_index("nip")
    assert pegawai.loc[nip, "opd"] == opd and pegawai.loc[nip, "jenis_jabatan"] == "Pengawas"
    assert len(set(contoh["_pola"].attrs.values())) == 3
    bawahan = pegawai.index[pegawai["nip_atasan"] == nip]
    evaluasi = contoh["evaluasi_atasan"]
    oleh = evaluasi[evaluasi["nip_penilai"] == nip]
    assert len(oleh) == 2 * len(bawahan) > 10  # semua bawahan, kedua periode, tanpa rating kosong
    rating = oleh[["rating_hasil_kerja", "rating_perilaku"]].astype("str")
    if jenis == "tengah":
        assert (rating == "sesuai").all().all()
    else:  # satu tingkat di bawah bukti: tidak pernah di_atas, sebagian besar di_bawah
        assert not (rating == "di_atas").any().any()
        assert (rating == "di_bawah").to_numpy().mean() > 0.6


@pytest.mark.lambat
def test_200_ribu_pegawai(tmp_path):
    n = 200_000
    jumlah = tulis_contoh(tmp_path, n, seed=2026)
    assert jumlah["pegawai"] == n and jumlah["organisasi"] == 24
    assert 3 * 2 * n <= jumlah["indikator"] <= 7 * 2 * n
    assert jumlah["perilaku"] % 7 == 0 and jumlah["perilaku"] > 0.95 * 14 * n
    with open(tmp_path / "pegawai.csv", "rb") as berkas:
        assert sum(1 for _ in berkas) == n + 1


# --- contoh_rusak ------------------------------------------------------------------------------
def test_rusak_menanam_semua_kesalahan(folder_rusak):
    _, letak = folder_rusak
    assert sorted(letak["kode"]) == sorted(k.kode for k in KESALAHAN_DITANAM)
    assert (folder_rusak[0] / "LIHAT_SAYA.txt").read_text(encoding="utf-8").count("\n- ") == len(
        KESALAHAN_DITANAM
    )


@pytest.mark.parametrize("kesalahan", KESALAHAN_DITANAM, ids=lambda k: k.kode)
def test_rusak_kesalahan_ada_di_berkas(folder_rusak, kesalahan):
    folder, letak = folder_rusak
    baris = letak.set_index("kode").loc[kesalahan.kode]
    tabel = _baca_csv(folder / kesalahan.berkas)
    nilai = tabel.loc[baris["baris"] - 2, kesalahan.kolom]
    assert nilai == baris["nilai"]
    assert pd.Series([nilai]).str.fullmatch(kesalahan.pola).all(), nilai
    pegawai = _baca_csv(folder / "pegawai.csv")
    if kesalahan.kode == "pegawai_ganda":
        assert (pegawai["nip"].iloc[: baris["baris"] - 2] == nilai).any()
    if kesalahan.kode in ("atasan_tidak_ada", "nip_tidak_terdaftar"):
        assert not pegawai["nip"].eq(nilai).any()


def test_rusak_gaya_excel_indonesia(folder_rusak):
    folder, _ = folder_rusak
    mentah = (folder / "pegawai.csv").read_bytes()
    assert mentah.startswith(b"\xef\xbb\xbf") and b"\r\n" in mentah
    judul = mentah[3:].split(b"\r\n", 1)[0].decode().split(";")
    assert judul[:2] == ["NIP", " Nama "]
    indikator = _baca_csv(folder / "indikator.csv")
    assert indikator["realisasi"].str.fullmatch(r"[0-9]+,[0-9]").any()
    assert not indikator["realisasi"].str.contains(".", regex=False).any()


def test_rusak_kecil_dan_atasan_lain_sah(folder_rusak):
    folder, letak = folder_rusak
    pegawai = _baca_csv(folder / "pegawai.csv")
    assert len(pegawai) == 61
    ditanam = letak.loc[letak["kode"] == "atasan_tidak_ada", "baris"].iloc[0] - 2
    atasan = pegawai["nip_atasan"].drop(index=ditanam)
    assert atasan[atasan != ""].isin(pegawai["nip"]).all()


def test_rusak_deterministik(folder_contoh, folder_rusak, tmp_path):
    """Menanam dua kali memberi berkas dan letak yang sama, dan di letak itu memang ada nilai
    yang ditanam (bukan hanya sama-sama salah)."""
    letak = rusakkan(folder_contoh, tmp_path)
    for berkas in ["LIHAT_SAYA.txt"] + [f"{t}.csv" for t in TABEL]:
        assert (tmp_path / berkas).read_bytes() == (folder_rusak[0] / berkas).read_bytes()
    pd.testing.assert_frame_equal(letak, folder_rusak[1])
    for k in KESALAHAN_DITANAM:
        baris = letak.set_index("kode").loc[k.kode]
        nilai = _baca_csv(tmp_path / k.berkas).loc[baris["baris"] - 2, k.kolom]
        assert nilai == baris["nilai"] and re.fullmatch(k.pola, nilai), k.kode


def test_rusak_baris_perintah(folder_contoh, tmp_path, capsys):
    assert utama([str(folder_contoh), str(tmp_path / "keluar")]) == 0
    assert "LIHAT_SAYA.txt" in capsys.readouterr().out
    assert utama([str(tmp_path / "tidak_ada"), str(tmp_path / "x")]) == 2
    assert "tidak ditemukan" in capsys.readouterr().err


def test_rusak_sebagai_modul(folder_contoh, folder_rusak, tmp_path):
    """``python -m asn_analitik.contoh.rusak`` menulis folder yang sama dengan :func:`rusakkan`,
    dan kit menolak tepat baris yang kesalahannya harus ditolak (dan menerima tulisan sah yang
    ditanam, mis. bentuk panjang aspek BerAKHLAK)."""
    from asn_analitik import muat

    hasil = subprocess.run(
        [sys.executable, "-m", "asn_analitik.contoh.rusak", str(folder_contoh), str(tmp_path)],
        cwd=AKAR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert hasil.returncode == 0, hasil.stderr
    for berkas in ["LIHAT_SAYA.txt"] + [f"{t}.csv" for t in TABEL]:
        assert (tmp_path / berkas).read_bytes() == (folder_rusak[0] / berkas).read_bytes()
    ditolak = muat(tmp_path).ditolak
    ditolak = set(zip(ditolak["berkas"], ditolak["baris"], strict=True))
    letak = folder_rusak[1].set_index("kode")
    for k in KESALAHAN_DITANAM:
        assert ((k.berkas, letak.loc[k.kode, "baris"]) in ditolak) is k.ditolak, k.kode
