"""Tolok ukur ``asn-analitik laporan`` terhadap lantai papermill.

Lantai (isu laporan): waktu papermill menjalankan notebook yang hanya mengimpor kit
(``from asn_analitik import *`` plus sel parameter), dikali jumlah OPD, dibagi jumlah pekerja.
``from asn_analitik import *`` memuat modul yang sama dengan ``import asn_analitik`` sebelum
paketnya dimuat malas (masuk, nilai, analisis.keadilan, dengan pandas dan pyarrow), jadi lantai
ini sama dengan lantai pengukuran sebelumnya; ``import asn_analitik`` kini hanya memuat
konfigurasi dan tidak lagi berarti "mengimpor kit".
Itu biaya yang tidak bisa dihindari bila setiap OPD mendapat kernel sendiri. Batch diukur
sebagai perintah lengkap (proses anak: muat, skor, pengelompokan, simpan Parquet, 12 laporan
OPD + ringkasan pimpinan + salindia, indeks) ke folder kosong. Sasaran: batch <= 1,5 x lantai.

Sebagai pembanding juga diukur "lantai paralel": notebook impor-saja sebanyak jumlah OPD
dijalankan lewat kumpulan pekerja yang sama dengan batch.

Biaya tambahan satu OPD (issue 14): batch yang sama pada salinan data yang setiap OPD-nya
dipecah menjadi ``--opd-kali`` OPD (pegawai dibagi menurut NIP, jumlah pegawai dan baris
tetap; 12 -> 48 OPD dengan bawaan 4): (waktu 48 OPD - waktu 12 OPD) / 36. Sasaran: batch <= 1,3
x lantai, tambahan <= 0,5 s per OPD.

Mesin yang sama bisa berbeda kecepatannya puluhan persen antarsesi (VM bersama). Karena itu
lantai diukur ulang di setiap putaran (median tiga notebook), tepat sebelum batch-nya, dan rasio
dihitung per putaran lalu diambil mediannya (selain rasio median-terhadap-median seperti
sebelumnya). Dicatat juga detik CPU batch (``getrusage`` anak: induk, pekerja dan kernel) dan
detik CPU satu beban Python baku (``kecepatan_mesin_detik``) sebagai ukuran kecepatan mesin saat
itu.

Hasil: tabel di layar dan ``bench/hasil/tolok_laporan.json``.

Pemakaian: ``python bench/tolok_laporan.py [--data data/contoh] [--paralel 2] [--ulang 3]
[--opd-kali 4]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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
    nb.cells = [sel, nbformat.v4.new_code_cell("from asn_analitik import *  # noqa: F403")]
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


def pecah_opd(asal: Path, tujuan: Path, kali: int) -> int:
    """Salin folder data dengan setiap OPD dipecah menjadi ``kali`` OPD ("<OPD> <i>", pegawai
    bergiliran menurut urutan berkas); kembalikan jumlah OPD baru. Tabel lain ikut: ``opd`` di
    evaluasi_atasan menurut NIP-nya, organisasi digandakan per OPD baru."""
    import pandas as pd

    tujuan.mkdir(parents=True, exist_ok=True)
    for berkas in asal.iterdir():
        if berkas.is_file():
            shutil.copy(berkas, tujuan / berkas.name)
    baca = {"dtype": "str", "keep_default_na": False}
    pegawai = pd.read_csv(asal / "pegawai.csv", **baca)
    bagian = pegawai.groupby("opd").cumcount() % kali + 1  # bergiliran dalam tiap OPD
    peta = dict(zip(pegawai["nip"], pegawai["opd"] + " " + bagian.astype(str), strict=True))
    pegawai["opd"] = pegawai["nip"].map(peta)
    pegawai.to_csv(tujuan / "pegawai.csv", index=False)
    if (asal / "evaluasi_atasan.csv").exists():
        ev = pd.read_csv(asal / "evaluasi_atasan.csv", **baca)
        if "opd" in ev:
            ev["opd"] = ev["nip"].map(peta).fillna(ev["opd"])
        ev.to_csv(tujuan / "evaluasi_atasan.csv", index=False)
    if (asal / "organisasi.csv").exists():
        org = pd.read_csv(asal / "organisasi.csv", **baca)
        org = pd.concat([org.assign(opd=org["opd"] + f" {i}") for i in range(1, kali + 1)])
        org.to_csv(tujuan / "organisasi.csv", index=False)
    return pegawai["opd"].nunique()


def _cpu_anak() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _batch(data: str, keluaran: Path, paralel: int, cwd=None, env=None) -> tuple[float, float]:
    """Detik dinding dan detik CPU (proses perintah beserta pekerja dan kernelnya, yang
    semuanya ditunggu induknya sehingga masuk ``RUSAGE_CHILDREN``). ``cwd``, ``env``: folder
    kerja dan lingkungan perintahnya (``ab_laporan.py``: ``PYTHONPATH`` ke salinan versi)."""
    perintah = [*KIT, "laporan", "--data", data, "--keluaran", str(keluaran),
                "--paralel", str(paralel)]  # fmt: skip
    cpu = _cpu_anak()
    awal = time.perf_counter()
    subprocess.run(perintah, check=True, stdout=subprocess.DEVNULL, cwd=cwd, env=env)
    detik = time.perf_counter() - awal
    cpu = _cpu_anak() - cpu
    shutil.rmtree(keluaran)
    return detik, cpu


def kecepatan_mesin() -> float:
    """Detik CPU satu beban Python murni yang tetap (median tiga kali): pembanding kecepatan
    mesin antarsesi, bukan bagian dari sasaran."""
    hasil = []
    for _ in range(3):
        awal = time.process_time()
        sum(i * i % 7 for i in range(3_000_000))
        hasil.append(time.process_time() - awal)
    return statistics.median(hasil)


def _senyap() -> None:
    nol = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nol, 2)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=str(AKAR.parent / "data" / "contoh"))
    p.add_argument("--paralel", type=int, default=os.cpu_count())
    p.add_argument("--ulang", type=int, default=3)
    p.add_argument("--opd-kali", type=int, default=4, help="OPD dipecah (0 = tanpa ukuran ini)")
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

        # Berpasangan (lantai, 12 OPD, lalu banyak OPD dalam satu putaran) agar kecepatan mesin
        # yang berubah mengenai ketiganya.
        banyak = tmp / "data_opd_banyak"
        n_banyak = pecah_opd(Path(arg.data), banyak, arg.opd_kali) if arg.opd_kali > 1 else 0
        batch, batch_banyak, cpu, cpu_banyak, rasio_putaran = [], [], [], [], []
        for u in range(arg.ulang):
            satu_u = statistics.median(
                _sekali(buku, str(tmp / f"putaran{u}_{i}.ipynb")) for i in range(3)
            )
            detik, c = _batch(arg.data, tmp / f"laporan{u}", arg.paralel)
            batch.append(detik)
            cpu.append(c)
            rasio_putaran.append(detik / (satu_u * n_opd / arg.paralel))
            if n_banyak:
                detik, c = _batch(str(banyak), tmp / f"banyak{u}", arg.paralel)
                batch_banyak.append(detik)
                cpu_banyak.append(c)

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
        "rasio_per_putaran": [round(r, 2) for r in rasio_putaran],
        "rasio_per_putaran_median": round(statistics.median(rasio_putaran), 2),
        "batas_rasio": 1.3,
        "cpu_batch_detik": round(statistics.median(cpu), 2),
        "kecepatan_mesin_detik": round(kecepatan_mesin(), 3),
    }
    if batch_banyak:
        tambahan = (statistics.median(batch_banyak) - statistics.median(batch)) / (n_banyak - n_opd)
        hasil.update(
            opd_banyak=n_banyak,
            batch_opd_banyak_detik=[round(b, 2) for b in batch_banyak],
            tambahan_per_opd_detik=round(tambahan, 3),
            lantai_opd_banyak_detik=round(satu * n_banyak / arg.paralel, 2),
            rasio_opd_banyak_terhadap_lantai=round(
                statistics.median(batch_banyak) / (satu * n_banyak / arg.paralel), 2
            ),
            batas_tambahan_per_opd_detik=0.5,
            cpu_batch_opd_banyak_detik=round(statistics.median(cpu_banyak), 2),
            cpu_tambahan_per_opd_detik=round(
                (statistics.median(cpu_banyak) - statistics.median(cpu)) / (n_banyak - n_opd), 3
            ),
        )
    HASIL.mkdir(exist_ok=True)
    (HASIL / "tolok_laporan.json").write_text(json.dumps(hasil, indent=2) + "\n")
    for k, v in hasil.items():
        print(f"{k:34} {v}")


if __name__ == "__main__":
    main()
