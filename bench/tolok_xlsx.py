"""Tolok ukur penulis buku Excel (:func:`asn_analitik.keluaran.tulis_buku`) pada lembar besar.

Tabel sintetis berbentuk ``skor_pegawai`` (15 kolom: NIP, nama, OPD sebagai kategori, periode,
delapan kolom pecahan dengan 5 % sel kosong, tiga kolom bilangan bulat), dibuat di proses anak
dan tidak ikut diukur. Yang diukur, per ukuran, di proses anak tersendiri:

- **waktu**: waktu dinding ``tulis_buku({"skor_pegawai": tabel}, path)`` (``time.perf_counter``);
- **puncak RSS** proses anak (``ru_maxrss``), dan **tambahan penulis**: puncak dikurangi puncak
  sesudah tabel dibuat, yaitu memori yang dipakai penulis itu sendiri;
- ukuran berkas.

Dengan ``--periksa`` buku dibaca kembali (python-calamine, tidak diukur) dan dibandingkan
dengan tabelnya.

Pemakaian: ``python bench/tolok_xlsx.py [--baris 200000 1000000] [--ulang 1] [--periksa]``;
hasil di layar dan ``bench/hasil/tolok_xlsx.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

AKAR = Path(__file__).resolve().parent
HASIL = AKAR / "hasil"
KODE = AKAR.parent / "asn_analitik" / "keluaran"


def tabel_besar(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` baris x 15 kolom berbentuk ``skor_pegawai``."""
    rng = np.random.default_rng(seed)
    kolom = {
        "nip": (198101012001011000 + np.arange(n)).astype(str),
        "nama": np.char.add("Pegawai ", np.arange(n).astype(str)).astype(object),
        "opd": pd.Categorical(rng.choice(["Dinas Kesehatan", "Bappeda", "BKPSDM"], n)),
        "periode": "2026-S1",
    }
    for i in range(8):
        kolom[f"capaian_{i}"] = np.where(rng.random(n) < 0.05, np.nan, rng.normal(90, 10, n))
    for i in range(3):
        kolom[f"jumlah_{i}"] = rng.integers(0, 50, n)
    return pd.DataFrame(kolom)


def _puncak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def anak(n: int, path: Path, periksa: bool) -> None:
    """Proses anak: buat tabel (tidak diukur), tulis bukunya, cetak hasil (JSON)."""
    from asn_analitik.keluaran import tulis_buku

    tabel = tabel_besar(n)
    dasar = _puncak_mib()
    mulai = time.perf_counter()
    tulis_buku({"skor_pegawai": tabel}, path)
    detik = time.perf_counter() - mulai
    hasil = {
        "detik": round(detik, 2),
        "puncak_mib": round(_puncak_mib()),
        "tambahan_penulis_mib": round(_puncak_mib() - dasar),
        "berkas_mib": round(path.stat().st_size / 2**20, 1),
    }
    if periksa:
        kembali = pd.read_excel(path, engine="calamine", dtype={"nip": str})
        pd.testing.assert_frame_equal(kembali, tabel.astype({"opd": object}), check_dtype=False)
        hasil["periksa"] = "sama"
    print(json.dumps(hasil))


def _sidik() -> str:
    """SHA-256 (12 heksa) kode penulis, agar run dari kode berbeda dapat dibedakan."""
    berkas = sorted(KODE.glob("*.py")) if KODE.is_dir() else [KODE.with_suffix(".py")]
    h = hashlib.sha256()
    for b in berkas:
        h.update(b.read_bytes())
    return h.hexdigest()[:12]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--baris", type=int, nargs="+", default=[200_000, 1_000_000])
    p.add_argument("--ulang", type=int, default=1, help="run per ukuran")
    p.add_argument("--periksa", action="store_true", help="baca kembali dan bandingkan")
    p.add_argument("--anak", nargs=2, metavar=("BARIS", "PATH"), help=argparse.SUPPRESS)
    arg = p.parse_args()
    if arg.anak:
        anak(int(arg.anak[0]), Path(arg.anak[1]), arg.periksa)
        return
    folder = AKAR / "data" / "xlsx"
    folder.mkdir(parents=True, exist_ok=True)
    run = []
    for n in arg.baris:
        for _ in range(arg.ulang):
            path = folder / f"skor_{n}.xlsx"
            perintah = [sys.executable, __file__, "--anak", str(n), str(path)]
            keluar = subprocess.run([*perintah, *(["--periksa"] if arg.periksa else [])],
                                    capture_output=True, text=True)  # fmt: skip
            if keluar.returncode != 0:
                raise SystemExit(f"gagal ({n} baris):\n{keluar.stderr}")
            satu = {"baris": n, "kolom": 15, "beban": round(os.getloadavg()[0], 2),
                    **json.loads(keluar.stdout.strip().splitlines()[-1])}  # fmt: skip
            tambah = satu["tambahan_penulis_mib"]
            print(f"{n:>9,} x 15: {satu['detik']} s, puncak {satu['puncak_mib']} MiB "
                  f"(penulis +{tambah} MiB), {satu['berkas_mib']} MiB")  # fmt: skip
            run.append(satu)
    HASIL.mkdir(exist_ok=True)
    berkas = HASIL / "tolok_xlsx.json"
    semua = json.loads(berkas.read_text()) if berkas.is_file() else []
    semua.append({"waktu": time.strftime("%Y-%m-%d %H:%M"), "sidik": _sidik(), "run": run})
    berkas.write_text(json.dumps(semua, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
