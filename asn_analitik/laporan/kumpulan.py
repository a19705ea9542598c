"""Kumpulan proses pekerja laporan, dari sisi induk.

Pekerja dinyalakan sebagai ``python -m asn_analitik.laporan.pekerja`` (bukan
``multiprocessing``), sehingga skrip yang memanggil :func:`~.jalankan.jalankan_laporan` tidak
perlu ``if __name__ == "__main__":`` (modul utama skrip itu tidak diimpor ulang oleh pekerja).
Setiap pekerja berada di sesi proses sendiri, jadi Ctrl+C di terminal hanya sampai ke induk;
induklah yang menghentikan semua pekerja dan kernel Jupyter-nya (:meth:`KumpulanPekerja.hentikan`)
dalam beberapa detik. Di Linux kernel pekerja dibelah dari satu zigot milik kumpulan ini
(:mod:`.zigot`), sehingga impor kernel dan kit dibayar sekali per batch, bukan sekali per
pekerja.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable

from .indeks import StatusLaporan
from .pekerja import Tugas
from .zigot import Zigot, zigot_tersedia

__all__ = ["KumpulanPekerja"]

_PETUNJUK = (
    "Periksa bahwa kernel Jupyter 'python3' tersedia (python -m ipykernel install --user), "
    "lalu jalankan ulang dengan ASN_ANALITIK_DEBUG=1 untuk melihat galatnya."
)


class _Pekerja:
    def __init__(self, env: dict[str, str] | None = None):
        opsi = (
            {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
            if os.name == "nt"
            else {"start_new_session": True}
        )
        self.proses = subprocess.Popen(
            [sys.executable, "-m", "asn_analitik.laporan.pekerja"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
            env=env,
            **opsi,
        )
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
            if not self.siap:
                sebab = (isi or {}).get("pesan") or "pekerja berhenti saat dinyalakan"
                self.pesan = f"pekerja laporan tidak dapat dinyalakan ({sebab}). {_PETUNJUK}"
        return self.siap


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
        self._pekerja = [_Pekerja(env) for _ in range(max(1, jumlah))]

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
