"""Adaptor ekspor e-Kinerja BKN: "Laporan Penilaian SKP" dan "Laporan SKP" menjadi folder data.

Kontrak v2 bagian 6, fakta berkasnya di domain.md bagian 10. Satu berkas adalah "Laporan
Penilaian SKP" bila headernya memuat ``hasil_akhir`` dan "Laporan SKP" bila memuat
``skp_status``; header dicari di 20 baris pertama (sekarang baris 8, tetapi tidak dipatok) dan
baris di atasnya (judul, instansi, waktu diperbarui) dicatat sebagai metadata.

Periode satu Laporan Penilaian SKP: ``--periode`` (hanya dengan satu berkas seperti itu), selain
itu bulan dan tahun di baris judul (``JANUARI 2026`` -> ``2026-01``; ``TAHUNAN`` dengan tahun ->
``2026``), selain itu nama berkasnya (``2026-01``, ``202601``, ``januari_2026``,
``tahunan_2025``). Baris waktu "diperbarui"/"dicetak" tidak pernah dipakai.

Pembersihan seperti yang dilakukan praktisi: SKP PLT/PLH dikecualikan; NIP yang muncul dua kali
dalam satu laporan (mutasi) menyisakan baris dengan ``periode_akhir_skp`` terakhir; ``-`` berarti
kosong; baris yang belum dinilai tetap ditulis (itulah angka kepatuhan penilaian); label rating
dan predikat dalam ejaan apa pun di domain.md diterima, label lain menolak barisnya dengan daftar
yang diterima. Setiap berkas: dibaca = ditulis + ditolak + dikecualikan.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..galat import ArgumenTidakValid, InputTidakLayak
from ..konfigurasi import EJAAN_PREDIKAT, EJAAN_RATING, EKSTENSI
from .baca import baca_tabel
from .nip import PESAN_NIP, bakukan_nip, masalah_nip
from .periode import BULAN, kunci_urut_periode

__all__ = [
    "HasilImpor",
    "PENANDA_EKINERJA",
    "impor_ekinerja",
    "jenis_pegawai_dari_nip",
    "kumpulkan_berkas",
    "periode_dari_judul",
    "periode_dari_nama",
]

PENANDA_EKINERJA = {
    "penilaian": frozenset({"nip", "hasil_akhir"}),
    "laporan_skp": frozenset({"nip", "skp_status"}),
}
_NAMA_JENIS = {"penilaian": "Laporan Penilaian SKP", "laporan_skp": "Laporan SKP"}
_KOLOM_DIKECUALIKAN = ["berkas", "baris", "nip", "alasan"]
_KOLOM_DITOLAK = ["berkas", "baris", "kolom", "nilai", "alasan"]
_KOLOM_PEGAWAI = ["nip", "nama", "opd", "unit_kerja", "jabatan", "jenis_jabatan", "golongan",
                  "jenis_pegawai", "nip_atasan", "status"]  # fmt: skip
_KOLOM_EVALUASI = ["nip", "periode", "rating_hasil_kerja", "rating_perilaku", "nip_penilai",
                   "nama_penilai", "predikat_resmi", "catatan"]  # fmt: skip
_RATING_DITERIMA = "Di Atas Ekspektasi, Sesuai Ekspektasi, Di Bawah Ekspektasi"
_PREDIKAT_DITERIMA = "Sangat Baik, Baik, Butuh Perbaikan (Cukup), Kurang/Misconduct, Sangat Kurang"
_JENIS_JABATAN = (
    (r"\bJPT\b|PIMPINAN TINGGI", "JPT"),
    (r"ADMINISTRATOR", "Administrator"),
    (r"PENGAWAS", "Pengawas"),
    (r"FUNGSIONAL|\bJF\b|\bJFT\b", "Fungsional"),
    (r"PELAKSANA|\bJFU\b|UMUM", "Pelaksana"),
)
_WAKTU = re.compile(
    r"diperbarui|terakhir|dicetak|diunduh|update|tanggal cetak|\d{1,2}[:.]\d{2}", re.I
)
_BULAN_PENUH = ("januari", "februari", "pebruari", "maret", "april", "mei", "juni", "juli",
                "agustus", "september", "oktober", "november", "nopember", "desember")  # fmt: skip
_BULAN_POLA = "|".join(sorted(_BULAN_PENUH, key=len, reverse=True))


@dataclass
class HasilImpor:
    """Tabel folder data hasil impor dan catatannya (untuk ``impor_manifest.json``)."""

    pegawai: pd.DataFrame
    evaluasi_atasan: pd.DataFrame
    status_skp: pd.DataFrame | None
    ditolak: pd.DataFrame
    dikecualikan: pd.DataFrame
    berkas: list[dict] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)


def kumpulkan_berkas(
    masukan: Sequence[str | Path], ekstensi: Sequence[str] = EKSTENSI, jenis: str | None = None
) -> list[Path]:
    """Berkas ekspor dari daftar berkas dan folder (setiap berkas tabel langsung di dalamnya).

    Raises
    ------
    InputTidakLayak
        Jalur tidak ada, atau tidak ada berkas sama sekali.
    """
    hasil = []
    for jalur in map(Path, masukan):
        if jalur.is_dir():
            hasil += sorted(
                p for p in jalur.iterdir()
                if p.is_file() and p.suffix.lower() in ekstensi and p.name[:1] not in ".~"
            )  # fmt: skip
        elif jalur.is_file():
            hasil.append(jalur)
        else:
            raise InputTidakLayak(
                f"Berkas atau folder '{jalur}' tidak ditemukan.", berkas=str(jalur)
            )
    if not hasil:
        raise InputTidakLayak(
            jenis
            or "Tidak ada berkas .xlsx atau .csv di masukan: unduh Laporan Penilaian SKP "
            "atau Laporan SKP dari e-Kinerja BKN lalu sebutkan berkas atau foldernya."
        )
    return list(dict.fromkeys(hasil))


def periode_dari_judul(baris_judul: Sequence[str]) -> str | None:
    """Periode dari baris judul laporan; baris waktu (diperbarui, dicetak, jam) diabaikan.

    Examples
    --------
    >>> periode_dari_judul(["LAPORAN PENILAIAN SKP BULAN JANUARI 2026", "Instansi Pemkab Bulungan",
    ...                     "Diperbarui: 03 Februari 2026 14:22"])
    '2026-01'
    >>> periode_dari_judul(["PENILAIAN KINERJA TAHUNAN 2025"]), periode_dari_judul(["SKP 2026"])
    ('2025', None)
    """
    for baris in baris_judul:
        if _WAKTU.search(baris):
            continue
        teks = baris.lower()
        cocok = re.search(rf"\b({_BULAN_POLA})\b\W*(?:tahun\W*)?((?:19|20)\d\d)\b", teks)
        if cocok:
            return f"{cocok.group(2)}-{BULAN[cocok.group(1)]:02d}"
        cocok = re.search(
            r"\btahunan\b.*?\b((?:19|20)\d\d)\b|\b((?:19|20)\d\d)\b.*?\btahunan\b", teks
        )
        if cocok:
            return cocok.group(1) or cocok.group(2)
    return None


def periode_dari_nama(nama: str) -> str | None:
    """Periode dari nama berkas: ``2026-01``, ``202601``, ``januari_2026``, ``tahunan_2025``.

    Examples
    --------
    >>> [periode_dari_nama(n) for n in ["penilaian_2026-01.xlsx", "skp_202603.csv",
    ...  "Penilaian Januari 2026.xlsx", "tahunan_2025.xlsx", "laporan.xlsx"]]
    ['2026-01', '2026-03', '2026-01', '2025', None]
    """
    teks = Path(nama).stem.lower()
    cocok = re.search(r"(?<!\d)((?:19|20)\d\d)[-_. ]?(0[1-9]|1[0-2])(?!\d)", teks)
    if cocok:
        return f"{cocok.group(1)}-{cocok.group(2)}"
    cocok = re.search(rf"({_BULAN_POLA}|{'|'.join(b for b in BULAN if len(b) == 3)})"
                      r"[-_. ]?((?:19|20)\d\d)(?!\d)", teks)  # fmt: skip
    if cocok:
        return f"{cocok.group(2)}-{BULAN[cocok.group(1)]:02d}"
    cocok = re.search(r"tahunan[-_. ]?((?:19|20)\d\d)|((?:19|20)\d\d)[-_. ]?tahunan", teks)
    if cocok:
        return cocok.group(1) or cocok.group(2)
    return None


def jenis_pegawai_dari_nip(nip: pd.Series) -> pd.Series:
    """``PPPK`` bila digit 13-14 NIP 21-29 (susunan PPPK), selain itu ``PNS``.

    Examples
    --------
    >>> jenis_pegawai_dari_nip(pd.Series(["198304232025211097", "198609262015051001"])).tolist()
    ['PPPK', 'PNS']
    """
    pppk = nip.astype("str").str.fullmatch(r"[0-9]{12}2[1-9][0-9]{4}").fillna(False).astype(bool)
    return pd.Series(np.where(pppk, "PPPK", "PNS"), index=nip.index, dtype="str")


def _kunci_label(nilai: pd.Series) -> pd.Series:
    return (
        nilai.astype("str").str.lower().str.replace(r"[^0-9a-z]+", "_", regex=True).str.strip("_")
    )


def _label(nilai: pd.Series, ejaan: dict[str, str]) -> tuple[pd.Series, pd.Series]:
    """(bentuk pendek, salah) untuk satu kolom label; kosong tetap kosong."""
    baku = _kunci_label(nilai).map(ejaan)
    salah = nilai.notna() & baku.isna()
    return baku, salah


def _kolom(data: pd.DataFrame, nama: str) -> pd.Series:
    """Kolom ``nama``, atau kolom kosong bila ekspor ini tidak memuatnya."""
    return data[nama] if nama in data else pd.Series(np.nan, index=data.index, dtype="str")


def _tanggal(nilai: pd.Series) -> pd.Series:
    teks = nilai.astype("str").str.slice(0, 10)
    hasil = pd.to_datetime(teks, format="%Y-%m-%d", errors="coerce")
    return hasil.fillna(pd.to_datetime(teks, format="%d/%m/%Y", errors="coerce"))


def _jenis_jabatan(nilai: pd.Series) -> pd.Series:
    teks = nilai.astype("str").str.upper()
    hasil = pd.Series(np.nan, index=nilai.index, dtype="str")
    for pola, jenis in reversed(_JENIS_JABATAN):  # yang lebih khusus menang
        hasil = hasil.mask(teks.str.contains(pola, regex=True).fillna(False).astype(bool), jenis)
    return hasil


def _ya(nilai: pd.Series) -> pd.Series:
    """Penanda PLT/PLH: bukan 0 (``1``, ``true``, ``ya``) berarti ya; kosong berarti tidak."""
    teks = nilai.astype("str").str.strip().str.lower()
    return (nilai.notna() & ~teks.isin(["0", "0.0", "false", "tidak", "t", "n", "no"])).fillna(
        False
    )


@dataclass
class _Berkas:
    path: Path
    jenis: str
    data: pd.DataFrame
    catatan: dict


def _baca(path: Path) -> _Berkas:
    hasil = baca_tabel(path, list(PENANDA_EKINERJA.values()))
    kolom = set(hasil.data.columns)
    jenis = next((j for j, p in PENANDA_EKINERJA.items() if p <= kolom), None)
    if jenis is None:
        raise InputTidakLayak(
            f"Berkas {path.name} bukan ekspor e-Kinerja yang dikenal: di 20 baris pertamanya tidak "
            "ada header dengan kolom nip dan hasil_akhir (Laporan Penilaian SKP) atau nip dan "
            "skp_status (Laporan SKP). Unduh ulang laporannya dari e-Kinerja BKN tanpa diubah.",
            berkas=path.name,
        )
    with open(path, "rb") as f:
        sidik = hashlib.sha256(f.read()).hexdigest()
    catatan = {
        "berkas": path.name, "jalur": str(path), "sha256": sidik, "jenis": _NAMA_JENIS[jenis],
        "baris_header": hasil.info.get("baris_header"), "lembar": hasil.info.get("lembar"),
        "baris_metadata": hasil.info.get("baris_judul", []),
    }  # fmt: skip
    return _Berkas(path, jenis, hasil.data, catatan)


def _tolak(b: _Berkas, pilih: pd.Series, kolom: str, alasan) -> pd.DataFrame:
    d = b.data[pilih]
    nilai = d[kolom].astype("str").fillna("") if kolom in d else ""
    return pd.DataFrame({"berkas": b.path.name, "baris": d["_baris"].to_numpy(), "kolom": kolom,
                         "nilai": nilai, "alasan": alasan})[_KOLOM_DITOLAK]  # fmt: skip


def _kecuali(b: _Berkas, pilih: pd.Series, nip: pd.Series, alasan) -> pd.DataFrame:
    d = b.data[pilih]
    return pd.DataFrame({"berkas": b.path.name, "baris": d["_baris"].to_numpy(),
                         "nip": nip[pilih].to_numpy(), "alasan": alasan})  # fmt: skip


def _bersihkan(b: _Berkas, kolom_plt: str, kolom_akhir: str) -> tuple:
    """Langkah bersama kedua jenis laporan: baris kosong, NIP, PLT/PLH, mutasi.

    Returns
    -------
    (sisa, nip, ditolak, dikecualikan)
        ``sisa``: penanda baris yang masih dipakai.
    """
    data = b.data
    isi = [k for k in data.columns if k != "_baris"]
    kosong = data[isi].isna().all(axis=1)
    nip = bakukan_nip(data["nip"].astype("str"))
    masalah = masalah_nip(nip.fillna(""))
    masalah = masalah.where(nip.notna(), "kosong")
    tolak_nip = ~kosong & masalah.notna()
    teks_nip = masalah.map({**PESAN_NIP, "kosong": "NIP wajib diisi; lengkapi selnya."})
    ditolak = [_tolak(b, tolak_nip, "nip", teks_nip[tolak_nip])]
    dikecualikan = [_kecuali(b, kosong, nip, "Baris kosong: tidak ada isinya.")]
    sisa = ~kosong & ~tolak_nip
    plt = sisa & (_ya(data[kolom_plt]) if kolom_plt in data else False)
    dikecualikan.append(_kecuali(b, plt, nip, "SKP PLT/PLH: dinilai di jabatan definitifnya, "
                                              "bukan di jabatan pelaksana tugas ini."))  # fmt: skip
    sisa &= ~plt
    akhir = (
        _tanggal(data[kolom_akhir]) if kolom_akhir in data else pd.Series(pd.NaT, index=data.index)
    )
    urut = pd.DataFrame({"nip": nip, "akhir": akhir, "baris": data["_baris"]})[sisa]
    urut = urut.sort_values(["nip", "akhir", "baris"], na_position="first", kind="stable")
    terakhir = urut.drop_duplicates("nip", keep="last")
    lama = pd.Series(False, index=data.index)
    lama[urut.index.difference(terakhir.index)] = True
    baris_baru = urut["nip"].map(terakhir.set_index("nip")["baris"])
    dikecualikan.append(_kecuali(
        b, lama, nip,
        "Mutasi: NIP ini punya SKP lain dengan periode_akhir_skp lebih akhir di baris "
        + baris_baru.reindex(data.index)[lama].astype("str") + " (yang dipakai).",
    ))  # fmt: skip
    return sisa & ~lama, nip, ditolak, dikecualikan


def _penilaian(b: _Berkas, periode: str) -> tuple[pd.DataFrame, list, list]:
    sisa, nip, ditolak, dikecualikan = _bersihkan(b, "is_skp_plt_plh_pjb", "periode_akhir_skp")
    data = b.data
    label = {}
    for kolom, ejaan, contoh in (
        ("hasil_kerja", EJAAN_RATING, _RATING_DITERIMA),
        ("perilaku_kerja", EJAAN_RATING, _RATING_DITERIMA),
        ("hasil_akhir", EJAAN_PREDIKAT, _PREDIKAT_DITERIMA),
    ):
        label[kolom], salah = _label(_kolom(data, kolom), ejaan)
        salah &= sisa
        alasan = f"Nilai {kolom} tidak dikenal; yang diterima: {contoh}, atau kosong/'-' bila "
        ditolak.append(_tolak(b, salah, kolom, alasan + "belum dinilai."))
        sisa &= ~salah
    for kolom, nama in (("skp_unor_induk", "OPD"), ("nama", "nama pegawai")):
        tanpa = sisa & _kolom(data, kolom).isna()
        alasan = f"{kolom} ({nama}) kosong; pegawai tanpa {nama} tidak dapat dilaporkan."
        ditolak.append(_tolak(b, tanpa, kolom, alasan))
        sisa &= ~tanpa

    def kol(nama: str) -> pd.Series:
        return _kolom(data, nama)

    penilai = bakukan_nip(kol("pegawai_atasan_nip").astype("str"))
    penilai = penilai.where(masalah_nip(penilai.fillna("x")).isna())
    baris = pd.DataFrame(
        {
            "nip": nip, "periode": periode, "rating_hasil_kerja": label["hasil_kerja"],
            "rating_perilaku": label["perilaku_kerja"], "nip_penilai": penilai,
            "nama_penilai": kol("pegawai_atasan_nama"), "predikat_resmi": label["hasil_akhir"],
            "catatan": np.nan,
            # untuk pegawai.csv
            "nama": kol("nama"), "opd": kol("skp_unor_induk"), "unit_kerja": kol("skp_unor"),
            "jabatan": kol("skp_jabatan"),
            "jenis_jabatan": _jenis_jabatan(kol("skp_jenis_jabatan")),
            "golongan": kol("golru"), "jenis_pegawai": kol("jenis_pegawai"),
            "_berkas": b.path.name, "_baris": data["_baris"],
        }
    )[sisa]  # fmt: skip
    return baris, ditolak, dikecualikan


def _laporan_skp(b: _Berkas, tahun_cadangan: str | None) -> tuple[pd.DataFrame, list, list]:
    sisa, nip, ditolak, dikecualikan = _bersihkan(b, "is_plt_plh", "periode_akhir")
    data = b.data
    awal = _tanggal(_kolom(data, "periode_awal"))
    tahun = awal.dt.year.astype("Int64").astype("str").where(awal.notna(), tahun_cadangan)
    tanpa = sisa & tahun.isna()
    alasan = "Tahun SKP tidak dapat ditentukan: isi periode_awal (mis. 2026-01-01)."
    ditolak.append(_tolak(b, tanpa, "periode_awal", alasan))
    sisa &= ~tanpa
    status = data["skp_status"].astype("str").str.strip().str.lower()

    def kol(nama: str) -> pd.Series:
        return _kolom(data, nama)

    baris = pd.DataFrame(
        {"nip": nip, "tahun": tahun, "opd": kol("skp_unor_induk"), "skp_status": status,
         "nama": kol("nama"), "unit_kerja": kol("skp_unor"), "jabatan": kol("skp_jabatan"),
         "jenis_jabatan": _jenis_jabatan(kol("skp_jenis_jabatan")),
         "jenis_pegawai": kol("jenis_pegawai"), "_berkas": b.path.name, "_baris": data["_baris"]}
    )[sisa]  # fmt: skip
    return baris, ditolak, dikecualikan


def _periode_berkas(b: _Berkas, periode: str | None) -> tuple[str, str]:
    if periode is not None:
        return periode, "--periode"
    dari_judul = periode_dari_judul(b.catatan["baris_metadata"])
    if dari_judul:
        return dari_judul, "judul"
    dari_nama = periode_dari_nama(b.path.name)
    if dari_nama:
        return dari_nama, "nama berkas"
    raise InputTidakLayak(
        f"Periode laporan {b.path.name} tidak dapat ditentukan: judulnya tidak menyebut bulan "
        "(mis. JANUARI 2026) atau TAHUNAN, dan nama berkasnya tidak memuat periode. Beri nama "
        "berkas dengan periodenya, mis. penilaian_skp_2026-01.xlsx (bulanan) atau "
        "penilaian_skp_tahunan_2025.xlsx, atau pakai --periode bila hanya mengimpor satu laporan.",
        berkas=b.path.name,
    )


def _tabel_pegawai(baris: pd.DataFrame) -> pd.DataFrame:
    """Satu baris per NIP dari periode terakhirnya (laporan penilaian lebih dulu)."""
    if baris.empty:
        return pd.DataFrame(columns=_KOLOM_PEGAWAI)
    urut = baris.assign(_urut=kunci_urut_periode(baris["_periode"]).to_numpy())
    urut = urut.sort_values(["nip", "_sumber", "_urut", "_berkas", "_baris"], kind="stable")
    pegawai = urut.drop_duplicates("nip", keep="last").copy()
    jenis = (
        pegawai["jenis_pegawai"].astype("str").str.upper().str.replace(r"[^A-Z0-9]", "", regex=True)
    )
    jenis = jenis.replace({"CPNS": "PNS", "P3K": "PPPK"}).where(lambda s: s.isin(["PNS", "PPPK"]))
    pegawai["jenis_pegawai"] = jenis.fillna(jenis_pegawai_dari_nip(pegawai["nip"]))
    atasan = pegawai["nip_penilai"] if "nip_penilai" in pegawai else np.nan
    pegawai["nip_atasan"] = pd.Series(atasan, index=pegawai.index).where(
        lambda s: s.isin(set(pegawai["nip"]))
    )
    pegawai["unit_kerja"] = pegawai["unit_kerja"].fillna(pegawai["opd"])
    pegawai["status"] = "aktif"
    return pegawai.sort_values(["opd", "nip"], kind="stable")[_KOLOM_PEGAWAI].reset_index(drop=True)


def impor_ekinerja(masukan: Sequence[str | Path], periode: str | None = None) -> HasilImpor:
    """Baca ekspor e-Kinerja BKN menjadi tabel folder data kit (kontrak v2 bagian 6).

    Parameters
    ----------
    masukan
        Berkas (``.xlsx``, ``.csv``, ...) atau folder berisi berkas ekspor.
    periode
        Periode Laporan Penilaian SKP (hanya bila masukan berisi satu laporan seperti itu).

    Raises
    ------
    InputTidakLayak
        Berkas bukan ekspor e-Kinerja yang dikenal, atau periodenya tidak dapat ditentukan.
    ArgumenTidakValid
        ``periode`` diberikan untuk lebih dari satu Laporan Penilaian SKP, atau bentuknya salah.
    """
    berkas = [_baca(p) for p in kumpulkan_berkas(masukan)]
    penilaian = [b for b in berkas if b.jenis == "penilaian"]
    if periode is not None:
        from .periode import bakukan_periode

        baku = bakukan_periode(pd.Series([periode], dtype="str")).iloc[0]
        if pd.isna(baku):
            raise ArgumenTidakValid(
                f"--periode '{periode}' tidak dikenal: tulis mis. 2026-01 atau 2025."
            )
        if len(penilaian) != 1:
            raise ArgumenTidakValid(
                f"--periode hanya dapat dipakai untuk satu Laporan Penilaian SKP; masukan berisi "
                f"{len(penilaian)}. Beri nama setiap berkas dengan periodenya (mis. "
                "penilaian_skp_2026-01.xlsx) lalu impor tanpa --periode."
            )
        periode = baku
    rating, skp, ditolak, dikecualikan = [], [], [], []
    for b in berkas:
        if b.jenis == "penilaian":
            p, sumber = _periode_berkas(b, periode)
            b.catatan |= {"periode": p, "sumber_periode": sumber}
            baris, tolak, kecuali = _penilaian(b, p)
            rating.append(baris.assign(_periode=p, _sumber=1))
        else:
            dari = periode_dari_judul(b.catatan["baris_metadata"]) or periode_dari_nama(b.path.name)
            baris, tolak, kecuali = _laporan_skp(b, dari[:4] if dari else None)
            skp.append(baris.assign(_periode=baris["tahun"].fillna("0000"), _sumber=0))
        ditolak += tolak
        dikecualikan += kecuali
        b.catatan |= {"dibaca": len(b.data), "ditulis": len(baris),
                      "ditolak": int(sum(len(t) for t in tolak)),
                      "dikecualikan": int(sum(len(k) for k in kecuali))}  # fmt: skip
    return _susun(berkas, rating, skp, ditolak, dikecualikan)


def _ganda_antarberkas(rating: pd.DataFrame, berkas: list[_Berkas]):
    """NIP dan periode yang sama di dua berkas (mis. laporan yang diunduh dua kali): yang
    pertama dipakai, yang lain dikecualikan; hitungan per berkas ikut dikoreksi."""
    kunci = ["nip", "periode"]
    ganda = rating.duplicated(kunci, keep="first")
    pertama = rating.loc[~ganda, [*kunci, "_berkas", "_baris"]]
    lain = rating[ganda].merge(pertama, on=kunci, suffixes=("", "_pertama"))
    kecuali = pd.DataFrame(
        {
            "berkas": lain["_berkas"], "baris": lain["_baris"], "nip": lain["nip"],
            "alasan": "NIP dan periode " + lain["periode"] + " ini sudah ada di "
            + lain["_berkas_pertama"] + " baris " + lain["_baris_pertama"].astype("str")
            + " (yang dipakai).",
        }
    )  # fmt: skip
    jumlah = lain["_berkas"].value_counts()
    for b in berkas:
        n = int(jumlah.get(b.path.name, 0))
        b.catatan["ditulis"] -= n
        b.catatan["dikecualikan"] += n
    return rating[~ganda], kecuali[_KOLOM_DIKECUALIKAN]


def _gabung(bagian: list[pd.DataFrame], kolom: list[str]) -> pd.DataFrame:
    isi = [d for d in bagian if len(d)]
    return pd.concat(isi, ignore_index=True)[kolom] if isi else pd.DataFrame(columns=kolom)


def _susun(berkas, rating, skp, ditolak, dikecualikan) -> HasilImpor:
    semua_rating = pd.concat(rating, ignore_index=True) if rating else None
    if semua_rating is not None:
        semua_rating, ganda = _ganda_antarberkas(semua_rating, berkas)
        dikecualikan.append(ganda)
    semua_skp = pd.concat(skp, ignore_index=True) if skp else None
    bagian = [t for t in (semua_rating, semua_skp) if t is not None]
    pegawai = _tabel_pegawai(pd.concat(bagian, ignore_index=True) if bagian else pd.DataFrame())
    if semua_rating is not None:
        urut = kunci_urut_periode(semua_rating["periode"]).to_numpy()
        evaluasi = semua_rating.assign(_urut=urut).sort_values(["_urut", "nip"], kind="stable")
        evaluasi = evaluasi[_KOLOM_EVALUASI].reset_index(drop=True)
    else:
        evaluasi = pd.DataFrame(columns=_KOLOM_EVALUASI)
    status = None
    if semua_skp is not None:
        status = semua_skp.sort_values(["tahun", "nip"], kind="stable")
        status = status[["nip", "tahun", "opd", "skp_status"]].reset_index(drop=True)
    peringatan = []
    if semua_rating is None:
        peringatan.append(
            "Tidak ada Laporan Penilaian SKP di masukan: evaluasi_atasan.csv kosong, jadi belum "
            "ada rating untuk dinilai. Unduh Laporan Penilaian SKP (bulanan atau tahunan)."
        )
    return HasilImpor(
        pegawai, evaluasi, status, _gabung(ditolak, _KOLOM_DITOLAK),
        _gabung(dikecualikan, _KOLOM_DIKECUALIKAN), [b.catatan for b in berkas], peringatan,
    )  # fmt: skip
