"""Ringkasan hasil ``make mutasi``: jumlah mutan per status untuk pola nama mutan yang diuji,
per berkas, skor (terbunuh dibagi yang sudah diuji), dan daftar mutan yang tidak terbunuh.

Dijalankan dari akar repositori sesudah ``mutmut run`` (``make mutasi`` memanggilnya)::

    python tests/ringkas_mutasi.py 'asn_analitik.nilai.*' 'asn_analitik.masuk.nip.*'

Bukan uji (pytest tidak mengumpulkannya); mutmut hanya diimpor saat dijalankan.
"""

from __future__ import annotations

import fnmatch
import json
import sys
from collections import Counter
from pathlib import Path


def ringkas(pola: list[str], folder: Path = Path("mutants")) -> int:
    """Cetak ringkasan; kode keluar 1 bila ada mutan yang selamat atau tanpa uji."""
    from mutmut.stats import status_by_exit_code

    semua: Counter = Counter()
    tidak_terbunuh: list[tuple[str, str]] = []
    for meta in sorted(folder.rglob("*.py.meta")):
        kode = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        pilih = {
            nama: status_by_exit_code[k]
            for nama, k in kode.items()
            if not pola or any(fnmatch.fnmatch(nama, p) for p in pola)
        }
        if not pilih:
            continue
        hitung = Counter(pilih.values())
        semua += hitung
        diuji = sum(hitung.values()) - hitung["not checked"]
        rincian = ", ".join(f"{s} {n}" for s, n in sorted(hitung.items()) if s != "killed")
        berkas = meta.relative_to(folder).as_posix().removesuffix(".meta")
        print(f"{berkas}: {hitung['killed']} terbunuh dari {diuji} yang diuji ({rincian or '-'})")
        tidak_terbunuh += [(n, s) for n, s in pilih.items() if s not in ("killed", "not checked")]
    diuji = sum(semua.values()) - semua["not checked"]
    skor = semua["killed"] / diuji if diuji else 0.0
    print(f"Jumlah: {semua['killed']} terbunuh dari {diuji} yang diuji ({skor:.1%}); belum diuji "
          f"{semua['not checked']}.")  # fmt: skip
    for nama, status in sorted(tidak_terbunuh):
        print(f"  {status}: {nama}")
    return 1 if tidak_terbunuh else 0


if __name__ == "__main__":
    sys.exit(ringkas(sys.argv[1:]))
