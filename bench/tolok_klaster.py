"""Tolok ukur ``asn-analitik klaster`` (pola kinerja + rekomendasi pelatihan).

Metode: perintah lengkap sebagai proses anak (start-up Python, muat, skor periode terbaru,
pengelompokan, kestabilan bootstrap, rekomendasi, tulis semua berkas), waktu dinding dan
puncak RSS (``ru_maxrss`` dari ``os.wait4``). Data memakai folder yang dibuat
``bench/tolok_skor.py`` (``bench/data/csv_<N>_s2026`` dan, untuk ``--nasional``, folder skala
nasional ``bench/data/parquet_4500000_27jt``: 4.500.000 pegawai, 26,8 juta baris indikator,
dipotong ``bench/potong_nasional.py`` dari ``parquet_4500000_s2026``); CSV yang belum ada
dibuat dengan ``asn-analitik contoh``.

Sasaran: 200.000 pegawai < 60 detik (isu pola kinerja); skala nasional <= 5 menit dan puncak
memori <= 8 GiB (issue 14). Hasil: tabel di layar dan ``bench/hasil/tolok_klaster.json``.

Pemakaian: ``python bench/tolok_klaster.py [--ukuran 200000] [--nasional]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parent
DATA, HASIL = AKAR / "data", AKAR / "hasil"
PY = sys.executable
_SKRIP = Path(PY).parent / "asn-analitik"
KIT = [str(_SKRIP)] if _SKRIP.exists() else [PY, "-m", "asn_analitik"]
BATAS = {200_000: 60.0, 4_500_000: 300.0}
BATAS_KB = {4_500_000: 8 * 1024 * 1024}  # selain itu 16 GiB


def _jalankan(perintah: list[str]) -> tuple[float, int]:
    awal = time.perf_counter()
    proses = subprocess.Popen(perintah, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, pakai = os.wait4(proses.pid, 0)
    detik = time.perf_counter() - awal
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"gagal: {' '.join(perintah)}\n{proses.stderr.read().decode()[-2000:]}")
    return detik, pakai.ru_maxrss


def _folder(n: int, parquet: bool) -> Path:
    csv = DATA / f"csv_{n}_s2026"
    if not csv.is_dir():
        print(f"Membuat data contoh {n:,} pegawai ...", file=sys.stderr)
        subprocess.run([*KIT, "contoh", "--keluaran", str(csv), "--pegawai", str(n)], check=True)
    if not parquet:
        return csv
    folder = DATA / "parquet_4500000_27jt"
    if not (folder / "indikator.parquet").exists():
        if not (DATA / f"parquet_{n}_s2026").is_dir():
            raise SystemExit("folder nasional belum ada: jalankan bench/tolok_skor.py --nasional")
        subprocess.run([PY, str(AKAR / "potong_nasional.py")], check=True)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ukuran", type=int, nargs="*", default=[200_000])
    parser.add_argument("--nasional", action="store_true", help="juga 4.500.000 pegawai (Parquet)")
    arg = parser.parse_args()
    rencana = [(n, False) for n in arg.ukuran] + ([(4_500_000, True)] if arg.nasional else [])
    hasil = {"beban_awal": os.getloadavg(), "run": []}
    for n, parquet in rencana:
        data = _folder(n, parquet)
        keluaran = Path(tempfile.mkdtemp(prefix="klaster_"))
        try:
            detik, kb = _jalankan(
                [*KIT, "klaster", "--data", str(data), "--keluaran", str(keluaran)]
            )
            manifest = json.loads((keluaran / "manifest.json").read_text(encoding="utf-8"))
        finally:
            shutil.rmtree(keluaran, ignore_errors=True)
        batas = BATAS.get(n)
        lulus = (batas is None or detik < batas) and kb <= BATAS_KB.get(n, 16 * 1024 * 1024)
        hasil["run"].append(
            {
                "pegawai": n,
                "format": "parquet" if parquet else "csv",
                "detik": round(detik, 2),
                "puncak_kb": kb,
                "k": manifest["klaster"]["k"],
                "batas_detik": batas,
                "batas_kb": BATAS_KB.get(n, 16 * 1024 * 1024),
                "data": str(data),
                "rekomendasi": manifest["jumlah_rekomendasi"],
                "lulus": lulus,
                "beban_1m": os.getloadavg()[0],
            }
        )
        print(
            f"{n:>10,} pegawai ({'parquet' if parquet else 'csv'}): {detik:8.1f} s, "
            f"puncak {kb / 1024**2:5.2f} GiB, k={manifest['klaster']['k']}, "
            f"{'lulus' if lulus else 'TIDAK LULUS'}"
        )
    HASIL.mkdir(exist_ok=True)
    (HASIL / "tolok_klaster.json").write_text(json.dumps(hasil, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
