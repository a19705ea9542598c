"""Bandingkan keluaran dua versi kit sel demi sel: versi terpasang dan versi lama.

Untuk perubahan besar di dalam kit (mis. inti kolumnar, issue 14) yang janjinya "hasil tidak
berubah". Versi lama adalah folder berisi paket ``asn_analitik`` lama, mis.::

    mkdir -p /tmp/lama && git archive <commit> asn_analitik notebooks data/katalog_pelatihan.csv \
        | tar -x -C /tmp/lama
    python bench/banding_versi.py --lama /tmp/lama                 # kasus bawaan
    python bench/banding_versi.py --lama /tmp/lama --acak 200      # + 200 folder rusak acak

Setiap kasus (folder data + perintah) dijalankan dengan kedua versi sebagai proses anak ke
folder terpisah. Yang dibandingkan: kode keluar, stdout dan stderr (nama folder sementara
disamakan), setiap berkas keluaran (CSV dan TSV sel demi sel sebagai teks, Parquet sebagai
tabel, JSON tanpa cap waktu), dan daftar berkasnya. Kasus ``--acak`` memakai folder kecil
yang setiap selnya diganti secara acak dengan tulisan yang sering muncul di kiriman OPD
(spasi, koma desimal, persen, teks, kosong, baris ganda, baris kosong, kolom tertukar, ...),
agar jalur validasi dan alasan penolakan ikut terbandingkan.

Keluar 1 bila ada perbedaan (dicetak per berkas: baris, kolom, nilai lama dan baru).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
_WAKTU = {"mulai", "selesai", "detik", "durasi"}


def _jalankan(lama: Path | None, perintah: list[str], keluaran: Path) -> dict:
    env = dict(os.environ)
    if lama is not None:
        env["PYTHONPATH"] = str(lama) + os.pathsep + env.get("PYTHONPATH", "")
    hasil = subprocess.run(
        [sys.executable, "-m", "asn_analitik", *perintah], capture_output=True, text=True,
        env=env, cwd=keluaran.parent,
    )  # fmt: skip
    return {"kode": hasil.returncode, "stdout": hasil.stdout, "stderr": hasil.stderr}


def _tanpa_waktu(isi):
    if isinstance(isi, dict):
        return {k: _tanpa_waktu(v) for k, v in isi.items() if k not in _WAKTU}
    if isinstance(isi, list):
        return [_tanpa_waktu(v) for v in isi]
    return isi


def _baris_csv(path: Path) -> list[list[str]]:
    teks = path.read_bytes().decode("utf-8-sig")
    pemisah = ";" if teks.split("\n", 1)[0].count(";") > teks.split("\n", 1)[0].count(",") else ","
    return list(csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah))


def _beda_csv(a: Path, b: Path, batas: int = 8) -> list[str]:
    if a.read_bytes() == b.read_bytes():
        return []
    la, lb = _baris_csv(a), _baris_csv(b)
    beda = [f"{a.name}: bita berbeda"]
    if la[:1] != lb[:1]:
        beda.append(f"  header lama {la[:1]} baru {lb[:1]}")
    if len(la) != len(lb):
        beda.append(f"  jumlah baris lama {len(la) - 1} baru {len(lb) - 1}")
    header = la[0] if la else []
    for i, (x, y) in enumerate(zip(la, lb, strict=False)):
        if x != y:
            for j in range(max(len(x), len(y))):
                u = x[j] if j < len(x) else "<tidak ada>"
                v = y[j] if j < len(y) else "<tidak ada>"
                if u != v:
                    kolom = header[j] if j < len(header) else j
                    beda.append(f"  baris {i + 1} kolom {kolom}: lama {u!r} baru {v!r}")
            if len(beda) > batas:
                beda.append("  ...")
                break
    return beda


def _beda_berkas(a: Path, b: Path, lama: Path) -> list[str]:
    if a.suffix in (".csv", ".tsv"):
        return _beda_csv(a, b)
    if a.suffix == ".json":
        # Jalur berkas bawaan (katalog) versi lama ada di foldernya sendiri.
        teks = [p.read_text("utf-8").replace(str(lama.resolve()), str(AKAR)) for p in (a, b)]
        x, y = (_tanpa_waktu(json.loads(t)) for t in teks)
        if x != y:
            kunci = sorted(k for k in set(x) | set(y) if x.get(k) != y.get(k))
            return [f"{a.name}: isi JSON berbeda di {kunci} (cap waktu diabaikan)"]
        return []
    if a.suffix == ".xlsx":  # bitanya memuat cap waktu pembuatan: bandingkan isi lembarnya
        from python_calamine import CalamineWorkbook

        x, y = (
            {n: b.get_sheet_by_name(n).to_python() for n in b.sheet_names}
            for b in (CalamineWorkbook.from_path(a), CalamineWorkbook.from_path(b))
        )
        return [] if x == y else [f"{a.name}: isi lembar berbeda"]
    if a.suffix == ".parquet":
        import pyarrow.parquet as pq

        x, y = pq.read_table(a), pq.read_table(b)
        if not x.equals(y):
            return [f"{a.name}: tabel Parquet berbeda ({x.schema} / {y.schema})"]
        return []
    if a.read_bytes() != b.read_bytes():
        return [f"{a.name}: bita berbeda"]
    return []


def bandingkan(lama: Path, kasus: str, perintah: list[str]) -> list[str]:
    """Jalankan ``perintah`` (``{keluaran}`` diganti folder keluaran) dengan kedua versi."""
    with tempfile.TemporaryDirectory() as tmp:
        hasil, folder = {}, {}
        for versi in ("lama", "baru"):
            folder[versi] = Path(tmp) / versi / "keluaran"
            folder[versi].parent.mkdir(parents=True)
            argumen = [a.replace("{keluaran}", str(folder[versi])) for a in perintah]
            hasil[versi] = _jalankan(lama if versi == "lama" else None, argumen, folder[versi])
            for k in ("stdout", "stderr"):
                hasil[versi][k] = hasil[versi][k].replace(str(folder[versi]), "<keluaran>")
        beda = [
            f"{k} lama {hasil['lama'][k]!r} baru {hasil['baru'][k]!r}"
            for k in ("kode", "stdout", "stderr")
            if hasil["lama"][k] != hasil["baru"][k]
        ]
        isi = {v: sorted(p.relative_to(folder[v]) for p in folder[v].rglob("*") if p.is_file())
               if folder[v].exists() else [] for v in folder}  # fmt: skip
        if isi["lama"] != isi["baru"]:
            beda.append(f"daftar berkas lama {isi['lama']} baru {isi['baru']}")
        for nama in set(isi["lama"]) & set(isi["baru"]):
            beda += _beda_berkas(folder["lama"] / nama, folder["baru"] / nama, lama)
    return [f"[{kasus}] {b}" for b in beda]


def kasus_bawaan(data_besar: Path | None) -> list[tuple[str, list[str]]]:
    contoh, rusak = str(AKAR / "data" / "contoh"), str(AKAR / "data" / "contoh_rusak")
    ekinerja = str(AKAR / "data" / "contoh_ekinerja")
    k = [
        ("skor contoh", ["skor", "--data", contoh, "--keluaran", "{keluaran}"]),
        ("skor pp46", ["skor", "--data", contoh, "--keluaran", "{keluaran}", "--metode",
                       "pp46_2011"]),
        ("skor parquet", ["skor", "--data", contoh, "--keluaran", "{keluaran}", "--format",
                          "parquet"]),
        ("skor excel-id", ["skor", "--data", contoh, "--keluaran", "{keluaran}", "--csv",
                           "excel-id"]),
        ("skor satu periode+opd", ["skor", "--data", contoh, "--keluaran", "{keluaran}",
                                   "--periode", "2025-S2", "--opd", "Dinas Kesehatan"]),
        ("skor rusak", ["skor", "--data", rusak, "--keluaran", "{keluaran}"]),
        ("validasi rusak", ["validasi", "--data", rusak]),
        ("klaster", ["klaster", "--data", contoh, "--keluaran", "{keluaran}"]),
        ("kalibrasi", ["kalibrasi", "--data", contoh, "--keluaran", "{keluaran}"]),
        ("tren", ["tren", "--data", contoh, "--keluaran", "{keluaran}"]),
        ("impor ekinerja", ["impor", "ekinerja", ekinerja, "--keluaran", "{keluaran}"]),
    ]  # fmt: skip
    if data_besar is not None:
        k.append(("skor besar", ["skor", "--data", str(data_besar), "--keluaran", "{keluaran}"]))
    return k


_TULISAN = [
    "", " ", "-", "—", "  85 ", "85,5", "1.250", "1.250,5", "90%", "sepuluh", "#DIV/0!", "0",
    "-3", "1e3", "inf", "NaN", "3.0", "3,5", "6", "Di Atas Ekspektasi", "SESUAI", "diatas",
    "Luar Biasa", "2026 s1", "S1-2026", "Semester II 2025", "2026-S3", "2026-13", "Maret 2026",
    "KUANTITAS", " Kualitas ", "kuantitass", "Naik", "turun ", "naik turun", "pensiun", "Aktif",
    "1.98609E+17", "198609262015051000.0", "19860926 201505 1 001", "'198609262015051001",
    '="198609262015051001"', "19740905200612100", "199913312015051001", "x;y", 'a"b',
]  # fmt: skip


def _rusakkan(asal: Path, tujuan: Path, acak: random.Random) -> None:
    """Salin folder kecil lalu ubah sel acak, gandakan/hapus/kosongkan baris acak."""
    tujuan.mkdir(parents=True)
    for berkas in sorted(asal.glob("*.csv")):
        baris = _baris_csv(berkas)
        header, isi = baris[0], baris[1:]
        nip_ada = [r[0] for r in isi if r]
        for r in isi:
            for j in range(len(r)):
                p = acak.random()
                if p < 0.03:
                    r[j] = acak.choice(_TULISAN)
                elif p < 0.04 and nip_ada:
                    r[j] = acak.choice(nip_ada)
        for _ in range(acak.randint(0, 3)):
            if isi:
                i = acak.randrange(len(isi))
                isi.insert(i, list(isi[i]) if acak.random() < 0.7 else [""] * len(header))
        if isi and acak.random() < 0.3:
            isi[acak.randrange(len(isi))][0] = isi[acak.randrange(len(isi))][0]
        pemisah = ";" if acak.random() < 0.3 else ","
        with open(tujuan / berkas.name, "w", encoding="utf-8", newline="") as f:
            csv.writer(f, delimiter=pemisah, lineterminator="\n").writerows([header, *isi])


def utama() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--lama", type=Path, required=True, help="folder berisi paket asn_analitik lama")
    p.add_argument("--besar", type=Path, help="folder data besar untuk satu kasus skor")
    p.add_argument("--acak", type=int, default=0, help="jumlah folder rusak acak")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--tanpa-bawaan", action="store_true", help="hanya kasus acak")
    arg = p.parse_args()
    semua = []
    kasus = [] if arg.tanpa_bawaan else kasus_bawaan(arg.besar)
    for nama, perintah in kasus:
        beda = bandingkan(arg.lama, nama, perintah)
        print(f"{nama}: {'SAMA' if not beda else 'BERBEDA'}", flush=True)
        semua += beda
    if arg.acak:
        with tempfile.TemporaryDirectory() as tmp:
            kecil = Path(tmp) / "kecil"
            perintah = ["contoh", "--keluaran", str(kecil), "--pegawai", "60"]
            subprocess.run([sys.executable, "-m", "asn_analitik", *perintah], check=True,
                           capture_output=True)  # fmt: skip
            acak = random.Random(arg.seed)
            for i in range(arg.acak):
                folder = Path(tmp) / f"acak_{i}"
                _rusakkan(kecil, folder, acak)
                for nama, perintah in [
                    (f"acak {i} skor", ["skor", "--data", str(folder), "--keluaran", "{keluaran}"]),
                    (f"acak {i} pp46", ["skor", "--data", str(folder), "--keluaran", "{keluaran}",
                                        "--metode", "pp46_2011"]),
                ]:  # fmt: skip
                    beda = bandingkan(arg.lama, nama, perintah)
                    if beda:
                        print(f"{nama}: BERBEDA ({folder})", flush=True)
                        shutil.copytree(folder, Path("/tmp") / f"banding_acak_{arg.seed}_{i}",
                                        dirs_exist_ok=True)  # fmt: skip
                    semua += beda
            print(f"acak: {arg.acak} folder dibandingkan", flush=True)
    for b in semua:
        print(b)
    sys.exit(1 if semua else 0)


if __name__ == "__main__":
    utama()
