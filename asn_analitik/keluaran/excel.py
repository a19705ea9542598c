"""Buku Excel yang siap dipakai analis (:func:`tulis_buku`).

Setiap lembar: header tebal yang dibekukan, filter otomatis atas seluruh data, lebar kolom
menurut isinya (10 sampai 60 karakter), pecahan sebagai angka sungguhan yang tampil dengan satu
desimal (format 0.0), bilangan bulat sebagai bilangan bulat, tanggal sebagai tanggal, dan kolom
NIP (kolom_nip) sebagai teks berformat @, sehingga Excel tidak pernah menampilkannya sebagai
1,98103E+17. XML lembar disusun per kolom dengan pyarrow, tanpa perulangan Python per sel:
openpyxl menulis sel satu per satu (sekitar 20 mikrodetik per sel bergaya), terlalu lambat
untuk lembar sejuta baris. Bagian lain buku (daftar lembar, gaya) kecil dan tetap.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .atomik import _tulis_atomik

__all__ = ["kolom_nip", "tulis_buku"]

#: Batas baris satu lembar Excel, di luar header; tabel yang lebih panjang dipecah.
_BARIS_EXCEL = 1_048_575
_LEBAR_MIN, _LEBAR_MAKS = 10, 60
_BATAS_SEL = 32_767  # huruf terbanyak dalam satu sel Excel
_SEL_PER_POTONGAN = 2_000_000  # sel per potongan XML (membatasi memori)
_ZIP64_SETELAH = 1 << 30  # perkiraan ukuran XML lembar yang butuh ZIP64
#: Cap waktu tetap setiap bagian zip: masukan sama, buku sama persis sampai ke bitnya.
_WAKTU_ZIP = (1980, 1, 1, 0, 0, 0)


def _bagian_zip(nama: str) -> zipfile.ZipInfo:
    """Entri zip tanpa cap waktu saat ditulis, dengan kompresi tingkat 1 (tiga kali lebih
    cepat dari bawaan 6, berkas seperempat lebih besar)."""
    info = zipfile.ZipInfo(nama, date_time=_WAKTU_ZIP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = 1  # ZipInfo.compress_level sejak Python 3.13; nama lama tetap berlaku
    info.external_attr = 0o600 << 16  # seperti ZipFile.writestr dengan nama
    return info


# Indeks gaya sel (cellXfs di styles.xml).
_BIASA, _HEADER, _DESIMAL, _TEKS, _TANGGAL, _WAKTU = range(6)

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_TIDAK_SAH_XML = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x{FFFE}\x{FFFF}]"
_TIDAK_SAH_XML_PY = r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
_TERLARANG_JUDUL = re.compile(r"[\[\]:*?/\\]")

_GAYA_BUKU = (
    f"{_XML}<styleSheet {_NS}>"
    '<numFmts count="3"><numFmt numFmtId="164" formatCode="0.0"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="166" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_RELS_BUKU = (
    f'{_XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)


def kolom_nip(nama: object) -> bool:
    """Kolom berisi NIP (``nip``, ``nip_atasan``, ``nip_penilai``, ``NIP``...): namanya diawali
    ``nip``, tanpa membedakan huruf besar-kecil.

    Examples
    --------
    >>> [kolom_nip(k) for k in ["nip", "NIP", " nip_penilai", "nama", "jenis_nip"]]
    [True, True, True, False, False]
    """
    return str(nama).strip().lower().startswith("nip")


@dataclass
class _Kolom:
    """Satu kolom lembar: nilai siap XML (teks ter-*escape* atau angka), templat selnya, dan
    lebar tampilnya."""

    nilai: pa.Array
    buka: str  # sesudah nomor baris: '" s="2"><v>' dst.
    tutup: str
    lebar: int


def _huruf(i: int) -> str:
    """Huruf kolom Excel untuk indeks ``i`` (mulai 0): A, B, ..., Z, AA, ..."""
    huruf = ""
    i += 1
    while i:
        i, sisa = divmod(i - 1, 26)
        huruf = chr(65 + sisa) + huruf
    return huruf


def _lebar(panjang: int) -> int:
    return int(min(_LEBAR_MAKS, max(_LEBAR_MIN, panjang + 2)))


def _teks_arrow(seri: pd.Series) -> pa.Array:
    """Kolom apa pun sebagai larik teks Arrow (nilai hilang = null); kategori diubah pada
    kamusnya saja."""
    if isinstance(seri.dtype, pd.CategoricalDtype):
        kamus = _teks_arrow(pd.Series(seri.cat.categories))
        kode = seri.cat.codes.to_numpy()
        return kamus.take(pa.array(kode, mask=kode < 0))
    return pa.array(seri.astype("str"), from_pandas=True).cast(pa.string())


def _kolom_teks(seri: pd.Series, gaya: int) -> tuple[pa.Array, str, str, int]:
    teks = _teks_arrow(seri)
    teks = pc.replace_substring_regex(teks, _TIDAK_SAH_XML, "")
    teks = pc.utf8_slice_codeunits(teks, 0, _BATAS_SEL)
    panjang = pc.max(pc.utf8_length(teks)).as_py() or 0
    for asal, ganti in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;")):
        teks = pc.replace_substring(teks, asal, ganti)
    jaga = pc.match_substring_regex(teks, r"^\s|\s$")  # spasi di tepi harus dipertahankan
    buka_t = pc.if_else(jaga, pa.scalar('<t xml:space="preserve">'), pa.scalar("<t>"))
    nilai = pc.binary_join_element_wise(buka_t, teks, "")
    s = f' s="{gaya}"' if gaya else ""
    return nilai, f'"{s} t="inlineStr"><is>', "</t></is></c>", panjang


def _angka_teks(nilai: np.ndarray) -> pa.Array:
    """Angka sebagai teks XML (bentuk terpendek yang kembali ke nilai yang sama); NaN dan
    tak hingga menjadi null (sel kosong)."""
    return pc.cast(pa.array(nilai, mask=~np.isfinite(nilai)), pa.string())


def _siapkan(seri: pd.Series, nama: str) -> _Kolom:
    """Nilai siap XML dan templat sel satu kolom, menurut tipenya."""
    dtype = seri.dtype
    if kolom_nip(nama) or not (
        pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_datetime64_any_dtype(dtype)
    ):
        nilai, buka, tutup, panjang = _kolom_teks(seri, _TEKS if kolom_nip(nama) else _BIASA)
    elif pd.api.types.is_bool_dtype(dtype):
        isi = seri.astype("float64").to_numpy(na_value=np.nan)
        nilai, buka, tutup, panjang = _angka_teks(isi), '" t="b"><v>', "</v></c>", 5
    elif pd.api.types.is_integer_dtype(dtype):
        isi = pa.array(seri, from_pandas=True)
        nilai, buka, tutup = pc.cast(isi, pa.string()), '" t="n"><v>', "</v></c>"
        panjang = pc.max(pc.utf8_length(nilai)).as_py() or 0
    elif pd.api.types.is_datetime64_any_dtype(dtype):
        waktu = seri.dt.tz_localize(None) if seri.dt.tz is not None else seri
        hari = (waktu - pd.Timestamp("1899-12-30")) / pd.Timedelta(days=1)
        tanggal_saja = bool((waktu.dropna() == waktu.dropna().dt.normalize()).all())
        gaya, panjang = (_TANGGAL, 10) if tanggal_saja else (_WAKTU, 19)
        nilai = _angka_teks(hari.to_numpy(dtype="float64", na_value=np.nan))
        buka, tutup = f'" s="{gaya}"><v>', "</v></c>"
    else:  # pecahan (termasuk Float64): angka sungguhan, tampil satu desimal
        isi = seri.to_numpy(dtype="float64", na_value=np.nan)
        terbesar = np.nanmax(np.abs(isi), initial=0, where=np.isfinite(isi))
        panjang = len(f"{terbesar:.1f}") + bool((isi < 0).any())
        nilai, buka, tutup = _angka_teks(isi), f'" s="{_DESIMAL}"><v>', "</v></c>"
    if isinstance(nilai, pa.ChunkedArray):  # mis. kolom pandas "str" berpotongan
        nilai = nilai.combine_chunks()
    return _Kolom(nilai, buka, tutup, _lebar(max(panjang, len(str(nama)))))


def _baris_xml(kolom: list[_Kolom], awal: int, akhir: int) -> pa.Array:
    """XML baris ``awal``..``akhir`` (nomor baris Excel; data mulai baris 2)."""
    nomor = pc.cast(pa.array(np.arange(awal, akhir, dtype=np.int64)), pa.string())
    sel = []
    for i, k in enumerate(kolom):
        nilai = k.nilai.slice(awal - 2, akhir - awal)
        satu = pc.binary_join_element_wise(f'<c r="{_huruf(i)}', nomor, k.buka, nilai, k.tutup, "")
        sel.append(pc.fill_null(satu, ""))
    return pc.binary_join_element_wise('<row r="', nomor, '">', *sel, "</row>", "")


def _isi_larik(larik: pa.Array) -> memoryview:
    """Byte semua teks ``larik`` (tanpa null) berurutan, tanpa menyalin."""
    if isinstance(larik, pa.ChunkedArray):
        larik = larik.combine_chunks()
    larik = larik.cast(pa.string())
    offset = np.frombuffer(larik.buffers()[1], dtype=np.int32)[larik.offset :]
    return memoryview(larik.buffers()[2])[offset[0] : offset[len(larik)]]


def _langkah(n_kolom: int) -> int:
    """Baris per potongan XML: kira-kira :data:`_SEL_PER_POTONGAN` sel."""
    return max(1_000, _SEL_PER_POTONGAN // max(n_kolom, 1))


def _potongan_data(data: pd.DataFrame, kolom: list[_Kolom]) -> Iterator[memoryview]:
    langkah = _langkah(len(kolom))
    for awal in range(0, len(data) if kolom else 0, langkah):
        akhir = min(awal + langkah, len(data))
        yield _isi_larik(_baris_xml(kolom, awal + 2, akhir + 2))


def _header_lembar(data: pd.DataFrame) -> bytes:
    sel = "".join(
        f'<c r="{_huruf(i)}1" s="{_HEADER}" t="inlineStr"><is><t>'
        f"{escape(re.sub(_TIDAK_SAH_XML_PY, '', str(k)))}</t></is></c>"
        for i, k in enumerate(data.columns)
    )
    return f'<row r="1">{sel}</row>'.encode()


def _rentang(data: pd.DataFrame) -> str:
    return f"A1:{_huruf(max(data.shape[1], 1) - 1)}{len(data) + 1}"


def _awal_lembar(data: pd.DataFrame, kolom: list[_Kolom]) -> str:
    lebar = "".join(
        f'<col min="{i}" max="{i}" width="{k.lebar}" customWidth="1"/>'
        for i, k in enumerate(kolom, start=1)
    )
    return (
        f'{_XML}<worksheet {_NS} {_NS_R}><dimension ref="{_rentang(data)}"/>'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
        'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" '
        'sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
        + (f"<cols>{lebar}</cols>" if kolom else "")
        + "<sheetData>"
    )


def _akhir_lembar(data: pd.DataFrame) -> str:
    saring = f'<autoFilter ref="{_rentang(data)}"/>' if data.shape[1] else ""
    return f"</sheetData>{saring}</worksheet>"


def _tulis_lembar(buku: zipfile.ZipFile, nama: str, data: pd.DataFrame) -> None:
    kolom = [_siapkan(data.iloc[:, j], str(k)) for j, k in enumerate(data.columns)]
    potongan = _potongan_data(data, kolom)
    pertama = next(potongan, b"")
    # ZIP64 hanya bila perlu (XML lembar di atas 2 GiB): Excel lama memperingatkannya.
    perkiraan = len(pertama) * -(-len(data) // _langkah(len(kolom)))
    with buku.open(_bagian_zip(nama), "w", force_zip64=perkiraan > _ZIP64_SETELAH) as f:
        f.write(_awal_lembar(data, kolom).encode())
        f.write(_header_lembar(data))
        f.write(pertama)
        for bagian in potongan:
            f.write(bagian)
        f.write(_akhir_lembar(data).encode())


def _judul_lembar(lembar: dict[str, pd.DataFrame]) -> list[tuple[str, pd.DataFrame]]:
    """(judul, tabel) tiap lembar: tabel yang melebihi batas baris Excel dipecah ke
    ``<nama>_2``, ``<nama>_3``, ...; huruf yang dilarang Excel di nama lembar (``[]:*?/\\``)
    menjadi ``-``, dan judul kembar diberi nomor."""
    hasil, dipakai = [], set()
    for nama, data in lembar.items():
        dasar = _TERLARANG_JUDUL.sub("-", str(nama)).strip("'") or "Lembar"
        for i, awal in enumerate(range(0, max(len(data), 1), _BARIS_EXCEL)):
            judul = dasar[:28] if i == 0 else f"{dasar[:25]}_{i + 1}"
            calon, n = judul, 2
            while calon.lower() in dipakai:
                calon, n = f"{judul[:26]} ({n})", n + 1
            dipakai.add(calon.lower())
            hasil.append((calon, data.iloc[awal : awal + _BARIS_EXCEL]))
    return hasil


def _bagian_buku(judul: list[tuple[str, pd.DataFrame]]) -> dict[str, str]:
    lembar = "".join(
        f'<sheet name={quoteattr(j)} sheetId="{i}" r:id="rId{i}"/>'
        for i, (j, _) in enumerate(judul, start=1)
    )
    saring = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
        f"{escape(_rujukan(j, d))}</definedName>"
        for i, (j, d) in enumerate(judul)
        if d.shape[1]
    )
    relasi = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(judul) + 1)
    )
    n = len(judul) + 1
    relasi += (
        f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/styles" Target="styles.xml"/>'
    )
    jenis = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    isi_lembar = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{jenis}.worksheet+xml"/>'
        for i in range(1, len(judul) + 1)
    )
    return {
        "[Content_Types].xml": (
            f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{jenis}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{jenis}.styles+xml"/>'
            f"{isi_lembar}</Types>"
        ),
        "_rels/.rels": _RELS_BUKU,
        "xl/workbook.xml": (
            f"{_XML}<workbook {_NS} {_NS_R}><bookViews><workbookView/></bookViews>"
            f"<sheets>{lembar}</sheets>"
            + (f"<definedNames>{saring}</definedNames>" if saring else "")
            + "</workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f"{_XML}<Relationships "
            f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{relasi}'
            "</Relationships>"
        ),
        "xl/styles.xml": _GAYA_BUKU,
    }


def _rujukan(judul: str, data: pd.DataFrame) -> str:
    """Rujukan mutlak rentang data lembar, mis. ``'Per OPD'!$A$1:$E$20``."""
    kiri, kanan = _rentang(data).split(":")
    mutlak = [re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", b) for b in (kiri, kanan)]
    return "'" + judul.replace("'", "''") + "'!" + ":".join(mutlak)


def _tulis_xlsx(lembar: dict[str, pd.DataFrame], path: Path) -> None:
    """Isi :func:`tulis_buku`, tanpa penulisan atomik."""
    judul = _judul_lembar(lembar)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as buku:
        for nama, isi in _bagian_buku(judul).items():
            buku.writestr(_bagian_zip(nama), isi)
        for i, (_, data) in enumerate(judul, start=1):
            _tulis_lembar(buku, f"xl/worksheets/sheet{i}.xml", data)


def tulis_buku(lembar: dict[str, pd.DataFrame], path: Path) -> Path:
    """Tulis setiap tabel ``lembar`` (nama lembar -> tabel, berurutan) ke satu buku Excel,
    atomik.

    Buku siap dipakai analis: header tebal yang dibekukan, filter otomatis, lebar kolom menurut
    isi, pecahan tampil satu desimal (nilainya tetap utuh), NIP (:func:`kolom_nip`) sebagai
    teks. Tabel yang melebihi batas baris Excel dipecah ke lembar ``<nama>_2``, ``<nama>_3``,
    ...; huruf yang dilarang Excel di nama lembar diganti ``-``.

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> with tempfile.TemporaryDirectory() as d:
    ...     tabel = pd.DataFrame({"nip": ["198609262015051001"], "nilai": [87.25]})
    ...     path = tulis_buku({"Skor": tabel}, Path(d) / "b.xlsx")
    ...     sel = openpyxl.load_workbook(path)["Skor"]["A2":"B2"][0]
    ...     [(c.value, c.number_format) for c in sel]
    [('198609262015051001', '@'), (87.25, '0.0')]
    """
    return _tulis_atomik(Path(path), lambda sementara: _tulis_xlsx(lembar, sementara))
