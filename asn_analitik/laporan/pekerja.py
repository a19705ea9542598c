"""Pekerja ``laporan``: menjalankan satu notebook dengan papermill lalu mengekspornya.

Setiap pekerja adalah proses terpisah (``python -m asn_analitik.laporan.pekerja``, dinyalakan
:mod:`.kumpulan`) yang menyalakan satu kernel Jupyter sekali (di Linux dibelah dari zigot batch
yang sudah memuat kit, :mod:`.zigot`), mengimpor kit di dalamnya, lalu menjalankan notebook OPD
satu per satu di kernel itu. Sebelum setiap notebook, ruang nama
kernel dikosongkan (``%reset -f``) dan semua gambar ditutup, sehingga tidak ada variabel OPD
sebelumnya yang tersisa; yang tetap hanya modul yang sudah diimpor. Tanpa ini setiap OPD
membayar start kernel dan impor (± 1,4 detik), lebih mahal daripada laporannya.

Sebelum menyatakan siap, pekerja menjalankan dan mengekspor satu notebook kecil di kernelnya
(pemanasan, :func:`_panaskan_alur`), selagi induk masih menghitung.

Di Linux induk hanya menyalakan pekerja pertama; sesudah mengimpor pustakanya, pekerja itu
membelah pekerja lain (:func:`_belah_saudara`) yang memakai pipa yang disiapkan induk
(:data:`ENV_SAUDARA`) dan menyalakan kernelnya sendiri.

Protokolnya satu baris JSON per pesan: induk mengirim :class:`Tugas` lewat stdin, pekerja
membalas ``{"siap": ..., "pid": ...}`` sekali lalu satu hasil per tugas lewat stdout. SIGTERM
mematikan kernel lalu pekerjanya; SIGINT diabaikan (induk yang memutuskan).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import json
import math
import os
import signal
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .zigot import ENV_ALAMAT, MODUL_KERNEL, provisioner_zigot

__all__ = [
    "Tugas",
    "batas_detik_sel",
    "kerjakan",
    "pesan_galat",
    "siapkan_pekerja",
    "utama_pekerja",
]


@dataclass
class Tugas:
    """Satu notebook yang harus dijalankan dan diekspor (dikirim ke pekerja)."""

    nama: str
    slug: str
    buku: str
    parameter: dict
    html: str
    ipynb: str
    judul: str
    sidik: str
    salindia: str | None = None
    #: Lampiran Excel (laporan OPD): ditulis dari folder ``hasil`` parameter notebooknya.
    lampiran: str | None = None
    #: PDF yang dicetak dari halaman HTML (``laporan --pdf``).
    pdf: str | None = None
    #: Parameter yang dicatat di notebook yang disimpan (jalur akhir, bukan folder kerja).
    parameter_tampil: dict = field(default_factory=dict)

    def sebagai_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def _hapus(*jalur: str | None) -> None:
    for j in jalur:
        if j:
            Path(j).unlink(missing_ok=True)


_KERNEL = None
#: Pipa pekerja saudara yang dibelah pekerja ini (``baca,tulis;baca,tulis``; :mod:`.kumpulan`).
ENV_SAUDARA = "ASN_ANALITIK_PIPA_SAUDARA"
#: Impor sekali per kernel hangat (kernel dari zigot sudah memuatnya, :mod:`.zigot`); lalu
#: ``gc.freeze()``: objek modul yang diimpor tidak diperiksa lagi oleh pengumpul sampah,
#: sehingga ``gc.collect()`` di ``%reset -f`` setiap OPD tidak menelusuri ± 200.000 objek
#: pustaka (± 50 ms per laporan). Di antaranya kernel disetel (:mod:`.setel_kernel`).
_PANASKAN = (
    f"import {', '.join(MODUL_KERNEL)}\n"
    "from asn_analitik.laporan.setel_kernel import setel_kernel\nsetel_kernel()\n"
    "import gc\ngc.collect()\ngc.freeze()"
)
#: Riwayat IPython mati: sel laporan tidak ditulis ke basis data riwayat (SQLite) analis, dua
#: kernel paralel tidak berebut kuncinya, dan setiap sel ± 1 ms CPU lebih murah.
_ARGUMEN_KERNEL = ["--HistoryManager.enabled=False"]
_TAG_KOSONGKAN = "asn-kosongkan-kernel"
_KERNEL_MATI = "kernel Jupyter berhenti mendadak di tengah laporan (mis. kehabisan memori)"
#: Satu sel yang berjalan lebih lama dari ini dianggap macet: laporannya dicatat gagal dan
#: kernelnya diganti. Bisa diubah dengan ``ASN_ANALITIK_BATAS_DETIK_SEL`` (mis. data nasional).
_BATAS_DETIK_SEL = 1800
_ENV_BATAS_SEL = "ASN_ANALITIK_BATAS_DETIK_SEL"
#: Batas waktu per sel notebook pemanasan (:func:`_panaskan_alur`), jauh di bawah batas laporan.
_BATAS_DETIK_PANAS = 120
#: Folder notebook pemanasan selama ia berjalan (dihapus juga bila pekerja dihentikan).
_FOLDER_PANAS: Path | None = None
#: Isi notebook pemanasan (:func:`_panaskan_alur`).
_KODE_PANAS = (
    "import pandas as pd\nfrom IPython.display import HTML, display\n"
    "from asn_analitik.laporan import grafik, tampilan\n"
    "display(HTML(tampilan.tabel_html(pd.DataFrame({'x': [x, 1.5]}))))\ngrafik._panaskan()"
)
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
    kc.wait_for_ready(timeout=120)
    balasan = kc.execute_interactive(kode, timeout=300, output_hook=lambda pesan: None)
    if balasan["content"]["status"] != "ok":
        raise RuntimeError(f"kernel menolak kode persiapan: {balasan['content']}")


def _kelas_kernel():
    """Kelas manajer kernel hangat dan kliennya (dibuat saat dipakai: jupyter_client baru
    diimpor di pekerja)."""
    from queue import Empty

    from jupyter_client.blocking.client import BlockingKernelClient
    from jupyter_client.channels import ZMQSocketChannel
    from jupyter_client.manager import KernelManager
    from nbclient.exceptions import DeadKernelError
    from traitlets import Type

    class KanalWaspada(ZMQSocketChannel):
        """Kanal yang tidak menunggu kernel mati atau sel macet selamanya.

        nbclient menunggu pesan IOPub tanpa batas waktu. Dengan klien blocking tunggu itu
        menahan seluruh putaran asyncio, termasuk pemeriksaan "kernel masih hidup" dan batas
        waktu sel nbclient sendiri, sehingga kernel yang mati di tengah sel (kehabisan memori,
        zigot mati) atau sel yang tidak pernah selesai membuat pekerja menunggu selamanya. Di
        sini tunggu dipotong per detik: kernel yang mati menjadi ``DeadKernelError``, dan sel
        yang melewati batas waktu kliennya menjadi ``Empty``, yang nbclient ubah menjadi
        ``CellTimeoutError``.
        """

        klien = None  # KlienTetap pemilik kanal, diisi saat kanal dinyalakan

        def get_msg(self, timeout=None):
            akhir = None if timeout is None else time.monotonic() + timeout
            while True:
                # Diperiksa sebelum setiap pesan, bukan hanya saat kanal sepi: sel macet yang
                # terus mencetak keluaran juga dihentikan.
                if self.klien is not None and time.monotonic() >= self.klien.batas_sel:
                    raise Empty
                sisa = 1.0 if akhir is None else max(0.0, min(1.0, akhir - time.monotonic()))
                try:
                    return super().get_msg(timeout=sisa)
                except Empty:
                    if akhir is not None and time.monotonic() >= akhir:
                        raise
                    if self.klien is not None and not self.klien.is_alive():
                        raise DeadKernelError(_KERNEL_MATI) from None

    class KlienTetap(BlockingKernelClient):
        """Klien yang dipakai ulang oleh setiap notebook di pekerja ini.

        nbclient membuat klien baru untuk setiap notebook dan menunggunya siap; tunggu itu
        selalu menghabiskan 0,2 detik untuk mengosongkan kanal IOPub. Klien ini cukup
        dinyalakan dan ditunggu sekali.
        """

        shell_channel_class = Type(KanalWaspada)
        iopub_channel_class = Type(KanalWaspada)
        _menyala = _siap = False
        #: Batas waktu setiap sel notebook (detik), hanya selama notebook laporan dijalankan
        #: (:func:`_jalankan_notebook`); ``None``: tanpa batas (mis. kode persiapan kernel,
        #: yang punya batas waktunya sendiri).
        batas_detik = None
        #: Waktu (``time.monotonic``) sel yang sedang berjalan harus sudah selesai.
        batas_sel = math.inf

        def start_channels(self, *args, **kwargs):
            if not self._menyala:
                super().start_channels(*args, **kwargs)
                self.shell_channel.klien = self.iopub_channel.klien = self
                self._menyala = True

        def execute(self, *args, **kwargs):
            batas = self.batas_detik
            self.batas_sel = math.inf if batas is None else time.monotonic() + batas
            return super().execute(*args, **kwargs)

        def kernel_info(self, *args, **kwargs):
            # Permintaan lain (papermill meminta kernel_info sesudah sel terakhir) tidak terikat
            # batas sel sebelumnya.
            self.batas_sel = math.inf
            return super().kernel_info(*args, **kwargs)

        def wait_for_ready(self, timeout=None):
            if not self._siap:
                super().wait_for_ready(timeout)
                self._siap = True

    class KernelHangat(KernelManager):
        """Manajer kernel yang selalu memberikan klien yang sama."""

        _klien = None

        def client(self, **kwargs):
            if self._klien is None:
                self._klien = super().client(**kwargs)
            return self._klien

    return KernelHangat, KlienTetap


def batas_detik_sel() -> int:
    """Batas waktu satu sel notebook laporan, dalam detik bulat (``ASN_ANALITIK_BATAS_DETIK_SEL``,
    bawaan 1800; pecahan dibulatkan ke atas).

    Raises
    ------
    ArgumenTidakValid
        Nilainya bukan jumlah detik lebih dari 0 (mis. ``7200s``, ``0``, ``inf``).
    """
    nilai = os.environ.get(_ENV_BATAS_SEL, "").strip()
    if not nilai:
        return _BATAS_DETIK_SEL
    try:
        batas = float(nilai.replace(",", "."))
    except ValueError:
        batas = math.nan
    if not (math.isfinite(batas) and batas > 0):
        from ..galat import ArgumenTidakValid

        raise ArgumenTidakValid(
            f"{_ENV_BATAS_SEL} harus jumlah detik lebih dari 0 (mis. 7200), bukan {nilai!r}."
        )
    return math.ceil(batas)


def _hentikan_kernel(km) -> None:
    """Matikan kernel ``km`` dan tutup kanal kliennya. Prosesnya dibunuh dan ditunggu langsung;
    ``shutdown_kernel(now=True)`` sendiri memeriksa ulang setiap 0,1 detik dan selalu menunggu
    satu kali (di akhir batch itu waktu tunggu yang dirasakan pengguna)."""
    klien = getattr(km, "_klien", None)
    if klien is not None:  # utas heartbeat dan soket ZMQ-nya
        klien.stop_channels()
    proses = getattr(km.provisioner, "process", None)
    if proses is not None:
        proses.kill()
        proses.wait(timeout=10)
    km.shutdown_kernel(now=True)  # sisa pembersihan: berkas koneksi, kanal


def _matikan_kernel() -> None:
    """Matikan kernel hangat saat pekerja keluar (kernel yang berlaku saat itu, bila ada)."""
    if _KERNEL is not None and _KERNEL.has_kernel:
        _hentikan_kernel(_KERNEL)


atexit.register(_matikan_kernel)


def _nyalakan_kernel(alamat_zigot: str | None):
    """Kernel baru yang siap dan sudah dipanaskan; dibelah dari zigot di ``alamat_zigot`` bila
    ada. Kernel yang gagal dinyalakan dimatikan lagi sebelum galatnya diteruskan."""
    manajer, klien = _kelas_kernel()
    km = manajer(kernel_name="python3", client_factory=klien)
    if alamat_zigot:
        km.provisioner = provisioner_zigot(km, alamat_zigot)
    try:
        km.start_kernel(extra_arguments=_ARGUMEN_KERNEL)
        _jalankan_di_kernel(km, _PANASKAN)
    except Exception:
        with contextlib.suppress(Exception):
            _hentikan_kernel(km)
        raise
    return km


def _buang_kernel() -> None:
    """Lupakan kernel hangat pekerja ini (OPD berikutnya mendapat kernel baru) setelah mencoba
    mematikannya; juga bila prosesnya tidak mau mati (mis. tertahan I/O disk jaringan)."""
    global _KERNEL
    km, _KERNEL = _KERNEL, None
    if km is not None:
        with contextlib.suppress(Exception):
            _hentikan_kernel(km)


def _kernel_hangat():
    """Kernel pekerja ini, siap dan kosong; dinyalakan (ulang) bila belum ada atau mati."""
    global _KERNEL
    if _KERNEL is not None and not _KERNEL.is_alive():
        _buang_kernel()  # mati (mis. kehabisan memori): kanal dan berkas koneksinya dibereskan
    if _KERNEL is None:
        alamat = os.environ.get(ENV_ALAMAT)  # dibelah dari zigot batch ini, tanpa impor ulang
        try:
            _KERNEL = _nyalakan_kernel(alamat)
        except Exception:
            if not alamat:
                raise
            os.environ.pop(ENV_ALAMAT)  # kernel belahan tidak jalan: pekerja ini memakai biasa
            _KERNEL = _nyalakan_kernel(None)
    return _KERNEL


def _dengan_sel_kosongkan(buku: str, lampiran: str | None = None):
    """Notebook ``buku`` dengan sel pertama yang mengosongkan kernel hangat dan, bila
    ``lampiran``, sel terakhir yang menulis lampiran Excel dari tabel yang sudah disusun notebook
    itu (:func:`~.lampiran.tulis_lampiran_notebook`: tanpa memuat dan menyusunnya ulang di
    pekerja, ± 0,1 detik per OPD). Keduanya dibuang lagi dari hasil. Lebih murah daripada
    perintah terpisah ke kernel (± 0,35 detik per laporan)."""
    import nbformat

    nb = nbformat.read(buku, as_version=4)
    sel = nbformat.v4.new_code_cell(_KOSONGKAN, id="asn-kosongkan")
    sel.metadata["tags"] = [_TAG_KOSONGKAN]
    nb.cells.insert(0, sel)
    if lampiran:
        kode = (
            "from asn_analitik.laporan.lampiran import tulis_lampiran_notebook as _lampiran\n"
            f"_lampiran(globals(), {lampiran!r})\ndel _lampiran"
        )
        sel = nbformat.v4.new_code_cell(kode, id="asn-lampiran")
        sel.metadata["tags"] = [_TAG_KOSONGKAN]
        nb.cells.append(sel)
    return nb


def _tulis_buku_kecil(buku: Path, kode: str) -> Path:
    """Tulis notebook kecil ``buku``: sel parameter ``x = ""`` lalu satu sel ``kode`` (untuk
    pemanasan pekerja dan uji)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}  # fmt: skip
    parameter = nbformat.v4.new_code_cell('x = ""')
    parameter.metadata["tags"] = ["parameters"]
    nb.cells = [parameter, nbformat.v4.new_code_cell(kode)]
    nbformat.write(nb, buku)
    return buku


def _tanpa_pyarrow() -> None:
    """papermill mengimpor ``pyarrow.fs`` (dan lewat itu numpy) hanya untuk jalur ``hdfs://``,
    yang tidak pernah dipakai pekerja: ± 0,2 detik CPU per pekerja. Dengan ``None`` di
    ``sys.modules`` impor itu gagal seketika dan papermill menandai hdfs tidak tersedia.
    Hanya di proses pekerja sendiri (:func:`utama_pekerja`), yang tidak membaca Parquet (itu
    tugas kernel, proses lain)."""
    if "pyarrow" not in sys.modules:
        sys.modules.setdefault("pyarrow.fs", None)


def _tanpa_validasi_per_keluaran() -> None:
    """nbclient memvalidasi setiap keluaran sel satu per satu terhadap skema nbformat, lewat
    jalur jsonschema yang lambat (± 15% CPU pekerja per laporan). Di proses pekerja validasi
    per simpul itu dilewati; notebook utuhnya tetap divalidasi nbformat saat ditulis.
    Hanya di proses pekerja sendiri (:func:`utama_pekerja`)."""
    import nbformat.v4.nbbase as nbbase

    nbbase.validate = lambda node, ref=None: None


def _impor_alat() -> None:
    """Pustaka pekerja: papermill, nbformat, nbconvert (lewat :mod:`.ekspor`)."""
    import nbformat  # noqa: F401
    import papermill  # noqa: F401

    from . import ekspor  # noqa: F401


def siapkan_pekerja() -> None:
    """Penginisialisasi pekerja: senyapkan stderr, impor alat, nyalakan kernel hangat."""
    _diamkan_stderr()
    _impor_alat()
    _kernel_hangat()
    _panaskan_alur()
    gc.collect()
    gc.freeze()  # objek pustaka yang sudah diimpor tidak ditelusuri lagi (lihat _PANASKAN)


def _panaskan_alur() -> tuple[str, str, float]:
    """Jalankan dan ekspor satu notebook kecil (tabel, grafik, salindia) lewat jalur laporan
    sebelum pekerja menyatakan siap: papermill, nbclient, validator nbformat, templat nbconvert
    dan jalur tampilan kernel dimuat sekali di sini, selagi induk masih menghitung, bukan pada
    laporan pertama pekerja ini (± 0,25 detik lebih lambat dari berikutnya). Lampiran Excel dan
    PDF tidak ikut dipanaskan. Sel pemanasan dibatasi :data:`_BATAS_DETIK_PANAS` (kernel yang
    macet diganti seperti biasa). Bila gagal, pekerja tetap jalan (pesannya ke stderr, terlihat
    dengan ``ASN_ANALITIK_DEBUG=1``); laporan pertamanya saja yang lebih lambat. Mengembalikan
    hasil :func:`kerjakan` notebook itu."""
    import shutil
    import tempfile

    global _FOLDER_PANAS
    try:
        folder = _FOLDER_PANAS = Path(tempfile.mkdtemp(prefix="asn-panas-"))
        buku = _tulis_buku_kecil(folder / "panas.ipynb", _KODE_PANAS)
        tugas = Tugas("panas", "panas", str(buku), {"x": "panas"}, str(folder / "panas.html"),
                      str(folder / "hasil.ipynb"), "panas", "",
                      salindia=str(folder / "salindia.html"))  # fmt: skip
        hasil = kerjakan(tugas, _BATAS_DETIK_PANAS)
    except OSError as galat:  # mis. folder sementara tidak bisa ditulis
        hasil = "gagal", pesan_galat(galat), 0.0
    finally:
        if _FOLDER_PANAS is not None:
            shutil.rmtree(_FOLDER_PANAS, ignore_errors=True)
            _FOLDER_PANAS = None
    if hasil[0] != "selesai":
        print(f"Pemanasan pekerja gagal: {hasil[1]}", file=sys.stderr)
    return hasil


def kerjakan(tugas: Tugas, batas_detik: int | None = None) -> tuple[str, str, float]:
    """Jalankan satu notebook lalu ekspor; dipanggil di proses pekerja. ``batas_detik``: batas
    waktu per sel (bawaan :func:`batas_detik_sel`).

    Returns
    -------
    tuple
        (``selesai`` atau ``gagal``, pesan, detik).
    """
    import nbformat

    from .ekspor import ekspor_html, ekspor_salindia

    mulai = time.perf_counter()
    ipynb = Path(tugas.ipynb)
    sementara = ipynb.with_name(f".{ipynb.stem}.{os.getpid()}.sementara.ipynb")
    gagal = ipynb.with_name(f"{ipynb.stem}.gagal.ipynb")
    try:
        batas_detik = batas_detik or batas_detik_sel()
        hasil = _jalankan_notebook(tugas, sementara, batas_detik)
        nb = nbformat.from_dict(hasil)
        nb.cells = [s for s in nb.cells if _TAG_KOSONGKAN not in s.metadata.get("tags", [])]
        nb.metadata["papermill"]["input_path"] = tugas.buku  # bukan salinan notebooknya
        nb.metadata["papermill"]["output_path"] = ipynb.name  # bukan nama sementaranya
        _catat_parameter_tampil(nb, tugas.parameter_tampil or tugas.parameter)
        nbformat.write(nb, sementara)
        if tugas.salindia:
            ekspor_salindia(nb, tugas.salindia, tugas.judul, tugas.sidik)
        os.replace(sementara, ipynb)
        ekspor_html(nb, tugas.html, tugas.judul, tugas.sidik)  # penanda selesai
        _hapus(str(gagal))
        return "selesai", _cetak(tugas), time.perf_counter() - mulai
    except Exception as galat:  # satu laporan gagal tidak menghentikan yang lain
        if sementara.exists():
            os.replace(sementara, gagal)
        # Laporan lama dari data lain tidak boleh tampak seperti hasil jalannya ini.
        _hapus(tugas.html, tugas.ipynb, tugas.salindia, tugas.lampiran, tugas.pdf)
        return "gagal", pesan_galat(galat, batas_detik), time.perf_counter() - mulai


def _jalankan_notebook(tugas: Tugas, sementara: Path, batas: int):
    """Jalankan notebook ``tugas`` dengan papermill di kernel hangat, simpan ke ``sementara``;
    setiap sel dibatasi ``batas`` detik.

    Galat di dalam sel, atau galat papermill sebelum atau sesudah sel (mis. folder tidak bisa
    ditulis), meninggalkan kernel yang siap untuk OPD berikutnya. Sel yang melewati batas waktu
    (masih berjalan) atau kernel yang mati tidak: kernel itu dimatikan dan dilupakan, dan OPD
    berikutnya mendapat kernel baru.
    """
    import papermill as pm
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    nb = _dengan_sel_kosongkan(tugas.buku, tugas.lampiran)
    km = _kernel_hangat()
    klien = km.client()
    klien.batas_detik = batas
    try:
        return pm.execute_notebook(
            nb,
            str(sementara),
            parameters=tugas.parameter,
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            km=km,
            request_save_on_cell_execute=False,  # simpan sekali di akhir, bukan tiap sel
            execution_timeout=batas,
            cwd=str(Path(tugas.buku).parent),
        )
    except (CellTimeoutError, DeadKernelError):
        _buang_kernel()
        raise
    finally:
        klien.batas_detik, klien.batas_sel = None, math.inf


def _cetak(tugas: Tugas) -> str:
    """Cetak PDF bila diminta. Kegagalan peramban tidak membatalkan laporan HTML-nya: pesannya
    dikembalikan sebagai peringatan (PDF lama dihapus, jalannya ulang mencoba lagi)."""
    if not tugas.pdf:
        return ""
    from .pdf import PesanPeramban, cetak_pdf

    try:
        cetak_pdf(tugas.html, tugas.pdf)
    except PesanPeramban as galat:
        _hapus(tugas.pdf)
        return galat.pesan
    return ""


def _catat_parameter_tampil(nb, parameter: dict) -> None:
    """Notebook yang disimpan mencatat parameter akhirnya (mis. ``hasil`` di folder periode,
    bukan folder kerja sementara tempat ia dijalankan)."""
    from papermill.translators import translate_parameters

    nb.metadata["papermill"]["parameters"] = parameter
    for sel in nb.cells:
        if "injected-parameters" in sel.metadata.get("tags", []):
            sel.source = translate_parameters("python3", "python", parameter, "Parameters")


def pesan_galat(galat: Exception, batas_detik: int | None = None) -> str:
    """Pesan satu baris untuk indeks dan stderr: nama dan isi galat di dalam notebook.
    ``batas_detik``: batas waktu sel yang berlaku (bawaan :func:`batas_detik_sel`)."""
    ename = getattr(galat, "ename", None)
    if ename:  # PapermillExecutionError: galat di dalam notebook
        return f"{ename}: {getattr(galat, 'evalue', '')}".strip()
    # Galat nbclient berpesan bahasa Inggris ("Kernel died", "A cell timed out ...").
    if type(galat).__name__ == "DeadKernelError":
        return _KERNEL_MATI
    if type(galat).__name__ == "CellTimeoutError":
        return (
            f"satu sel notebook berjalan lebih dari {batas_detik or batas_detik_sel()} detik dan "
            f"dihentikan (macet, atau data terlalu besar: naikkan batasnya dengan {_ENV_BATAS_SEL})"
        )
    return f"{type(galat).__name__}: {galat}"


def _matikan(nomor, _bingkai) -> None:
    """SIGTERM dari induk: matikan kernel lebih dulu agar tidak tertinggal, hapus folder
    pemanasan bila sedang dipakai, lalu keluar."""
    import shutil

    try:
        _matikan_kernel()
    except Exception:
        pass
    if _FOLDER_PANAS is not None:
        shutil.rmtree(_FOLDER_PANAS, ignore_errors=True)
    os._exit(128 + nomor)


def _kirim(kanal, isi: dict) -> None:
    kanal.write(json.dumps(isi, ensure_ascii=False) + "\n")
    kanal.flush()


def _pipa_saudara() -> list[tuple[int, int]]:
    """Pasangan pipa (baca tugas, tulis hasil) pekerja saudara yang harus dibelah pekerja ini
    (:data:`ENV_SAUDARA`, diisi :mod:`.kumpulan`); dihapus dari lingkungan agar kernel dan
    saudara tidak mewarisinya."""
    isi = os.environ.pop(ENV_SAUDARA, "")
    return [(int(b), int(t)) for b, t in (p.split(",") for p in isi.split(";") if p)]


def _gagalkan_saudara(pipa: list[tuple[int, int]], pesan: str) -> None:
    """Saudara yang tidak jadi dibelah: induk menerima pesan gagal siap, bukan menunggu."""
    for baca, tulis in pipa:
        with contextlib.suppress(OSError):
            with os.fdopen(tulis, "w", encoding="utf-8") as kanal:
                _kirim(kanal, {"siap": False, "pesan": pesan})
        with contextlib.suppress(OSError):
            os.close(baca)


def _belah_saudara(kanal, pipa: list[tuple[int, int]]):
    """Belah satu pekerja saudara per pasangan ``pipa``, sesudah pustaka pekerja diimpor dan
    sebelum kernel dinyalakan: impor papermill, nbconvert dan kawan-kawannya (± 0,46 detik CPU)
    dibayar sekali per batch, bukan sekali per pekerja. Saudara membaca tugas dari pipanya
    sendiri dan menulis ke kanalnya sendiri; selebihnya ia pekerja biasa (kernel sendiri,
    pemanasan sendiri).

    Returns
    -------
    tuple
        (kanal proses ini, PID saudara yang dibelah; kosong di proses saudara).
    """
    anak: list[int] = []
    for i, (baca, tulis) in enumerate(pipa):
        kanal.flush()
        try:
            pid = os.fork()
        except OSError as galat:
            _gagalkan_saudara(pipa[i:], pesan_galat(galat))
            pipa = pipa[:i]
            break
        if pid == 0:  # saudara
            os.dup2(baca, 0)
            for b, t in pipa:
                os.close(b)
                if t != tulis:
                    os.close(t)
            kanal.close()
            os.set_inheritable(tulis, False)  # proses yang kelak dinyalakannya tidak mewarisi
            return os.fdopen(tulis, "w", encoding="utf-8", buffering=1), []
        anak.append(pid)
    for b, t in pipa:  # ujung saudara hanya dipegang saudara: induk melihat EOF saat ia mati
        os.close(b)
        os.close(t)
    return kanal, anak


def _tunggu_saudara(anak: list[int]) -> None:
    """Tuai saudara yang dibelah (mereka berhenti saat induk menutup stdin mereka)."""
    for pid in anak:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


def utama_pekerja() -> None:
    """Putaran pekerja: baca tugas dari stdin, kirim hasil ke stdout (satu baris JSON)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _matikan)
    # Kanal protokol = stdout asli; apa pun yang dicetak pustaka ke stdout dibuang ke stderr.
    kanal = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    _diamkan_stderr()
    os.dup2(2, 1)
    pipa = _pipa_saudara()
    anak: list[int] = []
    _tanpa_pyarrow()
    _tanpa_validasi_per_keluaran()
    try:
        _impor_alat()
    except Exception as galat:
        _gagalkan_saudara(pipa, pesan_galat(galat))
        _kirim(kanal, {"siap": False, "pesan": pesan_galat(galat)})
        return
    pertama = kanal
    kanal, anak = _belah_saudara(kanal, pipa)
    try:
        siapkan_pekerja()
    except Exception as galat:  # mis. kernel python3 tidak terpasang
        _kirim(kanal, {"siap": False, "pesan": pesan_galat(galat)})
        _tunggu_saudara(anak)
        return
    siap = {"siap": True, "pid": os.getpid()}
    if kanal is not pertama:  # saudara: waktu mulainya membedakannya dari pemakai PID berikutnya
        import psutil

        siap["mulai"] = psutil.Process().create_time()
    _kirim(kanal, siap)
    for baris in sys.stdin:
        if not baris.strip():
            continue
        tugas = Tugas(**json.loads(baris))
        status, pesan, detik = kerjakan(tugas)
        _kirim(kanal, {"slug": tugas.slug, "status": status, "pesan": pesan, "detik": detik})
    _matikan_kernel()
    _tunggu_saudara(anak)


if __name__ == "__main__":
    utama_pekerja()
