"""Kunci yang difaktorkan sekali: NIP dan periode menjadi kode bilangan bulat.

Tabel indikator bisa berisi puluhan juta baris dengan NIP yang berulang. Pencarian NIP di
daftar pegawai dikerjakan sekali per NIP unik: NIP 18 digit sebagai bilangan bulat 64-bit yang
dicari dengan ``numpy.searchsorted`` pada daftar pegawai yang diurutkan sekali (jutaan NIP),
teks lain dengan ``pyarrow.compute.index_in`` (tabel hash di C++). Kolom lalu disimpan sebagai
``Categorical`` berkategori sama di semua tabel, sehingga penggabungan dan agregasi berikutnya
cukup memakai kodenya.
"""

from __future__ import annotations

import weakref

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "ada_di",
    "digit_18",
    "faktor",
    "kategori_ke_teks",
    "kategori_unik",
    "kode_dalam",
    "matriks_digit",
    "pemeta_kode",
    "peta_baris",
    "potongan",
    "satukan_kamus",
    "sebagai_kategori",
    "sebagai_teks",
    "teks_arrow",
    "teks_ke_kategori",
    "ubah_kategori",
    "urutan_teks",
]


def _arrow(nilai: pd.Series | pd.Index) -> pa.Array:
    if isinstance(nilai.dtype, pd.CategoricalDtype):
        nilai = pd.Series(nilai)
        if nilai.cat.categories.dtype in ("str", object):
            return teks_arrow(kategori_ke_teks(nilai))
        nilai = nilai.astype("str")
    return pa.array(nilai.astype("str"), from_pandas=True)


def _sidik_kamus(kamus: pa.Array) -> tuple:
    """Identitas kamus satu potongan: potongan dari satu kelompok baris Parquet memakai kamus
    yang sama (buffer yang sama), jadi cukup disatukan sekali."""
    return (kamus.offset, len(kamus), *(b.address if b is not None else 0 for b in kamus.buffers()))


def satukan_kamus(kolom: pa.ChunkedArray) -> tuple[np.ndarray, pa.Array]:
    """Kode tiap baris (``-1`` = kosong) dan satu kamus untuk kolom berkamus pyarrow yang
    potongannya berkamus berbeda (seperti ``ChunkedArray.unify_dictionaries``, urutan kamus
    sama: urutan kemunculan). Kamus yang dipakai bersama beberapa potongan disatukan sekali.

    Examples
    --------
    >>> a = pa.array(["b", "a", None]).dictionary_encode()
    >>> b = pa.array(["c", "a"]).dictionary_encode()
    >>> kode, kamus = satukan_kamus(pa.chunked_array([a, b, a]))
    >>> kode.tolist(), kamus.to_pylist()
    ([0, 1, -1, 2, 1, 0, 1, -1], ['b', 'a', 'c'])
    """
    potongan = [c for c in kolom.chunks] or [pa.array([], kolom.type)]
    urutan, kamus = {}, []
    for c in potongan:
        urutan.setdefault(_sidik_kamus(c.dictionary), len(urutan))
        if len(kamus) < len(urutan):
            kamus.append(c.dictionary)
    if len(kamus) == 1:
        satu, peta = kamus[0], [np.arange(len(kamus[0]))]
    else:  # satu pengodean atas semua kamus berbeda memberi kamus gabungan dan peta tiap kamus
        semua = pa.concat_arrays([k.cast(pa.string()) for k in kamus])
        satu, posisi = _kodekan_nip(semua) or _kodekan(semua)
        peta = np.split(posisi, np.cumsum([len(k) for k in kamus])[:-1])
    kode = np.empty(len(kolom), dtype=np.int32 if len(satu) < 2**31 else np.int64)
    awal = 0
    for c in potongan:
        indeks = pc.fill_null(c.indices, -1).to_numpy(zero_copy_only=False)
        peta_c = np.append(peta[urutan[_sidik_kamus(c.dictionary)]], -1)
        kode[awal : awal + len(c)] = peta_c[indeks]  # indeks -1 (kosong) mengambil -1
        awal += len(c)
    return kode, satu


def _kodekan(teks: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """(nilai unik menurut urutan kemunculan, kode tiap nilai) lewat tabel hash pyarrow."""
    hasil = pc.dictionary_encode(teks)
    return hasil.dictionary, hasil.indices.to_numpy(zero_copy_only=False)


def _kodekan_nip(teks: pa.Array) -> tuple[pa.Array, np.ndarray] | None:
    """Seperti :func:`_kodekan` untuk teks yang semuanya NIP 18 digit, sebagai bilangan dan
    pengurutan (jutaan NIP: jauh lebih cepat daripada tabel hash teks); ``None`` bila ada teks
    lain atau sel kosong."""
    if teks.null_count or not len(teks):
        return None
    bilangan = digit_18(teks)
    if (bilangan < 0).any():
        return None
    unik, pertama, balik = np.unique(bilangan, return_index=True, return_inverse=True)
    urutan = np.argsort(pertama, kind="stable")  # urutan kemunculan, seperti dictionary_encode
    kode = np.empty(len(unik), dtype=np.int64)
    kode[urutan] = np.arange(len(unik))
    return teks.take(pa.array(pertama[urutan])), kode[balik]


def digit_18(teks: pa.Array) -> np.ndarray:
    """Bilangan bulat tiap teks yang tepat 18 digit ASCII (NIP), ``-1`` untuk teks lain dan sel
    kosong; dibaca langsung dari bita larik pyarrow, tanpa objek Python per nilai.

    Examples
    --------
    >>> digit_18(pa.array(["198609262015051001", "1.98609E+17", None, "0" * 18])).tolist()
    [198609262015051001, -1, -1, 0]
    """
    teks = teks.combine_chunks() if isinstance(teks, pa.ChunkedArray) else teks
    sah = pc.fill_null(pc.match_substring_regex(teks, "^[0-9]{18}$"), False)
    sah = sah.to_numpy(zero_copy_only=False)
    hasil = np.full(len(teks), -1, dtype=np.int64)
    if sah.any():
        digit = matriks_digit(teks.filter(pa.array(sah)), 18, np.uint8)
        bilangan = np.zeros(len(digit), dtype=np.int64)
        for j in range(18):  # kolom demi kolom: tanpa matriks int64 (n, 18) sementara
            bilangan *= 10
            bilangan += digit[:, j]
        hasil[sah] = bilangan
    return hasil


def matriks_digit(teks: pa.Array, lebar: int, jenis=np.int16) -> np.ndarray:
    """Teks yang semuanya ``lebar`` digit ASCII sebagai matriks (n, ``lebar``) bilangan 0-9."""
    teks = teks.cast(pa.large_string())
    offset = np.frombuffer(teks.buffers()[1], dtype=np.int64)
    offset = offset[teks.offset : teks.offset + len(teks) + 1]
    bita = np.frombuffer(teks.buffers()[2], dtype=np.uint8)[offset[0] : offset[-1]]
    return (bita.reshape(-1, lebar) - np.uint8(ord("0"))).astype(jenis, copy=False)


class _DaftarNip:
    """Daftar acuan yang semuanya NIP 18 digit, diurutkan sekali sebagai bilangan bulat untuk
    dicari dengan ``searchsorted``."""

    def __init__(self, bilangan: np.ndarray) -> None:
        self.posisi = np.argsort(bilangan, kind="stable")
        self.urut = bilangan[self.posisi]

    def cari(self, dicari: np.ndarray) -> np.ndarray:
        """Posisi tiap NIP (sebagai bilangan dari :func:`digit_18`; -1 = bukan NIP) di acuan."""
        if len(self.urut) == 0:
            return np.full(len(dicari), -1, dtype=np.int64)
        i = np.minimum(np.searchsorted(self.urut, dicari), len(self.urut) - 1)
        ketemu = (self.urut[i] == dicari) & (dicari >= 0)
        return np.where(ketemu, self.posisi[i], -1)


_SIMPANAN: dict[tuple[str, int], tuple[weakref.ref, object]] = {}


def _sekali_per_objek(jenis: str, objek, hitung):
    """``hitung(objek)``, disimpan selama ``objek`` (mis. ``Index`` kategori jutaan NIP yang
    dipakai beberapa tabel dan beberapa langkah) masih hidup."""
    simpan = _SIMPANAN.get((jenis, id(objek)))
    if simpan is not None and simpan[0]() is objek:
        return simpan[1]
    for kunci in [k for k, (ref, _) in _SIMPANAN.items() if ref() is None]:
        del _SIMPANAN[kunci]
    hasil = hitung(objek)
    _SIMPANAN[(jenis, id(objek))] = (weakref.ref(objek), hasil)
    return hasil


def _bilangan_nip(nilai: pd.Index) -> np.ndarray:
    """:func:`digit_18` tiap nilai ``Index`` teks (sekali per objek)."""
    return _sekali_per_objek("bilangan", nilai, lambda i: digit_18(_arrow(i)))


def _daftar_nip(acuan: pd.Index) -> _DaftarNip | None:
    """``_DaftarNip`` untuk ``acuan`` (dibuat sekali per objek ``Index``), atau ``None`` bila
    acuan memuat nilai yang bukan NIP 18 digit atau nilai ganda."""

    def buat(acuan: pd.Index) -> _DaftarNip | None:
        if acuan.dtype not in ("str", object) or not len(acuan):
            return None
        bilangan = _bilangan_nip(acuan)
        if not (bilangan >= 0).all():
            return None
        daftar = _DaftarNip(bilangan)
        return None if (daftar.urut[1:] == daftar.urut[:-1]).any() else daftar

    return _sekali_per_objek("daftar", acuan, buat)


def kategori_unik(kode: np.ndarray, kategori: pd.Index) -> pd.Categorical:
    """``Categorical`` dari kode dan kategori yang pasti unik dan tanpa kosong (dari kamus
    pyarrow, ``factorize``, atau NIP pegawai yang sudah diperiksa ganda).

    ``pandas`` memeriksa keunikan kategori setiap kali ``Categorical`` dibuat; untuk jutaan NIP
    itu beberapa detik per tabel. Di sini pemeriksaan itu dilewati lewat
    ``CategoricalDtype._from_fastpath`` (bila ada di versi pandas ini; bila tidak, lewat
    konstruktor biasa yang memeriksa). ``tests/test_inti.py`` memastikan hasilnya sama.

    Examples
    --------
    >>> kategori_unik(np.array([1, -1, 0]), pd.Index(["a", "b"])).tolist()
    ['b', nan, 'a']
    """
    cepat = getattr(pd.CategoricalDtype, "_from_fastpath", None)
    try:
        jenis = cepat(kategori, False) if cepat is not None else pd.CategoricalDtype(kategori)
    except TypeError:  # tanda tangan berubah di versi pandas lain
        jenis = pd.CategoricalDtype(kategori)
    return pd.Categorical.from_codes(kode, dtype=jenis, validate=False)


def kode_dalam(nilai: pd.Series, acuan: pd.Index) -> np.ndarray:
    """Posisi tiap nilai di ``acuan``; ``-1`` bila tidak ada atau kosong.

    Examples
    --------
    >>> kode_dalam(pd.Series(["b", "x", None]), pd.Index(["a", "b"])).tolist()
    [1, -1, -1]
    """
    if isinstance(nilai.dtype, pd.CategoricalDtype):
        kategori = nilai.cat.categories
        if kategori is acuan or (len(kategori) == len(acuan) and kategori.equals(acuan)):
            return nilai.cat.codes.to_numpy().astype(np.int64)  # sudah berkategori acuan
        daftar = _daftar_nip(acuan) if len(acuan) else None
        if daftar is not None and kategori.dtype in ("str", object):
            peta = daftar.cari(_bilangan_nip(kategori))  # bilangan kategori dihitung sekali
        else:
            peta = kode_dalam(pd.Series(kategori), acuan)
        # kode -1 (kosong) mengambil -1 terakhir
        return np.append(peta, -1)[nilai.cat.codes.to_numpy()]
    if len(acuan) == 0:
        return np.full(len(nilai), -1, dtype=np.int64)
    daftar = _daftar_nip(acuan)
    if daftar is not None:  # acuan NIP 18 digit: cari sebagai bilangan bulat
        return daftar.cari(digit_18(_arrow(nilai)))
    posisi = pc.index_in(_arrow(nilai), value_set=_arrow(acuan))
    return pc.fill_null(posisi, -1).to_numpy(zero_copy_only=False).astype(np.int64)


def ada_di(nilai: pd.Series, acuan) -> np.ndarray:
    """``nilai.isin(acuan)`` untuk teks, dengan tabel hash pyarrow.

    ``Series.isin`` pandas pada kolom teks Arrow mengubah setiap nilai ``acuan`` satu per satu
    menjadi skalar Python (± 1 detik untuk 200.000 NIP); di sini acuan diubah sekali menjadi
    larik Arrow.

    Examples
    --------
    >>> ada_di(pd.Series(["b", "x", None]), ["a", "b"]).tolist()
    [True, False, False]
    """
    acuan = pd.Index(acuan)
    return kode_dalam(nilai, acuan.dropna().unique()) >= 0


def peta_baris(nilai: pd.Series) -> tuple[pd.Index, np.ndarray]:
    """Acuan nilai unik ``nilai`` dan baris pertamanya, untuk mencari baris suatu tabel (mis.
    ``pegawai``) menurut kuncinya: ``peta[kode_dalam(lain, acuan)]`` (``-1`` bila tidak ada).

    Acuannya kategori ``nilai`` bila berkategori: kolom yang berkategori sama (NIP semua tabel
    hasil :func:`~.muat.muat`) dicari lewat kodenya saja, tanpa teks per baris. Selain itu teks
    ``nilai`` sendiri. ``peta`` satu lebih panjang dari acuan; tempat terakhirnya ``-1``
    (untuk kode kosong).

    Examples
    --------
    >>> acuan, peta = peta_baris(pd.Series(["b", "a", "b"]))
    >>> peta[kode_dalam(pd.Series(["b", "x", None]), acuan)].tolist()
    [0, -1, -1]
    """
    if isinstance(nilai.dtype, pd.CategoricalDtype):
        acuan = nilai.cat.categories
    else:
        acuan = pd.Index(sebagai_teks(nilai))
    letak = kode_dalam(nilai, acuan)
    peta = np.full(len(acuan) + 1, -1, dtype=np.int64)
    peta[letak[::-1]] = np.arange(len(letak))[::-1]  # baris pertama ditulis terakhir
    peta[-1] = -1  # kunci kosong tidak punya baris
    return acuan, peta


def sebagai_kategori(
    nilai: pd.Series, acuan: pd.Index, jenis: pd.CategoricalDtype | None = None
) -> pd.Series:
    """Ubah ``nilai`` menjadi ``Categorical`` berkategori ``acuan`` (nilai di luar acuan kosong).

    ``jenis``: ``CategoricalDtype(acuan)`` yang sudah dibuat, agar kategori (jutaan NIP) tidak
    diperiksa ulang untuk setiap tabel.

    Examples
    --------
    >>> sebagai_kategori(pd.Series(["b", "a"]), pd.Index(["a", "b"])).cat.codes.tolist()
    [1, 0]
    """
    kode = kode_dalam(nilai, acuan)
    jenis = jenis if jenis is not None else pd.CategoricalDtype(acuan)
    return pd.Series(
        pd.Categorical.from_codes(kode, dtype=jenis, validate=False), index=nilai.index
    )


def ubah_kategori(nilai: pd.Series, fungsi) -> pd.Series:
    """Terapkan ``fungsi`` (Series teks -> Series) pada kategori saja; tetap ``Categorical``.

    Kategori yang menjadi sama setelah diubah digabung; yang menjadi kosong menjadi ``NaN``.
    Urutan kategori baru mengikuti urutan kategori lama (untuk kolom yang dibaca dari berkas:
    urutan kemunculan di berkas).

    Examples
    --------
    >>> s = pd.Series(pd.Categorical([" a", "a", "-", None]))
    >>> ubah_kategori(s, lambda k: k.str.strip().replace("-", None)).tolist()
    ['a', 'a', nan, nan]
    """
    kategori = pd.Series(np.asarray(nilai.cat.categories, dtype=object), dtype="str")
    baru = fungsi(kategori)
    if baru.notna().all() and baru.is_unique and (baru.to_numpy() == kategori.to_numpy()).all():
        return nilai  # tidak ada yang berubah: kode dan kategori tetap
    kode_baru, kategori_baru = pd.factorize(baru.to_numpy())
    # kode -1 (kosong) mengambil -1 terakhir yang ditambahkan
    kode = np.append(kode_baru, -1).astype(np.int64)[nilai.cat.codes.to_numpy()]
    return pd.Series(kategori_unik(kode, pd.Index(kategori_baru, dtype="str")), index=nilai.index)


def kategori_ke_teks(nilai: pd.Series) -> pd.Series:
    """``Categorical`` berkategori teks menjadi kolom teks biasa (``str``), tanpa objek Python
    per baris: kamusnya diambil lewat kode dengan ``pyarrow``.

    Examples
    --------
    >>> kategori_ke_teks(pd.Series(pd.Categorical(["b", None, "a"]))).tolist()
    ['b', nan, 'a']
    """
    kode = nilai.cat.codes.to_numpy()
    teks = teks_arrow(nilai.cat.categories).take(pa.array(kode, mask=kode < 0))
    return pd.Series(pd.array(teks, dtype="str"), index=nilai.index, name=nilai.name)


def sebagai_teks(nilai: pd.Series) -> pd.Series:
    """``nilai.astype("str")``, tetapi ``Categorical`` berkategori teks diubah lewat kodenya
    (:func:`kategori_ke_teks`): jutaan baris tanpa objek Python per baris.

    Examples
    --------
    >>> sebagai_teks(pd.Series(pd.Categorical(["b", None]))).tolist()
    ['b', nan]
    >>> sebagai_teks(pd.Series([1.5, None])).tolist()
    ['1.5', nan]
    """
    berkategori = isinstance(nilai.dtype, pd.CategoricalDtype)
    if berkategori and nilai.cat.categories.dtype in ("str", object):
        return kategori_ke_teks(nilai)
    return nilai.astype("str")


def teks_arrow(nilai) -> pa.Array:
    """Teks (``Index``, ``Series``, larik) sebagai larik pyarrow ``large_string``: bentuk yang
    dipakai kolom ``str`` pandas, sehingga hasil ``take`` menjadi kolom pandas tanpa disalin.

    Examples
    --------
    >>> teks_arrow(pd.Index(["a", None])).to_pylist()
    ['a', None]
    """
    if isinstance(nilai, pa.ChunkedArray | pa.Array):
        susun = nilai
    elif getattr(nilai, "dtype", None) == "str":
        susun = pa.array(pd.array(nilai, dtype="str"))
    else:
        susun = pa.array(np.asarray(nilai, dtype=object), type=pa.large_string(), from_pandas=True)
    if isinstance(susun, pa.ChunkedArray):
        susun = susun.combine_chunks()
    return susun.cast(pa.large_string())


def teks_ke_kategori(nilai: pd.Series) -> pd.Series:
    """Kolom teks menjadi ``Categorical`` dengan kategori menurut urutan kemunculan (seperti
    ``pandas.factorize``), lewat ``pyarrow.compute.dictionary_encode``.

    Examples
    --------
    >>> s = teks_ke_kategori(pd.Series(["b", None, "a", "b"]))
    >>> s.tolist(), s.cat.categories.tolist()
    (['b', nan, 'a', 'b'], ['b', 'a'])
    """
    susun = pc.dictionary_encode(_arrow(nilai))
    if isinstance(susun, pa.ChunkedArray):
        susun = susun.combine_chunks() if susun.num_chunks != 1 else susun.chunk(0)
    kode = pc.fill_null(susun.indices, -1).to_numpy(zero_copy_only=False)
    kategori = pd.Index(pd.array(teks_arrow(susun.dictionary), dtype="str"), dtype="str")
    return pd.Series(kategori_unik(kode, kategori), index=nilai.index, name=nilai.name)


def faktor(nilai: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Kode bilangan bulat tiap nilai dan nilai uniknya yang terurut (``-1`` untuk kosong);
    teks difaktorkan dengan ``pyarrow.compute.dictionary_encode``, cepat untuk jutaan baris.

    Examples
    --------
    >>> kode, unik = faktor(pd.Series(["b", "a", None, "b"]))
    >>> kode.tolist(), unik.tolist()
    ([1, 0, -1, 1], ['a', 'b'])
    """
    if isinstance(nilai.dtype, pd.CategoricalDtype):
        kode = nilai.cat.codes.to_numpy().astype(np.int64)
        kamus = pa.array(nilai.cat.categories.astype("str"), from_pandas=True)
    else:
        susun = _arrow(nilai)
        if isinstance(susun, pa.ChunkedArray):  # string panjang pandas dapat berpotongan
            susun = susun.combine_chunks()
        susun = pc.dictionary_encode(susun)
        kode = pc.fill_null(susun.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
        kamus = susun.dictionary
    # Urutan teks lewat pyarrow (urutan bita UTF-8 = urutan str Python), tanpa objek Python
    # per nilai: jutaan NIP.
    urut = pc.sort_indices(kamus).to_numpy(zero_copy_only=False)
    unik = pd.Index(pd.array(kamus.take(pa.array(urut)), dtype="str"), dtype="str")
    if (urut == np.arange(len(urut))).all():  # sudah urut (mis. kategori yang diurutkan)
        return kode, unik
    peta = np.empty(len(urut) + 1, dtype=np.int64)
    peta[urut] = np.arange(len(urut))
    peta[-1] = -1
    return peta[kode], unik


def urutan_teks(nilai: pd.Index) -> np.ndarray:
    """Kode tiap nilai menurut urutan teks (0 = terkecil; sama seperti :func:`faktor`); NIP
    18 digit yang unik diurutkan sebagai bilangan bulat (jutaan NIP tanpa membandingkan teks).

    Examples
    --------
    >>> urutan_teks(pd.Index(["199002142014032002", "198609262015051001"])).tolist()
    [1, 0]
    >>> urutan_teks(pd.Index(["b", "a", "b"])).tolist()
    [1, 0, 1]
    """
    daftar = _daftar_nip(nilai)
    if daftar is None:
        return faktor(pd.Series(nilai))[0]
    peringkat = np.empty(len(nilai), dtype=np.int64)
    peringkat[daftar.posisi] = np.arange(len(nilai))
    return peringkat


def pemeta_kode(tabel: pd.DataFrame, acuan: dict[str, pd.Index]):
    """Fungsi potongan -> kode tiap kolom di ``acuan`` (-1 bila tidak ada). Kolom kategori
    dipetakan sekali lewat kategorinya (jutaan NIP), lalu tiap potongan cukup mengindeks."""
    peta = {}
    for kolom, a in acuan.items():
        if isinstance(tabel[kolom].dtype, pd.CategoricalDtype):
            kat = pd.Series(tabel[kolom].cat.categories)
            peta[kolom] = np.append(kode_dalam(kat, a), -1)

    def kode(t: pd.DataFrame) -> list[np.ndarray]:
        return [peta[k][t[k].cat.codes.to_numpy()] if k in peta else kode_dalam(t[k], a)
                for k, a in acuan.items()]  # fmt: skip

    return kode


def potongan(tabel: pd.DataFrame, ukuran: int = 8_000_000):
    """Potongan baris berurutan: puluhan juta baris indikator atau perilaku tanpa larik
    sementara sebesar itu sekaligus."""
    for awal in range(0, len(tabel), ukuran):
        yield tabel.iloc[awal : awal + ukuran]
