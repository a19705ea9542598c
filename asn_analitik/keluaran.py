"""Menulis tabel hasil dan ``manifest.json``, sebagai satu set yang utuh.

CSV ditulis dengan pyarrow (cepat, dan bytenya sama untuk masukan yang sama), dalam gaya
kontrak (``standar``: koma, titik desimal, UTF-8 tanpa BOM) atau, di dalam blok
:func:`gaya_csv`, gaya ``excel-id`` untuk Excel berbahasa Indonesia; buku Excel yang siap
dipakai analis (:func:`tulis_buku`; tabel yang melebihi batas baris Excel dipecah ke beberapa
lembar); Parquet dengan pyarrow. Setiap berkas ditulis ke nama sementara yang unik per proses
lalu diganti namanya, sehingga berkas yang tampil selalu utuh; galat tulis (disk penuh, tanpa
izin, disk hanya-baca, berkas lama sedang dibuka di Excel) menjadi
:class:`~asn_analitik.galat.KeluaranTidakLayak` yang menyebut jalurnya.

Satu perintah menulis satu *set* berkas (mis. ``skor_pegawai.csv`` ... ``manifest.json``).
:class:`SetKeluaran` menulis set itu ke folder kerja tersembunyi dan baru memindahkannya ke
folder keluaran setelah semuanya selesai, dengan sinyal ditahan dan jurnal yang memungkinkan
jalannya berikutnya menuntaskan pemindahan yang terputus: folder keluaran selalu berisi set
lama yang utuh atau set baru yang utuh. :class:`KunciFolder` mencegah dua perintah menulis ke
folder yang sama sekaligus.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import json
import os
import re
import secrets
import shutil
import signal
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .galat import KeluaranTidakLayak

__all__ = [
    "GAYA_CSV",
    "KunciFolder",
    "SetKeluaran",
    "folder_bisa_ditulis",
    "gaya_csv",
    "gaya_csv_aktif",
    "kolom_nip",
    "galat_dibuka",
    "galat_tulis",
    "ganti_folder",
    "pulihkan_folder",
    "tabel_excel_id",
    "tahan_sinyal",
    "tulis_buku",
    "tulis_json",
    "tulis_tabel",
    "tulis_teks",
]

_JURNAL = ".asn-analitik.pindah"
_AWALAN_KERJA = ".asn-baru-"
_CADANGAN = ".lama"  # di folder kerja: berkas set lama selama pemindahan

#: Gaya CSV: ``standar`` (kontrak: ``,``, titik desimal, UTF-8 tanpa BOM) dan ``excel-id``
#: (Excel berbahasa Indonesia: ``;``, koma desimal, UTF-8 dengan BOM, NIP ``="..."``).
GAYA_CSV = ("standar", "excel-id")
_GAYA_CSV: ContextVar[str] = ContextVar("gaya_csv", default="standar")


def galat_tulis(galat: OSError, jalur: Path | str) -> KeluaranTidakLayak:
    """Galat sistem saat menulis ``jalur`` sebagai pesan satu baris yang dapat ditindaklanjuti."""
    nomor = galat.errno
    teks = str(galat)
    if nomor is None and "No space left" in teks:  # pyarrow tidak selalu mengisi errno
        nomor = errno.ENOSPC
    if nomor in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        pesan = (
            f"Disk penuh saat menulis {jalur}: kosongkan ruang disk atau pilih --keluaran di "
            "disk lain, lalu jalankan lagi. Hasil lama di folder itu tidak berubah."
        )
    elif nomor == errno.EROFS:
        pesan = f"Disk tempat {jalur} hanya-baca (read-only): pilih --keluaran di disk lain."
    elif nomor in (errno.EACCES, errno.EPERM):
        pesan = (
            f"Tidak ada izin menulis ke {jalur}: pilih folder lain untuk --keluaran, atau minta "
            "izin tulis untuk folder itu."
        )
    elif nomor in (errno.ENOTDIR, errno.EEXIST, errno.EISDIR):
        pesan = f"{jalur} tidak dapat dipakai sebagai folder keluaran: ada berkas dengan nama itu."
    else:
        pesan = f"Tidak dapat menulis {jalur} (galat sistem {nomor}): periksa disk dan foldernya."
    return KeluaranTidakLayak(pesan, jalur=str(jalur))


def _sedang_dibuka(galat: OSError) -> bool:
    """Galat mengganti/memindahkan berkas yang sedang dibuka program lain: di Windows
    ``PermissionError`` (WinError 32 "dipakai proses lain", atau 5 "akses ditolak")."""
    return isinstance(galat, PermissionError) or galat.errno in (errno.EACCES, errno.EPERM)


def galat_dibuka(jalur: Path | str, folder: bool = False) -> KeluaranTidakLayak:
    """Pesan untuk berkas keluaran lama yang tidak dapat diganti karena sedang dibuka (di
    Windows, Excel mengunci berkas yang dibukanya). ``folder``: ``jalur`` adalah folder yang
    salah satu berkasnya sedang dibuka."""
    jalur = Path(jalur)
    if folder:
        pesan = (
            f"Tidak dapat mengganti folder {jalur}: ada berkas di dalamnya yang sedang dibuka "
            f"(mis. di Excel). Tutup berkas dari folder {jalur.name} yang terbuka di Excel lalu "
            "jalankan lagi. Hasil lama tidak berubah."
        )
    else:
        pesan = (
            f"Tidak dapat mengganti {jalur}: berkas itu sedang dibuka (mis. di Excel). Tutup "
            f"berkas {jalur.name} di Excel lalu jalankan lagi. Hasil lama tidak berubah."
        )
    return KeluaranTidakLayak(pesan, jalur=str(jalur))


def _sementara(tujuan: Path) -> Path:
    return tujuan.with_name(f".{tujuan.name}.{os.getpid()}-{secrets.token_hex(3)}.sementara")


def _tulis_atomik(tujuan: Path, tulis: Callable[[Path], None]) -> Path:
    """Tulis lewat ``tulis(jalur_sementara)`` lalu ganti nama ke ``tujuan``; bila gagal, berkas
    sementara dihapus dan galat sistem diterjemahkan."""
    tujuan = Path(tujuan)
    sementara = _sementara(tujuan)
    try:
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        tulis(sementara)
    except OSError as galat:
        sementara.unlink(missing_ok=True)
        raise galat_tulis(galat, tujuan) from None
    except BaseException:
        sementara.unlink(missing_ok=True)
        raise
    try:
        os.replace(sementara, tujuan)
    except OSError as galat:
        sementara.unlink(missing_ok=True)
        # Berkas sementara di folder yang sama tertulis, jadi folder itu boleh ditulis: yang
        # menolak adalah berkas lama yang sedang dibuka.
        if _sedang_dibuka(galat) and tujuan.exists():
            raise galat_dibuka(tujuan) from None
        raise galat_tulis(galat, tujuan) from None
    return tujuan


def _ke_arrow(data: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(data, preserve_index=False)


@contextlib.contextmanager
def gaya_csv(gaya: str) -> Iterator[None]:
    """Selama blok, CSV dari :func:`tulis_tabel` (dan data contoh) ditulis dalam ``gaya``.

    ``excel-id`` untuk Excel berbahasa Indonesia, yang membuka CSV dengan pemisah ``;`` dan
    koma desimal: pemisah ``;``, koma desimal, UTF-8 dengan BOM (agar huruf seperti é tampil
    benar), dan NIP sebagai ``="198609262015051001"`` sehingga Excel menyimpannya sebagai teks,
    bukan ``1,98609E+17``. Pembaca kit (:mod:`asn_analitik.masuk`) membaca keduanya.

    Examples
    --------
    >>> with gaya_csv("excel-id"):
    ...     gaya_csv_aktif()
    'excel-id'
    >>> gaya_csv_aktif()
    'standar'
    """
    if gaya not in GAYA_CSV:
        raise ValueError(f"gaya CSV {gaya!r} tidak dikenal; pilih {' atau '.join(GAYA_CSV)}")
    token = _GAYA_CSV.set(gaya)
    try:
        yield
    finally:
        _GAYA_CSV.reset(token)


def gaya_csv_aktif() -> str:
    """Gaya CSV yang berlaku saat ini (lihat :func:`gaya_csv`); bawaan ``standar``."""
    return _GAYA_CSV.get()


def tabel_excel_id(tabel: pa.Table) -> pa.Table:
    """``tabel`` untuk CSV ``excel-id``: pecahan sebagai teks berkoma desimal (angka yang sama
    dengan tulisan CSV standar, titiknya diganti koma) dan NIP yang berupa digit sebagai
    ``="<NIP>"``; kolom lain (teks, tanggal ISO, bilangan bulat) tidak berubah."""
    kolom = []
    for nama, isi in zip(tabel.column_names, tabel.columns, strict=True):
        jenis = isi.type.value_type if pa.types.is_dictionary(isi.type) else isi.type
        if pa.types.is_floating(jenis):
            isi = pc.replace_substring(pc.cast(pc.cast(isi, jenis), pa.string()), ".", ",")
        elif kolom_nip(nama) and (pa.types.is_string(jenis) or pa.types.is_large_string(jenis)):
            teks = pc.cast(isi, pa.string())
            digit = pc.match_substring_regex(teks, "^[0-9]+$")
            isi = pc.if_else(digit, pc.binary_join_element_wise('="', teks, '"', ""), teks)
        kolom.append(isi)
    return pa.table(kolom, names=tabel.column_names)


def _tulis_csv(data: pd.DataFrame, jalur: Path) -> None:
    if _GAYA_CSV.get() == "standar":  # kontrak: bytenya tidak boleh berubah
        pacsv.write_csv(_ke_arrow(data), jalur, pacsv.WriteOptions(quoting_style="needed"))
        return
    opsi = pacsv.WriteOptions(quoting_style="needed", delimiter=";")
    with open(jalur, "wb") as f:
        f.write(codecs.BOM_UTF8)
        pacsv.write_csv(tabel_excel_id(_ke_arrow(data)), f, opsi)


def tulis_tabel(
    data: pd.DataFrame,
    folder: Path,
    nama: str,
    format: str = "csv",
    baris_per_kelompok: int | None = None,
) -> Path:
    """Tulis ``data`` ke ``folder/nama.<format>`` dan kembalikan jalurnya.

    CSV dalam gaya yang berlaku (:func:`gaya_csv`; bawaan ``standar``).
    ``baris_per_kelompok`` (Parquet saja): ukuran *row group*; kelompok kecil pada data yang
    terurut membuat pembacaan berfilter hanya membuka kelompok yang relevan.
    """
    tujuan = Path(folder) / f"{nama}.{format}"
    if format == "xlsx":
        return tulis_buku({nama: data}, tujuan)
    if format == "csv":
        return _tulis_atomik(tujuan, lambda p: _tulis_csv(data, p))
    return _tulis_atomik(
        tujuan, lambda p: pq.write_table(_ke_arrow(data), p, row_group_size=baris_per_kelompok)
    )


def tulis_teks(teks: str, path: Path) -> Path:
    """Tulis ``teks`` (UTF-8) ke ``path`` secara atomik: nama sementara lalu diganti."""
    return _tulis_atomik(Path(path), lambda p: p.write_text(teks, encoding="utf-8"))


def tulis_json(isi: dict, path: Path) -> Path:
    """Tulis ``isi`` sebagai JSON berindentasi (UTF-8) secara atomik."""
    return tulis_teks(json.dumps(isi, ensure_ascii=False, indent=2) + "\n", path)


# --- Buku Excel ------------------------------------------------------------------------------
# Setiap lembar: header tebal yang dibekukan, filter otomatis atas seluruh data, lebar kolom
# menurut isinya (10 sampai 60 karakter), pecahan sebagai angka sungguhan yang tampil dengan satu
# desimal (format 0.0), bilangan bulat sebagai bilangan bulat, tanggal sebagai tanggal, dan kolom
# NIP (kolom_nip) sebagai teks berformat @, sehingga Excel tidak pernah menampilkannya sebagai
# 1,98103E+17. XML lembar disusun per kolom dengan pyarrow, tanpa perulangan Python per sel:
# openpyxl menulis sel satu per satu (sekitar 20 mikrodetik per sel bergaya), terlalu lambat
# untuk lembar sejuta baris. Bagian lain buku (daftar lembar, gaya) kecil dan tetap.

#: Batas baris satu lembar Excel, di luar header; tabel yang lebih panjang dipecah.
_BARIS_EXCEL = 1_048_575
_LEBAR_MIN, _LEBAR_MAKS = 10, 60
_BATAS_SEL = 32_767  # huruf terbanyak dalam satu sel Excel
_SEL_PER_POTONGAN = 2_000_000  # sel per potongan XML (membatasi memori)
_ZIP64_SETELAH = 1 << 30  # perkiraan ukuran XML lembar yang butuh ZIP64

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
    with buku.open(nama, "w", force_zip64=perkiraan > _ZIP64_SETELAH) as f:
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
    # Kompresi tingkat 1: tiga kali lebih cepat dari bawaan (6), berkas seperempat lebih besar.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as buku:
        for nama, isi in _bagian_buku(judul).items():
            buku.writestr(nama, isi)
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


@contextlib.contextmanager
def tahan_sinyal() -> Iterator[None]:
    """Tunda SIGINT dan SIGTERM selama blok (mis. memindahkan satu set berkas): sinyal yang
    datang dicatat, lalu ditangani seperti biasa sesudah blok selesai. Hanya di utas utama
    (tempat Python menangani sinyal); di utas lain blok berjalan tanpa penundaan."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    tertunda: list[int] = []
    lama = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    for s in lama:
        signal.signal(s, lambda nomor, _: tertunda.append(nomor))
    try:
        yield
    finally:
        for s, penangan in lama.items():
            signal.signal(s, penangan)
        for nomor in tertunda[:1]:
            penangan = lama[nomor]
            if callable(penangan):
                penangan(nomor, None)
            elif penangan == signal.SIG_DFL:
                signal.raise_signal(nomor)


def folder_bisa_ditulis(folder: Path) -> Path:
    """Pastikan ``folder`` ada (dibuat bila perlu) dan boleh ditulis, sebelum perhitungan
    panjang dimulai.

    Raises
    ------
    KeluaranTidakLayak
        ``folder`` berupa berkas, tidak boleh ditulis, atau disknya hanya-baca/penuh.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise KeluaranTidakLayak(
            f"--keluaran {folder} adalah berkas, bukan folder: pilih nama folder lain.",
            jalur=str(folder),
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        uji = _sementara(folder / "uji-tulis")
        uji.write_bytes(b"asn-analitik")
        uji.unlink()
    except OSError as galat:
        raise galat_tulis(galat, folder) from None
    return folder


class KunciFolder:
    """Kunci satu folder keluaran untuk satu proses (berkas ``.asn-analitik.kunci``).

    Proses kedua yang meminta kunci yang sama berhenti dengan pesan yang menyebut PID dan waktu
    mulai proses pertama. Kunci dilepas sistem operasi bila prosesnya mati, jadi tidak ada kunci
    basi.
    """

    NAMA = ".asn-analitik.kunci"

    def __init__(self, folder: Path, perintah: str = ""):
        self.folder = Path(folder)
        self.perintah = perintah
        self._fd: int | None = None

    @property
    def path(self) -> Path:
        return self.folder / self.NAMA

    def __enter__(self) -> KunciFolder:
        folder_bisa_ditulis(self.folder)
        for _ in range(10):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as galat:
                raise galat_tulis(galat, self.path) from None
            if not _kunci(fd):
                pemilik = _baca_pemilik(fd)
                os.close(fd)
                raise KeluaranTidakLayak(
                    f"Folder keluaran {self.folder} sedang dipakai proses asn-analitik lain "
                    f"({pemilik}). Tunggu sampai selesai, atau pakai --keluaran lain.",
                    jalur=str(self.folder),
                )
            # Berkas kunci bisa dihapus pemilik sebelumnya tepat sebelum kita menguncinya.
            if self.path.exists() and os.stat(self.path).st_ino == os.fstat(fd).st_ino:
                break
            os.close(fd)
        else:  # pragma: no cover - perlombaan yang tidak berhenti
            raise KeluaranTidakLayak(f"Tidak dapat mengunci {self.folder}.", jalur=str(self.folder))
        self._fd = fd
        isi = f"PID {os.getpid()}, mulai {time.strftime('%H:%M:%S')}, {self.perintah}".strip(", ")
        os.ftruncate(fd, 0)
        os.write(fd, isi.encode())
        return self

    def __exit__(self, *galat) -> None:
        if self._fd is None:
            return
        if os.name != "nt":  # Windows tidak bisa menghapus berkas yang sedang dibuka
            self.path.unlink(missing_ok=True)
        os.close(self._fd)
        self._fd = None


def _kunci(fd: int) -> bool:
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _baca_pemilik(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 200).decode("utf-8", "replace") or "PID tidak diketahui"
    except OSError:
        return "PID tidak diketahui"


def _set_lama(folder: Path, nama_manifest: str) -> list[str]:
    """Berkas set sebelumnya, menurut ``berkas_keluaran`` di manifest-nya."""
    try:
        manifest = json.loads((folder / nama_manifest).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    daftar = manifest.get("berkas_keluaran") if isinstance(manifest, dict) else None
    return [b for b in daftar or [] if isinstance(b, str) and "/" not in b and "\\" not in b]


def _pindahkan(folder: Path, kerja: Path, usang: list[str], nama_manifest: str) -> None:
    """Langkah pemindahan set (idempoten: aman diulang dari jurnal); manifest terakhir.

    Berkas set lama yang akan diganti atau dihapus lebih dulu dipindahkan ke ``kerja/.lama``.
    Di Windows berkas yang sedang dibuka Excel tidak dapat dipindahkan: bila itu terjadi,
    berkas lama yang sudah dipindahkan dikembalikan (set lama utuh) dan pesan
    :func:`galat_dibuka` menyebut berkasnya. Sesudah itu tujuan berkas baru kosong, jadi
    penggantian nama berikutnya tidak dapat ditolak oleh berkas yang terbuka.
    """
    cadangan = kerja / _CADANGAN
    baru = sorted(p for p in kerja.iterdir() if p.name not in (nama_manifest, _CADANGAN))
    if (kerja / nama_manifest).exists():
        baru.append(kerja / nama_manifest)
    for nama in [*usang, *(p.name for p in baru)]:
        lama = folder / nama
        if not lama.is_file():
            continue
        cadangan.mkdir(exist_ok=True)
        try:  # tujuan cadangan belum ada: rename cukup (di Windows menolak menimpa)
            os.rename(lama, cadangan / nama)
        except OSError as galat:
            _kembalikan(cadangan, folder)
            raise galat_dibuka(lama) if _sedang_dibuka(galat) else galat from None
    for p in baru:
        os.replace(p, folder / p.name)
    shutil.rmtree(kerja, ignore_errors=True)


def _kembalikan(cadangan: Path, folder: Path) -> None:
    """Kembalikan berkas set lama dari ``cadangan`` ke ``folder`` (pemindahan dibatalkan)."""
    if cadangan.is_dir():
        for p in cadangan.iterdir():
            with contextlib.suppress(OSError):
                os.replace(p, folder / p.name)


def _tuntaskan_jurnal(folder: Path) -> None:
    """Tuntaskan pemindahan set yang terputus (mis. listrik padam) dari jurnalnya."""
    jurnal = folder / _JURNAL
    if not jurnal.exists():
        return
    try:
        isi = json.loads(jurnal.read_text(encoding="utf-8"))
        kerja = folder / isi["kerja"]
        if kerja.is_dir():
            _pindahkan(folder, kerja, isi.get("usang", []), isi.get("manifest", "manifest.json"))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    jurnal.unlink(missing_ok=True)


def _bersihkan_sisa(folder: Path) -> None:
    """Folder kerja dan berkas sementara yang ditinggalkan proses yang mati (di bawah kunci,
    jadi tidak ada proses lain yang sedang memakainya)."""
    for p in folder.iterdir():
        if p.name.startswith(_AWALAN_KERJA) and p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        elif p.name.startswith(".") and p.name.endswith(".sementara") and p.is_file():
            p.unlink(missing_ok=True)


class SetKeluaran:
    """Satu set berkas keluaran yang menggantikan set lama utuh, atau tidak sama sekali.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     with SetKeluaran(d, "skor") as kerja:
    ...         _ = tulis_json({"berkas_keluaran": ["manifest.json"]}, kerja / "manifest.json")
    ...     sorted(p.name for p in Path(d).iterdir())
    ['manifest.json']
    """

    def __init__(self, folder: str | Path, perintah: str = "", manifest: str = "manifest.json"):
        self.folder = Path(folder)
        self.manifest = manifest
        self._kunci = KunciFolder(self.folder, perintah)
        self.kerja: Path | None = None

    def __enter__(self) -> Path:
        self._kunci.__enter__()
        try:
            _tuntaskan_jurnal(self.folder)
            _bersihkan_sisa(self.folder)
            self.kerja = self.folder / f"{_AWALAN_KERJA}{os.getpid()}-{secrets.token_hex(4)}"
            self.kerja.mkdir()
        except OSError as galat:
            self._kunci.__exit__(None, None, None)
            raise galat_tulis(galat, self.folder) from None
        except BaseException:
            self._kunci.__exit__(None, None, None)
            raise
        return self.kerja

    def __exit__(self, jenis, galat, jejak) -> None:
        try:
            if jenis is None:
                self._terapkan()
        finally:
            if self.kerja is not None and self.kerja.exists():
                shutil.rmtree(self.kerja, ignore_errors=True)
            self._kunci.__exit__(None, None, None)

    def _terapkan(self) -> None:
        baru = {p.name for p in self.kerja.iterdir()}
        # Hanya set lengkap (dengan manifest) yang menggantikan set lama seluruhnya; validasi
        # --keluaran hanya menimpa berkasnya sendiri.
        lama = _set_lama(self.folder, self.manifest) if self.manifest in baru else []
        usang = [b for b in lama if b not in baru]
        jurnal = {"kerja": self.kerja.name, "usang": usang, "manifest": self.manifest}
        with tahan_sinyal():
            try:
                tulis_json(jurnal, self.folder / _JURNAL)
                _pindahkan(self.folder, self.kerja, usang, self.manifest)
                (self.folder / _JURNAL).unlink(missing_ok=True)
            except KeluaranTidakLayak:  # berkas lama terbuka: set lama sudah dikembalikan
                (self.folder / _JURNAL).unlink(missing_ok=True)
                raise
            except OSError as galat:
                raise galat_tulis(galat, self.folder) from None


def ganti_folder(baru: Path, tujuan: Path) -> None:
    """Ganti folder ``tujuan`` (mis. ``<keluaran>/2026-S1``) dengan ``baru`` seutuhnya.

    Dua penggantian nama dengan sinyal ditahan, dicatat di jurnal; bila terputus di antaranya
    (listrik padam), :func:`pulihkan_folder` pada jalannya berikutnya menuntaskannya. Bila
    ``tujuan`` tidak dapat dipindahkan karena salah satu berkasnya sedang dibuka (Windows,
    Excel), tidak ada yang berubah dan pesannya menyebut folder itu.
    """
    lama = tujuan.with_name(f".asn-lama-{tujuan.name}-{secrets.token_hex(3)}")
    jurnal = tujuan.with_name(f".asn-ganti-{tujuan.name}.json")
    with tahan_sinyal():
        try:
            tulis_json({"baru": baru.name, "lama": lama.name}, jurnal)
        except OSError as galat:
            raise galat_tulis(galat, tujuan) from None
        try:
            if baru.is_dir() and tujuan.exists():
                os.replace(tujuan, lama)
        except OSError as galat:
            jurnal.unlink(missing_ok=True)
            if _sedang_dibuka(galat):
                raise galat_dibuka(tujuan, folder=True) from None
            raise galat_tulis(galat, tujuan) from None
        try:
            _ganti_dari_jurnal(tujuan, baru, lama)
            jurnal.unlink(missing_ok=True)
        except OSError as galat:
            raise galat_tulis(galat, tujuan) from None


def _ganti_dari_jurnal(tujuan: Path, baru: Path, lama: Path) -> None:
    if baru.is_dir():
        if tujuan.exists():
            os.replace(tujuan, lama)
        os.replace(baru, tujuan)
    shutil.rmtree(lama, ignore_errors=True)


def pulihkan_folder(tujuan: Path) -> None:
    """Tuntaskan :func:`ganti_folder` yang terputus untuk ``tujuan``."""
    jurnal = tujuan.with_name(f".asn-ganti-{tujuan.name}.json")
    if not jurnal.exists():
        return
    try:
        isi = json.loads(jurnal.read_text(encoding="utf-8"))
        _ganti_dari_jurnal(tujuan, tujuan.with_name(isi["baru"]), tujuan.with_name(isi["lama"]))
    except (OSError, ValueError, KeyError, TypeError):
        print(f"asn-analitik: jurnal {jurnal} tidak dapat dituntaskan.", file=sys.stderr)
        return
    jurnal.unlink(missing_ok=True)
