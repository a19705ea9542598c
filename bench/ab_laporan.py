"""A/B ``asn-analitik laporan``: dua versi kit bergantian, berpasangan, pada data yang sama.

Mesin uji (VM bersama) bisa berubah kecepatannya puluhan persen dalam beberapa menit, jadi satu
run :mod:`tolok_laporan` tidak bisa memisahkan dua versi yang selisihnya beberapa persen. Alat
ini menjalankan batch lengkap versi ``--lama`` dan ``--baru`` bergantian (urutannya dibalik
setiap pasang) dan melaporkan selisih berpasangan: median dan berapa pasang yang lebih cepat.

Setiap versi adalah salinan ``git archive`` dari ``asn_analitik/``, ``notebooks/`` dan
``data/katalog_pelatihan.csv`` (tanpa dua yang terakhir kit mencari salinannya di
``asn_analitik/bawaan/``), atau ``pohon`` untuk pohon kerja. Perintahnya dijalankan dari folder
sementara di luar repositori dengan ``PYTHONPATH`` ke salinan itu: ``python -m`` menaruh folder
kerja di depan ``PYTHONPATH``, jadi dari folder repositori kedua lengan diam-diam menjalankan
pohon kerja yang sama (kesalahan yang membatalkan A/B sebelum stop 25). Sebelum mengukur, alat
ini memeriksa bahwa ``asn_analitik`` memang dimuat dari salinan masing-masing.

Hasil: tabel di layar dan ``bench/hasil/ab_laporan.json``.

Pemakaian: ``python bench/ab_laporan.py --lama e6607e0 [--baru pohon] [--pasang 8]
[--data data/contoh] [--paralel 2]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from tolok_laporan import _batch  # bench/ ada di sys.path saat skrip ini dijalankan

AKAR = Path(__file__).resolve().parent
REPO = AKAR.parent
HASIL = AKAR / "hasil"
#: Yang disalin untuk setiap versi: paket, notebook laporan, dan katalog bawaan.
ISI_SALINAN = ("asn_analitik", "notebooks", "data/katalog_pelatihan.csv")


def siapkan_salinan(revisi: str, tujuan: Path) -> Path:
    """Salin kit versi ``revisi`` (commit git, atau ``pohon`` untuk pohon kerja) ke
    ``tujuan``; kembalikan ``tujuan`` (untuk ``PYTHONPATH``)."""
    tujuan.mkdir(parents=True, exist_ok=True)
    if revisi == "pohon":
        for isi in ISI_SALINAN:
            asal = REPO / isi
            if asal.is_dir():
                shutil.copytree(asal, tujuan / isi,
                                ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
            else:
                (tujuan / isi).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(asal, tujuan / isi)
        return tujuan
    arsip = subprocess.run(["git", "-C", str(REPO), "archive", revisi, *ISI_SALINAN],
                           check=True, capture_output=True).stdout  # fmt: skip
    with tarfile.open(fileobj=BytesIO(arsip)) as tar:
        saring = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}  # Python 3.11.4+
        tar.extractall(tujuan, **saring)
    return tujuan


def modul_dari(salinan: Path, folder_kerja: Path) -> Path:
    """Berkas ``asn_analitik/__init__.py`` yang dimuat ``python -m`` dari ``folder_kerja``
    dengan ``PYTHONPATH`` ke ``salinan``."""
    keluar = subprocess.run(
        [sys.executable, "-c", "import asn_analitik; print(asn_analitik.__file__)"],
        cwd=folder_kerja, env={**os.environ, "PYTHONPATH": str(salinan)},
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return Path(keluar.strip())


def ringkas(lama: list[tuple[float, float]], baru: list[tuple[float, float]]) -> dict:
    """Median setiap versi dan selisih berpasangan (baru - lama) dinding dan CPU."""
    selisih = [b[0] - a[0] for a, b in zip(lama, baru, strict=True)]
    selisih_cpu = [b[1] - a[1] for a, b in zip(lama, baru, strict=True)]
    return {
        "pasang": len(selisih),
        "lama_dinding_median_detik": round(statistics.median(a for a, _ in lama), 2),
        "baru_dinding_median_detik": round(statistics.median(b for b, _ in baru), 2),
        "selisih_dinding_median_detik": round(statistics.median(selisih), 2),
        "pasang_baru_lebih_cepat": sum(s < 0 for s in selisih),
        "lama_cpu_median_detik": round(statistics.median(c for _, c in lama), 2),
        "baru_cpu_median_detik": round(statistics.median(c for _, c in baru), 2),
        "selisih_cpu_median_detik": round(statistics.median(selisih_cpu), 2),
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--lama", required=True, help="commit versi pembanding")
    p.add_argument("--baru", default="pohon", help="commit, atau pohon (bawaan: pohon kerja)")
    p.add_argument("--pasang", type=int, default=8)
    p.add_argument("--data", default=str(REPO / "data" / "contoh"))
    p.add_argument("--paralel", type=int, default=os.cpu_count())
    arg = p.parse_args()
    data = str(Path(arg.data).resolve())

    with tempfile.TemporaryDirectory(prefix="asn-ab-") as tmp:
        tmp = Path(tmp)
        versi = {"lama": arg.lama, "baru": arg.baru}
        salinan, kerja = {}, {}
        for nama, revisi in versi.items():
            salinan[nama] = siapkan_salinan(revisi, tmp / nama / "kit")
            kerja[nama] = tmp / nama / "kerja"
            kerja[nama].mkdir()
            dimuat = modul_dari(salinan[nama], kerja[nama])
            if not dimuat.is_relative_to(salinan[nama]):
                sys.exit(f"galat: versi {nama} memuat {dimuat}, bukan salinan {salinan[nama]}")
        hasil: dict[str, list[tuple[float, float]]] = {"lama": [], "baru": []}
        for i in range(arg.pasang):
            for nama in ("lama", "baru") if i % 2 == 0 else ("baru", "lama"):
                env = {**os.environ, "PYTHONPATH": str(salinan[nama])}
                detik, cpu = _batch(data, kerja[nama] / "keluaran", arg.paralel,
                                    cwd=kerja[nama], env=env)  # fmt: skip
                hasil[nama].append((detik, cpu))
                print(f"pasang {i + 1:2d} {nama:4s} {detik:6.2f} s dinding {cpu:6.2f} s CPU",
                      flush=True)  # fmt: skip

    ringkasan = {"lama": arg.lama, "baru": arg.baru, "data": data, "pekerja": arg.paralel,
                 **ringkas(hasil["lama"], hasil["baru"]),
                 "per_pasang": {n: [[round(d, 2), round(c, 2)] for d, c in v]
                                for n, v in hasil.items()}}  # fmt: skip
    for kunci, nilai in ringkasan.items():
        if kunci != "per_pasang":
            print(f"{kunci:32s} {nilai}")
    HASIL.mkdir(exist_ok=True)
    (HASIL / "ab_laporan.json").write_text(json.dumps(ringkasan, indent=2) + "\n")


if __name__ == "__main__":
    main()
