"""Penilaian: capaian tiap indikator, nilai per pegawai dan periode, rating, predikat.

Dua metode (kontrak v1, bagian 3): ``permenpanrb_6_2022`` (bawaan) dan ``pp46_2011`` (SKP
lama). Semua langkah tervektorisasi: kunci (NIP, periode) difaktorkan sekali menjadi bilangan
bulat dan agregasi memakai ``numpy.bincount``, sehingga tidak ada perulangan Python per baris.
Angka keluaran dibulatkan ke 6 desimal sebelum ambang dipakai, agar angka yang tampil dan
rating yang diberikan selalu konsisten, dan urutan baris masukan tidak mengubah hasil.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from ..konfigurasi import ARAH_BAWAAN, ASPEK, METODE, PREDIKAT, PREDIKAT_RESMI, RATING, RATING_LABEL
from ..masuk.kunci import faktor, kode_dalam, teks_arrow
from ..masuk.muat import DataMasuk
from ..masuk.periode import kunci_urut_periode
from .aturan import muat_aturan

__all__ = [
    "HasilSkor",
    "KOLOM_SKOR_6_2022",
    "KOLOM_SKOR_PP46",
    "hitung_capaian",
    "peringkat_dalam_opd",
    "skor",
]

DESIMAL = 6
_AWAL = ["nip", "nama", "opd", "unit_kerja", "jabatan", "periode"] + [f"capaian_{a}" for a in ASPEK]
_AKHIR = ["jumlah_indikator", "indikator_tidak_dilaporkan", "indikator_ditolak", "peringkat_opd"]
KOLOM_SKOR_6_2022 = [
    *_AWAL,
    "nilai_hasil_kerja",
    "rating_hasil_kerja_usulan",
    "nilai_perilaku",
    "rating_perilaku_usulan",
    "rating_hasil_kerja",
    "rating_perilaku",
    "sumber_rating",
    "predikat",
    *_AKHIR,
]
KOLOM_SKOR_PP46 = [
    *_AWAL,
    "nilai_skp",
    "nilai_perilaku",
    "nilai_prestasi_kerja",
    "sebutan",
    *_AKHIR,
]


@dataclass
class HasilSkor:
    """Hasil :func:`skor`.

    Attributes
    ----------
    skor_pegawai
        Satu baris per pegawai dan periode (kolom kontrak v1, bagian 5).
    capaian_indikator
        Setiap baris indikator yang dinilai, dengan ``berkas``, ``baris``, ``capaian``,
        ``status``.
    metode
        Metode yang dipakai.
    aturan
        Aturan (ambang, matriks, rumus) yang dipakai, untuk manifest.
    perilaku_kurang
        Pegawai-periode yang nilai BerAKHLAK sahnya terlalu sedikit (aturan
        ``perilaku.min_nilai``): ``nip``, ``periode``, ``jumlah_sah``, ``jumlah_dikirim``; nilai
        dan rating perilaku usulannya kosong.
    """

    skor_pegawai: pd.DataFrame
    capaian_indikator: pd.DataFrame
    metode: str
    aturan: dict
    perilaku_kurang: pd.DataFrame | None = None


def _lengkapi_indikator(indikator: pd.DataFrame) -> pd.DataFrame:
    """Isi nilai bawaan kontrak: ``arah`` menurut aspek, ``bobot`` 1."""
    data = indikator.copy(deep=False)
    bawaan_turun = data["aspek"].isin([a for a, arah in ARAH_BAWAAN.items() if arah == "turun"])
    turun = np.where(data["arah"].isna(), bawaan_turun, data["arah"] == "turun")
    data["arah"] = pd.Categorical.from_codes(turun.astype(np.int8), categories=["naik", "turun"])
    data["bobot"] = data["bobot"].fillna(1.0)
    return data


def hitung_capaian(
    target: np.ndarray, realisasi: np.ndarray, turun: np.ndarray, metode: str, aturan: dict
) -> np.ndarray:
    """Capaian satu indikator per baris; realisasi kosong (``NaN``) memberi 0.

    Examples
    --------
    >>> a = muat_aturan()
    >>> hitung_capaian(np.array([100.0, 10]), np.array([85.5, 12]), np.array([False, True]),
    ...                "permenpanrb_6_2022", a).round(2).tolist()
    [85.5, 80.0]
    >>> hitung_capaian(np.array([12.0]), np.array([12.0]), np.array([True]), "pp46_2011", a)
    array([76.])
    """
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        return _capaian(target, realisasi, turun, metode, aturan)


def _capaian(target, realisasi, turun, metode, aturan) -> np.ndarray:
    r = realisasi / target
    if metode == "permenpanrb_6_2022":
        batas = aturan["permenpanrb_6_2022"]["capaian"]
        nilai = np.where(turun, 100.0 * (2.0 - r), 100.0 * r)
        nilai = np.clip(nilai, batas["batas_bawah"], batas["batas_atas"])
    else:
        p = aturan["pp46_2011"]["turun"]
        dasar = 100.0 * (p["konstanta"] * target - realisasi) / target
        # Dibulatkan agar R = 0,76 T tepat di ambang 24 (bukan 24,000000000000014).
        efisiensi = np.round(100.0 - 100.0 * r, DESIMAL)
        nilai_turun = np.where(efisiensi <= p["batas_efisiensi"], dasar, 76.0 - (dasar - 100.0))
        nilai = np.maximum(np.where(turun, nilai_turun, 100.0 * r), 0.0)
    return np.where(np.isnan(realisasi), 0.0, nilai)


def _rata_tertimbang(kelompok: np.ndarray, nilai: np.ndarray, bobot: np.ndarray, n: int):
    jumlah_bobot = np.bincount(kelompok, weights=bobot, minlength=n)
    jumlah = np.bincount(kelompok, weights=nilai * bobot, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(jumlah_bobot > 0, jumlah / jumlah_bobot, np.nan)


def _ambang(nilai: np.ndarray, ambang: dict) -> np.ndarray:
    """Kode rating (urutan :data:`RATING`: 0 di atas, 1 sesuai, 2 di bawah) dari angka; -1 bila
    angkanya kosong."""
    with np.errstate(invalid="ignore"):
        kode = np.where(nilai >= ambang["di_atas"], 0, np.where(nilai >= ambang["sesuai"], 1, 2))
    return np.where(np.isnan(nilai), -1, kode).astype(np.int8)


def _teks_kode(kode: np.ndarray, kamus) -> pd.arrays.ArrowStringArray:
    """Teks ``kamus[kode]`` per baris (``-1`` = kosong) sebagai kolom ``str``, tanpa objek
    Python per baris."""
    kode = np.asarray(kode)
    return pd.array(teks_arrow(kamus).take(pa.array(kode, mask=kode < 0)), dtype="str")


def _ambil(kolom: pd.Series, posisi: np.ndarray):
    """``kolom`` pada baris ``posisi`` (teks tetap teks biasa; ``Categorical`` lewat kodenya)."""
    if isinstance(kolom.dtype, pd.CategoricalDtype):
        kode = kolom.cat.codes.to_numpy()[posisi]
        return _teks_kode(kode, np.asarray(kolom.cat.categories, dtype=object))
    if kolom.dtype == "str":
        return pd.array(teks_arrow(kolom).take(pa.array(posisi)), dtype="str")
    return kolom.to_numpy()[posisi]


def _kunci_pegawai_periode(data: pd.DataFrame, nip: pd.Index, periode: pd.Index) -> np.ndarray:
    """Kunci bulat (pegawai, periode) = kode NIP x jumlah periode + kode periode."""
    return kode_dalam(data["nip"], nip) * len(periode) + kode_dalam(data["periode"], periode)


def peringkat_dalam_opd(
    skor_pegawai: pd.DataFrame, kolom_urut: list[tuple[str, bool]]
) -> pd.Series:
    """Peringkat dalam (opd, periode): 1 = terbaik; nilai sama berbagi peringkat.

    Parameters
    ----------
    kolom_urut
        Pasangan (kolom, menaik) dari kriteria terpenting; kosong selalu di belakang.

    Examples
    --------
    >>> d = pd.DataFrame({"opd": ["A"] * 4, "periode": ["2026"] * 4, "x": [90.0, 95, 90, None]})
    >>> peringkat_dalam_opd(d, [("x", False)]).tolist()
    [2, 1, 2, 4]
    """
    n = len(skor_pegawai)
    grup, kosong_grup = [], np.zeros(n, dtype=bool)
    for k in ("opd", "periode"):
        kode, unik = faktor(skor_pegawai[k])  # urutan teks; kosong di belakang, grup sendiri
        kosong_grup |= kode < 0
        grup.append(np.where(kode < 0, len(unik), kode))
    nilai = []
    for kolom, menaik in kolom_urut:
        x = skor_pegawai[kolom].to_numpy(dtype="float64", na_value=np.nan)
        nilai.append(np.where(np.isnan(x), np.inf, x if menaik else -x))
    urutan = np.lexsort([*reversed(nilai), grup[1], grup[0]])
    baru_grup = np.ones(n, dtype=bool)
    baru_grup[1:] = (np.diff(grup[0][urutan]) != 0) | (np.diff(grup[1][urutan]) != 0)
    baru_grup |= kosong_grup[urutan]
    baru_nilai = baru_grup.copy()
    for x in nilai:
        x = x[urutan]
        baru_nilai[1:] |= x[1:] != x[:-1]
    indeks = np.arange(n)
    awal_grup = np.maximum.accumulate(np.where(baru_grup, indeks, 0))
    awal_nilai = np.maximum.accumulate(np.where(baru_nilai, indeks, 0))
    peringkat = np.empty(n, dtype=np.int64)
    peringkat[urutan] = awal_nilai - awal_grup + 1
    return pd.Series(peringkat, index=skor_pegawai.index)


def _capaian_indikator(indikator: pd.DataFrame, metode: str, aturan: dict, berkas: str):
    data = _lengkapi_indikator(indikator)
    turun = (data["arah"] == "turun").to_numpy()
    capaian = hitung_capaian(
        data["target"].to_numpy(float), data["realisasi"].to_numpy(float), turun, metode, aturan
    )
    data["capaian"] = np.round(capaian, DESIMAL)
    # Kolom berulang disimpan sebagai Categorical (kode 1 byte per baris, bukan teks).
    data["status"] = pd.Categorical.from_codes(
        data["realisasi"].isna().to_numpy(np.int8), categories=["dilaporkan", "tidak_dilaporkan"]
    )
    data["berkas"] = pd.Categorical.from_codes(np.zeros(len(data), np.int8), categories=[berkas])
    data = data.rename(columns={"_baris": "baris"})
    depan = ["berkas", "baris", "nip", "periode", "rhk", "indikator", "aspek", "satuan"]
    tengah = ["target", "realisasi", "arah", "bobot", "capaian", "status"]
    lain = [k for k in data.columns if k not in depan + tengah]
    return data[depan + tengah + lain], capaian


def _nilai_hasil_kerja(ci, capaian, kunci, n, metode) -> dict[str, np.ndarray]:
    """Nilai per (pegawai, periode) dan per aspek dari capaian tiap baris."""
    bobot = ci["bobot"].to_numpy(float) if metode == "permenpanrb_6_2022" else np.ones(len(ci))
    kolom = {}
    aspek = pd.Index(ASPEK).get_indexer(ci["aspek"])
    for i, nama in enumerate(ASPEK):
        pilih = aspek == i
        kolom[f"capaian_{nama}"] = _rata_tertimbang(kunci[pilih], capaian[pilih], bobot[pilih], n)
    if metode == "permenpanrb_6_2022":
        kolom["nilai_hasil_kerja"] = _rata_tertimbang(kunci, capaian, bobot, n)
    else:
        # Kegiatan = baris dengan (nip, periode, rhk) sama; baris tanpa rhk kegiatan sendiri.
        rhk, daftar_rhk = pd.factorize(ci["rhk"])
        tanpa = rhk < 0
        rhk = np.where(tanpa, len(daftar_rhk) + np.arange(len(ci)), rhk)
        kegiatan, _ = pd.factorize(kunci.astype(np.int64) * (len(daftar_rhk) + len(ci)) + rhk)
        jumlah_kegiatan = int(kegiatan.max()) + 1 if len(kegiatan) else 0
        nilai_kegiatan = _rata_tertimbang(kegiatan, capaian, np.ones(len(ci)), jumlah_kegiatan)
        pemilik = np.zeros(jumlah_kegiatan, dtype=np.int64)
        pemilik[kegiatan] = kunci
        kolom["nilai_skp"] = _rata_tertimbang(pemilik, nilai_kegiatan, np.ones(len(pemilik)), n)
    kolom["jumlah_indikator"] = np.bincount(kunci, minlength=n)
    kolom["indikator_tidak_dilaporkan"] = np.bincount(
        kunci, weights=ci["realisasi"].isna().to_numpy(float), minlength=n
    ).astype(np.int64)
    return kolom


_SUMBER = ("atasan", "usulan", "campuran")
_LABEL_RATING = [RATING_LABEL[r] for r in RATING]


def _kode_rating(nilai: pd.Series) -> np.ndarray:
    """Kode :data:`RATING` tiap baris (-1 bila kosong)."""
    if isinstance(nilai.dtype, pd.CategoricalDtype):
        peta = np.append(pd.Index(RATING).get_indexer(nilai.cat.categories.astype("str")), -1)
        return peta[nilai.cat.codes.to_numpy()]
    return pd.Index(RATING).get_indexer(nilai)


def _rating_final(usulan: dict, evaluasi: pd.DataFrame | None, kunci_eval, n: int):
    """Rating atasan (resmi) menggantikan rating usulan; kembalikan (kode rating akhir per
    jenis, kode sumber :data:`_SUMBER`)."""
    akhir, sumber = {}, []
    for jenis in ("hasil_kerja", "perilaku"):
        atasan = np.full(n, -1, dtype=np.int8)
        if evaluasi is not None:
            kode = _kode_rating(evaluasi[f"rating_{jenis}"])
            isi = kode >= 0
            atasan[kunci_eval[isi]] = kode[isi]
        akhir[jenis] = np.where(atasan >= 0, atasan, usulan[jenis])
        sumber.append(np.where(atasan >= 0, 0, np.where(usulan[jenis] >= 0, 1, -1)))
    a, b = sumber
    return akhir, np.where((a == b) | (b == -1), a, np.where(a == -1, b, 2))


def _predikat(hasil_kerja: np.ndarray, perilaku: np.ndarray, matriks: dict):
    """(kode predikat per baris, daftar label) dari kode rating akhir dan matriks predikat."""
    tabel = pd.DataFrame(matriks).T  # baris: hasil kerja, kolom: perilaku
    isi = tabel.loc[list(RATING), list(RATING)].to_numpy(dtype=object)
    label = list(dict.fromkeys(isi.ravel()))
    kode_isi = np.array([[label.index(v) for v in b] for b in isi])
    ada = (hasil_kerja >= 0) & (perilaku >= 0)
    kode = kode_isi[np.maximum(hasil_kerja, 0), np.maximum(perilaku, 0)]
    return np.where(ada, kode, -1), label


def _sebutan(nilai: pd.Series, aturan: dict):
    pp46 = aturan["pp46_2011"]
    kondisi = [nilai >= ambang for ambang, _ in pp46["sebutan"]] + [nilai.notna()]
    label = [s for _, s in pp46["sebutan"]] + [pp46["sebutan_terendah"]]
    return _teks_kode(np.select(kondisi, range(len(label)), default=-1), label)


def skor(
    data: DataMasuk, metode: str = "permenpanrb_6_2022", aturan: dict | None = None
) -> HasilSkor:
    """Nilai semua pegawai aktif pada periode yang dipilih di ``data``.

    Parameters
    ----------
    data
        Hasil :func:`asn_analitik.muat` (dan :func:`asn_analitik.pilih_periode`).
    metode
        ``permenpanrb_6_2022`` (bawaan) atau ``pp46_2011``.
    aturan
        Aturan dari :func:`asn_analitik.muat_aturan`; ``None`` = bawaan.

    Returns
    -------
    HasilSkor
    """
    if metode not in METODE:
        raise ValueError(f"metode harus salah satu dari {METODE}")
    aturan = aturan or muat_aturan()
    pegawai = data.tabel["pegawai"]
    perilaku = data.tabel.get("perilaku")
    evaluasi = data.tabel.get("evaluasi_atasan")
    if data.tabel.get("indikator") is None:  # folder rating saja (impor e-Kinerja/SIASN)
        ci, capaian = _capaian_indikator(_indikator_kosong(), metode, aturan, "")
    else:
        ci, capaian = _capaian_indikator(
            data.tabel["indikator"], metode, aturan, data.berkas["indikator"].name
        )
    ditolak = _ditolak_milik(data, "indikator")
    pr_ditolak = _ditolak_milik(data, "perilaku")

    # Semesta (pegawai, periode): siapa pun yang punya indikator, perilaku, evaluasi atau
    # indikator yang ditolak pada periode terpilih.
    nip = data.nip_pegawai
    periode = pd.Index(data.periode_dipilih or data.periode, dtype="str")
    n = len(nip) * len(periode)
    kunci = {
        nama: _kunci_pegawai_periode(t, nip, periode)
        for nama, t in (("ci", ci), ("ditolak", ditolak), ("pr", perilaku), ("ev", evaluasi))
        if t is not None
    }
    kunci_pr_ditolak = _kunci_pegawai_periode(pr_ditolak, nip, periode)
    kolom = _nilai_hasil_kerja(ci, capaian, kunci["ci"], n, metode)
    kolom["indikator_ditolak"] = np.bincount(kunci["ditolak"], minlength=n)
    kolom["nilai_perilaku"] = np.full(n, np.nan)
    kolom["_jumlah_perilaku"] = kolom["_dikirim_perilaku"] = np.zeros(n, dtype=np.int64)
    if perilaku is not None:
        nilai = perilaku["nilai"].to_numpy(float)
        rata = _rata_tertimbang(kunci["pr"], nilai, np.ones(len(nilai)), n)
        jumlah = np.bincount(kunci["pr"], minlength=n)
        dikirim = jumlah + np.bincount(kunci_pr_ditolak, minlength=n)
        perlu = np.minimum(aturan["perilaku"]["min_nilai"], dikirim)
        kolom["nilai_perilaku"] = np.where((jumlah > 0) & (jumlah >= perlu), rata, np.nan)
        kolom["_jumlah_perilaku"] = jumlah
        kolom["_dikirim_perilaku"] = dikirim
    ada = np.zeros(n, dtype=bool)
    for k in kunci.values():
        ada[k] = True
    hasil = pd.DataFrame({k: v[ada] for k, v in kolom.items()})
    posisi = np.flatnonzero(ada)
    kode_nip = posisi // len(periode)
    hasil["nip"] = _teks_kode(kode_nip, nip)
    hasil["periode"] = _teks_kode(posisi % len(periode), periode)
    baris_pegawai = np.full(len(nip), -1)
    baris_pegawai[pegawai["nip"].cat.codes.to_numpy()] = np.arange(len(pegawai))
    for k in ("nama", "opd", "unit_kerja", "jabatan"):
        hasil[k] = _ambil(pegawai[k], baris_pegawai[kode_nip])
    bulat = [k for k in hasil.columns if k.startswith(("capaian_", "nilai_"))]
    hasil[bulat] = hasil[bulat].round(DESIMAL)

    if metode == "permenpanrb_6_2022":
        hasil = _lengkapi_6_2022(hasil, evaluasi, kunci.get("ev"), ada, aturan)
        if _ada_kolom(data, "evaluasi_atasan", "predikat_resmi"):
            hasil["predikat_resmi"] = _dari_evaluasi(
                evaluasi["predikat_resmi"].map(PREDIKAT_RESMI), hasil.index, ada, kunci["ev"]
            )
        urut = [("_urut_predikat", True), ("nilai_hasil_kerja", False), ("nilai_perilaku", False)]
        kolom_akhir = KOLOM_SKOR_6_2022 + ["predikat_resmi"] * ("predikat_resmi" in hasil)
    else:
        pp46 = aturan["pp46_2011"]
        hasil["nilai_perilaku"] = (hasil["nilai_perilaku"] * pp46["skala_perilaku"]).round(DESIMAL)
        hasil["nilai_prestasi_kerja"] = (
            pp46["bobot_skp"] * hasil["nilai_skp"]
            + pp46["bobot_perilaku"] * hasil["nilai_perilaku"]
        ).round(DESIMAL)
        hasil["sebutan"] = _sebutan(hasil["nilai_prestasi_kerja"], aturan)
        urut = [("nilai_prestasi_kerja", False), ("nilai_skp", False), ("nilai_perilaku", False)]
        kolom_akhir = KOLOM_SKOR_PP46
    hasil["peringkat_opd"] = peringkat_dalam_opd(hasil, urut)
    # Urutan baris: waktu periode, OPD, peringkat, NIP (teks diurutkan lewat kodenya).
    kunci_urut = [kunci_urut_periode(hasil["periode"]).to_numpy()]
    for k in ("opd", "peringkat_opd", "nip"):
        kode, unik = faktor(hasil[k]) if k != "peringkat_opd" else (hasil[k].to_numpy(), None)
        kunci_urut.append(np.where(kode < 0, len(unik), kode) if unik is not None else kode)
    hasil = hasil.take(np.lexsort(kunci_urut[::-1]))
    kurang = hasil[(hasil["_dikirim_perilaku"] > 0) & hasil["nilai_perilaku"].isna()]
    kurang = kurang[["nip", "periode", "_jumlah_perilaku", "_dikirim_perilaku"]].rename(
        columns={"_jumlah_perilaku": "jumlah_sah", "_dikirim_perilaku": "jumlah_dikirim"}
    )
    return HasilSkor(
        hasil[kolom_akhir].reset_index(drop=True), ci, metode, aturan, kurang.reset_index(drop=True)
    )


def _indikator_kosong() -> pd.DataFrame:
    """Tabel indikator tanpa baris, untuk folder yang hanya berisi rating resmi."""
    teks = pd.Series(dtype="str")
    angka = pd.Series(dtype="float64")
    return pd.DataFrame(
        {"_baris": pd.Series(dtype=np.int64), "nip": teks, "periode": teks, "rhk": teks,
         "indikator": teks, "aspek": teks, "satuan": teks, "target": angka, "realisasi": angka,
         "arah": teks, "bobot": angka}
    )  # fmt: skip


def _ada_kolom(data: DataMasuk, tabel: str, kolom: str) -> bool:
    """Kolom ``kolom`` ada di berkas ``tabel`` (bukan hanya ditambahkan kosong saat dibakukan)."""
    return data.tabel.get(tabel) is not None and kolom in data.info_berkas.get(tabel, {}).get(
        "kolom", []
    )


def _dari_evaluasi(nilai: pd.Series, indeks, ada: np.ndarray, kunci_ev: np.ndarray) -> pd.Series:
    """Nilai satu kolom evaluasi_atasan pada baris skor (pegawai, periode)-nya."""
    hasil = pd.Series(np.nan, index=indeks, dtype="str")
    nomor = np.cumsum(ada) - 1
    isi = nilai.notna().to_numpy()
    hasil.iloc[nomor[kunci_ev[isi]]] = nilai.to_numpy()[isi]
    return hasil


def _ditolak_milik(data: DataMasuk, tabel: str) -> pd.DataFrame:
    """Baris ``tabel`` yang ditolak (sekali per baris) milik pegawai aktif pada periode terpilih,
    dengan kolom ``nip`` dan ``periode``."""
    d = data.ditolak[data.ditolak["_tabel"] == tabel].drop_duplicates("baris")
    if d.empty:
        return pd.DataFrame({"nip": pd.Series(dtype="str"), "periode": pd.Series(dtype="str")})
    aktif = pd.Index(data.tabel["pegawai"]["nip"].astype("str"))
    d = d[
        (kode_dalam(d["_nip"], aktif) >= 0)
        & d["_periode"].isin(data.periode_dipilih or data.periode)
    ]
    return d.rename(columns={"_nip": "nip", "_periode": "periode"})[["nip", "periode"]]


def _lengkapi_6_2022(hasil, evaluasi, kunci_ev, ada, aturan) -> pd.DataFrame:
    baru = aturan["permenpanrb_6_2022"]
    usulan = {
        jenis: _ambang(hasil[f"nilai_{jenis}"].to_numpy(), baru[f"rating_{jenis}"])
        for jenis in ("hasil_kerja", "perilaku")
    }
    kunci_eval = None
    if evaluasi is not None:
        # posisi baris skor untuk tiap baris evaluasi
        nomor = np.cumsum(ada) - 1
        kunci_eval = nomor[kunci_ev]
    akhir, sumber = _rating_final(usulan, evaluasi, kunci_eval, len(hasil))
    kode, label = _predikat(akhir["hasil_kerja"], akhir["perilaku"], baru["matriks_predikat"])
    for jenis in ("hasil_kerja", "perilaku"):
        hasil[f"rating_{jenis}_usulan"] = _teks_kode(usulan[jenis], _LABEL_RATING)
        hasil[f"rating_{jenis}"] = _teks_kode(akhir[jenis], _LABEL_RATING)
    hasil["sumber_rating"] = _teks_kode(sumber, _SUMBER)
    hasil["predikat"] = _teks_kode(kode, label)
    urut = np.append(pd.Index(PREDIKAT).get_indexer(label), -1)[kode]
    hasil["_urut_predikat"] = np.where(urut >= 0, urut, np.nan)
    return hasil
