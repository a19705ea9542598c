"""Uji bantuan notebook 01 (``laporan/eksplorasi.py``): bagian ditampilkan sebagai keluaran
biasa, daftar pilihan OPD dan periode menggambarnya ulang, dan tanpa ``ipywidgets`` tetap statis.

Keluaran IPython dicatat dengan mengganti ``display`` dan ``update_display`` di modulnya, karena
uji tidak berjalan di kernel; perilaku di kernel sungguhan diuji lewat papermill
(``tests/test_laporan.py``, ``tests/test_laporan_gangguan.py``).
"""

from __future__ import annotations

import importlib.util
import sys
from types import SimpleNamespace

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure

from asn_analitik import muat, muat_aturan, pilih_periode, skor
from asn_analitik.contoh import folder_contoh
from asn_analitik.galat import ArgumenTidakValid
from asn_analitik.laporan import eksplorasi

BUTUH_IPYWIDGETS = pytest.mark.skipif(
    importlib.util.find_spec("ipywidgets") is None, reason="ipywidgets tidak terpasang (extra lab)"
)
# seaborn 0.13 boxplot memakai vert= yang usang di matplotlib 3.11: bukan urusan kit.
pytestmark = pytest.mark.filterwarnings("ignore:vert. bool was deprecated")


@pytest.fixture(scope="module")
def hasil():
    """Data contoh kit (12 OPD, dua semester): nama kolom dan jenisnya seperti di notebook."""
    return skor(pilih_periode(muat(folder_contoh()), None), "permenpanrb_6_2022", muat_aturan())


@pytest.fixture
def layar(monkeypatch):
    """Catatan keluaran: ``tampil`` dan ``perbarui`` berisi ``(display_id, objek)``."""
    catatan = SimpleNamespace(tampil=[], perbarui=[])

    def tampil(objek, display_id=None, metadata=None, raw=False):
        catatan.tampil.append((display_id, objek))

    def perbarui(objek, display_id, metadata=None):
        catatan.perbarui.append((display_id, objek))

    monkeypatch.setattr(eksplorasi, "display", tampil)
    monkeypatch.setattr(eksplorasi, "update_display", perbarui)
    return catatan


def _opd_dan_periode(p: eksplorasi.Pilihan) -> str:
    """Bagian uji: teks pilihan dan jumlah baris terpilih."""
    return f"{p.opd or '-'}|{p.periode or '-'}|{len(p.terpilih)}"


def test_bagian_ditampilkan_untuk_pilihan_awal(hasil, layar):
    pemilih = eksplorasi.Pemilih(hasil, "2026 s1", "dinas kesehatan")
    pemilih.tampilkan(_opd_dan_periode)
    pemilih.tampilkan(eksplorasi.tabel_banding_periode)
    (ident, teks), (ident_tabel, tabel) = layar.tampil
    n = len(hasil.skor_pegawai.query("opd == 'Dinas Kesehatan' and periode == '2026-S1'"))
    assert teks == f"Dinas Kesehatan|2026-S1|{n}"
    assert "Dinas Kesehatan" in tabel.data and "BKPSDM" not in tabel.data
    assert ident and ident_tabel and ident != ident_tabel


@BUTUH_IPYWIDGETS
def test_mengubah_daftar_pilihan_menggambar_ulang(hasil, layar):
    """Mengisi ``.value`` seperti analis memilih di JupyterLab: setiap bagian diperbarui di
    tempatnya (display id yang sama), untuk OPD dan periode yang baru."""
    pemilih = eksplorasi.Pemilih(hasil, "2026-S1", "Dinas Kesehatan")
    pemilih.tampilkan_pemilih(interaktif=True)
    pemilih.tampilkan(_opd_dan_periode)
    pemilih.tampilkan(eksplorasi.grafik_sebaran_opd)
    pemilih.tampilkan(eksplorasi.tabel_indikator_terlemah)
    pilih_opd, pilih_periode, keterangan = pemilih.widget.children
    ident = [i for i, _ in layar.tampil[1:]]

    pilih_opd.value = "BKPSDM"
    teks, gambar, tabel = (o for _, o in layar.perbarui)
    assert [i for i, _ in layar.perbarui] == ident
    n = len(hasil.skor_pegawai.query("opd == 'BKPSDM' and periode == '2026-S1'"))
    assert teks == f"BKPSDM|2026-S1|{n}"
    assert [t.get_text() for t in gambar.axes[0].get_yticklabels()] == ["BKPSDM"]
    assert keterangan.value.startswith(f"{n} pegawai-periode terpilih dari ")

    layar.perbarui.clear()
    pilih_periode.value = ""
    n = len(hasil.skor_pegawai.query("opd == 'BKPSDM'"))
    assert layar.perbarui[0][1] == f"BKPSDM|-|{n}"

    layar.perbarui.clear()
    pilih_opd.value = ""
    assert layar.perbarui[0][1] == f"-|-|{len(hasil.skor_pegawai)}"
    assert len(gambar.axes[0].get_yticklabels()) == 1  # gambar lama tidak diubah
    assert len(layar.perbarui[1][1].axes[0].get_yticklabels()) == 12


@BUTUH_IPYWIDGETS
def test_pilihan_periode_menyaring_indikator(hasil, layar):
    pemilih = eksplorasi.Pemilih(hasil)
    pemilih.tampilkan_pemilih(interaktif=True)
    pemilih.tampilkan(eksplorasi.tabel_indikator_terlemah)
    pemilih.widget.children[1].value = "2025-S2"
    ci = hasil.capaian_indikator
    lapor = ci[(ci["periode"] == "2025-S2") & (ci["status"] == "dilaporkan")]
    terlemah = lapor.groupby("indikator", observed=True)["capaian"].mean().idxmin()
    assert terlemah in layar.perbarui[0][1].data


@BUTUH_IPYWIDGETS
def test_daftar_pilihan_berisi_semua_opd_dan_periode(hasil, layar):
    pemilih = eksplorasi.Pemilih(hasil, "2025-S2")
    pemilih.tampilkan_pemilih(interaktif=True)
    pilih_opd, pilih_periode, _ = pemilih.widget.children
    assert pilih_opd.options[0] == ("Semua OPD", "") and len(pilih_opd.options) == 13
    assert pilih_periode.options == (
        ("Semua periode", ""),
        ("Semester II 2025", "2025-S2"),
        ("Semester I 2026", "2026-S1"),
    )
    assert (pilih_opd.value, pilih_periode.value) == ("", "2025-S2")
    ((_, bundel),) = layar.tampil
    assert "application/vnd.jupyter.widget-view+json" in bundel
    assert bundel["text/plain"].startswith("Daftar pilihan OPD dan periode")


def test_bagian_yang_gagal_diganti_kalimat(hasil, layar):
    """Galat dari daftar pilihan tidak terlihat di sel mana pun: tampil di tempat bagiannya."""

    def hanya_dinas_kesehatan(p):
        plt.figure()
        if p.opd != "Dinas Kesehatan":
            raise ValueError("bukan Dinas Kesehatan")
        return "ok"

    plt.close("all")
    pemilih = eksplorasi.Pemilih(hasil, opd="Dinas Kesehatan")
    pemilih.tampilkan(hanya_dinas_kesehatan)
    pemilih.pilih(opd="BKPSDM")
    ((_, pengganti),) = layar.perbarui
    assert "Tidak dapat digambar untuk pilihan ini: bukan Dinas Kesehatan" in pengganti.data
    assert plt.get_fignums() == [1]  # gambar setengah jadi ditutup: tidak muncul di sel lain
    plt.close("all")


def test_sel_yang_dijalankan_ulang_tidak_digambar_dua_kali(hasil, layar):
    pemilih = eksplorasi.Pemilih(hasil)
    pemilih.tampilkan(_opd_dan_periode)
    pemilih.tampilkan(_opd_dan_periode)
    pemilih.pilih(opd="BKPSDM")
    assert [i for i, _ in layar.perbarui] == [layar.tampil[1][0]]


def test_tanpa_ipywidgets_tetap_statis(hasil, layar, monkeypatch, capsys):
    """``ipywidgets`` tidak terpasang (extra ``lab`` tidak dipasang): tanpa galat, bagian tetap
    ditampilkan untuk pilihan awal, dan analis diberi tahu cara memasangnya."""
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # import ipywidgets -> ImportError
    pemilih = eksplorasi.Pemilih(hasil, "2026-S1", "BKPSDM")
    pemilih.tampilkan_pemilih(interaktif=True)
    pemilih.tampilkan(_opd_dan_periode)
    assert pemilih.widget is None
    assert 'pip install "ipywidgets>=8"' in capsys.readouterr().out
    assert [o for _, o in layar.tampil] == [f"BKPSDM|2026-S1|{len(pemilih.terpilih)}"]


def test_di_luar_kernel_tanpa_daftar_pilihan(hasil, layar, capsys):
    pemilih = eksplorasi.Pemilih(hasil)
    pemilih.tampilkan_pemilih()
    assert pemilih.widget is None and layar.tampil == [] and capsys.readouterr().out == ""


def test_pilihan_awal_yang_tidak_ada(hasil):
    with pytest.raises(ArgumenTidakValid, match="Periode '2019-S1' tidak ada di data"):
        eksplorasi.Pemilih(hasil, "2019-S1")


@pytest.mark.parametrize(
    "bagian",
    [
        eksplorasi.grafik_sebaran,
        eksplorasi.grafik_sebaran_opd,
        eksplorasi.grafik_predikat_opd,
        eksplorasi.tabel_banding_periode,
        eksplorasi.tabel_indikator_terlemah,
    ],
)
def test_setiap_bagian_untuk_satu_opd_dan_semua(hasil, bagian):
    for periode, opd in [("", ""), ("2026-S1", "BKPSDM")]:
        p = eksplorasi.Pemilih(hasil, periode, opd).pilihan
        objek = bagian(p)
        assert isinstance(objek, Figure) or "<table" in objek.data
        plt.close("all")


def test_banding_periode_satu_opd(hasil):
    p = eksplorasi.Pemilih(hasil, opd="BKPSDM").pilihan
    teks = eksplorasi.tabel_banding_periode(p).data
    assert "BKPSDM" in teks and "Dinas Kesehatan" not in teks


@BUTUH_IPYWIDGETS
def test_di_kernel_sungguhan_keluaran_diperbarui_di_tempatnya():
    """Di kernel Jupyter: bagian tampil sebagai ``display_data`` ber-display id, dan mengubah
    daftar pilihan mengirim ``update_display_data`` dengan id yang sama (yang dipakai JupyterLab
    untuk mengganti keluaran sel itu)."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    pesan = []
    try:
        for kode in [
            "from types import SimpleNamespace\n"
            "import pandas as pd\n"
            "from asn_analitik.laporan import eksplorasi\n"
            "skor = pd.DataFrame({'periode': ['2026-S1'] * 2, 'opd': ['Dinas A', 'Dinas B']})\n"
            "p = eksplorasi.Pemilih(SimpleNamespace(skor_pegawai=skor, capaian_indikator=None))\n"
            "p.tampilkan_pemilih()",
            "p.tampilkan(lambda q: 'OPD terpilih: ' + (q.opd or 'semua'))",
            "p.widget.children[0].value = 'Dinas B'",
        ]:
            balas = kc.execute_interactive(kode, output_hook=pesan.append, timeout=60)
            assert balas["content"]["status"] == "ok", balas["content"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    tampil = [m["content"] for m in pesan if m["msg_type"] == "display_data"]
    perbarui = [m["content"] for m in pesan if m["msg_type"] == "update_display_data"]
    assert "application/vnd.jupyter.widget-view+json" in tampil[0]["data"]
    assert tampil[1]["data"]["text/plain"] == "'OPD terpilih: semua'"
    assert [u["data"]["text/plain"] for u in perbarui] == ["'OPD terpilih: Dinas B'"]
    assert perbarui[0]["transient"]["display_id"] == tampil[1]["transient"]["display_id"]
