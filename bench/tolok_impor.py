"""Tolok ukur ``asn-analitik impor ekinerja`` lalu ``laporan`` pada satu tahun sebesar kabupaten.

Data: dua belas Laporan Penilaian SKP bulanan (Januari-Desember 2026) berisi 5.000 pegawai
masing-masing (plus baris PLT dan mutasi), dibuat dari ekspor sintetis
:mod:`asn_analitik.contoh.ekinerja` dalam bentuk xlsx e-Kinerja (metadata 7 baris, header di
baris 8). Pembuatan data tidak diukur. Diukur sebagai proses anak, waktu dinding dan puncak RSS:

1. ``asn-analitik impor ekinerja FOLDER --keluaran DATA``;
2. ``asn-analitik laporan --data DATA --keluaran KELUARAN`` (periode terbaru, 2026-12).

Pemakaian: ``python bench/tolok_impor.py [--pegawai 5000] [--bulan 12] [--ulang 2]``;
hasil di layar dan ``bench/hasil/tolok_impor.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

AKAR = Path(__file__).resolve().parent
HASIL = AKAR / "hasil"
_SKRIP = Path(sys.executable).parent / "asn-analitik"
KIT = [str(_SKRIP)] if _SKRIP.exists() else [sys.executable, "-m", "asn_analitik"]


def buat_ekspor(folder: Path, pegawai: int, bulan: int, seed: int = 2026) -> int:
    """Tulis ``bulan`` laporan bulanan; kembalikan jumlah baris data seluruhnya."""
    from asn_analitik.contoh.buat import buat_contoh
    from asn_analitik.contoh.ekinerja import _dasar, _penilaian, _simpan_xlsx

    folder.mkdir(parents=True, exist_ok=True)
    contoh = buat_contoh(pegawai, seed)
    dasar = _dasar(contoh["pegawai"])
    pola = contoh["_pola"].set_index(["nip", "periode"])["pola"].xs("2026-S1", level="periode")
    pola = pola.reindex(dasar["nip"]).fillna("biasa").to_numpy()
    rng = np.random.default_rng(seed)
    nama_bulan = ["JANUARI", "FEBRUARI", "MARET", "APRIL", "MEI", "JUNI", "JULI", "AGUSTUS",
                  "SEPTEMBER", "OKTOBER", "NOVEMBER", "DESEMBER"]  # fmt: skip
    baris = 0
    for b in range(bulan):
        periode = f"2026-{b + 1:02d}"
        tabel = _penilaian(rng, dasar, pola, periode, b + 1)
        meta = [f"LAPORAN PENILAIAN SKP BULANAN PERIODE {nama_bulan[b]} 2026",
                "Instansi : PEMERINTAH KABUPATEN BULUNGAN", "", "", "",
                "Diperbarui : 05 Januari 2027 10:00", ""]  # fmt: skip
        _simpan_xlsx(meta, tabel, folder / f"penilaian_skp_{periode}.xlsx")
        baris += len(tabel)
    return baris


def _ukur(perintah: list[str]) -> tuple[float, int]:
    """(detik, puncak RSS KB) satu proses anak."""
    awal = time.perf_counter()
    proses = subprocess.Popen(perintah, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, pakai = os.wait4(proses.pid, 0)
    detik = time.perf_counter() - awal
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"gagal: {' '.join(perintah)}\n{proses.stderr.read().decode()}")
    return detik, int(pakai.ru_maxrss)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pegawai", type=int, default=5000)
    p.add_argument("--bulan", type=int, default=12)
    p.add_argument("--ulang", type=int, default=2)
    arg = p.parse_args()
    kerja = AKAR / "data" / f"ekinerja_{arg.pegawai}_{arg.bulan}bulan"
    if not kerja.is_dir():
        print(
            f"Membuat {arg.bulan} laporan x {arg.pegawai:,} pegawai di {kerja} (tidak diukur) ..."
        )
        buat_ekspor(kerja, arg.pegawai, arg.bulan)
    baris = sum(1 for _ in kerja.glob("*.xlsx"))
    hasil = {"pegawai": arg.pegawai, "bulan": arg.bulan, "berkas": baris, "impor": [],
             "laporan": []}  # fmt: skip
    for u in range(arg.ulang):
        data, keluaran = AKAR / "data" / f"_impor{u}", AKAR / "data" / f"_laporan{u}"
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(keluaran, ignore_errors=True)
        hasil["impor"].append(_ukur([*KIT, "impor", "ekinerja", str(kerja), "--keluaran",
                                     str(data)]))  # fmt: skip
        laporan = [*KIT, "laporan", "--data", str(data), "--keluaran", str(keluaran)]
        hasil["laporan"].append(_ukur([*laporan, "--paralel", str(os.cpu_count())]))
        manifest = json.loads((data / "impor_manifest.json").read_text())
        hasil["baris_dibaca"] = sum(b["dibaca"] for b in manifest["berkas"])
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(keluaran, ignore_errors=True)
    for tahap in ("impor", "laporan"):
        hasil[f"{tahap}_median_detik"] = round(statistics.median(d for d, _ in hasil[tahap]), 2)
        hasil[f"{tahap}_puncak_mib"] = round(max(m for _, m in hasil[tahap]) / 1024)
    HASIL.mkdir(exist_ok=True)
    (HASIL / "tolok_impor.json").write_text(json.dumps(hasil, indent=2) + "\n")
    for k, v in hasil.items():
        print(f"{k:24} {v}")


if __name__ == "__main__":
    main()
