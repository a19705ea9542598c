"""Inti kolumnar (issue 14) memberi hasil yang sama, sel demi sel, dengan inti lama.

``tests/acuan/inti_lama.json`` memuat sidik keluaran inti lama (pandera, sebelum commit
a6b9b83) untuk data contoh, data contoh rusak, dan folder 20.000 pegawai yang dibuat generator:
per berkas keluaran, judul kolom, jumlah baris, dan SHA-256 isi setiap kolom per blok 5.000
baris (teks sel persis seperti di CSV). Uji ini menjalankan kit sekarang pada masukan yang sama
dan membandingkan sidik itu; bila berbeda, pesannya menyebut berkas, kolom, dan blok barisnya.

Membuat ulang berkas acuan (hanya bila keluaran memang sengaja berubah), dengan inti yang
dijadikan acuan di ``PYTHONPATH``::

    python tests/test_inti_setara.py tests/acuan/inti_lama.json

Perbandingan penuh dua versi (juga Parquet, manifest dan folder rusak acak):
``bench/banding_versi.py``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parents[1]
ACUAN = AKAR / "tests" / "acuan" / "inti_lama.json"
BLOK = 5_000
#: (nama kasus, argumen perintah; {data} = folder masukan, {keluaran} = folder keluaran).
KASUS = {
    "contoh": ("contoh", ["skor", "--data", "{data}", "--keluaran", "{keluaran}"]),
    "contoh_pp46": (
        "contoh",
        ["skor", "--data", "{data}", "--keluaran", "{keluaran}", "--metode", "pp46_2011"],
    ),
    "contoh_rusak": ("contoh_rusak", ["skor", "--data", "{data}", "--keluaran", "{keluaran}"]),
    "contoh_20000": ("20000", ["skor", "--data", "{data}", "--keluaran", "{keluaran}"]),
    "contoh_klaster": ("contoh", ["klaster", "--data", "{data}", "--keluaran", "{keluaran}"]),
    # Parquet: kolom teks dibaca sebagai kategori, jalur yang berbeda dari CSV
    "parquet_klaster": ("parquet", ["klaster", "--data", "{data}", "--keluaran", "{keluaran}"]),
}
BERKAS = ["skor_pegawai.csv", "capaian_indikator.csv", "ditolak.csv", "dikecualikan.csv",
          "kepatuhan_penilaian.csv", "klaster_pegawai.csv", "profil_klaster.csv",
          "rekomendasi_pelatihan.csv", "kebutuhan_pelatihan.csv", "hak_jp.csv"]  # fmt: skip
_ANGKA = {"target", "realisasi", "bobot", "nilai", "jp"}


def sidik_csv(path: Path) -> dict:
    """Judul kolom, jumlah baris, dan sidik isi tiap kolom per blok :data:`BLOK` baris."""
    baris = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    judul, isi = baris[0], baris[1:]
    kolom = {}
    for j, nama in enumerate(judul):
        kolom[nama] = [
            hashlib.sha256("\x1f".join(r[j] for r in isi[a : a + BLOK]).encode()).hexdigest()[:16]
            for a in range(0, max(len(isi), 1), BLOK)
        ]
    return {"kolom": judul, "baris": len(isi), "sidik": kolom}


def _parquet(asal: Path, tujuan: Path) -> Path:
    """Salinan Parquet folder CSV (angka sebagai angka, teks sebagai teks), kelompok baris
    kecil agar kolom berkamus terdiri dari beberapa potongan."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    tujuan.mkdir(parents=True)
    for berkas in sorted(asal.glob("*.csv")):
        kolom = berkas.read_text(encoding="utf-8").split("\n", 1)[0].split(",")
        jenis = {k: pa.float64() if k in _ANGKA else pa.string() for k in kolom}
        opsi = pacsv.ConvertOptions(column_types=jenis, strings_can_be_null=True)
        tabel = pacsv.read_csv(berkas, convert_options=opsi)
        pq.write_table(tabel, tujuan / f"{berkas.stem}.parquet", row_group_size=3_000)
    return tujuan


def _masukan(nama: str, tmp: Path) -> Path:
    if nama in ("contoh", "contoh_rusak"):
        return AKAR / "data" / nama
    if nama == "parquet":
        return _parquet(AKAR / "data" / "contoh", tmp / "contoh_parquet")
    folder = tmp / f"contoh_{nama}"
    perintah = ["contoh", "--keluaran", str(folder), "--pegawai", nama, "--seed", "2026"]
    subprocess.run([sys.executable, "-m", "asn_analitik", *perintah], check=True,
                   capture_output=True)  # fmt: skip
    return folder


def sidik_semua(tmp: Path) -> dict:
    """Jalankan setiap kasus dengan kit yang terimpor sekarang; sidik setiap berkas keluaran."""
    hasil, masukan = {}, {}
    for kasus, (nama, argumen) in KASUS.items():
        if nama not in masukan:
            masukan[nama] = _masukan(nama, tmp)
        keluaran = tmp / f"keluaran_{kasus}"
        ganti = {"{data}": str(masukan[nama]), "{keluaran}": str(keluaran)}
        argumen = [ganti.get(a, a) for a in argumen]
        subprocess.run([sys.executable, "-m", "asn_analitik", *argumen], check=True,
                       capture_output=True)  # fmt: skip
        hasil[kasus] = {b: sidik_csv(keluaran / b) for b in BERKAS if (keluaran / b).exists()}
    return hasil


@pytest.fixture(scope="module")
def sidik_sekarang():
    with tempfile.TemporaryDirectory() as tmp:
        yield sidik_semua(Path(tmp))


@pytest.mark.parametrize("kasus", list(KASUS))
def test_keluaran_sama_dengan_inti_lama(kasus, sidik_sekarang):
    """Setiap sel setiap berkas keluaran sama dengan inti lama (lihat docstring modul)."""
    acuan = json.loads(ACUAN.read_text(encoding="utf-8"))[kasus]
    sekarang = sidik_sekarang[kasus]
    assert sorted(sekarang) == sorted(acuan), "berkas keluaran berbeda"
    beda = []
    for berkas, lama in acuan.items():
        baru = sekarang[berkas]
        if baru["kolom"] != lama["kolom"] or baru["baris"] != lama["baris"]:
            beda.append(f"{berkas}: kolom/baris {baru['kolom']}/{baru['baris']} "
                        f"!= {lama['kolom']}/{lama['baris']}")  # fmt: skip
            continue
        for kolom, blok_lama in lama["sidik"].items():
            for i, (a, b) in enumerate(zip(blok_lama, baru["sidik"][kolom], strict=True)):
                if a != b:
                    beda.append(f"{berkas} kolom {kolom} baris {i * BLOK + 2}-{(i + 1) * BLOK + 1}")
    assert not beda, "berbeda dari inti lama:\n" + "\n".join(beda[:20])


def test_acuan_menguji_sesuatu():
    """Berkas acuan memuat tabel yang berisi (bukan sidik dari berkas kosong): data contoh
    menolak baris, folder 20.000 pegawai menilai puluhan ribu pegawai-periode."""
    acuan = json.loads(ACUAN.read_text(encoding="utf-8"))
    assert acuan["contoh_rusak"]["ditolak.csv"]["baris"] >= 15
    assert acuan["contoh_20000"]["skor_pegawai.csv"]["baris"] > 35_000
    assert acuan["contoh_20000"]["capaian_indikator.csv"]["baris"] > 150_000
    assert acuan["contoh_pp46"]["skor_pegawai.csv"]["kolom"][-5] == "sebutan"


if __name__ == "__main__":  # membuat ulang berkas acuan (lihat docstring modul)
    with tempfile.TemporaryDirectory() as tmp:
        isi = sidik_semua(Path(tmp))
    tujuan = Path(sys.argv[1]) if len(sys.argv) > 1 else ACUAN
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    tujuan.write_text(json.dumps(isi, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{tujuan}: {sum(len(v) for v in isi.values())} berkas dari {len(isi)} kasus")
