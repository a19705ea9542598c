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

from ..konfigurasi import ARAH_BAWAAN, ASPEK, METODE, PREDIKAT_RESMI
from ..masuk.kunci import faktor, kode_dalam, urutan_teks
from ..masuk.muat import DataMasuk
from ..masuk.periode import kunci_urut_periode
from ..memori import lepas_memori
from .aturan import muat_aturan
from .peringkat import gabung_kriteria, peringkat_dalam_opd, peringkat_grup
from .rating import (
    LABEL_RATING,
    SUMBER_RATING,
    gabung_sumber,
    kode_ambang,
    kode_predikat,
    kode_rating,
    kode_sebutan,
    rating_akhir,
    teks_kode,
    urut_predikat,
)

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


def _rata_tertimbang(kelompok: np.ndarray, nilai: np.ndarray, bobot: np.ndarray | None, n: int):
    """Rata-rata ``nilai`` per kelompok (0 .. n-1) tertimbang ``bobot`` (``None`` = tanpa
    bobot); ``NaN`` untuk kelompok tanpa baris."""
    if bobot is None:
        jumlah_bobot = np.bincount(kelompok, minlength=n).astype(np.float64)
        jumlah = np.bincount(kelompok, weights=nilai, minlength=n)
    else:
        jumlah_bobot = np.bincount(kelompok, weights=bobot, minlength=n)
        jumlah = np.bincount(kelompok, weights=nilai * bobot, minlength=n)
    # Di tempat (larik sebesar kelompok: 36 juta (pegawai, periode, aspek) pada skala nasional).
    jumlah = jumlah.astype(np.float64, copy=False)  # bincount tanpa baris: bilangan bulat
    kosong = jumlah_bobot <= 0
    np.divide(jumlah, jumlah_bobot, out=jumlah, where=~kosong)
    jumlah[kosong] = np.nan
    return jumlah


def _ambil(kolom: pd.Series, posisi: np.ndarray):
    """``kolom`` pada baris ``posisi`` (teks tetap teks biasa; ``Categorical`` lewat kodenya)."""
    if isinstance(kolom.dtype, pd.CategoricalDtype):
        return teks_kode(np.append(kolom.cat.codes.to_numpy(), -1)[posisi], kolom.cat.categories)
    if kolom.dtype == "str":
        return teks_kode(posisi, kolom)
    return kolom.to_numpy()[posisi]


def _kunci_pegawai_periode(data: pd.DataFrame, nip: pd.Index, periode: pd.Index) -> np.ndarray:
    """Kunci bulat (pegawai, periode) = kode NIP x jumlah periode + kode periode (32 bit bila
    muat: puluhan juta baris perilaku)."""
    kode = data["nip"]
    if isinstance(kode.dtype, pd.CategoricalDtype) and kode.cat.categories is nip:
        kode = kode.cat.codes.to_numpy()  # sudah berkategori NIP pegawai: kodenya langsung
    else:
        kode = kode_dalam(kode, nip)
    jenis = np.int32 if (len(nip) + 1) * max(len(periode), 1) < 2**31 else np.int64
    kunci = kode.astype(jenis)
    kunci *= len(periode)
    kunci += kode_dalam(data["periode"], periode).astype(jenis, copy=False)
    return kunci


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
    bobot = ci["bobot"].to_numpy(float) if metode == "permenpanrb_6_2022" else None
    kolom = {}
    # Per aspek sekaligus: kelompok = (pegawai, periode) x aspek; urutan penjumlahan tiap
    # kelompok tetap urutan baris, jadi hasilnya sama dengan menjumlah per aspek terpisah.
    aspek = kode_dalam(ci["aspek"], pd.Index(ASPEK))
    pilih = slice(None) if (aspek >= 0).all() else aspek >= 0  # tanpa salinan bila semua sah
    kelompok = kunci[pilih] * len(ASPEK)
    kelompok += aspek[pilih]
    del aspek
    per_aspek = _rata_tertimbang(
        kelompok, capaian[pilih], None if bobot is None else bobot[pilih], n * len(ASPEK)
    ).reshape(n, len(ASPEK))
    del kelompok
    for i, nama in enumerate(ASPEK):
        kolom[f"capaian_{nama}"] = per_aspek[:, i]
    if metode == "permenpanrb_6_2022":
        kolom["nilai_hasil_kerja"] = _rata_tertimbang(kunci, capaian, bobot, n)
    else:
        # Kegiatan = baris dengan (nip, periode, rhk) sama; baris tanpa rhk kegiatan sendiri.
        rhk, daftar_rhk = pd.factorize(ci["rhk"])
        tanpa = rhk < 0
        rhk = np.where(tanpa, len(daftar_rhk) + np.arange(len(ci)), rhk)
        kegiatan, _ = pd.factorize(kunci.astype(np.int64) * (len(daftar_rhk) + len(ci)) + rhk)
        jumlah_kegiatan = int(kegiatan.max()) + 1 if len(kegiatan) else 0
        nilai_kegiatan = _rata_tertimbang(kegiatan, capaian, None, jumlah_kegiatan)
        pemilik = np.zeros(jumlah_kegiatan, dtype=np.int64)
        pemilik[kegiatan] = kunci
        kolom["nilai_skp"] = _rata_tertimbang(pemilik, nilai_kegiatan, None, n)
    kolom["jumlah_indikator"] = np.bincount(kunci, minlength=n)
    kolom["indikator_tidak_dilaporkan"] = np.bincount(
        kunci[ci["realisasi"].isna().to_numpy()], minlength=n
    )
    return kolom


def skor(
    data: DataMasuk,
    metode: str = "permenpanrb_6_2022",
    aturan: dict | None = None,
    lepas_masukan: bool = False,
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
    lepas_masukan
        ``True``: tabel ``perilaku`` dan ``evaluasi_atasan`` di ``data`` diganti ``None``
        segera sesudah dipakai, agar memorinya bebas sebelum tabel hasil disusun (± 1,5 GB pada
        skala nasional). Hanya untuk pemanggil yang tidak membutuhkannya lagi (perintah
        ``skor``).

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
    nilai = _nilai_hasil_kerja(ci, capaian, kunci["ci"], n, metode)
    del capaian  # yang dibulatkan ada di capaian_indikator
    nilai["indikator_ditolak"] = np.bincount(kunci["ditolak"], minlength=n)
    nilai.update(_nilai_perilaku(perilaku, kunci.get("pr"), pr_ditolak, nip, periode, n, aturan))
    if lepas_masukan:
        data.tabel["perilaku"] = perilaku = None
    ada = np.zeros(n, dtype=bool)
    for k in kunci.values():
        ada[k] = True
    posisi = np.flatnonzero(ada)
    nilai = {k: np.round(v[posisi], DESIMAL) if k.startswith(("capaian_", "nilai_")) else v[posisi]
             for k, v in nilai.items()}  # fmt: skip
    # posisi baris skor untuk tiap baris evaluasi
    baris_ev = (np.cumsum(ada) - 1)[kunci["ev"]] if evaluasi is not None else None
    del kunci, ada
    if metode == "permenpanrb_6_2022":
        teks, urut = _rating_6_2022(nilai, evaluasi, baris_ev, aturan)
        if _ada_kolom(data, "evaluasi_atasan", "predikat_resmi"):
            teks["predikat_resmi"] = _dari_evaluasi(
                evaluasi["predikat_resmi"].map(PREDIKAT_RESMI), len(posisi), baris_ev
            )
        kolom_akhir = KOLOM_SKOR_6_2022 + ["predikat_resmi"] * ("predikat_resmi" in teks)
    else:
        teks, urut = _nilai_pp46(nilai, aturan)
        kolom_akhir = KOLOM_SKOR_PP46
    if lepas_masukan:
        data.tabel["evaluasi_atasan"] = evaluasi = None
        lepas_memori()

    # Peringkat dan urutan baris (waktu periode, OPD, peringkat, NIP) dari kode bilangan bulat;
    # tabel baru disusun sesudahnya, langsung dalam urutan akhir.
    kode_nip, kode_periode = posisi // len(periode), posisi % len(periode)
    baris_pegawai = np.full(len(nip), -1)
    baris_pegawai[pegawai["nip"].cat.codes.to_numpy()] = np.arange(len(pegawai))
    baris_pegawai = baris_pegawai[kode_nip]
    kode_opd, daftar_opd = faktor(pegawai["opd"])
    kode_opd = np.append(kode_opd, -1)[baris_pegawai]
    # Grup = (OPD, periode); OPD kosong: grup sendiri. Kriteria digabung menjadi satu kunci
    # bilangan bulat (angka sudah dibulatkan ke DESIMAL) agar cukup satu pengurutan.
    grup = np.where(kode_opd < 0, -1, kode_opd * len(periode) + kode_periode)
    kunci_urut = gabung_kriteria(urut, DESIMAL)
    nilai["peringkat_opd"] = peringkat_grup([grup], urut if kunci_urut is None else [kunci_urut])
    del grup, kunci_urut, urut
    # Urutan baris: waktu periode, OPD, peringkat, NIP; dua kunci bilangan bulat.
    _, urut_periode = np.unique(kunci_urut_periode(pd.Series(periode)), return_inverse=True)
    kode_opd = np.where(kode_opd < 0, len(daftar_opd), kode_opd)
    pertama = urut_periode[kode_periode] * (len(daftar_opd) + 1) + kode_opd
    kedua = nilai["peringkat_opd"] * (len(nip) + 1) + np.append(urutan_teks(nip), -1)[kode_nip]
    urutan = np.lexsort([kedua, pertama])
    del pertama, kedua, kode_opd
    hasil = pd.DataFrame({k: v[urutan] for k, v in nilai.items()}, copy=False)
    del nilai
    lepas_memori()  # sebelum kolom teks: larik sementara per (pegawai, periode) sudah dibuang
    hasil["nip"] = teks_kode(kode_nip[urutan], nip)
    hasil["periode"] = teks_kode(kode_periode[urutan], periode)
    for k in ("nama", "opd", "unit_kerja", "jabatan"):
        hasil[k] = _ambil(pegawai[k], baris_pegawai[urutan])
    for k, (kode, kamus) in teks.items():
        hasil[k] = teks_kode(kode[urutan], kamus)
    kurang = hasil[(hasil["_dikirim_perilaku"] > 0) & hasil["nilai_perilaku"].isna()]
    kurang = kurang[["nip", "periode", "_jumlah_perilaku", "_dikirim_perilaku"]].rename(
        columns={"_jumlah_perilaku": "jumlah_sah", "_dikirim_perilaku": "jumlah_dikirim"}
    )
    return HasilSkor(hasil[kolom_akhir], ci, metode, aturan, kurang.reset_index(drop=True))


def _nilai_perilaku(perilaku, kunci_pr, pr_ditolak, nip, periode, n, aturan) -> dict:
    """Rata-rata nilai BerAKHLAK per (pegawai, periode); kosong bila nilai sahnya kurang dari
    ``perilaku.min_nilai`` (atau dari semua yang dikirim, bila yang dikirim lebih sedikit)."""
    kosong = np.zeros(n, dtype=np.int64)
    if perilaku is None:
        return {"nilai_perilaku": np.full(n, np.nan), "_jumlah_perilaku": kosong,
                "_dikirim_perilaku": kosong}  # fmt: skip
    rata = _rata_tertimbang(kunci_pr, perilaku["nilai"].to_numpy(float), None, n)
    jumlah = np.bincount(kunci_pr, minlength=n)
    ditolak = _kunci_pegawai_periode(pr_ditolak, nip, periode)
    dikirim = jumlah + np.bincount(ditolak, minlength=n)
    perlu = np.minimum(aturan["perilaku"]["min_nilai"], dikirim)
    return {
        "nilai_perilaku": np.where((jumlah > 0) & (jumlah >= perlu), rata, np.nan),
        "_jumlah_perilaku": jumlah,
        "_dikirim_perilaku": dikirim,
    }


def _rating_6_2022(hasil: dict, evaluasi, baris_ev, aturan) -> tuple[dict, list[np.ndarray]]:
    """Kode rating usulan dan akhir, sumber, predikat (PermenPANRB 6/2022), dan kriteria
    peringkat (predikat, nilai hasil kerja, nilai perilaku)."""
    baru = aturan["permenpanrb_6_2022"]
    teks, akhir, sumber = {}, {}, {}
    for jenis in ("hasil_kerja", "perilaku"):
        usulan = kode_ambang(hasil[f"nilai_{jenis}"], baru[f"rating_{jenis}"])
        atasan = np.full(len(usulan), -1, dtype=np.int8)
        if evaluasi is not None:
            kode = kode_rating(evaluasi[f"rating_{jenis}"])
            isi = kode >= 0
            atasan[baris_ev[isi]] = kode[isi]
        akhir[jenis], sumber[jenis] = rating_akhir(usulan, atasan)
        teks[f"rating_{jenis}_usulan"] = (usulan, LABEL_RATING)
        teks[f"rating_{jenis}"] = (akhir[jenis], LABEL_RATING)
    sumber_rating = gabung_sumber(sumber["hasil_kerja"], sumber["perilaku"])
    teks["sumber_rating"] = (sumber_rating, SUMBER_RATING)
    kode, label = kode_predikat(akhir["hasil_kerja"], akhir["perilaku"], baru["matriks_predikat"])
    teks["predikat"] = (kode, label)
    urut = [urut_predikat(kode, label), -hasil["nilai_hasil_kerja"], -hasil["nilai_perilaku"]]
    return teks, urut


def _nilai_pp46(hasil: dict, aturan) -> tuple[dict, list[np.ndarray]]:
    """Nilai perilaku 0-100, nilai prestasi kerja dan sebutan (PP 46/2011), dan kriteria
    peringkat (prestasi kerja, SKP, perilaku)."""
    pp46 = aturan["pp46_2011"]
    hasil["nilai_perilaku"] = np.round(hasil["nilai_perilaku"] * pp46["skala_perilaku"], DESIMAL)
    hasil["nilai_prestasi_kerja"] = np.round(
        pp46["bobot_skp"] * hasil["nilai_skp"] + pp46["bobot_perilaku"] * hasil["nilai_perilaku"],
        DESIMAL,
    )
    teks = {"sebutan": kode_sebutan(hasil["nilai_prestasi_kerja"], aturan)}
    urut = [-hasil[k] for k in ("nilai_prestasi_kerja", "nilai_skp", "nilai_perilaku")]
    return teks, urut


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


def _dari_evaluasi(nilai: pd.Series, n: int, baris_ev: np.ndarray) -> tuple[np.ndarray, list]:
    """Kode (dan kamus) satu kolom teks evaluasi_atasan pada baris skor (pegawai, periode)-nya."""
    kode_nilai, kamus = pd.factorize(nilai)
    kode = np.full(n, -1, dtype=np.int64)
    isi = kode_nilai >= 0
    kode[baris_ev[isi]] = kode_nilai[isi]
    return kode, list(kamus)


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
