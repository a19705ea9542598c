"""Data tolok ukur ``laporan`` (``bench/tolok_laporan.py``): biaya tambahan per OPD hanya
bermakna bila salinan "48 OPD" berisi pegawai dan baris yang sama dengan data aslinya."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd

AKAR = Path(__file__).resolve().parents[1]
CONTOH = AKAR / "data" / "contoh"


def _tolok():
    spec = importlib.util.spec_from_file_location(
        "tolok_laporan", AKAR / "bench" / "tolok_laporan.py"
    )
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


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
