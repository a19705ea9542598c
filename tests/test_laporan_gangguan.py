"""``laporan`` di bawah gangguan dan sebagai pengguna memakainya (isu 9, bagian 3-5): sinyal
menghentikan semua pekerja dan kernel, jalannya ulang melanjutkan, ``--opd`` diperiksa sebelum
menghitung, OPD tanpa pegawai aktif tidak hilang, notebook berhenti bila parameternya tidak
cocok dengan hasilnya, dan batch bisa dijalankan dari skrip tanpa ``__main__``.

Proses sungguhan dijalankan dan diperiksa lewat PID-nya (psutil).
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import papermill as pm
import psutil
import pytest

from asn_analitik.cli import utama

AKAR = Path(__file__).resolve().parents[1]
NOTEBOOK = AKAR / "notebooks"


#: Lima OPD dari :func:`data_laporan` (enam tugas bersama ringkasan pimpinan): cukup agar sinyal
#: datang saat laporan masih berjalan, tanpa menunggu kedua belas laporan di jalannya ulang.
OPD_SINYAL = ("Dinas Kesehatan", "Dinas Pendidikan", "Dinas Perhubungan", "Dinas Pertanian",
              "Sekretariat Daerah")  # fmt: skip


def _perintah(data: Path, keluaran: Path, *lain: str) -> list[str]:
    return [sys.executable, "-m", "asn_analitik", "laporan", "--data", str(data), "--keluaran",
            str(keluaran), "--paralel", "2", "--opd", *OPD_SINYAL, *lain]  # fmt: skip


def _tunggu(syarat, batas: float = 120.0) -> None:
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        if syarat():
            return
        time.sleep(0.1)
    pytest.fail("keadaan yang ditunggu tidak tercapai")


def _keturunan(pid: int) -> list[psutil.Process]:
    return psutil.Process(pid).children(recursive=True)


def _kernel(proses: list[psutil.Process]) -> list[psutil.Process]:
    """Kernel Jupyter di antara ``proses``: dinyalakan biasa (``-m ipykernel_launcher``) atau
    dibelah dari zigot batch (bernama ``asn-kernel``)."""
    return [p for p in proses if "ipykernel" in " ".join(p.cmdline()) or p.name() == "asn-kernel"]


@pytest.mark.parametrize(("sinyal", "kode", "nama"), [(signal.SIGTERM, 143, "SIGTERM"),
                                                     (signal.SIGINT, 130, "Ctrl\\+C")])  # fmt: skip
def test_sinyal_menghentikan_semua_pekerja_dan_kernel_lalu_dilanjutkan(
    data_laporan, tmp_path, sinyal, kode, nama
):
    keluaran = tmp_path / "k"
    # SIGINT dipulihkan ke bawaan di proses anak: shell non-interaktif mengabaikan SIGINT pada
    # perintah latar belakang, dan pengabaian itu diwariskan (CI yang dijalankan dengan `&`).
    proses = subprocess.Popen(
        _perintah(data_laporan, keluaran), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    kerja = keluaran / ".asn-kerja-2026-S1" / "opd"
    # Tunggu sampai dua laporan selesai dan kernel Jupyter pekerja menyala.
    _tunggu(lambda: kerja.is_dir() and len(list(kerja.glob("*.html"))) >= 2)
    keturunan = _keturunan(proses.pid)
    assert _kernel(keturunan), "kernel tidak ditemukan"
    sebelum = time.monotonic()
    proses.send_signal(sinyal)
    out, err = proses.communicate(timeout=30)
    assert time.monotonic() - sebelum < 15
    assert proses.returncode == kode, err
    assert re.fullmatch(rf"asn-analitik: dihentikan \({nama}\);[^\n]*\n", err), err
    _, hidup = psutil.wait_procs(keturunan, timeout=5)
    assert not [p.pid for p in hidup if p.status() != psutil.STATUS_ZOMBIE]
    assert not (keluaran / "2026-S1").exists()  # set periode tidak pernah setengah jadi
    selesai = len(list(kerja.glob("*.html")))

    ulang = subprocess.run(_perintah(data_laporan, keluaran), capture_output=True, text=True,
                           timeout=300)  # fmt: skip
    assert ulang.returncode == 0, ulang.stderr
    mutakhir = int(re.search(r"(\d+) sudah mutakhir", ulang.stdout).group(1))
    assert mutakhir >= min(selesai, 2)
    assert (keluaran / "2026-S1" / "index.html").exists()
    assert not list(keluaran.glob(".asn-*"))


def test_batch_dari_skrip_tanpa_penjaga_main(data_laporan, tmp_path):
    """Pekerja tidak mengimpor ulang modul utama skrip: tanpa ``if __name__`` tetap jalan."""
    skrip = tmp_path / "buat_laporan.py"
    skrip.write_text(
        "from asn_analitik.laporan import jalankan_laporan\n"
        f"hasil = jalankan_laporan({str(data_laporan)!r}, {str(tmp_path / 'k')!r}, paralel=2,\n"
        "                          opd=['Dinas Kesehatan'])\n"
        "print('gagal', len(hasil.gagal), 'selesai',\n"
        "      sum(s.status == 'selesai' for ss in hasil.status.values() for s in ss))\n"
    )
    keluar = subprocess.run([sys.executable, str(skrip)], capture_output=True, text=True,
                            timeout=300, cwd=tmp_path)  # fmt: skip
    assert keluar.returncode == 0, keluar.stderr
    assert keluar.stdout.strip() == "gagal 0 selesai 2"  # OPD itu dan ringkasan pimpinan
    assert (tmp_path / "k" / "2026-S1" / "opd" / "dinas-kesehatan.html").exists()
    assert (tmp_path / "k" / "2026-S1" / "ringkasan_pimpinan.html").exists()


def test_opd_tidak_dikenal_dilaporkan_sebelum_menghitung(data_laporan, tmp_path, capsys,
                                                         monkeypatch):  # fmt: skip
    import asn_analitik.alur as alur

    monkeypatch.setattr(alur, "klaster_dan_tulis", lambda *a, **k: pytest.fail("menghitung"))
    kode = utama(["laporan", "--data", str(data_laporan), "--keluaran", str(tmp_path / "k"),
                  "--opd", "Dinas Tidak Ada"])  # fmt: skip
    err = capsys.readouterr().err
    assert kode == 2
    assert "OPD 'Dinas Tidak Ada' tidak ada" in err and "Dinas Kesehatan" in err


@pytest.fixture(scope="module")
def data_opd_sulit(tmp_path_factory) -> Path:
    """Data contoh 300 pegawai: semua pegawai Dinas Pertanian pensiun, dan Dinas Sosial ditulis
    dengan dua ejaan."""
    from asn_analitik.contoh import tulis_contoh

    folder = tmp_path_factory.mktemp("opd_sulit")
    tulis_contoh(folder, 300, seed=7)
    pegawai = pd.read_csv(folder / "pegawai.csv", dtype="str", keep_default_na=False)
    pegawai.loc[pegawai["opd"] == "Dinas Pertanian", "status"] = "pensiun"
    sosial = pegawai.index[pegawai["opd"] == "Dinas Sosial"]
    pegawai.loc[sosial[::2], "opd"] = "DINAS SOSIAL"  # separuh: seri dengan "Dinas Sosial"
    pegawai.to_csv(folder / "pegawai.csv", index=False)
    return folder


def test_laporan_opd_huruf_kecil_dua_ejaan_dan_opd_tanpa_pegawai_aktif(data_opd_sulit, tmp_path):
    keluaran = tmp_path / "k"
    kode = utama(["laporan", "--data", str(data_opd_sulit), "--keluaran", str(keluaran),
                  "--opd", "dinas sosial", "--paralel", "2"])  # fmt: skip
    assert kode == 0
    periode = keluaran / "2026-S1"
    laporan_opd = sorted(p.name for p in (periode / "opd").glob("*.html"))
    assert laporan_opd == ["dinas-sosial.html"]  # satu OPD, bukan dua
    indeks = (periode / "index.html").read_text(encoding="utf-8")
    baris = re.search(r"<tr[^>]*><td>Dinas Pertanian</td>.*?</tr>", indeks, re.S).group(0)
    assert "tidak ada pegawai aktif" in baris and "pensiun" in baris
    assert "DINAS SOSIAL" not in re.sub(r'<section class="perhatian">.*?</section>', "",
                                        indeks, flags=re.S)  # fmt: skip
    assert "2 ejaan" in indeks  # peringatan data di indeks
    html = (periode / "opd" / "dinas-sosial.html").read_text(encoding="utf-8")
    pegawai = pd.read_csv(data_opd_sulit / "pegawai.csv", dtype="str")
    nip_sosial = pegawai.loc[pegawai["opd"].str.casefold() == "dinas sosial", "nip"]
    aktif = pd.read_csv(periode / "skor_pegawai.csv", dtype="str")["nip"]
    assert all(n in html for n in nip_sosial[nip_sosial.isin(aktif)])


def test_notebook_opd_berhenti_bila_periode_hasil_lain(laporan_jadi, tmp_path):
    with pytest.raises(pm.PapermillExecutionError) as galat:
        pm.execute_notebook(
            str(NOTEBOOK / "02_laporan_opd.ipynb"), str(tmp_path / "o.ipynb"),
            parameters={"periode": "2025-S2", "opd": "Dinas Kesehatan",
                        "hasil": str(laporan_jadi / "hasil")},
            kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOK),
        )  # fmt: skip
    assert galat.value.ename == "ArgumenTidakValid"
    assert "dihitung untuk periode 2026-S1, bukan '2025-S2'" in galat.value.evalue


def test_notebook_opd_menerima_nama_huruf_kecil(laporan_jadi, tmp_path):
    hasil = pm.execute_notebook(
        str(NOTEBOOK / "02_laporan_opd.ipynb"), str(tmp_path / "o.ipynb"),
        parameters={"periode": "2026 s1", "opd": "dinas kesehatan",
                    "hasil": str(laporan_jadi / "hasil")},
        kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOK),
    )  # fmt: skip
    teks = str(hasil.cells)
    assert "Laporan Kinerja Dinas Kesehatan" in teks


@pytest.mark.parametrize(
    "parameter",
    [{}, {"periode": "2026 s1", "opd": "dinas kesehatan"}, {"data": "data/contoh"}],
)
def test_notebook_eksplorasi_dari_folder_proyek(tmp_path, parameter):
    """Dijalankan dari folder proyek (bukan notebooks/) dengan bawaannya, dan dengan OPD dan
    periode yang ditulis seperti di baris perintah."""
    hasil = pm.execute_notebook(
        str(NOTEBOOK / "01_eksplorasi.ipynb"), str(tmp_path / "o.ipynb"), parameters=parameter,
        kernel_name="python3", progress_bar=False, cwd=str(AKAR),
    )  # fmt: skip
    keluaran = "".join(
        o.get("text", "") for c in hasil.cells if c.cell_type == "code" for o in c.outputs
    )
    assert "pegawai-periode terpilih" in keluaran
    if parameter.get("opd"):
        assert re.search(r"\d+ pegawai-periode terpilih", keluaran)
        assert "terpilih dari 0" not in keluaran
