"""Rekomendasi pelatihan dari titik lemah tiap pegawai, dan kebutuhan pelatihan per OPD.

Titik lemah (ambang di ``aturan.yaml``, bagian ``pelatihan``):

- aspek hasil kerja yang rata-rata capaiannya (tertimbang bobot, hanya indikator yang
  dilaporkan: realisasi kosong adalah soal pelaporan, bukan kompetensi) < ``ambang_capaian``
  (bawaan 90);
- nilai BerAKHLAK <= ``ambang_perilaku`` (bawaan 2).

Setiap titik lemah dicocokkan dengan katalog menurut ``sasaran``; entri untuk bidang pegawai
(mis. ``kesehatan``) didahulukan daripada entri ``umum``, lalu kode terkecil.

Pegawai yang unggul menurut buktinya (rating usulan hasil kerja dan perilaku keduanya Di Atas
Ekspektasi) atau di kelompok "Unggul menyeluruh" tidak diberi pelatihan untuk titik lemah;
rating atasan tidak dipakai di sini, karena atasan yang terlalu murah hati tidak boleh
menghapus kebutuhan pelatihan.
``prioritas`` 1 = selisih terbesar dari ambang (relatif: (ambang - capaian) / ambang untuk aspek,
(3 - nilai) / 3 untuk perilaku).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..konfigurasi import BERAKHLAK
from ..masuk.ekinerja import jenis_pegawai_dari_nip
from ..masuk.kunci import (
    faktor,
    kode_dalam,
    pemeta_kode,
    peta_baris,
    potongan,
    sebagai_teks,
    urutan_teks,
)
from ..memori import lepas_memori
from .profil import NAMA_PERILAKU

__all__ = [
    "KOLOM_REKOMENDASI",
    "buku_kebutuhan",
    "hak_jp",
    "kebutuhan_pelatihan",
    "jumlah_aspek",
    "rekomendasi_pelatihan",
    "rerata_aspek",
]

KOLOM_REKOMENDASI = [
    "nip", "periode", "kode_pelatihan", "nama_pelatihan", "jp", "alasan", "prioritas",
    "opd", "jalur", "bentuk", "label_klaster", "keterangan_jp", "dasar",
]  # fmt: skip
_DI_BAWAH = "Di Bawah Ekspektasi"


def _angka(nilai: pd.Series, desimal: int = 0) -> pd.Series:
    """Angka sebagai teks gaya Indonesia (koma desimal), dibulatkan ke ``desimal`` tempat.

    Examples
    --------
    >>> _angka(pd.Series([84.5, 85.5, 3.0])).tolist(), _angka(pd.Series([2.25]), 1).tolist()
    (['84', '86', '3'], ['2,2'])
    """
    bulat = nilai.round(desimal)
    x = bulat.to_numpy(dtype=float, na_value=np.nan)
    nol_negatif = np.signbit(x) & (x == 0)
    if desimal == 0 and np.isfinite(x).all() and not nol_negatif.any():
        # Bilangan bulat: teks desimalnya sama dengan f"{x:.0f}", tanpa Python per baris.
        teks = pc.cast(pa.array(x.astype(np.int64)), pa.string())
        return pd.Series(pd.array(teks, dtype="str"), index=nilai.index)
    teks = bulat.map(lambda v: f"{v:.{desimal}f}".replace(".", ","))
    return teks.astype("str")


def jumlah_aspek(
    capaian_indikator: pd.DataFrame, acuan: dict[str, pd.Index]
) -> tuple[np.ndarray, np.ndarray]:
    """Jumlah bobot dan jumlah capaian x bobot indikator yang dilaporkan, sebagai larik padat
    berkunci ``(nip x jumlah periode + periode) x jumlah aspek + aspek`` menurut letak di
    ``acuan`` (``nip``, ``periode``, ``aspek``); baris di luar acuan diabaikan.

    Dihitung per potongan baris dengan ``np.bincount`` pada rentang kunci potongan itu: tanpa
    salinan tabel atau tabel hash, untuk puluhan juta baris indikator. Dasar titik lemah aspek
    (:func:`rerata_aspek`) dan tren (:mod:`.tren`).
    """
    un, up, ua = acuan["nip"], acuan["periode"], acuan["aspek"]
    ukuran = len(un) * len(up) * len(ua)
    berat, jumlah = np.zeros(ukuran), np.zeros(ukuran)
    kode = pemeta_kode(capaian_indikator, acuan)
    for t in potongan(capaian_indikator):
        kn, kp, ka = kode(t)
        ok = (t["status"] == "dilaporkan").to_numpy() & (kn >= 0) & (kp >= 0) & (ka >= 0)
        kunci = ((kn * len(up) + kp) * len(ua) + ka)[ok]
        if not len(kunci):
            continue
        w = t["bobot"].to_numpy(float)[ok]
        # Baris indikator berurutan per pegawai: rentang kunci potongan sempit, larik
        # sementara sekecil potongannya.
        bawah, atas = int(kunci.min()), int(kunci.max()) + 1
        berat[bawah:atas] += np.bincount(kunci - bawah, w, atas - bawah)
        jumlah[bawah:atas] += np.bincount(
            kunci - bawah, t["capaian"].to_numpy(float)[ok] * w, atas - bawah
        )
    return berat, jumlah


def rerata_aspek(capaian_indikator: pd.DataFrame, kategori: bool = False) -> pd.DataFrame:
    """Capaian tiap aspek per pegawai dan periode yang dipakai untuk titik lemah: rata-rata
    tertimbang bobot atas indikator yang dilaporkan saja (realisasi kosong adalah soal
    pelaporan, bukan kompetensi).

    Returns
    -------
    pandas.DataFrame
        ``nip``, ``periode``, ``aspek``, ``nilai``; satu baris per aspek yang punya paling
        sedikit satu indikator yang dilaporkan, urut nip, periode, aspek. Dengan
        ``kategori=True`` ketiga kolom kunci berjenis ``Categorical`` (hemat untuk jutaan baris).
    """
    acuan = {k: faktor(capaian_indikator[k])[1] for k in ("nip", "periode", "aspek")}
    un, up, ua = acuan["nip"], acuan["periode"], acuan["aspek"]
    berat, berbobot = jumlah_aspek(capaian_indikator, acuan)
    k = np.flatnonzero(berat > 0)  # bobot > 0 (divalidasi): ada indikator yang dilaporkan
    jumlah = pd.DataFrame({"_berbobot": berbobot[k], "bobot": berat[k]})
    kode = {"nip": (k // (len(up) * len(ua)), un), "periode": (k // len(ua) % len(up), up),
            "aspek": (k % len(ua), ua)}  # fmt: skip
    hasil = {
        nama: pd.Categorical.from_codes(c, categories=u) if kategori else u[c]
        for nama, (c, u) in kode.items()
    }
    return pd.DataFrame({**hasil, "nilai": (jumlah["_berbobot"] / jumlah["bobot"]).to_numpy()})


def _lemah_capaian(capaian_indikator: pd.DataFrame, ambang: float) -> pd.DataFrame:
    """Aspek yang rata-ratanya (:func:`rerata_aspek`) < ``ambang``, dengan indikator terendah
    aspek itu (capaian terkecil, lalu nama indikator, lalu urutan baris) untuk alasannya.
    Semua lewat kode bilangan bulat: puluhan juta baris indikator tanpa teks per baris."""
    ci = capaian_indikator
    acuan = {k: faktor(ci[k])[1] for k in ("nip", "periode", "aspek")}
    up, ua = acuan["periode"], acuan["aspek"]
    berat, berbobot = jumlah_aspek(ci, acuan)
    k = np.flatnonzero(berat > 0)  # bobot > 0 (divalidasi): ada indikator yang dilaporkan
    nilai = berbobot[k] / berat[k]
    lemah = nilai < ambang
    k, nilai = k[lemah], nilai[lemah]
    # Indikator terendah tiap aspek lemah: hanya baris dilaporkan yang kuncinya lemah diurutkan.
    kn, kp, ka = pemeta_kode(ci, acuan)(ci)
    kunci = (kn * len(up) + kp) * len(ua) + ka
    dilapor = (ci["status"] == "dilaporkan").to_numpy() & (kn >= 0) & (kp >= 0) & (ka >= 0)
    letak = np.minimum(np.searchsorted(k, kunci), max(len(k) - 1, 0))
    baris = np.flatnonzero(dilapor & (k[letak] == kunci)) if len(k) else np.zeros(0, np.int64)
    # Urutan nama indikator seperti sort_values: teks menurut abjad, kategori (dari Parquet)
    # menurut urutan kategorinya.
    if isinstance(ci["indikator"].dtype, pd.CategoricalDtype):
        kode_indikator = ci["indikator"].cat.codes.to_numpy()
        nama_indikator = ci["indikator"].cat.categories
    else:
        kode_indikator, nama_indikator = faktor(ci["indikator"])
    capaian = ci["capaian"].to_numpy(float)[baris]
    urutan = np.lexsort((baris, kode_indikator[baris], capaian, kunci[baris]))
    kunci_urut = kunci[baris][urutan]
    pertama = urutan[np.r_[True, kunci_urut[1:] != kunci_urut[:-1]]] if len(urutan) else urutan
    pilih = pertama[np.searchsorted(kunci[baris][pertama], k)] if len(k) else pertama
    aspek = pd.Series(ua[k % len(ua)], dtype="str")
    return pd.DataFrame({
        "nip": pd.Series(acuan["nip"][k // (len(up) * len(ua))], dtype="str"),
        "periode": pd.Series(up[k // len(ua) % len(up)], dtype="str"),
        "aspek": aspek,
        "nilai": nilai,
        "indikator": pd.Series(nama_indikator[kode_indikator[baris[pilih]]], dtype="str"),
        "capaian": capaian[pilih],
    })  # fmt: skip


def _titik_lemah(capaian_indikator, fitur, aturan) -> pd.DataFrame:
    """Satu baris per (pegawai, periode, sasaran) yang lemah, dengan selisih dan alasannya."""
    ambang = aturan["ambang_capaian"]
    lemah = _lemah_capaian(capaian_indikator, ambang)
    lemah["sasaran"] = lemah["aspek"]
    lemah["selisih"] = (ambang - lemah["nilai"]) / ambang
    lemah["alasan"] = (
        "capaian "
        + lemah["aspek"]
        + " "
        + _angka(lemah["nilai"])
        + f" (< {ambang:g}) pada '"
        + lemah["indikator"].astype("str")
        + "' (capaian "
        + _angka(lemah["capaian"])
        + ")"
    )
    bagian = [lemah[["nip", "periode", "sasaran", "selisih", "alasan"]].assign(dasar="indikator")]
    batas = aturan["ambang_perilaku"]
    for nilai in BERAKHLAK:
        kolom = f"perilaku_{nilai}"
        lemah = fitur.loc[fitur[kolom] <= batas, ["nip", "periode", kolom]].astype(
            {"nip": "str", "periode": "str"}
        )
        lemah["sasaran"] = f"perilaku:{nilai}"
        lemah["selisih"] = (3 - lemah[kolom]) / 3
        lemah["alasan"] = (
            f"nilai BerAKHLAK {NAMA_PERILAKU[nilai]} "
            + _angka(lemah[kolom])
            + f" (<= {batas:g} pada skala 1-5)"
        )
        bagian.append(
            lemah[["nip", "periode", "sasaran", "selisih", "alasan"]].assign(dasar="perilaku")
        )
    return pd.concat(bagian, ignore_index=True)


def _lemah_dari_rating(skor_pegawai: pd.DataFrame, katalog: pd.DataFrame, aturan: dict):
    """Rating resmi Di Bawah Ekspektasi yang tidak punya bukti rinci (tanpa indikator / tanpa
    nilai BerAKHLAK, sehingga tidak ada rating usulan): satu titik lemah umum per dimensi."""
    ada_umum = set(katalog.loc[katalog["bidang"].astype("str") == "umum", "sasaran"].astype("str"))
    kolom = ["nip", "periode", "sasaran", "selisih", "alasan", "dasar"]
    bagian = [pd.DataFrame(columns=kolom)]
    for dimensi, nama, rincian in (("hasil_kerja", "hasil kerja", "capaian indikator"),
                                   ("perilaku", "perilaku", "nilai BerAKHLAK")):  # fmt: skip
        sasaran = next((s for s in aturan["sasaran_rating"][dimensi] if s in ada_umum), None)
        pilih = (skor_pegawai[f"rating_{dimensi}"] == _DI_BAWAH) & skor_pegawai[
            f"rating_{dimensi}_usulan"
        ].isna()
        if sasaran is None or not pilih.any():
            continue
        baris = skor_pegawai.loc[pilih, ["nip", "periode"]].astype("str")
        bagian.append(baris.assign(
            sasaran=sasaran, selisih=0.0, dasar="rating",
            alasan=f"rating {nama} Di Bawah Ekspektasi dari atasan (tanpa rincian {rincian}; "
            "rekomendasi dari rating, bukan dari indikator)",
        )[kolom])  # fmt: skip
    return pd.concat(bagian, ignore_index=True)


def _posisi_pilihan(lemah: pd.DataFrame, pilihan: pd.DataFrame) -> np.ndarray:
    """Baris ``pilihan`` (unik per ``sasaran``, ``bidang_pegawai``) untuk tiap baris ``lemah``
    menurut (``sasaran``, ``bidang``); -1 bila tidak ada. Bidang kosong cocok dengan bidang
    kosong, seperti merge pandas."""
    kosong = "\x00"

    def kunci(sasaran: pd.Series, bidang: pd.Series) -> pd.MultiIndex:
        return pd.MultiIndex.from_arrays(
            [sebagai_teks(sasaran).fillna(kosong), sebagai_teks(bidang).fillna(kosong)]
        )

    kanan = kunci(pilihan["sasaran"], pilihan["bidang_pegawai"])
    return kanan.get_indexer(kunci(lemah["sasaran"], lemah["bidang"]))


def _pilihan_katalog(katalog: pd.DataFrame, bidang: pd.Series) -> pd.DataFrame:
    """Entri terbaik per (sasaran, bidang pegawai): bidang sendiri dulu, lalu umum, lalu kode."""
    semua = pd.Index(bidang.astype("str").unique())
    kat = katalog.astype({"sasaran": "str", "bidang": "str", "kode": "str"})
    kat = kat.merge(pd.DataFrame({"bidang_pegawai": semua}), how="cross")
    cocok = kat[(kat["bidang"] == kat["bidang_pegawai"]) | (kat["bidang"] == "umum")].copy()
    cocok["_umum"] = cocok["bidang"] != cocok["bidang_pegawai"]
    cocok = cocok.sort_values(["sasaran", "bidang_pegawai", "_umum", "kode"], kind="stable")
    return cocok.drop_duplicates(["sasaran", "bidang_pegawai"])


def hak_jp(
    skor_pegawai: pd.DataFrame,
    riwayat: pd.DataFrame | None,
    hak: float,
    jenis_pegawai: pd.Series | None = None,
) -> pd.DataFrame:
    """JP yang sudah diikuti pada tahun periode penilaian, per pegawai dan periode.

    Hak paling sedikit ``hak`` JP per tahun berlaku bagi PNS (PP 11/2017 Pasal 203). PPPK
    (``jenis_pegawai`` per NIP; tanpa itu, dari susunan NIP) tidak punya hak minimum seperti itu
    (paling banyak 24 JP per tahun kontrak, PP 49/2018 Pasal 40), jadi tidak pernah "kurang JP".
    """
    dasar = skor_pegawai[["nip", "periode", "opd"]].astype({"nip": "str", "periode": "str"})
    dasar["tahun"] = dasar["periode"].str[:4].astype(int)
    if riwayat is not None and len(riwayat):
        jp = (
            riwayat.assign(nip=riwayat["nip"].astype("str"), tahun=riwayat["tanggal"].dt.year)
            .groupby(["nip", "tahun"], as_index=False)["jp"]
            .sum()
            .rename(columns={"jp": "jp_tahun_ini"})
        )
        dasar = dasar.merge(jp, on=["nip", "tahun"], how="left")
    else:
        dasar["jp_tahun_ini"] = np.nan
    dasar["jp_tahun_ini"] = dasar["jp_tahun_ini"].fillna(0.0)
    jenis = dasar["nip"].map(jenis_pegawai).astype("str") if jenis_pegawai is not None else None
    dasar["jenis_pegawai"] = (
        jenis.fillna(jenis_pegawai_dari_nip(dasar["nip"])) if jenis is not None
        else jenis_pegawai_dari_nip(dasar["nip"])
    )  # fmt: skip
    kurang = (hak - dasar["jp_tahun_ini"]).clip(lower=0)
    dasar["kekurangan_jp"] = kurang.where(dasar["jenis_pegawai"] != "PPPK", 0.0)
    return dasar


def rekomendasi_pelatihan(
    skor_pegawai: pd.DataFrame,
    capaian_indikator: pd.DataFrame,
    fitur: pd.DataFrame,
    klaster_pegawai: pd.DataFrame,
    pegawai: pd.DataFrame,
    katalog: pd.DataFrame,
    riwayat: pd.DataFrame | None,
    aturan: dict,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rekomendasi pelatihan per pegawai dan status hak JP.

    Parameters
    ----------
    skor_pegawai, capaian_indikator
        Hasil :func:`asn_analitik.skor` (metode ``permenpanrb_6_2022``).
    fitur
        :func:`asn_analitik.analisis.fitur.susun_fitur` (nilai BerAKHLAK per pegawai).
    klaster_pegawai
        ``nip``, ``periode``, ``label_klaster``.
    pegawai, katalog, riwayat
        Tabel sah dari :func:`asn_analitik.muat` (``riwayat`` boleh ``None``).
    aturan
        Bagian ``pelatihan`` dari aturan.

    Returns
    -------
    (rekomendasi, jp)
        ``rekomendasi``: kolom :data:`KOLOM_REKOMENDASI`, urut nip, periode, prioritas.
        ``jp``: per pegawai dan periode, JP tahun ini, kekurangan terhadap hak, JP yang
        direkomendasikan.
    """
    lemah = pd.concat(
        [
            _titik_lemah(capaian_indikator, fitur, aturan),
            _lemah_dari_rating(skor_pegawai, katalog, aturan),
        ],
        ignore_index=True,
    )
    # Tidak dipakai lagi: bila pemanggil sudah melepas tabelnya (``klaster`` skala nasional:
    # belasan juta baris), memorinya kembali sebelum rekomendasi disusun.
    del capaian_indikator
    # Pegawai unggul menurut buktinya sendiri (rating usulan keduanya Di Atas, atau kelompok
    # "Unggul menyeluruh"), bukan menurut rating atasan yang bisa terlalu murah hati.
    atas = "Di Atas Ekspektasi"
    unggul = skor_pegawai.loc[
        (skor_pegawai["rating_hasil_kerja_usulan"] == atas)
        & (skor_pegawai["rating_perilaku_usulan"] == atas),
        ["nip", "periode"],
    ]
    unggul = pd.concat(
        [
            unggul,
            klaster_pegawai.loc[
                klaster_pegawai["label_klaster"] == "Unggul menyeluruh", ["nip", "periode"]
            ],
        ]
    ).astype("str")
    # Kunci bilangan bulat (pegawai, periode) untuk semua penggabungan: jutaan baris tanpa
    # gabung teks.
    kunci = _Kunci(pegawai, skor_pegawai)
    lemah = lemah[~np.isin(kunci(lemah), kunci(unggul))].reset_index(drop=True)
    baris = kunci.baris_pegawai(lemah)
    lemah["bidang"] = _ambil(sebagai_teks(pegawai["bidang"]), baris)
    lemah["opd"] = _ambil(pegawai["opd"], baris)
    pilihan = _pilihan_katalog(katalog, sebagai_teks(pegawai["bidang"]))
    # Gabung dalam (sasaran, bidang) dengan pilihan katalog yang unik per kunci: baris lemah yang
    # punya pasangan, urutannya tetap, ditambah kolom katalognya. Lewat posisi, bukan merge
    # seluruh tabel (merge menyalin semua kolom teks lemah: ± 1 GB sementara, skala nasional).
    posisi = _posisi_pilihan(lemah, pilihan)
    cocok = np.flatnonzero(posisi >= 0)
    rek = lemah[["nip", "periode", "sasaran", "selisih", "alasan", "dasar", "opd"]].take(cocok)
    del lemah, baris  # jutaan baris pada skala nasional; yang diperlukan sudah ada di rek
    rek = rek.reset_index(drop=True)
    katalog_rek = pilihan[["kode", "nama", "jp", "jalur", "bentuk"]].take(posisi[cocok])
    for kolom in katalog_rek:
        rek[kolom] = katalog_rek[kolom].array
    del katalog_rek, posisi, cocok
    lepas_memori()
    # Urut nip, periode, selisih terbesar, sasaran (stabil), lewat kode yang terurut.
    k = kunci(rek)
    urutan = np.lexsort((faktor(rek["sasaran"])[0], -rek["selisih"].to_numpy(float),
                         kunci.urutan(k)))  # fmt: skip
    rek, k = rek.take(urutan).reset_index(drop=True), k[urutan]
    grup = pd.Series(k).groupby(k, sort=False)
    rek["prioritas"] = grup.cumcount().to_numpy() + 1
    rek["label_klaster"] = kunci.nilai(klaster_pegawai, "label_klaster", k)

    jenis = None
    if "jenis_pegawai" in pegawai:
        jenis = pd.Series(pegawai["jenis_pegawai"].astype("str").to_numpy(),
                          index=pegawai["nip"].astype("str"))  # fmt: skip
    lepas_memori()  # salinan rek sebelum diurutkan
    jp = hak_jp(skor_pegawai, riwayat, aturan["hak_jp"], jenis)
    k_jp = kunci(jp)
    rek_jp = rek["jp"].to_numpy(float)
    jp["jp_direkomendasikan"] = _jumlah_per_kunci(k, rek_jp, k_jp)
    rek["jp_tahun_ini"] = kunci.nilai(jp, "jp_tahun_ini", k, k_jp)
    total = rek["jp_tahun_ini"] + pd.Series(rek_jp).groupby(k, sort=False).cumsum()
    pppk = np.asarray(pd.Series(kunci.nilai(jp, "jenis_pegawai", k, k_jp)) == "PPPK")
    lepas_memori()  # tabel sementara hak JP (jutaan pegawai)
    rek["keterangan_jp"] = _keterangan_jp(rek["jp_tahun_ini"], total, pppk, aturan["hak_jp"])
    rek = rek.rename(columns={"kode": "kode_pelatihan", "nama": "nama_pelatihan"})
    return rek[KOLOM_REKOMENDASI].reset_index(drop=True), jp


class _Kunci:
    """Kunci bilangan bulat (pegawai, periode) = kode NIP x jumlah periode + kode periode."""

    def __init__(self, pegawai: pd.DataFrame, skor_pegawai: pd.DataFrame) -> None:
        self.nip, self._baris = peta_baris(pegawai["nip"])
        self.periode = pd.Index(pd.unique(sebagai_teks(skor_pegawai["periode"])), dtype="str")

    def __call__(self, tabel: pd.DataFrame) -> np.ndarray:
        kode_nip = kode_dalam(tabel["nip"], self.nip)
        kode_periode = kode_dalam(tabel["periode"], self.periode)
        return np.where((kode_nip >= 0) & (kode_periode >= 0),
                        kode_nip * len(self.periode) + kode_periode, -1)  # fmt: skip

    def baris_pegawai(self, tabel: pd.DataFrame) -> np.ndarray:
        """Baris ``pegawai`` milik NIP tiap baris ``tabel`` (-1 bila tidak ada)."""
        return self._baris[kode_dalam(tabel["nip"], self.nip)]

    def urutan(self, kunci: np.ndarray) -> np.ndarray:
        """Kunci pengurut: NIP lalu periode, menurut urutan teksnya."""
        nip = np.append(urutan_teks(self.nip), -1)[kunci // len(self.periode)]
        return nip * len(self.periode) + urutan_teks(self.periode)[kunci % len(self.periode)]

    def nilai(self, tabel: pd.DataFrame, kolom: str, kunci: np.ndarray, kunci_tabel=None):
        """Nilai ``tabel[kolom]`` pada (pegawai, periode) tiap ``kunci`` (kosong bila tidak ada;
        bila ganda, baris pertama), seperti gabung kiri."""
        kunci_tabel = self(tabel) if kunci_tabel is None else kunci_tabel
        letak = np.full(len(self.nip) * len(self.periode) + 1, -1, dtype=np.int64)
        letak[kunci_tabel[::-1]] = np.arange(len(tabel))[::-1]  # yang pertama menang
        letak[-1] = -1  # kunci_tabel -1 (di luar acuan) jatuh di sini; kunci -1 ikut kosong
        return _ambil(tabel[kolom].reset_index(drop=True), letak[kunci])


def _ambil(kolom: pd.Series, baris: np.ndarray):
    """``kolom`` pada ``baris`` (-1 = kosong), jenis kolomnya tetap (teks, kategori, angka)."""
    hasil = kolom.reset_index(drop=True).take(np.maximum(baris, 0))
    return (hasil.where(baris >= 0) if (baris < 0).any() else hasil).array


def _jumlah_per_kunci(kunci: np.ndarray, nilai: np.ndarray, kunci_tujuan: np.ndarray):
    """Jumlah ``nilai`` per kunci, dibaca pada ``kunci_tujuan`` (0 bila tidak ada)."""
    if not len(kunci):
        return np.zeros(len(kunci_tujuan))
    n = int(max(kunci.max(initial=0), kunci_tujuan.max(initial=0))) + 1
    jumlah = np.bincount(kunci, weights=nilai, minlength=n)
    return np.where(kunci_tujuan >= 0, jumlah[np.maximum(kunci_tujuan, 0)], 0.0)


def _keterangan_jp(jp_tahun_ini: pd.Series, total: pd.Series, pppk: np.ndarray, hak: float):
    """Keterangan JP per rekomendasi: hak PNS, atau batas PPPK.

    Teksnya hanya bergantung pada (JP tahun ini, total, PPPK), yang kombinasinya sedikit: teks
    dibuat sekali per kombinasi lalu disebar ke jutaan baris (skala nasional: 2,8 juta
    rekomendasi; merangkai teks per baris memakan ± 1,5 GB sementara)."""
    kombinasi = pd.DataFrame(
        {"kini": jp_tahun_ini.to_numpy(float), "total": total.to_numpy(float), "pppk": pppk}
    )
    kode = kombinasi.groupby(list(kombinasi), sort=False, dropna=False).ngroup().to_numpy()
    pertama = np.unique(kode, return_index=True)[1]  # baris pertama tiap kombinasi, urut kode
    unik = kombinasi.iloc[pertama].reset_index(drop=True)
    teks = _teks_keterangan_jp(unik["kini"], unik["total"], unik["pppk"].to_numpy(bool), hak)
    return pd.Series(teks.take(kode).array, index=jp_tahun_ini.index)


def _teks_keterangan_jp(jp_tahun_ini: pd.Series, total: pd.Series, pppk: np.ndarray, hak: float):
    """Teks :func:`_keterangan_jp` per baris (teks tiap jenis hanya dibuat untuk barisnya)."""
    hasil = pd.Series(np.nan, index=jp_tahun_ini.index, dtype="str")
    kini, jumlah = jp_tahun_ini[~pppk], total[~pppk]
    hasil[~pppk] = (
        "JP tahun ini " + _angka(kini) + f" dari hak {hak:g}; dengan "
        "pelatihan ini (dan prioritas sebelumnya) menjadi "
        + _angka(jumlah)
        + " JP"
        + np.where(jumlah >= hak, " (hak terpenuhi)", "")
    )
    kini, jumlah = jp_tahun_ini[pppk], total[pppk]
    hasil[pppk] = (
        "PPPK: JP tahun ini " + _angka(kini) + ", dengan pelatihan ini "
        + _angka(jumlah) + " JP (batas PPPK paling banyak 24 JP per tahun kontrak)"
        + np.where(jumlah > 24, " - melebihi batas, pilih prioritas teratas saja", "")
    )  # fmt: skip
    return hasil


def kebutuhan_pelatihan(rekomendasi: pd.DataFrame) -> pd.DataFrame:
    """Kebutuhan pelatihan per pelatihan dan OPD: jumlah peserta dan total JP."""
    kebutuhan = (
        rekomendasi.groupby(["kode_pelatihan", "nama_pelatihan", "opd"], as_index=False)
        .agg(jumlah_peserta=("nip", "nunique"), total_jp=("jp", "sum"))
        .sort_values(["opd", "jumlah_peserta", "kode_pelatihan"], ascending=[True, False, True])
    )
    return kebutuhan.reset_index(drop=True)


def buku_kebutuhan(kebutuhan: pd.DataFrame, jp: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Lembar buku Excel perencanaan BKPSDM: kebutuhan per pelatihan, per OPD, dan kekurangan
    JP per OPD (daftar per pegawai ada di ``hak_jp.csv``; Excel tidak cocok untuk jutaan baris).

    Parameters
    ----------
    kebutuhan
        Hasil :func:`kebutuhan_pelatihan`.
    jp
        Hasil :func:`hak_jp`.

    Returns
    -------
    dict
        Nama lembar -> tabel, dalam urutan lembar.
    """
    per_pelatihan = (
        kebutuhan.groupby(["kode_pelatihan", "nama_pelatihan"], as_index=False)[
            ["jumlah_peserta", "total_jp"]
        ]
        .sum()
        .sort_values(["jumlah_peserta", "kode_pelatihan"], ascending=[False, True])
    )
    kurang = (
        jp[jp["kekurangan_jp"] > 0]
        .groupby("opd", as_index=False)
        .agg(pegawai_belum_memenuhi=("nip", "size"), total_kekurangan_jp=("kekurangan_jp", "sum"))
    )
    return {"Per pelatihan": per_pelatihan, "Per OPD": kebutuhan, "Belum 20 JP": kurang}
