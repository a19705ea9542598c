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

import atexit
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .galat import ArgumenTidakValid
from .hasil import sidik_data, simpan_hasil
from .indeks import StatusLaporan, angka_per_opd, tulis_indeks
from .konfigurasi import AKAR_PROYEK
from .slug import slug_unik

__all__ = [
    "BUKU_OPD",
    "BUKU_PIMPINAN",
    "HasilLaporan",
    "jalankan_laporan",
    "parameter_opd",
    "parameter_pimpinan",
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

    @property
    def gagal(self) -> list[StatusLaporan]:
        return [s for daftar in self.status.values() for s in daftar if s.status == "gagal"]


@dataclass
class _Tugas:
    nama: str
    slug: str
    buku: str
    parameter: dict
    html: str
    ipynb: str
    judul: str
    sidik: str
    salindia: str | None = None


def _sidik_tugas(sidik: str, buku: Path, parameter: dict) -> str:
    isi = json.dumps([sidik, __version__, parameter], sort_keys=True).encode() + buku.read_bytes()
    return hashlib.sha256(isi).hexdigest()[:16]


# Urutan atribut bisa berubah saat nbconvert merapikan HTML.
_META_SIDIK = re.compile(rb'<meta (?=[^>]*name="asn-analitik-sidik")[^>]*content="([0-9a-f]*)"')


def _sudah_mutakhir(tugas: _Tugas) -> bool:
    """Laporan sudah ada dan dibuat dari data, kit, notebook dan parameter yang sama."""
    berkas = [tugas.html, tugas.ipynb] + ([tugas.salindia] if tugas.salindia else [])
    if not all(Path(b).is_file() for b in berkas):
        return False
    with open(tugas.html, "rb") as f:
        m = _META_SIDIK.search(f.read(1 << 16))
    return bool(m) and m.group(1).decode() == tugas.sidik


def _hapus(*jalur: str | None) -> None:
    for j in jalur:
        if j:
            Path(j).unlink(missing_ok=True)


# Kernel hangat per pekerja. Setiap pekerja menyalakan satu kernel Jupyter sekali, mengimpor
# kit di dalamnya, lalu menjalankan notebook OPD satu per satu di kernel itu. Sebelum setiap
# notebook, ruang nama kernel dikosongkan (%reset -f) dan semua gambar ditutup, sehingga tidak
# ada variabel OPD sebelumnya yang tersisa; yang tetap hanya modul yang sudah diimpor. Tanpa
# ini setiap OPD membayar start kernel dan impor (± 1,4 detik) yang lebih mahal daripada
# laporannya sendiri.
_KERNEL = None
_PANASKAN = (
    "import IPython.display, matplotlib.pyplot, asn_analitik, asn_analitik.grafik, "
    "asn_analitik.hasil, asn_analitik.ringkasan, asn_analitik.tampilan"
)
_TAG_KOSONGKAN = "asn-kosongkan-kernel"
_KOSONGKAN = (
    'get_ipython().run_line_magic("reset", "-f")\n'
    "import matplotlib.pyplot as _plt\n_plt.close('all')\ndel _plt"
)


def _diamkan_stderr() -> None:
    """Peringatan kernel Jupyter (log IPKernelApp) tidak perlu sampai ke layar analis; galat
    laporan tetap dikembalikan sebagai pesan."""
    if not os.environ.get("ASN_ANALITIK_DEBUG"):
        nol = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nol, 2)
        os.close(nol)


def _jalankan_di_kernel(km, kode: str) -> None:
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        balasan = kc.execute_interactive(kode, timeout=300, output_hook=lambda pesan: None)
        if balasan["content"]["status"] != "ok":
            raise RuntimeError(f"kernel menolak kode persiapan: {balasan['content']}")
    finally:
        kc.stop_channels()


def _kernel_hangat():
    """Kernel pekerja ini, siap dan kosong; dinyalakan (ulang) bila belum ada atau mati."""
    global _KERNEL
    if _KERNEL is None or not _KERNEL.is_alive():
        from jupyter_client.manager import KernelManager

        if _KERNEL is not None:
            _KERNEL.cleanup_resources()
        _KERNEL = KernelManager(kernel_name="python3")
        _KERNEL.start_kernel()
        atexit.register(_KERNEL.shutdown_kernel, now=True)
        _jalankan_di_kernel(_KERNEL, _PANASKAN)
    return _KERNEL


def _dengan_sel_kosongkan(buku: str):
    """Notebook ``buku`` dengan sel pertama yang mengosongkan kernel hangat (dibuang lagi dari
    hasil). Lebih murah daripada perintah terpisah ke kernel (± 0,35 detik per laporan)."""
    import nbformat

    nb = nbformat.read(buku, as_version=4)
    sel = nbformat.v4.new_code_cell(_KOSONGKAN, id="asn-kosongkan")
    sel.metadata["tags"] = [_TAG_KOSONGKAN]
    nb.cells.insert(0, sel)
    return nb


def _siapkan_pekerja() -> None:
    """Penginisialisasi pekerja: senyapkan stderr, impor alat, nyalakan kernel hangat."""
    _diamkan_stderr()
    import nbformat  # noqa: F401
    import papermill  # noqa: F401

    from . import ekspor  # noqa: F401

    _kernel_hangat()


def _kerjakan(tugas: _Tugas) -> tuple[str, str, float]:
    """Jalankan satu notebook lalu ekspor; dipanggil di proses pekerja.

    Returns
    -------
    tuple
        (``selesai`` atau ``gagal``, pesan, detik).
    """
    import nbformat
    import papermill as pm

    from .ekspor import ekspor_html, ekspor_salindia

    mulai = time.perf_counter()
    ipynb = Path(tugas.ipynb)
    sementara = ipynb.with_name(f".{ipynb.stem}.sementara.ipynb")
    gagal = ipynb.with_name(f"{ipynb.stem}.gagal.ipynb")
    try:
        hasil = pm.execute_notebook(
            _dengan_sel_kosongkan(tugas.buku),
            str(sementara),
            parameters=tugas.parameter,
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            km=_kernel_hangat(),
            request_save_on_cell_execute=False,  # simpan sekali di akhir, bukan tiap sel
            cwd=str(Path(tugas.buku).parent),
        )
        nb = nbformat.from_dict(hasil)
        nb.cells = [s for s in nb.cells if _TAG_KOSONGKAN not in s.metadata.get("tags", [])]
        nb.metadata["papermill"]["input_path"] = tugas.buku  # bukan salinan notebooknya
        nbformat.write(nb, sementara)
        if tugas.salindia:
            ekspor_salindia(nb, tugas.salindia, tugas.judul, tugas.sidik)
        os.replace(sementara, ipynb)
        ekspor_html(nb, tugas.html, tugas.judul, tugas.sidik)  # terakhir: penanda selesai
        _hapus(str(gagal))
        return "selesai", "", time.perf_counter() - mulai
    except Exception as galat:  # satu laporan gagal tidak menghentikan yang lain
        if sementara.exists():
            os.replace(sementara, gagal)
        # Laporan lama dari data lain tidak boleh tampak seperti hasil jalannya ini.
        _hapus(tugas.html, tugas.ipynb, tugas.salindia)
        return "gagal", _pesan_galat(galat), time.perf_counter() - mulai


def _pesan_galat(galat: Exception) -> str:
    ename = getattr(galat, "ename", None)
    if ename:  # PapermillExecutionError: galat di dalam notebook
        return f"{ename}: {getattr(galat, 'evalue', '')}".strip()
    return f"{type(galat).__name__}: {galat}"


def _pilih_opd(tersedia: list[str], diminta: Sequence[str] | None) -> list[str]:
    if not diminta:
        return tersedia
    menurut_huruf = {n.casefold().strip(): n for n in tersedia}
    hasil, tidak_ada = [], []
    for nama in diminta:
        cocok = nama if nama in tersedia else menurut_huruf.get(nama.casefold().strip())
        (hasil if cocok else tidak_ada).append(cocok or nama)
    if tidak_ada:
        raise ArgumenTidakValid(
            f"OPD {', '.join(repr(n) for n in tidak_ada)} tidak ada pegawai yang dinilai pada "
            f"periode ini. OPD yang ada: {', '.join(tersedia)}."
        )
    return sorted(set(hasil), key=tersedia.index)


def _hitung(data_dir, keluaran: Path, periode, k, seed, konfigurasi, progres):
    """Hitung satu periode ke folder sementara, lalu pindahkan berkas ke ``<periode>/``."""
    from .alur import klaster_dan_tulis

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
    pool = ProcessPoolExecutor(paralel, mp_context=konteks, initializer=_siapkan_pekerja)
    for _ in range(paralel):
        pool.submit(int)
    return pool


def _jalankan_tugas(pool, tugas: list[_Tugas], progres_bar: bool) -> dict[str, tuple]:
    from tqdm.auto import tqdm

    hasil: dict[str, tuple] = {}
    if not tugas:
        return hasil
    try:
        futur = {pool.submit(_kerjakan, t): t for t in tugas}
    except BrokenProcessPool as galat:  # pekerja gagal menyala (mis. kernel tidak ada)
        pesan = f"pekerja laporan berhenti mendadak saat dinyalakan ({galat})"
        return {t.slug: ("gagal", pesan, 0.0) for t in tugas}
    bar = tqdm(
        total=len(tugas), desc="Laporan", unit="laporan", disable=not progres_bar,
        file=sys.stderr,
    )  # fmt: skip
    try:
        for f in as_completed(futur):
            t = futur[f]
            try:
                hasil[t.slug] = f.result()
            except Exception as galat:  # pekerja mati (mis. kehabisan memori)
                hasil[t.slug] = ("gagal", _pesan_galat(galat), 0.0)
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
            _satu_periode(pool, hasil, data_dir, keluaran, p, opd, k, seed, konfigurasi,
                          buku_opd, buku_pimpinan, progres, progres_bar, paralel)  # fmt: skip
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return hasil


def _satu_periode(pool, hasil, data_dir, keluaran, p, opd, k, seed, konfigurasi, buku_opd,
                  buku_pimpinan, progres, progres_bar, paralel) -> None:  # fmt: skip
    """Hitung satu periode, buat laporan yang belum mutakhir, tulis indeks; isi ``hasil``."""
    hk, nama_periode, folder = _hitung(
        data_dir, keluaran, p or "terbaru", k, seed, konfigurasi, progres
    )
    skor = hk.hasil.skor_pegawai
    semua_opd = sorted(skor["opd"].astype("str").unique())
    dipilih = _pilih_opd(semua_opd, opd)
    slug = slug_unik(semua_opd)
    sidik = sidik_data(hk.manifest)
    folder_hasil = str(folder / "hasil")
    tugas_opd = []
    for nama in semua_opd:
        parameter = parameter_opd(nama_periode, nama, folder_hasil)
        dasar = folder / "opd" / slug[nama]
        tugas_opd.append(
            _Tugas(
                nama,
                slug[nama],
                str(buku_opd),
                parameter,
                f"{dasar}.html",
                f"{dasar}.ipynb",
                f"Laporan Kinerja {nama} {nama_periode}",
                _sidik_tugas(sidik, buku_opd, parameter),
            )  # fmt: skip
        )
    (folder / "opd").mkdir(parents=True, exist_ok=True)
    parameter = parameter_pimpinan(nama_periode, folder_hasil)
    pimpinan = _Tugas(
        "Ringkasan pimpinan", "ringkasan_pimpinan", str(buku_pimpinan), parameter,
        str(folder / "ringkasan_pimpinan.html"), str(folder / "ringkasan_pimpinan.ipynb"),
        f"Ringkasan Kinerja ASN {nama_periode}", _sidik_tugas(sidik, buku_pimpinan, parameter),
        salindia=str(folder / "ringkasan_pimpinan.salindia.html"),
    )  # fmt: skip
    status: dict[str, StatusLaporan] = {}
    antre = []
    for t in [pimpinan, *tugas_opd]:
        if t is not pimpinan and t.nama not in dipilih:
            ada = _sudah_mutakhir(t)
            status[t.slug] = StatusLaporan(t.nama, t.slug, "mutakhir" if ada else "tidak_diminta")
        elif _sudah_mutakhir(t):
            status[t.slug] = StatusLaporan(t.nama, t.slug, "mutakhir")
        else:
            antre.append(t)
    progres(
        f"Periode {nama_periode}: {len(antre)} laporan dibuat dengan {paralel} pekerja "
        f"({len(status)} sudah mutakhir atau tidak diminta) ..."
    )
    for s, (st, pesan, detik) in _jalankan_tugas(pool, antre, progres_bar).items():
        nama = pimpinan.nama if s == pimpinan.slug else next(t.nama for t in antre if t.slug == s)
        status[s] = StatusLaporan(nama, s, st, pesan, detik)
    daftar_opd = [status[t.slug] for t in tugas_opd]
    tulis_indeks(
        folder,
        nama_periode,
        daftar_opd,
        status[pimpinan.slug],
        angka_per_opd(skor, hk.rekomendasi),
        hk.manifest,
        sidik,
    )
    hasil.folder[nama_periode] = folder
    hasil.status[nama_periode] = [status[pimpinan.slug], *daftar_opd]
