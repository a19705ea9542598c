"""Ekspor notebook yang sudah dijalankan menjadi halaman HTML mandiri (dan salindia).

Halaman bisa dibuka tanpa jaringan (dari flashdisk atau lampiran WhatsApp): gambar
disisipkan, dan templat kit (``templat/``) membuang require.js, MathJax, mermaid dan widget
yang pada templat bawaan nbconvert dimuat dari CDN. Kode tidak ditampilkan; keluaran stderr
(peringatan) juga tidak. reveal.js untuk salindia disisipkan utuh dari ``templat/vendor``.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter, SlidesExporter, TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from nbconvert.preprocessors import TagRemovePreprocessor

from ..keluaran import tulis_teks
from ..konfigurasi import TEMPLAT_LAPORAN, VERSI

__all__ = ["TAG_HAPUS", "ekspor_html", "ekspor_salindia"]

_REVEAL = TEMPLAT_LAPORAN / "vendor" / "reveal.js"
#: Sel bertanda ini (mis. petunjuk untuk analis) tidak ikut ke laporan.
TAG_HAPUS = "hapus-di-laporan"
# Sel parameter tidak berkeluaran; di salindia ia akan menjadi halaman kosong.
_TAG_BUANG = {TAG_HAPUS, "parameters", "injected-parameters"}


def _bersihkan(nb: nbformat.NotebookNode, judul: str) -> nbformat.NotebookNode:
    nb = nbformat.from_dict(nb)
    nb.metadata["title"] = judul
    for sel in nb.cells:
        if sel.cell_type == "code":
            sel.outputs = [
                o for o in sel.outputs if not (o.output_type == "stream" and o.name == "stderr")
            ]
    return nb


class _TanpaSup:
    """Ekspor HTML nbconvert tanpa pasca-proses BeautifulSoup.

    nbconvert mengurai ulang seluruh halaman dengan bs4 hanya untuk menambah ``alt`` pada
    gambar (teks Inggris "No description has been provided for this image") dan ``tabindex``
    pada sel; untuk tabel pegawai yang panjang itu 0,2 sampai 0,8 detik per laporan, untuk
    salindia ± 0,3 detik. Teks ``alt`` di sini diisi templat kit dari judul grafik.
    """

    def from_notebook_node(self, nb, resources=None, **kw):
        resources = self._init_resources(resources)
        self.register_filter("highlight_code", Highlight2HTML(parent=self))
        self.register_filter(
            "filter_data_type",
            WidgetsDataTypeFilter(notebook_metadata=nb.metadata, parent=self, resources=resources),
        )
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)


class _EksporLaporan(_TanpaSup, HTMLExporter):
    """Halaman laporan (templat ``laporan_asn``)."""


class _EksporSalindia(_TanpaSup, SlidesExporter):
    """Salindia reveal.js (templat ``salindia_asn``)."""


#: Hanya praproses bawaan nbconvert yang memang aktif. Yang nonaktif (eksekusi, LaTeX, ekstraksi
#: keluaran, ...) tidak mengubah apa pun, tetapi nbconvert memvalidasi seluruh notebook sesudah
#: setiap praproses dalam daftar: 13 validasi menjadi 5 per laporan, dan dengan
#: ``optimistic_validation`` (sekali, sesudah praproses terakhir) menjadi 1.
_PRAPROSES = [
    "nbconvert.preprocessors.TagRemovePreprocessor",
    "nbconvert.preprocessors.RegexRemovePreprocessor",
    "nbconvert.preprocessors.HighlightMagicsPreprocessor",
]


@functools.cache
def _exporter(jenis: str):
    """Satu exporter per jenis per proses: templat Jinja dikompilasi sekali saja."""
    kelas, templat = (_EksporLaporan, "laporan_asn") if jenis == "html" else (
        _EksporSalindia, "salindia_asn")  # fmt: skip
    exporter = kelas(
        template_name=templat,
        extra_template_basedirs=[str(TEMPLAT_LAPORAN)],
        extra_template_paths=[str(TEMPLAT_LAPORAN)],  # bagian bersama, mis. gambar_png.html.j2
        language_code="id",
        default_preprocessors=_PRAPROSES,
        optimistic_validation=True,
    )
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags=_TAG_BUANG, enabled=True), enabled=True
    )
    return exporter


@functools.cache
def _baca(path: Path) -> str:
    return path.read_text(encoding="utf-8")


_KOMENTAR_CSS = re.compile(r"/\*.*?\*/", re.DOTALL)
_URL = re.compile(r"https?://\S+")


@functools.cache
def _css_lab() -> str:
    """CSS JupyterLab yang disisipkan nbconvert, tanpa komentar (komentarnya berisi alamat
    web; halaman laporan tidak menyebut alamat jaringan sama sekali)."""
    lingkungan = _exporter("html").environment
    isi = [lingkungan.loader.get_source(lingkungan, f"static/{n}")[0]
           for n in ("index.css", "theme-light.css")]  # fmt: skip
    return _KOMENTAR_CSS.sub("", "\n".join(isi))


@functools.cache
def _reveal(nama: str) -> str:
    """Berkas reveal.js dengan alamat web di spanduk lisensinya diganti teks (pemberitahuan
    hak cipta tetap ada; lisensi lengkap di ``templat/vendor/reveal.js/LICENSE``)."""
    return _URL.sub("(lihat LICENSE)", _baca(_REVEAL / nama))


def _sumber(sidik: str) -> dict:
    return {
        "asn_css": _baca(TEMPLAT_LAPORAN / "asn.css"),
        "lab_css": _css_lab(),
        "asn_sidik": sidik,
        "asn_versi": VERSI,
    }


def ekspor_html(nb: nbformat.NotebookNode, tujuan: str | Path, judul: str, sidik: str = "") -> Path:
    """Tulis ``nb`` sebagai halaman HTML mandiri tanpa kode ke ``tujuan`` (atomik).

    Parameters
    ----------
    sidik
        Sidik hasil yang menjadi dasar laporan; disimpan di ``<meta name=asn-analitik-sidik>``
        agar jalannya ulang bisa mengenali laporan yang sudah mutakhir.
    """
    sumber = _sumber(sidik)
    teks, _ = _exporter("html").from_notebook_node(_bersihkan(nb, judul), resources=sumber)
    return tulis_teks(teks, Path(tujuan))


def ekspor_salindia(
    nb: nbformat.NotebookNode, tujuan: str | Path, judul: str, sidik: str = ""
) -> Path:
    """Tulis ``nb`` sebagai salindia reveal.js mandiri (tanpa kode) ke ``tujuan``."""
    sumber = _sumber(sidik) | {
        "reveal_js": _reveal("reveal.js"),
        "reveal_css": _reveal("reveal.css"),
        "reveal_tema": _reveal("white.css"),
    }
    teks, _ = _exporter("salindia").from_notebook_node(_bersihkan(nb, judul), resources=sumber)
    return tulis_teks(teks, Path(tujuan))
