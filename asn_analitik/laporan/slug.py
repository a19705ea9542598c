"""Nama berkas yang aman untuk laporan per OPD (kontrak v1, bagian 5).

Slug: kata-kata ASCII huruf kecil digabung ``-`` (``Dinas Kesehatan`` -> ``dinas-kesehatan``).
Nama apa pun menghasilkan slug yang aman: tidak ada ``/``, ``..`` atau karakter khusus yang
bisa keluar dari folder ``opd/``; dua OPD yang slugnya sama dibedakan dengan akhiran ``-2``,
``-3`` menurut urutan nama, sehingga hasilnya sama pada setiap jalannya.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["buat_slug", "slug_unik"]

_PANJANG_MAKS = 80
# Nama perangkat Windows tidak boleh dipakai sebagai nama berkas (mis. di flashdisk).
_NAMA_TERLARANG = {"con", "prn", "aux", "nul"} | {
    f"{p}{i}" for p in ("com", "lpt") for i in range(10)
}


def buat_slug(nama: str) -> str:
    """Slug satu nama OPD.

    Examples
    --------
    >>> buat_slug("Dinas Kesehatan")
    'dinas-kesehatan'
    >>> buat_slug("RSUD dr. H. Soemarno Sosroatmodjo")
    'rsud-dr-h-soemarno-sosroatmodjo'
    >>> buat_slug("../../etc/passwd"), buat_slug("Dinas Perhubungan & Kominfo")
    ('etc-passwd', 'dinas-perhubungan-kominfo')
    >>> buat_slug("Señor Ñandú"), buat_slug("卫生局"), buat_slug("CON")
    ('senor-nandu', 'opd', 'con-opd')
    """
    ascii_ = unicodedata.normalize("NFKD", str(nama)).encode("ascii", "ignore").decode()
    kata = re.findall(r"[a-z0-9]+", ascii_.lower())
    slug = "-".join(kata)[:_PANJANG_MAKS].strip("-") or "opd"
    return f"{slug}-opd" if slug in _NAMA_TERLARANG else slug


def slug_unik(nama: Iterable[str]) -> dict[str, str]:
    """Slug untuk setiap nama OPD, dijamin berbeda satu sama lain.

    Nama diurutkan dulu, jadi slug tidak bergantung pada urutan baris data.

    Examples
    --------
    >>> hasil = slug_unik(["Dinas Kesehatan", "DINAS  kesehatan", "Dinas-Kesehatan"])
    >>> [hasil[n] for n in ["DINAS  kesehatan", "Dinas Kesehatan", "Dinas-Kesehatan"]]
    ['dinas-kesehatan', 'dinas-kesehatan-2', 'dinas-kesehatan-3']
    """
    hasil: dict[str, str] = {}
    terpakai: set[str] = set()
    for n in sorted(set(nama)):
        dasar = buat_slug(n)
        slug, i = dasar, 1
        while slug in terpakai:
            i += 1
            slug = f"{dasar}-{i}"
        terpakai.add(slug)
        hasil[n] = slug
    return hasil
