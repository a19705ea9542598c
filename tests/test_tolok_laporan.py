"""Data tolok ukur ``laporan`` (``bench/tolok_laporan.py``): biaya tambahan per OPD hanya
bermakna bila salinan "48 OPD" berisi pegawai dan baris yang sama dengan data aslinya."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd

AKAR = Path(__file__).resolve().parents[1]
CONTOH = AKAR / "data" / "contoh"


def _bench(nama: str):
    """Skrip ``bench/<nama>.py`` sebagai modul (``bench/`` di ``sys.path``, seperti saat skrip
    dijalankan langsung)."""
    import sys

    if str(AKAR / "bench") not in sys.path:
        sys.path.insert(0, str(AKAR / "bench"))
    spec = importlib.util.spec_from_file_location(nama, AKAR / "bench" / f"{nama}.py")
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


def _tolok():
    return _bench("tolok_laporan")


def _baca(folder: Path, nama: str) -> pd.DataFrame:
    return pd.read_csv(folder / nama, dtype="str", keep_default_na=False)


def test_pecah_opd_membagi_pegawai_tanpa_mengubah_isi(tmp_path):
    tujuan = tmp_path / "banyak"
    n = _tolok().pecah_opd(CONTOH, tujuan, 4)

    asli, baru = _baca(CONTOH, "pegawai.csv"), _baca(tujuan, "pegawai.csv")
    assert n == 4 * asli["opd"].nunique() == baru["opd"].nunique()
    assert len(baru) == len(asli)
    assert baru.drop(columns="opd").equals(asli.drop(columns="opd"))
    # Setiap OPD baru adalah bagian OPD asal pegawainya: "<OPD asal> <1..4>".
    assert (baru["opd"].str.rsplit(" ", n=1).str[0] == asli["opd"]).all()
    assert set(baru["opd"].str.rsplit(" ", n=1).str[1]) == {"1", "2", "3", "4"}
    # Berkas lain tetap sama persis (baris indikator dan perilaku tidak bertambah).
    for nama in ("indikator.csv", "perilaku.csv"):
        assert (tujuan / nama).read_bytes() == (CONTOH / nama).read_bytes()
    # Evaluasi atasan mengikuti OPD baru pegawainya; organisasi ada untuk setiap OPD baru.
    ev = _baca(tujuan, "evaluasi_atasan.csv")
    peta = dict(zip(baru["nip"], baru["opd"], strict=True))
    dikenal = ev["nip"].isin(peta)
    assert dikenal.any()
    assert (ev.loc[dikenal, "opd"] == ev.loc[dikenal, "nip"].map(peta)).all()
    assert set(baru["opd"]) <= set(_baca(tujuan, "organisasi.csv")["opd"])


def _ab():
    return _bench("ab_laporan")


def test_ab_laporan_memuat_kit_dari_salinan_bukan_pohon_kerja(tmp_path):
    """Alat A/B menyalin versi dari git (dan pohon kerja) lengkap dengan notebook dan katalog,
    lalu ``python`` yang dijalankan dari folder kerjanya memuat kit dari salinan itu. Dari folder
    repositori tidak: di sana ``python -m`` memuat pohon kerja apa pun ``PYTHONPATH``-nya."""
    import subprocess

    ab = _ab()
    kepala = subprocess.run(["git", "-C", str(AKAR), "rev-parse", "HEAD"], check=True,
                            capture_output=True, text=True).stdout.strip()  # fmt: skip
    kerja = tmp_path / "kerja"
    kerja.mkdir()
    for revisi in (kepala, "pohon"):
        salinan = ab.siapkan_salinan(revisi, tmp_path / revisi / "kit")
        for isi in ab.ISI_SALINAN:
            assert (salinan / isi).exists(), (revisi, isi)
        assert ab.modul_dari(salinan, kerja).is_relative_to(salinan)
        assert not ab.modul_dari(salinan, AKAR).is_relative_to(salinan)


def test_ab_laporan_selisih_berpasangan():
    ringkas = _ab().ringkas([(10.0, 20.0), (12.0, 22.0), (9.0, 18.0)],
                            [(9.0, 19.0), (12.5, 21.0), (8.0, 17.5)])  # fmt: skip
    assert ringkas["selisih_dinding_median_detik"] == -1.0
    assert ringkas["pasang_baru_lebih_cepat"] == 2
    assert ringkas["selisih_cpu_median_detik"] == -1.0
    assert ringkas["lama_dinding_median_detik"] == 10.0
