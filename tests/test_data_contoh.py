"""Folder data yang dikomit: data/contoh sama dengan keluaran perintah ``contoh`` bawaan,
data/contoh_rusak sama dengan keluaran ``contoh_rusak``, dan keduanya dinilai seperti yang
dijanjikan README (contoh bersih, contoh_rusak ditolak dengan alasan)."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

AKAR = Path(__file__).resolve().parents[1]
CONTOH = AKAR / "data" / "contoh"
RUSAK = AKAR / "data" / "contoh_rusak"
EKINERJA = AKAR / "data" / "contoh_ekinerja"


def _jalankan(*argumen: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *argumen], capture_output=True, text=True, check=False
    )


def _sama(kiri: Path, kanan: Path) -> None:
    banding = filecmp.dircmp(kiri, kanan)
    assert not banding.left_only and not banding.right_only, (banding.left_only, banding.right_only)
    _, beda, galat = filecmp.cmpfiles(kiri, kanan, banding.common_files, shallow=False)
    assert not beda and not galat, f"berkas berbeda dari keluaran perintah: {beda + galat}"


@pytest.fixture(scope="module")
def contoh_baru(tmp_path_factory) -> Path:
    """data/contoh dibuat ulang dengan argumen bawaan."""
    tujuan = tmp_path_factory.mktemp("contoh")
    hasil = _jalankan("asn_analitik", "contoh", "--keluaran", str(tujuan))
    assert hasil.returncode == 0, hasil.stderr
    return tujuan


def test_data_contoh_sama_dengan_keluaran_perintah(contoh_baru):
    """Yang dikomit harus bisa dibuat ulang persis: `asn-analitik contoh --keluaran data/contoh`."""
    _sama(CONTOH, contoh_baru)


def test_data_contoh_rusak_sama_dengan_keluaran_modul(contoh_baru, tmp_path):
    """data/contoh_rusak dibuat dari data/contoh oleh `python -m asn_analitik.contoh.rusak`."""
    hasil = _jalankan("asn_analitik.contoh.rusak", str(contoh_baru), str(tmp_path / "rusak"))
    assert hasil.returncode == 0, hasil.stderr
    _sama(RUSAK, tmp_path / "rusak")


def test_data_contoh_ekinerja_sama_dengan_keluaran_perintah(tmp_path):
    """data/contoh_ekinerja: `asn-analitik contoh --format ekinerja --pegawai 120` (xlsx pun
    identik per bita)."""
    hasil = _jalankan("asn_analitik", "contoh", "--format", "ekinerja", "--pegawai", "120",
                      "--keluaran", str(tmp_path))  # fmt: skip
    assert hasil.returncode == 0, hasil.stderr
    _sama(EKINERJA, tmp_path)


def test_contoh_bersih_dinilai_tanpa_penolakan(tmp_path):
    """Data contoh bersih: tidak ada yang ditolak, pegawai tidak aktif dikecualikan."""
    hasil = _jalankan("asn_analitik", "skor", "--data", str(CONTOH), "--keluaran", str(tmp_path))
    assert hasil.returncode == 0, hasil.stderr
    assert pd.read_csv(tmp_path / "ditolak.csv").empty
    skor = pd.read_csv(tmp_path / "skor_pegawai.csv", dtype={"nip": str})
    assert set(skor["periode"]) == {"2025-S2", "2026-S1"}
    assert skor["opd"].nunique() >= 10
    assert skor["predikat"].notna().mean() > 0.95


def test_contoh_rusak_ditolak_dengan_alasan():
    """Setiap kesalahan yang ditanam muncul di ditolak; validasi keluar dengan kode 1."""
    hasil = _jalankan("asn_analitik", "validasi", "--data", str(RUSAK))
    assert hasil.returncode == 1, hasil.stderr
    assert "Traceback" not in hasil.stderr
    for kata in ("format kolom NIP sebagai Teks", "target harus lebih dari 0", "2026-S3"):
        assert kata.lower() in hasil.stdout.lower()
