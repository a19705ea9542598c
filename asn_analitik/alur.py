"""Alur kerja lengkap yang dipanggil baris perintah: muat, nilai, tulis hasil dan manifest."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from . import __version__
from .alasan import KOLOM_DITOLAK
from .aturan import muat_aturan
from .keluaran import tulis_json, tulis_tabel
from .konfigurasi import TABEL
from .muat import DataMasuk, muat, pilih_opd, pilih_periode
from .skor import HasilSkor, skor

__all__ = ["jalankan_skor", "tabel_ditolak", "tabel_dikecualikan"]


def _sekarang() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def _urutan_tabel(data) -> list:
    return [list(TABEL).index(t) for t in data["_tabel"]]


def tabel_ditolak(data: DataMasuk):
    """``ditolak`` untuk ditulis: urut menurut tabel, baris, kolom; kolom kontrak saja."""
    d = data.ditolak.assign(_urut=_urutan_tabel(data.ditolak))
    d = d.sort_values(["_urut", "baris", "kolom", "alasan"], kind="stable")
    return d[KOLOM_DITOLAK].reset_index(drop=True)


def tabel_dikecualikan(data: DataMasuk):
    """Baris yang dikecualikan (baris kosong, pegawai tidak aktif, periode tidak dipilih)."""
    d = data.dikecualikan.assign(_urut=_urutan_tabel(data.dikecualikan))
    d = d.sort_values(["_urut", "baris"], kind="stable")
    return d[["berkas", "baris", "alasan"]].reset_index(drop=True)


def _periksa_hitungan(jumlah: dict, hasil: HasilSkor) -> None:
    for nama, j in jumlah.items():
        if j["dibaca"] != j["dinilai"] + j["ditolak"] + j["dikecualikan"]:
            raise AssertionError(f"hitungan baris {nama} tidak cocok: {j}")
    if jumlah["indikator"]["dinilai"] != len(hasil.capaian_indikator):
        raise AssertionError("jumlah baris capaian_indikator tidak cocok dengan hitungan")


def jalankan_skor(
    data_dir: str | Path,
    keluaran: str | Path,
    periode: Sequence[str] | str | None = None,
    metode: str = "permenpanrb_6_2022",
    konfigurasi: str | Path | None = None,
    format: str = "csv",
    opd: Sequence[str] | None = None,
    progres: Callable[[str], None] | None = None,
) -> dict:
    """Muat ``data_dir``, nilai, lalu tulis semua keluaran ``skor`` ke ``keluaran``.

    Returns
    -------
    dict
        Isi ``manifest.json`` yang ditulis.
    """
    progres = progres or (lambda pesan: None)
    mulai = _sekarang()
    aturan = muat_aturan(konfigurasi)
    data = pilih_opd(pilih_periode(muat(data_dir, progres=progres), periode), opd)
    progres(f"Menilai dengan metode {metode} ...")
    hasil = skor(data, metode, aturan)
    jumlah = data.jumlah()
    _periksa_hitungan(jumlah, hasil)
    keluaran = Path(keluaran)
    progres(f"Menulis hasil ke {keluaran} ...")
    tulis_tabel(hasil.skor_pegawai, keluaran, "skor_pegawai", format)
    tulis_tabel(hasil.capaian_indikator, keluaran, "capaian_indikator", format)
    tulis_tabel(tabel_ditolak(data), keluaran, "ditolak", "csv")
    tulis_tabel(tabel_dikecualikan(data), keluaran, "dikecualikan", "csv")
    manifest = {
        "versi": __version__,
        "perintah": "skor",
        "metode": metode,
        "parameter": {
            "data": str(Path(data_dir)),
            "periode": data.periode_dipilih,
            "opd": list(opd) if opd else None,
            "format": format,
            "konfigurasi": str(konfigurasi) if konfigurasi else None,
            "aturan": aturan[metode],
        },
        "berkas_masukan": {nama: {"sha256": sidik} for nama, sidik in data.sidik_berkas().items()},
        "jumlah_baris": jumlah,
        "jumlah_pegawai_periode": int(len(hasil.skor_pegawai)),
        "python": sys.version.split()[0],
        "mulai": mulai,
        "selesai": _sekarang(),
    }
    tulis_json(manifest, keluaran / "manifest.json")
    return manifest
