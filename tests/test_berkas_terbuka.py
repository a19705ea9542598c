"""Berkas keluaran lama yang sedang dibuka di Excel (Windows): mengganti atau memindahkannya
gagal dengan ``PermissionError`` (WinError 32). Perintah berhenti dengan kode 2 dan satu baris
yang menyuruh menutup berkas itu; set lama tetap utuh dan tidak ada berkas sementara tertinggal.

Windows disimulasikan: ``os.replace``/``os.rename`` menolak setiap penggantian nama yang
menyentuh berkas yang "terbuka", seperti Windows menolak berkas yang dikunci Excel.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pandas as pd
import pytest
from conftest import NIP_A, NIP_B

from asn_analitik.cli import utama
from asn_analitik.galat import KeluaranTidakLayak
from asn_analitik.keluaran import folder as modul_folder
from asn_analitik.keluaran import ganti_folder, tulis_tabel


def ind(nip=NIP_A, periode="2026-S1") -> dict:
    return {"nip": nip, "periode": periode, "indikator": "Laporan", "aspek": "kuantitas",
            "target": 10, "realisasi": 8}  # fmt: skip


@pytest.fixture
def data(buat_folder) -> Path:
    """Dua periode, agar set lama (2025-S2) dan set baru (semua periode) dapat dibedakan."""
    return buat_folder({"indikator": [ind(periode="2025-S2"), ind(), ind(NIP_B)]})


def isi_folder(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def tanpa_sisa(folder: Path) -> None:
    sisa = [str(p.relative_to(folder)) for p in folder.rglob(".*")]
    assert not sisa, f"berkas sementara tertinggal: {sisa}"


def kunci_seperti_excel(monkeypatch, *terbuka: Path) -> None:
    """Penggantian nama dari atau ke berkas ``terbuka`` gagal seperti di Windows."""
    terbuka_ = {str(p) for p in terbuka}
    asli = {"replace": os.replace, "rename": os.rename}

    def buat(nama):
        def palsu(asal, tujuan, *a, **k):
            if str(asal) in terbuka_ or str(tujuan) in terbuka_:
                raise PermissionError(
                    errno.EACCES,
                    "The process cannot access the file because it is being used by another "
                    "process",
                    str(asal),
                    32,
                    str(tujuan),
                )
            return asli[nama](asal, tujuan, *a, **k)

        return palsu

    for nama in asli:  # os.replace/os.rename dipanggil keluaran.atomik dan keluaran.folder
        monkeypatch.setattr(modul_folder.os, nama, buat(nama))


def pesan_tutup(err: str, nama: str) -> None:
    baris = err.strip()
    assert baris.count("\n") == 0, baris
    assert f"tutup berkas {nama}" in baris.lower()
    assert "di Excel lalu jalankan lagi" in baris
    assert "Traceback" not in baris and "tak terduga" not in baris


@pytest.mark.parametrize(
    ("sebelum", "perintah", "terbuka"),
    [
        (["skor", "--periode", "2025-S2"], ["skor"], "skor_pegawai.csv"),
        (["skor", "--periode", "2025-S2"], ["skor"], "manifest.json"),
        (["skor", "--format", "xlsx"], ["skor"], "skor_pegawai.xlsx"),  # set lama yang usang
        (["kalibrasi"], ["kalibrasi", "--csv", "excel-id"], "kalibrasi_penilai.csv"),
        (["validasi"], ["validasi", "--csv", "excel-id"], "ditolak.csv"),
    ],
)  # fmt: skip
def test_berkas_lama_terbuka_di_excel(data, tmp_path, capsys, monkeypatch, sebelum, perintah,
                                      terbuka):  # fmt: skip
    folder = tmp_path / "hasil"
    argumen = ["--data", str(data), "--keluaran", str(folder)]
    assert utama([sebelum[0], *argumen, *sebelum[1:]]) in (0, 1)
    lama = isi_folder(folder)
    assert terbuka in lama
    capsys.readouterr()

    kunci_seperti_excel(monkeypatch, folder / terbuka)
    kode = utama([perintah[0], *argumen, *perintah[1:]])
    assert kode == 2
    pesan_tutup(capsys.readouterr().err, terbuka)
    assert isi_folder(folder) == lama  # set lama utuh, tidak tercampur set baru
    tanpa_sisa(folder)

    monkeypatch.undo()  # berkas ditutup: jalankan lagi berhasil
    assert utama([perintah[0], *argumen, *perintah[1:]]) in (0, 1)
    assert isi_folder(folder) != lama
    tanpa_sisa(folder)


def test_tulis_tabel_ke_berkas_yang_terbuka(tmp_path, monkeypatch):
    """Penulisan langsung (mis. dari notebook) ke berkas yang sedang dibuka."""
    tujuan = tulis_tabel(pd.DataFrame({"a": [1]}), tmp_path, "t")
    lama = tujuan.read_bytes()
    kunci_seperti_excel(monkeypatch, tujuan)
    with pytest.raises(KeluaranTidakLayak) as galat:
        tulis_tabel(pd.DataFrame({"a": [2]}), tmp_path, "t")
    pesan_tutup(galat.value.pesan, "t.csv")
    assert galat.value.jalur == str(tujuan)
    assert tujuan.read_bytes() == lama
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_folder_tanpa_izin_tetap_pesan_izin(tmp_path, monkeypatch):
    """Penggantian nama yang ditolak tanpa berkas lama (tujuan belum ada) bukan berkas terbuka:
    pesannya tetap soal izin folder."""
    kunci_seperti_excel(monkeypatch, tmp_path / "t.csv")
    with pytest.raises(KeluaranTidakLayak, match="Tidak ada izin menulis") as galat:
        tulis_tabel(pd.DataFrame({"a": [1]}), tmp_path, "t")
    assert "Excel" not in galat.value.pesan
    assert list(tmp_path.iterdir()) == []


def test_ganti_folder_dengan_berkas_terbuka(tmp_path, monkeypatch):
    """Folder periode laporan (mis. ``2026-S1``) yang salah satu berkasnya terbuka: Windows
    menolak memindahkan foldernya. Tidak ada yang berubah; jurnal tidak tertinggal."""
    tujuan, baru = tmp_path / "2026-S1", tmp_path / ".asn-baru-2026-S1"
    for folder, isi in ((tujuan, "lama"), (baru, "baru")):
        folder.mkdir()
        (folder / "index.html").write_text(isi)
    kunci_seperti_excel(monkeypatch, tujuan)
    with pytest.raises(KeluaranTidakLayak) as galat:
        ganti_folder(baru, tujuan)
    assert "Tutup berkas dari folder 2026-S1" in galat.value.pesan
    assert "di Excel lalu jalankan lagi" in galat.value.pesan
    assert (tujuan / "index.html").read_text() == "lama"
    assert (baru / "index.html").read_text() == "baru"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".asn-baru-2026-S1", "2026-S1"]

    monkeypatch.undo()
    ganti_folder(baru, tujuan)
    assert (tujuan / "index.html").read_text() == "baru"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-S1"]


def test_pemindahan_terputus_lalu_berkas_terbuka(data, tmp_path, capsys, monkeypatch):
    """Jalannya sebelumnya terputus saat memindahkan set lama ke cadangan, dan kini satu berkas
    lama terbuka: set lama dikembalikan utuh, lalu tuntas setelah berkas ditutup."""
    folder = tmp_path / "hasil"
    argumen = ["--data", str(data), "--keluaran", str(folder)]
    assert utama(["skor", *argumen, "--periode", "2025-S2"]) == 0
    lama = isi_folder(folder)

    class Mati(BaseException):
        pass

    asli = os.rename
    dipindah = []

    def mati_sesudah_satu(asal, tujuan):
        if dipindah:
            raise Mati
        asli(asal, tujuan)
        dipindah.append(asal)

    monkeypatch.setattr(modul_folder.os, "rename", mati_sesudah_satu)
    # mati: folder kerja tidak dibersihkan
    monkeypatch.setattr(modul_folder.shutil, "rmtree", lambda *a, **k: None)
    with pytest.raises(Mati):
        utama(["skor", *argumen])
    monkeypatch.undo()
    capsys.readouterr()

    terbuka = next(n for n in lama if n.endswith(".csv") and folder / n not in dipindah)
    kunci_seperti_excel(monkeypatch, folder / terbuka)
    assert utama(["skor", *argumen]) == 2
    pesan_tutup(capsys.readouterr().err, terbuka)
    tampak = {q.name: q.read_bytes() for q in folder.iterdir() if not q.name.startswith(".")}
    assert tampak == lama

    monkeypatch.undo()
    assert utama(["skor", *argumen]) == 0
    tanpa_sisa(folder)
