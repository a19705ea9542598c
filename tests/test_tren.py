"""Tren antarperiode dan efek pelatihan (isu 12, kontrak v2 bagian 8).

1. Kasus hitung tangan: masuk, keluar, pindah OPD, tidak aktif, periode jenis lain, ambang
   ``arah`` tepat 5 poin (dengan galat pecahan biner), ``lemah_berulang``, tren OPD.
2. Jendela pelatihan: tepat di akhir periode awal tidak dihitung, tepat di akhir periode akhir
   dihitung.
3. Efek yang ditanam di data contoh ditemukan: efek sebenarnya (dari data tandingan yang sama
   persis tanpa efek) ada di dalam interval; pelatihan tanpa efek ``tidak_terbukti``.
4. Sifat: mengacak baris dan mengganti nama OPD tidak mengubah taksiran; hasil sama per bita.
5. Perintah ``tren``, bulan e-Kinerja, dan laporan (periode pertama, bagian tren).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import NIP_A, NIP_B, NIP_C, NIP_D, NIP_PPPK

from asn_analitik import muat, skor
from asn_analitik.alur import jalankan_tren, tren_untuk_laporan
from asn_analitik.analisis.tren import analisis_tren, pilih_periode_tren
from asn_analitik.cli import utama
from asn_analitik.contoh import buat_contoh, tulis_contoh
from asn_analitik.contoh.bahan import sumber_contoh
from asn_analitik.galat import ArgumenTidakValid
from asn_analitik.konfigurasi import BERAKHLAK, KATALOG_BAWAAN
from asn_analitik.masuk.muat import muat_katalog
from asn_analitik.nilai.aturan import muat_aturan

AKAR = Path(__file__).resolve().parents[1]
CONTOH = AKAR / "data" / "contoh"


def _baca(folder: Path, nama: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{nama}.csv", dtype=str, keep_default_na=False)


# --- pilihan periode ---------------------------------------------------------------------------
def test_pilih_periode_sejenis_dan_berurutan():
    ada = ["2026-01", "2025", "2025-S2", "2026-02", "2026-S1", "2026-03"]
    # jenis periode yang berakhir paling akhir: semester 2026-S1 (30 Juni)
    assert pilih_periode_tren(ada) == ("semester", ["2025-S2", "2026-S1"],
                                       [("2025-S2", "2026-S1")])  # fmt: skip
    jenis, periode, pasangan = pilih_periode_tren([p for p in ada if p != "2026-S1"])
    assert jenis == "bulan" and periode == ["2026-01", "2026-02", "2026-03"]
    assert pasangan == [("2026-02", "2026-03")]
    assert pilih_periode_tren(ada, ["2026-S1", "2025-S2"])[2] == [("2025-S2", "2026-S1")]
    assert pilih_periode_tren(ada, ["2026-03", "2026-01", "2026-02"])[2] == [
        ("2026-01", "2026-02"), ("2026-02", "2026-03")]  # fmt: skip
    with pytest.raises(ArgumenTidakValid, match="sejenis"):
        pilih_periode_tren(ada, ["2025", "2026-S1"])
    with pytest.raises(ArgumenTidakValid, match="paling sedikit dua"):
        pilih_periode_tren(ada, ["2026-S1"])


# --- kasus hitung tangan -----------------------------------------------------------------------
def _perilaku(nip: str, periode: str, akuntabel: int = 3) -> list[dict]:
    return [{"nip": nip, "periode": periode, "aspek": b, "nilai": akuntabel if b == "akuntabel"
             else 3} for b in BERAKHLAK]  # fmt: skip


def _indikator(nip, periode, realisasi, nama="Dokumen sesuai standar"):
    return {"nip": nip, "periode": periode, "indikator": nama, "aspek": "kualitas",
            "target": 100, "realisasi": realisasi}  # fmt: skip


@pytest.fixture
def folder_tangan(buat_folder):
    """A lemah kualitas dan akuntabel di kedua semester (80,1 -> 85,1: naik tepat 5 poin);
    B pindah dari Dinas Sosial ke Dinas Kesehatan (100 -> 95,5: tetap); C keluar (hanya
    2025-S2, satu indikator tanpa realisasi); PPPK masuk (hanya 2026-S1); D pensiun; A juga
    punya nilai tahunan 2025 (jenis lain, tidak dibandingkan)."""
    return buat_folder({
        "pegawai": [
            {"nip": NIP_A, "nama": "Ani", "opd": "Dinas Kesehatan"},
            {"nip": NIP_B, "nama": "Budi", "opd": "Dinas Kesehatan"},
            {"nip": NIP_C, "nama": "Citra", "opd": "Dinas Sosial"},
            {"nip": NIP_D, "nama": "Dedi", "opd": "Dinas Sosial", "status": "pensiun"},
            {"nip": NIP_PPPK, "nama": "Eko", "opd": "Dinas Sosial"},
        ],
        "indikator": [
            _indikator(NIP_A, "2025", 70), _indikator(NIP_A, "2025-S2", 80.1),
            _indikator(NIP_A, "2026-S1", 85.1), _indikator(NIP_B, "2025-S2", 100),
            _indikator(NIP_B, "2026-S1", 95.5), _indikator(NIP_C, "2025-S2", 90),
            _indikator(NIP_C, "2025-S2", None, "Laporan tepat waktu"),
            _indikator(NIP_D, "2025-S2", 100), _indikator(NIP_PPPK, "2026-S1", 110),
        ],
        "perilaku": [
            *_perilaku(NIP_A, "2025-S2", 2), *_perilaku(NIP_A, "2026-S1", 2),
            *_perilaku(NIP_B, "2025-S2"), *_perilaku(NIP_B, "2026-S1"),
            *_perilaku(NIP_C, "2025-S2"), *_perilaku(NIP_PPPK, "2026-S1"),
        ],
        "evaluasi_atasan": [{"nip": NIP_B, "periode": "2025-S2", "opd": "Dinas Sosial"}],
    })  # fmt: skip


def test_tren_hitung_tangan(folder_tangan, tmp_path):
    m = jalankan_tren(folder_tangan, tmp_path / "k")
    k = tmp_path / "k"
    assert m["tren"]["pasangan"] == [["2025-S2", "2026-S1"]]
    assert any("2025 tidak dibandingkan" in p for p in m["peringatan"])

    opd = _baca(k, "tren_opd").set_index(["opd", "periode"])
    assert opd.loc[("Dinas Kesehatan", "2025-S2")].tolist() == ["1", "80.1", "0", "1"]
    assert opd.loc[("Dinas Kesehatan", "2026-S1")].tolist() == ["2", "90.3", "0.5", "1"]
    # Dinas Sosial 2025-S2: Budi 100 (dinilai di sana), Citra (90 + 0) / 2 = 45; 2 dari 3
    # indikator dilaporkan.
    assert opd.loc[("Dinas Sosial", "2025-S2")].tolist() == ["2", "72.5", "0.5", "0.666667"]
    assert opd.loc[("Dinas Sosial", "2026-S1")].tolist() == ["1", "110", "1", "1"]
    assert "2025" not in set(opd.index.get_level_values("periode"))

    tp = _baca(k, "tren_pegawai").set_index("nip")
    assert sorted(tp.index) == sorted([NIP_A, NIP_B])
    a, b = tp.loc[NIP_A], tp.loc[NIP_B]
    assert (a["selisih"], a["arah"]) == ("5", "naik")  # 85,1 - 80,1 dibulatkan, bukan 4,99...
    assert a["lemah_berulang"] == "kualitas;perilaku:akuntabel"
    assert (a["predikat_awal"], a["predikat_akhir"]) == ("Butuh Perbaikan", "Butuh Perbaikan")
    assert (b["selisih"], b["arah"], b["lemah_berulang"]) == ("-4.5", "tetap", "")
    assert (b["opd"], b["opd_awal"]) == ("Dinas Kesehatan", "Dinas Sosial")

    pindah = _baca(k, "perpindahan_pegawai").set_index("nip")
    assert pindah["jenis"].to_dict() == {NIP_PPPK: "masuk", NIP_C: "keluar", NIP_B: "pindah_opd",
                                         NIP_D: "tidak_aktif"}  # fmt: skip
    assert pindah.loc[NIP_B, ["opd_awal", "opd_akhir"]].tolist() == ["Dinas Sosial",
                                                                     "Dinas Kesehatan"]  # fmt: skip
    assert "pensiun" in pindah.loc[NIP_D, "keterangan"]
    # Tidak ada yang hilang diam-diam: setiap NIP yang dinilai di salah satu periode ada di
    # tren_pegawai atau perpindahan.
    dinilai = set(_baca(k, "tren_pegawai")["nip"]) | set(pindah.index)
    assert {NIP_A, NIP_B, NIP_C, NIP_PPPK} <= dinilai


def test_arah_dari_predikat_tanpa_nilai_hasil_kerja(buat_folder, tmp_path):
    """Folder rating saja (e-Kinerja): arah dari urutan predikat."""
    rating = [(NIP_A, "2026-01", "di_bawah"), (NIP_A, "2026-02", "sesuai"),
              (NIP_B, "2026-01", "sesuai"), (NIP_B, "2026-02", "sesuai"),
              (NIP_C, "2026-01", "di_atas"), (NIP_C, "2026-02", "di_bawah")]  # fmt: skip
    ev = [{"nip": n, "periode": p, "rating_hasil_kerja": r, "rating_perilaku": "sesuai"}
          for n, p, r in rating]  # fmt: skip
    jalankan_tren(buat_folder({"evaluasi_atasan": ev}), tmp_path / "k")
    tp = _baca(tmp_path / "k", "tren_pegawai").set_index("nip")
    assert tp["arah"].to_dict() == {NIP_A: "naik", NIP_B: "tetap", NIP_C: "turun"}
    assert (tp["selisih"] == "").all()


def _konfigurasi(tmp_path: Path, **tren) -> Path:
    berkas = tmp_path / "aturan.yaml"
    berkas.write_text(yaml.safe_dump({"tren": tren}), encoding="utf-8")
    return berkas


@pytest.mark.parametrize(
    ("tanggal", "dihitung"),
    [("2025-12-31", False), ("2026-01-01", True), ("2026-06-30", True), ("2026-07-01", False)],
)
def test_jendela_pelatihan(folder_tangan, tmp_path, tanggal, dihitung):
    """Sesudah akhir periode awal (31 Desember) dan tidak sesudah akhir periode akhir (30 Juni)."""
    riwayat = f"nip,kode_pelatihan,tanggal,jp\n{NIP_A},PLT-004,{tanggal},32\n"
    (folder_tangan / "riwayat_pelatihan.csv").write_text(riwayat, encoding="utf-8")
    jalankan_tren(folder_tangan, tmp_path / "k", konfigurasi=_konfigurasi(tmp_path, min_kelompok=1))
    efek = _baca(tmp_path / "k", "efek_pelatihan").set_index("kode_pelatihan")
    baris = efek.loc["PLT-004"]
    assert baris["jumlah_peserta"] == baris["jumlah_ikut"] == ("1" if dihitung else "0")
    assert baris["total_jp"] == ("32" if dihitung else "0")
    if dihitung:  # peserta 85,1 - 80,1; tidak ada pembanding yang sama lemahnya
        assert (baris["perubahan_peserta"], baris["jumlah_pembanding"]) == ("5", "0")
        assert baris["kesimpulan"] == "data_kurang" and "Pembanding 0 orang" in baris["keterangan"]
    assert len(efek) == len(muat_katalog(KATALOG_BAWAAN))  # satu baris per pelatihan katalog


# --- efek pelatihan yang ditanam ---------------------------------------------------------------
def _nilai_sasaran(folder: Path, aturan: dict):
    """Per pegawai yang dinilai di kedua periode contoh (indeks NIP): nilai awal, nilai akhir
    dan tanda lemah awal tiap sasaran, seperti diukur kit; dan hasil tren lengkapnya."""
    from asn_analitik.analisis.tren import _SASARAN, _dasar, _pasangan

    d = muat(folder)
    h = skor(d, "permenpanrb_6_2022", aturan)
    per = ["2025-S2", "2026-S1"]
    dasar, bukti = _dasar(h.skor_pegawai, h.capaian_indikator, d.tabel["perilaku"], None, per,
                          aturan)  # fmt: skip
    a, _, _, _, pa, pb = _pasangan(dasar, per, *per)
    nilai = {}
    for j, sasaran in enumerate(_SASARAN):
        nilai[f"awal:{sasaran}"] = bukti.nilai[pa, j]
        nilai[f"akhir:{sasaran}"] = bukti.nilai[pb, j]
        nilai[f"lemah:{sasaran}"] = bukti.lemah[pa, j]
    tr = analisis_tren(h.skor_pegawai, h.capaian_indikator, d.tabel["perilaku"],
                       d.tabel.get("evaluasi_atasan"), d.tabel["riwayat_pelatihan"],
                       muat_katalog(KATALOG_BAWAAN), d.tidak_aktif, aturan)  # fmt: skip
    return pd.DataFrame(nilai, index=a["nip"].to_numpy()).sort_index(), tr


def _efek_sebenarnya(seed: int, monkeypatch) -> tuple[dict, pd.DataFrame]:
    """Efek rata-rata sebenarnya pada peserta tiap pelatihan ditanam: bukti 2026-S1 peserta
    dengan efek dikurangi bukti yang sama persis tanpa efek (data tandingan dengan benih sama),
    diukur seperti kit mengukurnya."""
    aturan = muat_aturan()
    with tempfile.TemporaryDirectory() as tmp:
        tulis_contoh(Path(tmp) / "efek", 1200, seed)
        dengan, tr = _nilai_sasaran(Path(tmp) / "efek", aturan)
        tanpa_efek = [
            {**t, "capaian": 0, "perilaku": 0} for t in sumber_contoh()["pelatihan_ditanam"]
        ]
        monkeypatch.setitem(sumber_contoh(), "pelatihan_ditanam", tanpa_efek)
        tulis_contoh(Path(tmp) / "tanpa", 1200, seed)
        tanpa, _ = _nilai_sasaran(Path(tmp) / "tanpa", aturan)
        monkeypatch.undo()
    assert dengan.index.equals(tanpa.index)
    tanam = buat_contoh(1200, seed)["_tanaman"]
    benar = {}
    for t in sumber_contoh()["pelatihan_ditanam"]:
        s = t["sasaran"] if t["sasaran"] in ("kualitas", "waktu") else f"perilaku:{t['sasaran']}"
        peserta = set(tanam.loc[tanam["kode_pelatihan"] == t["kode"], "nip"])
        ikut = dengan.index.isin(list(peserta)) & dengan[f"lemah:{s}"].to_numpy()
        sama = dengan[f"awal:{s}"].fillna(-1) == tanpa[f"awal:{s}"].fillna(-1)
        assert sama.all()  # bukti 2025-S2 sama persis
        benar[t["kode"]] = float((dengan[f"akhir:{s}"] - tanpa[f"akhir:{s}"])[ikut].mean())
    return benar, tr.efek_pelatihan.set_index("kode_pelatihan")


@pytest.mark.parametrize("seed", [2026, 1, 2])
def test_efek_ditanam_ditemukan_dan_yang_nol_tidak_terbukti(seed, monkeypatch):
    benar, efek = _efek_sebenarnya(seed, monkeypatch)
    assert benar["PLT-007"] == 0 and benar["PLT-004"] > 10 and benar["PLT-013"] > 0.9
    for kode in ("PLT-004", "PLT-013"):
        e = efek.loc[kode]
        assert e["batas_bawah"] <= benar[kode] <= e["batas_atas"], (kode, benar[kode], e)
        assert e["kesimpulan"] == "membantu" and e["jumlah_peserta"] >= 40
    assert efek.loc["PLT-007", "kesimpulan"] == "tidak_terbukti"
    # Regresi ke rata-rata: pembanding yang sama lemahnya juga membaik banyak; tanpa mereka
    # seluruh perbaikan peserta akan dianggap jasa pelatihan.
    assert efek.loc["PLT-004", "perubahan_pembanding"] > 5
    assert efek.loc["PLT-004", "perubahan_peserta"] > efek.loc["PLT-004", "efek"] + 5


def test_data_contoh_memuat_pelatihan_ditanam_di_jendela_dan_di_luar():
    tabel = buat_contoh()
    riwayat, tanam = tabel["riwayat_pelatihan"], tabel["_tanaman"]
    tanggal = pd.to_datetime(riwayat["tanggal"])
    jendela = (tanggal > "2025-12-31") & (tanggal <= "2026-06-30")
    assert jendela.any() and (~jendela).any()  # pelatihan sebelum jendela tidak boleh dihitung
    ditanam = riwayat.merge(tanam[tanam["jenis"] == "peserta"], on=["nip", "kode_pelatihan"])
    assert len(ditanam) == (tanam["jenis"] == "peserta").sum()
    assert pd.to_datetime(ditanam["tanggal"]).between("2026-01-01", "2026-06-30").all()
    assert {"masuk", "keluar", "pindah_opd"} <= set(tanam["jenis"])


# --- sifat -------------------------------------------------------------------------------------
def _acak_dan_ganti_nama(asal: Path, tujuan: Path) -> dict[str, str]:
    tujuan.mkdir()
    semua = pd.read_csv(asal / "pegawai.csv", dtype=str, keep_default_na=False)["opd"].unique()
    nama = {o: f"Unit {i:02d}" for i, o in enumerate(sorted(semua, reverse=True))}
    rng = np.random.default_rng(7)
    for berkas in asal.glob("*.csv"):
        t = pd.read_csv(berkas, dtype=str, keep_default_na=False)
        if "opd" in t:
            t["opd"] = t["opd"].map(lambda o: nama.get(o, o))
        t.iloc[rng.permutation(len(t))].to_csv(tujuan / berkas.name, index=False)
    return nama


def test_acak_baris_dan_ganti_nama_opd_tidak_mengubah_taksiran(tmp_path):
    jalankan_tren(CONTOH, tmp_path / "asli")
    nama = _acak_dan_ganti_nama(CONTOH, tmp_path / "acak")
    jalankan_tren(tmp_path / "acak", tmp_path / "k2")
    assert _baca(tmp_path / "asli", "efek_pelatihan").equals(
        _baca(tmp_path / "k2", "efek_pelatihan")
    )
    kunci = ["nip", "periode_awal", "periode_akhir"]
    a = _baca(tmp_path / "asli", "tren_pegawai").sort_values(kunci, ignore_index=True)
    b = _baca(tmp_path / "k2", "tren_pegawai").sort_values(kunci, ignore_index=True)
    for kolom in ("opd", "opd_awal"):
        a[kolom] = a[kolom].map(nama)
    assert a.equals(b[a.columns])


def test_hasil_sama_per_bita(tmp_path):
    jalankan_tren(CONTOH, tmp_path / "a")
    jalankan_tren(CONTOH, tmp_path / "b")
    for nama in ("tren_opd", "tren_pegawai", "efek_pelatihan", "perpindahan_pegawai"):
        assert (tmp_path / "a" / f"{nama}.csv").read_bytes() == (
            tmp_path / "b" / f"{nama}.csv"
        ).read_bytes(), nama


# --- perintah, e-Kinerja, laporan --------------------------------------------------------------
def test_perintah_tren(tmp_path, capsys):
    assert utama(["tren", "--data", str(CONTOH), "--keluaran", str(tmp_path / "k")]) == 0
    keluar = capsys.readouterr().out
    assert "2025-S2 -> 2026-S1" in keluar and "membantu" in keluar
    kolom = list(_baca(tmp_path / "k", "efek_pelatihan").columns)
    assert kolom[:13] == [
        "kode_pelatihan", "nama_pelatihan", "sasaran", "periode_awal", "periode_akhir",
        "jumlah_peserta", "jumlah_pembanding", "perubahan_peserta", "perubahan_pembanding",
        "efek", "batas_bawah", "batas_atas", "kesimpulan"]  # fmt: skip
    assert list(_baca(tmp_path / "k", "tren_opd").columns) == [
        "opd", "periode", "jumlah_pegawai", "rata_nilai_hasil_kerja", "porsi_baik_ke_atas",
        "porsi_dilaporkan"]  # fmt: skip
    assert utama(["tren", "--data", str(CONTOH), "--keluaran", str(tmp_path / "x"),
                  "--periode", "2026-S1"]) == 2  # fmt: skip
    assert "paling sedikit dua" in capsys.readouterr().err


def test_bulan_ekinerja_dibandingkan_antarbulan(tmp_path):
    assert utama(["impor", "ekinerja", str(AKAR / "data" / "contoh_ekinerja"), "--keluaran",
                  str(tmp_path / "imp")]) == 0  # fmt: skip
    m = jalankan_tren(tmp_path / "imp", tmp_path / "k")
    assert m["tren"]["jenis"] == "bulan" and m["tren"]["pasangan"] == [["2026-05", "2026-06"]]
    assert any("2025 tidak dibandingkan" in p for p in m["peringatan"])  # tahunan: jenis lain
    tp = _baca(tmp_path / "k", "tren_pegawai")
    lengkap = (tp["predikat_awal"] != "") & (tp["predikat_akhir"] != "")
    assert lengkap.sum() > 50 and tp.loc[lengkap, "arah"].isin(["naik", "turun", "tetap"]).all()
    assert (tp.loc[~lengkap, "arah"] == "").all()  # belum dinilai di salah satu bulan


def test_tren_untuk_laporan_periode_pertama_tanpa_pembanding():
    data = muat(CONTOH)
    tren = tren_untuk_laporan(data, ["2025-S2", "2026-S1"])
    pertama, _ = tren["2025-S2"]
    kedua, ringkas = tren["2026-S1"]
    assert pertama.pasangan == [] and pertama.tren_pegawai.empty
    assert set(pertama.tren_opd["periode"]) == {"2025-S2"}
    assert kedua.pasangan == [("2025-S2", "2026-S1")] and not kedua.efek_pelatihan.empty
    assert ringkas["pasangan"] == [["2025-S2", "2026-S1"]]
    assert data.periode_dipilih in (None, [])  # data yang dimuat sekali tidak diubah


def test_laporan_menampilkan_tren(laporan_contoh):
    import html
    import re

    def teks(berkas: Path) -> str:
        return html.unescape(re.sub(r"<[^>]+>", " ", berkas.read_text(encoding="utf-8")))

    pimpinan = teks(laporan_contoh / "ringkasan_pimpinan.html")
    assert "Apakah pelatihan membantu?" in pimpinan and "Membantu" in pimpinan
    assert "OPD dari periode ke periode" in pimpinan
    opd = " ".join(teks(b) for b in sorted((laporan_contoh / "opd").glob("*.html")))
    assert "Perubahan dari periode sebelumnya" in opd and "Pindah dari" in opd
    assert "Masuk" in opd and "Keluar" in opd
    assert (laporan_contoh / "efek_pelatihan.csv").is_file()


def test_laporan_periode_pertama_berkata_belum_ada_pembanding(data_laporan, tmp_path):
    argumen = ["--periode", "2025-S2", "--opd", "Dinas Pertanian", "--paralel", "1"]
    keluaran = tmp_path / "k"
    assert (
        utama(["laporan", "--data", str(data_laporan), "--keluaran", str(keluaran), *argumen]) == 0
    )
    halaman = (keluaran / "2025-S2" / "opd" / "dinas-pertanian.html").read_text(encoding="utf-8")
    assert "belum ada periode sebelumnya" in halaman
