"""Bantuan notebook ``01_eksplorasi``: bagian per OPD dan periode, dan daftar pilihan yang
menggambarnya ulang di JupyterLab.

Setiap bagian adalah fungsi ``bagian(pilihan) -> gambar atau HTML`` (mis.
:func:`grafik_sebaran`). :meth:`Pemilih.tampilkan` menampilkannya sebagai keluaran biasa
bertanda *display id*, untuk periode dan OPD dari sel parameter: di papermill keluarannya
statis, sama seperti tanpa daftar pilihan. :meth:`Pemilih.tampilkan_pemilih` menambahkan,
hanya bila ``ipywidgets`` terpasang dan notebook berjalan di kernel, dua daftar pilihan (OPD,
periode); mengubahnya menggambar ulang setiap bagian di tempatnya (``update_display``). Tanpa
``ipywidgets`` notebook tetap berjalan, hanya tanpa daftar pilihan.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from IPython.display import HTML, display, update_display
from matplotlib.figure import Figure

from ..masuk.periode import urutkan_periode
from . import grafik, ringkasan
from . import tampilan as tp

if TYPE_CHECKING:
    from ..nilai.skor import HasilSkor

__all__ = [
    "Pemilih",
    "Pilihan",
    "grafik_predikat_opd",
    "grafik_sebaran",
    "grafik_sebaran_opd",
    "tabel_banding_periode",
    "tabel_indikator_terlemah",
]

_SEMUA_OPD = "Semua OPD"
_SEMUA_PERIODE = "Semua periode"


@dataclass(frozen=True)
class Pilihan:
    """Satu pilihan OPD dan periode (kosong: semua) dan baris yang terpilih olehnya.

    Attributes
    ----------
    semua
        ``skor_pegawai`` semua OPD dan periode.
    capaian
        ``capaian_indikator`` semua OPD dan periode.
    terpilih
        Baris ``semua`` untuk ``periode`` dan ``opd``.
    periode, opd
        Dalam ejaan data; ``""`` berarti tidak disaring.
    """

    semua: pd.DataFrame
    capaian: pd.DataFrame
    terpilih: pd.DataFrame
    periode: str
    opd: str


Bagian = Callable[[Pilihan], object]


def _ipywidgets():
    """Modul ``ipywidgets``, atau ``None`` bila tidak terpasang (extra ``lab``)."""
    try:
        import ipywidgets
    except ImportError:
        return None
    return ipywidgets


def _di_kernel() -> bool:
    """Berjalan di kernel Jupyter (JupyterLab, papermill), bukan di Python biasa."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ikut ipykernel
        return False
    return getattr(get_ipython(), "kernel", None) is not None


def _tampil(objek, display_id: str, perbarui: bool) -> None:
    """Tampilkan atau perbarui ``objek``; gambar matplotlib diberi teks alternatif lalu ditutup."""
    metadata = None
    if isinstance(objek, Figure):
        judul = " / ".join(ax.get_title() for ax in objek.axes if ax.get_title()) or "Grafik"
        metadata = {"image/png": {"alt": judul}}
    if perbarui:
        update_display(objek, display_id=display_id, metadata=metadata)
    else:
        display(objek, display_id=display_id, metadata=metadata)
    if isinstance(objek, Figure):
        plt.close(objek)


class Pemilih:
    """Pilihan OPD dan periode yang dipakai bagian-bagian notebook eksplorasi.

    Parameters
    ----------
    hasil
        Hasil :func:`asn_analitik.skor` untuk semua periode (``skor_pegawai``,
        ``capaian_indikator``).
    periode, opd
        Pilihan awal seperti ditulis analis (``2026 s1``, ``dinas kesehatan``); kosong: semua.

    Raises
    ------
    ArgumenTidakValid
        Periode atau OPD awal tidak ada di data (lihat :func:`ringkasan.saring`).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> skor = pd.DataFrame({"periode": ["2026-S1", "2025-S2"], "opd": ["Dinas Sosial"] * 2})
    >>> p = Pemilih(SimpleNamespace(skor_pegawai=skor, capaian_indikator=None), "2026 s1")
    >>> p.pilihan.periode, len(p.terpilih)
    ('2026-S1', 1)
    >>> p.pilih(periode="")
    >>> len(p.terpilih)
    2
    """

    def __init__(self, hasil: HasilSkor, periode: str = "", opd: str = ""):
        self.semua = hasil.skor_pegawai
        self.capaian = hasil.capaian_indikator
        self.pilihan = self._saring(periode, opd)
        self._bagian: dict[Bagian, str] = {}
        self.widget = None

    @property
    def terpilih(self) -> pd.DataFrame:
        """Baris ``skor_pegawai`` untuk pilihan sekarang."""
        return self.pilihan.terpilih

    def _saring(self, periode: str, opd: str) -> Pilihan:
        terpilih, periode, opd = ringkasan.saring(self.semua, periode, opd)
        return Pilihan(self.semua, self.capaian, terpilih, periode, opd)

    def tampilkan(self, bagian: Bagian) -> None:
        """Tampilkan ``bagian(pilihan)`` di sel ini, dan gambar ulang setiap kali pilihan
        berubah. Menjalankan ulang sel yang sama menggantikan pendaftaran sebelumnya."""
        ident = uuid.uuid4().hex
        self._bagian[bagian] = ident
        _tampil(bagian(self.pilihan), ident, perbarui=False)

    def pilih(self, periode: str | None = None, opd: str | None = None) -> None:
        """Ganti pilihan (``None``: tetap) dan gambar ulang semua bagian yang ditampilkan.

        Bagian yang gagal untuk pilihan ini (mis. OPD tanpa pegawai di periode itu) diganti
        satu kalimat: di JupyterLab galat dari daftar pilihan tidak terlihat di sel mana pun.
        """
        self.pilihan = self._saring(
            self.pilihan.periode if periode is None else periode,
            self.pilihan.opd if opd is None else opd,
        )
        for bagian, ident in self._bagian.items():
            sudah_ada = set(plt.get_fignums())
            try:
                objek = bagian(self.pilihan)
            except Exception as galat:  # ditampilkan di tempat bagian itu, bukan hilang di log
                for nomor in set(plt.get_fignums()) - sudah_ada:  # gambar setengah jadi
                    plt.close(nomor)
                objek = HTML(tp.tidak_tersedia(f"Tidak dapat digambar untuk pilihan ini: {galat}"))
            _tampil(objek, ident, perbarui=True)
        if self.widget is not None:
            self.widget.children[-1].value = self._keterangan()

    def _keterangan(self) -> str:
        n, total = tp.angka_id(len(self.terpilih)), tp.angka_id(len(self.semua))
        return f"{n} pegawai-periode terpilih dari {total}"

    def tampilkan_pemilih(self, interaktif: bool | None = None) -> None:
        """Daftar pilihan OPD dan periode yang menggambar ulang bagian-bagian di bawahnya.

        Daftarnya (``ipywidgets.HBox``) disimpan di ``widget``. Tanpa ``ipywidgets`` hanya
        dicetak cara memasangnya; bagian-bagian tetap digambar untuk pilihan awal.

        Parameters
        ----------
        interaktif
            ``None``: hanya bila berjalan di kernel Jupyter. ``False``: tidak ada apa pun.
        """
        if not (_di_kernel() if interaktif is None else interaktif):
            return
        widgets = _ipywidgets()
        if widgets is None:
            print(
                'Daftar pilihan OPD dan periode butuh ipywidgets: pip install "ipywidgets>=8" '
                '(atau pip install -e ".[lab]"), lalu mulai ulang kernel. Bagian di bawah '
                "memakai parameter periode dan opd."
            )
            return
        periode = urutkan_periode(self.semua["periode"].astype("str").unique())
        opd = sorted(self.semua["opd"].astype("str").unique())
        pilih_opd = widgets.Dropdown(
            options=[(_SEMUA_OPD, ""), *((o, o) for o in opd)],
            value=self.pilihan.opd,
            description="OPD",
        )
        pilih_periode = widgets.Dropdown(
            options=[(_SEMUA_PERIODE, ""), *((tp.nama_periode(p), p) for p in periode)],
            value=self.pilihan.periode,
            description="Periode",
        )
        pilih_opd.observe(lambda ubah: self.pilih(opd=ubah["new"]), names="value")
        pilih_periode.observe(lambda ubah: self.pilih(periode=ubah["new"]), names="value")
        self.widget = widgets.HBox([pilih_opd, pilih_periode, widgets.Label(self._keterangan())])
        # Penampil tanpa widget (nbconvert, GitHub) menampilkan kalimat ini, bukan repr HBox.
        bundel = self.widget._repr_mimebundle_()
        bundel["text/plain"] = "Daftar pilihan OPD dan periode (hanya di JupyterLab)."
        display(bundel, raw=True)


# ---------------------------------------------------------------- bagian notebook 01


def grafik_sebaran(p: Pilihan) -> Figure:
    """Sebaran nilai hasil kerja per periode; garis titik di 90 (batas Sesuai Ekspektasi) dan
    110 (Di Atas Ekspektasi)."""
    fig, ax = plt.subplots(figsize=(9, 4))
    sns.histplot(p.terpilih, x="nilai_hasil_kerja", hue="periode", bins=40, element="step", ax=ax)
    for batas in (90, 110):
        ax.axvline(batas, color="#636363", linestyle=":")
    ax.set(xlabel="Nilai hasil kerja", ylabel="Jumlah pegawai")
    return fig


def grafik_sebaran_opd(p: Pilihan) -> Figure:
    """Kotak nilai hasil kerja per OPD, urut median."""
    t = p.terpilih
    fig, ax = plt.subplots(figsize=(9, 0.4 * t["opd"].nunique() + 1.5))
    urutan = t.groupby("opd", observed=True)["nilai_hasil_kerja"].median().sort_values().index
    sns.boxplot(t, x="nilai_hasil_kerja", y="opd", order=urutan, color="#a6cee3", ax=ax)
    ax.set(xlabel="Nilai hasil kerja", ylabel="")
    return fig


def grafik_predikat_opd(p: Pilihan) -> Figure:
    """Porsi tiap predikat per OPD."""
    return grafik.grafik_predikat_per_opd(ringkasan.predikat_per_opd(p.terpilih))


def tabel_banding_periode(p: Pilihan) -> HTML:
    """Rata-rata nilai hasil kerja per OPD di setiap periode (semua periode, OPD terpilih)."""
    skor = p.semua if not p.opd else p.semua[p.semua["opd"] == p.opd]
    banding = ringkasan.banding_periode(skor)
    return HTML(tp.tabel_html(banding, desimal={k: 1 for k in banding.columns if k != "OPD"}))


def tabel_indikator_terlemah(p: Pilihan, n: int = 15) -> HTML:
    """Indikator dengan rata-rata capaian terendah untuk pilihan ini."""
    ci = p.capaian
    if p.periode:
        ci = ci[ci["periode"] == p.periode]
    if p.opd:
        ci = ci[ci["nip"].isin(p.terpilih["nip"])]
    tabel = ringkasan.indikator_terlemah(ci, n=n)
    return HTML(tp.tabel_html(tabel, desimal={"Rata-rata capaian": 1, "Capaian terendah": 1}))
