"""Uji perintah ``laporan``: berkas lengkap, tautan, isolasi OPD, NIP tersamar, tanpa jaringan,
tanpa kode, kegagalan satu OPD, jalannya yang terputus, dan slug untuk nama yang menyulitkan."""

from __future__ import annotations

import html
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import papermill as pm
import pytest
from conftest import OPD_DIAM, OPD_SULIT

from asn_analitik.cli import utama
from asn_analitik.laporan import jalankan as laporan
from asn_analitik.laporan.slug import buat_slug, slug_unik

AKAR = Path(__file__).resolve().parents[1]
NOTEBOOK = AKAR / "notebooks"
# Rujukan ke jaringan yang akan dimuat peramban: src/href/url() ke http(s) atau //, @import.
_JARINGAN = re.compile(
    r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""",
    re.IGNORECASE,
)


def _skor(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / "skor_pegawai.csv", dtype={"nip": "str"})


def _halaman(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


# ---------------------------------------------------------------- parameter notebook


@pytest.mark.parametrize(
    ("buku", "parameter"),
    [
        ("02_laporan_opd.ipynb", laporan.parameter_opd("2026-S1", "Dinas X", "/tmp/hasil")),
        ("03_ringkasan_pimpinan.ipynb", laporan.parameter_pimpinan("2026-S1", "/tmp/hasil")),
    ],
)
def test_parameter_notebook_sama_dengan_yang_dikirim_laporan(buku, parameter):
    """Nama dan jenis parameter setiap notebook = yang dikirim batch (papermill.inspect)."""
    ada = pm.inspect_notebook(NOTEBOOK / buku)
    assert set(ada) == set(parameter)
    for nama, nilai in parameter.items():
        assert ada[nama]["inferred_type_name"] == type(nilai).__name__, nama
        assert ada[nama]["help"], f"parameter {nama} tanpa keterangan"


def test_notebook_eksplorasi_punya_parameter_data():
    assert set(pm.inspect_notebook(NOTEBOOK / "01_eksplorasi.ipynb")) == {"data", "periode", "opd"}


@pytest.mark.parametrize("buku", sorted(p.name for p in NOTEBOOK.glob("*.ipynb")))
def test_notebook_tersimpan_tanpa_keluaran(buku):
    """Notebook di repositori tidak membawa keluaran (data pribadi) maupun nomor eksekusi."""
    nb = nbformat.read(NOTEBOOK / buku, as_version=4)
    nbformat.validate(nb)
    for sel in nb.cells:
        if sel.cell_type == "code":
            assert sel.outputs == [] and sel.execution_count is None
    tag = [sel for sel in nb.cells if "parameters" in sel.metadata.get("tags", [])]
    assert len(tag) == 1


def test_notebook_eksplorasi_berjalan_pada_data_kecil(data_laporan, tmp_path):
    """Notebook 01 dengan opd dan periode: pilihannya sampai ke tabel yang ditampilkan (sel
    parameter sendiri selalu memuat nama OPD, jadi yang diperiksa keluaran selnya)."""
    from asn_analitik import muat, pilih_periode, skor

    keluar = tmp_path / "eksplorasi.ipynb"
    opd = "Dinas Kesehatan"
    pm.execute_notebook(
        NOTEBOOK / "01_eksplorasi.ipynb",
        keluar,
        parameters={"data": str(data_laporan), "periode": "2026-S1", "opd": opd},
        progress_bar=False,
        cwd=str(NOTEBOOK),
    )
    nb = nbformat.read(keluar, as_version=4)
    teks = _keluaran_sel(nb)
    assert "image/png" in keluar.read_text(encoding="utf-8")  # grafik tergambar
    # Pembanding: jalur publik yang sama dengan asn-analitik skor (semua periode).
    s = skor(pilih_periode(muat(data_laporan), None)).skor_pegawai
    n_pilih = int(((s["opd"] == opd) & (s["periode"] == "2026-S1")).sum())
    assert 0 < n_pilih < len(s)
    angka = re.search(r"([\d.]+) pegawai-periode terpilih dari ([\d.]+)\.", teks)
    assert angka, teks[:2000]
    assert [int(a.replace(".", "")) for a in angka.groups()] == [n_pilih, len(s)]
    # Tabel banding periode: satu baris, OPD yang dipilih saja.
    (banding,) = [t for t in re.findall(r"<table.*?</table>", teks, re.S) if "<th>OPD</th>" in t]
    assert re.findall(r"<tr><td>([^<]*)</td>", banding) == [opd]


# ---------------------------------------------------------------- hasil batch


def test_semua_berkas_ada(laporan_jadi):
    skor = _skor(laporan_jadi)
    slug = slug_unik(skor["opd"].unique())
    assert laporan_jadi.name == "2026-S1"
    for nama in (
        "index.html", "ringkasan_pimpinan.html", "ringkasan_pimpinan.ipynb",
        "ringkasan_pimpinan.salindia.html", "skor_pegawai.csv", "capaian_indikator.csv",
        "ditolak.csv", "manifest.json", "klaster_pegawai.csv", "profil_klaster.csv",
        "rekomendasi_pelatihan.csv", "kebutuhan_pelatihan.csv", "hasil/skor_pegawai.parquet",
    ):  # fmt: skip
        assert (laporan_jadi / nama).is_file(), nama
    for s in slug.values():
        assert (laporan_jadi / "opd" / f"{s}.html").is_file()
        assert (laporan_jadi / "opd" / f"{s}.ipynb").is_file()
    assert len(list((laporan_jadi / "opd").glob("*.html"))) == len(slug) == 12
    # Tidak ada sisa berkas sementara.
    assert not [p for p in laporan_jadi.rglob("*") if "sementara" in p.name]
    # Isinya, bukan hanya keberadaannya: hasil Parquet = tabel kontrak, manifest menyebut set
    # yang ada, dan setiap laporan OPD menyebut jumlah pegawai OPD itu di skor_pegawai.csv.
    parquet = pd.read_parquet(laporan_jadi / "hasil" / "skor_pegawai.parquet")
    assert sorted(parquet["nip"]) == sorted(skor["nip"])
    manifest = json.loads((laporan_jadi / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameter"]["periode"] == ["2026-S1"]
    assert manifest["jumlah_pegawai_periode"] == len(skor)
    assert all((laporan_jadi / b).is_file() for b in manifest["berkas_keluaran"])
    for nama, s in slug.items():
        halaman = html.unescape((laporan_jadi / "opd" / f"{s}.html").read_text(encoding="utf-8"))
        n = int((skor["opd"] == nama).sum())
        kartu = f'<div class="angka-besar">{n:,}</div><div class="judul-kartu">Pegawai dinilai'
        assert kartu.replace(",", ".") in halaman, nama
        buku = nbformat.read(laporan_jadi / "opd" / f"{s}.ipynb", as_version=4)
        kode = [c for c in buku.cells if c.cell_type == "code"]
        assert all(c.execution_count for c in kode), nama  # notebook yang dijalankan
        assert not [o for c in kode for o in c.outputs if o.output_type == "error"], nama


def test_tautan_indeks_terbuka(laporan_jadi):
    teks = (laporan_jadi / "index.html").read_text(encoding="utf-8")
    tautan = re.findall(r'href="([^"]+)"', teks)
    assert len([t for t in tautan if t.startswith("opd/") and t.endswith(".html")]) == 12
    assert len([t for t in tautan if t.startswith("opd/") and t.endswith(".xlsx")]) == 12
    assert "ringkasan_pimpinan.html" in tautan and "ringkasan_pimpinan.salindia.html" in tautan
    for t in tautan:
        tujuan = (laporan_jadi / t).resolve()
        assert tujuan.is_file(), t
        assert laporan_jadi.resolve() in tujuan.parents


def test_slug_nama_sulit_aman_dan_nama_tampil_utuh(laporan_jadi):
    """Nama OPD yang menyulitkan menjadi slug aman, dan sampai ke notebook sebagai nilai."""
    slug = slug_unik(_skor(laporan_jadi)["opd"].unique())
    assert slug["../../BKPSDM"] == "bkpsdm"
    assert slug["卫生局"] == "opd"
    assert {slug["Dinas Kesehatan"], slug["Dinas-Kesehatan"]} == {
        "dinas-kesehatan",
        "dinas-kesehatan-2",
    }
    for nama, s in slug.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s)
        halaman = (laporan_jadi / "opd" / f"{s}.html").read_text(encoding="utf-8")
        assert f"Laporan Kinerja {nama}" in html.unescape(halaman)
    nama_sulit = OPD_SULIT["Dinas Sosial"]
    halaman = (laporan_jadi / "opd" / f"{slug[nama_sulit]}.html").read_text(encoding="utf-8")
    assert "<b>&</b>" not in halaman  # di-escape, bukan HTML


def test_laporan_opd_hanya_memuat_pegawainya_sendiri(laporan_jadi):
    skor = _skor(laporan_jadi)
    slug = slug_unik(skor["opd"].unique())
    for opd, s in slug.items():
        milik = skor["opd"] == opd
        for akhiran in ("html", "ipynb"):
            teks = (laporan_jadi / "opd" / f"{s}.{akhiran}").read_text(encoding="utf-8")
            assert all(n in teks for n in skor.loc[milik, "nip"]), (opd, akhiran)
            bocor = [n for n in skor.loc[~milik, "nip"] if n in teks]
            assert not bocor, f"NIP OPD lain di laporan {opd}: {bocor[:3]}"
            nama_lain = set(skor.loc[~milik, "nama"]) - set(skor.loc[milik, "nama"])
            bocor = [n for n in nama_lain if len(n) > 12 and n in html.unescape(teks)]
            assert not bocor, f"nama pegawai OPD lain di laporan {opd}: {bocor[:3]}"


#: Sel yang disisipkan ke notebook OPD: setiap pembacaan Parquet (pandas memanggil
#: pyarrow.parquet.read_table) dicatat ke berkas: nama berkas, kolom, dan OPD di baris yang dibaca.
_SADAP_PARQUET = """
import json as _json
from pathlib import Path as _Path
import pyarrow.parquet as _pq

_baca_asli = _pq.read_table


def _baca_dicatat(sumber, *argumen, **kata):
    tabel = _baca_asli(sumber, *argumen, **kata)
    opd = None
    if "opd" in tabel.column_names:
        opd = sorted({str(v) for v in tabel.column("opd").unique().to_pylist()})
    catatan = {"berkas": _Path(str(getattr(sumber, "name", sumber))).name,
               "kolom": tabel.column_names, "baris": tabel.num_rows, "opd": opd}
    with open(LOG_BACAAN, "a", encoding="utf-8") as f:
        f.write(_json.dumps(catatan) + "\\n")
    return tabel


_pq.read_table = _baca_dicatat
"""

#: Tabel hasil yang berisi jumlah per pelatihan dan OPD, tanpa baris pegawai.
_RINGKAS_PER_OPD = {"kebutuhan_pelatihan.parquet"}


def test_notebook_opd_hanya_membaca_baris_opd_itu(laporan_jadi, tmp_path):
    """Isolasi di sumbernya, bukan hanya di halaman: notebook OPD tidak pernah memuat baris
    pegawai OPD lain dari hasil Parquet, termasuk untuk pembanding kabupaten. Yang boleh dibaca
    utuh hanya kolom ``opd`` saja (mencocokkan nama OPD) dan ringkasan per OPD tanpa pegawai."""
    log = tmp_path / "bacaan.jsonl"
    buku = _buku_dengan_sel(tmp_path, f"LOG_BACAAN = {str(log)!r}\n" + _SADAP_PARQUET)
    opd = "Dinas Kesehatan"
    pm.execute_notebook(
        buku,
        tmp_path / "keluar.ipynb",
        parameters=laporan.parameter_opd("2026-S1", opd, str(laporan_jadi / "hasil")),
        progress_bar=False,
        cwd=str(tmp_path),
    )
    bacaan = [json.loads(b) for b in log.read_text(encoding="utf-8").splitlines()]
    dibaca = {b["berkas"] for b in bacaan if b["baris"] > 0}
    # sadapan bekerja: tabel pegawai OPD itu memang dibaca (uji ini tidak kosong)
    assert {"skor_pegawai.parquet", "capaian_indikator.parquet"} <= dibaca, dibaca
    for b in bacaan:
        if b["opd"] is None:  # tabel tanpa kolom opd tidak boleh berisi baris pegawai
            assert "nip" not in b["kolom"], b
        elif b["kolom"] != ["opd"] and b["berkas"] not in _RINGKAS_PER_OPD:
            assert set(b["opd"]) <= {opd}, f"{b['berkas']} memuat baris OPD lain: {b['opd']}"


def test_ringkasan_pimpinan_menyamarkan_nip(laporan_jadi):
    nip = _skor(laporan_jadi)["nip"]
    for nama in (
        "ringkasan_pimpinan.html",
        "ringkasan_pimpinan.salindia.html",
        "ringkasan_pimpinan.ipynb",
        "index.html",
    ):
        teks = (laporan_jadi / nama).read_text(encoding="utf-8")
        assert not [n for n in nip if n in teks], nama
    teks = (laporan_jadi / "ringkasan_pimpinan.html").read_text(encoding="utf-8")
    assert re.search(r"\*{14}[0-9]{4}", teks), "calon apresiasi dengan NIP tersamar"


def test_setiap_gambar_berteks_alternatif_judul_grafik(laporan_jadi):
    """Halaman OPD, ringkasan pimpinan dan salindianya: setiap gambar punya teks alternatif
    berbahasa Indonesia dari judul grafiknya (pembaca layar), bukan teks bawaan nbconvert."""
    halaman = [*(laporan_jadi / "opd").glob("*.html"), laporan_jadi / "ringkasan_pimpinan.html",
               laporan_jadi / "ringkasan_pimpinan.salindia.html"]  # fmt: skip
    judul_pimpinan = set()
    for h in halaman:
        teks = h.read_text(encoding="utf-8")
        gambar = re.findall(r"<img\b[^>]*>", teks)
        assert gambar, h.name
        alt = [re.search(r'\balt="([^"]*)"', g) for g in gambar]
        assert all(alt), h.name
        assert "No description" not in teks, h.name
        assert all(a.group(1) not in ("", "Grafik") for a in alt), (h.name, gambar[:1])
        if h.name.startswith("ringkasan_pimpinan"):
            judul_pimpinan.add(tuple(a.group(1) for a in alt))
    assert len(judul_pimpinan) == 1  # salindia menamai grafik yang sama seperti halamannya


def _keluaran_sel(nb) -> str:
    """Semua yang ditampilkan sel kode notebook (bukan kode sumbernya): teks, HTML, stream."""
    bagian = []
    for sel in nb.cells:
        for keluar in sel.get("outputs", []):
            bagian.append(keluar.get("text", ""))
            data = keluar.get("data", {})
            bagian += [data.get("text/plain", ""), data.get("text/html", "")]
    return "\n".join(b if isinstance(b, str) else "".join(b) for b in bagian)


def test_notebook_pimpinan_menyamarkan_nip_calon_apresiasi(hasil_kecil, tmp_path):
    """Uji kedua, bebas dari batch laporan: notebook ringkasan pimpinan dijalankan langsung pada
    hasil kecil; calon apresiasinya (A, satu-satunya Sangat Baik) tampil dengan NIP tersamar,
    dan tidak satu pun NIP lengkap tampil di keluaran mana pun."""
    from conftest import NIP_A, NIP_B, NIP_C, NIP_D

    keluar = tmp_path / "pimpinan.ipynb"
    pm.execute_notebook(
        NOTEBOOK / "03_ringkasan_pimpinan.ipynb",
        keluar,
        parameters=laporan.parameter_pimpinan("2026-S1", str(hasil_kecil)),
        progress_bar=False,
        cwd=str(tmp_path),
    )
    teks = _keluaran_sel(nbformat.read(keluar, as_version=4))
    assert "Andi Wirawan" in teks  # calon apresiasi memang tampil
    assert "*" * 14 + NIP_A[-4:] in teks
    assert not [n for n in (NIP_A, NIP_B, NIP_C, NIP_D) if n in teks]


def test_halaman_mandiri_tanpa_jaringan_tanpa_kode_dan_kecil(laporan_jadi):
    for halaman in _halaman(laporan_jadi):
        teks = halaman.read_text(encoding="utf-8")
        assert not _JARINGAN.search(teks), f"{halaman.name}: {_JARINGAN.search(teks).group(0)}"
        assert "require.js" not in teks and "MathJax" not in teks
        assert not re.search(r"https?://", teks), f"{halaman.name} menyebut alamat web"
        kode = re.search(r'class="[^"]*(jp-CodeMirrorEditor|jp-InputPrompt|highlight)[ "]', teks)
        assert not kode, f"{halaman.name} menampilkan kode"
        badan = re.sub(r"<(script|style)\b.*?</\1>", "", teks, flags=re.S)
        assert "import " not in badan and "asn_analitik" not in badan, halaman.name
        assert halaman.stat().st_size < 3_000_000, halaman.name
        if halaman.name != "index.html":
            assert "data:image/png;base64," in teks, f"{halaman.name} tanpa grafik"


def test_angka_dan_tanggal_gaya_indonesia(laporan_jadi):
    teks = (laporan_jadi / "opd" / "dinas-kesehatan.html").read_text(encoding="utf-8")
    assert re.search(r"Tanggal perhitungan:</b> \d{1,2} (Januari|Februari|Maret|April|Mei|Juni|"
                     r"Juli|Agustus|September|Oktober|November|Desember) 20\d\d", teks)  # fmt: skip
    assert re.search(r'class="angka">\d+,\d<', teks), "desimal dengan koma"
    assert "Semester I 2026" in teks


def test_jalankan_ulang_melewati_laporan_yang_mutakhir(data_laporan, laporan_jadi, capsys):
    sebelum = {p: p.stat().st_mtime_ns for p in _halaman(laporan_jadi / "opd")}
    kode = utama(["laporan", "--data", str(data_laporan), "--keluaran",
                  str(laporan_jadi.parent), "--paralel", "2"])  # fmt: skip
    assert kode == 0
    assert "0 laporan dibuat, 13 sudah mutakhir, 0 gagal" in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in _halaman(laporan_jadi / "opd")} == sebelum


# ---------------------------------------------------------------- kegagalan dan jalannya terputus


def _buku_dengan_sel(tmp_path: Path, kode: str) -> Path:
    """Salinan notebook OPD dengan satu sel tambahan tepat setelah sel parameter."""
    nb = nbformat.read(NOTEBOOK / "02_laporan_opd.ipynb", as_version=4)
    posisi = next(i for i, s in enumerate(nb.cells) if "parameters" in s.metadata.get("tags", []))
    nb.cells.insert(posisi + 1, nbformat.v4.new_code_cell(kode))
    tujuan = tmp_path / "buku" / "02_laporan_opd.ipynb"
    tujuan.parent.mkdir()
    nbformat.write(nb, tujuan)
    return tujuan


def test_satu_opd_gagal_yang_lain_tetap_jadi_dan_keluar_1(
    data_laporan, tmp_path, monkeypatch, capsys
):
    buku = _buku_dengan_sel(
        tmp_path, 'if opd == "Dinas Perhubungan":\n    raise RuntimeError("gagal uji disengaja")'
    )
    monkeypatch.setattr(laporan, "BUKU_OPD", buku)
    keluaran = tmp_path / "keluar"
    kode = utama(["laporan", "--data", str(data_laporan), "--keluaran", str(keluaran),
                  "--opd", "Dinas Perhubungan", "Dinas Pertanian", "--paralel", "2"])  # fmt: skip
    assert kode == 1
    err = capsys.readouterr().err
    assert "Dinas Perhubungan gagal: RuntimeError: gagal uji disengaja" in err
    folder = keluaran / "2026-S1"
    assert (folder / "opd" / "dinas-pertanian.html").is_file()
    assert not (folder / "opd" / "dinas-perhubungan.html").exists()
    assert (folder / "opd" / "dinas-perhubungan.gagal.ipynb").is_file()
    assert (folder / "ringkasan_pimpinan.html").is_file()
    indeks = (folder / "index.html").read_text(encoding="utf-8")
    assert "1 laporan gagal dibuat" in indeks and "gagal uji disengaja" in indeks
    assert 'href="opd/dinas-pertanian.html"' in indeks
    assert 'href="opd/dinas-perhubungan.html"' not in indeks


def test_opd_yang_tidak_ada_ditolak_dengan_pesan(data_laporan, tmp_path, capsys):
    kode = utama(["laporan", "--data", str(data_laporan), "--keluaran", str(tmp_path),
                  "--opd", "Dinas Pariwisata"])  # fmt: skip
    assert kode == 2
    err = capsys.readouterr().err
    assert "'Dinas Pariwisata'" in err and "Dinas Kesehatan" in err


def test_jalannya_terputus_tidak_meninggalkan_laporan_setengah_jadi(data_laporan, tmp_path):
    penanda, mulai = tmp_path / "tahan", tmp_path / "mulai"
    penanda.touch()
    buku = _buku_dengan_sel(
        tmp_path,
        f"import time\nfrom pathlib import Path\n"
        f"if opd == 'Dinas Kesehatan' and Path({str(penanda)!r}).exists():\n"
        f"    Path({str(mulai)!r}).touch()\n    time.sleep(120)",
    )
    keluaran = tmp_path / "keluar"
    perintah = [
        sys.executable, "-c",
        "import sys; from pathlib import Path; import asn_analitik.laporan.jalankan as l; "
        f"l.BUKU_OPD = Path({str(buku)!r}); from asn_analitik.cli import utama; "
        "sys.exit(utama(sys.argv[1:]))",
        "laporan", "--data", str(data_laporan), "--keluaran", str(keluaran),
        "--opd", "Dinas Kesehatan", "Dinas Pertanian", "--paralel", "1",
    ]  # fmt: skip
    proses = subprocess.Popen(perintah, start_new_session=True)
    folder = keluaran / "2026-S1"
    batas = time.monotonic() + 120
    while not mulai.exists() and time.monotonic() < batas:
        time.sleep(0.2)
    assert mulai.exists(), "notebook Dinas Kesehatan tidak pernah mulai"
    os.killpg(proses.pid, signal.SIGKILL)  # seperti listrik padam
    proses.wait()
    assert not (folder / "opd" / "dinas-kesehatan.html").exists()
    assert not (folder / "opd" / "dinas-kesehatan.ipynb").exists()
    assert not (folder / "index.html").exists()
    for halaman in _halaman(folder):  # yang sudah ada harus utuh
        assert halaman.read_text(encoding="utf-8").rstrip().endswith("</html>")

    penanda.unlink()
    hasil = subprocess.run(perintah, capture_output=True, text=True, check=False)
    assert hasil.returncode == 0, hasil.stderr
    assert "2 laporan dibuat, 1 sudah mutakhir, 0 gagal" in hasil.stdout  # pimpinan dilewati
    assert (folder / "opd" / "dinas-kesehatan.html").is_file()
    assert (folder / "index.html").is_file()


# ---------------------------------------------------------------- slug


@pytest.mark.parametrize(
    ("nama", "slug"),
    [
        ("Dinas Kesehatan", "dinas-kesehatan"),
        ("  DINAS   Kesehatan  ", "dinas-kesehatan"),
        ("../../etc/passwd", "etc-passwd"),
        ("..\\..\\Windows\\System32", "windows-system32"),
        ("/", "opd"),
        ("", "opd"),
        ("Dinas Pekerjaan Umum & Penataan Ruang", "dinas-pekerjaan-umum-penataan-ruang"),
        (
            "Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil)",
            "dinas-kependudukan-dan-pencatatan-sipil-disdukcapil",
        ),
        ("NUL", "nul-opd"),
        ("com1", "com1-opd"),
        ("Puskesmas Tanjung Selor Ñ", "puskesmas-tanjung-selor-n"),
        ("<script>alert(1)</script>", "script-alert-1-script"),
        ("a" * 300, "a" * 80),
    ],  # fmt: skip
)
def test_slug_aman(nama, slug):
    assert buat_slug(nama) == slug


def test_slug_unik_tidak_bertabrakan_dan_tidak_bergantung_urutan():
    nama = ["Dinas Kesehatan", "dinas-kesehatan", "DINAS KESEHATAN", "Dinas Kesehatan 2", "", "/"]
    a, b = slug_unik(nama), slug_unik(list(reversed(nama)))
    assert a == b
    assert len(set(a.values())) == len(nama)


def test_sidik_laporan_berubah_bila_hitungan_berubah_bukan_bila_waktu_berubah(laporan_jadi):
    manifest = json.loads((laporan_jadi / "manifest.json").read_text(encoding="utf-8"))
    buku = NOTEBOOK / "02_laporan_opd.ipynb"
    parameter = laporan.parameter_opd("2026-S1", "Dinas Kesehatan", "/x")
    dasar = laporan.sidik_laporan(manifest, buku, parameter)
    assert laporan.sidik_laporan({**manifest, "selesai": "2030-01-01"}, buku, parameter) == dasar
    lain_k = {**manifest, "klaster": {**manifest["klaster"], "k": 2}}
    assert laporan.sidik_laporan(lain_k, buku, parameter) != dasar
    lain_aturan = json.loads(json.dumps(manifest))
    lain_aturan["parameter"]["aturan"]["ambang_rating_hasil_kerja"] = "lain"
    assert laporan.sidik_laporan(lain_aturan, buku, parameter) != dasar
    lain_data = {**manifest, "berkas_masukan": {"pegawai.csv": {"sha256": "0"}}}
    assert laporan.sidik_laporan(lain_data, buku, parameter) != dasar
    assert laporan.sidik_laporan(manifest, buku, {**parameter, "opd": "Dinas Sosial"}) != dasar


def test_opd_yang_tidak_mengirim_indikator_tampak_tidak_patuh(laporan_jadi):
    """OPD tanpa satu pun indikator tetap mendapat laporan, dan tidak tampak patuh 100%."""
    slug = slug_unik(_skor(laporan_jadi)["opd"].unique())[OPD_DIAM]
    halaman = (laporan_jadi / "opd" / f"{slug}.html").read_text(encoding="utf-8")
    assert "SKP periode ini belum dikirim" in halaman
    indeks = (laporan_jadi / "index.html").read_text(encoding="utf-8")
    baris = re.search(rf"{OPD_DIAM}</a>.*?</td>(.*?)</tr>", indeks).group(1)
    assert '<td class="angka">0,0%</td>' in baris


def test_kernel_hangat_dikosongkan_antar_opd(data_laporan, tmp_path, monkeypatch):
    """Dua OPD di satu pekerja (satu kernel): variabel OPD pertama tidak terlihat oleh OPD kedua."""
    buku = _buku_dengan_sel(
        tmp_path, 'assert "jejak_opd_lain" not in globals(), jejak_opd_lain\njejak_opd_lain = opd'
    )
    monkeypatch.setattr(laporan, "BUKU_OPD", buku)
    hasil = laporan.jalankan_laporan(
        data_laporan, tmp_path / "keluar", opd=["Dinas Pertanian", "Dinas Perhubungan"], paralel=1
    )
    status = {s.nama: s.status for s in hasil.status["2026-S1"]}
    assert status["Dinas Pertanian"] == status["Dinas Perhubungan"] == "selesai", hasil.gagal


# ---------------------------------------------------------------- lampiran Excel per OPD


def _lampiran(folder: Path, slug: str) -> dict[str, pd.DataFrame]:
    return pd.read_excel(
        folder / "opd" / f"{slug}.xlsx", sheet_name=None, dtype={"NIP": "str"}, engine="calamine"
    )


def test_lampiran_excel_memuat_seluruh_pegawai_opd_itu_saja(laporan_jadi):
    from asn_analitik.laporan.lampiran import LEMBAR

    skor = _skor(laporan_jadi)
    rek = pd.read_csv(laporan_jadi / "rekomendasi_pelatihan.csv", dtype={"nip": "str"})
    capaian = pd.read_csv(laporan_jadi / "capaian_indikator.csv", dtype={"nip": "str"})
    for opd, s in slug_unik(skor["opd"].unique()).items():
        buku = _lampiran(laporan_jadi, s)
        assert list(buku) == ["Keterangan", *LEMBAR]
        milik = skor[skor["opd"] == opd]
        assert sorted(buku["Pegawai"]["NIP"]) == sorted(milik["nip"]), opd
        assert buku["Pegawai"]["Nilai HK"].dtype.kind == "f"  # angka sungguhan, bukan teks
        assert len(buku["Rekomendasi"]) == (rek["opd"] == opd).sum(), opd
        assert len(buku["Indikator"]) == capaian["nip"].isin(milik["nip"]).sum(), opd
        teks = " ".join(str(v) for t in buku.values() for v in t.to_numpy().ravel())
        bocor = [n for n in skor.loc[skor["opd"] != opd, "nip"] if n in teks]
        assert not bocor, f"NIP OPD lain di lampiran {opd}: {bocor[:3]}"
        halaman = (laporan_jadi / "opd" / f"{s}.html").read_text(encoding="utf-8")
        assert f'href="{s}.xlsx"' in halaman, opd


def test_lampiran_excel_terformat(laporan_jadi):
    """Baris judul beku, saringan otomatis, NIP teks, nilai satu desimal sebagai angka."""
    import openpyxl

    buku = openpyxl.load_workbook(laporan_jadi / "opd" / "dinas-kesehatan.xlsx")
    lembar = buku["Pegawai"]
    assert lembar.freeze_panes == "A2"
    assert lembar.auto_filter.ref and lembar.auto_filter.ref.startswith("A1:")
    judul = [c.value for c in lembar[1]]
    nip, nilai = lembar.cell(2, judul.index("NIP") + 1), lembar.cell(2, judul.index("Nilai HK") + 1)
    assert isinstance(nip.value, str) and len(nip.value) == 18
    assert isinstance(nilai.value, float) and nilai.number_format == "0.0"
    assert lembar.column_dimensions["C"].width > 10  # lebar kolom nama disesuaikan


def test_laporan_menampilkan_baris_teratas_lembar_lampirannya(laporan_jadi):
    """Tabel yang dipotong di laporan menyebut jumlah baris lembar lampirannya, dan baris yang
    tampil adalah baris teratas lembar itu."""
    skor = _skor(laporan_jadi)
    s = slug_unik(skor["opd"].unique())["Dinas Kesehatan"]
    buku = _lampiran(laporan_jadi, s)
    halaman = html.unescape((laporan_jadi / "opd" / f"{s}.html").read_text(encoding="utf-8"))
    rek = buku["Rekomendasi"]
    assert len(rek) > 10
    assert f"Menampilkan 10 dari {len(rek)} baris" in halaman
    assert all(nama in halaman for nama in rek["Nama"].head(10))
    pegawai = buku["Pegawai"]
    assert f"Menampilkan 20 dari {len(pegawai)} pegawai" in halaman
    for nip in [*pegawai["NIP"].head(10), *pegawai["NIP"].tail(10)]:
        assert f'<td class="nip">{nip}</td>' in halaman


def _isi_zip(berkas: Path) -> dict[str, bytes]:
    """Isi setiap bagian buku xlsx (zip), tanpa cap waktu pembuatan zip-nya."""
    import zipfile

    with zipfile.ZipFile(berkas) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_lampiran_dari_notebook_sama_dengan_dari_hasil(laporan_jadi, tmp_path):
    """Batch menulis lampiran dari tabel yang sudah disusun notebook OPD (sel tersisip yang
    dibuang dari hasil); isinya sama persis dengan lampiran yang dihitung ulang dari folder
    ``hasil``. Tanpa ``h``/``lamp`` yang cocok (templat sendiri, atau ``h`` milik OPD lain),
    lampiran dihitung dari parameter notebook."""
    from asn_analitik.laporan.hasil import muat_hasil
    from asn_analitik.laporan.lampiran import tabel_opd, tulis_lampiran, tulis_lampiran_notebook

    skor = _skor(laporan_jadi)
    periode = str(skor["periode"].iloc[0])
    hasil = str(laporan_jadi / "hasil")
    slug = slug_unik(skor["opd"].unique())
    lain = muat_hasil(hasil, "Dinas Pertanian", periode)
    for opd in ("Dinas Kesehatan", max(slug)):
        batch = _isi_zip(laporan_jadi / "opd" / f"{slug[opd]}.xlsx")
        tulis_lampiran(hasil, opd, periode, tmp_path / "ulang.xlsx")
        assert _isi_zip(tmp_path / "ulang.xlsx") == batch, opd
        parameter = {"hasil": hasil, "opd": opd.upper(), "periode": periode,
                     "samarkan_nip": False}  # fmt: skip
        h = muat_hasil(hasil, opd, periode)
        ruang = {
            "dari parameter": parameter,
            "dari notebook": {**parameter, "opd": h.opd, "h": h, "lamp": tabel_opd(h)},
            "h OPD lain": {**parameter, "h": lain, "lamp": tabel_opd(lain)},
        }
        for nama, isi in ruang.items():
            tujuan = tmp_path / f"{nama}.xlsx"
            tulis_lampiran_notebook(isi, tujuan)
            assert _isi_zip(tujuan) == batch, (opd, nama)
    for buku in (laporan_jadi / "opd").glob("*.ipynb"):
        assert "tulis_lampiran_notebook" not in buku.read_text(encoding="utf-8"), buku


def _grafik_uji() -> dict:
    """Masukan kecil untuk grafik laporan OPD (tanpa membaca hasil)."""
    from asn_analitik.analisis.kurva import pola_diizinkan
    from asn_analitik.nilai.aturan import muat_aturan

    banding = pd.DataFrame({"Predikat": ["Sangat Baik", "Baik", "Butuh Perbaikan"],
                            "Porsi OPD": [0.2, 0.7, 0.1],
                            "Porsi kabupaten": [0.1, 0.8, 0.1]})  # fmt: skip
    tren = pd.DataFrame({"periode": ["2025-S1", "2025-S2", "2026-S1"],
                         "rata_nilai_hasil_kerja": [98.0, 101.5, float("nan")],
                         "porsi_baik_ke_atas": [0.7, 0.8, 0.75]})  # fmt: skip
    kurva = pd.Series({"jumlah_pegawai": 10, "predikat_organisasi": "baik", "jumlah_sangat_baik": 1,
                       "jumlah_baik": 9, "jumlah_butuh_perbaikan": 0, "jumlah_kurang": 0,
                       "jumlah_sangat_kurang": 0})  # fmt: skip
    skor = pd.DataFrame({"capaian_kuantitas": [90.0, 100, 120], "capaian_waktu": [80.0, 100, 95]})
    rata = pd.Series({"capaian_kuantitas": 101.0, "capaian_waktu": 97.0})
    return {
        "banding": lambda g: g.grafik_banding_predikat(banding, "Dinas X"),
        "tren_opd": lambda g: g.grafik_tren_opd(tren, "Dinas X"),
        "kurva": lambda g: g.grafik_kurva(kurva, pola_diizinkan("baik", muat_aturan())),
        "aspek": lambda g: g.grafik_capaian_aspek(skor, rata),
    }


def test_grafik_cepat_sama_dengan_tata_letak_bawaan_matplotlib(monkeypatch):
    """Judul di posisi tetap, tata letak tanpa mesin, label sumbu kosong disematkan di
    :func:`grafik.tampilkan`: PNG-nya sama sampai ke bitnya dengan ``plt.subplots`` +
    ``fig.tight_layout()`` + ``savefig`` bawaan."""
    import io

    import matplotlib.pyplot as plt

    from asn_analitik.laporan import grafik

    tampil = []
    monkeypatch.setattr("IPython.display.display", lambda gambar, **k: tampil.append(gambar.data))

    def png(fig) -> bytes:
        isi = io.BytesIO()
        fig.savefig(isi, **grafik._SIMPAN_PNG)
        plt.close(fig)
        return isi.getvalue()

    grafik.atur_gaya()
    buat = _grafik_uji()
    for f in buat.values():
        grafik.tampilkan(f(grafik))
    cepat = dict(zip(buat, tampil, strict=True))
    monkeypatch.setattr(grafik, "_figur", lambda figsize: plt.subplots(figsize=figsize))
    monkeypatch.setattr(grafik, "_rapikan", lambda fig: fig.tight_layout())
    for nama, f in buat.items():
        assert png(f(grafik)) == cepat[nama], nama


def test_tata_letak_grafik_mengukur_setiap_sumbu_sekali(monkeypatch):
    """``tight_layout`` menghitung tata letak dua kali dan mengukur ulang setiap sumbu di
    antaranya; :func:`grafik._rapikan` mengukur setiap sumbu sekali (PNG-nya tetap sama, lihat
    uji di atas) dan tidak meninggalkan pengukur sementaranya pada sumbu."""
    from collections import Counter

    import matplotlib.pyplot as plt
    from matplotlib.axes import Axes

    from asn_analitik.laporan import grafik

    asli, ukur = Axes.get_tightbbox, Counter()

    def hitung(ax, *args, **kwargs):
        ukur[id(ax)] += 1
        return asli(ax, *args, **kwargs)

    monkeypatch.setattr(Axes, "get_tightbbox", hitung)
    for nama, buat in _grafik_uji().items():
        ukur.clear()
        fig = buat(grafik)
        assert sorted(ukur) == sorted(id(ax) for ax in fig.axes), nama
        assert set(ukur.values()) == {1}, nama
        assert not any("get_tightbbox" in vars(ax) for ax in fig.axes), nama
        plt.close(fig)


def test_label_yang_ditambahkan_pada_grafik_tetap_ditempatkan_otomatis():
    """Fungsi grafik mengembalikan figur yang masih bisa diubah analis: label sumbu yang
    ditambahkan kemudian ditempatkan matplotlib (di kiri label tik), bukan di posisi tetap."""
    import matplotlib.pyplot as plt

    from asn_analitik.laporan import grafik

    fig = _grafik_uji()["banding"](grafik)
    ax = fig.axes[0]
    ax.set_ylabel("Predikat")
    fig.canvas.draw()
    label = ax.yaxis.label.get_window_extent()
    assert label.x1 <= min(t.get_window_extent().x0 for t in ax.get_yticklabels()) + 1
    plt.close(fig)


def test_grafik_digambar_sekali_oleh_tampilkan(monkeypatch):
    """Tata letak diatur tanpa meninggalkan mesin tata letak di figur: ``savefig`` di
    :func:`grafik.tampilkan` menggambar setiap figur satu kali, bukan dua (± 25 ms per grafik)."""
    from matplotlib.figure import Figure

    from asn_analitik.laporan import grafik

    gambar = []
    asli = Figure.draw
    monkeypatch.setattr(Figure, "draw", lambda fig, r: gambar.append(fig) or asli(fig, r))
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: None)
    for buat in _grafik_uji().values():
        fig = buat(grafik)
        gambar.clear()
        grafik.tampilkan(fig)
        assert gambar == [fig]
        kotak, lebar, tinggi = fig.get_tightbbox(), *fig.get_size_inches()
        assert kotak.x0 >= 0 and kotak.y0 >= 0, kotak  # judul dan label tidak terpotong
        assert kotak.x1 <= lebar and kotak.y1 <= tinggi, kotak


def test_pekerja_berhenti_begitu_antrean_terakhir_habis(tmp_path):
    """Pada periode terakhir pekerja yang kehabisan tugas langsung berhenti (kernelnya dimatikan
    selagi pekerja lain masih bekerja), tanpa menunggu ``tutup``; periode sebelumnya tidak."""
    import psutil
    from conftest import tugas_kecil

    from asn_analitik.laporan.kumpulan import KumpulanPekerja

    # Kernel hangat tanpa riwayat IPython (tidak menulis ke SQLite riwayat analis).
    tugas = tugas_kecil(tmp_path, "print(x)\nassert not get_ipython().history_manager.enabled")
    pool = KumpulanPekerja(1)
    try:
        assert pool.jalankan([tugas("a")])["a"].status == "selesai"
        assert pool._pekerja[0].proses.poll() is None  # masih menunggu periode berikutnya
        # Kernel pekerja: anaknya, atau anak zigot batch (asn-kernel) bila dibelah dari sana.
        kernel = psutil.Process(pool._pekerja[0].proses.pid).children(recursive=True)
        if pool._zigot:
            kernel += [p for p in psutil.Process(pool._zigot.proses.pid).children()
                       if p.name() == "asn-kernel"]  # fmt: skip
        assert len(kernel) == 1
        assert pool.jalankan([tugas("b")], terakhir=True)["b"].status == "selesai"
        assert pool._pekerja[0].proses.wait(timeout=20) == 0
        _, hidup = psutil.wait_procs(kernel, timeout=5)
        assert not hidup  # kernelnya ikut mati
    finally:
        pool.hentikan()
    assert (tmp_path / "b.html").is_file()


def _catat_pid(folder: Path) -> str:
    """Baris kode notebook kecil yang mencatat PID kernelnya di ``folder/pid<x>``."""
    return (f"import os, pathlib\npathlib.Path({str(folder / 'pid')!r} + x).write_text("
            "str(os.getpid()))\n")  # fmt: skip


_MACET = {
    "diam": "time.sleep(60)",
    # Terus mengirim keluaran: kanal IOPub tidak pernah sepi.
    "cerewet": (
        "for _ in range(6000):\n        print('.', end='', flush=True)\n        time.sleep(0.01)"
    ),
}


@pytest.mark.parametrize("macet", sorted(_MACET))
@pytest.mark.parametrize("zigot", ["1", "0"])
def test_sel_macet_dihentikan_sesudah_batas_waktu(tmp_path, monkeypatch, zigot, macet):
    """Sel yang tidak pernah selesai di kernel yang masih hidup (perulangan tanpa akhir, kueri
    macet), diam atau terus mencetak: laporannya gagal begitu batas waktu sel lewat, dengan pesan
    berbahasa Indonesia; kernel yang macet dimatikan, dan OPD berikutnya di pekerja yang sama
    dibuat dengan kernel baru. Dengan dan tanpa zigot. (Sel uji berhenti sendiri sesudah ± 60
    detik: bila batas waktunya tidak bekerja, uji ini gagal, tidak menggantung.)"""
    import psutil
    from conftest import tugas_kecil

    from asn_analitik.laporan.kumpulan import KumpulanPekerja

    monkeypatch.setenv("ASN_ANALITIK_ZIGOT", zigot)
    monkeypatch.setenv("ASN_ANALITIK_BATAS_DETIK_SEL", "2.5")  # pecahan: dibulatkan ke 3
    tugas = tugas_kecil(tmp_path, _catat_pid(tmp_path) + (
        f"import time\nif x == 'a':\n    {_MACET[macet]}\nprint(x)"))  # fmt: skip
    pool = KumpulanPekerja(1)
    try:
        assert pool.jalankan([tugas("c")])["c"].status == "selesai"
        pekerja = psutil.Process(pool._pekerja[0].proses.pid)
        sumber_awal = (pekerja.num_threads(), pekerja.num_fds())
        awal = time.monotonic()
        status = pool.jalankan([tugas("a")])["a"]
        lama = time.monotonic() - awal
        assert status.status == "gagal"
        assert "lebih dari 3 detik" in status.pesan
        assert "ASN_ANALITIK_BATAS_DETIK_SEL" in status.pesan
        assert 3 <= lama < 30
        assert not (tmp_path / "a.html").exists()
        macet = int((tmp_path / "pida").read_text())
        assert not psutil.pid_exists(macet) or psutil.Process(macet).status() == "zombie"
        assert pool.jalankan([tugas("b")])["b"].status == "selesai"
        # Klien kernel yang dibuang ditutup: tanpa utas heartbeat dan soket yang tertinggal.
        assert (pekerja.num_threads(), pekerja.num_fds()) == sumber_awal
    finally:
        pool.tutup()
    assert int((tmp_path / "pidb").read_text()) != macet
    keluaran = nbformat.read(tmp_path / "b.ipynb", as_version=4).cells[-1].outputs
    assert [k["text"] for k in keluaran] == ["b\n"]


def test_pekerja_yang_mati_tidak_diberi_tugas_lagi(tmp_path, monkeypatch):
    """Pekerja yang mati di tengah laporan (mis. kehabisan memori) hanya menggagalkan laporan
    itu; pada panggilan berikutnya (periode berikutnya dalam satu jalannya) ia tidak diberi
    tugas lagi, jadi tidak ada laporan lain yang gagal karenanya."""
    import threading

    from conftest import tugas_kecil

    from asn_analitik.laporan.kumpulan import KumpulanPekerja

    monkeypatch.setenv("ASN_ANALITIK_ZIGOT", "0")  # induk kernel = pekerjanya sendiri
    penanda = tmp_path / "ppid"
    tugas = tugas_kecil(tmp_path, (
        f"import os, pathlib, time\nif x == 'a':\n    p = pathlib.Path({str(penanda)!r})\n"
        "    p.with_suffix('.tmp').write_text(str(os.getppid()))\n"
        "    os.replace(p.with_suffix('.tmp'), p)\n    time.sleep(600)\n"
        "else:\n    time.sleep(0.2)"))  # fmt: skip

    def bunuh():
        akhir = time.monotonic() + 60
        while not penanda.exists() and time.monotonic() < akhir:
            time.sleep(0.05)
        if penanda.exists():
            os.kill(int(penanda.read_text()), signal.SIGKILL)

    pool = KumpulanPekerja(2)
    try:
        assert all(p.tunggu_siap() for p in pool._pekerja)
        pembunuh = threading.Thread(target=bunuh)
        pembunuh.start()
        pertama = pool.jalankan([tugas(n) for n in "abc"])
        pembunuh.join()
        assert pertama["a"].status == "gagal" and "berhenti mendadak" in pertama["a"].pesan
        assert pertama["b"].status == pertama["c"].status == "selesai"
        kedua = pool.jalankan([tugas(n) for n in "def"])
        assert {n: s.status for n, s in kedua.items()} == dict.fromkeys("def", "selesai")
    finally:
        pool.tutup()


def test_galat_di_sel_atau_papermill_tidak_mengganti_kernel_hangat(tmp_path):
    """Galat biasa di dalam sel (kernel kembali siap) dan galat papermill yang bukan dari kernel
    (notebook hasil tidak bisa ditulis) hanya menggagalkan laporan itu; OPD berikutnya memakai
    kernel hangat yang sama, tanpa start dan impor ulang."""
    from conftest import tugas_kecil

    from asn_analitik.laporan.kumpulan import KumpulanPekerja

    tugas = tugas_kecil(tmp_path, _catat_pid(tmp_path) + (
        "if x == 'a':\n    raise ValueError('angka rusak')"))  # fmt: skip
    tak_tertulis = tugas("d")
    tak_tertulis.ipynb = str(tmp_path / "tidak-ada" / "d.ipynb")
    pool = KumpulanPekerja(1)
    try:
        status = pool.jalankan([tugas("c"), tugas("a"), tak_tertulis, tugas("b")])
    finally:
        pool.tutup()
    assert (status["a"].status, status["a"].pesan) == ("gagal", "ValueError: angka rusak")
    assert status["d"].status == "gagal" and "FileNotFoundError" in status["d"].pesan
    assert status["b"].status == status["c"].status == "selesai"
    pid = {x: (tmp_path / f"pid{x}").read_text() for x in "cab"}
    assert len(set(pid.values())) == 1, pid


def test_pemanasan_pekerja_lewat_jalur_laporan_tanpa_mengubah_kernel(tmp_path):
    """Pekerja menjalankan dan mengekspor satu notebook kecil (tabel, grafik, salindia) sebelum
    menyatakan siap, di kernel hangatnya sendiri: pemanasan itu berhasil (bukan gagal diam-diam),
    tidak meninggalkan folder, dan laporan sesudahnya di kernel yang sama tidak mewarisi apa pun
    darinya: ruang nama kosong, dan semua rcParams matplotlib sama dengan sebelum pemanasan."""
    from conftest import tugas_kecil

    from asn_analitik.laporan import pekerja

    tugas = tugas_kecil(tmp_path, (
        "import pathlib, matplotlib as mpl\n"
        "assert 'grafik' not in globals() and 'pd' not in globals()\n"
        "pathlib.Path(x + '.rc').write_text(repr(sorted(mpl.rcParams.items())))"))  # fmt: skip
    try:
        assert pekerja.kerjakan(tugas(str(tmp_path / "sebelum")))[:2] == ("selesai", "")
        kernel = pekerja._KERNEL
        assert pekerja._panaskan_alur()[:2] == ("selesai", "")
        assert pekerja._FOLDER_PANAS is None
        assert pekerja.kerjakan(tugas(str(tmp_path / "sesudah")))[:2] == ("selesai", "")
        assert pekerja._KERNEL is kernel and kernel.is_alive()
    finally:
        pekerja._buang_kernel()
    sebelum, sesudah = (tmp_path / "sebelum.rc").read_text(), (tmp_path / "sesudah.rc").read_text()
    assert "text.hinting" in sebelum and sesudah == sebelum


_SEL_KELUARAN = (
    "import sys\nfrom IPython.display import HTML, display\n"
    "print('satu')\ndisplay(HTML('<b>dua</b>'))\nprint('tiga', file=sys.stderr)\n"
    "display(HTML('<b>empat</b>'))\nsys.stdout.write('lima')\ndisplay(HTML('<b>enam</b>'))\n"
    "%config InteractiveShell.ast_node_interactivity = 'last_expr'\n"
    "from asn_analitik.laporan.setel_kernel import setel_kernel\n"
    "print(sorted(setel_kernel()), x)\n"
    "x"
)


def _keluaran(ipynb: Path) -> list:
    """Keluaran sel terakhir tanpa penanda eksekusi: jenis, nama aliran, teks atau HTML."""
    return [
        (k["output_type"], k.get("name"), k.get("text") or k.get("data", {}).get("text/html")
         or k.get("data", {}).get("text/plain"))
        for k in nbformat.read(ipynb, as_version=4).cells[-1].outputs
    ]  # fmt: skip


def test_kernel_hangat_disetel_tanpa_mengubah_keluaran(tmp_path):
    """Penyetelan kernel hangat (:mod:`asn_analitik.laporan.setel_kernel`) terpasang penuh di
    kernel pekerja, dan notebook yang menulis ke stdout/stderr di sela ``display``, memakai
    ``%magic`` dan menampilkan nilai terakhir menghasilkan keluaran yang sama, dalam urutan yang
    sama, dengan kernel Jupyter biasa; juga pada laporan kedua di kernel yang sama (ubahan sel
    dari cache)."""
    from conftest import tugas_kecil

    from asn_analitik.laporan import pekerja

    tugas = tugas_kecil(tmp_path, _SEL_KELUARAN)
    try:
        for nama in ("a", "b"):
            assert pekerja.kerjakan(tugas(nama))[:2] == ("selesai", "")
    finally:
        pekerja._buang_kernel()
    pm.execute_notebook(tmp_path / "kecil.ipynb", tmp_path / "biasa.ipynb", parameters={"x": "b"},
                        progress_bar=False)  # fmt: skip
    hangat, biasa = _keluaran(tmp_path / "b.ipynb"), _keluaran(tmp_path / "biasa.ipynb")
    assert hangat[-2] == ("stream", "stdout", "['autoawait', 'flush', 'ubahan_sel'] b\n")
    assert biasa[-2][2].endswith(" b\n")  # kernel biasa: pemasangan pertama, sama mungkinnya
    assert hangat[:-2] == biasa[:-2] == [
        ("stream", "stdout", "satu\n"), ("display_data", None, "<b>dua</b>"),
        ("stream", "stderr", "tiga\n"), ("display_data", None, "<b>empat</b>"),
        ("stream", "stdout", "lima"), ("display_data", None, "<b>enam</b>"),
    ]  # fmt: skip
    assert hangat[-1] == biasa[-1] == ("execute_result", None, "'b'")
    assert _keluaran(tmp_path / "a.ipynb")[-1] == ("execute_result", None, "'a'")


_SEL_JENDELA_FLUSH = (
    "import sys, threading, time\nfrom IPython.display import HTML, display\n"
    "sesi, utas_iopub = sys.stdout.session, sys.stdout.pub_thread.thread\n"
    "asli, masuk = sesi.msg, threading.Event()\n"
    "def lambat(*argumen, **kata):\n"
    "    if threading.current_thread() is utas_iopub:\n"
    "        masuk.set()\n        time.sleep(0.05)\n"
    "    return asli(*argumen, **kata)\n"
    "sesi.msg = lambat\nprint('satu')\nassert masuk.wait(5)\n"
    "display(HTML('<b>dua</b>'))\nsesi.msg = asli\ndel sesi.msg"
)


def test_pengosongan_stdout_tersetel_menunggu_pengiriman_yang_sedang_berjalan(tmp_path):
    """Utas IOPub kernel hangat sudah mengambil tulisan dari tampungan (pengosongan berkala)
    tetapi belum mengantrekan pesannya saat sel memanggil ``display``: ``flush`` yang disetel
    tetap menunggu, jadi teks sampai lebih dulu, seperti di ipykernel biasa. Jendela itu
    dilebarkan dengan memperlambat pembuatan pesan di utas IOPub."""
    from conftest import tugas_kecil

    from asn_analitik.laporan import pekerja

    tugas = tugas_kecil(tmp_path, _SEL_JENDELA_FLUSH)
    try:
        assert pekerja.kerjakan(tugas("a"))[:2] == ("selesai", "")
    finally:
        pekerja._buang_kernel()
    assert _keluaran(tmp_path / "a.ipynb") == [
        ("stream", "stdout", "satu\n"), ("display_data", None, "<b>dua</b>")
    ]  # fmt: skip


def test_pemanasan_dijalankan_saat_pekerja_bersiap_dengan_batas_sel_pendek(monkeypatch):
    """Pemanasan dipanggil oleh persiapan pekerja, sesudah kernel hangatnya menyala; sel
    pemanasan yang macet dihentikan oleh batas pemanasan (bukan 30 menit batas laporan), dan
    kernelnya diganti seperti kernel laporan yang macet."""
    import gc

    from asn_analitik.laporan import pekerja

    urutan = []
    monkeypatch.setattr(pekerja, "_diamkan_stderr", lambda: None)
    monkeypatch.setattr(pekerja, "_kernel_hangat", lambda: urutan.append("kernel"))
    monkeypatch.setattr(pekerja, "_panaskan_alur", lambda: urutan.append("panas"))
    monkeypatch.setattr(gc, "freeze", lambda: None)
    pekerja.siapkan_pekerja()
    assert urutan == ["kernel", "panas"]
    monkeypatch.undo()

    monkeypatch.setattr(pekerja, "_BATAS_DETIK_PANAS", 2)
    monkeypatch.setattr(pekerja, "_KODE_PANAS", "import time\ntime.sleep(60)")
    try:
        mulai = time.monotonic()
        status, pesan, _ = pekerja._panaskan_alur()
        assert status == "gagal" and "2 detik" in pesan, pesan
        assert time.monotonic() - mulai < 30
        assert pekerja._KERNEL is None  # dibuang; laporan berikutnya menyalakan kernel baru
    finally:
        pekerja._buang_kernel()


def test_pemanasan_yang_gagal_tidak_menghentikan_pekerja(monkeypatch):
    """Folder sementara yang tidak bisa ditulis menggagalkan pemanasan saja (dengan pesannya),
    bukan persiapan pekerja: laporan pertamanya hanya lebih lambat."""
    import tempfile

    from asn_analitik.laporan import pekerja

    def tolak(*args, **kwargs):
        raise PermissionError(13, "Izin ditolak", "/tmp/asn-panas-x")

    monkeypatch.setattr(tempfile, "mkdtemp", tolak)
    status, pesan, _ = pekerja._panaskan_alur()
    assert status == "gagal" and "PermissionError" in pesan


@pytest.mark.parametrize(
    ("nilai", "batas"), [("", 1800), ("7200", 7200), ("2.5", 3), ("1,5", 2), (" 60 ", 60)]
)
def test_batas_detik_sel_dari_lingkungan(monkeypatch, nilai, batas):
    from asn_analitik.laporan.pekerja import batas_detik_sel

    monkeypatch.setenv("ASN_ANALITIK_BATAS_DETIK_SEL", nilai)
    assert batas_detik_sel() == batas


@pytest.mark.parametrize("nilai", ["7200s", "0", "-5", "inf", "nan", "1e400", "tiga puluh"])
def test_batas_detik_sel_salah_ditolak_sebelum_menghitung(data_laporan, tmp_path, monkeypatch,
                                                          capsys, nilai):  # fmt: skip
    """Nilai yang bukan jumlah detik tidak diam-diam menjadi 30 menit: ``laporan`` berhenti
    sebelum menghitung, dengan pesan yang menyebut variabel dan nilainya."""
    monkeypatch.setenv("ASN_ANALITIK_BATAS_DETIK_SEL", nilai)
    keluar = tmp_path / "keluaran"
    assert utama(["laporan", "--data", str(data_laporan), "--keluaran", str(keluar)]) == 2
    galat = capsys.readouterr().err
    assert "ASN_ANALITIK_BATAS_DETIK_SEL harus jumlah detik lebih dari 0" in galat
    assert repr(nilai.strip()) in galat
    assert not keluar.exists() or not any(keluar.iterdir())


def test_batas_sel_hanya_untuk_sel_notebook_laporan():
    """Batas waktu sel berlaku dari ``execute`` sel notebook sampai balasannya: tidak untuk kode
    persiapan kernel (yang punya batas waktunya sendiri), dan tidak untuk ``kernel_info`` yang
    diminta papermill sesudah sel terakhir, walaupun batas sel terakhir sudah lewat."""
    from asn_analitik.laporan import pekerja

    km = pekerja._nyalakan_kernel(None)
    try:
        kc = km.client()
        assert kc.batas_detik is None
        tidur = kc.execute_interactive("import time; time.sleep(1.2)", timeout=30)
        assert tidur["content"]["status"] == "ok"  # tanpa batas sel
        kc.batas_detik = 1
        kc.execute_interactive("pass", timeout=30)
        time.sleep(1.2)  # batas sel terakhir lewat
        kc.kernel_info()
        balasan = kc.get_shell_msg(timeout=10)
        assert balasan["msg_type"] == "kernel_info_reply"
    finally:
        pekerja._hentikan_kernel(km)


def test_pesan_galat_kernel_berbahasa_indonesia(monkeypatch):
    """Galat nbclient (pesan bahasa Inggris) sampai ke indeks dan stderr dalam bahasa Indonesia."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    from asn_analitik.laporan.pekerja import pesan_galat

    monkeypatch.setenv("ASN_ANALITIK_BATAS_DETIK_SEL", "90")
    assert pesan_galat(DeadKernelError("Kernel died")).startswith(
        "kernel Jupyter berhenti mendadak di tengah laporan"
    )
    pesan = pesan_galat(CellTimeoutError("A cell timed out while it was being executed"))
    assert pesan.startswith("satu sel notebook berjalan lebih dari 90 detik dan dihentikan")
    assert pesan_galat(ValueError("x")) == "ValueError: x"


def test_kernel_yang_tidak_mau_mati_tetap_dilupakan(monkeypatch):
    """Kernel yang macet dan tidak bisa dimatikan (mis. tertahan I/O disk jaringan) tidak dipakai
    lagi: OPD berikutnya tidak menunggu di belakang sel macet yang sama."""
    from asn_analitik.laporan import pekerja

    def gagal(km):
        raise subprocess.TimeoutExpired("kernel", 10)

    monkeypatch.setattr(pekerja, "_hentikan_kernel", gagal)
    monkeypatch.setattr(pekerja, "_KERNEL", object())
    pekerja._buang_kernel()
    assert pekerja._KERNEL is None


def test_dua_periode_sekali_jalan_memakai_pekerja_yang_sama(data_laporan, tmp_path):
    """``--periode`` dua kali: pekerja tetap hidup sesudah periode pertama (baru berhenti begitu
    antrean periode terakhir habis), dan kedua periode mendapat laporannya."""
    hasil = laporan.jalankan_laporan(data_laporan, tmp_path / "keluar",
                                     periode=["2025-S2", "2026-S1"], opd=["Dinas Pertanian"],
                                     paralel=1)  # fmt: skip
    assert not hasil.gagal
    for periode in ("2025-S2", "2026-S1"):
        status = {s.nama: s.status for s in hasil.status[periode]}
        assert status["Dinas Pertanian"] == status["Ringkasan pimpinan"] == "selesai", periode
        assert (tmp_path / "keluar" / periode / "opd" / "dinas-pertanian.html").is_file()
