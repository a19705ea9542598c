"""Pengelompokan pola kinerja seluruh kabupaten (k-means) dan kestabilannya.

Cara kerja (didokumentasikan juga di README):

1. **Nilai kosong.** Aspek yang tidak dimiliki pegawai (mis. tanpa indikator biaya) diisi
   median kabupaten untuk aspek itu pada periode tersebut: netral, sehingga pegawai tanpa
   indikator biaya tidak tampak "lemah di biaya". Nilai BerAKHLAK yang kosong diisi dengan
   cara yang sama. Bila satu periode sama sekali tanpa data perilaku, blok perilaku tidak
   dipakai dan pengelompokan hanya memakai hasil kerja.
2. **Satuan dan bobot blok.** Fitur diukur dalam satuannya sendiri terhadap ekspektasi:
   capaian dikurangi 100 lalu dibagi ``satuan_capaian`` (bawaan 20 poin), nilai BerAKHLAK
   dikurangi 3 lalu dibagi ``satuan_perilaku`` (bawaan 1 poin), sehingga "20 poin capaian"
   sebanding dengan "satu langkah skala perilaku". Lalu tiap fitur dikalikan 1/sqrt(jumlah
   fitur di bloknya), sehingga blok hasil kerja (4 fitur) dan blok perilaku (7 fitur)
   menyumbang porsi jarak yang sama berapa pun jumlah kolomnya. (Standardisasi z-score tidak
   dipakai: satu kelompok pencilan, mis. pegawai yang tidak melapor dengan capaian 0, akan
   memampatkan perbedaan yang justru dicari.)
3. **Jumlah kelompok.** ``k="auto"`` memilih k di ``rentang_k`` (bawaan 2..8) dengan indeks
   Calinski-Harabasz tertinggi (rasio sebaran antar- dan dalam-kelompok; linear terhadap
   jumlah baris), dihitung pada sampel paling banyak ``ukuran_sampel`` baris. Pada data uji
   dengan pola tertanam, kriteria ini menemukan jumlah pola yang benar, sedangkan silhouette
   cenderung memilih 2 (satu kelompok yang sangat terpisah melawan sisanya). Model akhir
   dilatih pada seluruh data, dimulai dari pusat model sampel.
4. **Kestabilan.** Seperti *clusterboot* (Hennig, 2007): sampel dibootstrap ``n_bootstrap``
   kali, dikelompokkan ulang, dan untuk tiap kelompok asli dicatat Jaccard tertinggi dengan
   kelompok hasil bootstrap; rata-ratanya adalah kestabilan. < 0,6 tidak stabil, 0,6-0,75
   meragukan, >= 0,75 stabil.
5. **Nomor kelompok** diurutkan dari rata-rata nilai hasil kerja tertinggi, sehingga hasil
   sama persis untuk masukan dan ``random_state`` yang sama.

scikit-learn (± 1 detik impor, lewat scipy) baru diimpor saat mengelompokkan: modul yang hanya
memakai konstanta atau :func:`pita_kestabilan` dari sini (profil, tren, laporan di kernel
notebook) tidak membayarnya.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .fitur import KOLOM_HASIL, KOLOM_PERILAKU

__all__ = ["PengelompokKinerja", "pita_kestabilan"]


def _jumlah_baris_unik(x: np.ndarray, batas: int, ukuran: int = 1_000_000) -> int:
    """Jumlah baris ``x`` yang berbeda (dibulatkan 9 desimal): tepat bila kurang dari
    ``batas``, selebihnya suatu bilangan >= ``batas`` (cukup untuk membatasi k).

    Tanpa mengurutkan seluruh matriks (``np.unique(axis=0)`` menyalinnya beberapa kali: ± 1 GB
    sementara untuk 4,4 juta pegawai): tiap baris di-hash per potongan; hash berbeda berarti
    baris berbeda, jadi jumlah hash unik tidak pernah melebihi jumlah baris unik. Hanya bila
    jumlah itu di bawah ``batas`` baris unik dihitung tepat, per potongan."""
    if len(x) == 0:
        return 0
    hash_baris = np.concatenate(
        [
            pd.util.hash_pandas_object(
                pd.DataFrame(x[i : i + ukuran].round(9) + 0.0), index=False
            ).to_numpy()
            for i in range(0, len(x), ukuran)
        ]
    )
    n_hash = len(pd.unique(hash_baris))
    if n_hash >= batas:
        return n_hash
    unik: set[tuple] = set()
    for i in range(0, len(x), ukuran):
        unik.update(map(tuple, np.unique(x[i : i + ukuran].round(9) + 0.0, axis=0).tolist()))
    return len(unik)


def pita_kestabilan(nilai: float) -> str:
    """Kategori kestabilan untuk dibaca analis.

    Examples
    --------
    >>> [pita_kestabilan(x) for x in (0.5, 0.7, 0.9)]
    ['tidak stabil', 'meragukan', 'stabil']
    """
    if not np.isfinite(nilai) or nilai < 0.6:
        return "tidak stabil"
    return "meragukan" if nilai < 0.75 else "stabil"


class PengelompokKinerja:
    """Pengelompok k-means untuk fitur dari :func:`asn_analitik.analisis.fitur.susun_fitur`.

    Parameters
    ----------
    k
        ``"auto"`` atau jumlah kelompok tetap.
    rentang_k
        Rentang k yang dicoba bila ``k="auto"`` (batas bawah dan atas, inklusif).
    random_state
        Benih untuk k-means, sampel dan bootstrap.
    n_bootstrap
        Banyaknya bootstrap untuk kestabilan (0 = tidak dihitung).
    ukuran_sampel
        Batas baris untuk pemilihan k dan bootstrap.
    satuan_capaian, satuan_perilaku
        Besar satu satuan jarak untuk capaian (poin) dan untuk nilai BerAKHLAK (poin skala).

    Attributes
    ----------
    kolom_
        Fitur yang dipakai. ``isi_``: nilai pengisi kosong per fitur.
    k_, label_
        Jumlah kelompok terpilih dan nomor kelompok tiap baris (1..k).
    skor_k_
        Indeks Calinski-Harabasz tiap k yang dicoba.
    stabilitas_
        Kestabilan tiap kelompok (indeks 0 = kelompok 1).
    """

    def __init__(
        self,
        k="auto",
        rentang_k=(2, 8),
        random_state=0,
        n_bootstrap=20,
        ukuran_sampel=20_000,
        satuan_capaian=20.0,
        satuan_perilaku=1.0,
    ):
        self.k = k
        self.satuan_capaian = satuan_capaian
        self.satuan_perilaku = satuan_perilaku
        self.rentang_k = rentang_k
        self.random_state = random_state
        self.n_bootstrap = n_bootstrap
        self.ukuran_sampel = ukuran_sampel

    def _matriks(self, fitur: pd.DataFrame) -> np.ndarray:
        data = fitur[self.kolom_].to_numpy(float)
        data = np.where(np.isnan(data), self.isi_, data)
        z = (data - self.rerata_) / self.skala_
        return z * self.bobot_

    def _siapkan(self, fitur: pd.DataFrame) -> None:
        ada_perilaku = fitur[KOLOM_PERILAKU].notna().any().any()
        self.kolom_ = KOLOM_HASIL + (KOLOM_PERILAKU if ada_perilaku else [])
        median = fitur[self.kolom_].median()
        bawaan = pd.Series({k: 100.0 if k in KOLOM_HASIL else 3.0 for k in self.kolom_})
        self.isi_ = median.fillna(bawaan).to_numpy(float)
        self.rerata_ = bawaan.to_numpy(float)
        hasil = np.array([k in KOLOM_HASIL for k in self.kolom_])
        self.skala_ = np.where(hasil, self.satuan_capaian, self.satuan_perilaku)
        ukuran = [len(KOLOM_HASIL)] + ([len(KOLOM_PERILAKU)] if ada_perilaku else [])
        self.bobot_ = np.concatenate([np.full(n, 1 / np.sqrt(n)) for n in ukuran])

    def _sampel(self, n: int, rng: np.random.Generator) -> np.ndarray:
        if n <= self.ukuran_sampel:
            return np.arange(n)
        return np.sort(rng.choice(n, self.ukuran_sampel, replace=False))

    def _kmeans(self, x: np.ndarray, k: int, seed: int, init="k-means++", n_init=4):
        from sklearn.cluster import KMeans  # lihat catatan impor di awal modul

        n_init = 1 if not isinstance(init, str) else n_init
        return KMeans(n_clusters=k, init=init, n_init=n_init, random_state=seed).fit(x)

    def _pilih_k(self, x: np.ndarray, n_unik: int, rng) -> int:
        self.skor_k_ = {}
        if self.k != "auto":
            return max(1, min(int(self.k), n_unik))
        from sklearn.metrics import calinski_harabasz_score

        bawah, atas = self.rentang_k
        calon = [k for k in range(bawah, atas + 1) if k < n_unik]
        if not calon:
            return max(1, min(bawah, n_unik))
        for k in calon:
            label = self._kmeans(x, k, self.random_state).labels_
            self.skor_k_[k] = float(calinski_harabasz_score(x, label))
        return max(self.skor_k_, key=lambda k: (round(self.skor_k_[k], 6), -k))

    def fit(self, fitur: pd.DataFrame) -> PengelompokKinerja:
        """Pilih k, kelompokkan semua baris, dan hitung kestabilan tiap kelompok."""
        rng = np.random.default_rng(self.random_state)
        self._siapkan(fitur)
        x = self._matriks(fitur)
        if len(x) == 0:
            self.k_, self.label_, self.skor_k_ = 0, np.zeros(0, dtype=int), {}
            self.stabilitas_ = np.zeros(0)
            return self
        batas = max(self.rentang_k[1], 0 if self.k == "auto" else int(self.k)) + 1
        n_unik = _jumlah_baris_unik(x, batas)
        sampel = self._sampel(len(x), rng)
        self.k_ = self._pilih_k(x[sampel], n_unik, rng)
        awal = self._kmeans(x[sampel], self.k_, self.random_state)
        model = self._kmeans(x, self.k_, self.random_state, init=awal.cluster_centers_)
        urutan = self._urutan_kelompok(fitur, model.labels_)
        self.pusat_ = model.cluster_centers_[urutan]
        self.label_ = self._beri_nomor(model.labels_, urutan)
        self.stabilitas_ = self._kestabilan(x[sampel], self.label_[sampel], rng)
        return self

    def _urutan_kelompok(self, fitur: pd.DataFrame, label: np.ndarray) -> np.ndarray:
        nilai = fitur["nilai_hasil_kerja"].fillna(0).to_numpy(float)
        jumlah = np.bincount(label, minlength=self.k_)
        rerata = np.bincount(label, weights=nilai, minlength=self.k_) / np.maximum(jumlah, 1)
        return np.lexsort((-jumlah, -rerata))

    @staticmethod
    def _beri_nomor(label: np.ndarray, urutan: np.ndarray) -> np.ndarray:
        nomor = np.empty_like(urutan)
        nomor[urutan] = np.arange(len(urutan))
        return nomor[label] + 1

    def predict(self, fitur: pd.DataFrame) -> np.ndarray:
        """Nomor kelompok (1..k) untuk baris baru: pusat terdekat."""
        x = self._matriks(fitur)
        jarak = ((x[:, None, :] - self.pusat_[None, :, :]) ** 2).sum(axis=2)
        return jarak.argmin(axis=1) + 1

    def _kestabilan(self, x: np.ndarray, label: np.ndarray, rng) -> np.ndarray:
        k = self.k_
        if self.n_bootstrap <= 0 or k < 2:
            return np.ones(k)
        jaccard = np.full((self.n_bootstrap, k), np.nan)
        for b in range(self.n_bootstrap):
            ambil = np.unique(rng.integers(0, len(x), len(x)))
            # Sampel ulang bisa berisi lebih sedikit baris berbeda daripada k (kantor kecil).
            k_b = min(k, len(np.unique(x[ambil].round(9), axis=0)))
            seed = int(rng.integers(2**31))
            if k_b < 2:
                continue
            model = self._kmeans(x[ambil], k_b, seed, n_init=2)
            asli, baru = label[ambil] - 1, model.labels_
            silang = np.zeros((k, k_b))
            np.add.at(silang, (asli, baru), 1)
            gabungan = silang.sum(axis=1)[:, None] + silang.sum(axis=0)[None, :] - silang
            with np.errstate(invalid="ignore", divide="ignore"):
                skor = np.where(gabungan > 0, silang / gabungan, 0.0).max(axis=1)
            jaccard[b] = np.where(silang.sum(axis=1) > 0, skor, np.nan)
        with np.errstate(invalid="ignore"):
            return (
                np.nan_to_num(np.nanmean(jaccard, axis=0), nan=0.0)
                if np.isfinite(jaccard).any()
                else np.zeros(k)
            )
