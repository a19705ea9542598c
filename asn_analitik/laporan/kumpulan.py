"""Kumpulan proses pekerja laporan, dari sisi induk.

Pekerja dinyalakan sebagai ``python -m asn_analitik.laporan.pekerja`` (bukan
``multiprocessing``), sehingga skrip yang memanggil :func:`~.jalankan.jalankan_laporan` tidak
perlu ``if __name__ == "__main__":`` (modul utama skrip itu tidak diimpor ulang oleh pekerja).
Setiap pekerja berada di sesi proses sendiri, jadi Ctrl+C di terminal hanya sampai ke induk;
induklah yang menghentikan semua pekerja dan kernel Jupyter-nya (:meth:`KumpulanPekerja.hentikan`)
dalam beberapa detik. Di Linux kernel pekerja dibelah dari satu zigot milik kumpulan ini
(:mod:`.zigot`), sehingga impor kernel dan kit dibayar sekali per batch, bukan sekali per
pekerja; begitu juga pekerja: hanya yang pertama dinyalakan, dan ia membelah yang lain sesudah
mengimpor papermill dan nbconvert (:func:`.pekerja._belah_saudara`).
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable

from .indeks import StatusLaporan
from .pekerja import ENV_SAUDARA, Tugas
from .zigot import Zigot, zigot_tersedia

__all__ = ["KumpulanPekerja"]

_PETUNJUK = (
    "Periksa bahwa kernel Jupyter 'python3' tersedia (python -m ipykernel install --user), "
    "lalu jalankan ulang dengan ASN_ANALITIK_DEBUG=1 untuk melihat galatnya."
)


class _ProsesSaudara:
    """Pekerja yang dibelah pekerja pertama (:func:`.pekerja._belah_saudara`), dilihat induk
    seperti ``Popen``: pipa stdin/stdout, PID (dari pesan siapnya), ``wait``. Ia anak pekerja
    pertama, bukan anak induk; yang sudah berhenti tetapi belum dituai (zombi) dianggap
    selesai, dan PID yang sudah dipakai proses lain tidak lagi dianggapnya (waktu mulainya
    dicatat saat siap)."""

    def __init__(self, tulis: int, baca: int):
        self.stdin = os.fdopen(tulis, "w", encoding="utf-8", buffering=1)
        self.stdout = os.fdopen(baca, "r", encoding="utf-8")
        self._proses = None

    @property
    def pid(self) -> int | None:
        """PID saudara selagi ia masih proses yang sama; ``None`` sebelum siap atau sesudahnya."""
        if self._proses is None or not self._proses.is_running():
            return None
        return self._proses.pid

    def catat_pid(self, pid: int | None, mulai: float | None) -> None:
        """Catat saudara dari pesan siapnya; PID yang waktu mulainya lain (saudara itu sudah
        mati dan dituai, PID-nya dipakai proses lain sebelum pesannya dibaca) tidak dicatat."""
        import psutil

        if pid is None or mulai is None:
            return
        with contextlib.suppress(psutil.Error):
            proses = psutil.Process(pid)
            if abs(proses.create_time() - mulai) < 0.005:
                self._proses = proses

    def wait(self, timeout: float | None = None) -> int | None:
        import psutil

        batas = None if timeout is None else time.monotonic() + timeout
        try:
            while self.pid is not None and self._proses.status() != psutil.STATUS_ZOMBIE:
                if batas is not None and time.monotonic() >= batas:
                    raise subprocess.TimeoutExpired(f"pekerja {self._proses.pid}", timeout)
                time.sleep(0.01)
        except psutil.NoSuchProcess:
            pass
        return None


class _Pekerja:
    """Pandangan induk atas satu pekerja: prosesnya (``Popen`` atau :class:`_ProsesSaudara`)
    dan apakah ia siap."""

    def __init__(self, proses):
        self.proses = proses
        self.siap: bool | None = None
        self.pesan = ""

    def baca(self) -> dict | None:
        baris = self.proses.stdout.readline()
        if not baris:
            return None
        try:
            return json.loads(baris)
        except ValueError:
            return None

    def berhenti(self) -> None:
        """Tutup stdin: pekerja menyelesaikan putarannya dan mematikan kernelnya sendiri."""
        try:
            self.proses.stdin.close()
        except OSError:
            pass

    def tunggu_siap(self) -> bool:
        if self.siap is None:
            isi = self.baca()
            self.siap = bool(isi and isi.get("siap"))
            if isinstance(self.proses, _ProsesSaudara) and isi:
                self.proses.catat_pid(isi.get("pid"), isi.get("mulai"))
            if not self.siap:
                sebab = (isi or {}).get("pesan") or "pekerja berhenti saat dinyalakan"
                self.pesan = f"pekerja laporan tidak dapat dinyalakan ({sebab}). {_PETUNJUK}"
        return self.siap


def _nyalakan(env: dict[str, str] | None = None, saudara: int = 0) -> list[_Pekerja]:
    """Nyalakan satu proses pekerja; ``saudara``: jumlah pekerja lain yang dibelahnya sesudah
    impornya (hanya bila kernel juga dibelah dari zigot, yaitu di Linux). Mengembalikan pekerja
    itu lalu saudara-saudaranya."""
    opsi = (
        {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
        if os.name == "nt"
        else {"start_new_session": True}
    )
    pipa_anak, ujung_induk = [], []  # (baca tugas, tulis hasil) / (tulis tugas, baca hasil)
    for _ in range(saudara):
        baca_tugas, tulis_tugas = os.pipe()
        baca_hasil, tulis_hasil = os.pipe()
        pipa_anak.append((baca_tugas, tulis_hasil))
        ujung_induk.append((tulis_tugas, baca_hasil))
    if pipa_anak:
        env = dict(os.environ if env is None else env)
        env[ENV_SAUDARA] = ";".join(f"{b},{t}" for b, t in pipa_anak)
        opsi["pass_fds"] = [fd for pasangan in pipa_anak for fd in pasangan]
    try:
        proses = subprocess.Popen(
            [sys.executable, "-m", "asn_analitik.laporan.pekerja"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
            env=env,
            **opsi,
        )
    except BaseException:
        for fd in (fd for pasangan in ujung_induk for fd in pasangan):
            os.close(fd)
        raise
    finally:  # ujung saudara kini hanya dipegang pekerja ini (lalu saudaranya)
        for fd in (fd for pasangan in pipa_anak for fd in pasangan):
            os.close(fd)
    return [_Pekerja(proses), *(_Pekerja(_ProsesSaudara(t, b)) for t, b in ujung_induk)]


class KumpulanPekerja:
    """``jumlah`` pekerja yang langsung dinyalakan (kernel hangat disiapkan selagi induk masih
    menghitung hasil kabupaten)."""

    def __init__(self, jumlah: int):
        self._zigot = None
        if zigot_tersedia():
            try:
                self._zigot = Zigot()
            except OSError:  # mis. jalur TMPDIR terlalu panjang untuk soket: kernel biasa saja
                self._zigot = None
        env = self._zigot.env() if self._zigot else None
        jumlah = max(1, jumlah)
        if self._zigot:  # Linux: pekerja lain dibelah dari yang pertama sesudah impornya
            self._pekerja = _nyalakan(env, saudara=jumlah - 1)
        else:
            self._pekerja = [p for _ in range(jumlah) for p in _nyalakan(env)]

    def jalankan(
        self,
        tugas: list[Tugas],
        kemajuan: Callable[[StatusLaporan], None] | None = None,
        terakhir: bool = False,
    ) -> dict[str, StatusLaporan]:
        """Jalankan semua ``tugas``; status per slug. Satu tugas yang gagal (atau pekerja yang
        mati, mis. kehabisan memori) tidak menghentikan yang lain.

        ``terakhir``: tidak ada tugas lagi sesudah ini; pekerja yang kehabisan antrean langsung
        diberhentikan (kernelnya dimatikan selagi pekerja lain menyelesaikan tugas terakhirnya),
        bukan menunggu :meth:`tutup`."""
        if not tugas:
            return {}
        antre: queue.Queue[Tugas] = queue.Queue()
        for t in tugas:
            antre.put(t)
        hasil: queue.Queue[StatusLaporan | None] = queue.Queue()
        utas = [
            threading.Thread(target=self._layani, args=(p, antre, hasil, terakhir), daemon=True)
            for p in self._pekerja
        ]
        for u in utas:
            u.start()
        status: dict[str, StatusLaporan] = {}
        selesai_utas = 0
        while len(status) < len(tugas) and selesai_utas < len(utas):
            try:  # batas waktu: Ctrl+C dan SIGTERM tetap ditangani di utas utama
                s = hasil.get(timeout=0.5)
            except queue.Empty:
                continue
            if s is None:
                selesai_utas += 1
                continue
            status[s.slug] = s
            if kemajuan:
                kemajuan(s)
        pesan = next((p.pesan for p in self._pekerja if p.pesan), "pekerja laporan berhenti")
        for t in tugas:  # semua pekerja mati: tugas yang tersisa gagal
            if t.slug not in status:
                status[t.slug] = StatusLaporan(t.nama, t.slug, "gagal", pesan)
        return status

    @staticmethod
    def _layani(pekerja: _Pekerja, antre: queue.Queue, hasil: queue.Queue, terakhir: bool) -> None:
        try:
            if not pekerja.tunggu_siap():
                return
            while True:
                try:
                    t = antre.get_nowait()
                except queue.Empty:
                    if terakhir:
                        pekerja.berhenti()
                    return
                try:
                    pekerja.proses.stdin.write(t.sebagai_json() + "\n")
                    pekerja.proses.stdin.flush()
                    balasan = pekerja.baca()
                except OSError:
                    balasan = None
                if balasan is None:  # pekerja mati di tengah tugas
                    pekerja.pesan = "pekerja laporan berhenti mendadak (mis. kehabisan memori)"
                    pekerja.siap = False  # periode berikutnya tidak lagi memberinya tugas
                    hasil.put(StatusLaporan(t.nama, t.slug, "gagal", pekerja.pesan))
                    return
                hasil.put(
                    StatusLaporan(t.nama, t.slug, balasan["status"], balasan["pesan"],
                                  balasan["detik"])
                )  # fmt: skip
        finally:
            hasil.put(None)

    def _semua_pid(self) -> list[int]:
        """PID pekerja, zigot, dan semua turunannya (kernel Jupyter), dikumpulkan sebelum ada
        yang dihentikan: turunan yang induknya sudah mati tidak lagi bisa ditemukan."""
        import psutil

        pid = []
        induk = [p.proses for p in self._pekerja] + ([self._zigot.proses] if self._zigot else [])
        for p in induk:
            if p.pid is None:  # saudara yang belum siap: ditemukan sebagai anak pekerja pertama
                continue
            try:
                proses = psutil.Process(p.pid)
                pid += [proses.pid, *(c.pid for c in proses.children(recursive=True))]
            except psutil.NoSuchProcess:
                continue
        return pid

    def hentikan(self, tenggang: float = 3.0) -> None:
        """Hentikan semua pekerja dan kernelnya sekarang: SIGTERM, lalu SIGKILL bagi yang
        masih hidup setelah ``tenggang`` detik."""
        import psutil

        proses = []
        for pid in self._semua_pid():
            try:
                proses.append(psutil.Process(pid))
            except psutil.NoSuchProcess:
                continue
        for p in proses:
            try:
                p.terminate()
            except psutil.NoSuchProcess:
                continue
        _, hidup = psutil.wait_procs(proses, timeout=tenggang)
        for p in hidup:
            try:
                p.kill()
            except psutil.NoSuchProcess:
                continue
        psutil.wait_procs(hidup, timeout=tenggang)
        for p in self._pekerja:
            if isinstance(p.proses, _ProsesSaudara):
                # Saudara yang belum dikenal PID-nya dan pekerja pertamanya sudah mati (tidak
                # ditemukan di atas) berhenti sendiri begitu stdin-nya tertutup.
                p.berhenti()
            p.proses.wait(timeout=tenggang)
        if self._zigot:
            self._zigot.tutup(tenggang)

    def tutup(self) -> None:
        """Selesai: tutup stdin pekerja (mereka mematikan kernelnya sendiri), lalu pastikan
        tidak ada yang tertinggal."""
        for p in self._pekerja:
            p.berhenti()
        for p in self._pekerja:
            try:
                p.proses.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.hentikan()
                return
        if self._zigot:  # pekerja sudah mematikan kernelnya
            self._zigot.tutup()
