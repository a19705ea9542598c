"""Zigot laporan: satu proses yang memuat kernel Jupyter, papermill dan kit sekali, lalu membelah
diri (``os.fork``) untuk setiap pekerja laporan dan setiap kernel yang diminta pekerja.

Tanpa zigot setiap pekerja adalah Python baru yang mengimpor papermill dan nbconvert (± 0,7
detik CPU), dan menyalakan kernelnya sendiri: Python baru lagi yang mengimpor ipykernel, pandas,
matplotlib dan kit (± 1,3 detik CPU). Di mesin dua inti yang sibuk itu terasa langsung pada lama
batch. Dengan zigot impor itu dibayar sekali per batch; anak hasil belahan sudah memuat
semuanya (halaman memori dibagi sampai ditulis), sehingga setiap kernel hanya membayar start
ipykernel-nya. Isolasi antar-OPD tidak berubah: setiap kernel tetap proses sendiri, dan ruang
namanya dikosongkan sebelum setiap OPD seperti biasa (:mod:`.pekerja`).

Hanya di Linux: ``fork`` tanpa ``exec`` tidak tersedia di Windows dan tidak aman di macOS. Di
sana, bila ``ASN_ANALITIK_ZIGOT=0``, atau bila zigot tidak menjawab, pekerja dan kernel
dinyalakan seperti biasa (:class:`ProvisionerZigot` jatuh kembali ke ``LocalProvisioner``).

Protokol: zigot mendengarkan soket Unix di folder sementara yang hanya bisa dibuka pemiliknya
(dibuka induk sebelum zigot dinyalakan, lalu diwariskan). Peminta mengirim satu baris JSON:
``{"jenis": "kernel", "argv": [...], "env": {...}, "cwd": ...}`` (perintah kernel dari
jupyter_client), atau ``{"jenis": "pekerja", "env": {...}}`` beserta dua pipa (stdin dan stdout
pekerja, lewat ``SCM_RIGHTS``); jawabannya ``{"pid": n}`` atau ``{"galat": "..."}``. Zigot
berhenti saat stdin-nya tertutup (induk selesai atau mati); kernel yang masih hidup lalu
berhenti sendiri dalam satu detik, karena ipykernel memantau induknya. Di daftar proses anak
hasil belahan tampil dengan baris perintah zigot (``-m asn_analitik.laporan.zigot``) dan nama
``asn-kernel`` atau ``asn-pekerja``.
"""

from __future__ import annotations

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
#: Modul pekerja laporan (papermill, nbconvert): diimpor zigot juga, agar pekerja pun dibelah.
MODUL_PEKERJA = ("nbformat", "papermill", "jupyter_client.manager", "asn_analitik.laporan.pekerja")
#: Nama proses anak hasil belahan (baris perintahnya tetap baris perintah zigot).
NAMA_KERNEL, NAMA_PEKERJA = "asn-kernel", "asn-pekerja"
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

    def pekerja(self) -> ProsesZigot | None:
        """Proses pekerja laporan yang dibelah zigot (``stdin``/``stdout`` teks seperti
        ``Popen(text=True)``); ``None`` bila zigot tidak bisa (pemanggil menyalakannya biasa)."""
        masuk_baca, masuk_tulis = os.pipe()  # tugas: induk -> pekerja
        keluar_baca, keluar_tulis = os.pipe()  # hasil: pekerja -> induk
        try:
            pid = _minta(self.alamat, {"jenis": "pekerja", "env": self.env()},
                         (masuk_baca, keluar_tulis))  # fmt: skip
        finally:
            os.close(masuk_baca)
            os.close(keluar_tulis)
        if pid is None:
            os.close(masuk_tulis)
            os.close(keluar_baca)
            return None
        proses = ProsesZigot(pid)
        proses.stdin = open(masuk_tulis, "w", encoding="utf-8", buffering=1)
        proses.stdout = open(keluar_baca, encoding="utf-8")
        return proses

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

    def __init__(self, pid: int):
        import psutil

        self.pid = pid
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
                hidup = self._proses.is_running() and self._proses.status() != "zombie"
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


def _minta(alamat: str, permintaan: dict, fd: tuple[int, ...] = ()) -> int | None:
    """Kirim satu permintaan (dan ``fd`` yang diwariskan ke anaknya) ke zigot di ``alamat``;
    PID anak yang dibelah, atau ``None`` bila zigot tidak bisa."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(_BATAS_JAWAB_DETIK)  # zigot mungkin masih mengimpor
            s.connect(alamat)
            socket.send_fds(s, [json.dumps(permintaan).encode() + b"\n"], list(fd))
            jawaban = s.makefile("rb").readline()
        return int(json.loads(jawaban)["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _minta_kernel(alamat: str, argv: list[str], env: dict | None, cwd) -> int | None:
    """PID kernel yang dibelah zigot di ``alamat``; ``None`` bila zigot tidak bisa."""
    permintaan = {"jenis": "kernel", "argv": argv, "env": dict(env or os.environ),
                  "cwd": str(cwd or "")}  # fmt: skip
    return _minta(alamat, permintaan)


def provisioner_zigot(km, alamat: str):
    """Provisioner kernel untuk manajer ``km`` yang meminta kernelnya dari zigot di ``alamat``
    (jatuh kembali ke cara biasa bila zigot tidak menjawab). Dipasang sebagai
    ``km.provisioner`` sebelum ``km.start_kernel``."""
    import uuid

    from jupyter_client.provisioning import LocalProvisioner

    class ProvisionerZigot(LocalProvisioner):
        async def launch_kernel(self, cmd, **kwargs):
            pid = _minta_kernel(alamat, cmd, kwargs.get("env"), kwargs.get("cwd"))
            if pid is None:
                return await super().launch_kernel(cmd, **kwargs)
            self.process = ProsesZigot(pid)
            self.pid = self.pgid = pid  # kernel memulai sesi sendiri (os.setsid)
            self.cwd = kwargs.get("cwd") or Path.cwd()
            return self.connection_info

    km.kernel_id = km.kernel_id or str(uuid.uuid4())
    return ProvisionerZigot(kernel_id=km.kernel_id, kernel_spec=km.kernel_spec, parent=km)


# --- proses zigot ----------------------------------------------------------------------------


def _beri_nama(nama: str) -> None:
    """Nama proses (``top``, ``ps -o comm``, ``psutil.Process.name``): anak hasil belahan tetap
    membawa baris perintah zigot, jadi namanya yang membedakan kernel dari pekerja."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(15, nama.encode(), 0, 0, 0)  # PR_SET_NAME
    except (OSError, AttributeError):
        pass


def _jadi_kernel(permintaan: dict, siap: int) -> None:
    """Di anak hasil belahan: jadilah kernel seperti ``python -m ipykernel_launcher ...``."""
    kode = 1
    try:
        os.setsid()  # seperti Popen(start_new_session=True) jupyter_client: grup sinyal sendiri
        _beri_nama(NAMA_KERNEL)
        os.write(siap, b"1")
        os.close(siap)
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


def _jadi_pekerja(permintaan: dict, fd: list[int], siap: int) -> None:
    """Di anak hasil belahan: jadilah pekerja laporan seperti ``python -m
    asn_analitik.laporan.pekerja`` dengan stdin/stdout pipa dari induk batch."""
    kode = 1
    try:
        os.setsid()  # seperti Popen(start_new_session=True) di kumpulan: Ctrl+C hanya ke induk
        _beri_nama(NAMA_PEKERJA)
        os.write(siap, b"1")
        os.close(siap)
        os.dup2(fd[0], 0)
        os.dup2(fd[1], 1)
        for f in fd:
            os.close(f)
        for nomor in (signal.SIGINT, signal.SIGTERM):
            signal.signal(nomor, signal.SIG_DFL)
        os.environ.clear()
        os.environ.update(permintaan["env"])
        sys.stdin = open(0, encoding="utf-8", closefd=False)
        from .pekerja import utama_pekerja

        utama_pekerja()
        kode = 0
    except SystemExit as keluar:
        kode = keluar.code if isinstance(keluar.code, int) else 1
    except Exception:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(kode)


def _bisa_dibelah(argv: list[str]) -> bool:
    """Hanya kernel Python ini sendiri (``<python ini> -m ipykernel_launcher ...``)."""
    try:
        sama = os.path.samefile(argv[0], sys.executable)
    except (OSError, IndexError, TypeError):
        return False
    return sama and argv[1:3] == ["-m", "ipykernel_launcher"]


def _terima(koneksi: socket.socket) -> tuple[dict, list[int]]:
    """Satu baris JSON permintaan beserta fd yang menyertainya."""
    data, fd, _, _ = socket.recv_fds(koneksi, 1 << 16, 2)
    while data and not data.endswith(b"\n"):
        tambahan = koneksi.recv(1 << 16)
        if not tambahan:
            break
        data += tambahan
    return json.loads(data), fd


def _layani(koneksi: socket.socket, server: socket.socket) -> None:
    with koneksi:
        fd: list[int] = []
        try:
            permintaan, fd = _terima(koneksi)
            jenis = permintaan.get("jenis", "kernel")
            if jenis == "pekerja" and len(fd) != 2:
                raise ValueError("pekerja butuh dua pipa")
            if jenis == "kernel" and not _bisa_dibelah(permintaan.get("argv")):
                raise ValueError("bukan kernel Python ini")
            if jenis not in ("kernel", "pekerja"):
                raise ValueError(f"permintaan tidak dikenal: {jenis}")
        except ValueError as galat:
            for f in fd:
                os.close(f)
            koneksi.sendall(json.dumps({"galat": str(galat)}).encode() + b"\n")
            return
        baca, tulis = os.pipe()
        pid = os.fork()
        if pid == 0:
            server.close()
            koneksi.close()
            os.close(baca)
            if jenis == "pekerja":
                _jadi_pekerja(permintaan, fd, tulis)  # tidak pernah kembali
            _jadi_kernel(permintaan, tulis)  # tidak pernah kembali
        os.close(tulis)
        for f in fd:
            os.close(f)
        jadi = os.read(baca, 1)  # anak sudah di sesinya sendiri: pgid = pid berlaku
        os.close(baca)
        jawaban = {"pid": pid} if jadi else {"galat": f"{jenis} berhenti saat dinyalakan"}
        koneksi.sendall(json.dumps(jawaban).encode() + b"\n")


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
    for modul in (*MODUL_KERNEL, *MODUL_PEKERJA):
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
