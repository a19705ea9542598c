"""Memilih periode dan OPD yang dinilai; baris lain dicatat sebagai dikecualikan."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from ..galat import ArgumenTidakValid
from .baca import baca_tabel
from .baku import bakukan_tabel
from .berkas import cari_berkas
from .ejaan import satukan_ejaan
from .kecuali import gabung_kecuali, kecualikan, keluarkan_per_nip
from .kolom import periksa_kolom_wajib
from .muat import DataMasuk

__all__ = ["cocokkan_opd", "daftar_opd", "pilih_opd", "pilih_periode", "tentukan_periode"]

_BER_PERIODE = ("indikator", "perilaku", "evaluasi_atasan", "organisasi")


def tentukan_periode(ada: list[str], periode: Sequence[str] | str) -> list[str]:
    """Periode baku yang diminta: ``"terbaru"`` (periode terakhir di ``ada``), satu periode, atau
    daftar, dalam tulisan apa pun yang diterima :func:`~.periode.bakukan_periode`; tanpa
    menyentuh tabel.

    Raises
    ------
    ArgumenTidakValid
        Tidak ada periode sama sekali, atau periode yang diminta tidak ada di ``ada``.

    Examples
    --------
    >>> tentukan_periode(["2025-S2", "2026-S1"], ["Semester II 2025", "2026 s1"])
    ['2025-S2', '2026-S1']
    """
    if periode == "terbaru":
        if not ada:
            raise ArgumenTidakValid(
                "Tidak ada baris indikator, perilaku atau evaluasi yang sah, jadi tidak ada "
                "periode untuk dinilai; lihat ditolak.csv (asn-analitik validasi)."
            )
        return [ada[-1]]
    from .periode import bakukan_periode

    diminta = [periode] if isinstance(periode, str) else list(periode)
    baku = bakukan_periode(pd.Series(diminta, dtype="str"))
    for asli, p in zip(diminta, baku, strict=True):
        if pd.isna(p) or p not in ada:
            raise ArgumenTidakValid(
                f"Periode '{asli}' tidak ada di data. Periode yang ada: "
                f"{', '.join(ada) or '(tidak ada)'}."
            )
    return list(dict.fromkeys(baku))


def pilih_periode(data: DataMasuk, periode: Sequence[str] | str | None) -> DataMasuk:
    """Batasi penilaian pada ``periode``; baris periode lain dicatat sebagai dikecualikan.

    Parameters
    ----------
    periode
        Daftar periode, satu periode, ``"terbaru"`` (periode terakhir di data), atau ``None``
        (semua periode).

    Raises
    ------
    ArgumenTidakValid
        Periode yang diminta tidak ada di data indikator.
    """
    ada = data.periode
    if periode is None:
        data.periode_dipilih = ada
        return data
    pilihan = tentukan_periode(ada, periode)
    tambahan = []
    for nama in _BER_PERIODE:
        tabel = data.tabel.get(nama)
        if tabel is None:
            continue
        keluar = ~tabel["periode"].isin(pilihan)
        periode = tabel.loc[keluar, "periode"].astype("category").cat.remove_unused_categories()
        alasan = periode.cat.rename_categories(lambda p: f"Periode {p} tidak dipilih.")
        tambahan.append(kecualikan(tabel[keluar], nama, data.berkas[nama].name, alasan))
        data.tabel[nama] = tabel[~keluar]
    data.dikecualikan = gabung_kecuali([data.dikecualikan, *tambahan])
    data.periode_dipilih = pilihan
    return data


def cocokkan_opd(tersedia: Iterable[str], diminta: Sequence[str]) -> list[str]:
    """Nama OPD di data untuk setiap nama yang diminta (tanpa memedulikan huruf besar dan spasi
    di tepi), urut dan tanpa ganda.

    Raises
    ------
    ArgumenTidakValid
        Ada nama yang tidak cocok dengan OPD mana pun; pesannya mendaftar OPD yang ada.

    Examples
    --------
    >>> cocokkan_opd(["Dinas Kesehatan", "BKPSDM"], [" dinas kesehatan"])
    ['Dinas Kesehatan']
    """
    tersedia = sorted({str(t) for t in tersedia})
    menurut_kunci = {t.strip().casefold(): t for t in tersedia}
    hasil = set()
    for nama in diminta:
        cocok = menurut_kunci.get(nama.strip().casefold())
        if cocok is None:
            raise ArgumenTidakValid(
                f"OPD '{nama}' tidak ada di tabel pegawai. OPD yang ada: {', '.join(tersedia)}."
            )
        hasil.add(cocok)
    return sorted(hasil)


def daftar_opd(folder: str | Path) -> list[str]:
    """Nama OPD di berkas pegawai (ejaan disatukan seperti :func:`muat`), tanpa memvalidasi
    atau membaca tabel lain: cukup untuk memeriksa ``--opd`` sebelum perhitungan panjang.

    Raises
    ------
    InputTidakLayak
        Folder atau berkas pegawai tidak dapat dipakai.
    """
    path = cari_berkas(Path(folder)).tabel["pegawai"]
    mentah = baca_tabel(path, "pegawai").data
    periksa_kolom_wajib("pegawai", mentah, path.name)
    opd = bakukan_tabel("pegawai", mentah[["_baris", "opd"]], False)["opd"]
    opd, _ = satukan_ejaan(opd, "opd", path.name)
    return sorted(opd.dropna().astype("str").unique())


def pilih_opd(data: DataMasuk, opd: Sequence[str] | None) -> DataMasuk:
    """Batasi penilaian pada pegawai OPD tertentu; pegawai OPD lain dicatat dikecualikan.

    Nama OPD dicocokkan tanpa memedulikan huruf besar dan spasi di tepi.

    Raises
    ------
    ArgumenTidakValid
        OPD yang diminta tidak ada di tabel pegawai.
    """
    if not opd:
        return data
    pegawai = data.tabel["pegawai"]
    kunci = pegawai["opd"].str.strip().str.casefold()
    cocokkan_opd(pegawai["opd"].unique(), opd)
    diminta = {o.strip().casefold() for o in opd}
    lain = pegawai[~kunci.isin(diminta)]
    alasan = pd.Series(
        ("OPD " + lain["opd"].astype("str") + " tidak dipilih.").to_numpy(), index=lain["nip"]
    )
    tambahan = []
    for nama, tabel in data.tabel.items():
        if tabel is None:
            continue
        if nama == "organisasi":
            keluar = ~tabel["opd"].str.strip().str.casefold().isin(diminta)
            teks = "OPD " + tabel.loc[keluar, "opd"].astype("str") + " tidak dipilih."
            tambahan.append(kecualikan(tabel[keluar], nama, data.berkas[nama].name, teks))
            data.tabel[nama] = tabel[~keluar]
            continue
        data.tabel[nama], keluar = keluarkan_per_nip(tabel, nama, data.berkas[nama].name, alasan)
        tambahan.append(keluar)
    data.dikecualikan = gabung_kecuali([data.dikecualikan, *tambahan])
    return data
