"""Tolok ukur ``asn-analitik laporan`` terhadap lantai papermill.

Lantai (isu laporan): waktu papermill menjalankan notebook yang hanya mengimpor kit
(``import asn_analitik`` plus sel parameter), dikali jumlah OPD, dibagi jumlah pekerja.
Itu biaya yang tidak bisa dihindari bila setiap OPD mendapat kernel sendiri. Batch diukur
sebagai perintah lengkap (proses anak: muat, skor, pengelompokan, simpan Parquet, 12 laporan
OPD + ringkasan pimpinan + salindia, indeks) ke folder kosong. Sasaran: batch <= 1,5 x lantai.

Sebagai pembanding juga diukur "lantai paralel": notebook impor-saja sebanyak jumlah OPD
dijalankan lewat kumpulan pekerja yang sama dengan batch.

Hasil: tabel di layar dan ``bench/hasil/tolok_laporan.json``.

Pemakaian: ``python bench/tolok_laporan.py [--data data/contoh] [--paralel 2] [--ulang 3]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import nbformat
import papermill as pm

AKAR = Path(__file__).resolve().parent
HASIL = AKAR / "hasil"
PY = sys.executable
_SKRIP = Path(PY).parent / "asn-analitik"
KIT = [str(_SKRIP)] if _SKRIP.exists() else [PY, "-m", "asn_analitik"]


def _buku_lantai(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    sel = nbformat.v4.new_code_cell('opd: str = "x"  # OPD')
    sel.metadata["tags"] = ["parameters"]
    nb.cells = [sel, nbformat.v4.new_code_cell("import asn_analitik")]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = folder / "lantai.ipynb"
    nbformat.write(nb, path)
    return path


def _sekali(buku: str, keluar: str) -> float:
    awal = time.perf_counter()
    pm.execute_notebook(buku, keluar, parameters={"opd": "x"}, progress_bar=False, log_output=False)
    return time.perf_counter() - awal


def _senyap() -> None:
    nol = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nol, 2)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=str(AKAR.parent / "data" / "contoh"))
    p.add_argument("--paralel", type=int, default=os.cpu_count())
    p.add_argument("--ulang", type=int, default=3)
    arg = p.parse_args()

    from asn_analitik.masuk.muat import muat

    n_opd = int(muat(arg.data).tabel["pegawai"]["opd"].nunique())
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        buku = str(_buku_lantai(tmp))
        _sekali(buku, str(tmp / "pemanasan.ipynb"))
        satu = statistics.median(_sekali(buku, str(tmp / f"l{i}.ipynb")) for i in range(arg.ulang))
        lantai = satu * n_opd / arg.paralel

        konteks = get_context("spawn")
        lantai_paralel = []
        for u in range(arg.ulang):
            awal = time.perf_counter()
            with ProcessPoolExecutor(arg.paralel, mp_context=konteks, initializer=_senyap) as pool:
                keluar = [str(tmp / f"p{u}_{i}.ipynb") for i in range(n_opd)]
                list(pool.map(_sekali, [buku] * n_opd, keluar))
            lantai_paralel.append(time.perf_counter() - awal)

        batch = []
        for u in range(arg.ulang):
            keluaran = tmp / f"laporan{u}"
            perintah = [*KIT, "laporan", "--data", arg.data, "--keluaran", str(keluaran),
                        "--paralel", str(arg.paralel)]  # fmt: skip
            awal = time.perf_counter()
            subprocess.run(perintah, check=True, stdout=subprocess.DEVNULL)
            batch.append(time.perf_counter() - awal)
            shutil.rmtree(keluaran)

    hasil = {
        "data": arg.data,
        "opd": n_opd,
        "pekerja": arg.paralel,
        "satu_notebook_impor_detik": round(satu, 2),
        "lantai_detik": round(lantai, 2),
        "lantai_paralel_detik": round(statistics.median(lantai_paralel), 2),
        "batch_detik": [round(b, 2) for b in batch],
        "batch_median_detik": round(statistics.median(batch), 2),
        "rasio_terhadap_lantai": round(statistics.median(batch) / lantai, 2),
        "rasio_terhadap_lantai_paralel": round(
            statistics.median(batch) / statistics.median(lantai_paralel), 2
        ),
        "batas_rasio": 1.5,
    }
    HASIL.mkdir(exist_ok=True)
    (HASIL / "tolok_laporan.json").write_text(json.dumps(hasil, indent=2) + "\n")
    for k, v in hasil.items():
        print(f"{k:34} {v}")


if __name__ == "__main__":
    main()
