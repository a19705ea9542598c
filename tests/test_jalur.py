r"""Uji jalur folder yang ditulis analis: jalur Windows di ``"..."`` biasa (``\n`` menjadi baris
baru), ``data\contoh`` di Linux, dan pesan galat yang menyebut jalur seperti diketik."""

from __future__ import annotations

import ast
import re
import warnings
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_analitik.galat import InputTidakLayak
from asn_analitik.konfigurasi import AKAR_PROYEK
from asn_analitik.masuk import jalur
from asn_analitik.masuk.berkas import cari_folder_data
from asn_analitik.masuk.jalur import cari_folder, perbaiki_jalur_windows

LINUX_SAJA = pytest.mark.skipif(jalur._DI_WINDOWS, reason="jalur Windows tidak ada di Linux")


def seperti_python(ketikan: str) -> str:
    """Yang diterima kit bila analis mengetik ``ketikan`` di antara ``"..."`` di sel notebook."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "\D" dan sejenisnya: escape tidak sah, tetap apa adanya
        return ast.literal_eval(f'"{ketikan}"')


@pytest.mark.parametrize(
    "ketikan",
    [
        r"C:\data\new",  # \n baris baru
        r"C:\temp\SKP",  # \t tab
        r"D:\arsip\berkas\file",  # \a \b \f
        r"E:\rekap\v2",  # \r \v
        r"D:\SKP\2026-S1",  # \202 oktal
        r"D:\SKP\1999",  # \1 lalu 999 (9 bukan oktal)
        r"C:\Data\SKP",  # tidak berubah
        "data/contoh",
    ],
)
def test_perbaiki_jalur_windows_mengembalikan_ketikan(ketikan):
    assert perbaiki_jalur_windows(seperti_python(ketikan)) == ketikan


def test_perbaiki_jalur_windows_tidak_menyentuh_karakter_lain():
    """Huruf beraksen, spasi dan titik di nama folder tetap."""
    assert perbaiki_jalur_windows("D:/Laporan Ringkas/Café.2026") == "D:/Laporan Ringkas/Café.2026"


_SEGMEN = st.one_of(
    st.from_regex(r"[A-MO-TV-Za-tv-wyz][A-Za-z0-9 _-]{0,8}", fullmatch=True),  # bukan \N \U \u \x
    st.integers(1990, 2030).map(str),  # folder tahun
    st.integers(1, 12).map(lambda b: f"{b:02d}"),  # folder bulan: \12 juga baris baru
)


@given(drive=st.sampled_from(["C:", "D:", ""]), segmen=st.lists(_SEGMEN, min_size=1, max_size=5))
def test_ketikan_selalu_termasuk_ejaan_yang_dicoba(drive, segmen):
    """Apa pun yang diketik (tanpa ``\\\\`` dan escape yang ditolak Python), ejaan aslinya
    termasuk yang dicoba :func:`cari_folder`."""
    ketikan = drive + "".join("\\" + s for s in segmen)
    assert ketikan in list(jalur._ejaan_jalur(seperti_python(ketikan)))


def test_jalur_windows_yang_diperbaiki_ditemukan(tmp_path):
    """``...\\data\\new`` yang ``\\n``-nya menjadi baris baru tetap menemukan foldernya."""
    (tmp_path / "data" / "new").mkdir(parents=True)
    ketikan = str(tmp_path) + r"\data\new"
    assert cari_folder(seperti_python(ketikan)) == (tmp_path / "data" / "new").resolve()


def test_folder_bulan_dan_tahun_ditemukan(tmp_path):
    r"""``\2026\12``: oktal tiga angka, lalu ``\12`` yang juga bisa berarti ``\n``."""
    (tmp_path / "2026" / "12").mkdir(parents=True)
    ketikan = str(tmp_path) + r"\2026\12"
    assert cari_folder(seperti_python(ketikan)) == (tmp_path / "2026" / "12").resolve()


def test_garis_miring_terbalik_relatif(tmp_path, monkeypatch):
    r"""``data\contoh`` di Linux: dari folder kerja, dan dari folder ``dasar``."""
    (tmp_path / "data" / "contoh").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert cari_folder(r"data\contoh") == (tmp_path / "data" / "contoh").resolve()
    monkeypatch.chdir(tmp_path / "data")
    assert cari_folder(r"data\contoh", dasar=[tmp_path]) == (tmp_path / "data/contoh").resolve()


def test_folder_apa_adanya_didahulukan(tmp_path, monkeypatch):
    r"""Di Linux ``a\b`` boleh nama folder sungguhan: itu yang dipakai, bukan ``a/b``."""
    if jalur._DI_WINDOWS:
        pytest.skip("di Windows \\ selalu pemisah folder")
    (tmp_path / "a\\b").mkdir()
    (tmp_path / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert cari_folder("a\\b").name == "a\\b"


@pytest.mark.parametrize("ketikan", [r"data\contoh", "data/contoh", r"notebooks\..\data\contoh"])
def test_cari_folder_data_menerima_jalur_windows_relatif(ketikan):
    assert cari_folder_data(ketikan) == (AKAR_PROYEK / "data" / "contoh").resolve()


@LINUX_SAJA
@pytest.mark.parametrize("ketikan", [r"C:\Data\SKP", r"C:\data\new", r"D:\SKP\2026"])
def test_jalur_windows_di_linux_galat_yang_jelas(ketikan):
    """Bukan *traceback* dari dalam kit: galat kit yang menyebut jalur seperti diketik."""
    with pytest.raises(InputTidakLayak) as galat:
        cari_folder_data(seperti_python(ketikan))
    pesan = str(galat.value)
    assert pesan.startswith(f"Folder data '{ketikan}' tidak ditemukan")
    assert "hanya ada di Windows" in pesan
    assert "kosongkan untuk memakai data contoh" in pesan


def test_galat_di_windows_menyarankan_r_atau_garis_miring(monkeypatch):
    """Di Windows: folder tidak ada, pesannya menjelaskan ``\\n`` dan cara menulis jalurnya."""
    monkeypatch.setattr(jalur, "_DI_WINDOWS", True)
    ketikan = r"Q:\tidak\ada\new"
    with pytest.raises(InputTidakLayak, match=re.escape(f"Folder '{ketikan}' tidak ditemukan")):
        cari_folder(seperti_python(ketikan))
    with pytest.raises(InputTidakLayak) as galat:
        cari_folder(seperti_python(ketikan), nama="Folder hasil", saran="Jalankan make laporan.")
    pesan = str(galat.value)
    assert "baris baru" in pesan
    assert 'r"Q:\\tidak\\ada\\new"' in pesan and '"Q:/tidak/ada/new"' in pesan
    assert pesan.endswith("Jalankan make laporan.")


def test_galat_relatif_menyebut_tempat_yang_dicari(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputTidakLayak) as galat:
        cari_folder(r"data\tidak_ada", dasar=[tmp_path / "notebooks"])
    pesan = str(galat.value)
    assert str(tmp_path / "notebooks") in pesan
    assert 'r"data\\tidak_ada"' in pesan and '"data/tidak_ada"' in pesan
    assert "baris baru" not in pesan  # tidak ada karakter kendali: tidak perlu dijelaskan


def test_berkas_bukan_folder(tmp_path):
    (tmp_path / "pegawai.csv").write_text("nip\n", encoding="utf-8")
    with pytest.raises(InputTidakLayak, match="tidak ditemukan"):
        cari_folder(tmp_path / "pegawai.csv")


def test_menerima_path(tmp_path):
    assert cari_folder(Path(tmp_path)) == tmp_path.resolve()
