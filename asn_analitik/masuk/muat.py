"""Memuat dan memvalidasi satu folder data: dari berkas kiriman OPD ke tabel yang dipercaya.

Alur per tabel: baca berkas (:mod:`.baca`) menjadi kolom berkamus (kode + nilai unik),
bakukan nilai (:func:`.baku.bakukan_tabel`), periksa semua aturan sekaligus
(:func:`.periksa.periksa_tabel`), lalu pisahkan baris yang ditolak (dengan alasan) dan yang
dikecualikan (baris kosong, pegawai tidak aktif, periode tidak dipilih). Setiap baris yang
dibaca berakhir di tepat satu tempat: dipakai, ditolak, atau dikecualikan.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..galat import InputTidakLayak
from ..konfigurasi import KOLOM_PENTING, TABEL
from ..memori import lepas_memori
from ..teks import angka_id
from .alasan import baris_ditolak, baris_rusak, ditolak_kosong
from .baca import BerkasTabel, baca_tabel
from .baku import bakukan_tabel
from .berkas import cari_berkas
from .ejaan import ejaan_acuan, satukan_ejaan
from .kecuali import (
    dikecualikan_kosong,
    gabung_kecuali,
    kecualikan,
    keluarkan_per_nip,
    saring_baris,
)
from .kolom import periksa_kolom_wajib
from .kunci import (
    ada_di,
    kategori_ke_teks,
    kategori_unik,
    sebagai_kategori,
    teks_arrow,
    teks_ke_kategori,
)
from .periksa import periksa_tabel
from .periode import urutkan_periode
from .sidik import SidikLatar, sha256_berkas
from .skema import SPESIFIKASI

__all__ = ["DataMasuk", "muat", "muat_katalog"]

_BER_NIP = ("indikator", "perilaku", "evaluasi_atasan", "riwayat_pelatihan")


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
    sidik_latar
        SHA-256 berkas yang sedang dihitung di utas latar (:meth:`sidik_berkas`).
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
    sidik_latar: SidikLatar | None = field(default=None, repr=False, compare=False)

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
        """SHA-256 tiap berkas masukan, per nama berkas (dihitung di utas latar sejak
        :func:`muat` mulai membaca folder)."""
        berkas = list(self.berkas.values())
        if self.sidik_latar is None:
            return {path.name: sha256_berkas(path) for path in berkas}
        return self.sidik_latar.hasil(berkas)


def _validasi(nama, berkas, mentah, baku, konteks, nip_ditolak) -> pd.DataFrame:
    temuan = periksa_tabel(nama, mentah, baku, konteks)
    if temuan.empty:
        return ditolak_kosong()
    return baris_ditolak(nama, berkas, temuan, mentah, baku, nip_ditolak)


def _berkamus(mentah: pd.DataFrame) -> pd.DataFrame:
    """Kolom teks biasa (dari Excel, atau CSV yang dibaca teliti) menjadi ``Categorical``, seperti
    kolom CSV dan Parquet yang dibaca berkamus: pembakuan dan pemeriksaan cukup per nilai unik."""
    teks = [k for k in mentah.columns if mentah[k].dtype == "str" or mentah[k].dtype == object]
    return _ubah_kolom(mentah, teks, teks_ke_kategori)


def _ubah_kolom(tabel: pd.DataFrame, kolom: list[str], ubah) -> pd.DataFrame:
    """``tabel`` dengan ``ubah`` diterapkan pada ``kolom`` (salinan dangkal; tabel asal utuh)."""
    if not kolom:
        return tabel
    tabel = tabel.copy(deep=False)
    for k in kolom:
        tabel[k] = ubah(tabel[k])
    return tabel


def _teks_biasa(data: pd.DataFrame, nama: str, berkamus: bool) -> pd.DataFrame:
    """Kolom teks bebas (jenis ``teks`` dan kolom tambahan) kembali menjadi teks biasa, seperti
    yang dibaca dari CSV atau Excel; dari Parquet tetap ``Categorical`` (puluhan juta baris
    dengan nilai berulang tetap muat di memori). Kolom kunci (NIP, periode, pilihan) tetap
    ``Categorical``."""
    if berkamus:
        return data
    spesifikasi = SPESIFIKASI[nama]
    bebas = [
        k
        for k in data.columns
        if isinstance(data[k].dtype, pd.CategoricalDtype)
        and (k not in spesifikasi or spesifikasi[k].jenis == "teks")
    ]
    return _ubah_kolom(data, bebas, kategori_ke_teks)


def _kunci_kategori(data: pd.DataFrame, acuan: pd.CategoricalDtype | None) -> pd.DataFrame:
    """Simpan ``nip`` (berkategori NIP pegawai, bila ``acuan`` diberikan) dan ``periode``
    sebagai ``Categorical``."""
    data = data.copy(deep=False)
    if "nip" in data and acuan is not None:
        data["nip"] = sebagai_kategori(data["nip"], acuan.categories, acuan)
    if "periode" in data:
        data["periode"] = data["periode"].astype("category")
    return data


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


def _pisahkan(baku, ditolak, nama, berkas, alasan_nip) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Baris yang dipakai (tidak ditolak dan bukan milik NIP di indeks ``alasan_nip``) dan
    baris sah milik NIP itu sebagai dikecualikan (alasan per NIP), dengan satu kali saring."""
    buang = baku["_baris"].isin(ditolak["baris"]).to_numpy() if len(ditolak) else None
    # baku (dan mentah, yang berbagi larik dengannya) tidak dipakai lagi: disaring di tempat.
    if alasan_nip is None:
        dipakai = baku if buang is None else saring_baris(baku, ~buang, di_tempat=True)
        return dipakai, dikecualikan_kosong()
    return keluarkan_per_nip(baku, nama, berkas, alasan_nip, buang, di_tempat=True)


#: CSV sebesar ini ke bawah dibaca lebih dulu di utas latar (:class:`_BacaDahulu`).
BATAS_BACA_DAHULU = 512 << 20


class _BacaDahulu:
    """Berkas CSV tabel berikutnya dibaca di utas latar (pyarrow melepas GIL dan memakai inti
    lain) selagi tabel sekarang dibakukan dan diperiksa di utas utama. Hanya satu berkas di depan
    dan hanya CSV sampai :data:`BATAS_BACA_DAHULU`, agar memori tidak berlipat pada data besar.
    Galat membaca muncul saat tabel itu gilirannya diproses, seperti tanpa baca dahulu."""

    def __init__(self, berkas: dict[str, Path], urutan: list[str], sidik: SidikLatar) -> None:
        self._berkas, self._urutan, self._sidik = berkas, urutan, sidik
        self._pelaksana = ThreadPoolExecutor(1, thread_name_prefix="baca-dahulu")
        self._janji: dict[str, Future] = {}

    def _pesan(self, nama: str) -> None:
        path = self._berkas[nama]
        if path.suffix.lower() in (".csv", ".tsv") and path.stat().st_size <= BATAS_BACA_DAHULU:
            self._janji[nama] = self._pelaksana.submit(baca_tabel, path, nama, self._sidik.ada_cr)

    def baca(self, nama: str) -> BerkasTabel:
        """Isi berkas tabel ``nama``; berkas tabel sesudahnya mulai dibaca di latar."""
        janji = self._janji.pop(nama, None)
        letak = self._urutan.index(nama)
        if letak + 1 < len(self._urutan) and self._urutan[letak + 1] not in self._janji:
            self._pesan(self._urutan[letak + 1])
        if janji is not None:
            return janji.result()
        return baca_tabel(self._berkas[nama], nama, self._sidik.ada_cr)

    def tutup(self) -> None:
        for janji in self._janji.values():
            janji.cancel()
        self._pelaksana.shutdown(wait=True)


def _muat_tabel(
    nama: str, path: Path, konteks: dict, nip_ditolak, progres, alasan_nip=None, baca=None
) -> tuple:
    """Baca, bakukan dan periksa satu tabel; kembalikan (dipakai, ditolak, [dikecualikan],
    dibaca, info). ``alasan_nip``: NIP yang barisnya dikecualikan (pegawai tidak aktif).
    ``baca``: fungsi tanpa argumen yang mengembalikan isi berkas (:class:`_BacaDahulu`)."""
    progres(f"Membaca {path.name} ...")
    hasil = baca() if baca is not None else baca_tabel(path, nama)
    mentah = _berkamus(hasil.data)
    periksa_kolom_wajib(nama, mentah, path.name)
    isi = [k for k in mentah.columns if k != "_baris"]
    kosong = np.ones(len(mentah), dtype=bool)
    for k in isi:
        kosong &= mentah[k].isna().to_numpy()
    if TABEL[nama]["wajib_ada"] and kosong.all():
        raise InputTidakLayak(
            f"Berkas {path.name} tidak berisi baris data (hanya header atau baris kosong); "
            f"tabel {nama} wajib berisi data.",
            berkas=path.name,
        )
    baris_kosong = mentah[kosong]
    if kosong.any():
        mentah = mentah[~kosong]
    baku = bakukan_tabel(nama, mentah, hasil.desimal_koma)
    progres(f"Memeriksa {path.name}: {len(mentah) + len(hasil.baris_rusak):,} baris ...")
    rusak = baris_rusak(nama, path.name, hasil.baris_rusak, hasil.pemisah)
    konteks = {**konteks, "nip_rusak": pd.Index(rusak["_nip"].dropna(), dtype="str")}
    ditolak = pd.concat(
        [rusak, _validasi(nama, path.name, mentah, baku, konteks, nip_ditolak)],
        ignore_index=True,
    )
    dipakai, keluar = _pisahkan(baku, ditolak, nama, path.name, alasan_nip)
    dipakai = _teks_biasa(dipakai, nama, berkamus=path.suffix.lower() == ".parquet")
    kosong = kecualikan(baris_kosong, nama, path.name, "Baris kosong: tidak ada isinya.")
    dibaca = len(mentah) + len(baris_kosong) + len(hasil.baris_rusak)
    info = {**hasil.info, "kolom": isi}
    info["peringatan"] = _peringatan_tabel(nama, path.name, hasil, mentah)
    return dipakai, ditolak, [kosong, keluar], dibaca, info


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
    sidik = SidikLatar(list(berkas.values()))
    urutan = [n for n in TABEL if n in berkas]
    pembaca = _BacaDahulu(berkas, urutan, sidik)
    try:
        return _muat_semua(isi_folder, berkas, sidik, pembaca, progres)
    finally:
        pembaca.tutup()


def _muat_semua(isi_folder, berkas, sidik, pembaca, progres) -> DataMasuk:
    tabel, ditolak, kecuali, dibaca, info = {}, [], [], {}, {}
    pegawai, tolak, kosong, dibaca["pegawai"], info["pegawai"] = _muat_tabel(
        "pegawai", berkas["pegawai"], {"acuan_nip": {"nip_atasan": _nip_di_berkas}}, None,
        progres, None, lambda: pembaca.baca("pegawai"),
    )  # fmt: skip
    ditolak.append(tolak)
    kecuali += kosong
    pegawai["opd"], ejaan = satukan_ejaan(pegawai["opd"], "opd", berkas["pegawai"].name)
    if ejaan:  # unit_kerja kosong diisi nama OPD sebelum ejaannya disatukan
        pegawai["unit_kerja"] = ejaan_acuan(pegawai["unit_kerja"], pegawai["opd"])
    nip_ditolak = _sebab_ditolak(tolak, pegawai)
    lain = pegawai[pegawai["status"] != "aktif"]
    alasan_status = pd.Series(
        ("Pegawai berstatus " + lain["status"].astype("str") + ": tidak dinilai.").to_numpy(),
        index=lain["nip"].to_numpy(),
    )
    acuan = pd.Index(pd.array(teks_arrow(pegawai["nip"]), dtype="str"), dtype="str")
    # Sekali: kategori NIP semua tabel (NIP pegawai sah sudah pasti unik: yang ganda ditolak).
    jenis_nip = kategori_unik(np.zeros(0, dtype=np.int64), acuan).dtype
    aktif, keluar = keluarkan_per_nip(pegawai, "pegawai", berkas["pegawai"].name, alasan_status)
    tabel["pegawai"] = _kunci_kategori(aktif, jenis_nip)
    kecuali.append(keluar)

    for nama in TABEL:
        if nama == "pegawai":
            continue
        if nama not in berkas:
            tabel[nama] = None
            continue
        konteks = {"acuan_nip": {"nip": acuan}} if nama in _BER_NIP else {}
        data, tolak, keluar, dibaca[nama], info[nama] = _muat_tabel(
            nama, berkas[nama], konteks, nip_ditolak, progres, alasan_status,
            lambda nama=nama: pembaca.baca(nama),
        )  # fmt: skip
        lepas_memori()  # larik sementara tabel ini (ratusan MB pada skala nasional)
        ditolak.append(tolak)
        kecuali += keluar
        # status_skp boleh memuat NIP di luar berkas pegawai (SKP tanpa penilaian): tetap teks.
        tabel[nama] = _kunci_kategori(data, jenis_nip if nama in _BER_NIP else None)
    if tabel.get("organisasi") is not None:  # OPD organisasi memakai ejaan di pegawai
        tabel["organisasi"]["opd"] = ejaan_acuan(tabel["organisasi"]["opd"], pegawai["opd"])
    peringatan = [*isi_folder.peringatan, *ejaan]
    peringatan += [p for i in info.values() for p in i.pop("peringatan")]
    peringatan += _atasan_ditolak(tabel["pegawai"], nip_ditolak, berkas["pegawai"].name)
    return DataMasuk(
        tabel=tabel,
        ditolak=pd.concat(ditolak, ignore_index=True),
        dikecualikan=gabung_kecuali(kecuali),
        dibaca=dibaca,
        berkas=berkas,
        nip_pegawai=acuan,
        tidak_aktif=lain[["nip", "nama", "opd", "status"]].reset_index(drop=True),
        isi_folder=isi_folder.catatan,
        info_berkas=info,
        peringatan=peringatan,
        sidik_latar=sidik,
    )


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
    tolak = tolak[~ada_di(tolak["_nip"], pegawai["nip"])]
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
    kena = pegawai[ada_di(pegawai["nip_atasan"], nip_ditolak.index)]
    if kena.empty:
        return []
    atasan = kena["nip_atasan"].astype("str").unique()
    contoh = "; ".join(nip_ditolak[a] for a in atasan[:3]) + ("; ..." if len(atasan) > 3 else "")
    return [
        f"{angka_id(len(kena))} pegawai di {berkas} menyebut atasan "
        f"(nip_atasan) yang baris pegawainya ditolak ({contoh}). Baris mereka tetap dinilai; "
        "perbaiki baris atasannya agar hubungan atasan-bawahan lengkap."
    ]


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
