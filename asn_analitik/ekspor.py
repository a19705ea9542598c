"""Ekspor notebook yang sudah dijalankan menjadi halaman HTML mandiri (dan salindia).

Halaman bisa dibuka tanpa jaringan (dari flashdisk atau lampiran WhatsApp): gambar
disisipkan, dan templat kit (``templat/``) membuang require.js, MathJax, mermaid dan widget
yang pada templat bawaan nbconvert dimuat dari CDN. Kode tidak ditampilkan; keluaran stderr
(peringatan) juga tidak. reveal.js untuk salindia disisipkan utuh dari ``templat/vendor``.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter, SlidesExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from . import __version__

__all__ = ["TAG_HAPUS", "ekspor_html", "ekspor_salindia"]

TEMPLAT = Path(__file__).resolve().parent / "templat"
_REVEAL = TEMPLAT / "vendor" / "reveal.js"
#: Sel bertanda ini (mis. petunjuk untuk analis) tidak ikut ke laporan.
TAG_HAPUS = "hapus-di-laporan"


def _bersihkan(nb: nbformat.NotebookNode, judul: str) -> nbformat.NotebookNode:
    nb = nbformat.from_dict(nb)
    nb.metadata["title"] = judul
    for sel in nb.cells:
        if sel.cell_type == "code":
            sel.outputs = [
                o for o in sel.outputs if not (o.output_type == "stream" and o.name == "stderr")
            ]
    return nb


def _siapkan(exporter, sidik: str):
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={TAG_HAPUS}, enabled=True), enabled=True
    )
    return {
        "asn_css": (TEMPLAT / "asn.css").read_text(encoding="utf-8"),
        "asn_sidik": sidik,
        "asn_versi": __version__,
    }


def _tulis(teks: str, tujuan: Path) -> Path:
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    sementara = tujuan.with_name(f".{tujuan.name}.sementara")
    sementara.write_text(teks, encoding="utf-8")
    os.replace(sementara, tujuan)
    return tujuan


def ekspor_html(nb: nbformat.NotebookNode, tujuan: str | Path, judul: str, sidik: str = "") -> Path:
    """Tulis ``nb`` sebagai halaman HTML mandiri tanpa kode ke ``tujuan`` (atomik).

    Parameters
    ----------
    sidik
        Sidik hasil yang menjadi dasar laporan; disimpan di ``<meta name=asn-analitik-sidik>``
        agar jalannya ulang bisa mengenali laporan yang sudah mutakhir.
    """
    exporter = HTMLExporter(
        template_name="laporan_asn", extra_template_basedirs=[str(TEMPLAT)], language_code="id"
    )
    sumber = _siapkan(exporter, sidik)
    teks, _ = exporter.from_notebook_node(_bersihkan(nb, judul), resources=sumber)
    return _tulis(teks, Path(tujuan))


def ekspor_salindia(
    nb: nbformat.NotebookNode, tujuan: str | Path, judul: str, sidik: str = ""
) -> Path:
    """Tulis ``nb`` sebagai salindia reveal.js mandiri (tanpa kode) ke ``tujuan``."""
    exporter = SlidesExporter(
        template_name="salindia_asn", extra_template_basedirs=[str(TEMPLAT)], language_code="id"
    )
    sumber = _siapkan(exporter, sidik)
    sumber |= {
        "reveal_js": (_REVEAL / "reveal.js").read_text(encoding="utf-8"),
        "reveal_css": (_REVEAL / "reveal.css").read_text(encoding="utf-8"),
        "reveal_tema": (_REVEAL / "white.css").read_text(encoding="utf-8"),
    }
    teks, _ = exporter.from_notebook_node(_bersihkan(nb, judul), resources=sumber)
    return _tulis(teks, Path(tujuan))
