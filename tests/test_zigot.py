"""Zigot kernel (:mod:`asn_analitik.laporan.zigot`): kernel pekerja laporan dibelah dari satu
proses yang sudah memuat kernel dan kit, dikendalikan jupyter_client seperti kernel biasa, tidak
pernah tertinggal, dan jatuh kembali ke kernel biasa bila zigot tidak bisa."""

from __future__ import annotations

import json
import os
import select
import signal
import sys
import time

import psutil
import pytest

from asn_analitik.laporan.zigot import Zigot, _minta_kernel, provisioner_zigot, zigot_tersedia

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="zigot hanya Linux")

_PERIKSA = (
    "import json, os, sys\n"
    "print(json.dumps({'ppid': os.getppid(), 'sid': os.getsid(0), 'pid': os.getpid(),\n"
    "    'kit': 'asn_analitik.laporan.grafik' in sys.modules, 'pandas': 'pandas' in sys.modules,\n"
    "    'backend': __import__('matplotlib').get_backend()}))"
)


def _jalankan(kc, kode: str, batas: float = 60) -> tuple[dict, str]:
    keluaran = []

    def kait(pesan):
        if pesan["msg_type"] == "stream":
            keluaran.append(pesan["content"]["text"])

    balasan = kc.execute_interactive(kode, timeout=batas, output_hook=kait)
    return balasan["content"], "".join(keluaran)


def _kernel(alamat: str):
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name="python3")
    km.provisioner = provisioner_zigot(km, alamat)
    km.start_kernel(extra_arguments=["--HistoryManager.enabled=False"])
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


def _anak(pid: int) -> list[psutil.Process]:
    return [p for p in psutil.Process(pid).children() if p.status() != psutil.STATUS_ZOMBIE]


@pytest.fixture
def zigot():
    z = Zigot()
    yield z
    z.tutup()


def test_kernel_dibelah_dari_zigot_sudah_memuat_kit_dan_bisa_dihentikan(zigot):
    km, kc = _kernel(zigot.alamat)
    try:
        balasan, teks = _jalankan(kc, _PERIKSA)
        assert balasan["status"] == "ok", balasan
        isi = json.loads(teks)
        assert isi["ppid"] == zigot.proses.pid  # anak zigot, bukan proses baru dari tes ini
        assert isi["kit"] and isi["pandas"]  # sudah dimuat sebelum sel pertama
        assert isi["sid"] == isi["pid"] == km.provisioner.pid  # sesi dan grup sinyal sendiri
        assert "inline" in isi["backend"]  # backend yang sama dengan kernel biasa
        # ... dan integrasinya aktif: figur pyplot tampil sebagai PNG di akhir sel.
        tampil = []
        kc.execute_interactive(
            "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nNone", timeout=60,
            output_hook=lambda m: tampil.append(m["content"].get("data", {})),
        )  # fmt: skip
        assert any("image/png" in d for d in tampil)

        # Interupsi (batas waktu sel nbclient memakainya) sampai ke kernel belahan.
        kc.execute("import time\ntime.sleep(60)")
        time.sleep(0.5)
        awal = time.monotonic()
        km.interrupt_kernel()
        balasan = kc.get_shell_msg(timeout=20)["content"]
        assert balasan["status"] == "error" and balasan["ename"] == "KeyboardInterrupt"
        assert time.monotonic() - awal < 10
        assert km.is_alive()
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert not km.is_alive()
    assert not psutil.pid_exists(isi["pid"]) or psutil.Process(isi["pid"]).status() == "zombie"
    akhir = time.monotonic() + 5  # zigot mengubur anaknya: tidak ada zombi yang tersisa
    while psutil.Process(zigot.proses.pid).children() and time.monotonic() < akhir:
        time.sleep(0.1)
    assert not psutil.Process(zigot.proses.pid).children()


def test_dua_kernel_dari_satu_zigot_terpisah(zigot):
    (km1, kc1), (km2, kc2) = _kernel(zigot.alamat), _kernel(zigot.alamat)
    try:
        assert _jalankan(kc1, "rahasia_opd = 'Dinas A'")[0]["status"] == "ok"
        balasan, _ = _jalankan(kc2, "rahasia_opd")
        assert balasan["status"] == "error" and balasan["ename"] == "NameError"
        assert {p.pid for p in _anak(zigot.proses.pid)} == {km1.provisioner.pid,
                                                            km2.provisioner.pid}  # fmt: skip
    finally:
        for km, kc in ((km1, kc1), (km2, kc2)):
            kc.stop_channels()
            km.shutdown_kernel(now=True)


def test_kernel_berhenti_sendiri_bila_zigot_mati(zigot):
    km, kc = _kernel(zigot.alamat)
    pid = km.provisioner.pid
    kc.stop_channels()
    zigot.proses.kill()  # mis. batch dibunuh: kernel tidak boleh tertinggal
    zigot.proses.wait()
    _, hidup = psutil.wait_procs([psutil.Process(pid)], timeout=10)
    assert not hidup
    assert km.provisioner.process.poll() is not None
    km.cleanup_resources()


def test_tanpa_zigot_kernel_dinyalakan_biasa(tmp_path):
    km, kc = _kernel(str(tmp_path / "tidak-ada"))
    try:
        balasan, teks = _jalankan(kc, _PERIKSA)
        assert balasan["status"] == "ok"
        assert json.loads(teks)["ppid"] == os.getpid()  # Popen biasa dari proses ini
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_kernel_berhenti_bila_pekerjanya_mati(zigot):
    """Kernel biasa berhenti bila induknya (pekerja) mati; kernel belahan berhenti bila
    sambungan pekerjanya tertutup, yang terjadi saat pekerja itu mati."""
    km, kc = _kernel(zigot.alamat)
    kc.stop_channels()
    kernel = psutil.Process(km.provisioner.pid)
    km.provisioner.process._sambungan.close()  # seperti pekerja yang dibunuh
    kernel.wait(timeout=10)
    assert km.provisioner.process.poll() is not None
    km.cleanup_resources()


def test_zigot_menolak_perintah_lain_dan_tetap_melayani(zigot, tmp_path):
    import socket

    assert _minta_kernel(zigot.alamat, ["/bin/sh", "-c", "true"], None, None) is None
    assert _minta_kernel(zigot.alamat, [sys.executable, "-c", "0"], None, None) is None
    # Python lain (tautan ke berkas yang sama pun) atau PYTHON* lain: tidak bisa dibelah.
    tautan = tmp_path / "python"
    tautan.symlink_to(sys.executable)
    argv = [str(tautan), "-m", "ipykernel_launcher", "-f", "x.json"]
    assert _minta_kernel(zigot.alamat, argv, None, None) is None
    argv[0] = sys.executable
    assert _minta_kernel(zigot.alamat, argv, {**os.environ, "PYTHONHASHSEED": "7"}, None) is None
    # Permintaan rusak dan peminta yang diam tidak menjatuhkan atau menahan zigot.
    for isi in (b"[1, 2]\n", b"bukan json\n"):
        with socket.socket(socket.AF_UNIX) as s:
            s.connect(zigot.alamat)
            s.sendall(isi)
            assert b"galat" in s.makefile("rb").readline()
    diam = socket.socket(socket.AF_UNIX)
    diam.connect(zigot.alamat)
    km, kc = _kernel(zigot.alamat)  # permintaan yang sah sesudahnya tetap dilayani
    try:
        assert json.loads(_jalankan(kc, _PERIKSA)[1])["ppid"] == zigot.proses.pid
    finally:
        diam.close()
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_zigot_berhenti_saat_stdin_ditutup_dan_membersihkan_soketnya():
    z = Zigot()
    z.proses.stdin.close()  # seperti induk yang selesai; tanpa Zigot.tutup yang ikut menghapus
    assert z.proses.wait(timeout=60) == 0
    assert not os.path.exists(os.path.dirname(z.alamat))
    z.tutup()


def test_saklar_lingkungan(monkeypatch):
    monkeypatch.setenv("ASN_ANALITIK_ZIGOT", "0")
    assert not zigot_tersedia()
    monkeypatch.delenv("ASN_ANALITIK_ZIGOT")
    assert zigot_tersedia()


def test_sigterm_pada_kernel_belahan(zigot):
    km, kc = _kernel(zigot.alamat)
    kc.stop_channels()
    km.provisioner.process.send_signal(signal.SIGTERM)
    km.provisioner.process.wait(timeout=10)
    assert not km.is_alive()
    km.cleanup_resources()


def test_pekerja_meminta_kernel_baru_dari_zigot_bila_kernelnya_mati(tmp_path):
    """Kernel yang mati di tengah batch (mis. kehabisan memori) diganti kernel belahan baru;
    OPD berikutnya tetap dibuat."""
    import nbformat
    from conftest import tugas_kecil

    from asn_analitik.laporan.kumpulan import KumpulanPekerja

    tugas = tugas_kecil(tmp_path, "import os\nprint(x, os.getppid())")

    def kernel() -> list[psutil.Process]:
        return [p for p in _anak(pool._zigot.proses.pid) if p.name() == "asn-kernel"]

    pool = KumpulanPekerja(1)
    try:
        assert pool._zigot is not None
        assert pool.jalankan([tugas("a")])["a"].status == "selesai"
        (lama,) = kernel()
        lama.kill()
        lama.wait(timeout=10)
        assert pool.jalankan([tugas("b")])["b"].status == "selesai"
        (baru,) = kernel()
        assert baru.pid != lama.pid
    finally:
        pool.tutup()
    keluaran = nbformat.read(tmp_path / "b.ipynb", as_version=4).cells[-1].outputs[0]["text"]
    assert keluaran.split() == ["b", str(pool._zigot.proses.pid)]
    assert pool._zigot.proses.returncode == 0
    assert pool._pekerja[0].proses.poll() is not None  # pekerja keluar, kernelnya ikut mati
    assert not psutil.pid_exists(baru.pid) or baru.status() == psutil.STATUS_ZOMBIE


def test_zigot_menghapus_soketnya_sendiri_bila_induk_mati(tmp_path):
    """Induk batch yang dibunuh tidak sempat menutup zigot: zigot berhenti karena stdin-nya
    tertutup dan menghapus folder soketnya sendiri."""
    import subprocess

    kode = (
        "import sys, time\nfrom asn_analitik.laporan.zigot import Zigot\n"
        "z = Zigot()\nprint(z.alamat, z.proses.pid, flush=True)\ntime.sleep(60)"
    )
    induk = subprocess.Popen([sys.executable, "-c", kode], stdout=subprocess.PIPE, text=True)
    alamat, pid = induk.stdout.readline().split()
    zigot = psutil.Process(int(pid))
    induk.kill()
    induk.wait()
    zigot.wait(timeout=30)
    assert not os.path.exists(os.path.dirname(alamat))


@pytest.mark.parametrize("zigot", ["1", "0"])
def test_kernel_mati_di_tengah_sel_tidak_menggantung_pekerja(tmp_path, monkeypatch, zigot):
    """Kernel yang dibunuh di tengah sel (mis. kehabisan memori): laporannya gagal dalam
    beberapa detik dengan pesan yang jelas (bukan menunggu selamanya), OPD berikutnya dibuat
    dengan kernel baru. Dengan dan tanpa zigot."""
    from conftest import tugas_kecil

    from asn_analitik.laporan.kumpulan import KumpulanPekerja

    monkeypatch.setenv("ASN_ANALITIK_ZIGOT", zigot)
    mulai = tmp_path / "mulai"
    tugas = tugas_kecil(tmp_path, (
        f"import os, time, pathlib\nif x == 'a':\n    p = pathlib.Path({str(mulai)!r})\n"
        "    p.with_suffix('.tmp').write_text(str(os.getpid()))\n"
        "    os.replace(p.with_suffix('.tmp'), p)\n    time.sleep(600)\nprint(x)"))  # fmt: skip

    pool = KumpulanPekerja(1)
    try:
        assert (pool._zigot is not None) == (zigot == "1")
        import threading

        def bunuh():  # kernel tetap dibunuh (paling lambat 60 detik), agar uji tidak menggantung
            akhir = time.monotonic() + 60
            while not mulai.exists() and time.monotonic() < akhir:
                time.sleep(0.1)
            time.sleep(0.3)
            if mulai.exists():
                os.kill(int(mulai.read_text()), signal.SIGKILL)

        pembunuh = threading.Thread(target=bunuh)
        pembunuh.start()
        awal = time.monotonic()
        status = pool.jalankan([tugas("a")])["a"]
        pembunuh.join()
        assert status.status == "gagal"
        assert "kernel Jupyter berhenti mendadak" in status.pesan
        assert time.monotonic() - awal < 30
        assert not (tmp_path / "a.html").exists()
        assert pool.jalankan([tugas("b")])["b"].status == "selesai"
    finally:
        pool.tutup()
    assert (tmp_path / "b.html").is_file()


def _pekerja_anak_induk() -> list[psutil.Process]:
    return [p for p in psutil.Process().children()
            if "asn_analitik.laporan.pekerja" in " ".join(p.cmdline())]  # fmt: skip


def test_pekerja_lain_dibelah_dari_pekerja_pertama(tmp_path):
    """Di Linux hanya pekerja pertama yang dinyalakan induk; dua lainnya dibelahnya sesudah
    impor (anaknya, bukan anak induk), masing-masing dengan kanal dan kernel sendiri, semuanya
    mengerjakan laporan, dan semuanya sudah berhenti dan dituai saat :meth:`tutup` kembali."""
    from conftest import tugas_kecil

    from asn_analitik.laporan.kumpulan import KumpulanPekerja

    tugas = tugas_kecil(tmp_path, (
        "import os, pathlib, time\ntime.sleep(0.5)\n"
        f"pathlib.Path({str(tmp_path)!r}, x + '.pid').write_text(str(os.getpid()))"))  # fmt: skip
    pool = KumpulanPekerja(3)
    try:
        pertama, *saudara = pool._pekerja
        assert len(saudara) == 2 and _pekerja_anak_induk() == [psutil.Process(pertama.proses.pid)]
        assert all(p.tunggu_siap() for p in pool._pekerja)  # semua siap sebelum antrean habis
        status = pool.jalankan([tugas(n) for n in "abcdef"])
        assert {s.status for s in status.values()} == {"selesai"}
        assert all(p.siap for p in pool._pekerja)
        pid = [p.proses.pid for p in saudara]
        assert len({pertama.proses.pid, *pid}) == 3
        assert [psutil.Process(p).ppid() for p in pid] == [pertama.proses.pid] * 2
        kernel = {(tmp_path / f"{n}.pid").read_text() for n in "abcdef"}
        assert len(kernel) == 3, kernel  # tiga kernel: setiap pekerja mengerjakan laporan
    finally:
        pool.tutup()
    assert pertama.proses.returncode == 0
    for p in pid:
        assert not psutil.pid_exists(p)


def test_pekerja_belahan_yang_mati_hanya_menggagalkan_laporannya(tmp_path):
    """Pekerja belahan yang dibunuh di tengah laporan (mis. kehabisan memori): kanalnya tertutup
    (induk mencatat laporannya gagal), pekerja pertama tetap bekerja, dan ``tutup`` tidak
    menunggu pekerja yang sudah mati (zombi pekerja pertama dianggap selesai)."""
    import threading

    from conftest import tugas_kecil

    from asn_analitik.laporan.kumpulan import KumpulanPekerja

    mulai = tmp_path / "mulai"
    tugas = tugas_kecil(tmp_path, (
        f"import pathlib, time\nif x == 'a':\n    pathlib.Path({str(mulai)!r}).touch()\n"
        "    time.sleep(600)\nelse:\n    time.sleep(0.3)"))  # fmt: skip
    pool = KumpulanPekerja(2)
    pertama, kedua = pool._pekerja
    assert all(p.tunggu_siap() for p in pool._pekerja)
    pid_kedua = kedua.proses.pid

    def bunuh():
        akhir = time.monotonic() + 60
        while not mulai.exists() and time.monotonic() < akhir:
            time.sleep(0.05)
        os.kill(pid_kedua, signal.SIGKILL)

    # 'a' lebih dulu ke pekerja kedua: pekerja pertama sedang sibuk dengan 'b'.
    pembunuh = threading.Thread(target=bunuh)
    try:
        pertama.proses.stdin.write(tugas("b").sebagai_json() + "\n")
        pertama.proses.stdin.flush()
        pembunuh.start()
        awal = time.monotonic()
        kedua.proses.stdin.write(tugas("a").sebagai_json() + "\n")
        kedua.proses.stdin.flush()
        assert select.select([kedua.proses.stdout], [], [], 60)[0], "kanal tidak tertutup"
        assert kedua.baca() is None  # mati: kanalnya tertutup
        assert pertama.baca()["status"] == "selesai"
        pembunuh.join()
        assert time.monotonic() - awal < 30
        # Tugas berikutnya: yang jatuh ke pekerja mati gagal dengan pesan jelas, tanpa menunggu.
        status = pool.jalankan([tugas("c"), tugas("d")])
        assert "selesai" in {s.status for s in status.values()}
        for s in status.values():
            assert s.status == "selesai" or "berhenti mendadak" in s.pesan, s
    finally:
        awal = time.monotonic()
        pool.tutup()
    assert time.monotonic() - awal < 15
    assert not psutil.pid_exists(pid_kedua)
    assert kedua.proses.pid is None  # tidak lagi dianggap, walau PID-nya kelak dipakai lagi


def test_hentikan_menghentikan_pekerja_belahan_dan_kernelnya(tmp_path):
    """:meth:`hentikan` (Ctrl+C pada batch) menghentikan pekerja pertama, pekerja belahannya dan
    kernel keduanya yang sedang menjalankan sel panjang, dalam beberapa detik."""
    import threading

    from conftest import tugas_kecil

    from asn_analitik.laporan.kumpulan import KumpulanPekerja

    tugas = tugas_kecil(tmp_path, (
        f"import os, pathlib, time\npathlib.Path({str(tmp_path)!r}, x).write_text("
        "str(os.getpid()))\ntime.sleep(600)"))  # fmt: skip
    pool = KumpulanPekerja(2)
    utas = threading.Thread(target=pool.jalankan, args=([tugas("a"), tugas("b")],), daemon=True)
    utas.start()
    akhir = time.monotonic() + 60
    while not all((tmp_path / n).exists() for n in "ab") and time.monotonic() < akhir:
        time.sleep(0.05)
    kernel = [int((tmp_path / n).read_text()) for n in "ab"]
    semua = [*(p.proses.pid for p in pool._pekerja), *kernel]
    awal = time.monotonic()
    pool.hentikan()
    assert time.monotonic() - awal < 15
    for pid in semua:
        assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE


def test_pekerja_yang_gagal_membelah_memberi_tahu_induk(monkeypatch):
    """Bila ``fork`` gagal (mis. batas proses), saudara yang tidak jadi lahir mengirim pesan
    "tidak siap" lewat kanalnya, jadi induk tidak menunggu; ujung pipa ditutup."""
    from asn_analitik.laporan import pekerja

    pipa_anak, ujung_induk = [], []
    for _ in range(2):
        baca_tugas, tulis_tugas = os.pipe()
        baca_hasil, tulis_hasil = os.pipe()
        pipa_anak.append((baca_tugas, tulis_hasil))
        ujung_induk.append((tulis_tugas, baca_hasil))
    monkeypatch.setenv(pekerja.ENV_SAUDARA, ";".join(f"{b},{t}" for b, t in pipa_anak))
    assert pekerja._pipa_saudara() == pipa_anak
    assert pekerja.ENV_SAUDARA not in os.environ

    def gagal():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", gagal)
    kanal = open(os.devnull, "w", encoding="utf-8")
    assert pekerja._belah_saudara(kanal, pipa_anak) == (kanal, [])
    kanal.close()
    for tulis, baca in ujung_induk:
        with os.fdopen(baca, encoding="utf-8") as f:
            isi = json.loads(f.readline())
            assert f.readline() == ""  # ujung tulis saudara sudah ditutup
        assert isi["siap"] is False and "BlockingIOError" in isi["pesan"]
        os.close(tulis)
    for b, t in pipa_anak:
        for fd in (b, t):
            with pytest.raises(OSError):
                os.fstat(fd)


def test_saudara_yang_pid_nya_sudah_dipakai_proses_lain_tidak_dicatat():
    """PID dari pesan siap hanya dicatat bila waktu mulai prosesnya sama dengan yang dilaporkan
    saudara itu; PID yang sudah berpindah ke proses lain tidak ditunggu atau dihentikan."""
    from asn_analitik.laporan.kumpulan import _ProsesSaudara

    diri = psutil.Process()
    for mulai, dicatat in ((diri.create_time(), True), (diri.create_time() - 60, False)):
        tulis, baca = os.pipe()
        saudara = _ProsesSaudara(tulis, baca)
        saudara.catat_pid(diri.pid, mulai)
        assert (saudara.pid == diri.pid) is dicatat
        saudara.stdin.close()
        saudara.stdout.close()


def test_hentikan_menutup_saudara_yang_pekerja_pertamanya_sudah_mati():
    """Pekerja pertama mati (mis. kehabisan memori) sebelum pesan siap saudaranya dibaca:
    saudara itu tidak lagi ditemukan sebagai anaknya, tetapi :meth:`hentikan` menutup stdin-nya
    sehingga ia berhenti sendiri (bersama kernelnya), tidak tertinggal."""
    from asn_analitik.laporan.kumpulan import KumpulanPekerja

    pool = KumpulanPekerja(2)
    pertama, kedua = pool._pekerja
    induk = psutil.Process(pertama.proses.pid)
    akhir = time.monotonic() + 60
    while not induk.children() and time.monotonic() < akhir:
        time.sleep(0.02)
    (saudara,) = [p for p in induk.children() if "pekerja" in " ".join(p.cmdline())]
    induk.kill()
    pertama.proses.wait(timeout=10)
    pool.hentikan()
    try:
        saudara.wait(timeout=60)
    except psutil.TimeoutExpired:
        assert saudara.status() == psutil.STATUS_ZOMBIE
    assert kedua.proses.pid is None
