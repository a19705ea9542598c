"""``--csv excel-id``: CSV untuk Excel berbahasa Indonesia (``;``, koma desimal, UTF-8 dengan
BOM, NIP ``="..."``) yang dibaca kembali oleh kit dengan angka yang sama; ``--csv standar``
(bawaan) tetap CSV kontrak, byte demi byte."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest
from conftest import NIP_A, NIP_B, NIP_C

import asn_analitik.cli as cli
from asn_analitik.cli import buat_parser, utama
from asn_analitik.keluaran import GAYA_CSV, gaya_csv, gaya_csv_aktif, tulis_tabel
from asn_analitik.masuk.baca import baca_tabel
from asn_analitik.masuk.muat import muat
from asn_analitik.masuk.nip import bakukan_nip

AKAR = Path(__file__).resolve().parents[1]
_RUMUS = re.compile(r'"=""([0-9]+)"""')


@pytest.fixture(scope="module")
def contoh(tmp_path_factory) -> dict[str, Path]:
    """Data contoh kecil (120 pegawai) dalam kedua gaya, dari perintah ``contoh``."""
    akar = tmp_path_factory.mktemp("contoh")
    for gaya in GAYA_CSV:
        assert utama(["contoh", "--keluaran", str(akar / gaya), "--pegawai", "120",
                      "--csv", gaya]) == 0  # fmt: skip
    return {g: akar / g for g in GAYA_CSV}


def _kolom_nip(path: Path, pemisah: str) -> list[str]:
    header = path.read_text(encoding="utf-8-sig").splitlines()[0]
    return [k.strip('"') for k in header.split(pemisah) if k.strip('"').lower().startswith("nip")]


def baca_standar(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=dict.fromkeys(_kolom_nip(path, ","), str))


def baca_excel_id(path: Path) -> pd.DataFrame:
    """Seperti Excel (atau analis dengan pandas) membacanya: ``;`` dan koma desimal; sel
    ``="<digit>"`` (kolom NIP, dan teks digit panjang di kolom lain) menjadi teks digit itu."""
    nip = _kolom_nip(path, ";")
    data = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig",
                       dtype=dict.fromkeys(nip, str))  # fmt: skip
    for k in data.columns:
        if k in nip or data[k].dtype == object or pd.api.types.is_string_dtype(data[k]):
            data[k] = data[k].str.replace(r'^="([0-9]+)"$', r"\1", regex=True)
    return data


def simpan_ulang_excel(folder: Path, tujuan: Path) -> Path:
    """Seperti Excel menyimpan ulang CSV itu: sel ``="..."`` menjadi digit biasa, baris CRLF."""
    tujuan.mkdir()
    for p in folder.glob("*.csv"):
        teks = _RUMUS.sub(r"\1", p.read_text(encoding="utf-8-sig"))
        (tujuan / p.name).write_bytes(codecs.BOM_UTF8 + teks.replace("\n", "\r\n").encode())
    return tujuan


# --- Bentuk berkas -----------------------------------------------------------------------------


@pytest.fixture
def tabel() -> pd.DataFrame:
    """NIP (teks, kategori, kosong, bukan digit), pecahan, bulat, teks berisi ; dan tanggal."""
    return pd.DataFrame(
        {
            "nip": pd.Categorical([NIP_A, NIP_B, NIP_C]),
            "nip_penilai": [NIP_B, None, "bukan nip"],
            "nama": ["Ani; S.E.", "Budi", "Cici, S.Sos."],
            "nilai": [87.25, None, 1234567.5],
            "jumlah": [3, 0, 12],
            "tanggal": ["2026-01-15", "2026-06-30", None],
        }
    )


def test_standar_tetap_csv_kontrak_byte_demi_byte(tabel, tmp_path):
    path = tulis_tabel(tabel, tmp_path, "t")
    harapan = tmp_path / "harapan.csv"
    pacsv.write_csv(pa.Table.from_pandas(tabel, preserve_index=False), harapan,
                    pacsv.WriteOptions(quoting_style="needed"))  # fmt: skip
    assert path.read_bytes() == harapan.read_bytes()
    assert not path.read_bytes().startswith(codecs.BOM_UTF8)


def test_bentuk_excel_id(tabel, tmp_path):
    with gaya_csv("excel-id"):
        path = tulis_tabel(tabel, tmp_path, "t")
    isi = path.read_bytes()
    assert isi.startswith(codecs.BOM_UTF8)
    baris = isi[3:].decode().splitlines()
    assert baris[0] == '"nip";"nip_penilai";"nama";"nilai";"jumlah";"tanggal"'
    assert baris[1] == f'"=""{NIP_A}""";"=""{NIP_B}""";"Ani; S.E.";"87,25";3;"2026-01-15"'
    assert baris[2] == f'"=""{NIP_B}""";;"Budi";;0;"2026-06-30"'
    assert baris[3] == f'"=""{NIP_C}""";"bukan nip";"Cici, S.Sos.";"1234567,5";12;'
    assert gaya_csv_aktif() == "standar"  # hanya di dalam blok


def test_excel_id_melindungi_digit_panjang_di_kolom_mana_pun(tmp_path):
    """Teks digit sepanjang 12 atau lebih di kolom bukan NIP (NIP di ``nilai``, NIK) juga
    ``="..."``, karena Excel menampilkannya 1,98609E+17 dan memotongnya ke 15 angka; teks digit
    yang lebih pendek, teks bercampur huruf atau spasi, dan bilangan bulat tidak berubah. CSV
    standar tidak berubah sama sekali."""
    tabel = pd.DataFrame(
        {
            "nilai": [NIP_A, "3201011501900001", "12345678901", f"{NIP_B} "],
            "nik": pd.Categorical(["123456789012", None, "x123456789012", "0012345678901"]),
            "jumlah": [198609262015051001, 1, 2, 3],
        }
    )
    with gaya_csv("excel-id"):
        path = tulis_tabel(tabel, tmp_path, "t")
    baris = path.read_bytes()[3:].decode().splitlines()
    assert baris[1:] == [
        f'"=""{NIP_A}""";"=""123456789012""";198609262015051001',
        '"=""3201011501900001""";;1',
        '"12345678901";"x123456789012";2',
        f'"{NIP_B} ";"=""0012345678901""";3',
    ]
    standar = tulis_tabel(tabel, tmp_path / "standar", "t").read_text()
    assert '="' not in standar
    assert f'\n"{NIP_A}","123456789012",198609262015051001\n' in standar


def test_validasi_excel_id_nip_di_kolom_nilai(buat_folder, tmp_path):
    """``ditolak.csv``: NIP yang ditolak tertulis di kolom ``nilai`` (bukan kolom NIP), tetap
    dibungkus ``="..."`` sehingga Excel menampilkan 18 digitnya utuh."""
    folder = buat_folder(
        {
            "pegawai": [{"nip": NIP_A, "nama": "A", "opd": "Dinas X", "nip_atasan": NIP_C}],
            "indikator": [{"nip": NIP_A, "periode": "2026-S1", "indikator": "L",
                           "aspek": "kuantitas", "target": "10", "realisasi": "8"}],
        }
    )  # fmt: skip
    assert utama(["validasi", "--data", str(folder), "--keluaran", str(tmp_path / "k"),
                  "--csv", "excel-id"]) == 1  # fmt: skip
    ditolak = baca_excel_id(tmp_path / "k" / "ditolak.csv")
    baris = ditolak[ditolak["kolom"] == "nip_atasan"]
    assert baris["nilai"].tolist() == [NIP_C]
    assert f'"=""{NIP_C}"""' in (tmp_path / "k" / "ditolak.csv").read_text(encoding="utf-8-sig")


def test_gaya_tidak_dikenal_ditolak():
    with pytest.raises(ValueError, match="excel-id"), gaya_csv("excel"):
        pass


# --- Pilihan --csv di setiap perintah yang menulis CSV ------------------------------------------

PERINTAH = [
    ["contoh", "--keluaran", "K"],
    ["validasi", "--data", "D", "--keluaran", "K"],
    ["skor", "--data", "D", "--keluaran", "K"],
    ["klaster", "--data", "D", "--keluaran", "K"],
    ["kalibrasi", "--data", "D", "--keluaran", "K"],
    ["tren", "--data", "D", "--keluaran", "K"],
    ["laporan", "--data", "D", "--keluaran", "K"],
    ["impor", "ekinerja", "M", "--keluaran", "K"],
    ["impor", "siasn", "M", "--keluaran", "K"],
]


@pytest.mark.parametrize("argumen", PERINTAH, ids=lambda a: " ".join(a[:2]))
def test_pilihan_csv_di_setiap_perintah(argumen):
    parser = buat_parser()
    assert parser.parse_args(argumen).csv == "standar"
    assert parser.parse_args([*argumen, "--csv", "excel-id"]).csv == "excel-id"


def test_pilihan_csv_sama_dengan_keluaran():
    assert cli._GAYA_CSV == GAYA_CSV


def test_pilihan_csv_tidak_sah(capsys):
    with pytest.raises(SystemExit) as keluar:
        buat_parser().parse_args(["skor", "--data", "D", "--keluaran", "K", "--csv", "excel"])
    assert keluar.value.code == 2
    assert "pilihan tidak sah: 'excel'" in capsys.readouterr().err


def test_laporan_menulis_csv_dalam_gaya_pilihan(monkeypatch, tmp_path):
    """``laporan`` menulis tabelnya lewat ``tulis_tabel`` di dalam blok gaya dari ``--csv``."""
    import asn_analitik.laporan.jalankan as jalankan

    terlihat = []

    def palsu(*a, **k):
        terlihat.append(gaya_csv_aktif())
        raise SystemExit(0)

    monkeypatch.setattr(jalankan, "jalankan_laporan", palsu)
    with pytest.raises(SystemExit):
        utama(["laporan", "--data", "D", "--keluaran", str(tmp_path), "--csv", "excel-id"])
    assert terlihat == ["excel-id"]


def test_contoh_ekinerja_menolak_csv(tmp_path, capsys):
    kode = utama(["contoh", "--format", "ekinerja", "--keluaran", str(tmp_path / "e"),
                  "--csv", "excel-id"])  # fmt: skip
    err = capsys.readouterr().err.strip()
    assert kode == 2 and err.count("\n") == 0 and "--csv hanya berlaku untuk --format tabel" in err


# --- Pulang pergi: ditulis excel-id, dibaca kit, angka sama -----------------------------------


def test_contoh_excel_id_dinilai_sama_dengan_contoh_standar(contoh, tmp_path):
    """(a) ``contoh --csv excel-id`` lalu ``skor``: hasil sama persis dengan dari contoh standar."""
    for gaya, data in contoh.items():
        assert utama(["skor", "--data", str(data), "--keluaran", str(tmp_path / gaya)]) == 0
    for nama in ("skor_pegawai.csv", "capaian_indikator.csv", "ditolak.csv", "dikecualikan.csv"):
        assert (tmp_path / "excel-id" / nama).read_bytes() == (
            tmp_path / "standar" / nama
        ).read_bytes(), nama


def test_contoh_excel_id_lolos_validasi(contoh, capsys):
    """(b) ``validasi`` menerima setiap baris data contoh excel-id."""
    assert utama(["validasi", "--data", str(contoh["excel-id"])]) == 0
    assert "Tidak ada masalah: semua baris sah." in capsys.readouterr().out
    data = muat(contoh["excel-id"])
    assert data.tabel["pegawai"]["nip"].astype(str).str.fullmatch("[0-9]{18}").all()


@pytest.mark.parametrize("perintah", ["skor", "kalibrasi", "tren", "klaster"])
def test_keluaran_excel_id_bernilai_sama(contoh, tmp_path, perintah):
    """(c) Setiap CSV keluaran excel-id, dibaca dengan ``;`` dan koma desimal, sama dengan yang
    standar; kolom NIP (``nip``, ``nip_penilai``, ...) tepat NIP 18 digit."""
    data = str(contoh["standar"])
    for gaya in GAYA_CSV:
        argumen = [perintah, "--data", data, "--keluaran", str(tmp_path / gaya), "--csv", gaya]
        assert utama(argumen) == 0
    standar = sorted(p.name for p in (tmp_path / "standar").glob("*.csv"))
    assert standar == sorted(p.name for p in (tmp_path / "excel-id").glob("*.csv"))
    ada_nip = set()
    for nama in standar:
        a = baca_standar(tmp_path / "standar" / nama)
        b = baca_excel_id(tmp_path / "excel-id" / nama)
        pd.testing.assert_frame_equal(a, b, obj=nama)
        for k in _kolom_nip(tmp_path / "standar" / nama, ","):
            isi = b[k].dropna()
            assert isi.str.fullmatch("[0-9]{18}").all(), (nama, k)
            ada_nip.add(k)
    assert "nip" in ada_nip
    if perintah == "kalibrasi":
        assert "nip_penilai" in ada_nip
    manifest = json.loads((tmp_path / "excel-id" / "manifest.json").read_text())
    assert manifest["parameter"]["csv"] == "excel-id"


def test_keluaran_excel_id_dibaca_pembaca_kit(contoh, tmp_path):
    """(c) Pembaca CSV kit mengenali pemisah ``;`` dan koma desimal berkas excel-id, dan NIP-nya
    menjadi 18 digit yang sama."""
    data = str(contoh["standar"])
    for gaya in GAYA_CSV:
        utama(["skor", "--data", data, "--keluaran", str(tmp_path / gaya), "--csv", gaya])
    standar = baca_tabel(tmp_path / "standar" / "skor_pegawai.csv")
    excel_id = baca_tabel(tmp_path / "excel-id" / "skor_pegawai.csv")
    assert (standar.pemisah, excel_id.pemisah, excel_id.desimal_koma) == (",", ";", True)
    assert bakukan_nip(excel_id.data["nip"]).tolist() == standar.data["nip"].tolist()
    koma = excel_id.data["nilai_hasil_kerja"].str.replace(",", ".").tolist()
    assert koma == standar.data["nilai_hasil_kerja"].tolist()


def test_disimpan_ulang_excel_tetap_diterima(contoh, tmp_path, capsys):
    """(d) Excel menyimpan ulang: ``="..."`` menjadi digit biasa, baris CRLF; tetap sah dan
    dinilai sama."""
    ulang = simpan_ulang_excel(contoh["excel-id"], tmp_path / "ulang")
    assert '"=""' not in (ulang / "pegawai.csv").read_text(encoding="utf-8-sig")
    assert utama(["validasi", "--data", str(ulang)]) == 0
    assert "semua baris sah" in capsys.readouterr().out
    for nama, data in (("ulang", ulang), ("standar", contoh["standar"])):
        assert utama(["skor", "--data", str(data), "--keluaran", str(tmp_path / f"s_{nama}")]) == 0
    for berkas in ("skor_pegawai.csv", "capaian_indikator.csv"):
        assert (tmp_path / "s_ulang" / berkas).read_bytes() == (
            tmp_path / "s_standar" / berkas
        ).read_bytes()


def test_impor_excel_id_dinilai_sama(tmp_path):
    """``impor ekinerja --csv excel-id``: folder data yang dinilai sama dengan yang standar."""
    for gaya in GAYA_CSV:
        argumen = ["impor", "ekinerja", str(AKAR / "data" / "contoh_ekinerja"), "--keluaran",
                   str(tmp_path / f"data_{gaya}"), "--csv", gaya]  # fmt: skip
        assert utama(argumen) == 0
        assert utama(["skor", "--data", str(tmp_path / f"data_{gaya}"), "--keluaran",
                      str(tmp_path / f"skor_{gaya}")]) == 0  # fmt: skip
    assert (tmp_path / "data_excel-id" / "pegawai.csv").read_bytes().startswith(codecs.BOM_UTF8)
    assert (tmp_path / "skor_excel-id" / "skor_pegawai.csv").read_bytes() == (
        tmp_path / "skor_standar" / "skor_pegawai.csv"
    ).read_bytes()


def test_validasi_keluaran_excel_id(buat_folder, tmp_path):
    folder = buat_folder({"indikator": [{"nip": NIP_A, "periode": "2026-S1", "indikator": "L",
                          "aspek": "kuantitas", "target": "x"}]})  # fmt: skip
    assert utama(["validasi", "--data", str(folder), "--keluaran", str(tmp_path / "k"),
                  "--csv", "excel-id"]) == 1  # fmt: skip
    isi = (tmp_path / "k" / "ditolak.csv").read_bytes()
    assert isi.startswith(codecs.BOM_UTF8) and b'"berkas";"baris";"kolom";"nilai";"alasan"' in isi


# --- NIP berbungkus rumus di data masukan ------------------------------------------------------


@pytest.mark.parametrize("pemisah", [",", ";"])
def test_nip_berbungkus_rumus_di_masukan(buat_folder, pemisah):
    """Sel ``="198..."`` (CSV dari sistem lain atau dari ``--csv excel-id``) dibaca sebagai NIP
    itu, di semua kolom NIP."""
    f = '="{}"'.format
    folder = buat_folder(
        {
            "pegawai": [
                {"nip": f(NIP_A), "nama": "A", "opd": "Dinas X"},
                {"nip": f(NIP_B), "nama": "B", "opd": "Dinas X", "nip_atasan": f(NIP_A)},
            ],
            "indikator": [
                {"nip": f(NIP_B), "periode": "2026-S1", "indikator": "L", "aspek": "kuantitas",
                 "target": "10", "realisasi": "8,5" if pemisah == ";" else "8.5"},
            ],
            "evaluasi_atasan": [
                {"nip": f(NIP_B), "periode": "2026-S1", "rating_hasil_kerja": "sesuai",
                 "rating_perilaku": "sesuai", "nip_penilai": f(NIP_A)},
            ],
        },
        pemisah=pemisah,
    )  # fmt: skip
    data = muat(folder)
    assert data.jumlah()["pegawai"]["ditolak"] == 0
    assert data.jumlah()["indikator"]["dinilai"] == 1
    assert data.tabel["pegawai"]["nip"].astype(str).tolist() == [NIP_A, NIP_B]
    assert data.tabel["pegawai"]["nip_atasan"].astype(str).tolist()[1] == NIP_A
    assert data.tabel["evaluasi_atasan"]["nip_penilai"].astype(str).tolist() == [NIP_A]
    assert data.tabel["indikator"]["realisasi"].tolist() == [8.5]


def test_nip_berbungkus_rumus_tanpa_kutip(buat_folder):
    """Bentuk lazim dari sistem lain: ``="198..."`` tanpa tanda kutip di luar sel."""
    folder = buat_folder(
        {
            "pegawai": f'nip;nama;opd\n="{NIP_A}";A;Dinas X\n',
            "indikator": f'nip;periode;indikator;aspek;target;realisasi\n="{NIP_A}";2026-S1;L;'
            "kuantitas;10;8,5\n",
        }
    )
    data = muat(folder)
    assert data.ditolak.empty
    assert data.tabel["indikator"]["nip"].astype(str).tolist() == [NIP_A]
