"""Hasil satu periode yang dihitung sekali lalu dibaca oleh setiap laporan (Parquet).

``laporan`` menilai dan mengelompokkan seluruh kabupaten satu kali per periode, menyimpan
tabelnya di ``<keluaran>/<periode>/hasil/``, lalu setiap notebook laporan OPD membaca dari
sana hanya baris OPD-nya (filter Parquet), sehingga notebook tidak pernah memuat data
pribadi pegawai OPD lain.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from ..galat import ArgumenTidakValid
from ..keluaran import tulis_json, tulis_tabel
from ..konfigurasi import ASPEK
from ..masuk.alasan import KOLOM_DITOLAK
from ..masuk.jalur import cari_folder
from ..masuk.periode import bakukan_periode
from ..masuk.pilih import cocokkan_opd
from .ringkasan import jumlah_predikat

__all__ = ["HasilPeriode", "muat_hasil", "muat_kabupaten", "sidik_data", "simpan_hasil"]

# Tabel per pegawai: disaring menurut OPD saat dibaca untuk laporan OPD.
_PER_PEGAWAI = (
    "skor_pegawai",
    "capaian_indikator",
    "klaster_pegawai",
    "fitur",
    "rekomendasi_pelatihan",
    "hak_jp",
    "ditolak",
    "tidak_aktif",
    "kepatuhan_penilaian",
    "belum_dinilai",
    "tren_predikat",
    "kurva_distribusi",
    "kandidat_tinjauan",
    "kalibrasi_penilai",
    "predikat_tidak_cocok",
    "tren_opd",
    "tren_pegawai",
    "perpindahan_pegawai",
)
_RINGKAS = ("profil_klaster", "kebutuhan_pelatihan", "efek_pelatihan")
_BARIS_PER_KELOMPOK = 32_768


@dataclass
class HasilPeriode:
    """Tabel hasil satu periode, seperti disimpan :func:`simpan_hasil`.

    Semua tabel per pegawai punya kolom ``opd``. ``ditolak`` berisi baris yang ditolak
    beserta ``opd`` pemilik NIP-nya (kosong bila NIP tidak dikenal).
    """

    skor_pegawai: pd.DataFrame
    capaian_indikator: pd.DataFrame
    klaster_pegawai: pd.DataFrame
    fitur: pd.DataFrame
    rekomendasi_pelatihan: pd.DataFrame
    hak_jp: pd.DataFrame
    ditolak: pd.DataFrame
    tidak_aktif: pd.DataFrame
    kepatuhan_penilaian: pd.DataFrame
    belum_dinilai: pd.DataFrame
    tren_predikat: pd.DataFrame
    kurva_distribusi: pd.DataFrame
    kandidat_tinjauan: pd.DataFrame
    #: Satu baris per penilai dan OPD yang pegawainya ia nilai: ``opd`` OPD yang dinilai,
    #: ``opd_penilai`` OPD penilai sendiri (laporan OPD menyamarkan penilai dari luar OPD).
    kalibrasi_penilai: pd.DataFrame
    predikat_tidak_cocok: pd.DataFrame
    #: Tren dengan periode sejenis sebelumnya (kosong bila periode ini yang pertama).
    tren_opd: pd.DataFrame
    tren_pegawai: pd.DataFrame
    #: Masuk, keluar, pindah OPD, tidak aktif; pegawai yang pindah tercatat di OPD lama dan
    #: barunya (kolom ``opd``).
    perpindahan_pegawai: pd.DataFrame
    profil_klaster: pd.DataFrame
    kebutuhan_pelatihan: pd.DataFrame
    efek_pelatihan: pd.DataFrame
    manifest: dict
    #: Nama OPD yang dibaca, dengan ejaan seperti di data (``None``: seluruh kabupaten).
    opd: str | None = None


def _opd_menurut_nip(nip: pd.Series, peta: pd.Series) -> pd.Series:
    return pd.Series(nip.astype("str").map(peta).to_numpy(), index=nip.index, dtype="str")


def _ringkas_kabupaten(skor: pd.DataFrame) -> pd.DataFrame:
    predikat = jumlah_predikat(skor).astype("float64")
    rata = skor[[f"capaian_{a}" for a in ASPEK]].mean()
    return pd.DataFrame(
        {
            "jenis": ["predikat"] * len(predikat) + ["rata_aspek"] * len(rata),
            "nama": [*map(str, predikat.index), *rata.index],
            "nilai": [*predikat.to_numpy(), *rata.to_numpy()],
        }
    )


def _tabel_keadilan(kd) -> dict[str, pd.DataFrame]:
    """Tabel keadilan untuk laporan; kalibrasi penilai diulang per OPD yang ia nilai."""
    if kd is None:
        raise ValueError("simpan_hasil butuh hasil klaster_dan_tulis(..., keadilan=True).")
    penilai = kd.kalibrasi_penilai.rename(columns={"opd": "opd_penilai"})
    sendiri = penilai[["nip_penilai", "periode", "opd_penilai"]].rename(
        columns={"opd_penilai": "opd"}
    )
    cakupan = pd.concat([kd.cakupan_penilai, sendiri]).drop_duplicates()
    penilai = penilai.merge(cakupan, on=["nip_penilai", "periode"], how="left")
    return {**kd.tabel(), "kalibrasi_penilai": penilai}


def _tabel_tren(tr) -> dict[str, pd.DataFrame]:
    """Tabel tren untuk laporan; perpindahan diulang untuk OPD lama dan OPD baru."""
    if tr is None:
        raise ValueError("simpan_hasil butuh hasil tren (laporan mengisi HasilKlaster.tren).")
    pindah = tr.perpindahan_pegawai
    keluar_opd = pindah["opd_awal"].notna() & (pindah["opd_awal"] != pindah["opd_akhir"])
    # Yang pindah ke OPD lain kini pegawai OPD itu: di data OPD lamanya hanya terhitung, tanpa
    # NIP dan nama (laporan OPD hanya memuat pegawainya sendiri).
    lama = pindah[keluar_opd].assign(opd=pindah["opd_awal"])
    ke_lain = (lama["jenis"] == "pindah_opd").to_numpy()
    lama.loc[ke_lain, ["nip", "nama"]] = None
    perpindahan = pd.concat(
        [pindah[pindah["opd_akhir"].notna()].assign(opd=pindah["opd_akhir"]), lama],
        ignore_index=True,
    ).astype({"opd": "str"})  # fmt: skip
    return {
        "tren_opd": tr.tren_opd,
        "tren_pegawai": tr.tren_pegawai,
        "perpindahan_pegawai": perpindahan,
        "efek_pelatihan": tr.efek_pelatihan,
    }


def simpan_hasil(hk, folder: str | Path) -> Path:
    """Simpan hasil :func:`~asn_analitik.alur.klaster_dan_tulis` ke ``folder`` (Parquet).

    Returns
    -------
    Path
        ``folder``.
    """
    folder = Path(folder)
    skor = hk.hasil.skor_pegawai
    pegawai = hk.data.tabel["pegawai"]
    tidak_aktif = hk.data.tidak_aktif
    peta_opd = pd.concat(
        [
            pd.Series(pegawai["opd"].astype("str").to_numpy(), pegawai["nip"].astype("str")),
            pd.Series(tidak_aktif["opd"].astype("str").to_numpy(), tidak_aktif["nip"]),
        ]
    )
    peta_opd = peta_opd[~peta_opd.index.duplicated()]
    ditolak = hk.data.ditolak
    ditolak = ditolak[[*KOLOM_DITOLAK, "_tabel", "_periode"]].assign(
        opd=_opd_menurut_nip(ditolak["_nip"], peta_opd)
    )
    ditolak = ditolak.rename(columns={"_tabel": "tabel", "_periode": "periode"})
    ci = hk.hasil.capaian_indikator
    tabel = {
        "skor_pegawai": skor,
        "capaian_indikator": ci.assign(opd=_opd_menurut_nip(ci["nip"], peta_opd)),
        "klaster_pegawai": hk.pola.klaster_pegawai,
        "fitur": hk.pola.fitur.assign(opd=_opd_menurut_nip(hk.pola.fitur["nip"], peta_opd)),
        "rekomendasi_pelatihan": hk.rekomendasi.merge(
            skor[["nip", "periode", "nama"]], on=["nip", "periode"], how="left"
        ),
        "hak_jp": hk.hak_jp,
        "ditolak": ditolak.sort_values(["tabel", "baris", "kolom"], kind="stable"),
        "tidak_aktif": tidak_aktif.astype("str"),
        "kepatuhan_penilaian": hk.kepatuhan.kepatuhan,
        "belum_dinilai": hk.kepatuhan.belum_dinilai,
        "tren_predikat": hk.kepatuhan.tren_predikat,
        **_tabel_keadilan(hk.keadilan),
        **_tabel_tren(hk.tren),
        "profil_klaster": hk.pola.profil,
        "kebutuhan_pelatihan": hk.kebutuhan,
    }
    tabel["kabupaten"] = _ringkas_kabupaten(skor)
    for nama, data in tabel.items():
        if nama in _PER_PEGAWAI:
            # Urut menurut OPD + row group kecil: filter ``opd ==`` saat membaca cukup membuka
            # row group OPD itu (statistik min/max), bukan seluruh berkas kabupaten.
            data = data.sort_values("opd", kind="stable")
        tulis_tabel(data.reset_index(drop=True), folder, nama, "parquet", _BARIS_PER_KELOMPOK)
    tulis_json(hk.manifest, folder / "manifest.json")
    return folder


def _baca(path: Path, opd: str | None) -> pd.DataFrame:
    saring = [("opd", "==", opd)] if opd is not None else None
    return pd.read_parquet(path, filters=saring)


def _folder_hasil(folder: str | Path) -> Path:
    """Folder hasil seperti ditulis di sel parameter (jalur Windows ``C:\\...`` diterima)."""
    return cari_folder(
        folder,
        nama="Folder hasil",
        saran="Folder hasil dibuat `asn-analitik laporan` di <keluaran>/<periode>/hasil.",
    )


def muat_hasil(
    folder: str | Path, opd: str | None = None, periode: str | None = None
) -> HasilPeriode:
    """Baca hasil yang disimpan :func:`simpan_hasil`.

    Parameters
    ----------
    folder
        Folder ``hasil`` satu periode.
    opd
        Bila diisi, tabel per pegawai hanya berisi baris OPD ini (dibaca dengan filter
        Parquet; baris OPD lain tidak pernah dimuat). Huruf besar/kecil tidak berpengaruh.
    periode
        Periode yang diharapkan notebook; bila hasil di ``folder`` dihitung untuk periode lain,
        pembacaan berhenti (laporan "Semester II 2025" tidak boleh berisi data 2026-S1).

    Raises
    ------
    InputTidakLayak
        Folder tidak ada (pesannya menyebut jalur seperti diketik dan cara menulis jalur
        Windows).
    FileNotFoundError
        Folder bukan folder hasil (belum dihitung).
    ArgumenTidakValid
        ``periode`` atau ``opd`` tidak cocok dengan hasil di ``folder``.
    """
    folder = _folder_hasil(folder)
    if not (folder / "manifest.json").is_file():
        raise FileNotFoundError(
            f"{folder} bukan folder hasil: manifest.json tidak ada. Jalankan dulu "
            "`asn-analitik laporan` untuk menghitung hasil periode ini."
        )
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    _periksa_periode(manifest, periode, folder)
    if opd is not None:
        semua = pd.read_parquet(folder / "skor_pegawai.parquet", columns=["opd"])["opd"]
        (opd,) = cocokkan_opd(semua.astype("str").unique(), [opd])
    isi = {n: _baca(folder / f"{n}.parquet", opd) for n in _PER_PEGAWAI}
    isi |= {n: pd.read_parquet(folder / f"{n}.parquet") for n in _RINGKAS}
    if opd is not None:
        isi["kebutuhan_pelatihan"] = isi["kebutuhan_pelatihan"].query("opd == @opd")
    isi["manifest"] = manifest
    isi["opd"] = opd
    assert set(isi) == {f.name for f in fields(HasilPeriode)}
    return HasilPeriode(**isi)


def _periksa_periode(manifest: dict, periode: str | None, folder: Path) -> None:
    if periode is None:
        return
    ada = manifest["parameter"]["periode"]
    diminta = bakukan_periode(pd.Series([periode], dtype="str")).iloc[0]
    if pd.isna(diminta) or diminta not in ada:
        raise ArgumenTidakValid(
            f"Hasil di {folder} dihitung untuk periode {', '.join(ada)}, bukan '{periode}'. "
            f"Jalankan `asn-analitik laporan --periode {periode}` lalu arahkan parameter hasil "
            f"ke <keluaran>/{diminta if not pd.isna(diminta) else periode}/hasil."
        )


def muat_kabupaten(folder: str | Path) -> dict[str, pd.Series]:
    """Pembanding kabupaten untuk laporan OPD, tanpa data pribadi: ``predikat`` (jumlah
    pegawai per predikat) dan ``rata_aspek`` (rata-rata ``capaian_<aspek>``). Dihitung sekali
    oleh :func:`simpan_hasil`, jadi laporan OPD tidak membaca skor seluruh kabupaten."""
    tabel = pd.read_parquet(_folder_hasil(folder) / "kabupaten.parquet")
    return {
        jenis: bagian.set_index("nama")["nilai"].rename_axis(None)
        for jenis, bagian in tabel.groupby("jenis", sort=False)
    }


def sidik_data(manifest: dict) -> str:
    """Sidik pendek data masukan: 12 huruf pertama SHA-256 dari sidik semua berkas masukan.

    Dua laporan dengan sidik yang sama dihitung dari berkas masukan yang sama persis.

    Examples
    --------
    >>> sidik_data({"berkas_masukan": {"pegawai.csv": {"sha256": "ab"}}})
    '3947979c3281'
    """
    isi = json.dumps(manifest["berkas_masukan"], sort_keys=True).encode()
    return hashlib.sha256(isi).hexdigest()[:12]
