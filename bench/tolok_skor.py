"""Tolok ukur ``asn-analitik skor`` terhadap pekerjaan yang sama dalam SQL DuckDB.

Metode (rincian di bench/README.md):

* Data contoh N pegawai (``asn-analitik contoh``) dibuat sekali di ``bench/data/`` (tidak ikut
  git); pembuatan data dan konversi Parquet tidak diukur.
* Tiap run adalah proses anak yang diukur dari awal sampai akhir (termasuk start-up Python):
  waktu dinding (``time.perf_counter``) dan puncak RSS (``ru_maxrss`` dari ``os.wait4``).
  Kit: ``asn-analitik skor --data DIR --keluaran OUT``. Dua pembanding DuckDB lewat
  ``python -c`` + duckdb, pada CSV yang sama:

  - ``ramping`` (``bench/skor_duckdb_ramping.sql``, issue 14 "the lean query"): baca, capaian,
    agregasi per pegawai, rating, predikat, peringkat; tanpa validasi; menulis
    ``skor_pegawai.csv`` dan ``capaian_indikator.csv``;
  - ``penuh`` (``bench/skor_duckdb.sql``): ramping + pembakuan nilai dan aturan validitas utama
    (baris tidak sah disaring, tanpa alasan).
* Berpasangan: kit, ramping, penuh, kit, ramping, penuh, ...; rasio = kit / pembanding per
  kelompok, dilaporkan mediannya. Sasaran (issue 14): kit <= 1,5 x ramping pada 200.000
  pegawai.
* Kebenaran sekali per ukuran: tiap (nip, periode) di ``skor_pegawai.csv`` kit dan DuckDB penuh
  harus punya ``nilai_hasil_kerja`` (selisih <= 1e-6) dan ``predikat`` yang sama; bila tidak,
  berhenti.
* ``--nasional``: 4.500.000 pegawai dari Parquet, ``--format parquet``, sekali untuk tiap
  folder: ``parquet_4500000_27jt`` (26,8 juta baris indikator, ``bench/potong_nasional.py``;
  sasaran <= 90 s dan <= 8 GiB) dan folder penuh generator ``parquet_4500000_s2026`` (43,8 juta
  baris indikator; sasaran <= 16 GiB). Anak dihentikan begitu RSS-nya melewati 16 GiB.

Hasil: tabel di layar dan ``bench/hasil/tolok_skor.json`` (tiap run: detik dinding, detik CPU,
puncak KB, beban mesin ``os.getloadavg()``, sidik kode kit karena kit bisa sedang disunting).
Hasil ukuran yang tidak diukur ulang dipertahankan.

Pemakaian: ``python bench/tolok_skor.py [--ukuran 200000 1000000] [--pasangan 3] [--nasional]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parent
DATA, HASIL, SQL = AKAR / "data", AKAR / "hasil", AKAR / "skor_duckdb.sql"
NASIONAL, SASARAN_RASIO, BATAS_KB = 4_500_000, 1.5, 16 * 1024 * 1024
SQL_RAMPING = AKAR / "skor_duckdb_ramping.sql"
#: Folder skala nasional: (nama, sasaran detik, sasaran KB).
FOLDER_NASIONAL = (("parquet_4500000_27jt", 90, 8 * 1024 * 1024),
                   ("parquet_4500000_s2026", None, 16 * 1024 * 1024))  # fmt: skip
PY = sys.executable
_SKRIP = Path(PY).parent / "asn-analitik"
KIT = [str(_SKRIP)] if _SKRIP.exists() else [PY, "-m", "asn_analitik"]
DUCKDB = [PY, "-c", "import sys, duckdb; duckdb.connect().execute(open(sys.argv[1]).read()"
          ".replace('{data}', sys.argv[2]).replace('{keluaran}', sys.argv[3]))"]  # fmt: skip
ANGKA = {"target", "realisasi", "bobot", "nilai"}  # kolom angka saat CSV diubah ke Parquet


class GagalRun(Exception):
    """Satu run gagal atau hasilnya salah: tolok ukur berhenti."""


def angka(n: float, desimal: int = 0) -> str:
    """Angka gaya Indonesia: 1.234.567 dan 1,5."""
    return f"{n:,.{desimal}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def sidik_kit() -> str:
    """12 heksa pertama SHA-256 kode paket kit yang terpasang (editable) saat ini."""
    import asn_analitik

    sidik = hashlib.sha256()
    for berkas in sorted(Path(asn_analitik.__file__).parent.rglob("*.py")):
        sidik.update(berkas.read_bytes())
    return sidik.hexdigest()[:12]


def rss_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status")
    baris = [b for b in status.read_text().splitlines() if b.startswith("VmRSS:")]
    return int(baris[0].split()[1]) if baris else 0


def jalankan(perintah: list[str], catatan: dict, batas_kb: int | None = None) -> dict:
    """Jalankan satu proses anak: detik dinding, detik CPU, puncak RSS (KB), beban, sidik kit.

    Dengan ``batas_kb``, RSS anak diperiksa tiap 0,2 s dan anak dihentikan bila melewatinya.
    """
    hasil = {"beban_1m": os.getloadavg()[0], "sidik_kit": sidik_kit()}
    with tempfile.TemporaryFile() as galat:
        mulai, melebihi = time.perf_counter(), False
        proses = subprocess.Popen(perintah, stdout=subprocess.DEVNULL, stderr=galat)
        while not (tunggu := os.wait4(proses.pid, os.WNOHANG if batas_kb else 0))[0]:
            if not melebihi and rss_kb(proses.pid) > batas_kb:
                melebihi = True
                proses.kill()
            time.sleep(0.2)
        pakai = tunggu[2]  # rusage anak ini saja: puncak RSS dan waktu CPU (user + sys)
        hasil.update(detik=round(time.perf_counter() - mulai, 3), puncak_kb=pakai.ru_maxrss)
        hasil["cpu_s"] = round(pakai.ru_utime + pakai.ru_stime, 3)
        proses.returncode = kode = os.waitstatus_to_exitcode(tunggu[1])
        galat.seek(0)
        ekor = galat.read().decode("utf-8", "replace")[-3000:]
    if kode != 0:
        sebab = f"dihentikan: RSS melewati {angka(batas_kb)} KB" if melebihi else f"kode {kode}"
        hasil.update(sebab=sebab, perintah=perintah, stderr_akhir=ekor)
        catatan["gagal"].append(hasil)
    return hasil


def wajib_berhasil(run: dict) -> dict:
    if "sebab" in run:
        raise GagalRun(
            f"galat: perintah gagal ({run['sebab']}, {run['detik']:.1f} s, puncak RSS "
            f"{angka(run['puncak_kb'])} KB):\n  {' '.join(run['perintah'])}\n"
            f"--- akhir stderr ---\n{run['stderr_akhir']}"
        )
    return run


def siapkan_csv(n: int, seed: int) -> Path:
    """Folder CSV contoh N pegawai (dibuat sekali, disimpan di bench/data/)."""
    folder = DATA / f"csv_{n}_s{seed}"
    if not (folder / ".lengkap").exists():
        print(f"Membuat data contoh {angka(n)} pegawai di {folder} (tidak diukur) ...", flush=True)
        shutil.rmtree(folder, ignore_errors=True)
        perintah = [*KIT, "contoh", "--keluaran", str(folder), "--pegawai", str(n)]
        subprocess.run([*perintah, "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
        (folder / ".lengkap").touch()
    return folder


def siapkan_parquet(n: int, seed: int) -> Path:
    """Salinan Parquet dari folder CSV, dibaca dan ditulis per potongan (hemat memori)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    asal, folder = siapkan_csv(n, seed), DATA / f"parquet_{n}_s{seed}"
    if (folder / ".lengkap").exists():
        return folder
    print(f"Mengubah {asal.name} ke Parquet di {folder} (tidak diukur) ...", flush=True)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for csv in sorted(asal.glob("*.csv")):
        kolom = csv.open(encoding="utf-8").readline().strip().split(",")
        jenis = {k: pa.float64() if k in ANGKA else pa.string() for k in kolom}
        opsi = pacsv.ConvertOptions(column_types=jenis, strings_can_be_null=True)
        pembaca = pacsv.open_csv(csv, convert_options=opsi)
        with pq.ParquetWriter(folder / f"{csv.stem}.parquet", pembaca.schema) as penulis:
            for potong in pembaca:
                penulis.write_table(pa.Table.from_batches([potong]))
    (folder / ".lengkap").touch()
    return folder


def periksa(keluaran_kit: Path, keluaran_db: Path) -> dict:
    """Bandingkan skor_pegawai.csv kit dan DuckDB per (nip, periode)."""
    import duckdb

    jenis = "types = {'nip': 'VARCHAR', 'periode': 'VARCHAR', 'predikat': 'VARCHAR'}"
    k, d = (f"read_csv('{p / 'skor_pegawai.csv'}', {jenis})" for p in (keluaran_kit, keluaran_db))
    sql = f"""
        SELECT count(*), count(*) FILTER (k.nip IS NULL OR d.nip IS NULL),
               count(*) FILTER (abs(k.nilai_hasil_kerja - d.nilai_hasil_kerja) > 1e-6
                   OR (k.nilai_hasil_kerja IS NULL) <> (d.nilai_hasil_kerja IS NULL)),
               count(*) FILTER (k.predikat IS DISTINCT FROM d.predikat),
               count(*) FILTER (k.peringkat_opd IS DISTINCT FROM d.peringkat_opd)
        FROM {k} k FULL JOIN {d} d ON k.nip = d.nip AND k.periode = d.periode"""
    nama = ("baris", "hanya_satu_pihak", "beda_nilai", "beda_predikat", "beda_peringkat")
    return dict(zip(nama, duckdb.connect().execute(sql).fetchone(), strict=True))


def ukur(n: int, pasangan: int, seed: int, catatan: dict) -> None:
    data = siapkan_csv(n, seed)
    hasil = catatan["ukuran"][str(n)] = {"data": str(data), "seed": seed, "pasangan": pasangan}
    pihak_semua = ("kit", "ramping", "penuh")
    hasil.update(mulai=time.strftime("%Y-%m-%d %H:%M:%S"), rasio={"ramping": [], "penuh": []})
    hasil.update({p: [] for p in pihak_semua})
    keluaran = {p: DATA / f"keluaran_{n}" / p for p in pihak_semua}
    perintah = {
        "kit": [*KIT, "skor", "--data", str(data), "--keluaran", str(keluaran["kit"])],
        "ramping": [*DUCKDB, str(SQL_RAMPING), str(data), str(keluaran["ramping"])],
        "penuh": [*DUCKDB, str(SQL), str(data), str(keluaran["penuh"])],
    }
    for i in range(1, pasangan + 1):
        for pihak in pihak_semua:
            shutil.rmtree(keluaran[pihak], ignore_errors=True)
            keluaran[pihak].mkdir(parents=True)
            hasil[pihak].append(run := jalankan(perintah[pihak], catatan))
            wajib_berhasil(run)
            print(f"  {angka(n)} pegawai, kelompok {i}: {pihak:8} {angka(run['detik'], 2):>8} s, "
                  f"puncak {angka(run['puncak_kb'] / 1024)} MiB", flush=True)  # fmt: skip
        for pembanding in ("ramping", "penuh"):
            rasio = hasil["kit"][-1]["detik"] / hasil[pembanding][-1]["detik"]
            hasil["rasio"][pembanding].append(round(rasio, 3))
        if i == 1:
            manifest = json.loads((keluaran["kit"] / "manifest.json").read_text("utf-8"))
            hasil["jumlah_baris"] = manifest["jumlah_baris"]
            hasil["cek"] = cek = periksa(keluaran["kit"], keluaran["penuh"])
            if cek["hanya_satu_pihak"] or cek["beda_nilai"] or cek["beda_predikat"]:
                raise GagalRun(f"galat: hasil kit dan DuckDB berbeda ({angka(n)} pegawai): {cek}")
            if cek["beda_peringkat"]:
                print(f"  peringatan: peringkat_opd berbeda di {cek['beda_peringkat']} baris")
        hasil["median_rasio"] = {p: statistics.median(r) for p, r in hasil["rasio"].items()}
        simpan(catatan)


def nasional(seed: int, catatan: dict) -> None:
    siapkan_parquet(NASIONAL, seed)
    if not (DATA / "parquet_4500000_27jt" / "indikator.parquet").exists():
        print("Memotong folder nasional menjadi 26,8 juta baris indikator ...", flush=True)
        subprocess.run([PY, str(AKAR / "potong_nasional.py")], check=True)
    catatan["nasional"] = {}
    for nama, batas_detik, batas_kb in FOLDER_NASIONAL:
        data = DATA / nama
        keluaran = DATA / f"keluaran_{NASIONAL}" / nama
        shutil.rmtree(keluaran, ignore_errors=True)
        perintah = [*KIT, "skor", "--data", str(data), "--keluaran", str(keluaran)]
        print(f"  {nama}: kit berjalan ...", flush=True)
        mulai = time.strftime("%Y-%m-%d %H:%M:%S")
        run = jalankan([*perintah, "--format", "parquet"], catatan, BATAS_KB)
        run.update(seed=seed, mulai=mulai, data=str(data), batas_kb=batas_kb)
        run["batas_detik"] = batas_detik
        run["dalam_batas"] = run["puncak_kb"] <= batas_kb and (
            batas_detik is None or run["detik"] <= batas_detik
        )
        catatan["nasional"][nama] = run
        wajib_berhasil(run)
        manifest = json.loads((keluaran / "manifest.json").read_text("utf-8"))
        run["jumlah_baris"] = manifest["jumlah_baris"]
        simpan(catatan)


def simpan(catatan: dict) -> None:
    HASIL.mkdir(parents=True, exist_ok=True)
    catatan["beban_akhir"] = os.getloadavg()
    teks = json.dumps(catatan, ensure_ascii=False, indent=2)
    (HASIL / "tolok_skor.json").write_text(teks + "\n", encoding="utf-8")


def tabel(catatan: dict) -> None:
    def mb(runs):
        return angka(max(r["puncak_kb"] for r in runs) / 1024)

    def md(runs):
        return statistics.median(r["detik"] for r in runs)

    print(f"\n{'pegawai':>10} {'kit s':>7} {'ramping s':>9} {'penuh s':>8} {'/ramping':>8} "
          f"{'/penuh':>7} {'kit MiB':>8}  status")  # fmt: skip
    for n, h in catatan["ukuran"].items():
        if not h.get("ramping"):
            continue
        r = h["median_rasio"]
        status = "sasaran tercapai" if r["ramping"] <= SASARAN_RASIO else "di atas sasaran 1,5"
        if len({run.get("sidik_kit") for run in h["kit"]}) > 1:
            status += "; kode kit berubah selama pengukuran"
        print(f"{angka(int(n)):>10} {angka(md(h['kit']), 2):>7} {angka(md(h['ramping']), 2):>9} "
              f"{angka(md(h['penuh']), 2):>8} {angka(r['ramping'], 2):>8} "
              f"{angka(r['penuh'], 2):>7} {mb(h['kit']):>8}  {status}")  # fmt: skip
    for nama, run in catatan.get("nasional", {}).items():
        batas = run.get("sebab") or ("dalam batas" if run["dalam_batas"] else "MELEBIHI batas")
        print(f"{nama:>24} {angka(run['detik'], 1)} s, puncak {angka(run['puncak_kb'] / 1024)} MiB"
              f"  ({batas})")  # fmt: skip
    print(
        "\n(waktu = median; MiB = puncak RSS terbesar; rasio = median kit/pembanding per kelompok)"
    )
    print(f"Rincian: {HASIL / 'tolok_skor.json'}")


def utama() -> None:
    p = argparse.ArgumentParser(description="Tolok ukur asn-analitik skor terhadap DuckDB.")
    bawaan = [200_000, 1_000_000]
    p.add_argument("--ukuran", type=int, nargs="*", default=bawaan, help="jumlah pegawai")
    p.add_argument("--pasangan", type=int, default=3, help="pasangan run per ukuran (bawaan 3)")
    p.add_argument("--nasional", action="store_true", help="+ 4.500.000 pegawai (Parquet)")
    p.add_argument("--seed", type=int, default=2026, help="benih data contoh (bawaan 2026)")
    arg = p.parse_args()
    import duckdb

    berkas = HASIL / "tolok_skor.json"
    lama = json.loads(berkas.read_text("utf-8")) if berkas.exists() else {}
    catatan = {k: lama[k] for k in ("ukuran",) if k in lama}  # hasil ukuran lain dipakai
    catatan.setdefault("ukuran", {})
    mesin = {"cpu": os.cpu_count(), "platform": platform.platform()}
    mesin.update(python=platform.python_version(), duckdb=duckdb.__version__)
    catatan.update(mesin=mesin, perintah_kit=KIT, gagal=[])
    try:
        for n in arg.ukuran:
            print(f"Mengukur {angka(n)} pegawai, {arg.pasangan} pasangan ...", flush=True)
            ukur(n, arg.pasangan, arg.seed, catatan)
        if arg.nasional:
            print(f"Skala nasional: {angka(NASIONAL)} pegawai ...", flush=True)
            nasional(arg.seed, catatan)
    except GagalRun as galat:
        simpan(catatan)
        tabel(catatan)
        sys.exit(str(galat))
    simpan(catatan)
    tabel(catatan)


if __name__ == "__main__":
    utama()
