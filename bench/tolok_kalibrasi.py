"""Tolok ukur keadilan penilaian (``kalibrasi``) skala nasional: 4.500.000 pegawai dan penilainya.

Data (dibuat sekali, tidak diukur) di ``bench/data/kalibrasi_<N>/``: satu periode, ± 24.000 OPD
(ukuran log-normal, rata-rata ± 190 pegawai), satu penilai per ± 8 pegawai di OPD yang sama
(± 580.000 penilai), kepala OPD tanpa penilai; rating usulan dan rating resmi (8 % bergeser satu
tingkat; 2 % penilai murah hati, 1 % ketat, 1 % cenderung ke tengah); 10 % pegawai tanpa evaluasi
atasan; 1 % predikat resmi salah pada (di_atas, di_bawah); predikat organisasi per OPD.

Dua ukuran, masing-masing proses anak (waktu dinding dari mulai proses, puncak RSS dari
``os.wait4``), termasuk start-up Python dan impor:

1. ``analisis``: baca tabel hasil ``skor`` dan masukan yang dipakai (Parquet), hitung
   :func:`asn_analitik.analisis.keadilan.analisis_keadilan` (kurva distribusi, kandidat tinjauan,
   kalibrasi penilai, predikat tidak cocok), tulis keempat CSV. Batas: <= 60 s dan <= 8 GiB.
2. ``perintah`` (``--perintah``): ``asn-analitik kalibrasi`` dari ujung ke ujung pada folder
   rating saja (``pegawai.parquet``, ``evaluasi_atasan.parquet``, ``organisasi.parquet``: bentuk
   hasil ``impor ekinerja``), termasuk muat, validasi, dan skor. Dicatat, tanpa batas.

Pemakaian: ``python bench/tolok_kalibrasi.py [--pegawai 4500000] [--perintah]``; hasil di layar
dan ``bench/hasil/tolok_kalibrasi.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

AKAR = Path(__file__).resolve().parent
HASIL = AKAR / "hasil"
_SKRIP = Path(sys.executable).parent / "asn-analitik"
KIT = [str(_SKRIP)] if _SKRIP.exists() else [sys.executable, "-m", "asn_analitik"]
_LABEL = np.array(["Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"], dtype=object)
_KODE = np.array(["di_atas", "sesuai", "di_bawah"], dtype=object)


def _nip_sah(n: int) -> np.ndarray:
    """``n`` NIP PNS yang sah dan unik: lahir 1970-01-01 + k hari, TMT CPNS 22 tahun kemudian
    (bulan 1-12 bergilir), jenis kelamin 1/2, nomor urut 001-999."""
    i = np.arange(n, dtype=np.int64)
    k = i // 999
    lahir = (np.datetime64("1970-01-01") + (k % 7000)).astype("datetime64[D]")
    tahun = lahir.astype("datetime64[Y]").astype(np.int64) + 1970
    bulan = lahir.astype("datetime64[M]").astype(np.int64) % 12 + 1
    tanggal = (lahir - lahir.astype("datetime64[M]")).astype(np.int64) + 1
    tmt = (tahun + 22) * 100 + (k // 7000) % 12 + 1
    angka = ((tahun * 10_000 + bulan * 100 + tanggal) * 10**6 + tmt) * 10_000
    angka += (1 + i % 2) * 1000 + i % 999 + 1
    return angka.astype(str).astype(object)


def buat_data(folder: Path, n: int, seed: int = 2026) -> None:
    """Tulis masukan dan hasil skor sintetis ``n`` pegawai ke ``folder`` (Parquet)."""
    from asn_analitik.konfigurasi import PREDIKAT_ORGANISASI
    from asn_analitik.nilai.aturan import muat_aturan

    rng = np.random.default_rng(seed)
    ukuran = np.maximum(5, rng.lognormal(np.log(150), 0.7, size=n // 150)).astype(np.int64)
    ukuran = ukuran[np.cumsum(ukuran) <= n]
    ukuran = np.r_[ukuran, n - ukuran.sum()] if n > ukuran.sum() else ukuran
    opd = np.repeat(np.arange(len(ukuran)), ukuran)
    awal = np.r_[0, np.cumsum(ukuran)[:-1]]
    urut = np.arange(n) - awal[opd]  # nomor pegawai di OPD-nya; 0 = kepala
    penilai_per_opd = np.maximum(1, -(-ukuran // 8))
    # Penilai: pegawai 1..k di OPD (atasan langsung); mereka dinilai kepala; kepala tanpa penilai.
    pilihan = awal[opd] + 1 + rng.integers(0, np.maximum(penilai_per_opd[opd], 1))
    pilihan = np.minimum(pilihan, awal[opd] + ukuran[opd] - 1)
    atasan = np.where(urut <= penilai_per_opd[opd], awal[opd], pilihan)
    atasan = np.where(urut == 0, -1, atasan)
    nip = pd.Series(_nip_sah(n))
    nama_opd = pd.Series(np.char.add("Instansi ", np.arange(len(ukuran)).astype(str)))
    pegawai = pd.DataFrame(
        {
            "nip": nip,
            "nama": np.char.add("Pegawai ", np.arange(n).astype(str)),
            "opd": nama_opd.to_numpy()[opd],
            "nip_atasan": np.where(atasan >= 0, nip.to_numpy()[np.maximum(atasan, 0)], None),
        }
    )
    usulan = rng.choice(3, size=(n, 2), p=[0.15, 0.7, 0.15])
    jenis = rng.random(n)
    sifat = np.select([jenis < 0.02, jenis < 0.03, jenis < 0.04], [1, 2, 3], 0)[
        np.maximum(atasan, 0)
    ]  # 1 murah hati, 2 ketat, 3 tengah (menurut penilainya)
    geser = rng.choice([-1, 1], size=(n, 2)) * (rng.random((n, 2)) < 0.08)
    resmi = np.clip(usulan + geser, 0, 2)
    resmi[sifat == 1] = np.maximum(usulan[sifat == 1] - 1, 0)
    resmi[sifat == 2] = np.minimum(usulan[sifat == 2] + 1, 2)
    resmi[sifat == 3] = 1
    dinilai = rng.random(n) < 0.9
    matriks = muat_aturan()["permenpanrb_6_2022"]["matriks_predikat"]
    tabel = np.array([[matriks[a][b] for b in _KODE] for a in _KODE], dtype=object)
    akhir = np.where(dinilai[:, None], resmi, usulan)
    predikat = tabel[akhir[:, 0], akhir[:, 1]]
    predikat_resmi = predikat.copy()
    salah = (akhir[:, 0] == 0) & (akhir[:, 1] == 2) & (rng.random(n) < 0.3)
    predikat_resmi[salah] = "Butuh Perbaikan"
    nilai_hk = np.select([usulan[:, 0] == 0, usulan[:, 0] == 1], [115.0, 100.0], 80.0)
    nilai_hk = nilai_hk + rng.uniform(-4, 4, n)
    skor = pd.DataFrame(
        {
            "nip": nip,
            "nama": pegawai["nama"],
            "opd": pegawai["opd"],
            "periode": "2026",
            "nilai_hasil_kerja": nilai_hk.round(6),
            "rating_hasil_kerja_usulan": _LABEL[usulan[:, 0]],
            "nilai_perilaku": (4 - usulan[:, 1] + rng.uniform(-0.4, 0.4, n)).round(6),
            "rating_perilaku_usulan": _LABEL[usulan[:, 1]],
            "rating_hasil_kerja": _LABEL[akhir[:, 0]],
            "rating_perilaku": _LABEL[akhir[:, 1]],
            "predikat": predikat,
            "predikat_resmi": predikat_resmi,
        }
    )
    evaluasi = pd.DataFrame(
        {
            "nip": nip[dinilai].to_numpy(),
            "periode": "2026",
            "rating_hasil_kerja": _KODE[resmi[dinilai, 0]],
            "rating_perilaku": _KODE[resmi[dinilai, 1]],
            "nip_penilai": pegawai["nip_atasan"].to_numpy()[dinilai],
            "predikat_resmi": pd.Series(predikat_resmi[dinilai]).str.lower()
            .str.replace("/misconduct", "").str.replace(" ", "_").to_numpy(),
        }
    )  # fmt: skip
    organisasi = pd.DataFrame(
        {
            "opd": nama_opd,
            "periode": "2026",
            "predikat_organisasi": rng.choice(
                PREDIKAT_ORGANISASI, size=len(ukuran), p=[0.1, 0.7, 0.15, 0.05, 0]
            ),
        }
    )
    ada = atasan >= 0
    ditanam = pd.DataFrame({"nip_penilai": nip.to_numpy()[atasan[ada]], "sifat": sifat[ada]})
    ditanam = ditanam.drop_duplicates("nip_penilai")
    ditanam["sifat"] = np.array(["wajar", "murah_hati", "ketat", "tengah"])[ditanam["sifat"]]
    folder.mkdir(parents=True, exist_ok=True)
    for nama, t in (("skor_pegawai", skor), ("penilai_ditanam", ditanam), ("pegawai", pegawai),
                    ("evaluasi_atasan", evaluasi), ("organisasi", organisasi)):  # fmt: skip
        t.to_parquet(folder / f"{nama}.parquet", index=False)
    (folder / "rating_saja").mkdir(exist_ok=True)
    for nama in ("pegawai", "evaluasi_atasan", "organisasi"):
        tautan = folder / "rating_saja" / f"{nama}.parquet"
        if not tautan.exists():
            tautan.symlink_to(Path("..") / f"{nama}.parquet")


def anak(folder: Path, keluaran: Path) -> None:
    """Proses anak ``analisis``: baca, hitung, tulis; cetak waktu per tahap (JSON)."""
    mulai = time.perf_counter()
    from asn_analitik.analisis.keadilan import analisis_keadilan
    from asn_analitik.keluaran import tulis_tabel
    from asn_analitik.nilai.aturan import muat_aturan

    waktu = {"impor": time.perf_counter() - mulai}
    t = time.perf_counter()
    skor = pd.read_parquet(folder / "skor_pegawai.parquet")
    pegawai = pd.read_parquet(folder / "pegawai.parquet")
    # evaluasi seperti sesudah muat: kode pendek sebagai kategori
    evaluasi = pd.read_parquet(folder / "evaluasi_atasan.parquet").astype("category")
    organisasi = pd.read_parquet(folder / "organisasi.parquet")
    waktu["baca"] = time.perf_counter() - t
    t = time.perf_counter()
    kd = analisis_keadilan(skor, pegawai, evaluasi, organisasi, muat_aturan())
    waktu["hitung"] = time.perf_counter() - t
    t = time.perf_counter()
    keluaran.mkdir(parents=True, exist_ok=True)
    for nama, tabel in kd.tabel().items():
        tulis_tabel(tabel, keluaran, nama)
    waktu["tulis"] = time.perf_counter() - t
    ringkas = {
        "penilai": len(kd.kalibrasi_penilai),
        "penilai_diuji": int((kd.kalibrasi_penilai["status"] != "data_kurang").sum()),
        "penilai_tertandai": int(
            kd.kalibrasi_penilai["status"].isin(["murah_hati", "ketat"]).sum()
        ),
        "kecenderungan_tengah": int((kd.kalibrasi_penilai["kecenderungan_tengah"] == "ya").sum()),
        "opd_periode": len(kd.kurva_distribusi),
        "opd_tidak_sesuai": int((kd.kurva_distribusi["status"] == "tidak_sesuai").sum()),
        "kandidat": len(kd.kandidat_tinjauan),
        "tidak_cocok": len(kd.predikat_tidak_cocok),
    }
    print(json.dumps({"waktu": {k: round(v, 2) for k, v in waktu.items()}, **ringkas}))


def periksa_tanaman(folder: Path, hasil_csv: Path) -> dict:
    """Bandingkan ``kalibrasi_penilai.csv`` dengan sifat penilai yang ditanam (tidak diukur):
    berapa penilai tanaman yang diuji ditemukan, berapa penilai wajar yang ditandai."""
    tanam = pd.read_parquet(folder / "penilai_ditanam.parquet")
    kal = pd.read_csv(hasil_csv, dtype=str, keep_default_na=False)
    kal = kal[kal["status"] != "data_kurang"].merge(tanam, on="nip_penilai", how="left")
    kal["sifat"] = kal["sifat"].fillna("wajar")
    tertanda = kal["status"].isin(["murah_hati", "ketat"])
    tengah = kal["kecenderungan_tengah"] == "ya"
    hasil = {}
    for sifat, ok in (("murah_hati", kal["status"] == "murah_hati"),
                      ("ketat", kal["status"] == "ketat"), ("tengah", tengah)):  # fmt: skip
        pilih = kal["sifat"] == sifat
        hasil[f"{sifat}_ditemukan"] = f"{int((pilih & ok).sum())}/{int(pilih.sum())}"
    diuji = (kal["sifat"] == "tengah") & (kal["kecenderungan_tengah"] != "")
    hasil["tengah_diuji"] = int(diuji.sum())  # cukup nilai ekstrem di bukti (min_ekstrem)
    wajar = kal["sifat"] == "wajar"
    hasil["wajar_ditandai"] = f"{int((wajar & (tertanda | tengah)).sum())}/{int(wajar.sum())}"
    return hasil


def _ukur(perintah: list[str]) -> dict:
    awal = time.perf_counter()
    proses = subprocess.Popen(perintah, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    keluar = proses.stdout.read().decode()
    _, status, pakai = os.wait4(proses.pid, 0)
    detik = time.perf_counter() - awal
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"gagal: {' '.join(perintah)}\n{proses.stderr.read().decode()}")
    return {"detik": round(detik, 2), "puncak_gib": round(pakai.ru_maxrss / 2**20, 2),
            "keluaran": keluar.strip().splitlines()[-1] if keluar.strip() else ""}  # fmt: skip


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pegawai", type=int, default=4_500_000)
    p.add_argument("--perintah", action="store_true", help="juga asn-analitik kalibrasi penuh")
    p.add_argument("--anak", nargs=2, metavar=("FOLDER", "KELUARAN"), help=argparse.SUPPRESS)
    arg = p.parse_args()
    if arg.anak:
        anak(Path(arg.anak[0]), Path(arg.anak[1]))
        return
    folder = AKAR / "data" / f"kalibrasi_{arg.pegawai}"
    if not (folder / "organisasi.parquet").is_file():
        print(f"Membuat data {arg.pegawai:,} pegawai di {folder} (tidak diukur) ...", flush=True)
        buat_data(folder, arg.pegawai)
    hasil = {"pegawai": arg.pegawai, "beban": os.getloadavg()[0]}
    keluaran = AKAR / "data" / f"keluaran_kalibrasi_{arg.pegawai}"
    run = _ukur([sys.executable, __file__, "--anak", str(folder), str(keluaran / "analisis")])
    run.update(json.loads(run.pop("keluaran")))
    if (folder / "penilai_ditanam.parquet").is_file():
        run["tanaman"] = periksa_tanaman(folder, keluaran / "analisis" / "kalibrasi_penilai.csv")
    hasil["analisis"] = run
    print(f"analisis: {run['detik']} s, puncak {run['puncak_gib']} GiB; {run}")
    if arg.perintah:
        run = _ukur([*KIT, "kalibrasi", "--data", str(folder / "rating_saja"),
                     "--keluaran", str(keluaran / "perintah")])  # fmt: skip
        if (folder / "penilai_ditanam.parquet").is_file():
            run["tanaman"] = periksa_tanaman(
                folder, keluaran / "perintah" / "kalibrasi_penilai.csv"
            )
        hasil["perintah"] = run
        print(f"perintah kalibrasi (rating saja): {run['detik']} s, puncak {run['puncak_gib']} GiB;"
              f" {run.get('tanaman')}")  # fmt: skip
    HASIL.mkdir(exist_ok=True)
    berkas = HASIL / "tolok_kalibrasi.json"
    semua = json.loads(berkas.read_text()) if berkas.is_file() else []
    semua.append({"waktu": time.strftime("%Y-%m-%d %H:%M"), **hasil})
    berkas.write_text(json.dumps(semua, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
