"""Folder keluaran dan gangguan (isu 9, bagian 3): set utuh atau tidak sama sekali, satu proses
per folder, galat tulis yang dijelaskan, sinyal yang dihentikan dengan rapi.

Gangguan yang tidak bisa dibuat sungguhan di setiap mesin (disk penuh, disk hanya-baca) diuji
dua kali: disuntikkan ke dalam proses (berlaku di mana pun), dan dengan disk tmpfs sungguhan
bila uji berjalan sebagai root yang boleh ``mount`` (CI).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import NIP_A, NIP_B

from asn_analitik.cli import utama
from asn_analitik.galat import KeluaranTidakLayak
from asn_analitik.keluaran import KunciFolder, SetKeluaran, atomik, tulis_json, tulis_teks
from asn_analitik.keluaran import folder as modul_folder
from asn_analitik.keluaran import tabel as modul_tabel

AKAR = Path(__file__).resolve().parents[1]


def ind(nip=NIP_A, periode="2026-S1", **lain) -> dict:
    baris = {"nip": nip, "periode": periode, "indikator": "Laporan", "aspek": "kuantitas"}
    return {**baris, "target": 10, "realisasi": 8, **lain}


@pytest.fixture
def dua_periode(buat_folder) -> Path:
    """Data kecil dengan dua periode: set 2025-S2 dan set 2026-S1 bisa dibedakan isinya."""
    return buat_folder({"indikator": [ind(periode="2025-S2"), ind(), ind(NIP_B)]})


def set_lama(data: Path, folder: Path) -> Path:
    """Folder keluaran yang sudah berisi set ``skor`` periode 2025-S2 (set "lama")."""
    assert utama(["skor", "--data", str(data), "--keluaran", str(folder), "--periode",
                  "2025-S2"]) == 0  # fmt: skip
    return folder


def isi_folder(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def set_utuh(folder: Path) -> str:
    """Folder berisi tepat satu set utuh: setiap berkas di manifest ada, tidak ada sisa
    tersembunyi, dan isi skor_pegawai sesuai periode di manifest. Mengembalikan periodenya."""
    manifest = json.loads((folder / "manifest.json").read_text())
    ada = sorted(p.name for p in folder.iterdir())
    assert ada == manifest["berkas_keluaran"], ada
    skor = pd.read_csv(folder / "skor_pegawai.csv", dtype=str)
    assert sorted(skor["periode"].unique()) == manifest["parameter"]["periode"]
    assert len(skor) == manifest["jumlah_pegawai_periode"]
    return ",".join(manifest["parameter"]["periode"])


def tanpa_sisa(folder: Path) -> None:
    sisa = [p.name for p in folder.rglob(".*")]
    assert not sisa, f"berkas sementara tertinggal: {sisa}"


# --- Folder yang tidak dapat dipakai ----------------------------------------------------------


@pytest.mark.parametrize("perintah", ["skor", "klaster", "laporan", "validasi"])
def test_keluaran_berupa_berkas(dua_periode, tmp_path, capsys, perintah):
    berkas = tmp_path / "hasil.csv"
    berkas.write_text("sudah ada")
    kode = utama([perintah, "--data", str(dua_periode), "--keluaran", str(berkas)])
    err = capsys.readouterr().err
    assert kode == 2
    assert f"--keluaran {berkas} adalah berkas, bukan folder" in err
    assert "tak terduga" not in err and "Traceback" not in err
    assert berkas.read_text() == "sudah ada"


def _tolak_tulis(monkeypatch, nomor: int, folder: Path) -> None:
    """Setiap penulisan berkas di bawah ``folder`` gagal dengan galat sistem ``nomor``."""
    asli = Path.write_bytes

    def palsu(self, data):
        if str(self).startswith(str(folder)):
            raise OSError(nomor, os.strerror(nomor), str(self))
        return asli(self, data)

    monkeypatch.setattr(Path, "write_bytes", palsu)


@pytest.mark.parametrize(
    ("nomor", "kata"),
    [(errno.EACCES, "Tidak ada izin menulis"), (errno.EROFS, "hanya-baca"),
     (errno.ENOSPC, "Disk penuh")],
)  # fmt: skip
def test_folder_tak_tertulis_dihentikan_sebelum_menghitung(
    dua_periode, tmp_path, capsys, monkeypatch, nomor, kata
):
    """Folder diperiksa sebelum data dibaca: muat tidak pernah dipanggil."""
    import asn_analitik.alur as alur

    monkeypatch.setattr(alur, "muat", lambda *a, **k: pytest.fail("menghitung dulu"))
    folder = tmp_path / "keluaran"
    folder.mkdir()
    _tolak_tulis(monkeypatch, nomor, folder)
    kode = utama(["skor", "--data", str(dua_periode), "--keluaran", str(folder)])
    err = capsys.readouterr().err.strip()
    assert kode == 2 and err.count("\n") == 0
    assert kata in err and str(folder) in err
    assert list(folder.iterdir()) == []


def test_disk_penuh_saat_menulis_set_lama_utuh(dua_periode, tmp_path, capsys, monkeypatch):
    folder = set_lama(dua_periode, tmp_path / "keluaran")
    lama = isi_folder(folder)
    asli = modul_tabel.pacsv.write_csv
    panggilan = []

    def penuh(tabel, tujuan, *a, **k):
        panggilan.append(tujuan)
        if len(panggilan) == 2:  # tabel kedua: disk penuh di tengah jalan
            if isinstance(tujuan, str | Path):
                Path(tujuan).write_bytes(b"sebagian")
            else:  # berkas terbuka
                tujuan.write(b"sebagian")
            raise OSError(errno.ENOSPC, "No space left on device")
        return asli(tabel, tujuan, *a, **k)

    monkeypatch.setattr(modul_tabel.pacsv, "write_csv", penuh)
    kode = utama(["skor", "--data", str(dua_periode), "--keluaran", str(folder)])
    err = capsys.readouterr().err
    assert kode == 2 and "Disk penuh" in err and "tak terduga" not in err
    assert isi_folder(folder) == lama
    assert set_utuh(folder) == "2025-S2"
    tanpa_sisa(folder)


def test_tulis_teks_yang_gagal_di_tengah_tidak_merusak_berkas_lama(tmp_path, monkeypatch):
    tujuan = tmp_path / "index.html"
    tujuan.write_text("lama")

    def patah(self, teks, encoding=None):
        Path.write_bytes(self, teks[:3].encode())
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", patah)
    with pytest.raises(KeluaranTidakLayak, match="Disk penuh"):
        tulis_teks("baru sekali", tujuan)
    assert tujuan.read_text(encoding="utf-8") == "lama"
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]


#: Anak proses yang menulis satu berkas besar di bawah batas ukuran berkas (RLIMIT_FSIZE): tulisan
#: gagal di tengah dengan galat sistem (EFBIG), seperti disk yang penuh saat menulis.
_TULIS_DI_BAWAH_BATAS = """
import resource, signal, sys
from pathlib import Path
import pandas as pd
from asn_analitik.galat import KeluaranTidakLayak
from asn_analitik.keluaran import tulis_tabel, tulis_teks

folder, jenis = Path(sys.argv[1]), sys.argv[2]
besar = pd.DataFrame({"nip": ["198609262015051001"] * 50_000, "nilai": range(50_000)})
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # melewati batas: galat EFBIG, bukan mati
resource.setrlimit(resource.RLIMIT_FSIZE, (8192, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
try:
    if jenis == "teks":
        tulis_teks("<p>baru</p>" * 100_000, folder / "lama.teks")
    else:
        tulis_tabel(besar, folder, "lama", jenis)
except KeluaranTidakLayak as galat:
    print(galat.pesan)
    sys.exit(3)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE hanya ada di POSIX")
@pytest.mark.parametrize("jenis", ["teks", "csv", "parquet", "xlsx"])
def test_tulisan_yang_gagal_di_tengah_tidak_merusak_berkas_lama(tmp_path, jenis):
    """Berkas lama (tulis_teks, tulis_tabel CSV/Parquet/Excel) tetap utuh bila tulisan berkas
    barunya gagal di tengah jalan karena galat sistem sungguhan; tidak ada sisa berkas
    sementara, dan galatnya menjadi pesan yang menyebut berkasnya."""
    lama = tmp_path / f"lama.{jenis}"
    if jenis == "teks":
        tulis_teks("<p>lama</p>", lama)
    else:
        modul_tabel.tulis_tabel(pd.DataFrame({"nip": [NIP_A], "nilai": [1]}), tmp_path, "lama",
                                jenis)  # fmt: skip
    isi_lama = lama.read_bytes()
    assert len(isi_lama) < 8192  # berkas lama sendiri di bawah batas
    anak = subprocess.run([sys.executable, "-c", _TULIS_DI_BAWAH_BATAS, str(tmp_path), jenis],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert anak.returncode == 3, anak.stderr
    assert lama.name in anak.stdout
    assert lama.read_bytes() == isi_lama
    assert [p.name for p in tmp_path.iterdir()] == [lama.name]


def _mount(tmp_path: Path, opsi: str) -> Path:
    titik = tmp_path / "disk"
    titik.mkdir()
    hasil = subprocess.run(["mount", "-t", "tmpfs", "-o", opsi, "tmpfs", str(titik)],
                           capture_output=True)  # fmt: skip
    if hasil.returncode != 0:
        pytest.skip("tidak bisa memasang tmpfs di sini (butuh root dengan izin mount)")
    return titik


@pytest.fixture
def disk_kecil(tmp_path):
    titik = _mount(tmp_path, "size=96k")
    yield titik
    subprocess.run(["umount", "-l", str(titik)], check=False)


@pytest.fixture
def disk_hanya_baca(tmp_path):
    titik = _mount(tmp_path, "ro,size=64k")
    yield titik
    subprocess.run(["umount", "-l", str(titik)], check=False)


def test_disk_penuh_sungguhan(dua_periode, disk_kecil, capsys):
    """Set kecil muat; set dari data contoh 1.200 pegawai tidak: set kecil tetap utuh."""
    folder = disk_kecil / "keluaran"
    assert utama(["skor", "--data", str(dua_periode), "--keluaran", str(folder)]) == 0
    lama = isi_folder(folder)
    kode = utama(["skor", "--data", str(AKAR / "data" / "contoh"), "--keluaran", str(folder)])
    err = capsys.readouterr().err
    assert kode == 2 and "Disk penuh" in err, err
    assert isi_folder(folder) == lama
    tanpa_sisa(folder)


def test_disk_hanya_baca_sungguhan(dua_periode, disk_hanya_baca, capsys):
    kode = utama(["skor", "--data", str(dua_periode), "--keluaran", str(disk_hanya_baca / "k")])
    err = capsys.readouterr().err
    assert kode == 2 and "hanya-baca" in err and "tak terduga" not in err


# --- Set utuh atau tidak sama sekali ----------------------------------------------------------


def test_set_baru_menghapus_berkas_set_lama_yang_tidak_ditulis_lagi(dua_periode, tmp_path):
    folder = tmp_path / "k"
    assert utama(["klaster", "--data", str(dua_periode), "--keluaran", str(folder),
                  "--k", "1"]) == 0  # fmt: skip
    assert (folder / "klaster_pegawai.csv").exists()
    (folder / "catatan_analis.txt").write_text("milik analis")
    assert utama(["skor", "--data", str(dua_periode), "--keluaran", str(folder),
                  "--format", "parquet"]) == 0  # fmt: skip
    ada = sorted(p.name for p in folder.iterdir())
    manifest = json.loads((folder / "manifest.json").read_text())
    assert ada == sorted([*manifest["berkas_keluaran"], "catatan_analis.txt"])
    assert "klaster_pegawai.csv" not in ada and "skor_pegawai.csv" not in ada


def test_sinyal_saat_memindahkan_set_ditunda_sampai_set_lengkap(dua_periode, tmp_path, capsys,
                                                                 monkeypatch):  # fmt: skip
    """SIGTERM tepat di tengah pemindahan: set baru tetap dipindahkan utuh, baru berhenti."""
    folder = set_lama(dua_periode, tmp_path / "k")
    asli = os.replace
    dipindah = []

    def ganti(a, b):
        asli(a, b)
        if Path(b).parent == folder:
            dipindah.append(b)
            if len(dipindah) == 2:
                signal.raise_signal(signal.SIGTERM)

    monkeypatch.setattr(modul_folder.os, "replace", ganti)
    kode = utama(["skor", "--data", str(dua_periode), "--keluaran", str(folder)])
    err = capsys.readouterr().err
    assert kode == 143 and "SIGTERM" in err and err.strip().count("\n") == 0
    assert set_utuh(folder) == "2025-S2,2026-S1"
    tanpa_sisa(folder)


def test_pemindahan_yang_terputus_dituntaskan_jalannya_berikutnya(dua_periode, tmp_path,
                                                                  monkeypatch):  # fmt: skip
    """Proses mati (listrik padam) setelah dua berkas dipindahkan: jurnal menuntaskannya."""
    folder = set_lama(dua_periode, tmp_path / "k")
    asli = os.replace
    n = []

    class Mati(BaseException):
        pass

    def ganti(a, b):
        if Path(b).parent == folder and len(n) == 2:
            raise Mati
        asli(a, b)
        n.append(b)

    monkeypatch.setattr(modul_folder.os, "replace", ganti)
    # mati: folder kerja tidak dibersihkan
    monkeypatch.setattr(modul_folder.shutil, "rmtree", lambda *a, **k: None)
    with pytest.raises(Mati):
        with SetKeluaran(folder) as kerja:
            for nama in ("a.csv", "b.csv", "c.csv"):
                (kerja / nama).write_text(nama)
            tulis_json({"berkas_keluaran": ["a.csv", "b.csv", "c.csv", "manifest.json"]},
                       kerja / "manifest.json")  # fmt: skip
    monkeypatch.undo()
    with SetKeluaran(folder):  # jalannya berikutnya, apa pun perintahnya
        pass
    ada = sorted(p.name for p in folder.iterdir())
    assert ada == ["a.csv", "b.csv", "c.csv", "manifest.json"]
    assert json.loads((folder / "manifest.json").read_text())["berkas_keluaran"][0] == "a.csv"


@pytest.mark.parametrize("jeda", [0.5, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.2])
def test_sigterm_pada_skor_set_lama_atau_baru(dua_periode, tmp_path, jeda):
    """SIGTERM pada berbagai saat: folder selalu berisi set lama utuh atau set baru utuh."""
    folder = tmp_path / "k"
    data = AKAR / "data" / "contoh"
    awal = [sys.executable, "-m", "asn_analitik", "skor", "--data", str(data), "--keluaran",
            str(folder)]  # fmt: skip
    subprocess.run([*awal, "--periode", "2025-S2"], check=True, capture_output=True)
    proses = subprocess.Popen(awal, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(jeda)
    proses.send_signal(signal.SIGTERM)
    _, err = proses.communicate(timeout=60)
    # -15: sinyal datang saat Python masih memuat pustaka, sebelum kit memasang penangannya.
    assert proses.returncode in (0, 143, -signal.SIGTERM), err
    if proses.returncode == 143:
        assert "Traceback" not in err and err.strip().count("\n") == 0, err
    assert set_utuh(folder) in ("2025-S2", "2025-S2,2026-S1")
    tanpa_sisa(folder)


# --- Satu proses per folder -------------------------------------------------------------------


def test_kunci_folder_menolak_proses_kedua(tmp_path):
    with KunciFolder(tmp_path, "skor"):
        with pytest.raises(KeluaranTidakLayak, match=rf"sedang dipakai .*PID {os.getpid()}"):
            with KunciFolder(tmp_path, "laporan"):
                pass
    with KunciFolder(tmp_path):  # dilepas: bisa dikunci lagi
        pass
    assert list(tmp_path.iterdir()) == []


def test_dua_laporan_bersamaan_ke_folder_yang_sama(data_laporan, tmp_path):
    """Jalannya kedua berhenti dengan pesan jelas; yang pertama selesai lengkap."""
    keluaran_dir = tmp_path / "k"
    perintah = [sys.executable, "-m", "asn_analitik", "laporan", "--data", str(data_laporan),
                "--keluaran", str(keluaran_dir), "--paralel", "2",
                "--opd", "Dinas Kesehatan"]  # fmt: skip
    pertama = subprocess.Popen(perintah, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    kunci = keluaran_dir / KunciFolder.NAMA
    for _ in range(200):
        if kunci.exists():
            break
        time.sleep(0.05)
    kedua = subprocess.run(perintah, capture_output=True, text=True, timeout=120)
    out, err = pertama.communicate(timeout=300)
    assert pertama.returncode == 0, err
    assert kedua.returncode == 2
    assert "sedang dipakai proses asn-analitik lain" in kedua.stderr
    assert f"PID {pertama.pid}" in kedua.stderr
    (periode,) = [p for p in keluaran_dir.iterdir() if not p.name.startswith(".")]
    assert (periode / "ringkasan_pimpinan.html").exists() and (periode / "index.html").exists()
    assert (periode / "opd" / "dinas-kesehatan.html").exists()
    tanpa_sisa(keluaran_dir)


def test_nama_sementara_unik_per_proses(tmp_path):
    a = atomik._sementara(tmp_path / "x.csv")
    b = atomik._sementara(tmp_path / "x.csv")
    assert a != b and str(os.getpid()) in a.name and a.name.startswith(".x.csv.")


def test_validasi_keluaran_juga_utuh(dua_periode, tmp_path):
    folder = tmp_path / "v"
    assert utama(["validasi", "--data", str(dua_periode), "--keluaran", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["dikecualikan.csv", "ditolak.csv"]


def test_sisa_proses_mati_dibersihkan(dua_periode, tmp_path):
    folder = tmp_path / "k"
    (folder / ".asn-baru-999-abcd").mkdir(parents=True)
    (folder / ".asn-baru-999-abcd" / "skor_pegawai.csv").write_text("setengah")
    (folder / ".skor_pegawai.csv.999-ab.sementara").write_text("setengah")
    assert utama(["skor", "--data", str(dua_periode), "--keluaran", str(folder)]) == 0
    tanpa_sisa(folder)
    shutil.rmtree(folder)
