"""Menulis tabel hasil dan ``manifest.json``, sebagai satu set yang utuh.

CSV ditulis dengan pyarrow (cepat, dan bytenya sama untuk masukan yang sama), dalam gaya
kontrak (``standar``: koma, titik desimal, UTF-8 tanpa BOM) atau, di dalam blok
:func:`gaya_csv`, gaya ``excel-id`` untuk Excel berbahasa Indonesia; Excel dengan
:mod:`asn_analitik.buku_excel` (tabel yang melebihi batas baris Excel dipecah ke beberapa
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
import secrets
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .buku_excel import kolom_nip, tulis_xlsx
from .galat import KeluaranTidakLayak

__all__ = [
    "GAYA_CSV",
    "KunciFolder",
    "SetKeluaran",
    "folder_bisa_ditulis",
    "gaya_csv",
    "gaya_csv_aktif",
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


def tulis_buku(lembar: dict[str, pd.DataFrame], path: Path) -> Path:
    """Tulis setiap tabel ``lembar`` (nama lembar -> tabel) ke satu buku Excel, atomik.

    Buku siap dipakai analis (:mod:`asn_analitik.buku_excel`): header tebal yang dibekukan,
    filter otomatis, lebar kolom menurut isi, pecahan tampil satu desimal, NIP sebagai teks.
    Tabel yang melebihi batas baris Excel dipecah ke lembar ``<nama>_2``, ``<nama>_3``, ...
    """
    return _tulis_atomik(Path(path), lambda sementara: tulis_xlsx(lembar, sementara))


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
