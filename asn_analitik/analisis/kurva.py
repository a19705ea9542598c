"""Kurva distribusi predikat per OPD dan periode (SE MenPANRB 3/2023), dan kandidat tinjauan.

Untuk tiap OPD dan periode: jumlah pegawai per predikat, dibandingkan dengan pola yang
diizinkan untuk predikat organisasinya (aturan ``kurva_distribusi`` di ``aturan.yaml``, lihat
:mod:`asn_analitik.nilai.kurva`).

``selisih_pegawai``: banyak pegawai paling sedikit yang predikatnya harus berubah agar semua
aturan terpenuhi sekaligus. Bila himpunan predikat yang diatur aturan-aturan satu predikat
organisasi saling lepas (seperti aturan bawaan), aturan pada himpunan yang sama digabung menjadi
satu batas ``[bawah, atas]`` per himpunan, predikat yang tidak diatur menjadi satu himpunan
bebas ``[0, n]``, dan nilainya tepat ``max(E, D)``: ``E`` jumlah kelebihan di atas batas atas,
``D`` jumlah kekurangan di bawah batas bawah. Satu perpindahan mengurangi paling banyak satu
kelebihan dan satu kekurangan, jadi tidak ada yang lebih kecil dari itu; rencana
:func:`rencana_perubahan` mencapainya (kelebihan dipindah ke kekurangan dulu, sisanya ke himpunan
yang masih punya ruang). Menjumlahkan kekurangan dan kelebihan tiap aturan secara terpisah salah
bila satu perpindahan memperbaiki dua aturan. Untuk aturan pengganti yang himpunannya
bertumpang tindih dipakai pemrograman bilangan bulat kecil (``scipy.optimize.milp``, lima
peubah), per OPD.

Kandidat tinjauan: di OPD yang tidak sesuai, pegawai predikat asal tiap perpindahan dalam rencana
itu, yang buktinya paling lemah lebih dulu (nilai hasil kerja terendah, lalu nilai perilaku)
bila perpindahannya turun, atau paling kuat lebih dulu bila naik. Kit tidak pernah mengubah
predikat; penilai yang memutuskan setelah meninjau buktinya.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..konfigurasi import PREDIKAT, PREDIKAT_RESMI
from ..masuk.periode import kunci_urut_periode
from ..nilai.kurva import BatasKurva, aturan_kurva, label_predikat_organisasi
from ..teks import angka_id

__all__ = [
    "KOLOM_KANDIDAT",
    "KOLOM_KURVA",
    "HasilKurva",
    "analisis_kurva",
    "pola_diizinkan",
    "rencana_perubahan",
]

_KODE = tuple(PREDIKAT_RESMI)  # sangat_baik ... sangat_kurang, seurut PREDIKAT
_JUMLAH = [f"jumlah_{k}" for k in _KODE]
KOLOM_KURVA = [
    "opd", "periode", "predikat_organisasi", "jumlah_pegawai", *_JUMLAH, "status",
    "pelanggaran", "selisih_pegawai",
]  # fmt: skip
KOLOM_KANDIDAT = [
    "nip", "nama", "opd", "periode", "predikat", "nilai_hasil_kerja", "alasan",
    "nilai_perilaku", "predikat_tujuan", "urutan",
]  # fmt: skip


@dataclass
class HasilKurva:
    """``kurva`` (satu baris per OPD dan periode, :data:`KOLOM_KURVA`) dan ``kandidat``
    (:data:`KOLOM_KANDIDAT`)."""

    kurva: pd.DataFrame
    kandidat: pd.DataFrame


@dataclass(frozen=True)
class _Bagian:
    """Himpunan predikat yang diatur bersama (atau himpunan bebas) dan aturan-aturannya."""

    predikat: tuple[int, ...]
    batas: tuple[BatasKurva, ...]

    def bawah(self, n):
        return np.max([b.batas_bawah(n) for b in self.batas], axis=0) if self.batas else 0 * n

    def atas(self, n):
        return np.min([b.batas_atas(n) for b in self.batas], axis=0) if self.batas else n


def _bagian(batas: tuple[BatasKurva, ...]) -> list[_Bagian] | None:
    """Himpunan saling lepas beserta himpunan bebas; ``None`` bila ada yang bertumpang tindih."""
    himpunan: dict[tuple[int, ...], list[BatasKurva]] = {}
    for b in batas:
        himpunan.setdefault(b.predikat, []).append(b)
    semua = [i for h in himpunan for i in h]
    if len(semua) != len(set(semua)):
        return None
    bagian = [_Bagian(h, tuple(isi)) for h, isi in himpunan.items()]
    bebas = tuple(i for i in range(len(PREDIKAT)) if i not in semua)
    return bagian + [_Bagian(bebas, ())] * bool(bebas)


def _selisih_lepas(jumlah: np.ndarray, n: np.ndarray, bagian: list[_Bagian]) -> np.ndarray:
    """``max(E, D)`` per OPD (float; NaN bila aturannya tidak dapat dipenuhi bersamaan)."""
    e = d = bawah_total = atas_total = 0
    layak = np.ones(len(n), dtype=bool)
    for b in bagian:
        isi = jumlah[:, list(b.predikat)].sum(axis=1)
        bawah, atas = b.bawah(n), b.atas(n)
        e = e + np.maximum(isi - atas, 0)
        d = d + np.maximum(bawah - isi, 0)
        layak &= bawah <= atas
        bawah_total, atas_total = bawah_total + bawah, atas_total + atas
    layak &= (bawah_total <= n) & (atas_total >= n)
    return np.where(layak, np.maximum(e, d), np.nan)


def _rencana_lepas(jumlah: np.ndarray, bagian: list[_Bagian]) -> list[tuple[int, int, int]] | None:
    """Perpindahan (asal, tujuan, banyak) yang paling sedikit; lihat docstring modul."""
    s = np.asarray(jumlah, dtype=np.int64).copy()
    n = int(s.sum())
    bawah = [int(b.bawah(np.int64(n))) for b in bagian]
    atas = [int(b.atas(np.int64(n))) for b in bagian]
    if any(lo > hi for lo, hi in zip(bawah, atas, strict=True)) or sum(bawah) > n or sum(atas) < n:
        return None
    pindah: dict[tuple[int, int], int] = {}
    while True:
        isi = [int(s[list(b.predikat)].sum()) for b in bagian]
        lebih = [k for k in range(len(bagian)) if isi[k] > atas[k]]
        kurang = [k for k in range(len(bagian)) if isi[k] < bawah[k]]
        if not lebih and not kurang:
            break
        asal = lebih or [k for k in range(len(bagian)) if isi[k] > bawah[k]]
        tuju = kurang or [k for k in range(len(bagian)) if isi[k] < atas[k]]
        keluar = {k: isi[k] - (atas[k] if lebih else bawah[k]) for k in asal}
        masuk = {k: (bawah[k] if kurang else atas[k]) - isi[k] for k in tuju}
        # Pasangan terdekat urutan predikatnya; bila seri, yang turun lebih dulu.
        _, _, i, j, ka, kt = min(
            (abs(i - j), j < i, i, j, ka, kt)
            for ka in asal
            for i in bagian[ka].predikat
            if s[i] > 0
            for kt in tuju
            for j in bagian[kt].predikat
        )
        banyak = int(min(s[i], keluar[ka], masuk[kt]))
        s[i] -= banyak
        s[j] += banyak
        pindah[(i, j)] = pindah.get((i, j), 0) + banyak
    return [(i, j, b) for (i, j), b in sorted(pindah.items())]


def _rencana_milp(jumlah: np.ndarray, batas: tuple[BatasKurva, ...]):
    """Rencana untuk aturan yang himpunannya bertumpang tindih (pemrograman bilangan bulat)."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    c = np.asarray(jumlah, dtype=np.int64)
    n, k = int(c.sum()), len(PREDIKAT)
    # Peubah: t (jumlah akhir per predikat) lalu u >= c - t (yang keluar); minimumkan jumlah u.
    baris, bawah, atas = [np.r_[np.ones(k), np.zeros(k)]], [n], [n]
    for b in batas:
        baris.append(np.r_[np.isin(np.arange(k), b.predikat).astype(float), np.zeros(k)])
        bawah.append(int(b.batas_bawah(np.int64(n))))
        atas.append(int(b.batas_atas(np.int64(n))))
    for i in range(k):
        baris.append(np.r_[np.eye(k)[i], np.eye(k)[i]])
        bawah.append(int(c[i]))
        atas.append(np.inf)
    hasil = milp(
        np.r_[np.zeros(k), np.ones(k)],
        constraints=LinearConstraint(np.array(baris), bawah, atas),
        integrality=np.ones(2 * k),
        bounds=Bounds(0, n),
    )
    if not hasil.success:
        return None
    t = np.rint(hasil.x[:k]).astype(np.int64)
    sisa_keluar, sisa_masuk = np.maximum(c - t, 0), np.maximum(t - c, 0)
    pindah = []
    while sisa_keluar.sum():
        _, _, i, j = min(
            (abs(i - j), j < i, i, j)
            for i in np.flatnonzero(sisa_keluar)
            for j in np.flatnonzero(sisa_masuk)
        )
        banyak = int(min(sisa_keluar[i], sisa_masuk[j]))
        sisa_keluar[i] -= banyak
        sisa_masuk[j] -= banyak
        pindah.append((int(i), int(j), banyak))
    return sorted(pindah)


def _rencana(jumlah, batas: tuple[BatasKurva, ...]):
    bagian = _bagian(batas)
    return _rencana_milp(jumlah, batas) if bagian is None else _rencana_lepas(jumlah, bagian)


def rencana_perubahan(
    jumlah: dict[str, int], predikat_organisasi: str, aturan: dict
) -> list[tuple[str, str, int]] | None:
    """Perubahan predikat paling sedikit yang membuat OPD sesuai kurva.

    Parameters
    ----------
    jumlah
        Banyak pegawai per predikat (label di :data:`~asn_analitik.konfigurasi.PREDIKAT`);
        predikat yang tidak disebut berarti 0.
    predikat_organisasi
        ``istimewa``, ``baik``, ``butuh_perbaikan``, ``kurang`` atau ``sangat_kurang``.
    aturan
        Aturan kit (:func:`~asn_analitik.nilai.aturan.muat_aturan`).

    Returns
    -------
    list of (str, str, int) or None
        ``(predikat_asal, predikat_tujuan, banyak)``; daftar kosong bila sudah sesuai;
        ``None`` bila aturannya tidak dapat dipenuhi dengan banyak pegawai itu.

    Examples
    --------
    >>> from asn_analitik.nilai.aturan import muat_aturan
    >>> rencana_perubahan({"Baik": 10}, "baik", muat_aturan())
    [('Baik', 'Butuh Perbaikan', 3)]
    """
    c = np.array([int(jumlah.get(p, 0)) for p in PREDIKAT])
    hasil = _rencana(c, aturan_kurva(aturan)[predikat_organisasi])
    if hasil is None:
        return None
    return [(PREDIKAT[i], PREDIKAT[j], b) for i, j, b in hasil]


def _persen(bagian: float) -> str:
    desimal = 0 if float(bagian).is_integer() else 1
    return f"{angka_id(bagian, desimal)}%"


def _pelanggaran(c: np.ndarray, organisasi: str, batas: tuple[BatasKurva, ...]):
    """Aturan yang dilanggar OPD dengan jumlah ``c``: daftar (aturan, jenis, teks); ``jenis``
    ``lebih`` (di atas batas atas) atau ``kurang`` (di bawah batas bawah)."""
    n = int(c.sum())
    org = f"untuk organisasi berpredikat {label_predikat_organisasi(organisasi)}"
    hasil = []
    for b in batas:
        isi = int(c[list(b.predikat)].sum())
        porsi = _persen(round(100 * isi / n, 1)) if n else "0%"
        rincian = f"{b.label} {porsi} ({angka_id(isi)} dari {angka_id(n)} pegawai)"
        if b.maks_persen is not None and isi > np.floor(b.maks_persen * n / 100 + 1e-9):
            teks = f"{rincian} melebihi batas {_persen(b.maks_persen)} {org}"
            hasil.append((b, "lebih", teks))
        if b.maks_jumlah is not None and isi > b.maks_jumlah:
            teks = (
                f"ada {angka_id(isi)} pegawai berpredikat {b.label}, padahal tidak boleh ada {org}"
                if b.maks_jumlah == 0
                else f"{b.label} {angka_id(isi)} pegawai, melebihi batas {b.maks_jumlah} orang "
                f"{org}"
            )
            hasil.append((b, "lebih", teks))
        if b.min_persen is not None and isi < np.ceil(b.min_persen * n / 100 - 1e-9):
            teks = f"{rincian} di bawah batas minimal {_persen(b.min_persen)} {org}"
            hasil.append((b, "kurang", teks))
        if b.min_jumlah is not None and isi < b.min_jumlah:
            teks = (
                f"tidak ada pegawai berpredikat {b.label}, padahal harus ada {org}"
                if isi == 0 and b.min_jumlah == 1
                else f"{b.label} {angka_id(isi)} pegawai, kurang dari minimal {b.min_jumlah} "
                f"orang {org}"
            )
            hasil.append((b, "kurang", teks))
    return hasil


def _hitung_jumlah(skor: pd.DataFrame, organisasi: pd.DataFrame | None):
    """Satu baris per (opd, periode) yang ada di skor atau organisasi, dengan jumlah per
    predikat dan predikat organisasinya; juga nomor baris itu dan nomor predikat tiap baris
    skor (-1: tanpa predikat)."""
    kunci = skor[["opd", "periode"]].astype("str")
    if organisasi is not None and len(organisasi):
        org = organisasi[["opd", "periode", "predikat_organisasi"]].astype("str")
        org = org.drop_duplicates(["opd", "periode"])
        kunci = pd.concat([kunci, org[["opd", "periode"]]], ignore_index=True)
    else:
        org = pd.DataFrame({"opd": [], "periode": [], "predikat_organisasi": []}, dtype="str")
    baris = kunci.drop_duplicates().reset_index(drop=True)
    baris = baris.assign(_urut=kunci_urut_periode(baris["periode"]).to_numpy())
    baris = baris.sort_values(["opd", "_urut"], kind="stable").reset_index(drop=True)
    nomor = pd.MultiIndex.from_frame(baris[["opd", "periode"]])
    letak = nomor.get_indexer(pd.MultiIndex.from_frame(kunci.iloc[: len(skor)]))
    kode = pd.Index(PREDIKAT).get_indexer(skor["predikat"].astype("str"))
    ada = kode >= 0
    hitung = np.bincount(
        letak[ada] * len(PREDIKAT) + kode[ada], minlength=len(baris) * len(PREDIKAT)
    ).reshape(len(baris), len(PREDIKAT))
    hasil = baris[["opd", "periode"]].merge(org, on=["opd", "periode"], how="left")
    for j, kolom in enumerate(_JUMLAH):
        hasil[kolom] = hitung[:, j]
    hasil["jumlah_pegawai"] = hitung.sum(axis=1)
    return hasil, letak, kode


def _nilai_kurva(tabel: pd.DataFrame, aturan: dict) -> tuple[pd.DataFrame, dict]:
    """Status, pelanggaran dan selisih; juga rencana tiap OPD yang tidak sesuai."""
    kurva = aturan_kurva(aturan)
    jumlah = tabel[_JUMLAH].to_numpy(dtype=np.int64)
    n = tabel["jumlah_pegawai"].to_numpy(dtype=np.int64)
    org = tabel["predikat_organisasi"]
    selisih = np.full(len(tabel), np.nan)
    for kode, batas in kurva.items():
        pilih = (org == kode).to_numpy()
        if not pilih.any():
            continue
        bagian = _bagian(batas)
        if bagian is not None:
            selisih[pilih] = _selisih_lepas(jumlah[pilih], n[pilih], bagian)
        else:
            for i in np.flatnonzero(pilih):
                rencana = _rencana_milp(jumlah[i], batas)
                selisih[i] = np.nan if rencana is None else sum(b for *_, b in rencana)
    status = np.where(org.isna(), "tanpa_predikat_organisasi",
                      np.where(selisih == 0, "sesuai", "tidak_sesuai"))  # fmt: skip
    status = np.where(org.notna() & (n == 0), "tanpa_predikat_pegawai", status)
    pelanggaran = np.full(len(tabel), "", dtype=object)
    rencana = {}
    for i in np.flatnonzero(status == "tidak_sesuai"):
        batas = kurva[org.iloc[i]]
        langgar = _pelanggaran(jumlah[i], org.iloc[i], batas)
        teks = [t for *_, t in langgar]
        if np.isnan(selisih[i]):
            teks.append(
                f"dengan {angka_id(n[i])} pegawai berpredikat, aturan untuk organisasi berpredikat "
                f"{label_predikat_organisasi(org.iloc[i])} tidak dapat dipenuhi bersamaan"
            )
        else:
            rencana[i] = (_rencana(jumlah[i], batas), langgar)
        pelanggaran[i] = "; ".join(teks)
    hasil = tabel.assign(
        status=status,
        pelanggaran=pd.Series(pelanggaran, index=tabel.index, dtype="str").replace("", np.nan),
        selisih_pegawai=pd.array(np.where(status == "sesuai", 0, selisih), dtype="Float64").astype(
            "Int64"
        ),
    )
    hasil.loc[~hasil["status"].isin(["sesuai", "tidak_sesuai"]), "selisih_pegawai"] = pd.NA
    return hasil[KOLOM_KURVA], rencana


def _sebab(langgar, dari: int, ke: int) -> str:
    """Teks aturan yang diperbaiki perpindahan ``dari -> ke``."""
    for b, jenis, teks in langgar:
        if jenis == "lebih" and dari in b.predikat:
            return teks
    for b, jenis, teks in langgar:
        if jenis == "kurang" and ke in b.predikat:
            return teks
    return langgar[0][2] if langgar else ""


def _rencana_tabel(rencana: dict) -> pd.DataFrame:
    """Satu baris per perpindahan dalam rencana: OPD (nomor baris kurva), predikat asal dan
    tujuan, arah, dan rentang urutan bukti ``[awal, awal + banyak)`` pegawai yang ditinjau."""
    baris = []
    for i, (pindah, langgar) in rencana.items():
        mulai = {}
        # Yang turun mengambil dari bukti terlemah, yang naik dari bukti terkuat.
        for dari, ke, banyak in sorted(pindah, key=lambda p: (p[0], p[1] < p[0], abs(p[1] - p[0]))):
            naik = ke < dari
            awal = mulai.get((dari, naik), 0)
            mulai[(dari, naik)] = awal + banyak
            baris.append((i, dari, ke, naik, awal, banyak, _sebab(langgar, dari, ke)))
    kolom = ["_baris", "_dari", "_ke", "_naik", "_awal", "_banyak", "_sebab"]
    return pd.DataFrame(baris, columns=kolom).assign(_langkah=lambda t: np.arange(len(t)))


def _urutan_bukti(skor: pd.DataFrame, pilih: np.ndarray, kelompok: np.ndarray, naik: bool):
    """Urutan bukti tiap baris ``pilih`` di dalam kelompoknya: 0 = terlemah (``naik=False``)
    atau terkuat (``naik=True``); nilai kosong paling akhir, seri diurutkan menurut NIP."""
    tanda = -1.0 if naik else 1.0
    kunci = []
    for kolom in ("nilai_hasil_kerja", "nilai_perilaku"):
        nilai = skor[kolom].to_numpy(dtype="float64")[pilih] if kolom in skor else np.nan
        kunci.append(np.nan_to_num(tanda * np.broadcast_to(nilai, pilih.shape), nan=np.inf))
    nip = pd.factorize(skor["nip"].to_numpy(dtype=str)[pilih], sort=True)[0]
    urut = np.lexsort((nip, kunci[1], kunci[0], kelompok))
    awal = np.r_[0, np.flatnonzero(np.diff(kelompok[urut])) + 1]
    panjang = np.diff(np.r_[awal, len(urut)])
    peringkat = np.empty(len(urut), dtype=np.int64)
    peringkat[urut] = np.arange(len(urut)) - np.repeat(awal, panjang)
    return peringkat


def _kandidat(skor, letak, kode, rencana: dict) -> pd.DataFrame:
    if not rencana:
        return pd.DataFrame({k: pd.Series(dtype="str") for k in KOLOM_KANDIDAT}).astype(
            {"nilai_hasil_kerja": "float64", "nilai_perilaku": "float64", "urutan": "int64"}
        )
    langkah = _rencana_tabel(rencana)
    k = len(PREDIKAT)
    pilih = np.flatnonzero(np.isin(letak, list(rencana)) & (kode >= 0))
    kelompok = letak[pilih].astype(np.int64) * k + kode[pilih]
    # Tiap langkah mengambil pegawai kelompok (OPD, predikat asal) dengan urutan bukti di
    # [awal, awal + banyak): dijodohkan lewat kunci bilangan bulat, tanpa gabung teks.
    besar = int(len(skor)) + 1
    bagian = []
    for naik in (False, True):
        lk = langkah[langkah["_naik"] == naik]
        if lk.empty:
            continue
        urut = _urutan_bukti(skor, pilih, kelompok, naik)
        kunci_staf = kelompok * besar + urut
        ulang = lk.loc[lk.index.repeat(lk["_banyak"])]
        ke = ulang.groupby(level=0).cumcount().to_numpy() + ulang["_awal"].to_numpy()
        kunci_langkah = (ulang["_baris"].to_numpy() * k + ulang["_dari"].to_numpy()) * besar + ke
        posisi = pd.Index(kunci_staf).get_indexer(kunci_langkah)
        bagian.append(ulang.assign(_posisi=pilih[posisi], _urut=ke).reset_index(drop=True))
    pasang = pd.concat(bagian, ignore_index=True).sort_values(["_langkah", "_urut"])
    pasang["urutan"] = pasang.groupby("_baris", sort=False).cumcount().to_numpy() + 1
    staf = skor.iloc[pasang["_posisi"].to_numpy()].reset_index(drop=True)
    pasang = pasang.reset_index(drop=True)
    hasil = pd.DataFrame(
        {
            "nip": staf["nip"].astype("str"),
            "nama": staf["nama"].astype("str") if "nama" in staf else np.nan,
            "opd": staf["opd"].astype("str"),
            "periode": staf["periode"].astype("str"),
            "predikat": pd.Series(np.asarray(PREDIKAT, dtype=object)[pasang["_dari"]], dtype="str"),
            "nilai_hasil_kerja": staf.get("nilai_hasil_kerja", np.nan),
            "nilai_perilaku": staf.get("nilai_perilaku", np.nan),
            "predikat_tujuan": pd.Series(
                np.asarray(PREDIKAT, dtype=object)[pasang["_ke"]], dtype="str"
            ),  # fmt: skip
            "urutan": pasang["urutan"].to_numpy(),
        }
    )
    nilai = (
        "nilai hasil kerja "
        + hasil["nilai_hasil_kerja"].map(lambda x: angka_id(x, 1)).astype("str")
        + ", perilaku "
        + hasil["nilai_perilaku"].map(lambda x: angka_id(x, 2)).astype("str")
    )
    hasil["alasan"] = (
        pasang["_sebab"]
        + ". Termasuk "
        + pasang["_banyak"].map(angka_id)
        + " pegawai "
        + hasil["predikat"]
        + " dengan bukti "
        + np.where(pasang["_naik"], "terkuat", "terlemah")
        + " ("
        + nilai
        + "); bila penilai setuju setelah meninjau buktinya, predikatnya "
        + hasil["predikat_tujuan"]
        + "."
    )
    # urut seperti kurva (OPD, periode dalam urutan waktu), lalu urutan tinjauan
    hasil = hasil.assign(_baris=pasang["_baris"]).sort_values(["_baris", "urutan"], kind="stable")
    return hasil[KOLOM_KANDIDAT].reset_index(drop=True)


def analisis_kurva(
    skor_pegawai: pd.DataFrame, organisasi: pd.DataFrame | None, aturan: dict
) -> HasilKurva:
    """Kurva distribusi tiap OPD dan periode, dan kandidat tinjauan di OPD yang tidak sesuai.

    Parameters
    ----------
    skor_pegawai
        Keluaran ``skor`` metode ``permenpanrb_6_2022`` (kolom ``nip``, ``nama``, ``opd``,
        ``periode``, ``predikat``, ``nilai_hasil_kerja``, ``nilai_perilaku``).
    organisasi
        Tabel ``organisasi`` (``opd``, ``periode``, ``predikat_organisasi``), atau ``None``.
    aturan
        Aturan kit (:func:`~asn_analitik.nilai.aturan.muat_aturan`).

    Returns
    -------
    HasilKurva

    Examples
    --------
    >>> import pandas as pd
    >>> from asn_analitik.nilai.aturan import muat_aturan
    >>> skor = pd.DataFrame({"nip": [f"{i:018d}" for i in range(10)], "opd": "Dinas A",
    ...     "periode": "2026", "predikat": ["Baik"] * 9 + ["Butuh Perbaikan"],
    ...     "nilai_hasil_kerja": range(90, 100)})
    >>> org = pd.DataFrame({"opd": ["Dinas A"], "periode": ["2026"],
    ...     "predikat_organisasi": ["baik"]})
    >>> hasil = analisis_kurva(skor, org, muat_aturan())
    >>> hasil.kurva.loc[0, "status"], int(hasil.kurva.loc[0, "selisih_pegawai"])
    ('tidak_sesuai', 2)
    >>> print(hasil.kurva.loc[0, "pelanggaran"])
    Baik 90% (9 dari 10 pegawai) melebihi batas 70% untuk organisasi berpredikat Baik
    >>> hasil.kandidat[["nip", "predikat_tujuan", "urutan"]].to_numpy().tolist()
    [['000000000000000000', 'Butuh Perbaikan', 1], ['000000000000000001', 'Butuh Perbaikan', 2]]
    """
    tabel, letak, kode = _hitung_jumlah(skor_pegawai, organisasi)
    kurva, rencana = _nilai_kurva(tabel, aturan)
    return HasilKurva(kurva, _kandidat(skor_pegawai, letak, kode, rencana))


def _uraian(b: BatasKurva) -> str:
    bagian = []
    if b.min_persen is not None:
        bagian.append(f"paling sedikit {_persen(b.min_persen)}")
    if b.min_jumlah is not None:
        bagian.append("harus ada" if b.min_jumlah == 1 else f"paling sedikit {b.min_jumlah} orang")
    if b.maks_persen is not None:
        bagian.append(f"paling banyak {_persen(b.maks_persen)}")
    if b.maks_jumlah is not None:
        bagian.append(
            "tidak boleh ada" if b.maks_jumlah == 0 else f"paling banyak {b.maks_jumlah} orang"
        )
    return f"{b.label}: {', '.join(bagian)}"


def pola_diizinkan(predikat_organisasi: str, aturan: dict) -> pd.DataFrame:
    """Aturan kurva satu predikat organisasi, untuk ditampilkan: satu baris per aturan.

    Kolom ``predikat`` (daftar label), ``porsi_min`` dan ``porsi_maks`` (0..1; kosong bila tidak
    dibatasi persen), ``aturan`` (uraian).

    Examples
    --------
    >>> from asn_analitik.nilai.aturan import muat_aturan
    >>> pola_diizinkan("kurang", muat_aturan())["aturan"].tolist()
    ['Kurang/Misconduct: paling sedikit 60%', 'Butuh Perbaikan: paling sedikit 10%', \
'Sangat Baik: paling banyak 10%']
    """
    batas = aturan_kurva(aturan)[predikat_organisasi]
    return pd.DataFrame(
        {
            "predikat": [[PREDIKAT[i] for i in b.predikat] for b in batas],
            "porsi_min": [np.nan if b.min_persen is None else b.min_persen / 100 for b in batas],
            "porsi_maks": [
                0.0
                if b.maks_jumlah == 0
                else np.nan
                if b.maks_persen is None
                else b.maks_persen / 100
                for b in batas
            ],
            "aturan": [_uraian(b) for b in batas],
        }
    )
