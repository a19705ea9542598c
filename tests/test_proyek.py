"""Kesesuaian berkas proyek: environment.yml sejalan dengan pyproject.toml, target Makefile,
dan skrip CI memanggil perintah uji README."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

AKAR = Path(__file__).resolve().parents[1]
NAMA_CONDA = {"pyyaml": "pyyaml", "scikit-learn": "scikit-learn"}


def _paket(spesifikasi: str) -> tuple[str, str]:
    cocok = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spesifikasi)
    return cocok.group(1).lower(), cocok.group(2).replace(" ", "")


def _pyproject() -> dict:
    return tomllib.loads((AKAR / "pyproject.toml").read_text(encoding="utf-8"))


def _conda() -> dict[str, str]:
    env = yaml.safe_load((AKAR / "environment.yml").read_text(encoding="utf-8"))
    return dict(_paket(d) for d in env["dependencies"] if isinstance(d, str))


def test_environment_yml_memuat_semua_dependensi_dengan_batas_yang_sama():
    """Analis conda harus mendapat paket dan batas versi yang sama dengan pip."""
    proyek = _pyproject()["project"]
    conda = _conda()
    diharapkan = [*proyek["dependencies"], *proyek["optional-dependencies"]["lab"]]
    for spesifikasi in diharapkan:
        nama, batas = _paket(spesifikasi)
        nama = NAMA_CONDA.get(nama, nama)
        assert nama in conda, f"{nama} ada di pyproject.toml tetapi tidak di environment.yml"
        assert conda[nama] == batas, f"batas versi {nama} berbeda: {conda[nama]} vs {batas}"


def test_environment_yml_tidak_memuat_paket_di_luar_pyproject():
    """Paket tambahan di conda saja akan membuat dua lingkungan berbeda perilaku."""
    proyek = _pyproject()["project"]
    dikenal = {
        NAMA_CONDA.get(_paket(s)[0], _paket(s)[0])
        for s in [*proyek["dependencies"], *proyek["optional-dependencies"]["lab"]]
    }
    assert set(_conda()) - {"python", "pip"} == dikenal


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
