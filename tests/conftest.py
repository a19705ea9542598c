"""Alat bantu uji: folder data kecil yang ditulis ke ``tmp_path`` seperti kiriman OPD.

Semua NIP di sini sintetis tetapi bersusunan sah (domain.md bagian 4), agar penolakan yang
terjadi dalam uji selalu disebabkan oleh hal yang sedang diuji, bukan oleh NIP contoh.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from asn_analitik import muat, pilih_periode, skor

# Skrip pembuat berkas uji biner (butuh xlwt/odfpy), bukan uji.
collect_ignore_glob = ["berkas/*.py"]


def pytest_collection_modifyitems(items) -> None:
    """Tandai ``laporan`` setiap uji yang memakai batch laporan (fixture ``data_laporan`` atau
    ``laporan_*``): notebook di proses anak, puluhan detik. ``-m "not laporan"`` untuk putaran
    cepat; ``make mutasi`` juga tidak menjalankannya."""
    for item in items:
        nama = getattr(item, "fixturenames", ())
        if any(f == "data_laporan" or f.startswith("laporan") for f in nama):
            item.add_marker(pytest.mark.laporan)


# PNS: lahir 1986-09-26, TMT CPNS 2015-05, laki-laki, urut 001.
NIP_A = "198609262015051001"
# PNS: lahir 1990-02-14, TMT CPNS 2014-03, perempuan, urut 002.
NIP_B = "199002142014032002"
# PNS: lahir 1978-12-31, TMT CPNS 2005-01, laki-laki, urut 003.
NIP_C = "197812312005011003"
# PNS: lahir 1980-01-15, TMT CPNS 2008-12, perempuan, urut 004.
NIP_D = "198001152008122004"
# PPPK: lahir 1983-04-23, tahun TMT 2025, "2" + "1", laki-laki, urut 097.
NIP_PPPK = "198304232025211097"
NIP_SEMUA = (NIP_A, NIP_B, NIP_C, NIP_D, NIP_PPPK)


def teks_csv(baris: list[dict], pemisah: str = ",") -> str:
    """Isi CSV dari daftar dict; header = gabungan kunci menurut urutan kemunculan."""
    kolom: list[str] = []
    for b in baris:
        kolom += [k for k in b if k not in kolom]
    keluar = io.StringIO()
    penulis = csv.writer(keluar, delimiter=pemisah, lineterminator="\n")
    penulis.writerow(kolom)
    for b in baris:
        penulis.writerow(["" if b.get(k) is None else b.get(k) for k in kolom])
    return keluar.getvalue()


def pegawai_untuk(*nip: str, opd: str = "Dinas Kesehatan") -> list[dict]:
    """Baris pegawai minimal (kolom wajib saja) untuk NIP yang diberikan."""
    return [{"nip": n, "nama": f"Pegawai {i + 1}", "opd": opd} for i, n in enumerate(nip)]


def _nip_di(tabel: dict) -> list[str]:
    nip = [
        str(b["nip"])
        for nama, isi in tabel.items()
        if nama != "pegawai" and isinstance(isi, list)
        for b in isi
        if b.get("nip")
    ]
    return list(dict.fromkeys(nip))


@pytest.fixture
def buat_folder(tmp_path: Path) -> Callable[..., Path]:
    """Tulis satu folder data dari dict ``{tabel: baris}``, karena hampir setiap uji butuh
    folder kecil yang berbeda-beda.

    ``baris`` berupa daftar dict (ditulis sebagai CSV dengan ``pemisah``) atau teks mentah
    (ditulis apa adanya, untuk header aneh dan berkas rusak). Bila ``pegawai`` tidak diberikan,
    ditulis satu baris pegawai aktif untuk setiap NIP di tabel lain. ``pengodean`` dan ``bom``
    mengatur byte berkas; ``nama_berkas`` menimpa nama berkas per tabel.
    """
    nomor = iter(range(1, 1000))

    def _buat(
        tabel: dict,
        pemisah: str = ",",
        pengodean: str = "utf-8",
        bom: bool = False,
        nama_berkas: dict[str, str] | None = None,
    ) -> Path:
        folder = tmp_path / f"data{next(nomor)}"
        folder.mkdir()
        tabel = dict(tabel)
        if "pegawai" not in tabel:
            tabel["pegawai"] = pegawai_untuk(*_nip_di(tabel))
        for nama, isi in tabel.items():
            teks = isi if isinstance(isi, str) else teks_csv(isi, pemisah)
            byte = teks.encode(pengodean)
            if bom:
                byte = b"\xef\xbb\xbf" + byte
            berkas = (nama_berkas or {}).get(nama, f"{nama}.csv")
            (folder / berkas).write_bytes(byte)
        return folder

    return _buat


@pytest.fixture
def nilai(buat_folder) -> Callable[..., object]:
    """Muat, pilih periode, lalu nilai satu folder kecil: jalur publik lengkap yang dipakai
    analis di notebook, sehingga uji aturan penilaian juga melewati validasi."""

    def _nilai(tabel: dict, metode: str = "permenpanrb_6_2022", periode=None, aturan=None):
        data = pilih_periode(muat(buat_folder(tabel)), periode)
        assert data.ditolak.empty, data.ditolak[["berkas", "baris", "kolom", "alasan"]]
        return skor(data, metode, aturan)

    return _nilai


def periksa_hitungan(data) -> None:
    """Setiap baris yang dibaca berakhir di tepat satu tempat (kontrak bagian 2)."""
    for nama, j in data.jumlah().items():
        assert j["dibaca"] == j["dinilai"] + j["ditolak"] + j["dikecualikan"], (nama, j)


#: Nama OPD yang sengaja menyulitkan: keluar folder, tanda kutip/HTML/backslash, dua nama
#: yang slugnya sama, dan nama tanpa huruf Latin.
OPD_SULIT = {
    "BKPSDM": "../../BKPSDM",
    "Dinas Sosial": 'Dinas "Sosial" <b>&</b> \\ {x}',
    "Dinas PUPR": "Dinas-Kesehatan",
    "Kecamatan Tanjung Selor": "卫生局",
}


#: OPD yang tidak mengirim indikator sama sekali pada periode terbaru.
OPD_DIAM = "Bappeda dan Litbang"


@pytest.fixture(scope="session")
def data_laporan(tmp_path_factory) -> Path:
    """Data contoh 300 pegawai dengan nama OPD yang menyulitkan (:data:`OPD_SULIT`), dan satu
    OPD (Bappeda dan Litbang) yang sama sekali tidak mengirim indikator periode 2026-S1."""
    import pandas as pd

    from asn_analitik.contoh import tulis_contoh

    folder = tmp_path_factory.mktemp("data_laporan")
    tulis_contoh(folder, 300, seed=5)
    for nama in ("pegawai", "organisasi"):
        path = folder / f"{nama}.csv"
        tabel = pd.read_csv(path, dtype="str", keep_default_na=False)
        tabel["opd"] = tabel["opd"].replace(OPD_SULIT)
        tabel.to_csv(path, index=False)
    pegawai = pd.read_csv(folder / "pegawai.csv", dtype="str", keep_default_na=False)
    diam = set(pegawai.loc[pegawai["opd"] == OPD_DIAM, "nip"])
    indikator = pd.read_csv(folder / "indikator.csv", dtype="str", keep_default_na=False)
    indikator = indikator[~(indikator["nip"].isin(diam) & (indikator["periode"] == "2026-S1"))]
    indikator.to_csv(folder / "indikator.csv", index=False)
    return folder


@pytest.fixture(scope="session")
def laporan_jadi(data_laporan, tmp_path_factory) -> Path:
    """Folder periode hasil ``asn-analitik laporan`` pada :func:`data_laporan` (sekali per sesi)."""
    from asn_analitik.cli import utama

    keluaran = tmp_path_factory.mktemp("laporan")
    kode = utama(["laporan", "--data", str(data_laporan), "--keluaran", str(keluaran),
                  "--paralel", "2"])  # fmt: skip
    assert kode == 0
    (periode,) = [p for p in keluaran.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return periode


@pytest.fixture(scope="session")
def laporan_contoh(tmp_path_factory) -> Path:
    """Folder periode hasil ``asn-analitik laporan`` pada ``data/contoh`` (contoh di README),
    dengan ``--pdf`` bila ada peramban Chromium/Chrome/Edge."""
    from asn_analitik.cli import utama
    from asn_analitik.laporan.pdf import cari_peramban

    keluaran = tmp_path_factory.mktemp("laporan_contoh")
    data = Path(__file__).resolve().parents[1] / "data" / "contoh"
    pdf = ["--pdf"] if cari_peramban() else []  # di CI selalu ada (tests/test_peramban.py)
    assert utama(["laporan", "--data", str(data), "--keluaran", str(keluaran), *pdf]) == 0
    return keluaran / "2026-S1"


#: OPD tempat seluruh pegawai :func:`laporan_besar` ditempatkan.
OPD_BESAR = "Dinas Pendidikan"


@pytest.fixture(scope="session")
def laporan_besar(tmp_path_factory) -> Path:
    """Laporan satu OPD berpegawai 20.000 (data contoh yang seluruh pegawainya dipindah ke
    :data:`OPD_BESAR`): halaman tetap di bawah 3 MB dan kotak carinya bekerja."""
    import pandas as pd

    from asn_analitik.cli import utama
    from asn_analitik.contoh import tulis_contoh

    folder = tmp_path_factory.mktemp("data_besar")
    tulis_contoh(folder, 20_000, seed=11)
    for nama in ("pegawai", "evaluasi_atasan"):
        path = folder / f"{nama}.csv"
        tabel = pd.read_csv(path, dtype="str", keep_default_na=False)
        if "opd" in tabel.columns:
            tabel["opd"] = OPD_BESAR
            tabel.to_csv(path, index=False)
    keluaran = tmp_path_factory.mktemp("laporan_besar")
    kode = utama(["laporan", "--data", str(folder), "--keluaran", str(keluaran),
                  "--opd", OPD_BESAR])  # fmt: skip
    assert kode == 0
    return keluaran / "2026-S1"


#: NIP sah yang tidak ada di berkas pegawai :func:`hasil_kecil` (barisnya ditolak tanpa OPD).
NIP_ASING = "199505052020011005"


@pytest.fixture(scope="session")
def hasil_kecil(klaster_kecil, tmp_path_factory) -> Path:
    """Folder ``hasil`` (Parquet yang dibaca notebook laporan) dari :func:`klaster_kecil`,
    ditulis :func:`~asn_analitik.laporan.hasil.simpan_hasil` seperti batch laporan."""
    from asn_analitik.laporan.hasil import simpan_hasil

    return simpan_hasil(klaster_kecil, tmp_path_factory.mktemp("hasil_kecil") / "hasil")


@pytest.fixture(scope="session")
def klaster_kecil(tmp_path_factory):
    """Hasil klaster, keadilan dan tren satu periode (``HasilKlaster``) dari data lima pegawai yang
    angkanya dihitung tangan, dihitung di dalam proses tanpa notebook: untuk uji isolasi OPD
    yang cepat (juga dipakai ``make mutasi``). Berisi baris ditolak milik dua OPD dan satu
    baris ditolak tanpa OPD (NIP asing), serta satu pegawai pensiun.

    - Dinas Kesehatan: A (capaian 120, perilaku 5: Sangat Baik), B (95, perilaku 3: Baik; satu
      indikator bertarget 0 ditolak).
    - Dinas Sosial: C (80, perilaku 2: Sangat Kurang; satu indikator beraspek salah ditolak),
      D (100, perilaku 4: Baik), PPPK (pensiun: tidak dinilai).
    - Periode sebelumnya 2025-S2: A, C, D dinilai (B masuk pada 2026-S1); D masih di Dinas
      Kesehatan (evaluasi atasan menyebut OPD-nya per periode), jadi D pindah OPD.
    """
    from asn_analitik.alur import klaster_dan_tulis, tren_untuk_laporan

    akar = tmp_path_factory.mktemp("klaster_kecil")
    folder = akar / "data"
    folder.mkdir()
    pegawai = [
        {"nip": NIP_A, "nama": "Andi Wirawan", "opd": "Dinas Kesehatan", "status": "aktif"},
        {"nip": NIP_B, "nama": "Budi Santoso", "opd": "Dinas Kesehatan", "status": "aktif"},
        {"nip": NIP_C, "nama": "Cici Lestari", "opd": "Dinas Sosial", "status": "aktif"},
        {"nip": NIP_D, "nama": "Dedi Kurniawan", "opd": "Dinas Sosial", "status": "aktif"},
        {"nip": NIP_PPPK, "nama": "Eko Prasetyo", "opd": "Dinas Sosial", "status": "pensiun"},
    ]

    def ind(nip, nama, target, realisasi, aspek="kuantitas"):
        return {"nip": nip, "periode": "2026-S1", "indikator": nama, "aspek": aspek,
                "target": target, "realisasi": realisasi}  # fmt: skip

    indikator = [
        ind(NIP_A, "Cakupan imunisasi", 100, 120),  # baris 2: 120
        ind(NIP_B, "Cakupan imunisasi", 100, 95),  # baris 3: 95
        ind(NIP_B, "Kunjungan rumah", 0, 10),  # baris 4: target 0, ditolak (Dinas Kesehatan)
        ind(NIP_C, "Bantuan tersalur", 100, 80),  # baris 5: 80
        ind(NIP_C, "Verifikasi data", 100, 90, aspek="jumlah"),  # baris 6: ditolak (Sosial)
        ind(NIP_D, "Bantuan tersalur", 100, 100),  # baris 7: 100
        ind(NIP_ASING, "Laporan", 100, 100),  # baris 8: NIP tidak terdaftar, ditolak tanpa OPD
        ind(NIP_PPPK, "Laporan", 100, 100),  # baris 9: pensiun, dikecualikan
    ]
    indikator += [{**ind(n, "Laporan", 100, 90), "periode": "2025-S2"}
                  for n in (NIP_A, NIP_C, NIP_D)]  # baris 10-12  # fmt: skip
    evaluasi = [
        {"nip": NIP_D, "periode": "2025-S2", "opd": "Dinas Kesehatan"},
        {"nip": NIP_D, "periode": "2026-S1", "opd": "Dinas Sosial"},
    ]
    for baris in evaluasi:  # rating kosong: rating usulan yang dipakai
        baris.update(rating_hasil_kerja="", rating_perilaku="")
    aspek = ["berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis"]
    nilai = {NIP_A: 5, NIP_B: 3, NIP_C: 2, NIP_D: 4}
    perilaku = [{"nip": n, "periode": "2026-S1", "aspek": a, "nilai": v}
                for n, v in nilai.items() for a in aspek]  # fmt: skip
    isi_folder = (("pegawai", pegawai), ("indikator", indikator), ("perilaku", perilaku),
                  ("evaluasi_atasan", evaluasi))  # fmt: skip
    for nama, isi in isi_folder:
        (folder / f"{nama}.csv").write_text(teks_csv(isi), encoding="utf-8")
    data = muat(folder)
    tren = tren_untuk_laporan(data, ["2026-S1"])
    hk = klaster_dan_tulis(folder, akar / "kerja", "2026-S1", keadilan=True, data=data)
    hk.tren, hk.manifest["tren"] = tren["2026-S1"]
    return hk


def tugas_kecil(folder: Path, kode: str) -> Callable[[str], object]:
    """Notebook kecil di ``folder`` (sel parameter ``x`` lalu sel ``kode``) untuk menguji
    pekerja laporan tanpa batch penuh; kembalikan pembuat :class:`Tugas` per nama (``x`` = nama,
    HTML dan ipynb di ``folder``)."""
    from asn_analitik.laporan.pekerja import Tugas, _tulis_buku_kecil

    buku = _tulis_buku_kecil(folder / "kecil.ipynb", kode)

    def tugas(nama: str) -> Tugas:
        return Tugas(nama, nama, str(buku), {"x": nama}, str(folder / f"{nama}.html"),
                     str(folder / f"{nama}.ipynb"), nama, "0")  # fmt: skip

    return tugas
