"""Isi folder data: berkas mana yang dibaca sebagai tabel apa, dan apa yang tidak dibaca.

Tidak ada berkas yang dilewati diam-diam. Setiap berkas di folder dicatat dengan tindakannya
(masuk ke ``manifest.json``):

- namanya tepat nama tabel dan formatnya dapat dibaca (``.csv``, ``.tsv``, ``.xlsx``,
  ``.xlsm``, ``.xlsb``, ``.xls``, ``.ods``, ``.parquet``): dibaca;
- namanya hanya *mirip* nama tabel (``perilaku (1).csv`` salinan unduhan atau WhatsApp,
  ``pegawai.csv.csv``, ``Evaluasi Atasan.xlsx``, ``indikatr.csv``): perintah berhenti dan
  menyebut nama yang seharusnya, karena kit tidak boleh menebak apakah itu data yang dimaksud;
- nama tabel dengan format yang tidak dapat dibaca (``pegawai.numbers``, ``pegawai.json``):
  berhenti dengan cara menyimpannya;
- berkas tabel lain (mis. ``rekap_lama.xlsx``): tidak dibaca, dan diperingatkan;
- sisanya (``LIHAT_SAYA.txt``, berkas kunci Excel ``~$...``, subfolder): dicatat saja.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..galat import InputTidakLayak
from ..konfigurasi import AKAR_PROYEK, BERKAS_KIT, EKSTENSI, TABEL
from .jalur import cari_folder

__all__ = [
    "EKSTENSI_TABEL_LAIN",
    "IsiFolder",
    "cari_berkas",
    "cari_folder_data",
    "nama_tabel_mirip",
]

#: Format lembar kerja yang bukan tabel yang dapat dibaca kit, tetapi jelas berisi tabel.
EKSTENSI_TABEL_LAIN = (".numbers", ".json", ".txt", ".dbf", ".sav", ".dta", ".xml")
_SEMUA_EKSTENSI = EKSTENSI + EKSTENSI_TABEL_LAIN
_DAFTAR_FORMAT = "CSV, XLSX, XLS, ODS atau Parquet"

# Tanda salinan yang ditambahkan peramban, WhatsApp, Windows dan Google Drive.
_TANDA_SALINAN = (
    r"\s*\(\s*\d+\s*\)$",  # "perilaku (1)"
    r"[\s_-]*-?\s*(copy|salinan|kopi)(\s*\(\s*\d+\s*\))?$",  # "pegawai - Copy", "pegawai_salinan"
    r"^(copy\s+of|salinan(\s+dari)?|kopi(\s+dari)?)\s+",  # "Copy of pegawai"
    r"[\s_-]+(final|revisi|rev\d*|baru|lama|terbaru|v\d+|\d{1,2})$",  # "pegawai_final", "_v2"
)


@dataclass
class IsiFolder:
    """Hasil :func:`cari_berkas`.

    Attributes
    ----------
    tabel
        Berkas yang dibaca untuk setiap tabel.
    catatan
        Setiap berkas dan folder yang ditemukan: ``berkas``, ``tindakan`` (``dibaca`` atau
        ``diabaikan``), ``tabel`` (bila dibaca), ``keterangan``.
    peringatan
        Kalimat untuk analis tentang berkas tabel yang tidak dibaca.
    """

    tabel: dict[str, Path]
    catatan: list[dict] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)


def _buang_akhiran(nama: str) -> str:
    """``pegawai.csv.csv`` -> ``pegawai``; ``pegawai.xlsx`` -> ``pegawai``."""
    teks = nama.strip().lower()
    while True:
        akar, titik, akhir = teks.rpartition(".")
        if titik and f".{akhir}" in _SEMUA_EKSTENSI:
            teks = akar.strip()
        else:
            return teks


def nama_tabel_mirip(nama_berkas: str) -> str | None:
    """Nama tabel yang kemungkinan dimaksud oleh nama berkas yang tidak tepat.

    Examples
    --------
    >>> contoh = ["perilaku (1).csv", "pegawai.csv.csv", "Evaluasi Atasan.xlsx", "indikatr.csv",
    ...     "rekap_lama.xlsx", "pegawai.csv"]
    >>> [nama_tabel_mirip(n) for n in contoh]
    ['perilaku', 'pegawai', 'evaluasi_atasan', 'indikator', None, 'pegawai']
    """
    teks = _buang_akhiran(nama_berkas)
    for _ in range(3):  # "Copy of pegawai (2) - salinan": tanda bisa bertumpuk
        for pola in _TANDA_SALINAN:
            teks = re.sub(pola, "", teks).strip()
    teks = re.sub(r"[\s.\-]+", "_", teks).strip("_")
    if teks in TABEL:
        return teks
    awalan = [t for t in TABEL if teks.startswith(f"{t}_")]
    if awalan:  # "indikator_dinkes", "pegawai_2026"
        return max(awalan, key=len)
    mirip = difflib.get_close_matches(teks, list(TABEL), n=1, cutoff=0.85)
    return mirip[0] if mirip else None


def _catat(isi: IsiFolder, berkas: Path, tindakan: str, keterangan: str, tabel=None) -> None:
    isi.catatan.append(
        {"berkas": berkas.name, "tindakan": tindakan, "tabel": tabel, "keterangan": keterangan}
    )


def _periksa_satu(isi: IsiFolder, calon: dict[str, list[Path]], berkas: Path) -> None:
    """Golongkan satu entri folder; berhenti bila namanya hanya mirip nama tabel."""
    if berkas.is_dir():
        _catat(isi, berkas, "diabaikan", "folder: hanya berkas langsung di folder data dibaca")
        return
    if berkas.name.startswith("~$"):
        _catat(isi, berkas, "diabaikan", "berkas kunci sementara Excel (berkas sedang dibuka)")
        return
    if berkas.name.startswith("."):
        _catat(isi, berkas, "diabaikan", "berkas tersembunyi")
        return
    akhiran = berkas.suffix.lower()
    nama = berkas.stem.strip().lower()
    if nama in TABEL and akhiran in EKSTENSI:
        calon.setdefault(nama, []).append(berkas)
        return
    if akhiran not in _SEMUA_EKSTENSI:
        _catat(isi, berkas, "diabaikan", "bukan berkas tabel")
        return
    if nama in BERKAS_KIT:
        _catat(isi, berkas, "diabaikan", "keluaran asn-analitik (bukan tabel masukan)")
        return
    mirip = nama_tabel_mirip(berkas.name)
    if mirip is not None and nama == mirip:
        raise InputTidakLayak(
            f"Berkas {berkas.name} berformat {akhiran} yang tidak dapat dibaca kit. Simpan "
            f"tabel {mirip} sebagai {mirip}.xlsx atau {mirip}.csv (Simpan Sebagai > CSV UTF-8), "
            "lalu jalankan lagi.",
            berkas=berkas.name,
        )
    if mirip is not None and akhiran in EKSTENSI:
        raise InputTidakLayak(
            f"Berkas {berkas.name} tampaknya tabel {mirip}, tetapi namanya harus tepat "
            f"{mirip}{akhiran}. Ganti nama berkasnya menjadi {mirip}{akhiran}, atau pindahkan "
            "keluar folder data bila itu salinan yang tidak dipakai.",
            berkas=berkas.name,
        )
    if akhiran in EKSTENSI:
        keterangan = "namanya bukan nama tabel kit (" + ", ".join(TABEL) + "): isinya tidak dibaca"
        _catat(isi, berkas, "diabaikan", keterangan)
        isi.peringatan.append(
            f"Berkas {berkas.name} tidak dibaca: namanya bukan nama tabel ({', '.join(TABEL)}). "
            "Bila berisi data, ganti namanya sesuai tabelnya; bila tidak, pindahkan keluar folder."
        )
        return
    _catat(isi, berkas, "diabaikan", f"format {akhiran} tidak dibaca kit")


def cari_berkas(folder: Path) -> IsiFolder:
    """Temukan berkas tiap tabel di ``folder`` dan catat semua berkas lain.

    Raises
    ------
    InputTidakLayak
        Folder tidak ada, tabel wajib tidak ada, satu tabel punya dua berkas, atau ada berkas
        yang namanya hanya mirip nama tabel.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputTidakLayak(f"Folder data '{folder}' tidak ditemukan atau bukan folder.")
    isi = IsiFolder(tabel={})
    calon: dict[str, list[Path]] = {}
    for berkas in sorted(folder.iterdir()):
        _periksa_satu(isi, calon, berkas)
    for nama, daftar in calon.items():
        if len(daftar) > 1:
            nama_berkas = " dan ".join(p.name for p in daftar)
            raise InputTidakLayak(
                f"Tabel '{nama}' punya dua berkas ({nama_berkas}) di {folder}: "
                "simpan satu saja dan pindahkan yang lain keluar folder.",
                berkas=daftar[0].name,
            )
        isi.tabel[nama] = daftar[0]
        _catat(isi, daftar[0], "dibaca", f"tabel {nama}", tabel=nama)
    for nama, aturan in TABEL.items():
        # Folder hasil impor e-Kinerja/SIASN hanya berisi rating resmi: tanpa indikator.
        boleh_tanpa = nama == "indikator" and "evaluasi_atasan" in calon
        if aturan["wajib_ada"] and nama not in calon and not boleh_tanpa:
            raise InputTidakLayak(
                f"Berkas wajib '{nama}.csv' (atau .xlsx/.xls/.ods/.parquet) tidak ada di folder "
                f"{folder}."
                + (
                    " Folder tanpa indikator cukup berisi pegawai dan evaluasi_atasan (mis. hasil"
                    " asn-analitik impor ekinerja)."
                    if nama == "indikator"
                    else ""
                ),
                berkas=f"{nama}.csv",
            )
    isi.catatan.sort(key=lambda c: c["berkas"])
    return isi


def cari_folder_data(data: str | os.PathLike) -> Path:
    """Folder data dari tulisan analis (:func:`cari_folder`): jalur relatif yang tidak ada
    juga dicari relatif terhadap folder proyek dan ``notebooks/`` (notebook dijalankan dari
    folder proyek maupun dari JupyterLab di ``notebooks/``); jalur Windows diterima.

    Raises
    ------
    InputTidakLayak
        Tidak ada folder dengan nama itu di tempat mana pun.
    """
    return cari_folder(
        data,
        (AKAR_PROYEK, AKAR_PROYEK / "notebooks"),
        "Folder data",
        "Tulis jalur lengkap folder datanya, atau kosongkan untuk memakai data contoh.",
    )
