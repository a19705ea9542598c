"""Buku Excel hasil (:func:`~asn_analitik.keluaran.tulis_buku`): siap dipakai analis (header
tebal dibekukan, filter, lebar kolom, satu desimal, NIP teks) dan isinya sama dengan tabelnya.
Kecepatan pada lembar besar diukur di ``bench/tolok_xlsx.py``, bukan di sini."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.dom import minidom

import numpy as np
import pandas as pd
import pytest
from conftest import NIP_A, NIP_B, NIP_C
from openpyxl import load_workbook

import asn_analitik.keluaran.excel as excel
from asn_analitik.keluaran import tulis_buku


@pytest.fixture
def tabel_campur() -> pd.DataFrame:
    """Satu kolom untuk setiap tipe yang ditulis kit: NIP (teks dan kategori), teks, pecahan
    dengan sel kosong, bilangan bulat (biasa dan nullable), logika, tanggal."""
    return pd.DataFrame(
        {
            "nip": [NIP_A, NIP_B, NIP_C],
            "nip_penilai": pd.Categorical([NIP_B, None, NIP_A]),
            "NIP": [NIP_C, NIP_A, None],
            "nama": ["Ani & Budi <Sekretariat>", "  Cici", "Dedi"],
            "nilai_hasil_kerja": [87.25, np.nan, 101.123456789],
            "jumlah_indikator": np.array([5, 0, 12], dtype=np.int64),
            "peringkat_opd": pd.array([1, None, 3], dtype="Int64"),
            "diuji": [True, False, True],
            "tanggal": pd.to_datetime(["2026-01-15", None, "2026-06-30"]),
        }
    )


def _baca(path: Path, **lain) -> pd.DataFrame:
    return pd.read_excel(path, engine="openpyxl", **lain)


def test_bentuk_lembar_siap_dipakai(tabel_campur, tmp_path):
    path = tulis_buku({"skor_pegawai": tabel_campur}, tmp_path / "b.xlsx")
    lembar = load_workbook(path)["skor_pegawai"]
    assert lembar.freeze_panes == "A2"
    assert lembar.auto_filter.ref == "A1:I4"
    assert all(c.font.b for c in lembar[1])
    assert [c.value for c in lembar[1]] == list(tabel_campur.columns)
    a2, b2, c2, d2, e2, f2, g2, h2, i2 = lembar[2]
    for sel in (a2, b2, c2):  # semua kolom NIP: teks berformat @
        assert isinstance(sel.value, str) and len(sel.value) == 18 and sel.number_format == "@"
    assert lembar["B3"].value is None and lembar["C4"].value is None
    assert (e2.value, e2.number_format) == (87.25, "0.0")
    assert lembar["E3"].value is None
    assert (f2.value, f2.number_format) == (5, "General") and isinstance(f2.value, int)
    assert g2.value == 1 and isinstance(g2.value, int) and lembar["G3"].value is None
    assert h2.value is True and lembar["H3"].value is False
    assert i2.number_format == "yyyy-mm-dd" and i2.value.date().isoformat() == "2026-01-15"


def test_lebar_kolom_menurut_isi(tmp_path):
    tabel = pd.DataFrame(
        {
            "nip": [NIP_A],
            "k": ["x"],
            "alasan": ["sangat panjang " * 20],
            "nama_kolom_yang_panjang": [1],
        }
    )
    lembar = load_workbook(tulis_buku({"a": tabel}, tmp_path / "b.xlsx"))["a"]
    lebar = {k: lembar.column_dimensions[k].width for k in "ABCD"}
    assert lebar == {"A": 20, "B": 10, "C": 60, "D": len("nama_kolom_yang_panjang") + 2}


def test_isi_sama_dengan_tabel(tabel_campur, tmp_path):
    """Dibaca kembali: angka persis sama (bukan dibulatkan ke satu desimal), NIP teks utuh."""
    path = tulis_buku({"a": tabel_campur}, tmp_path / "b.xlsx")
    kembali = _baca(path, dtype={"nip": str, "nip_penilai": str, "NIP": str})
    harapan = tabel_campur.astype({"nip_penilai": object, "peringkat_opd": "float64"})
    pd.testing.assert_frame_equal(kembali, harapan, check_dtype=False)
    assert kembali["nilai_hasil_kerja"].iloc[2] == 101.123456789


def test_xml_sah_dan_teks_khusus_utuh(tmp_path):
    """Teks berisi &, <, spasi di tepi, baris baru, '=' di depan (tetap teks, bukan rumus);
    huruf kendali yang tidak sah di XML dibuang; sel melebihi batas Excel dipotong."""
    teks = ["a & b <c>", "  dua spasi  ", "baris\nbaru", "=1+1", "ke\x01ndali", "x" * 40_000]
    path = tulis_buku({"a": pd.DataFrame({"catatan": teks})}, tmp_path / "b.xlsx")
    with zipfile.ZipFile(path) as z:
        for nama in z.namelist():
            minidom.parseString(z.read(nama))  # setiap bagian XML yang sah
    nilai = [c.value for c in load_workbook(path)["a"]["A"][1:]]
    assert nilai[:5] == ["a & b <c>", "  dua spasi  ", "baris\nbaru", "=1+1", "kendali"]
    assert nilai[5] == "x" * 32_767
    assert load_workbook(path)["a"]["A5"].data_type == "s"


def test_lembar_kosong_dan_tanpa_kolom(tmp_path):
    kosong = pd.DataFrame({"nip": pd.Series(dtype="str"), "nilai": pd.Series(dtype="float64")})
    path = tulis_buku({"Belum 20 JP": kosong, "lain": pd.DataFrame()}, tmp_path / "b.xlsx")
    buku = load_workbook(path)
    assert buku.sheetnames == ["Belum 20 JP", "lain"]
    assert [c.value for c in buku["Belum 20 JP"][1]] == ["nip", "nilai"]
    assert buku["Belum 20 JP"].max_row == 1
    assert _baca(path, sheet_name="lain").empty


def test_tabel_melebihi_batas_baris_dipecah(monkeypatch, tmp_path):
    monkeypatch.setattr(excel, "_BARIS_EXCEL", 4)
    tabel = pd.DataFrame({"nip": [NIP_A] * 10, "n": np.arange(10), "x": np.arange(10) / 4})
    path = tulis_buku({"capaian_indikator": tabel, "kecil": tabel.head(2)}, tmp_path / "b.xlsx")
    buku = load_workbook(path)
    assert buku.sheetnames == ["capaian_indikator", "capaian_indikator_2", "capaian_indikator_3",
                               "kecil"]  # fmt: skip
    assert buku["capaian_indikator_3"].auto_filter.ref == "A1:C3"
    bagian = _baca(path, sheet_name=None, dtype={"nip": str})
    gabung = pd.concat([bagian[n] for n in buku.sheetnames[:3]], ignore_index=True)
    pd.testing.assert_frame_equal(gabung, tabel)


@pytest.mark.parametrize(
    ("nama", "judul"),
    [
        (["Dinas PU/Penataan Ruang", "a[1]:b*?"], ["Dinas PU-Penataan Ruang", "a-1--b--"]),
        (["'kutip'"], ["kutip"]),
        (["Dinas Pendidikan dan Kebudayaan A", "Dinas Pendidikan dan Kebudayaan B"],
         ["Dinas Pendidikan dan Kebuday", "Dinas Pendidikan dan Kebud (2)"]),
        (["Per OPD", "per opd"], ["Per OPD", "per opd (2)"]),
    ],
)  # fmt: skip
def test_judul_lembar_yang_diterima_excel(tmp_path, nama, judul):
    """Nama OPD apa pun menjadi judul lembar yang sah: huruf terlarang diganti, paling banyak
    31 huruf, tidak kembar (Excel tidak membedakan huruf besar-kecil)."""
    tabel = pd.DataFrame({"a": [1]})
    path = tulis_buku({n: tabel for n in nama}, tmp_path / "b.xlsx")
    assert load_workbook(path).sheetnames == judul
    assert all(len(j) <= 31 for j in judul)


def test_tulis_buku_gagal_tidak_merusak_buku_lama(monkeypatch, tmp_path):
    path = tulis_buku({"a": pd.DataFrame({"x": [1]})}, tmp_path / "b.xlsx")
    lama = path.read_bytes()

    def patah(lembar, tujuan):
        Path(tujuan).write_bytes(b"PK sebagian")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(excel, "_tulis_xlsx", patah)
    with pytest.raises(Exception, match="Disk penuh"):
        tulis_buku({"a": pd.DataFrame({"x": [2]})}, path)
    assert path.read_bytes() == lama
    assert [p.name for p in tmp_path.iterdir()] == ["b.xlsx"]


def test_buku_sama_persis_untuk_masukan_sama(tmp_path, monkeypatch):
    """Masukan sama, buku Excel sama sampai ke bitnya: tanpa cap waktu saat ditulis di setiap
    bagian zip (lampiran OPD dan kebutuhan_pelatihan.xlsx ikut janji hasil yang deterministik)."""
    import time
    import zipfile

    from asn_analitik.keluaran import tulis_buku

    lembar = {"Data": pd.DataFrame({"nip": ["199001012020121001"], "nilai": [97.5]})}
    tulis_buku(lembar, tmp_path / "a.xlsx")
    nyata = time.time()
    monkeypatch.setattr(time, "time", lambda: nyata + 86_400 * 400)  # jam dinding berbeda
    monkeypatch.setattr(time, "localtime", lambda t=None: time.gmtime(nyata + 86_400 * 400))
    tulis_buku(lembar, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.xlsx") as buku:
        assert {i.date_time for i in buku.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.compress_type for i in buku.infolist()} == {zipfile.ZIP_DEFLATED}
    baca = pd.read_excel(tmp_path / "b.xlsx", dtype={"nip": "str"}, engine="calamine")
    assert baca.equals(lembar["Data"])
