"""Tolok ukur tren dan efek pelatihan skala nasional: 4.500.000 pegawai, dua semester.

Data (dibuat sekali, tidak diukur) di ``bench/data/tren_<N>/``, Parquet berbentuk hasil ``skor``
dan tabel masukan yang dipakai ``tren``: ``skor_pegawai`` (2 periode), ``capaian_indikator``
(6 indikator per pegawai-periode, 3 % tanpa realisasi), ``perilaku`` (7 nilai BerAKHLAK),
``riwayat_pelatihan`` (6 % pegawai ikut pelatihan acak di jendela, 10 % sebelumnya; peserta
ditanam: 40 % pegawai yang lemah kualitas mengikuti PLT-004 dengan efek +10 poin, 40 % yang
lemah waktu mengikuti PLT-007 tanpa efek), ``pegawai`` (1 % masuk, 1 % keluar).

Ukuran (proses anak; waktu dinding dari mulai proses dan puncak RSS dari ``os.wait4``,
termasuk start-up Python dan impor): baca Parquet, :func:`asn_analitik.analisis.tren.
analisis_tren` (tren OPD, tren pegawai, perpindahan, efek 57 pelatihan katalog dengan bootstrap
2.000 kali), tulis keempat CSV. Batas: <= 90 s dan <= 8 GiB. Sesudahnya (tidak diukur) efek
PLT-004 dan PLT-007 dibandingkan dengan efek sebenarnya (efek yang ditanam sesudah batas
capaian 0-120, dihitung dari data tandingan tanpa efek).

Data dibuat di memori lalu ditulis (± 12 GiB sesaat untuk 4,5 juta; tidak diukur).
Pemakaian: ``python bench/tolok_tren.py [--pegawai 4500000]``; hasil di layar dan
``bench/hasil/tolok_tren.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

AKAR = Path(__file__).resolve().parent
sys.path.insert(0, str(AKAR))  # tolok_kalibrasi: NIP sah dan pengukur proses anak
HASIL = AKAR / "hasil"
PERIODE = ("2025-S2", "2026-S1")
_ASPEK = np.array(["kuantitas", "kualitas", "waktu", "biaya"])
_LABEL = np.array(["Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"], dtype=object)
EFEK_DITANAM = {"PLT-004": 10.0, "PLT-007": 0.0}


def _kategori(kode: np.ndarray, label) -> pd.Categorical:
    return pd.Categorical.from_codes(kode, categories=pd.Index(label, dtype="str"))


def buat_data(folder: Path, n: int, seed: int = 2026) -> None:
    """Tulis masukan tren sintetis ``n`` pegawai ke ``folder`` (Parquet)."""
    from tolok_kalibrasi import _nip_sah

    from asn_analitik.konfigurasi import BERAKHLAK, PREDIKAT
    from asn_analitik.nilai.aturan import muat_aturan

    rng = np.random.default_rng(seed)
    nip = _nip_sah(n)
    opd = rng.integers(0, n // 190 + 1, n)
    nama_opd = np.char.add("Instansi ", np.arange(n // 190 + 1).astype(str)).astype(object)
    # Tingkat tiap pegawai per aspek; kualitas/waktu lemah untuk 12 % masing-masing.
    tingkat = 100 + rng.normal(0, 4, (n, 4))
    lemah_k, lemah_w = rng.random(n) < 0.12, rng.random(n) < 0.12
    tingkat[lemah_k, 1] -= 30
    tingkat[lemah_w, 2] -= 35
    # Peserta ditanam: dipilih dari yang lemah menurut bukti periode awal (dihitung di bawah).
    k_ind = 6
    ep = np.repeat(np.arange(2 * n), k_ind)  # ep = 2 x pegawai + periode
    pegawai_ep, periode_ep = ep // 2, ep % 2
    aspek = np.tile(np.array([0, 0, 1, 1, 2, 3]), 2 * n)
    capaian = tingkat[pegawai_ep, aspek] + rng.normal(0, 8, len(ep))
    # Regresi ke rata-rata: 40 % yang lemah membaik di periode kedua.
    membaik = rng.random(n) < 0.4
    naik = (
        (periode_ep == 1)
        & membaik[pegawai_ep]
        & (((aspek == 1) & lemah_k[pegawai_ep]) | ((aspek == 2) & lemah_w[pegawai_ep]))
    )
    capaian[naik] += 30
    ada = rng.random(len(ep)) >= 0.03
    awal = (periode_ep == 0) & ada
    jumlah = np.bincount(pegawai_ep[awal] * 4 + aspek[awal], capaian[awal], n * 4)
    banyak = np.bincount(pegawai_ep[awal] * 4 + aspek[awal], None, n * 4)
    with np.errstate(invalid="ignore"):
        rerata_awal = (jumlah / banyak).reshape(n, 4)
    ikut = {"PLT-004": (rerata_awal[:, 1] < 90) & (rng.random(n) < 0.4),
            "PLT-007": (rerata_awal[:, 2] < 90) & (rng.random(n) < 0.4)}  # fmt: skip
    tambah = (periode_ep == 1) & ikut["PLT-004"][pegawai_ep] & (aspek == 1)
    tanpa_efek = np.clip(capaian, 0, 120).round(6)
    capaian[tambah] += EFEK_DITANAM["PLT-004"]
    capaian = np.clip(capaian, 0, 120).round(6)
    # Efek sebenarnya pada peserta sesudah batas 0-120: rata-rata (capaian kualitas 2026-S1
    # dengan efek - tanpa efek) per peserta yang melaporkannya, seperti diukur kit.
    akhir_k = (periode_ep == 1) & (aspek == 1) & ada
    beda = np.bincount(pegawai_ep[akhir_k], capaian[akhir_k] - tanpa_efek[akhir_k], n)
    banyak_k = np.bincount(pegawai_ep[akhir_k], None, n)
    diukur = ikut["PLT-004"] & (banyak_k > 0)
    efek_sebenarnya = {"PLT-004": float((beda[diukur] / banyak_k[diukur]).mean()), "PLT-007": 0.0}
    del tanpa_efek, beda
    capaian_ind = pd.DataFrame(
        {
            "nip": _kategori(pegawai_ep, nip),
            "periode": _kategori(periode_ep, PERIODE),
            "aspek": _kategori(aspek, _ASPEK),
            "capaian": np.where(ada, capaian, 0.0),
            "bobot": 1.0,
            "status": _kategori(np.where(ada, 0, 1), ["dilaporkan", "tidak_dilaporkan"]),
        }
    )
    nilai_hk = np.bincount(ep, np.where(ada, capaian, 0.0), 2 * n) / k_ind
    tidak = np.bincount(ep, ~ada, 2 * n)
    del capaian, ada, aspek, tambah, naik, pegawai_ep, periode_ep
    # Perilaku: 7 nilai, 10 % pegawai lemah akuntabel (nilai 2).
    nilai = rng.choice([3, 4], size=(2 * n, 7), p=[0.7, 0.3]).astype(float)
    lemah_a = np.repeat(rng.random(n) < 0.1, 2)
    nilai[lemah_a, BERAKHLAK.index("akuntabel")] = 2
    perilaku = pd.DataFrame(
        {
            "nip": _kategori(np.repeat(np.arange(2 * n) // 2, 7), nip),
            "periode": _kategori(np.repeat(np.arange(2 * n) % 2, 7), PERIODE),
            "aspek": _kategori(np.tile(np.arange(7), 2 * n), list(BERAKHLAK)),
            "nilai": nilai.ravel(),
        }
    )
    # Masuk (tanpa periode awal) dan keluar (tanpa periode akhir): 1 % masing-masing.
    u = rng.random(n)
    hadir = np.ones(2 * n, bool)
    hadir[2 * np.flatnonzero(u < 0.01)] = False
    hadir[2 * np.flatnonzero((u >= 0.01) & (u < 0.02)) + 1] = False
    rating_hk = np.select([nilai_hk >= 110, nilai_hk >= 90], [0, 1], 2)
    rerata_p = nilai.mean(axis=1)
    rating_p = np.select([rerata_p >= 3.5, rerata_p >= 2.5], [0, 1], 2)
    matriks = muat_aturan()["permenpanrb_6_2022"]["matriks_predikat"]
    kode = ["di_atas", "sesuai", "di_bawah"]
    tabel = np.array([[matriks[a][b] for b in kode] for a in kode], dtype=object)
    ep_ada = np.flatnonzero(hadir)
    skor = pd.DataFrame(
        {
            "nip": pd.array(nip[ep_ada // 2], dtype="str"),
            "nama": pd.array(np.char.add("Pegawai ", (ep_ada // 2).astype(str)), dtype="str"),
            "opd": pd.array(nama_opd[opd[ep_ada // 2]], dtype="str"),
            "periode": pd.array(np.asarray(PERIODE, dtype=object)[ep_ada % 2], dtype="str"),
            "nilai_hasil_kerja": nilai_hk[ep_ada].round(6),
            "rating_hasil_kerja_usulan": _LABEL[rating_hk[ep_ada]],
            "nilai_perilaku": rerata_p[ep_ada].round(6),
            "rating_perilaku_usulan": _LABEL[rating_p[ep_ada]],
            "rating_hasil_kerja": _LABEL[rating_hk[ep_ada]],
            "rating_perilaku": _LABEL[rating_p[ep_ada]],
            "predikat": pd.array(tabel[rating_hk[ep_ada], rating_p[ep_ada]], dtype="str"),
            "jumlah_indikator": k_ind,
            "indikator_tidak_dilaporkan": tidak[ep_ada],
        }
    )
    assert set(skor["predikat"].unique()) <= set(PREDIKAT)
    # Riwayat: peserta ditanam di jendela; pelatihan acak di jendela dan sebelumnya.
    hari = np.datetime64("2026-01-05") + rng.integers(0, 140, n)
    sebelum = np.datetime64("2025-02-03") + rng.integers(0, 290, n)
    lain = np.array(["PLT-001", "PLT-005", "PLT-015", "PLT-021", "PLT-026", "PLT-056"])
    acak_j, acak_s = rng.random(n) < 0.06, rng.random(n) < 0.10
    pilih_j, pilih_s = rng.integers(0, len(lain), n), rng.integers(0, len(lain), n)
    bagian = [
        (np.flatnonzero(ikut["PLT-004"]), "PLT-004", hari, 32.0),
        (np.flatnonzero(ikut["PLT-007"]), "PLT-007", hari, 24.0),
    ]
    riwayat = [pd.DataFrame({"nip": nip[i], "kode_pelatihan": k, "tanggal": t[i], "jp": jp})
               for i, k, t, jp in bagian]  # fmt: skip
    for pilih, kode_acak, tanggal in ((acak_j, pilih_j, hari), (acak_s, pilih_s, sebelum)):
        i = np.flatnonzero(pilih)
        riwayat.append(pd.DataFrame({"nip": nip[i], "kode_pelatihan": lain[kode_acak[i]],
                                     "tanggal": tanggal[i], "jp": 8.0}))  # fmt: skip
    riwayat = pd.concat(riwayat, ignore_index=True).astype({"nip": "str", "kode_pelatihan": "str"})
    riwayat["tanggal"] = pd.to_datetime(riwayat["tanggal"])
    folder.mkdir(parents=True, exist_ok=True)
    # Tabel per baris indikator/perilaku disimpan sebagai kode kategori + daftar kategorinya,
    # lalu dibaca kembali menjadi Categorical: begitulah kit memegangnya sesudah muat (kategori
    # NIP = NIP pegawai). Parquet kategori berkamus 4,5 juta NIP per row group butuh > 2 menit
    # hanya untuk menyatukan kamusnya saat dibaca.
    simpan_kode(folder, skor, capaian_ind, perilaku)
    riwayat.to_parquet(folder / "riwayat_pelatihan.parquet", index=False)
    (folder / "efek_sebenarnya.json").write_text(json.dumps(efek_sebenarnya))


def simpan_kode(folder: Path, skor, capaian_ind, perilaku) -> None:
    """Simpan tabel; kolom kategori tabel per baris sebagai kode + kategorinya (NIP sekali di
    ``nip.parquet``, dipakai bersama seperti di kit), kolom teks berulang ``skor`` sebagai
    kategori Parquet (kamus kecil)."""
    kategori = {}
    for nama, t in (("capaian_indikator", capaian_ind), ("perilaku", perilaku)):
        kode = {}
        for k in t.columns:
            if isinstance(t[k].dtype, pd.CategoricalDtype):
                if k != "nip":
                    kategori[f"{nama}.{k}"] = t[k].cat.categories.tolist()
                kode[k] = t[k].cat.codes.to_numpy()
            else:
                kode[k] = t[k].to_numpy()
        pd.DataFrame(kode).to_parquet(folder / f"{nama}.parquet", index=False)
    nip = capaian_ind["nip"].cat.categories
    pd.DataFrame({"nip": pd.array(nip, dtype="str")}).to_parquet(folder / "nip.parquet")
    (folder / "kategori.json").write_text(json.dumps(kategori))
    berulang = ["opd", "periode", "predikat", "rating_hasil_kerja_usulan", "rating_perilaku_usulan",
                "rating_hasil_kerja", "rating_perilaku"]  # fmt: skip
    skor.astype({k: "category" for k in berulang}).to_parquet(
        folder / "skor_pegawai.parquet", index=False
    )


def baca_kode(folder: Path, nama: str, kategori: dict, nip: pd.Index) -> pd.DataFrame:
    """Baca tabel yang disimpan :func:`simpan_kode` sebagai kode, kembali sebagai Categorical
    (kategori NIP dipakai bersama)."""
    t = pq.read_table(folder / f"{nama}.parquet").to_pandas(self_destruct=True)
    for k in t.columns:
        label = nip if k == "nip" else kategori.get(f"{nama}.{k}")
        if label is not None:
            label = label if isinstance(label, pd.Index) else pd.Index(label, dtype="str")
            t[k] = pd.Categorical.from_codes(t[k].to_numpy(), categories=label)
    return t


def anak(folder: Path, keluaran: Path) -> None:
    """Proses anak: baca, hitung, tulis; cetak waktu per tahap (JSON)."""
    mulai = time.perf_counter()
    from asn_analitik.analisis.tren import analisis_tren
    from asn_analitik.keluaran import tulis_tabel
    from asn_analitik.konfigurasi import KATALOG_BAWAAN
    from asn_analitik.masuk.muat import muat_katalog
    from asn_analitik.nilai.aturan import muat_aturan

    waktu = {"impor": time.perf_counter() - mulai}
    t = time.perf_counter()
    skor = pd.read_parquet(folder / "skor_pegawai.parquet")
    kategori = json.loads((folder / "kategori.json").read_text())
    nip = pd.Index(pd.read_parquet(folder / "nip.parquet")["nip"], dtype="str")
    capaian = baca_kode(folder, "capaian_indikator", kategori, nip)
    perilaku = baca_kode(folder, "perilaku", kategori, nip)
    riwayat = pd.read_parquet(folder / "riwayat_pelatihan.parquet")
    katalog = muat_katalog(KATALOG_BAWAAN)
    waktu["baca"] = time.perf_counter() - t
    t = time.perf_counter()
    tr = analisis_tren(skor, capaian, perilaku, None, riwayat, katalog, None, muat_aturan())
    waktu["hitung"] = time.perf_counter() - t
    t = time.perf_counter()
    keluaran.mkdir(parents=True, exist_ok=True)
    for nama, tabel in tr.tabel().items():
        tulis_tabel(tabel, keluaran, nama)
    waktu["tulis"] = time.perf_counter() - t
    ringkas = {
        "tren_opd": len(tr.tren_opd),
        "tren_pegawai": len(tr.tren_pegawai),
        "perpindahan": tr.perpindahan_pegawai["jenis"].value_counts().to_dict(),
        "efek_dinilai": int((tr.efek_pelatihan["kesimpulan"] != "data_kurang").sum()),
    }
    print(json.dumps({"waktu": {k: round(v, 2) for k, v in waktu.items()}, **ringkas}))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pegawai", type=int, default=4_500_000)
    p.add_argument("--anak", nargs=2, metavar=("FOLDER", "KELUARAN"), help=argparse.SUPPRESS)
    arg = p.parse_args()
    if arg.anak:
        anak(Path(arg.anak[0]), Path(arg.anak[1]))
        return
    folder = AKAR / "data" / f"tren_{arg.pegawai}"
    if not (folder / "efek_sebenarnya.json").is_file():
        print(f"Membuat data {arg.pegawai:,} pegawai di {folder} (tidak diukur) ...", flush=True)
        buat_data(folder, arg.pegawai)
    keluaran = AKAR / "data" / f"keluaran_tren_{arg.pegawai}"
    hasil = {"pegawai": arg.pegawai, "beban": os.getloadavg()[0]}
    from tolok_kalibrasi import _ukur  # waktu dinding dan puncak RSS proses anak

    run = _ukur([sys.executable, __file__, "--anak", str(folder), str(keluaran)])
    run.update(json.loads(run.pop("keluaran")))
    efek = pd.read_csv(keluaran / "efek_pelatihan.csv").set_index("kode_pelatihan")
    sebenarnya = json.loads((folder / "efek_sebenarnya.json").read_text())
    run["efek"] = {
        k: {"ditanam": v, "sebenarnya": round(sebenarnya[k], 6),
            "taksiran": float(efek.loc[k, "efek"]),
            "interval": [float(efek.loc[k, "batas_bawah"]), float(efek.loc[k, "batas_atas"])],
            "kesimpulan": efek.loc[k, "kesimpulan"], "peserta": int(efek.loc[k, "jumlah_peserta"]),
            "pembanding": int(efek.loc[k, "jumlah_pembanding"])}
        for k, v in EFEK_DITANAM.items()
    }  # fmt: skip
    hasil["tren"] = run
    print(f"tren: {run['detik']} s, puncak {run['puncak_gib']} GiB; {run}")
    HASIL.mkdir(exist_ok=True)
    berkas = HASIL / "tolok_tren.json"
    semua = json.loads(berkas.read_text()) if berkas.is_file() else []
    semua.append({"waktu": time.strftime("%Y-%m-%d %H:%M"), **hasil})
    berkas.write_text(json.dumps(semua, indent=1, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
