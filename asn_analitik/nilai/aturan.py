"""Aturan penilaian sebagai data: memuat ``aturan.yaml`` bawaan dan berkas pengganti.

Berkas pengganti (``--konfigurasi``) cukup memuat bagian yang diubah; bagian lain diambil dari
bawaan. Kunci yang tidak dikenal atau nilai yang bukan angka ditolak dengan pesan yang jelas,
agar salah ketik tidak diam-diam diabaikan.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from ..galat import KonfigurasiTidakValid
from ..konfigurasi import ATURAN_BAWAAN, PREDIKAT, RATING
from .kurva import aturan_kurva

__all__ = ["muat_aturan"]


def _gabung(dasar: dict, pengganti: dict, jalur: str) -> dict:
    hasil = copy.deepcopy(dasar)
    for kunci, nilai in pengganti.items():
        letak = f"{jalur}.{kunci}" if jalur else str(kunci)
        if kunci not in dasar:
            raise KonfigurasiTidakValid(
                f"Konfigurasi: kunci '{letak}' tidak dikenal. Kunci yang ada di sini: "
                f"{', '.join(map(str, dasar))}."
            )
        if isinstance(dasar[kunci], dict):
            if not isinstance(nilai, dict):
                raise KonfigurasiTidakValid(f"Konfigurasi: '{letak}' harus berupa bagian (peta).")
            hasil[kunci] = _gabung(dasar[kunci], nilai, letak)
        else:
            hasil[kunci] = nilai
    return hasil


def _periksa(aturan: dict) -> None:
    baru = aturan["permenpanrb_6_2022"]
    angka = [
        ("permenpanrb_6_2022.capaian.batas_bawah", baru["capaian"]["batas_bawah"]),
        ("permenpanrb_6_2022.capaian.batas_atas", baru["capaian"]["batas_atas"]),
        *(
            (f"permenpanrb_6_2022.{bagian}.{k}", v)
            for bagian in ("rating_hasil_kerja", "rating_perilaku")
            for k, v in baru[bagian].items()
        ),
        *((f"pp46_2011.turun.{k}", v) for k, v in aturan["pp46_2011"]["turun"].items()),
        *(
            (f"pp46_2011.{k}", aturan["pp46_2011"][k])
            for k in ("bobot_skp", "bobot_perilaku", "skala_perilaku")
        ),
    ]
    for letak, nilai in angka:
        if isinstance(nilai, bool) or not isinstance(nilai, int | float):
            raise KonfigurasiTidakValid(f"Konfigurasi: '{letak}' harus angka, bukan {nilai!r}.")
    minimum = aturan["perilaku"]["min_nilai"]
    if isinstance(minimum, bool) or not isinstance(minimum, int) or not 1 <= minimum <= 7:
        raise KonfigurasiTidakValid(
            f"Konfigurasi: 'perilaku.min_nilai' harus bilangan bulat 1 sampai 7, bukan {minimum!r}."
        )
    for hasil in RATING:
        for perilaku in RATING:
            sel = baru["matriks_predikat"].get(hasil, {}).get(perilaku)
            if sel not in PREDIKAT:
                raise KonfigurasiTidakValid(
                    f"Konfigurasi: matriks_predikat.{hasil}.{perilaku} = {sel!r}; harus salah "
                    f"satu dari: {', '.join(PREDIKAT)}."
                )
    aturan_kurva(aturan)
    _periksa_kalibrasi(aturan["kalibrasi_penilai"])
    _periksa_tren(aturan["tren"])
    for baris in aturan["pp46_2011"]["sebutan"]:
        if not (isinstance(baris, list) and len(baris) == 2 and isinstance(baris[0], int | float)):
            raise KonfigurasiTidakValid(
                "Konfigurasi: pp46_2011.sebutan harus daftar pasangan [ambang, sebutan]."
            )


def _periksa_bagian(nama: str, bagian: dict, syarat: tuple) -> None:
    """Periksa angka satu bagian: ``(kunci, bulat, bawah, atas)``; bilangan bulat >= ``bawah``,
    atau angka di antara ``bawah`` dan ``atas`` (tidak termasuk keduanya)."""
    for kunci, bulat, bawah, atas in syarat:
        nilai = bagian[kunci]
        sah = isinstance(nilai, int | float) and not isinstance(nilai, bool)
        if bulat:
            sah = sah and float(nilai).is_integer() and nilai >= bawah
            teks = f"bilangan bulat {bawah} atau lebih"
        else:
            sah = sah and nilai > bawah and (atas is None or nilai < atas)
            teks = f"angka lebih dari {bawah:g}" + (f" dan kurang dari {atas:g}" if atas else "")
        if not sah:
            raise KonfigurasiTidakValid(
                f"Konfigurasi: '{nama}.{kunci}' harus {teks}, bukan {nilai!r}."
            )


def _periksa_kalibrasi(bagian: dict) -> None:
    syarat = (("min_dinilai", True, 1, None), ("min_ekstrem", True, 1, None),
              ("fdr", False, 0, 1))  # fmt: skip
    _periksa_bagian("kalibrasi_penilai", bagian, syarat)


def _periksa_tren(bagian: dict) -> None:
    syarat = (
        ("ambang_arah", False, 0, None),
        ("min_kelompok", True, 1, None),
        ("ulang_bootstrap", True, 100, None),
        ("benih", True, 0, None),
        ("tingkat_keyakinan", False, 0, 1),
        ("maks_unit_bootstrap", True, 100, None),
    )
    _periksa_bagian("tren", bagian, syarat)


#: Aturan bawaan dibaca dengan pemuat aman berbasis libyaml bila tersedia: ± 15 -> 1,3 ms per
#: panggilan (induk ``laporan`` memuatnya dua kali). Berkas pengganti analis tetap dibaca
#: ``yaml.safe_load``, yang pesan galatnya diteruskan ke pengguna.
_PEMUAT_BAWAAN = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def muat_aturan(berkas: str | Path | None = None) -> dict:
    """Aturan penilaian: bawaan, ditimpa isi ``berkas`` bila diberikan.

    Raises
    ------
    KonfigurasiTidakValid
        Berkas tidak ada, bukan YAML yang sah, atau isinya tidak sesuai bentuk aturan.

    Examples
    --------
    >>> muat_aturan()["permenpanrb_6_2022"]["matriks_predikat"]["di_atas"]["di_bawah"]
    'Kurang/Misconduct'
    """
    with open(ATURAN_BAWAAN, encoding="utf-8") as f:
        aturan = yaml.load(f, Loader=_PEMUAT_BAWAAN)
    if berkas is not None:
        path = Path(berkas)
        if not path.is_file():
            raise KonfigurasiTidakValid(f"Berkas konfigurasi '{path}' tidak ditemukan.")
        try:
            pengganti = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as galat:
            raise KonfigurasiTidakValid(
                f"Berkas konfigurasi {path.name} bukan YAML yang sah: {galat}"
            ) from None
        if not isinstance(pengganti, dict):
            raise KonfigurasiTidakValid(f"Berkas konfigurasi {path.name} harus berupa peta YAML.")
        aturan = _gabung(aturan, pengganti, "")
    _periksa(aturan)
    return aturan
