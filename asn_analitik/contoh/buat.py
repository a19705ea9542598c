"""Data contoh sintetis: pegawai Kabupaten Bulungan di Tanjung Selor dan kinerjanya.

Semua orang, NIP, dan nilai di sini rekaan. Setiap pegawai mendapat satu *pola* kinerja per
periode (``unggul``, ``kualitas_rendah``, ``terlambat``, ``perilaku_lemah``, ``biasa``) yang
menentukan capaian indikator dan nilai BerAKHLAK-nya, sehingga analisis (skor, klaster) dapat
diuji terhadap kebenaran yang diketahui. Kebenaran itu dikembalikan sebagai tabel ``_pola`` dan
tidak ditulis ke berkas. Sekitar 40 % pegawai berpola lemah di 2025-S2 membaik di 2026-S1
(kebanyakan menjadi ``biasa``, sedikit ``unggul``); sebagian pegawai ``biasa`` menurun dan
sebagian ``unggul`` menjadi ``biasa``, sehingga proporsi pola tiap periode tetap serupa.

Kepatuhan lapor sengaja tidak merata: di tiga unit yang enggan melapor separuh pegawai-periode
tidak mengisi realisasi maupun perilaku; di tempat lain sesekali satu baris terlewat (sekitar
3 % realisasi kosong). Satu atasan di Dinas Pendidikan menilai semua bawahannya ``di_atas`` apa
pun hasilnya.

Pembuatan data tervektorisasi (numpy/pandas/pyarrow; perulangan hanya atas OPD, pola, atau
daftar templat) dan hanya memakai ``np.random.default_rng(seed)``: argumen yang sama
menghasilkan berkas yang identik per bita.

Bahan statis (OPD dan unitnya, jabatan, gelar, golongan, RHK dan indikator, catatan, rentang dan
peluang tiap pola, unit yang enggan melapor) ada di ``sumber/contoh.yaml`` dan nama orang di
``sumber/nama.yaml``; keduanya dibaca saat data pertama kali dibuat, bukan saat impor. Modul
ini memuat API publik dan penulisan CSV; pegawai disusun di :mod:`asn_analitik.contoh.pegawai`,
kinerja di :mod:`asn_analitik.contoh.kinerja`, dan bahan dibaca di
:mod:`asn_analitik.contoh.bahan`.
"""

from __future__ import annotations

import codecs
import copy
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from ..keluaran import gaya_csv_aktif, tabel_excel_id
from ..konfigurasi import DATA_CONTOH, VERSI
from ..teks import angka_id
from .bahan import PERIODE_CONTOH, kategori, sumber_contoh
from .kinerja import (
    atasan_ditanam,
    buat_evaluasi,
    buat_indikator,
    buat_organisasi,
    nilai_perilaku,
    pola_kinerja,
    tabel_ep,
    tabel_perilaku,
)
from .pegawai import buat_pegawai
from .pelatihan import lemah_terukur, tanam_pelatihan

__all__ = ["PERIODE_CONTOH", "buat_contoh", "folder_contoh", "tulis_contoh"]

JUMLAH_MINIMUM = 50


def _ep(tabel: pd.DataFrame) -> np.ndarray:
    """Indeks pegawai-periode tiap baris tabel buatan :func:`tabel_ep`."""
    return 2 * tabel["nip"].cat.codes.to_numpy(np.int64) + tabel["periode"].cat.codes.to_numpy()


def _buat(jumlah_pegawai: int, seed: int, lapor: Callable[[str], None]) -> dict[str, pd.DataFrame]:
    """Isi :func:`buat_contoh`, dengan pesan kemajuan."""
    if jumlah_pegawai < JUMLAH_MINIMUM:
        raise ValueError(
            f"jumlah_pegawai minimal {JUMLAH_MINIMUM} (tiap OPD butuh kepala, atasan, dan staf), "
            f"bukan {jumlah_pegawai}."
        )
    rng = np.random.default_rng(seed)
    sumber = sumber_contoh()
    lapor(f"Menyusun {angka_id(jumlah_pegawai)} pegawai di {len(sumber['opd'])} OPD...")
    pegawai, info = buat_pegawai(rng, int(jumlah_pegawai))
    pola_ep = pola_kinerja(rng, len(pegawai))
    lapor("Menyusun indikator kinerja...")
    bolos = info["enggan"].repeat(2) & (rng.random(len(pola_ep)) < sumber["peluang_bolos"])
    salinan = copy.deepcopy(rng)  # untuk membuat ulang indikator yang sama dengan efek pelatihan
    indikator, nilai_hk = buat_indikator(rng, pegawai, info, pola_ep, bolos)
    lapor("Menyusun perilaku kerja dan evaluasi atasan...")
    perilaku = nilai_perilaku(rng, pola_ep)
    # Peserta pelatihan dipilih dari bukti 2025-S2; efeknya mengubah bukti 2026-S1 saja.
    tanaman = tanam_pelatihan(seed, pegawai, info, lemah_terukur(indikator, perilaku, len(pegawai)))
    if tanaman.tambah_capaian.any():
        indikator, nilai_hk = buat_indikator(salinan, pegawai, info, pola_ep, bolos,
                                             tanaman.tambah_capaian)  # fmt: skip
    del salinan
    perilaku = np.minimum(perilaku + tanaman.tambah_perilaku, 5)
    evaluasi = buat_evaluasi(rng, pegawai, info["atasan"], nilai_hk, perilaku,
                             wajib=2 * tanaman.pindah)  # fmt: skip
    # Pegawai yang pindah: evaluasi 2025-S2 dicatat di OPD lamanya.
    opd = evaluasi["opd"].astype(pegawai["opd"].dtype).cat.codes.to_numpy().copy()
    ep_ev = _ep(evaluasi)
    lama = pd.Series(tanaman.opd_lama, index=2 * tanaman.pindah)
    ganti = np.isin(ep_ev, lama.index)
    opd[ganti] = lama.reindex(ep_ev[ganti]).to_numpy()
    evaluasi["opd"] = pd.Categorical.from_codes(opd, dtype=pegawai["opd"].dtype)
    tabel = {
        "pegawai": pegawai,
        "indikator": indikator,
        "perilaku": tabel_perilaku(rng, pegawai, perilaku, bolos),
        "evaluasi_atasan": evaluasi,
        "organisasi": buat_organisasi(rng),
    }
    for nama in ("indikator", "perilaku", "evaluasi_atasan"):  # pegawai masuk / keluar
        t = tabel[nama]
        tabel[nama] = t[~tanaman.absen_ep[_ep(t)]].reset_index(drop=True)
    riwayat = tanaman.riwayat
    tabel["riwayat_pelatihan"] = pd.DataFrame(
        {
            "nip": kategori(riwayat["nomor"].to_numpy(), pegawai["nip"]),
            "kode_pelatihan": riwayat["kode_pelatihan"].astype("str"),
            "tanggal": pd.array(
                np.datetime_as_string(riwayat["tanggal"].to_numpy(), "D"), dtype="str"
            ),
            "jp": riwayat["jp"].to_numpy(),
        }
    )
    semua = np.arange(len(pola_ep))
    tabel["_pola"] = tabel_ep(pegawai, semua, pola=kategori(pola_ep, sumber["pola"]))
    for jenis, nomor in atasan_ditanam(pegawai, info["atasan"]).items():
        tabel["_pola"].attrs[f"nip_atasan_{jenis}"] = str(pegawai["nip"].iloc[nomor])
    benar = tanaman.kebenaran
    tabel["_tanaman"] = pd.DataFrame(
        {
            "nip": pegawai["nip"].to_numpy()[benar["nomor"].to_numpy()],
            "jenis": benar["jenis"].astype("str"),
            "kode_pelatihan": benar["kode_pelatihan"].astype("str"),
        }
    )
    return tabel


def buat_contoh(jumlah_pegawai: int = 1200, seed: int = 2026) -> dict[str, pd.DataFrame]:
    """Buat seluruh tabel data contoh di memori.

    Parameters
    ----------
    jumlah_pegawai
        Banyak pegawai (minimal 50), dibagi ke 12 OPD Kabupaten Bulungan.
    seed
        Benih ``np.random.default_rng``; argumen yang sama memberi data yang sama.

    Returns
    -------
    dict[str, pandas.DataFrame]
        ``pegawai``, ``indikator``, ``perilaku``, ``evaluasi_atasan`` (dengan ``opd`` tempat
        pegawai dinilai), ``organisasi``, ``riwayat_pelatihan`` dengan
        nama kolom kontrak, ditambah ``_pola`` (``nip``, ``periode``, ``pola``): pola yang
        ditanam, untuk pengujian, tidak ditulis ke berkas. ``_pola.attrs`` memuat NIP penilai yang
        ditanam: ``nip_atasan_longgar`` (menilai semua bawahannya ``di_atas``),
        ``nip_atasan_ketat`` (satu tingkat di bawah bukti) dan ``nip_atasan_tengah`` (semua
        ``sesuai``). ``riwayat_pelatihan`` dengan efek pelatihan yang ditanam, dan ``_tanaman``
        (``nip``, ``jenis``: ``peserta`` pelatihan ditanam dengan ``kode_pelatihan``-nya,
        ``masuk``, ``keluar``, ``pindah_opd``): kebenaran untuk pengujian tren, tidak ditulis
        ke berkas (lihat :mod:`asn_analitik.contoh.pelatihan`). Kolom NIP di luar tabel
        ``pegawai`` berjenis kategori agar hemat memori.

    Raises
    ------
    ValueError
        Bila ``jumlah_pegawai`` kurang dari 50.

    Examples
    --------
    >>> tabel = buat_contoh(60, seed=1)
    >>> sorted(tabel)  # doctest: +NORMALIZE_WHITESPACE
    ['_pola', '_tanaman', 'evaluasi_atasan', 'indikator', 'organisasi', 'pegawai', 'perilaku',
     'riwayat_pelatihan']
    >>> len(tabel["pegawai"]), bool(tabel["pegawai"]["nip"].str.fullmatch(r"[0-9]{18}").all())
    (60, True)
    """
    return _buat(jumlah_pegawai, seed, lambda pesan: None)


def _ke_arrow(kolom: pd.Series) -> Callable[[int, int], pa.Array]:
    """Fungsi pengambil potongan ``[a, b)`` kolom sebagai larik Arrow (teks atau angka)."""
    if isinstance(kolom.dtype, pd.CategoricalDtype):
        kamus = pa.array(kolom.cat.categories.to_numpy(dtype=object)).cast(pa.string())
        kode = kolom.cat.codes.to_numpy()
        return lambda a, b: kamus.take(pa.array(kode[a:b], mask=kode[a:b] < 0))
    if pd.api.types.is_string_dtype(kolom.dtype):
        teks = pa.chunked_array(pa.array(kolom.array)).cast(pa.string())
        return lambda a, b: teks.slice(a, b - a)
    nilai = kolom.to_numpy()
    return lambda a, b: pa.array(nilai[a:b], from_pandas=True)


def _tulis_csv(tabel: pd.DataFrame, jalur: Path, potongan: int = 1_000_000) -> None:
    """Tulis CSV per potongan baris, dalam gaya CSV yang berlaku
    (:func:`~asn_analitik.keluaran.gaya_csv`): ``standar`` UTF-8 tanpa BOM, koma, sel kosong
    untuk nilai hilang; ``excel-id`` untuk Excel berbahasa Indonesia."""
    excel_id = gaya_csv_aktif() == "excel-id"
    pengambil = [_ke_arrow(tabel[k]) for k in tabel.columns]
    opsi = pacsv.WriteOptions(quoting_header="none", delimiter=";" if excel_id else ",")
    penulis = None
    with open(jalur, "wb") as f:
        if excel_id:
            f.write(codecs.BOM_UTF8)
        try:
            for a in range(0, max(len(tabel), 1), potongan):
                bagian = pa.table(
                    [ambil(a, a + potongan) for ambil in pengambil], names=list(tabel.columns)
                )
                if excel_id:
                    bagian = tabel_excel_id(bagian)
                if penulis is None:
                    penulis = pacsv.CSVWriter(f, bagian.schema, write_options=opsi)
                penulis.write_table(bagian)
        finally:
            if penulis is not None:
                penulis.close()


def tulis_contoh(
    folder: str | Path,
    jumlah_pegawai: int = 1200,
    seed: int = 2026,
    progres: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Tulis data contoh sebagai ``<folder>/<tabel>.csv`` (tanpa ``_pola``), dalam gaya CSV
    yang berlaku (:func:`~asn_analitik.keluaran.gaya_csv`; bawaan ``standar``).

    Parameters
    ----------
    folder
        Folder tujuan; dibuat bila belum ada. Berkas yang sudah ada ditimpa.
    jumlah_pegawai, seed
        Lihat :func:`buat_contoh`.
    progres
        Fungsi opsional yang menerima pesan kemajuan (Bahasa Indonesia).

    Returns
    -------
    dict[str, int]
        Banyak baris tiap tabel yang ditulis.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     tulis_contoh(tmp, 60, seed=1)["pegawai"]
    60
    """
    lapor = progres or (lambda pesan: None)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tabel = _buat(jumlah_pegawai, seed, lapor)
    jumlah = {}
    for nama in ("pegawai", "indikator", "perilaku", "evaluasi_atasan", "organisasi",
                 "riwayat_pelatihan"):  # fmt: skip
        data = tabel.pop(nama)
        lapor(f"Menulis {nama}.csv ({angka_id(len(data))} baris)...")
        _tulis_csv(data, folder / f"{nama}.csv")
        jumlah[nama] = len(data)
        del data
    lapor(f"Selesai: data contoh tersimpan di {folder}.")
    return jumlah


def folder_contoh() -> Path:
    """Folder data contoh untuk dicoba: ``data/contoh`` di repositori bila ada; selain itu
    (kit terpasang dari wheel) dibuat sekali di folder sementara sistem dengan argumen bawaan,
    jadi isinya sama dengan ``data/contoh``."""
    if DATA_CONTOH.is_dir():
        return DATA_CONTOH
    folder = Path(tempfile.gettempdir()) / f"asn-analitik-contoh-{VERSI}"
    if not folder.is_dir():
        sementara = Path(tempfile.mkdtemp(prefix=".asn-contoh-", dir=folder.parent))
        tulis_contoh(sementara)
        try:
            os.replace(sementara, folder)  # utuh atau tidak sama sekali
        except OSError:  # proses lain lebih dulu selesai
            shutil.rmtree(sementara, ignore_errors=True)
    return folder
