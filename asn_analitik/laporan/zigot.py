"""Zigot kernel: satu proses yang memuat kernel Jupyter beserta kit sekali, lalu membelah diri
(``os.fork``) untuk setiap kernel yang diminta pekerja laporan.

Tanpa zigot setiap pekerja menyalakan kernelnya sendiri: Python baru yang mengimpor ipykernel,
pandas, matplotlib dan kit, ± 1,3 detik CPU per kernel, dan di mesin dua inti yang sibuk itu
terasa langsung pada lama batch. Dengan zigot impor itu dibayar sekali per batch; kernel hasil
belahan sudah memuat semuanya (halaman memori dibagi sampai ditulis), sehingga setiap kernel
berikutnya hanya membayar start ipykernel-nya. Isolasi antar-OPD tidak berubah: setiap kernel
tetap proses sendiri, dan ruang namanya dikosongkan sebelum setiap OPD seperti biasa
(:mod:`.pekerja`).

Hanya di Linux: ``fork`` tanpa ``exec`` tidak tersedia di Windows dan tidak aman di macOS. Di
sana, bila ``ASN_ANALITIK_ZIGOT=0``, atau bila zigot tidak menjawab, kernel dinyalakan seperti
biasa oleh jupyter_client (:class:`ProvisionerZigot` jatuh kembali ke ``LocalProvisioner``).

Protokol: zigot mendengarkan soket Unix di folder sementara yang hanya bisa dibuka pemiliknya
(dibuka induk sebelum zigot dinyalakan, lalu diwariskan). Pekerja mengirim satu baris JSON
``{"argv": [...], "env": {...}, "cwd": ...}`` (perintah kernel dari jupyter_client) dan menerima
``{"pid": n}`` atau ``{"galat": "..."}``. Sambungan itu tetap terbuka selama kernel hidup: kernel
berhenti begitu pekerjanya mati (ujung pekerja tertutup), seperti kernel biasa yang memantau
induknya, dan seketika bila zigot mati (``PR_SET_PDEATHSIG``). Zigot berhenti saat stdin-nya
tertutup (induk selesai atau mati). Di daftar proses kernel belahan tampil dengan baris
perintah zigot (``-m asn_analitik.laporan.zigot``) dan nama ``asn-kernel``.

Pekerja sendiri (papermill, nbconvert) tidak dibelah: induk harus menunggu zigot selesai
mengimpor sebelum belahan pertama, dan tunggu itu jatuh tepat di awal batch, ketika induk
sedang menghitung (diukur: hitungan induk selesai 0,6-1,6 detik lebih lambat). Kernel diminta
pekerja, yang memang menunggu kernelnya, jadi tunggu itu tidak mengenai induk.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

__all__ = ["MODUL_KERNEL", "ProsesZigot", "Zigot", "provisioner_zigot", "zigot_tersedia"]

#: Modul yang dipakai notebook laporan; diimpor sekali oleh zigot (dan oleh kernel tanpa zigot
#: saat dipanaskan, :data:`.pekerja._PANASKAN`).
MODUL_KERNEL = (
    "IPython.display",
    "matplotlib.pyplot",
    "asn_analitik",
    "asn_analitik.laporan.grafik",
    "asn_analitik.laporan.hasil",
    "asn_analitik.laporan.ringkasan",
    "asn_analitik.laporan.tampilan",
    "asn_analitik.laporan.lampiran",
)
#: Nama proses kernel hasil belahan (baris perintahnya tetap baris perintah zigot).
NAMA_KERNEL = "asn-kernel"
#: Alamat soket zigot untuk proses pekerja (diisi :class:`Zigot` di lingkungan pekerja).
ENV_ALAMAT = "ASN_ANALITIK_ALAMAT_ZIGOT"
#: ``ASN_ANALITIK_ZIGOT=0``: kernel dinyalakan biasa (mis. untuk membandingkan kecepatan).
ENV_SAKLAR = "ASN_ANALITIK_ZIGOT"
_BACKEND_INLINE = "module://matplotlib_inline.backend_inline"
_BATAS_JAWAB_DETIK = 60.0


def zigot_tersedia() -> bool:
    """Zigot dipakai di Linux, kecuali dimatikan dengan ``ASN_ANALITIK_ZIGOT=0``."""
    return sys.platform.startswith("linux") and os.environ.get(ENV_SAKLAR, "1") != "0"


# --- sisi induk ----------------------------------------------------------------------------


class Zigot:
    """Proses zigot milik satu batch: dinyalakan sebelum pekerja, ditutup sesudahnya."""

    def __init__(self):
        self._folder = Path(tempfile.mkdtemp(prefix="asn-zigot-"))  # 0700: hanya pemiliknya
        self.alamat = str(self._folder / "soket")
        # Soket dibuka di sini lalu diwariskan: pekerja bisa langsung tersambung (antre sampai
        # zigot selesai mengimpor). Induk menutup salinannya, jadi bila zigot mati sambungan
        # langsung ditolak dan pekerja menyalakan kernel biasa.
        try:
            self._nyalakan()
        except BaseException:
            shutil.rmtree(self._folder, ignore_errors=True)
            raise

    def _nyalakan(self) -> None:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
            server.bind(self.alamat)
            server.listen(16)
            keluaran = None if os.environ.get("ASN_ANALITIK_DEBUG") else subprocess.DEVNULL
            perintah = [sys.executable, "-m", "asn_analitik.laporan.zigot"]
            self.proses = subprocess.Popen(
                [*perintah, str(server.fileno()), str(self._folder)],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=keluaran,
                pass_fds=(server.fileno(),),
                start_new_session=True,  # Ctrl+C di terminal hanya sampai ke induk
            )

    def env(self) -> dict[str, str]:
        """Lingkungan proses pekerja yang memakai zigot ini."""
        return {**os.environ, ENV_ALAMAT: self.alamat}

    def tutup(self, tenggang: float = 5.0) -> None:
        """Tutup stdin zigot (ia berhenti sendiri), bunuh bila tidak, lalu hapus soketnya."""
        try:
            self.proses.stdin.close()
        except OSError:
            pass
        try:
            self.proses.wait(timeout=tenggang)
        except subprocess.TimeoutExpired:
            self.proses.kill()
            self.proses.wait(timeout=tenggang)
        shutil.rmtree(self._folder, ignore_errors=True)


# --- sisi pekerja ----------------------------------------------------------------------------


class ProsesZigot:
    """Kernel hasil belahan zigot, dengan antarmuka ``subprocess.Popen`` yang dipakai
    jupyter_client dan :mod:`.pekerja`. Kernel ini anak zigot, bukan anak pekerja, jadi kode
    keluarnya tidak bisa dibaca: setelah berhenti (juga selagi zombi menunggu dikubur zigot),
    ``returncode`` bernilai 0."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int, sambungan: socket.socket | None = None):
        import psutil

        self.pid = pid
        # Sambungan permintaan tetap terbuka selama kernel hidup: kernel berhenti sendiri begitu
        # ujung ini tertutup, yaitu bila pekerjanya mati (seperti kernel biasa yang memantau
        # induknya).
        self._sambungan = sambungan
        self.returncode: int | None = None
        try:
            self._proses = psutil.Process(pid)  # mengingat waktu mulainya: PID daur ulang aman
        except psutil.NoSuchProcess:
            self._proses = None
            self.returncode = 0

    def poll(self) -> int | None:
        if self.returncode is None:
            import psutil

            try:
                hidup = self._proses.is_running() and self._proses.status() != psutil.STATUS_ZOMBIE
            except psutil.NoSuchProcess:
                hidup = False
            if not hidup:
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        akhir = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if akhir is not None and time.monotonic() > akhir:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, nomor: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, nomor)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def _minta_kernel(alamat: str, argv: list[str], env: dict | None, cwd) -> ProsesZigot | None:
    """Kernel yang dibelah zigot di ``alamat``; ``None`` bila zigot tidak bisa (pemanggil
    menyalakan kernel biasa). Bila zigot tidak menjawab dalam batas waktu, sambungannya ditutup
    dan kernel yang mungkin dibelahnya kemudian langsung berhenti."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.settimeout(_BATAS_JAWAB_DETIK)  # zigot mungkin masih mengimpor
        s.connect(alamat)
        permintaan = {"argv": argv, "env": dict(env or os.environ), "cwd": str(cwd or "")}
        s.sendall(json.dumps(permintaan).encode() + b"\n")
        jawaban = s.makefile("rb").readline()
        pid = int(json.loads(jawaban)["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        s.close()
        return None
    s.settimeout(None)
    return ProsesZigot(pid, s)


def provisioner_zigot(km, alamat: str):
    """Provisioner kernel untuk manajer ``km`` yang meminta kernelnya dari zigot di ``alamat``
    (jatuh kembali ke cara biasa bila zigot tidak menjawab). Dipasang sebagai
    ``km.provisioner`` sebelum ``km.start_kernel``."""
    import uuid

    from jupyter_client.provisioning import LocalProvisioner

    class ProvisionerZigot(LocalProvisioner):
        async def launch_kernel(self, cmd, **kwargs):
            proses = _minta_kernel(alamat, cmd, kwargs.get("env"), kwargs.get("cwd"))
            if proses is None:
                return await super().launch_kernel(cmd, **kwargs)
            self.process = proses
            self.pid = self.pgid = proses.pid  # kernel memulai sesi sendiri (os.setsid)
            self.cwd = kwargs.get("cwd") or Path.cwd()
            return self.connection_info

    km.kernel_id = km.kernel_id or str(uuid.uuid4())
    return ProvisionerZigot(kernel_id=km.kernel_id, kernel_spec=km.kernel_spec, parent=km)


# --- proses zigot ----------------------------------------------------------------------------


def _prctl(opsi: int, nilai) -> None:
    """``prctl(2)`` Linux lewat ctypes; diam bila tidak tersedia."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(opsi, nilai, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _beri_nama(nama: str) -> None:
    """Nama proses (``top``, ``ps -o comm``, ``psutil.Process.name``): kernel hasil belahan
    tetap membawa baris perintah zigot, jadi namanya yang menunjukkan bahwa ia kernel."""
    _prctl(15, nama.encode())  # PR_SET_NAME


def _mati_bersama_induk(induk: int) -> None:
    """SIGKILL otomatis bila zigot mati (juga bila ia mati tepat sesudah membelah)."""
    _prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    if os.getppid() != induk:
        os._exit(1)


def _awasi_pekerja(sambungan: socket.socket) -> None:
    """Berhenti begitu sambungan pekerja tertutup: pekerjanya mati, atau ia sudah menyerah
    menunggu dan menyalakan kernel biasa."""
    import threading

    def awasi():
        try:
            while sambungan.recv(1024):
                pass
        except OSError:
            pass
        os._exit(1)

    threading.Thread(target=awasi, name="asn-awasi-pekerja", daemon=True).start()


def _jadi_kernel(permintaan: dict, siap: int, sambungan: socket.socket, induk: int) -> None:
    """Di anak hasil belahan: jadilah kernel seperti ``python -m ipykernel_launcher ...``."""
    kode = 1
    try:
        _mati_bersama_induk(induk)
        os.setsid()  # seperti Popen(start_new_session=True) jupyter_client: grup sinyal sendiri
        _beri_nama(NAMA_KERNEL)
        os.write(siap, b"1")
        os.close(siap)
        sambungan.settimeout(None)
        _awasi_pekerja(sambungan)
        for nomor in (signal.SIGINT, signal.SIGTERM):
            signal.signal(nomor, signal.SIG_DFL)
        nol = os.open(os.devnull, os.O_RDONLY)
        os.dup2(nol, 0)
        os.close(nol)
        os.environ.clear()
        os.environ.update(permintaan["env"])
        os.environ.setdefault("MPLBACKEND", _BACKEND_INLINE)
        if permintaan["cwd"]:
            os.chdir(permintaan["cwd"])
        # Berhenti bila zigot mati. Nilai bawaannya (JPY_PARENT_PID) sudah dibaca saat zigot
        # mengimpor ipykernel, jadi diberikan sebagai argumen.
        argv = [*permintaan["argv"][3:], f"--IPKernelApp.parent_handle={os.getppid()}"]
        sys.argv = [permintaan["argv"][0], *argv]
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=argv)
        kode = 0
    except SystemExit as keluar:
        kode = keluar.code if isinstance(keluar.code, int) else 1
    except Exception:  # ke stderr zigot (terlihat dengan ASN_ANALITIK_DEBUG=1)
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(kode)


def _bisa_dibelah(argv, env) -> bool:
    """Hanya kernel Python ini sendiri (``<python ini> -m ipykernel_launcher ...``), dengan
    pengaturan ``PYTHON*`` yang sama: yang dibaca Python saat start tidak bisa diubah lagi di
    anak hasil belahan."""
    if not isinstance(argv, list) or not isinstance(env, dict) or len(argv) < 3:
        return False
    if argv[0] != sys.executable or argv[1:3] != ["-m", "ipykernel_launcher"]:
        return False

    def python(e) -> dict:
        return {k: v for k, v in e.items() if k.startswith("PYTHON")}

    return python(env) == python(os.environ)


def _layani(koneksi: socket.socket, server: socket.socket) -> None:
    with koneksi:
        koneksi.settimeout(10)  # peminta yang tersambung tanpa mengirim tidak menahan zigot
        try:
            permintaan = json.loads(koneksi.makefile("rb").readline())
            sah = isinstance(permintaan, dict) and _bisa_dibelah(
                permintaan.get("argv"), permintaan.get("env")
            )
        except ValueError:
            sah = False
        if not sah:
            koneksi.sendall(b'{"galat": "bukan kernel Python ini"}\n')
            return
        baca, tulis = os.pipe()
        induk = os.getpid()
        try:
            pid = os.fork()
        except OSError:
            os.close(baca)
            os.close(tulis)
            raise
        if pid == 0:
            server.close()
            os.close(baca)
            _jadi_kernel(permintaan, tulis, koneksi, induk)  # tidak pernah kembali
        os.close(tulis)
        jadi = os.read(baca, 1)  # anak sudah di sesinya sendiri: pgid = pid berlaku
        os.close(baca)
        jawaban = {"pid": pid} if jadi else {"galat": "kernel berhenti saat dinyalakan"}
        try:
            koneksi.sendall(json.dumps(jawaban).encode() + b"\n")
        except OSError:  # peminta sudah pergi: kernel ini tidak akan dipakai siapa pun
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            raise


def _kubur() -> None:
    """Tunggu kernel yang sudah berhenti (tanpa menahan): tidak tersisa zombi, dan waktu CPU
    kernel ikut terhitung pada zigot, lalu pada induk batch (``getrusage`` anak)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def utama_zigot(fd_server: int, folder: str) -> None:
    """Putaran zigot pada soket ``fd_server`` yang sudah mendengarkan (dari :class:`Zigot`):
    impor kernel dan kit sekali, lalu belah diri untuk setiap permintaan sampai stdin tertutup;
    lalu hapus ``folder`` soketnya (juga bila induknya mati tanpa sempat menghapus)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # induk yang memutuskan
    server = socket.socket(fileno=fd_server)
    # Seperti ipykernel_launcher: folder kerja tidak ikut sys.path selama memuat pustaka (berkas
    # pandas.py milik pengguna di sana tidak menggantikan pandas); IPython menambahkannya
    # kembali di kernel.
    if sys.path and (sys.path[0] == "" or Path(sys.path[0]) == Path.cwd()):
        del sys.path[0]
    # Seperti ipykernel: backend inline sebelum matplotlib diimpor (dibaca saat impor).
    os.environ.setdefault("MPLBACKEND", _BACKEND_INLINE)
    importlib.import_module("ipykernel.kernelapp")
    for modul in MODUL_KERNEL:
        importlib.import_module(modul)
    gc.collect()
    gc.freeze()  # objek pustaka tidak ditelusuri lagi di kernel (dan halamannya tetap dibagi)
    while True:
        siap, _, _ = select.select([server, 0], [], [], 0.5)
        _kubur()
        if 0 in siap and not os.read(0, 4096):  # induk menutup stdin: selesai
            shutil.rmtree(folder, ignore_errors=True)
            return
        if server in siap:
            koneksi, _ = server.accept()
            try:
                _layani(koneksi, server)
            except OSError:  # pekerja menutup sambungan sebelum dijawab: layani yang lain
                continue


if __name__ == "__main__":
    utama_zigot(int(sys.argv[1]), sys.argv[2])
