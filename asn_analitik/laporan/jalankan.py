"""Perintah ``laporan``: hitung sekali per periode, lalu buat laporan setiap OPD secara paralel.

Alur per periode:

1. nilai dan kelompokkan seluruh kabupaten satu kali (:func:`~asn_analitik.alur.klaster_dan_tulis`),
   tulis tabel kontrak ke ``<keluaran>/<periode>/`` dan hasil Parquet ke ``.../hasil/``;
2. jalankan ``notebooks/02_laporan_opd.ipynb`` (papermill) untuk setiap OPD dan
   ``03_ringkasan_pimpinan.ipynb`` sekali, di proses pekerja terpisah (``--paralel N``);
3. ekspor menjadi HTML mandiri tanpa kode, simpan notebook yang dijalankan di sampingnya;
4. tulis ``index.html`` yang mendaftar semua laporan, angka utama, dan kegagalan.

Setiap berkas ditulis dengan nama sementara lalu diganti namanya, jadi jalannya yang terputus
tidak meninggalkan laporan setengah jadi yang tampak lengkap. Laporan yang sudah ada dengan
sidik yang sama (data, versi kit, notebook, parameter) dilewati, sehingga menjalankan ulang
perintah yang sama menyelesaikan pekerjaan yang tertinggal.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..konfigurasi import AKAR_PROYEK, VERSI
from ..masuk.muat import cocokkan_opd
from .hasil import sidik_data, simpan_hasil
from .indeks import StatusLaporan, tulis_indeks
from .pekerja import Tugas, kerjakan, pesan_galat, siapkan_pekerja
from .ringkasan import angka_per_opd
from .slug import slug_unik

__all__ = [
    "BUKU_OPD",
    "BUKU_PIMPINAN",
    "HasilLaporan",
    "jalankan_laporan",
    "parameter_opd",
    "parameter_pimpinan",
    "sidik_laporan",
]

BUKU_OPD = AKAR_PROYEK / "notebooks" / "02_laporan_opd.ipynb"
BUKU_PIMPINAN = AKAR_PROYEK / "notebooks" / "03_ringkasan_pimpinan.ipynb"


def parameter_opd(periode: str, opd: str, hasil: str, samarkan_nip: bool = False) -> dict:
    """Parameter yang diberikan ke ``02_laporan_opd.ipynb`` (nilai, bukan kode)."""
    return {"periode": periode, "opd": opd, "hasil": hasil, "samarkan_nip": samarkan_nip}


def parameter_pimpinan(periode: str, hasil: str) -> dict:
    """Parameter yang diberikan ke ``03_ringkasan_pimpinan.ipynb``."""
    return {"periode": periode, "hasil": hasil}


@dataclass
class HasilLaporan:
    """Ringkasan satu jalannya ``laporan``: status setiap laporan per periode."""

    folder: dict[str, Path] = field(default_factory=dict)
    status: dict[str, list[StatusLaporan]] = field(default_factory=dict)
    peringatan: list[str] = field(default_factory=list)

    @property
    def gagal(self) -> list[StatusLaporan]:
        return [s for daftar in self.status.values() for s in daftar if s.status == "gagal"]


def sidik_laporan(manifest: dict, buku: Path, parameter: dict) -> str:
    """Sidik satu laporan: berkas masukan, parameter hitung (aturan, k, benih, katalog), versi
    kit, isi notebook dan parameternya. Laporan yang sidiknya sama tidak dibuat ulang.

    Waktu mulai/selesai di manifest tidak ikut, jadi menjalankan ulang pada data yang sama
    menghasilkan sidik yang sama.
    """
    dasar = {
        "masukan": manifest["berkas_masukan"],
        "parameter": manifest["parameter"],
        "klaster": manifest.get("klaster"),
        "versi": VERSI,
        "notebook": parameter,
    }
    isi = json.dumps(dasar, sort_keys=True, default=str).encode() + Path(buku).read_bytes()
    return hashlib.sha256(isi).hexdigest()[:16]


# Urutan atribut bisa berubah saat nbconvert merapikan HTML.
_META_SIDIK = re.compile(rb'<meta (?=[^>]*name="asn-analitik-sidik")[^>]*content="([0-9a-f]*)"')


def _sudah_mutakhir(tugas: Tugas) -> bool:
    """Laporan sudah ada dan dibuat dari data, kit, notebook dan parameter yang sama."""
    berkas = [tugas.html, tugas.ipynb] + ([tugas.salindia] if tugas.salindia else [])
    if not all(Path(b).is_file() for b in berkas):
        return False
    with open(tugas.html, "rb") as f:
        m = _META_SIDIK.search(f.read(1 << 16))
    return bool(m) and m.group(1).decode() == tugas.sidik


def _hitung(data_dir, keluaran: Path, periode, k, seed, konfigurasi, progres):
    """Hitung satu periode ke folder sementara, lalu pindahkan berkas ke ``<periode>/``."""
    from ..alur import klaster_dan_tulis

    sementara = keluaran / f".hitung-{os.getpid()}"
    shutil.rmtree(sementara, ignore_errors=True)
    hk = klaster_dan_tulis(data_dir, sementara, periode, k, seed, konfigurasi, progres)
    simpan_hasil(hk, sementara / "hasil")
    nama_periode = hk.manifest["parameter"]["periode"][0]
    tujuan = keluaran / nama_periode
    for berkas in sorted(sementara.rglob("*")):
        if berkas.is_file():
            akhir = tujuan / berkas.relative_to(sementara)
            akhir.parent.mkdir(parents=True, exist_ok=True)
            os.replace(berkas, akhir)
    shutil.rmtree(sementara, ignore_errors=True)
    return hk, nama_periode, tujuan


def _buat_kumpulan(paralel: int) -> ProcessPoolExecutor:
    """Kumpulan pekerja yang langsung dinyalakan (kernel hangat disiapkan selagi induk masih
    menghitung hasil kabupaten)."""
    konteks = multiprocessing.get_context("spawn")  # aman dengan utas zmq/asyncio papermill
    pool = ProcessPoolExecutor(paralel, mp_context=konteks, initializer=siapkan_pekerja)
    for _ in range(paralel):
        pool.submit(int)
    return pool


def _jalankan_tugas(pool, tugas: list[Tugas], progres_bar: bool) -> dict[str, StatusLaporan]:
    """Jalankan ``tugas`` di ``pool``; status per slug."""
    from tqdm.auto import tqdm

    if not tugas:
        return {}
    try:
        futur = {pool.submit(kerjakan, t): t for t in tugas}
    except BrokenProcessPool as galat:  # pekerja gagal menyala (mis. kernel tidak ada)
        pesan = (
            f"pekerja laporan berhenti mendadak saat dinyalakan ({galat}). Periksa bahwa kernel "
            "Jupyter 'python3' tersedia (python -m ipykernel install --user), lalu jalankan "
            "ulang dengan ASN_ANALITIK_DEBUG=1 untuk melihat galatnya."
        )
        return {t.slug: StatusLaporan(t.nama, t.slug, "gagal", pesan) for t in tugas}
    hasil: dict[str, StatusLaporan] = {}
    bar = tqdm(
        total=len(tugas), desc="Laporan", unit="laporan", disable=not progres_bar,
        file=sys.stderr,
    )  # fmt: skip
    try:
        for f in as_completed(futur):
            t = futur[f]
            try:
                status, pesan, detik = f.result()
            except Exception as galat:  # pekerja mati (mis. kehabisan memori)
                status, pesan, detik = "gagal", pesan_galat(galat), 0.0
            hasil[t.slug] = StatusLaporan(t.nama, t.slug, status, pesan, detik)
            bar.set_postfix_str(t.nama[:30])
            bar.update()
    finally:
        bar.close()
    return hasil


def jalankan_laporan(
    data_dir: str | Path,
    keluaran: str | Path,
    periode: Sequence[str] | str | None = None,
    opd: Sequence[str] | None = None,
    paralel: int | None = None,
    k: str | int = "auto",
    seed: int = 0,
    konfigurasi: str | Path | None = None,
    progres: Callable[[str], None] | None = None,
    progres_bar: bool = False,
    buku_opd: str | Path | None = None,
    buku_pimpinan: str | Path | None = None,
) -> HasilLaporan:
    """Buat semua laporan (kontrak v1, bagian 5: ``laporan``).

    Parameters
    ----------
    periode
        Satu periode, beberapa periode, atau ``None`` (periode terbaru).
    opd
        Buat laporan OPD ini saja (ringkasan pimpinan dan indeks tetap dibuat).
    paralel
        Jumlah proses pekerja; bawaan: jumlah inti prosesor.
    buku_opd, buku_pimpinan
        Notebook yang dijalankan (bawaan: ``notebooks/`` kit), mis. templat buatan sendiri.

    Returns
    -------
    HasilLaporan
        Status setiap laporan; ``gagal`` tidak kosong berarti kode keluar 1.
    """
    progres = progres or (lambda pesan: None)
    paralel = paralel or os.cpu_count() or 1
    keluaran = Path(keluaran).resolve()
    buku_opd = Path(buku_opd or BUKU_OPD).resolve()
    buku_pimpinan = Path(buku_pimpinan or BUKU_PIMPINAN).resolve()
    daftar_periode = [periode] if isinstance(periode, str) or periode is None else list(periode)
    hasil = HasilLaporan()
    pool = _buat_kumpulan(paralel)
    try:
        for p in daftar_periode:
            hk, nama_periode, folder = _hitung(
                data_dir, keluaran, p or "terbaru", k, seed, konfigurasi, progres
            )
            pimpinan, tugas_opd = _susun_tugas(hk, nama_periode, folder, buku_opd, buku_pimpinan)
            semua_opd = [t.nama for t in tugas_opd]
            dipilih = set(cocokkan_opd(semua_opd, opd) if opd else semua_opd)
            status: dict[str, StatusLaporan] = {}
            antre = []
            for t in [pimpinan, *tugas_opd]:
                if _sudah_mutakhir(t):
                    status[t.slug] = StatusLaporan(t.nama, t.slug, "mutakhir")
                elif t is pimpinan or t.nama in dipilih:
                    antre.append(t)
                else:
                    status[t.slug] = StatusLaporan(t.nama, t.slug, "tidak_diminta")
            progres(
                f"Periode {nama_periode}: {len(antre)} laporan dibuat dengan {paralel} pekerja "
                f"({len(status)} sudah mutakhir atau tidak diminta) ..."
            )
            status |= _jalankan_tugas(pool, antre, progres_bar)
            daftar_opd = [status[t.slug] for t in tugas_opd]
            skor = hk.hasil.skor_pegawai
            tulis_indeks(folder, nama_periode, daftar_opd, status[pimpinan.slug],
                         angka_per_opd(skor, hk.rekomendasi), hk.manifest,
                         sidik_data(hk.manifest))  # fmt: skip
            hasil.folder[nama_periode] = folder
            hasil.peringatan += [p for p in hk.manifest["peringatan"] if p not in hasil.peringatan]
            hasil.status[nama_periode] = [status[pimpinan.slug], *daftar_opd]
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return hasil


def _susun_tugas(hk, nama_periode: str, folder: Path, buku_opd: Path, buku_pimpinan: Path):
    """Tugas ringkasan pimpinan dan tugas setiap OPD (urut nama) untuk satu periode."""
    semua_opd = sorted(hk.hasil.skor_pegawai["opd"].astype("str").unique())
    slug = slug_unik(semua_opd)
    folder_hasil = str(folder / "hasil")
    (folder / "opd").mkdir(parents=True, exist_ok=True)
    tugas_opd = []
    for nama in semua_opd:
        parameter = parameter_opd(nama_periode, nama, folder_hasil)
        dasar = folder / "opd" / slug[nama]
        tugas_opd.append(
            Tugas(
                nama,
                slug[nama],
                str(buku_opd),
                parameter,
                f"{dasar}.html",
                f"{dasar}.ipynb",
                f"Laporan Kinerja {nama} {nama_periode}",
                sidik_laporan(hk.manifest, buku_opd, parameter),
            )  # fmt: skip
        )
    parameter = parameter_pimpinan(nama_periode, folder_hasil)
    pimpinan = Tugas(
        "Ringkasan pimpinan", "ringkasan_pimpinan", str(buku_pimpinan), parameter,
        str(folder / "ringkasan_pimpinan.html"), str(folder / "ringkasan_pimpinan.ipynb"),
        f"Ringkasan Kinerja ASN {nama_periode}",
        sidik_laporan(hk.manifest, buku_pimpinan, parameter),
        salindia=str(folder / "ringkasan_pimpinan.salindia.html"),
    )  # fmt: skip
    return pimpinan, tugas_opd
