"""Susunan paket menurut tahap alur data (README, "Struktur kode").

Data mengalir ``masuk`` -> ``nilai`` -> ``analisis`` -> ``alur`` -> ``laporan``; ``cli`` dan
``asn_analitik/__init__.py`` adalah tepi yang boleh memanggil semuanya; ``konfigurasi``,
``galat``, ``keluaran`` (paket: atomik, tabel, excel, kunci, folder), ``memori`` dan ``teks``
dipakai bersama oleh semua tahap. Tidak ada modul yang mengimpor tahap sesudahnya. ``contoh``
(pembuat data sintetis) berdiri di samping alur: ia hanya memakai modul bersama, dan hanya tepi yang
memanggilnya. Aturan ini diperiksa dari pernyataan impor setiap berkas (termasuk impor di dalam
fungsi dan di bawah ``TYPE_CHECKING``).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PAKET = Path(__file__).resolve().parents[1] / "asn_analitik"

#: Urutan tahap; modul boleh mengimpor tahapnya sendiri dan tahap sebelumnya.
URUTAN = ("bersama", "masuk", "nilai", "analisis", "alur", "laporan", "tepi")
#: Modul di akar paket dan tahapnya (paket seperti ``keluaran/``: semua modulnya); subpaket
#: lain bernama sama dengan tahapnya.
AKAR = {
    "konfigurasi": "bersama",
    "galat": "bersama",
    "keluaran": "bersama",
    "memori": "bersama",
    "teks": "bersama",
    "malas": "bersama",
    "alur": "alur",
    "cli": "tepi",
    "__main__": "tepi",
    "__init__": "tepi",
}
SAMPING = "contoh"


def _nama_modul(berkas: Path) -> str:
    bagian = berkas.relative_to(PAKET.parent).with_suffix("").parts
    return ".".join(bagian[:-1] if bagian[-1] == "__init__" else bagian)


def _ada_modul(nama: str) -> bool:
    jalur = PAKET.parent.joinpath(*nama.split("."))
    return jalur.with_suffix(".py").is_file() or (jalur / "__init__.py").is_file()


def tahap(modul: str) -> str:
    """Tahap sebuah modul ``asn_analitik...``; galat bila belum digolongkan."""
    bagian = modul.split(".")
    if len(bagian) == 1:
        return AKAR["__init__"]
    if bagian[1] in AKAR:
        return AKAR[bagian[1]]
    if bagian[1] in URUTAN or bagian[1] == SAMPING:
        return bagian[1]
    raise KeyError(
        f"{modul} belum punya tahap: taruh di subpaket masuk, nilai, analisis, laporan atau "
        f"{SAMPING}, atau golongkan di AKAR (tests/test_struktur.py) dan di README"
    )


def impor_dalam(teks: str, modul: str, paket: bool) -> list[tuple[int, str]]:
    """Modul ``asn_analitik`` yang diimpor ``teks`` (kode modul ``modul``), dengan nomor baris.

    ``from X import y`` dihitung sebagai impor ``X.y`` bila ``X.y`` adalah modul, selain itu
    ``X``; impor relatif diselesaikan dari letak modul.
    """
    basis = modul.split(".") if paket else modul.split(".")[:-1]
    hasil = []
    for simpul in ast.walk(ast.parse(teks)):
        if isinstance(simpul, ast.Import):
            hasil += [(simpul.lineno, a.name) for a in simpul.names]
        elif isinstance(simpul, ast.ImportFrom):
            if simpul.level:
                awal = basis[: len(basis) - simpul.level + 1]
                asal = ".".join([*awal, *([simpul.module] if simpul.module else [])])
            else:
                asal = simpul.module or ""
            for a in simpul.names:
                penuh = f"{asal}.{a.name}"
                hasil.append((simpul.lineno, penuh if _ada_modul(penuh) else asal))
    return [(b, m) for b, m in hasil if m == "asn_analitik" or m.startswith("asn_analitik.")]


def pelanggaran(modul: str, impor: list[tuple[int, str]]) -> list[str]:
    """Impor yang melawan arah alur, sebagai kalimat yang menyebut baris dan tahapnya."""
    dari = tahap(modul)
    salah = []
    for baris, tujuan in impor:
        ke = tahap(tujuan)
        if dari == SAMPING:
            boleh = ke in (SAMPING, "bersama")
        elif ke == SAMPING:
            boleh = dari == "tepi"
        else:
            boleh = URUTAN.index(ke) <= URUTAN.index(dari)
        if not boleh:
            salah.append(f"{modul}:{baris} ({dari}) mengimpor {tujuan} ({ke})")
    return salah


def _semua_modul():
    for berkas in sorted(PAKET.rglob("*.py")):
        yield berkas, _nama_modul(berkas)


def test_setiap_modul_punya_tahap():
    """Modul baru harus masuk ke salah satu ruang; modul lepas di akar merusak susunan."""
    belum = []
    for _, modul in _semua_modul():
        try:
            tahap(modul)
        except KeyError as galat:
            belum.append(str(galat))
    assert not belum, "\n".join(belum)


def test_tidak_ada_modul_yang_mengimpor_tahap_sesudahnya():
    salah = []
    for berkas, modul in _semua_modul():
        teks = berkas.read_text(encoding="utf-8")
        salah += pelanggaran(modul, impor_dalam(teks, modul, berkas.name == "__init__.py"))
    assert not salah, "impor melawan arah alur:\n" + "\n".join(salah)


@pytest.mark.parametrize(
    ("modul", "kode", "diharapkan"),
    [
        # Satu contoh per jenis pelanggaran: pemeriksa yang tidak menangkapnya tidak berguna.
        ("masuk.muat", "from ..laporan.hasil import x", ["laporan.hasil"]),
        ("nilai.skor", "def f():\n    from ..analisis import pola", ["analisis.pola"]),
        ("laporan.hasil", "from .. import __version__", [""]),
        ("laporan.indeks", "import asn_analitik.cli", ["cli"]),
        ("alur", "from .laporan import jalankan", ["laporan.jalankan"]),
        ("analisis.pola", "from ..contoh import buat_contoh", ["contoh"]),
        ("contoh.buat", "from ..masuk.nip import x", ["masuk.nip"]),
        ("keluaran", "from .masuk import muat", ["masuk.muat"]),
        ("keluaran.tabel", "from ..masuk.muat import muat", ["masuk.muat"]),
        # Yang boleh: tahap sendiri, tahap sebelumnya, modul bersama; tepi memanggil semuanya.
        ("laporan.jalankan", "from ..alur import x\nfrom .hasil import y", []),
        ("analisis.pola", "from ..nilai.skor import x\nfrom ..masuk import muat", []),
        ("contoh.rusak", "from ..konfigurasi import TABEL\nfrom .bahan import x", []),
        ("keluaran.folder", "from .kunci import x\nfrom ..galat import y", []),
        ("cli", "from .contoh.buat import x\nfrom .laporan.jalankan import y", []),
    ],
)
def test_pemeriksa_impor_menangkap_setiap_arah(modul, kode, diharapkan):
    modul = f"asn_analitik.{modul}"
    impor = impor_dalam(kode, modul, paket=False)
    ditemukan = [k.split(" mengimpor ")[1].split(" (")[0] for k in pelanggaran(modul, impor)]
    assert ditemukan == [f"asn_analitik.{d}".rstrip(".") for d in diharapkan]


def test_api_publik_tetap_dari_akar_paket():
    """Nama yang diekspor ``asn_analitik`` sebelum susunan tahap tetap bisa diimpor dari sana."""
    import asn_analitik

    for nama in (
        "ArgumenTidakValid", "DataMasuk", "GalatAsn", "HasilSkor", "InputTidakLayak",
        "KonfigurasiTidakValid", "__version__", "muat", "muat_aturan", "pilih_periode", "skor",
    ):  # fmt: skip
        assert nama in asn_analitik.__all__
        assert getattr(asn_analitik, nama) is not None
    from asn_analitik.laporan import jalankan_laporan
    from asn_analitik.laporan.jalankan import jalankan_laporan as asli

    assert jalankan_laporan is asli


def _ikut_termuat(impor: str, modul: tuple[str, ...]) -> list[str]:
    """Modul di ``modul`` yang termuat di proses Python baru sesudah menjalankan ``impor``."""
    kode = f"import sys\n{impor}\nprint(sorted(m for m in {modul!r} if m in sys.modules))"
    keluar = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True)
    assert keluar.returncode == 0, keluar.stderr
    return ast.literal_eval(keluar.stdout.strip())


def test_notebook_tidak_memuat_nbconvert_atau_scikit_learn():
    """Modul yang dipakai notebook laporan tidak menarik nbconvert (pekerja) atau
    scikit-learn (analisis) hanya karena paketnya diimpor."""
    impor = (
        "import asn_analitik, asn_analitik.laporan.grafik, asn_analitik.laporan.hasil, "
        "asn_analitik.laporan.ringkasan, asn_analitik.laporan.tampilan"
    )
    assert _ikut_termuat(impor, ("nbconvert", "sklearn")) == []


def test_pekerja_laporan_tidak_memuat_pandas_numpy_pyarrow():
    """Proses pekerja laporan hanya menjalankan papermill dan mengekspor HTML; pandas, numpy dan
    pyarrow (± 0,6 detik CPU per pekerja) hanya dimuat kernelnya. Paket ``asn_analitik`` dan
    ``keluaran`` memuat namanya saat dipakai, papermill tanpa ``pyarrow.fs``."""
    impor = (
        "from asn_analitik.laporan import pekerja\n"
        "pekerja._tanpa_pyarrow()\n"
        "import nbformat, papermill, jupyter_client\n"
        "from asn_analitik.laporan import ekspor, pdf"
    )
    assert _ikut_termuat(impor, ("pandas", "numpy", "pyarrow")) == []


def test_nama_paket_dimuat_saat_dipakai():
    """``from asn_analitik import *``, ``dir`` dan atribut tetap lengkap meski dimuat malas;
    nama yang tidak ada memberi AttributeError berbahasa Indonesia."""
    import asn_analitik
    import asn_analitik.keluaran as keluaran

    for paket in (asn_analitik, keluaran):
        ruang: dict = {}
        exec(f"from {paket.__name__} import *", ruang)
        assert set(paket.__all__) <= set(ruang), paket.__name__
        assert set(paket.__all__) <= set(dir(paket))
        with pytest.raises(AttributeError, match="tidak punya atribut 'tidak_ada'"):
            paket.tidak_ada  # noqa: B018
    from asn_analitik.masuk.muat import muat

    assert asn_analitik.muat is muat
