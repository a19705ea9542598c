"""Kesesuaian berkas proyek: environment.yml sejalan dengan pyproject.toml, target Makefile,
dan skrip CI memanggil perintah uji README."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.specifiers import SpecifierSet
from packaging.version import Version

AKAR = Path(__file__).resolve().parents[1]
NAMA_CONDA = {"pyyaml": "pyyaml", "scikit-learn": "scikit-learn"}
# Alat pengembang di extra dev yang boleh tidak ada di environment.yml: tidak dibutuhkan untuk
# menjalankan kit, notebook (make lab) maupun uji (make test), dan membuat lingkungan analis di
# Windows lebih besar. Pengembang memasangnya dengan pip install -e ".[dev]". Bila dicantumkan,
# batasnya tetap harus sejalan.
ALAT_PENGEMBANG = {"ruff", "pre-commit", "nbstripout", "mutmut"}


def _paket(spesifikasi: str) -> tuple[str, str]:
    cocok = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spesifikasi)
    return cocok.group(1).lower(), cocok.group(2).replace(" ", "")


def _pyproject() -> dict:
    return tomllib.loads((AKAR / "pyproject.toml").read_text(encoding="utf-8"))


def _environment() -> dict:
    return yaml.safe_load((AKAR / "environment.yml").read_text(encoding="utf-8"))


def _conda() -> dict[str, str]:
    return dict(_paket(d) for d in _environment()["dependencies"] if isinstance(d, str))


def _dibutuhkan() -> dict[str, str]:
    """Nama conda -> batas pip: dependensi, extra lab dan extra dev (yang dipakai make test)."""
    proyek = _pyproject()["project"]
    tambahan = proyek["optional-dependencies"]
    semua = [*proyek["dependencies"], *tambahan["lab"], *tambahan["dev"]]
    return {NAMA_CONDA.get(n, n): b for n, b in map(_paket, semua)}


def _batas_cocok(conda: str, pip: str) -> bool:
    """Batas conda sejalan dengan batas pip: setiap ``>=`` pip dipenuhi ``>=`` conda yang sama
    atau lebih tinggi (conda boleh lebih ketat, tidak boleh lebih longgar); batas lain (``<``,
    ``!=``) harus sama persis."""
    syarat_conda = {(s.operator, Version(s.version)) for s in SpecifierSet(conda)}
    bawah_conda = [v for op, v in syarat_conda if op == ">="]
    for s in SpecifierSet(pip):
        if s.operator == ">=":
            if not any(v >= Version(s.version) for v in bawah_conda):
                return False
        elif (s.operator, Version(s.version)) not in syarat_conda:
            return False
    return True


@pytest.mark.parametrize(
    ("conda", "pip", "cocok"),
    [
        (">=3.0", ">=3.0", True),
        (">=3.1", ">=3.0", True),  # conda lebih ketat: boleh
        (">=2.2", ">=3.0", False),
        ("", ">=3.0", False),  # conda tanpa batas: bisa memasang versi lama
        (">=8", ">=8.0", True),
        (">=1.0,<2", ">=1.0,<2", True),
        (">=1.0", ">=1.0,<2", False),
    ],
)
def test_batas_cocok(conda, pip, cocok):
    assert _batas_cocok(conda, pip) is cocok


def test_environment_yml_memuat_semua_dependensi_dengan_batas_yang_sejalan():
    """Analis conda mendapat paket yang sama dengan pip (dependensi, extra lab, paket uji extra
    dev) dengan batas bawah yang sama atau lebih tinggi."""
    conda = _conda()
    for nama, batas in _dibutuhkan().items():
        if nama in ALAT_PENGEMBANG and nama not in conda:
            continue
        assert nama in conda, f"{nama} ada di pyproject.toml tetapi tidak di environment.yml"
        assert _batas_cocok(conda[nama], batas), (
            f"batas versi {nama} tidak sejalan: environment.yml {conda[nama]!r}, "
            f"pyproject.toml {batas!r}"
        )


def test_environment_yml_tidak_memuat_paket_di_luar_pyproject():
    """Paket tambahan di conda saja akan membuat dua lingkungan berbeda perilaku."""
    assert set(_conda()) - {"python", "pip"} <= set(_dibutuhkan())


def test_environment_yml_memasang_kit_dari_folder_ini():
    """``pip: [-e .]``: perintah ``asn-analitik`` ada, dan kode yang ditarik (git pull) langsung
    dipakai tanpa memasang ulang."""
    pip = [d for d in _environment()["dependencies"] if isinstance(d, dict)]
    assert pip and pip[0]["pip"] == ["-e ."]
    assert _environment()["channels"] == ["conda-forge"]


def test_versi_python_sama():
    """requires-python dan python di environment.yml harus sama."""
    assert _conda()["python"] == _pyproject()["project"]["requires-python"]


def test_makefile_punya_target_readme_dan_ci_memanggil_make_test():
    """README menjanjikan dua perintah; CI harus menjalankan yang sama."""
    makefile = (AKAR / "Makefile").read_text(encoding="utf-8")
    for target in ("help", "laporan", "test", "lint", "lab", "bench"):
        assert re.search(rf"^{target}:.*## ", makefile, re.M), f"target {target} hilang"
    assert "make test" in (AKAR / ".ci" / "run").read_text(encoding="utf-8")
    readme = (AKAR / "README.md").read_text(encoding="utf-8")
    assert "make laporan" in readme and "make test" in readme


def test_templat_laporan_ikut_dalam_paket():
    """Templat ekspor dan reveal.js harus tercakup package-data, atau wheel tanpa laporan."""
    import fnmatch

    pola = _pyproject()["tool"]["setuptools"]["package-data"]["asn_analitik.laporan"]
    paket = AKAR / "asn_analitik" / "laporan"
    berkas = [
        p.relative_to(paket).as_posix() for p in (paket / "templat").rglob("*") if p.is_file()
    ]
    assert berkas
    tidak = [b for b in berkas if not any(fnmatch.fnmatch(b, p) and b.count("/") == p.count("/")
                                          for p in pola)]  # fmt: skip
    assert not tidak, f"tidak ikut dalam wheel: {tidak}"


def _resep(makefile: str, target: str) -> str:
    """Baris perintah target ``target`` di Makefile (baris bertab sesudah ``target:``)."""
    cocok = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert cocok, f"target {target} hilang"
    return cocok.group(1)


@pytest.mark.parametrize(
    ("target", "di_make", "di_windows"),
    [
        (
            "laporan",
            "$(VENV)/bin/asn-analitik laporan --data $(DATA) --keluaran $(KELUARAN)",
            r"asn-analitik laporan --data data\contoh --keluaran output",
        ),
        ("test", "$(PY) -m pytest -q;", "python -m pytest -q"),
        ("lab", "$(VENV)/bin/jupyter lab notebooks/", "jupyter lab notebooks"),
    ],
)
def test_readme_windows_sama_dengan_target_make(target, di_make, di_windows):
    """Bagian "Windows (Anaconda)" menjanjikan perintah yang sama dengan ``make``: bila
    Makefile berubah, README untuk pengguna Windows harus ikut diubah."""
    makefile = (AKAR / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^DATA \?= data/contoh$", makefile, re.M)
    assert re.search(r"^KELUARAN \?= output$", makefile, re.M)
    assert di_make in _resep(makefile, target)
    readme = (AKAR / "README.md").read_text(encoding="utf-8")
    windows = readme.split("## Windows (Anaconda)\n", 1)[1].split("\n## ", 1)[0]
    assert f"   {di_windows}\n" in windows, f"README Windows tidak memuat: {di_windows}"
    nama = _environment()["name"]
    assert "conda env create -f environment.yml" in windows
    assert f"conda activate {nama}" in windows
