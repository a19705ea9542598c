"""Salin folder data contoh lalu tanam kesalahan khas spreadsheet, untuk peragaan validasi.

Pemakaian::

    python -m asn_analitik.contoh.rusak data/contoh data/contoh_rusak

Hanya sekitar 60 pegawai pertama (urutan berkas) dan baris milik mereka yang diambil, supaya
hasil peragaan mudah dibaca. ``pegawai.csv`` disimpan seperti Excel berbahasa Indonesia
(pemisah ``;``, UTF-8 dengan BOM, judul kolom berhuruf besar/berspasi); ``indikator.csv``
memakai ``;`` dan koma desimal (``85,5``). Daftar kesalahan ada di :data:`KESALAHAN_DITANAM`;
letak persisnya (berkas, baris, kolom, nilai) dikembalikan oleh :func:`rusakkan` dan ditulis
ke ``LIHAT_SAYA.txt`` di folder tujuan. Tidak ada unsur acak: hasilnya selalu sama.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import NamedTuple

import pandas as pd

__all__ = ["KESALAHAN_DITANAM", "Kesalahan", "rusakkan", "utama"]


class Kesalahan(NamedTuple):
    """Satu kesalahan yang ditanam.

    Attributes
    ----------
    kode
        Nama pendek kesalahan.
    berkas, kolom
        Letak kesalahan.
    pola
        Ekspresi reguler yang cocok penuh dengan nilai sel yang ditanam.
    ditolak
        ``True`` bila baris itu harus ditolak; ``False`` bila tulisan itu sah dan harus diterima.
    harapan
        Tanggapan kit yang diharapkan.
    """

    kode: str
    berkas: str
    kolom: str
    pola: str
    ditolak: bool
    harapan: str


_NIP = r"[0-9]{18}"
KESALAHAN_DITANAM = (
    Kesalahan("nip_notasi_ilmiah", "pegawai.csv", "nip", r"[0-9]\.[0-9]{5}E\+17", True,
              "ditolak: NIP terbaca sebagai angka; format kolom NIP sebagai Teks"),
    Kesalahan("nip_angka_desimal", "pegawai.csv", "nip", r"[0-9]{15}000\.0", True,
              "ditolak: NIP terbaca sebagai angka dan digit terakhir hilang"),
    Kesalahan("nip_17_digit", "pegawai.csv", "nip", r"[0-9]{17}", True,
              "ditolak: NIP harus 18 digit"),
    Kesalahan("pegawai_ganda", "pegawai.csv", "nip", _NIP, True,
              "baris kedua ditolak: NIP yang sama sudah ada di baris sebelumnya"),
    Kesalahan("atasan_tidak_ada", "pegawai.csv", "nip_atasan", _NIP, True,
              "ditolak: nip_atasan tidak ada di pegawai.csv"),
    Kesalahan("target_nol", "indikator.csv", "target", "0", True, "ditolak: target harus > 0"),
    Kesalahan("target_kosong", "indikator.csv", "target", "", True, "ditolak: target wajib diisi"),
    Kesalahan("realisasi_negatif", "indikator.csv", "realisasi", r"-[0-9]+(,[0-9]+)?", True,
              "ditolak: realisasi tidak boleh negatif"),
    Kesalahan("realisasi_teks", "indikator.csv", "realisasi", "sepuluh", True,
              "ditolak: realisasi harus angka (tulis 10, bukan sepuluh)"),
    Kesalahan("aspek_salah_ketik", "indikator.csv", "aspek", "kuantitass", True,
              "ditolak: aspek harus kuantitas, kualitas, waktu, atau biaya"),
    Kesalahan("arah_tidak_sah", "indikator.csv", "arah", "naik turun", True,
              "ditolak: arah harus naik atau turun"),
    Kesalahan("periode_tidak_sah", "indikator.csv", "periode", "2026-S3", True,
              "ditolak: semester hanya S1 atau S2"),
    Kesalahan("nip_tidak_terdaftar", "indikator.csv", "nip", _NIP, True,
              "ditolak: NIP tidak ada di pegawai.csv"),
    Kesalahan("nilai_di_atas_5", "perilaku.csv", "nilai", "6", True,
              "ditolak: nilai perilaku harus bilangan bulat 1-5"),
    Kesalahan("nilai_pecahan", "perilaku.csv", "nilai", r"3\.5", True,
              "ditolak: nilai perilaku harus bilangan bulat 1-5"),
    Kesalahan("aspek_bentuk_panjang", "perilaku.csv", "aspek", "Berorientasi Pelayanan", False,
              "diterima: tulisan lain dari berorientasi_pelayanan (bukan kesalahan)"),
    Kesalahan("rating_tidak_sah", "evaluasi_atasan.csv", "rating_hasil_kerja", "Luar Biasa", True,
              "ditolak: rating harus di_atas, sesuai, atau di_bawah (atau bentuk panjangnya)"),
    Kesalahan("rating_bentuk_panjang", "evaluasi_atasan.csv", "rating_perilaku",
              "Di Atas Ekspektasi", False, "diterima: bentuk panjang dari di_atas"),
)  # fmt: skip
_JUDUL_EXCEL = {"nip": "NIP", "nama": " Nama ", "opd": "OPD", "unit_kerja": "Unit_Kerja",
                "jabatan": "JABATAN", "jenis_jabatan": "Jenis_Jabatan ", "golongan": "Golongan",
                "nip_atasan": "NIP_Atasan", "bidang": "Bidang", "status": "Status"}  # fmt: skip
_TABEL = ("pegawai", "indikator", "perilaku", "evaluasi_atasan", "organisasi")


def _baca(folder: Path, nama: str) -> pd.DataFrame:
    """Baca satu tabel CSV sebagai teks apa adanya (sel kosong menjadi ``""``)."""
    jalur = folder / f"{nama}.csv"
    if not jalur.is_file():
        raise FileNotFoundError(
            f"Berkas {jalur} tidak ditemukan; buat dulu dengan `asn-analitik contoh`."
        )
    return pd.read_csv(jalur, dtype="str", keep_default_na=False)


def _ambil_sebagian(tabel: dict[str, pd.DataFrame], n: int) -> dict[str, pd.DataFrame]:
    """Pegawai ke-1..n dan baris milik mereka; atasan di luar potongan diganti kepala OPD."""
    pegawai = tabel["pegawai"].head(n).copy()
    ada = pegawai["nip_atasan"].isin(pegawai["nip"])
    kepala = pegawai[pegawai["jenis_jabatan"] == "JPT"].set_index("opd")["nip"]
    pengganti = pegawai["opd"].map(kepala).fillna("")
    pegawai["nip_atasan"] = pegawai["nip_atasan"].where(
        ada | (pegawai["nip_atasan"] == ""), pengganti
    )
    pegawai.loc[pegawai["nip_atasan"] == pegawai["nip"], "nip_atasan"] = ""
    hasil = {"pegawai": pegawai.reset_index(drop=True)}
    for nama in ("indikator", "perilaku", "evaluasi_atasan"):
        df = tabel[nama][tabel[nama]["nip"].isin(pegawai["nip"])].reset_index(drop=True)
        if nama == "evaluasi_atasan":
            df["nip_penilai"] = df["nip"].map(pegawai.set_index("nip")["nip_atasan"])
        hasil[nama] = df
    organisasi = tabel["organisasi"]
    hasil["organisasi"] = organisasi[organisasi["opd"].isin(pegawai["opd"])].reset_index(drop=True)
    return hasil


def _korban(pegawai: pd.DataFrame, indikator: pd.DataFrame) -> list[int]:
    """Posisi staf aktif tanpa bawahan yang punya indikator: sasaran kesalahan di pegawai.csv."""
    syarat = (
        pegawai["jenis_jabatan"].isin(["Fungsional", "Pelaksana"])
        & (pegawai["status"] == "aktif")
        & ~pegawai["nip"].isin(pegawai["nip_atasan"])
        & pegawai["nip"].isin(indikator["nip"])
    )
    posisi = list(syarat.to_numpy().nonzero()[0])
    if len(posisi) < 5:
        raise ValueError("Terlalu sedikit pegawai untuk menanam kesalahan; tambah --pegawai.")
    return posisi[:5]


def _catat(catatan: list, kode: str, baris: int, nilai: str) -> None:
    """Tambahkan letak satu kesalahan (baris seperti di spreadsheet: judul = 1)."""
    k = next(k for k in KESALAHAN_DITANAM if k.kode == kode)
    catatan.append({"kode": kode, "berkas": k.berkas, "baris": baris + 2, "kolom": k.kolom,
                    "nilai": nilai, "ditolak": k.ditolak, "harapan": k.harapan})  # fmt: skip


def _rusak_pegawai(t: dict[str, pd.DataFrame], catatan: list) -> None:
    """NIP rusak oleh spreadsheet, NIP 17 digit, atasan tak dikenal, dan baris ganda."""
    peg = t["pegawai"]
    k = _korban(peg, t["indikator"])
    nip = peg.loc[k, "nip"].tolist()
    asing = nip[0][:15] + "999"
    baru = {k[0]: f"{int(nip[0]):.5E}", k[1]: nip[1][:15] + "000.0", k[2]: nip[2][:17]}
    for (posisi, nilai), kode in zip(baru.items(), ["nip_notasi_ilmiah", "nip_angka_desimal",
                                                     "nip_17_digit"], strict=True):  # fmt: skip
        peg.loc[posisi, "nip"] = nilai
        _catat(catatan, kode, posisi, nilai)
    peg.loc[k[3], "nip_atasan"] = asing
    _catat(catatan, "atasan_tidak_ada", k[3], asing)
    t["pegawai"] = pd.concat([peg, peg.loc[[k[4]]]], ignore_index=True)
    _catat(catatan, "pegawai_ganda", len(peg), nip[4])
    # Baris lain milik pegawai yang barisnya ditolak dibuang, agar daftar penolakan tepat.
    for nama in ("indikator", "perilaku", "evaluasi_atasan"):
        df = t[nama]
        t[nama] = df[~df["nip"].isin(nip[:4])].reset_index(drop=True)
    t["_nip_asing"] = asing[:15] + "998"


def _tanam(df: pd.DataFrame, catatan: list, rencana: list[tuple]) -> set[int]:
    """Tanam satu kesalahan per baris; baris sasaran menyebar merata dan memenuhi syaratnya.

    Mengembalikan posisi baris yang telah diubah.
    """
    langkah = max(1, len(df) // (len(rencana) + 1))
    dipakai: set[int] = set()
    for urutan, (kode, kolom, nilai, syarat) in enumerate(rencana):
        bebas = [i for i in range(len(df)) if i not in dipakai]
        cocok = [i for i in syarat(df).to_numpy().nonzero()[0] if i not in dipakai] or bebas
        posisi = next((i for i in cocok if i >= (urutan + 1) * langkah), cocok[-1])
        nilai = nilai(df.loc[posisi, kolom]) if callable(nilai) else nilai
        df.loc[posisi, kolom] = nilai
        dipakai.add(posisi)
        _catat(catatan, kode, posisi, nilai)
    return dipakai


def _rusak_lainnya(t: dict[str, pd.DataFrame], catatan: list) -> None:
    """Kesalahan di indikator, perilaku, dan evaluasi_atasan."""
    semua = lambda df: df["nip"] != ""  # noqa: E731
    ind = t["indikator"]
    for kolom in ("target", "realisasi", "bobot"):  # koma desimal gaya Excel Indonesia
        ind[kolom] = ind[kolom].str.replace(".", ",", regex=False)
    dipakai = _tanam(ind, catatan, [
        ("target_nol", "target", "0", semua),
        ("target_kosong", "target", "", semua),
        ("realisasi_negatif", "realisasi", lambda v: "-" + v, lambda df: df["realisasi"] != ""),
        ("realisasi_teks", "realisasi", "sepuluh", semua),
        ("aspek_salah_ketik", "aspek", "kuantitass", lambda df: df["aspek"] == "kuantitas"),
        ("arah_tidak_sah", "arah", "naik turun", semua),
        ("periode_tidak_sah", "periode", "2026-S3", semua),
    ])  # fmt: skip
    bersih = next(i for i in range(len(ind) // 2, len(ind)) if i not in dipakai)
    salinan = ind.iloc[[bersih]].assign(nip=t.pop("_nip_asing"))
    t["indikator"] = pd.concat([ind, salinan], ignore_index=True)
    _catat(catatan, "nip_tidak_terdaftar", len(ind), salinan["nip"].iloc[0])
    _tanam(t["perilaku"], catatan, [
        ("nilai_di_atas_5", "nilai", "6", semua),
        ("nilai_pecahan", "nilai", "3.5", semua),
        ("aspek_bentuk_panjang", "aspek", "Berorientasi Pelayanan",
         lambda df: df["aspek"] == "berorientasi_pelayanan"),
    ])  # fmt: skip
    _tanam(t["evaluasi_atasan"], catatan, [
        ("rating_tidak_sah", "rating_hasil_kerja", "Luar Biasa", semua),
        ("rating_bentuk_panjang", "rating_perilaku", "Di Atas Ekspektasi",
         lambda df: df["rating_perilaku"] == "di_atas"),
    ])  # fmt: skip


def _tulis(t: dict[str, pd.DataFrame], tujuan: Path) -> None:
    """Tulis tabel: pegawai dan indikator gaya Excel Indonesia, sisanya CSV biasa."""
    excel = {"sep": ";", "lineterminator": "\r\n", "index": False}
    t["pegawai"].rename(columns=_JUDUL_EXCEL).to_csv(
        tujuan / "pegawai.csv", encoding="utf-8-sig", **excel
    )
    t["indikator"].to_csv(tujuan / "indikator.csv", encoding="utf-8", **excel)
    for nama in ("perilaku", "evaluasi_atasan", "organisasi"):
        t[nama].to_csv(tujuan / f"{nama}.csv", index=False, encoding="utf-8")


def _tulis_lihat_saya(catatan: pd.DataFrame, tujuan: Path) -> None:
    """Tulis ``LIHAT_SAYA.txt``: daftar kesalahan yang ditanam dan tanggapan yang diharapkan."""
    baris = [
        "DATA CONTOH RUSAK: untuk mencoba pemeriksaan data (asn-analitik validasi)",
        "",
        "Folder ini salinan kecil data contoh yang sengaja diberi kesalahan khas spreadsheet.",
        "pegawai.csv disimpan seperti Excel berbahasa Indonesia (pemisah ';', UTF-8 dengan BOM,",
        "judul kolom berhuruf besar/berspasi, mis. 'NIP', ' Nama '); indikator.csv memakai ';'",
        "dan koma desimal (85,5). Bentuk-bentuk itu SAH dan harus terbaca dengan benar.",
        "Baris lain milik pegawai yang barisnya ditolak sudah dibuang, sehingga daftar di bawah",
        "ini adalah seluruh baris yang seharusnya ditolak.",
        "",
        "Coba:  asn-analitik validasi --data <folder ini>   (kode keluar 1, lihat ditolak.csv)",
        "",
        "Kesalahan yang ditanam (baris seperti di spreadsheet: judul = baris 1):",
    ]
    for r in catatan.itertuples():
        nilai = f"'{r.nilai}'" if r.nilai else "(kosong)"
        baris.append(f"- {r.berkas}, baris {r.baris}, kolom {r.kolom}: {nilai} -> {r.harapan}")
    (tujuan / "LIHAT_SAYA.txt").write_text("\n".join(baris) + "\n", encoding="utf-8")


def rusakkan(sumber: str | Path, tujuan: str | Path, jumlah_pegawai: int = 60) -> pd.DataFrame:
    """Salin folder contoh ke ``tujuan`` dan tanam kesalahan :data:`KESALAHAN_DITANAM`.

    Parameters
    ----------
    sumber
        Folder data contoh (hasil ``asn-analitik contoh``), berisi tabel sebagai CSV.
    tujuan
        Folder hasil; dibuat bila belum ada. Berkas tabel di dalamnya ditimpa.
    jumlah_pegawai
        Banyak pegawai pertama (urutan berkas) yang diambil.

    Returns
    -------
    pandas.DataFrame
        Satu baris per kesalahan: ``kode``, ``berkas``, ``baris``, ``kolom``, ``nilai``,
        ``ditolak``, ``harapan``.

    Raises
    ------
    FileNotFoundError
        Bila salah satu tabel contoh tidak ada di ``sumber``.
    """
    sumber, tujuan = Path(sumber), Path(tujuan)
    tabel = _ambil_sebagian({nama: _baca(sumber, nama) for nama in _TABEL}, jumlah_pegawai)
    shutil.copytree(sumber, tujuan, dirs_exist_ok=True)
    catatan: list[dict] = []
    _rusak_pegawai(tabel, catatan)
    _rusak_lainnya(tabel, catatan)
    _tulis(tabel, tujuan)
    hasil = pd.DataFrame(catatan)
    _tulis_lihat_saya(hasil, tujuan)
    return hasil


def utama(argv: list[str] | None = None) -> int:
    """Jalankan dari baris perintah; mengembalikan kode keluar (0 berhasil, 2 galat)."""
    parser = argparse.ArgumentParser(
        prog="python -m asn_analitik.contoh.rusak",
        description="Salin folder data contoh dan tanam kesalahan khas spreadsheet.",
    )
    parser.add_argument("sumber", help="folder data contoh (mis. data/contoh)")
    parser.add_argument("tujuan", help="folder hasil (mis. data/contoh_rusak)")
    parser.add_argument("--pegawai", type=int, default=60, help="banyak pegawai yang diambil")
    arg = parser.parse_args(argv)
    try:
        hasil = rusakkan(arg.sumber, arg.tujuan, arg.pegawai)
    except (FileNotFoundError, ValueError) as galat:
        print(f"galat: {galat}", file=sys.stderr)
        return 2
    lihat = Path(arg.tujuan) / "LIHAT_SAYA.txt"
    print(f"{len(hasil)} kesalahan ditanam di {arg.tujuan}; penjelasan di {lihat}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(utama())
