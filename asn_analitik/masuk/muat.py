"""Memuat dan memvalidasi satu folder data: dari berkas kiriman OPD ke tabel yang dipercaya.

Alur per tabel: baca berkas (:mod:`.baca`), bakukan nilai (:func:`.skema.bakukan_tabel`),
validasi lazy dengan skema pandera (:func:`.skema.buat_skema`), lalu pisahkan baris yang
ditolak (dengan alasan) dan yang dikecualikan (baris kosong, pegawai tidak aktif, periode
tidak dipilih). Setiap baris yang dibaca berakhir di tepat satu tempat: dipakai, ditolak, atau
dikecualikan.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandas.api.types import union_categoricals

from ..galat import ArgumenTidakValid, InputTidakLayak
from ..konfigurasi import KOLOM_PENTING, TABEL
from .alasan import baris_ditolak, baris_rusak, ditolak_kosong
from .baca import baca_tabel
from .berkas import cari_berkas
from .kunci import sebagai_kategori, ubah_kategori
from .periode import urutkan_periode
from .skema import bakukan_tabel, buat_skema

__all__ = [
    "DataMasuk",
    "cocokkan_opd",
    "daftar_opd",
    "muat",
    "muat_katalog",
    "pilih_opd",
    "pilih_periode",
    "satukan_ejaan",
]

_BER_PERIODE = ("indikator", "perilaku", "evaluasi_atasan", "organisasi")
_BER_NIP = ("indikator", "perilaku", "evaluasi_atasan", "riwayat_pelatihan")


def _dikecualikan_kosong() -> pd.DataFrame:
    kosong = pd.Categorical([], categories=pd.Index([], dtype="str"))
    return pd.DataFrame(
        {
            "berkas": kosong,
            "baris": pd.Series(dtype=np.int64),
            "alasan": kosong,
            "_tabel": kosong,
        }
    )


def _kategori_tetap(nilai: str, n: int) -> pd.Categorical:
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=[nilai])


def _gabung_kecuali(bagian: list[pd.DataFrame]) -> pd.DataFrame:
    """Gabungkan tabel pengecualian; kolom teks tetap Categorical (bisa puluhan juta baris)."""
    bagian = [b for b in bagian if len(b)] or [_dikecualikan_kosong()]
    hasil = {"baris": np.concatenate([b["baris"].to_numpy(np.int64) for b in bagian])}
    for kolom in ("berkas", "alasan", "_tabel"):
        hasil[kolom] = union_categoricals([pd.Categorical(b[kolom]) for b in bagian])
    return pd.DataFrame(hasil)[["berkas", "baris", "alasan", "_tabel"]]


@dataclass
class DataMasuk:
    """Hasil :func:`muat`: tabel yang sah beserta catatan penolakan dan pengecualian.

    Attributes
    ----------
    tabel
        Baris yang dipakai, per tabel, sudah dibakukan; kolom ``_baris`` = nomor baris
        spreadsheet.
    ditolak
        Satu baris per masalah: ``berkas``, ``baris``, ``kolom``, ``nilai``, ``alasan``
        (dan kolom internal ``_tabel``, ``_nip``, ``_periode``).
    dikecualikan
        Baris yang sah tetapi tidak dinilai: ``berkas``, ``baris``, ``alasan``.
    dibaca
        Jumlah baris data yang dibaca per tabel.
    berkas
        Lokasi berkas tiap tabel.
    nip_pegawai
        NIP semua baris pegawai yang sah (termasuk yang tidak aktif). Kolom ``nip`` semua
        tabel disimpan sebagai ``Categorical`` dengan kategori ini.
    periode_dipilih
        Periode yang dinilai (diisi :func:`pilih_periode`).
    tidak_aktif
        Pegawai sah yang tidak dinilai karena statusnya: ``nip``, ``nama``, ``opd``,
        ``status``.
    isi_folder
        Setiap berkas yang ditemukan di folder dan tindakannya (untuk manifest).
    info_berkas
        Per tabel: lembar, baris header, baris judul yang dilewati, kolom yang dikenali lewat
        alias, dan sebagainya (untuk manifest).
    peringatan
        Hal yang harus diketahui analis walaupun tidak ada baris yang ditolak (berkas tabel
        yang tidak dibaca, kolom penting yang tidak ada, ...): dicetak ke stderr dan ditulis ke
        manifest.
    """

    tabel: dict[str, pd.DataFrame]
    ditolak: pd.DataFrame
    dikecualikan: pd.DataFrame
    dibaca: dict[str, int]
    berkas: dict[str, Path]
    nip_pegawai: pd.Index = field(default_factory=lambda: pd.Index([], dtype="str"))
    periode_dipilih: list[str] | None = None
    tidak_aktif: pd.DataFrame | None = None
    isi_folder: list[dict] = field(default_factory=list)
    info_berkas: dict[str, dict] = field(default_factory=dict)
    peringatan: list[str] = field(default_factory=list)

    @property
    def periode(self) -> list[str]:
        """Periode (baku) di baris sah indikator, perilaku dan evaluasi atasan, urut waktu."""
        ada = set()
        for nama in ("indikator", "perilaku", "evaluasi_atasan"):
            if self.tabel.get(nama) is not None:
                ada.update(self.tabel[nama]["periode"].dropna().unique())
        return urutkan_periode(ada)

    def jumlah(self) -> dict[str, dict[str, int]]:
        """Hitungan per tabel: ``dibaca`` = ``dinilai`` + ``ditolak`` + ``dikecualikan``."""
        ditolak = self.ditolak.drop_duplicates(["_tabel", "baris"])["_tabel"].value_counts()
        kecuali = self.dikecualikan["_tabel"].value_counts()
        return {
            nama: {
                "dibaca": int(dibaca),
                "dinilai": int(len(self.tabel[nama])),
                "ditolak": int(ditolak.get(nama, 0)),
                "dikecualikan": int(kecuali.get(nama, 0)),
            }
            for nama, dibaca in self.dibaca.items()
        }

    def sidik_berkas(self) -> dict[str, str]:
        """SHA-256 tiap berkas masukan, per nama berkas."""
        hasil = {}
        for path in self.berkas.values():
            sidik = hashlib.sha256()
            with open(path, "rb") as f:
                for potong in iter(lambda: f.read(1 << 20), b""):
                    sidik.update(potong)
            hasil[path.name] = sidik.hexdigest()
        return hasil


def _periksa_kolom_wajib(nama: str, data: pd.DataFrame, berkas: str) -> None:
    hilang = [k for k in TABEL[nama]["kolom_wajib"] if k not in data.columns]
    if hilang:
        raise InputTidakLayak(
            f"Berkas {berkas}: kolom wajib '{hilang[0]}' tidak ada. Kolom wajib tabel {nama}: "
            f"{', '.join(TABEL[nama]['kolom_wajib'])}. Kolom yang ada: "
            f"{', '.join(k for k in data.columns if k != '_baris')}.",
            berkas=berkas,
            kolom=hilang[0],
        )


def _validasi(nama, berkas, mentah, baku, konteks, nip_ditolak) -> pd.DataFrame:
    skema = buat_skema(nama, mentah, baku, konteks)
    try:
        skema.validate(baku, lazy=True, inplace=True)
    except pa.errors.SchemaErrors as galat:
        return baris_ditolak(nama, berkas, galat.failure_cases, mentah, baku, nip_ditolak)
    return ditolak_kosong()


def _kecualikan(data: pd.DataFrame, tabel: str, berkas: str, alasan) -> pd.DataFrame:
    n = len(data)
    if isinstance(alasan, str):
        alasan = _kategori_tetap(alasan, n)
    elif not isinstance(getattr(alasan, "dtype", None), pd.CategoricalDtype):
        alasan = pd.Categorical(np.asarray(alasan, dtype=object))
    return pd.DataFrame(
        {
            "berkas": _kategori_tetap(berkas, n),
            "baris": data["_baris"].to_numpy(np.int64),
            "alasan": pd.Categorical(alasan),
            "_tabel": _kategori_tetap(tabel, n),
        }
    )


def _kunci_kategori(data: pd.DataFrame, acuan: pd.Index) -> pd.DataFrame:
    """Simpan ``nip`` (berkategori NIP pegawai) dan ``periode`` sebagai ``Categorical``."""
    data = data.copy()
    if "nip" in data:
        data["nip"] = sebagai_kategori(data["nip"], acuan)
    if "periode" in data:
        data["periode"] = data["periode"].astype("category")
    return data


def _keluarkan_per_nip(
    data: pd.DataFrame, tabel: str, berkas: str, alasan: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Pisahkan baris milik NIP di indeks ``alasan`` (alasan per NIP) sebagai dikecualikan."""
    if "nip" not in data or alasan.empty:
        return data, _dikecualikan_kosong()
    keluar = data["nip"].isin(alasan.index)
    teks = data.loc[keluar, "nip"].map(alasan)
    return data[~keluar], _kecualikan(data[keluar], tabel, berkas, teks)


def _peringatan_tabel(nama: str, berkas: str, hasil, mentah: pd.DataFrame) -> list[str]:
    """Peringatan untuk satu berkas: kolom penting yang tidak ada, kolom tanpa nama berisi."""
    pesan = []
    for kolom, akibat in KOLOM_PENTING.get(nama, {}).items():
        if kolom not in mentah.columns:
            pesan.append(
                f"Berkas {berkas} tidak punya kolom {kolom}: {akibat}. Bila kolomnya ada dengan "
                f"nama lain, ganti judul kolomnya menjadi '{kolom}'."
            )
    for kolom in hasil.info.get("kolom_tanpa_nama", []):
        pesan.append(
            f"Berkas {berkas}: kolom ke-{kolom.removeprefix('kolom_')} tidak punya judul tetapi "
            f"berisi data; dibawa sebagai '{kolom}' dan tidak dipakai untuk penilaian."
        )
    return pesan


def _muat_tabel(nama: str, path: Path, konteks: dict, nip_ditolak, progres) -> tuple:
    progres(f"Membaca {path.name} ...")
    hasil = baca_tabel(path, nama)
    mentah = hasil.data
    _periksa_kolom_wajib(nama, mentah, path.name)
    if TABEL[nama]["wajib_ada"] and mentah.drop(columns="_baris").notna().sum().sum() == 0:
        raise InputTidakLayak(
            f"Berkas {path.name} tidak berisi baris data (hanya header atau baris kosong); "
            f"tabel {nama} wajib berisi data.",
            berkas=path.name,
        )
    isi = [k for k in mentah.columns if k != "_baris"]
    kosong = mentah[isi].isna().all(axis=1)
    baris_kosong = mentah[kosong]
    mentah = mentah[~kosong]
    baku = bakukan_tabel(nama, mentah, hasil.desimal_koma)
    progres(f"Memeriksa {path.name}: {len(mentah) + len(hasil.baris_rusak):,} baris ...")
    rusak = baris_rusak(nama, path.name, hasil.baris_rusak, hasil.pemisah)
    konteks = {**konteks, "nip_rusak": pd.Index(rusak["_nip"].dropna(), dtype="str")}
    ditolak = pd.concat(
        [rusak, _validasi(nama, path.name, mentah, baku, konteks, nip_ditolak)],
        ignore_index=True,
    )
    dipakai = baku[~baku["_baris"].isin(ditolak["baris"])]
    kecuali = _kecualikan(baris_kosong, nama, path.name, "Baris kosong: tidak ada isinya.")
    dibaca = len(mentah) + len(baris_kosong) + len(hasil.baris_rusak)
    info = {**hasil.info, "peringatan": _peringatan_tabel(nama, path.name, hasil, mentah)}
    return dipakai, ditolak, kecuali, dibaca, info


def muat(folder: str | Path, progres: Callable[[str], None] | None = None) -> DataMasuk:
    """Muat dan validasi semua tabel di ``folder``.

    Parameters
    ----------
    folder
        Folder berisi ``pegawai``, ``indikator`` dan tabel opsional (kontrak v1, bagian 1).
    progres
        Penerima pesan kemajuan (mis. pencetak ke stderr); ``None`` = diam.

    Returns
    -------
    DataMasuk
        Tabel sah, penolakan, pengecualian (baris kosong dan pegawai tidak aktif).

    Raises
    ------
    InputTidakLayak
        Folder tidak dapat dipakai (berkas atau kolom wajib hilang, berkas ganda, dll.).
    """
    progres = progres or (lambda pesan: None)
    isi_folder = cari_berkas(Path(folder))
    berkas = isi_folder.tabel
    tabel, ditolak, kecuali, dibaca, info = {}, [], [], {}, {}

    pegawai, tolak, kosong, dibaca["pegawai"], info["pegawai"] = _muat_tabel(
        "pegawai", berkas["pegawai"], {"acuan_nip": {"nip_atasan": _nip_di_berkas}}, None, progres
    )
    ditolak.append(tolak)
    kecuali.append(kosong)
    pegawai["opd"], ejaan = satukan_ejaan(pegawai["opd"], "opd", berkas["pegawai"].name)
    if ejaan:  # unit_kerja kosong diisi nama OPD sebelum ejaannya disatukan
        pegawai["unit_kerja"] = _ejaan_acuan(pegawai["unit_kerja"], pegawai["opd"])
    nip_ditolak = _sebab_ditolak(tolak, pegawai)
    lain = pegawai[pegawai["status"] != "aktif"]
    alasan_status = pd.Series(
        ("Pegawai berstatus " + lain["status"].astype("str") + ": tidak dinilai.").to_numpy(),
        index=lain["nip"].to_numpy(),
    )
    acuan = pd.Index(pegawai["nip"].to_numpy(), dtype="str")
    aktif, keluar = _keluarkan_per_nip(pegawai, "pegawai", berkas["pegawai"].name, alasan_status)
    tabel["pegawai"] = _kunci_kategori(aktif, acuan)
    kecuali.append(keluar)

    for nama in TABEL:
        if nama == "pegawai":
            continue
        if nama not in berkas:
            tabel[nama] = None
            continue
        konteks = {"acuan_nip": {"nip": acuan}} if nama in _BER_NIP else {}
        data, tolak, kosong, dibaca[nama], info[nama] = _muat_tabel(
            nama, berkas[nama], konteks, nip_ditolak, progres
        )
        ditolak.append(tolak)
        kecuali.append(kosong)
        data, keluar = _keluarkan_per_nip(data, nama, berkas[nama].name, alasan_status)
        kecuali.append(keluar)
        tabel[nama] = _kunci_kategori(data, acuan)
    if tabel.get("organisasi") is not None:  # OPD organisasi memakai ejaan di pegawai
        tabel["organisasi"]["opd"] = _ejaan_acuan(tabel["organisasi"]["opd"], pegawai["opd"])
    peringatan = [*isi_folder.peringatan, *ejaan]
    peringatan += [p for i in info.values() for p in i.pop("peringatan")]
    peringatan += _atasan_ditolak(tabel["pegawai"], nip_ditolak, berkas["pegawai"].name)
    return DataMasuk(
        tabel=tabel,
        ditolak=pd.concat(ditolak, ignore_index=True),
        dikecualikan=_gabung_kecuali(kecuali),
        dibaca=dibaca,
        berkas=berkas,
        nip_pegawai=acuan,
        tidak_aktif=lain[["nip", "nama", "opd", "status"]].reset_index(drop=True),
        isi_folder=isi_folder.catatan,
        info_berkas=info,
        peringatan=peringatan,
    )


def _kunci_ejaan(teks: pd.Series) -> pd.Series:
    return teks.str.casefold().str.replace(r"\s+", " ", regex=True).str.strip()


def satukan_ejaan(nilai: pd.Series, kolom: str, berkas: str) -> tuple[pd.Series, list[str]]:
    """Satu nama yang ditulis dengan beberapa ejaan (huruf besar/kecil, spasi) dibaca sebagai
    satu nama: ejaan yang paling sering dipakai (bila seri, yang tidak berhuruf kapital semua,
    lalu yang pertama menurut abjad).

    Returns
    -------
    (nilai, peringatan)
        Nilai yang ejaannya sudah disatukan, dan satu kalimat per nama yang berejaan ganda.

    Examples
    --------
    >>> s = pd.Series(["Dinas Sosial", "DINAS SOSIAL", "Dinas Sosial", "BKPSDM"])
    >>> satukan_ejaan(s, "opd", "pegawai.csv")[0].tolist()
    ['Dinas Sosial', 'Dinas Sosial', 'Dinas Sosial', 'BKPSDM']
    """
    hitung = nilai.value_counts(dropna=True)
    hitung = hitung[hitung > 0]
    if hitung.empty:
        return nilai, []
    ejaan = pd.DataFrame({"ejaan": hitung.index.astype("str"), "n": hitung.to_numpy()})
    ejaan["kunci"] = _kunci_ejaan(ejaan["ejaan"])
    ganda = ejaan[ejaan.duplicated("kunci", keep=False)]
    if ganda.empty:
        return nilai, []
    # Ejaan terbanyak; bila seri, yang bukan huruf kapital semua ("Dinas Sosial", bukan
    # "DINAS SOSIAL"), lalu menurut abjad.
    ganda = ganda.assign(_kapital=ganda["ejaan"].str.isupper())
    urut = ["kunci", "n", "_kapital", "ejaan"]
    ganda = ganda.sort_values(urut, ascending=[True, False, True, True])
    baku = ganda.groupby("kunci", sort=False)["ejaan"].transform("first")
    peta = dict(zip(ganda["ejaan"], baku, strict=True))
    pesan = []
    for _, kelompok in ganda.groupby("kunci", sort=True):
        rincian = ", ".join(f"'{e}' {n:,} baris".replace(",", ".") for e, n in
                            zip(kelompok["ejaan"], kelompok["n"], strict=True))  # fmt: skip
        pesan.append(
            f"{kolom} '{kelompok['ejaan'].iloc[0]}' ditulis dengan {len(kelompok)} ejaan di "
            f"{berkas} ({rincian}); semuanya dibaca sebagai '{kelompok['ejaan'].iloc[0]}'. "
            "Samakan ejaannya di berkas."
        )
    if isinstance(nilai.dtype, pd.CategoricalDtype):
        return ubah_kategori(nilai, lambda k: k.replace(peta)), pesan
    return nilai.replace(peta), pesan


def _ejaan_acuan(nilai: pd.Series, acuan: pd.Series) -> pd.Series:
    """Nama di ``nilai`` yang sama dengan nama di ``acuan`` bila huruf besar/kecil dan spasi
    diabaikan ditulis seperti di ``acuan``."""
    unik = pd.Series(acuan.astype("str").dropna().unique(), dtype="str")
    peta = pd.Series(unik.to_numpy(), index=_kunci_ejaan(unik).to_numpy())
    peta = peta[~peta.index.duplicated()]
    teks = nilai.astype("str")
    return _kunci_ejaan(teks).map(peta).fillna(teks)


def _nip_di_berkas(baku: pd.DataFrame, konteks: dict) -> pd.Index:
    """NIP yang ada di berkas pegawai, termasuk baris yang ditolak dan baris rusak: nip_atasan
    cukup merujuk ke pegawai yang ada di berkas, walaupun baris atasan itu sendiri ditolak."""
    nip = baku["nip"].dropna()
    rusak = konteks.get("nip_rusak")
    if rusak is None or len(rusak) == 0:  # biasanya: tanpa salinan teks jutaan NIP
        return pd.Index(nip)
    return pd.Index(np.concatenate([nip.astype("str").to_numpy(), np.asarray(rusak)]), dtype="str")


def _sebab_ditolak(tolak: pd.DataFrame, pegawai: pd.DataFrame) -> pd.Series:
    """NIP yang baris pegawainya ditolak (dan tidak punya baris sah) -> tempat dan sebabnya,
    untuk alasan baris lain milik NIP itu."""
    tolak = tolak.dropna(subset=["_nip"])
    tolak = tolak[~tolak["_nip"].isin(pegawai["nip"].astype("str"))]
    tolak = tolak.sort_values("baris", kind="stable").drop_duplicates("_nip")
    sebab = (
        tolak["berkas"].astype("str") + " baris " + tolak["baris"].astype("str") + ": "
        + tolak["alasan"].astype("str").str.split(r"[.;] ", n=1, regex=True).str[0].str.rstrip(".")
    )  # fmt: skip
    return pd.Series(sebab.to_numpy(), index=pd.Index(tolak["_nip"].astype("str")), dtype="str")


def _atasan_ditolak(pegawai: pd.DataFrame, nip_ditolak: pd.Series, berkas: str) -> list[str]:
    """Pegawai sah yang atasannya (``nip_atasan``) ada di berkas tetapi barisnya ditolak."""
    if "nip_atasan" not in pegawai or nip_ditolak.empty:
        return []
    kena = pegawai[pegawai["nip_atasan"].astype("str").isin(nip_ditolak.index)]
    if kena.empty:
        return []
    atasan = kena["nip_atasan"].astype("str").unique()
    contoh = "; ".join(nip_ditolak[a] for a in atasan[:3]) + ("; ..." if len(atasan) > 3 else "")
    return [
        f"{len(kena):,}".replace(",", ".") + f" pegawai di {berkas} menyebut atasan "
        f"(nip_atasan) yang baris pegawainya ditolak ({contoh}). Baris mereka tetap dinilai; "
        "perbaiki baris atasannya agar hubungan atasan-bawahan lengkap."
    ]


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
    if periode == "terbaru":
        if not ada:
            raise ArgumenTidakValid(
                "Tidak ada baris indikator, perilaku atau evaluasi yang sah, jadi tidak ada "
                "periode untuk dinilai; lihat ditolak.csv (asn-analitik validasi)."
            )
        pilihan = [ada[-1]]
    else:
        from .periode import bakukan_periode

        diminta = [periode] if isinstance(periode, str) else list(periode)
        baku = bakukan_periode(pd.Series(diminta, dtype="str"))
        for asli, p in zip(diminta, baku, strict=True):
            if pd.isna(p) or p not in ada:
                raise ArgumenTidakValid(
                    f"Periode '{asli}' tidak ada di data. Periode yang ada: "
                    f"{', '.join(ada) or '(tidak ada)'}."
                )
        pilihan = list(dict.fromkeys(baku))
    tambahan = []
    for nama in _BER_PERIODE:
        tabel = data.tabel.get(nama)
        if tabel is None:
            continue
        keluar = ~tabel["periode"].isin(pilihan)
        periode = tabel.loc[keluar, "periode"].astype("category").cat.remove_unused_categories()
        alasan = periode.cat.rename_categories(lambda p: f"Periode {p} tidak dipilih.")
        tambahan.append(_kecualikan(tabel[keluar], nama, data.berkas[nama].name, alasan))
        data.tabel[nama] = tabel[~keluar]
    data.dikecualikan = _gabung_kecuali([data.dikecualikan, *tambahan])
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
    _periksa_kolom_wajib("pegawai", mentah, path.name)
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
            tambahan.append(_kecualikan(tabel[keluar], nama, data.berkas[nama].name, teks))
            data.tabel[nama] = tabel[~keluar]
            continue
        data.tabel[nama], keluar = _keluarkan_per_nip(tabel, nama, data.berkas[nama].name, alasan)
        tambahan.append(keluar)
    data.dikecualikan = _gabung_kecuali([data.dikecualikan, *tambahan])
    return data


def muat_katalog(path: str | Path) -> pd.DataFrame:
    """Muat satu berkas katalog pelatihan di luar folder data (mis. katalog bawaan).

    Raises
    ------
    InputTidakLayak
        Ada baris katalog yang tidak sah (katalog dipakai utuh atau tidak sama sekali).
    """
    data, ditolak, *_ = _muat_tabel("katalog_pelatihan", Path(path), {}, None, lambda p: None)
    if len(ditolak):
        r = ditolak.iloc[0]
        raise InputTidakLayak(
            f"Katalog {Path(path).name} baris {r['baris']} kolom {r['kolom']}: {r['alasan']}",
            berkas=Path(path).name,
            kolom=r["kolom"],
        )
    return data
