"""Penulisan atomik dan galat tulis yang dapat ditindaklanjuti.

Setiap berkas ditulis ke nama sementara yang unik per proses lalu diganti namanya, sehingga
berkas yang tampil selalu utuh; galat sistem (disk penuh, tanpa izin, disk hanya-baca, berkas
lama sedang dibuka di Excel) menjadi :class:`~asn_analitik.galat.KeluaranTidakLayak` yang
menyebut jalurnya.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from ..galat import KeluaranTidakLayak

__all__ = ["galat_dibuka", "galat_tulis", "tulis_json", "tulis_teks"]


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


def tulis_teks(teks: str, path: Path) -> Path:
    """Tulis ``teks`` (UTF-8) ke ``path`` secara atomik: nama sementara lalu diganti."""
    return _tulis_atomik(Path(path), lambda p: p.write_text(teks, encoding="utf-8"))


def tulis_json(isi: dict, path: Path) -> Path:
    """Tulis ``isi`` sebagai JSON berindentasi (UTF-8) secara atomik."""
    return tulis_teks(json.dumps(isi, ensure_ascii=False, indent=2) + "\n", path)
