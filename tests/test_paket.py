"""Kit yang dipasang dari wheel, di luar repositori (isu 9, bagian 5).

Wheel dibangun dari repositori (``pip wheel .``), dipasang di lingkungan virtual baru, lalu
``contoh``, ``klaster`` dan ``laporan`` dijalankan dari folder sementara: notebook, templat,
aturan dan katalog bawaan harus ikut di dalam wheel. Agar tidak mengunduh ulang pandas dan
kawan-kawannya, lingkungan baru meminjam dependensi dari lingkungan uji lewat berkas ``.pth``
(kit sendiri tetap dari wheel: pemasangan ``-e`` di lingkungan uji tidak ikut terbaca), dan
templat nbconvert lewat ``JUPYTER_PATH`` (pemasangan sungguhan menaruhnya di ``share/jupyter``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def lingkungan_wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp / "whl"),
         str(AKAR)],
        check=True, capture_output=True, cwd=tmp,
    )  # fmt: skip
    (wheel,) = (tmp / "whl").glob("asn_analitik-*.whl")
    env = tmp / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    python = env / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    kode = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    situs = subprocess.run([python, "-c", kode], check=True, capture_output=True,
                           text=True).stdout.strip()  # fmt: skip
    Path(situs, "pinjam_dependensi.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True)  # fmt: skip
    return env


def test_wheel_membawa_notebook_templat_aturan_dan_katalog(lingkungan_wheel):
    (wheel,) = (lingkungan_wheel.parent / "whl").glob("*.whl")
    isi = zipfile.ZipFile(wheel).namelist()
    harus = (
        "bawaan/notebooks/02_laporan_opd.ipynb",
        "bawaan/notebooks/03_ringkasan_pimpinan.ipynb",
        "bawaan/katalog_pelatihan.csv",
        "nilai/aturan.yaml",
        "laporan/templat/asn.css",
        "contoh/sumber/nama.yaml",
    )
    for pola in harus:
        assert any(n.endswith(pola) for n in isi), pola


def test_kit_terpasang_berjalan_dari_folder_mana_pun(lingkungan_wheel, tmp_path):
    bin_ = lingkungan_wheel / ("Scripts" if sys.platform == "win32" else "bin")
    kerja = tmp_path / "di_mana_saja"
    kerja.mkdir()

    env = {**os.environ, "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter")}

    def jalankan(*argv):
        return subprocess.run([str(bin_ / "asn-analitik"), *argv], capture_output=True,
                              text=True, cwd=kerja, timeout=600, env=env)  # fmt: skip

    kode = "import asn_analitik; print(asn_analitik.__file__)"
    asal = subprocess.run([str(bin_ / "python"), "-c", kode], capture_output=True, text=True,
                          cwd=kerja, check=True).stdout  # fmt: skip
    assert str(lingkungan_wheel) in asal and str(AKAR) not in asal
    assert jalankan("contoh", "--keluaran", "data", "--pegawai", "300").returncode == 0
    klaster = jalankan("klaster", "--data", "data", "--keluaran", "hasil_klaster")
    assert klaster.returncode == 0, klaster.stderr
    manifest = json.loads((kerja / "hasil_klaster" / "manifest.json").read_text())
    assert "bawaan" in manifest["klaster"]["katalog"]
    laporan = jalankan("laporan", "--data", "data", "--keluaran", "laporan", "--paralel", "2")
    assert laporan.returncode == 0, laporan.stderr
    periode = kerja / "laporan" / "2026-S1"
    assert (periode / "index.html").exists() and (periode / "ringkasan_pimpinan.html").exists()
    assert len(list((periode / "opd").glob("*.html"))) >= 10
