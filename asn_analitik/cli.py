"""Baris perintah ``asn-analitik`` (kontrak v1, bagian 4).

Kode keluar: 0 selesai (baris mungkin ada yang ditolak: lihat ``ditolak.csv``); 1 ``validasi``
menemukan masalah; 2 masukan atau argumen tidak dapat dipakai. Galat dicetak sebagai satu
baris di stderr, tanpa *traceback* (kecuali ``ASN_ANALITIK_DEBUG=1``).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from contextlib import nullcontext

from .galat import ArgumenTidakValid, Dihentikan, GalatAsn
from .konfigurasi import METODE, METODE_BAWAAN, VERSI
from .teks import angka_id

__all__ = ["angka_id", "buat_parser", "utama"]

_TERJEMAHAN = {
    "usage: ": "pemakaian: ",
    "positional arguments": "argumen posisi",
    "options": "pilihan",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "show program's version number and exit": "tampilkan versi asn-analitik lalu keluar",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "one of the arguments %s is required": "salah satu argumen ini wajib diisi: %s",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "ignored explicit argument %r": "nilai %r diabaikan",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "pilihan tidak sah: %(value)r (pilih dari %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "expected one argument": "butuh satu nilai",
    "expected at least one argument": "butuh paling sedikit satu nilai",
    "ambiguous option: %(option)s could match %(matches)s": (
        "pilihan ambigu: %(option)s bisa berarti %(matches)s"
    ),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: galat: {message}\n")


def _jumlah_pegawai_contoh(teks: str) -> int:
    """``contoh --pegawai``: bilangan bulat, paling sedikit sebanyak yang dibutuhkan generator."""
    from .contoh.buat import JUMLAH_MINIMUM

    n = _bilangan_positif(teks)
    if n < JUMLAH_MINIMUM:
        raise argparse.ArgumentTypeError(
            f"paling sedikit {JUMLAH_MINIMUM} (tiap OPD butuh kepala, atasan, dan staf), bukan {n}"
        )
    return n


def _bilangan_positif(teks: str) -> int:
    try:
        n = int(teks.replace(".", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{teks}' bukan bilangan bulat") from None
    if n <= 0:
        raise argparse.ArgumentTypeError("harus lebih dari 0")
    return n


#: Gaya CSV (sama dengan :data:`asn_analitik.keluaran.GAYA_CSV`; di sini agar ``--help`` tidak
#: perlu mengimpor pyarrow).
_GAYA_CSV = ("standar", "excel-id")


def _tambah_csv(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--csv",
        choices=_GAYA_CSV,
        default="standar",
        help="gaya berkas CSV yang ditulis: standar (bawaan; pemisah koma, titik desimal, "
        "UTF-8) atau excel-id (untuk Excel berbahasa Indonesia: pemisah titik koma, koma "
        "desimal, UTF-8 dengan BOM, NIP tetap teks); keduanya dapat dibaca lagi oleh kit",
    )


def buat_parser() -> argparse.ArgumentParser:
    """Parser argumen ``asn-analitik``."""
    argparse._ = lambda teks: _TERJEMAHAN.get(teks, teks)  # pesan argparse berbahasa Indonesia
    p = _Parser(
        prog="asn-analitik",
        description=(
            "Analisis penilaian kinerja ASN berbasis capaian (PermenPANRB 6/2022, PP 46/2011)."
        ),
    )
    p.add_argument(
        "--versi",
        action="version",
        version=f"asn-analitik {VERSI}",
        help="tampilkan versi asn-analitik lalu keluar",
    )
    sub = p.add_subparsers(dest="perintah", metavar="PERINTAH", parser_class=_Parser)
    sub.required = True

    c = sub.add_parser("contoh", help="tulis data contoh sintetis Tanjung Selor (CSV)")
    c.add_argument("--keluaran", required=True, metavar="DIR", help="folder tujuan")
    c.add_argument(
        "--pegawai",
        type=_jumlah_pegawai_contoh,
        default=1200,
        metavar="N",
        help="jumlah pegawai (bawaan 1200)",
    )
    c.add_argument("--seed", type=int, default=2026, metavar="S", help="benih acak (bawaan 2026)")
    c.add_argument(
        "--format",
        choices=("tabel", "ekinerja"),
        default="tabel",
        help="tabel: folder data kit (bawaan); ekinerja: ekspor e-Kinerja BKN sintetis untuk "
        "dicoba dengan 'asn-analitik impor ekinerja'",
    )
    _tambah_csv(c)

    v = sub.add_parser("validasi", help="periksa folder data saja; keluar 1 bila ada baris ditolak")
    v.add_argument("--data", required=True, metavar="DIR", help="folder data masukan")
    v.add_argument(
        "--keluaran",
        metavar="DIR",
        help="bila diisi, tulis ditolak.csv dan dikecualikan.csv ke folder ini",
    )
    _tambah_csv(v)

    s = sub.add_parser("skor", help="nilai semua pegawai dan tulis hasilnya")
    s.add_argument("--data", required=True, metavar="DIR", help="folder data masukan")
    s.add_argument("--keluaran", required=True, metavar="DIR", help="folder hasil")
    s.add_argument(
        "--periode",
        action="append",
        metavar="P",
        help="periode yang dinilai (boleh berulang); bawaan: semua periode",
    )
    s.add_argument(
        "--metode",
        choices=METODE,
        default=METODE_BAWAAN,
        help=f"aturan penilaian (bawaan {METODE_BAWAAN})",
    )
    s.add_argument("--konfigurasi", metavar="F", help="berkas YAML pengganti aturan bawaan")
    s.add_argument(
        "--format",
        choices=("csv", "xlsx", "parquet"),
        default="csv",
        help="format tabel hasil (bawaan csv)",
    )
    s.add_argument(
        "--opd",
        action="append",
        metavar="NAMA",
        help="nilai pegawai OPD ini saja (boleh berulang); bawaan: semua OPD",
    )
    _tambah_csv(s)
    kl = sub.add_parser(
        "klaster", help="kelompokkan pola kinerja dan rekomendasikan pelatihan (periode terbaru)"
    )
    kl.add_argument("--data", required=True, metavar="DIR", help="folder data masukan")
    kl.add_argument("--keluaran", required=True, metavar="DIR", help="folder hasil")
    kl.add_argument("--periode", metavar="P", help="periode yang dianalisis (bawaan: terbaru)")
    kl.add_argument(
        "--k",
        type=_k,
        default="auto",
        metavar="auto|N",
        help="jumlah kelompok: auto (bawaan) atau bilangan bulat",
    )
    kl.add_argument("--seed", type=int, default=0, metavar="S", help="benih acak (bawaan 0)")
    kl.add_argument("--konfigurasi", metavar="F", help="berkas YAML pengganti aturan bawaan")
    _tambah_csv(kl)

    ka = sub.add_parser(
        "kalibrasi",
        help="kurva distribusi per OPD, kalibrasi penilai, dan predikat resmi yang tidak cocok",
    )
    ka.add_argument("--data", required=True, metavar="DIR", help="folder data masukan")
    ka.add_argument("--keluaran", required=True, metavar="DIR", help="folder hasil")
    ka.add_argument(
        "--periode",
        action="append",
        metavar="P",
        help="periode yang diperiksa (boleh berulang); bawaan: semua periode",
    )
    ka.add_argument("--konfigurasi", metavar="F", help="berkas YAML pengganti aturan bawaan")
    _tambah_csv(ka)

    tr = sub.add_parser(
        "tren",
        help="bandingkan periode sejenis: tren OPD, perubahan pegawai, efek pelatihan",
    )
    tr.add_argument("--data", required=True, metavar="DIR", help="folder data masukan")
    tr.add_argument("--keluaran", required=True, metavar="DIR", help="folder hasil")
    tr.add_argument(
        "--periode",
        action="append",
        metavar="P",
        help="periode sejenis yang dibandingkan (boleh berulang, paling sedikit dua); bawaan: "
        "dua periode terakhir dari jenis periode terbaru",
    )
    tr.add_argument("--konfigurasi", metavar="F", help="berkas YAML pengganti aturan bawaan")
    _tambah_csv(tr)

    lp = sub.add_parser(
        "laporan",
        help="buat laporan HTML per OPD, ringkasan pimpinan dan indeks (periode terbaru)",
    )
    lp.add_argument("--data", required=True, metavar="DIR", help="folder data masukan")
    lp.add_argument("--keluaran", required=True, metavar="DIR", help="folder hasil")
    lp.add_argument(
        "--periode",
        action="append",
        metavar="P",
        help="periode laporan (boleh berulang); bawaan: periode terbaru",
    )
    lp.add_argument(
        "--opd",
        nargs="+",
        action="extend",
        metavar="NAMA",
        help="buat laporan OPD ini saja (nama persis seperti di pegawai; boleh beberapa)",
    )
    lp.add_argument(
        "--paralel",
        type=_bilangan_positif,
        default=None,
        metavar="N",
        help=f"jumlah pekerja paralel (bawaan: jumlah inti prosesor, di sini {os.cpu_count()})",
    )
    lp.add_argument(
        "--k", type=_k, default="auto", metavar="auto|N", help="jumlah pola kinerja (bawaan auto)"
    )
    lp.add_argument("--seed", type=int, default=0, metavar="S", help="benih acak (bawaan 0)")
    lp.add_argument("--konfigurasi", metavar="F", help="berkas YAML pengganti aturan bawaan")
    lp.add_argument(
        "--pdf",
        action="store_true",
        help="tulis juga opd/<slug>.pdf dan ringkasan_pimpinan.pdf (A4, kaki halaman, blok tanda "
        "tangan) dengan Chromium, Chrome atau Edge yang terpasang; tanpa peramban: HTML saja",
    )
    _tambah_csv(lp)

    im = sub.add_parser(
        "impor", help="ubah ekspor e-Kinerja BKN atau riwayat SIASN menjadi folder data"
    )
    sumber = im.add_subparsers(dest="sumber", metavar="SUMBER", parser_class=_Parser)
    sumber.required = True
    ek = sumber.add_parser(
        "ekinerja", help="Laporan Penilaian SKP dan Laporan SKP dari e-Kinerja (.xlsx/.csv)"
    )
    ek.add_argument("masukan", nargs="+", metavar="MASUKAN", help="berkas atau folder ekspor")
    ek.add_argument("--keluaran", required=True, metavar="DIR", help="folder data yang ditulis")
    ek.add_argument(
        "--periode",
        metavar="P",
        help="periode laporan (mis. 2026-01); hanya untuk satu Laporan Penilaian SKP",
    )
    _tambah_csv(ek)
    sa = sumber.add_parser("siasn", help="riwayat rw-skp22 / rw-kinerjaperiodik SIASN (.json)")
    sa.add_argument("masukan", nargs="+", metavar="MASUKAN", help="berkas atau folder JSON")
    sa.add_argument("--keluaran", required=True, metavar="DIR", help="folder data yang ditulis")
    _tambah_csv(sa)
    return p


def _k(teks: str) -> str | int:
    if teks.strip().lower() == "auto":
        return "auto"
    if not teks.strip().isdigit() or int(teks) < 1:
        raise argparse.ArgumentTypeError(f"'{teks}' bukan 'auto' atau bilangan bulat positif")
    return int(teks)


def _progres_aktif() -> bool:
    return sys.stderr.isatty() or os.environ.get("ASN_ANALITIK_PROGRES") == "1"


def _cetak_progres(pesan: str) -> None:
    """Kemajuan ke stderr bila stderr terminal (atau ASN_ANALITIK_PROGRES=1), agar stderr
    skrip dan log hanya berisi pesan galat."""
    if _progres_aktif():
        print(f"[{time.strftime('%H:%M:%S')}] {pesan}", file=sys.stderr, flush=True)


def _cetak_ditolak(manifest: dict, kecuali: str | None = None) -> None:
    """Satu baris sebelum ringkasan perintah bila ada baris masukan yang ditolak, per tabel
    (``kecuali``: tabel yang sudah disebut ringkasannya sendiri): tanpa ini baris yang ditolak
    hanya terlihat di berkas ``ditolak``, bukan di layar analis."""
    per_tabel = [f"{t} {angka_id(h['ditolak'])}" for t, h in manifest["jumlah_baris"].items()
                 if t != kecuali and h.get("ditolak")]  # fmt: skip
    if per_tabel:
        awal = "Baris ditolak di tabel lain" if kecuali else "Baris ditolak"
        print(f"{awal}: {', '.join(per_tabel)} (alasannya di berkas ditolak).")


def _cetak_peringatan(peringatan: list[str]) -> None:
    """Peringatan selalu ke stderr (juga bila bukan terminal): hal yang mengubah arti hasil."""
    for pesan in peringatan:
        print(f"asn-analitik: perhatian: {pesan}", file=sys.stderr)


def _contoh(arg) -> int:
    from .contoh.buat import tulis_contoh

    if arg.format == "ekinerja":
        from .contoh.ekinerja import tulis_ekspor_ekinerja

        if arg.csv != "standar":
            raise ArgumenTidakValid(
                "--csv hanya berlaku untuk --format tabel: ekspor e-Kinerja sintetis ditulis "
                "seperti ekspor aslinya. Hapus --csv, atau pakai --format tabel."
            )

        jalur = tulis_ekspor_ekinerja(arg.keluaran, arg.pegawai, arg.seed)
        print(
            f"Ekspor e-Kinerja sintetis ditulis ke {arg.keluaran}: {len(jalur)} berkas "
            f"({', '.join(p.name for p in jalur)}). Coba: asn-analitik impor ekinerja "
            f"{arg.keluaran} --keluaran DIR"
        )
        return 0

    jumlah = tulis_contoh(arg.keluaran, arg.pegawai, arg.seed, progres=_cetak_progres)
    rincian = ", ".join(f"{nama} {angka_id(n)} baris" for nama, n in jumlah.items())
    print(f"Data contoh ditulis ke {arg.keluaran}: {rincian}.")
    return 0


def _validasi(arg) -> int:
    from .keluaran import SetKeluaran, tulis_tabel
    from .masuk.alasan import tabel_dikecualikan, tabel_ditolak
    from .masuk.muat import muat

    with SetKeluaran(arg.keluaran, "validasi") if arg.keluaran else nullcontext() as kerja:
        data = muat(arg.data, progres=_cetak_progres)
        ditolak = tabel_ditolak(data)
        if kerja is not None:
            tulis_tabel(ditolak, kerja, "ditolak")
            tulis_tabel(tabel_dikecualikan(data), kerja, "dikecualikan")
    for nama, j in data.jumlah().items():
        print(
            f"{nama}: {angka_id(j['dibaca'])} baris dibaca, {angka_id(j['dinilai'])} sah, "
            f"{angka_id(j['ditolak'])} ditolak, {angka_id(j['dikecualikan'])} dikecualikan"
        )
    if data.peringatan:
        print(f"\nPerhatian ({len(data.peringatan)}):")
        for pesan in data.peringatan:
            print(f"- {pesan}")
    if ditolak.empty:
        if data.peringatan:
            print("\nSemua baris yang dibaca sah, tetapi periksa hal di atas.")
            return 1
        print("Tidak ada masalah: semua baris sah.")
        return 0
    print(f"\nDitemukan {angka_id(len(ditolak))} masalah:")
    for r in ditolak.head(50).fillna("").itertuples():
        kolom = f" kolom {r.kolom}" if r.kolom else ""
        nilai = f"'{r.nilai}'" if r.nilai else "kosong"
        print(f"- {r.berkas} baris {r.baris}{kolom} ({nilai}): {r.alasan}")
    if len(ditolak) > 50:
        sisa = angka_id(len(ditolak) - 50)
        print(f"... dan {sisa} masalah lain (pakai --keluaran DIR untuk daftar lengkap).")
    return 1


def _skor(arg) -> int:
    from .alur import jalankan_skor

    m = jalankan_skor(
        arg.data,
        arg.keluaran,
        arg.periode,
        arg.metode,
        arg.konfigurasi,
        arg.format,
        opd=arg.opd,
        progres=_cetak_progres,
    )
    _cetak_peringatan(m["peringatan"])
    tabel = "indikator" if "indikator" in m["jumlah_baris"] else "evaluasi_atasan"
    j = m["jumlah_baris"][tabel]
    _cetak_ditolak(m, kecuali=tabel)  # ringkasan di bawah hanya menyebut tabel ini
    print(
        f"Selesai: {angka_id(m['jumlah_pegawai_periode'])} pegawai-periode dinilai "
        f"({', '.join(m['parameter']['periode'])}); {tabel}: {angka_id(j['dibaca'])} dibaca, "
        f"{angka_id(j['dinilai'])} dinilai, {angka_id(j['ditolak'])} ditolak, "
        f"{angka_id(j['dikecualikan'])} dikecualikan. Hasil di {arg.keluaran}."
    )
    return 0


def _klaster(arg) -> int:
    from .alur import jalankan_klaster

    m = jalankan_klaster(
        arg.data,
        arg.keluaran,
        arg.periode,
        arg.k,
        arg.seed,
        arg.konfigurasi,
        progres=_cetak_progres,
    )
    _cetak_peringatan(m["peringatan"])
    _cetak_ditolak(m)
    k = m["klaster"]["k"]
    pola = f"dikelompokkan menjadi {k} pola" if k else m["klaster"]["tanpa_pola"].rstrip(".")
    print(
        f"Selesai: {angka_id(m['jumlah_pegawai_periode'])} pegawai pada periode "
        f"{', '.join(m['parameter']['periode'])}; {pola}; "
        f"{angka_id(m['jumlah_rekomendasi'])} rekomendasi pelatihan. Hasil di {arg.keluaran}."
    )
    return 0


def _kalibrasi(arg) -> int:
    from .alur import jalankan_kalibrasi

    m = jalankan_kalibrasi(arg.data, arg.keluaran, arg.periode, arg.konfigurasi, _cetak_progres)
    _cetak_peringatan(m["peringatan"])
    _cetak_ditolak(m)
    k = m["keadilan"]
    kurva, penilai = k["kurva_distribusi"], k["kalibrasi_penilai"]
    diuji = sum(v for s, v in penilai.items() if s != "data_kurang")
    print(
        f"Selesai ({', '.join(m['parameter']['periode'])}): kurva distribusi "
        f"{angka_id(kurva.get('sesuai', 0))} OPD-periode sesuai, "
        f"{angka_id(kurva.get('tidak_sesuai', 0))} tidak sesuai "
        f"({angka_id(k['kandidat_tinjauan'])} kandidat tinjauan); penilai: "
        f"{angka_id(diuji)} diuji, {angka_id(penilai.get('murah_hati', 0))} murah hati, "
        f"{angka_id(penilai.get('ketat', 0))} ketat, {angka_id(k['kecenderungan_tengah'])} "
        f"cenderung ke tengah; {angka_id(k['predikat_tidak_cocok'])} predikat resmi tidak cocok "
        f"dengan matriks. Hasil di {arg.keluaran}."
    )
    return 0


def _tren(arg) -> int:
    from .alur import jalankan_tren

    m = jalankan_tren(arg.data, arg.keluaran, arg.periode, arg.konfigurasi, _cetak_progres)
    _cetak_peringatan(m["peringatan"])
    _cetak_ditolak(m)
    t = m["tren"]
    if not t["pasangan"]:
        print(f"Selesai: tidak ada pasangan periode sejenis untuk dibandingkan. Hasil di "
              f"{arg.keluaran}.")  # fmt: skip
        return 0
    arah, efek, pindah = t["arah"], t["efek_pelatihan"], t["perpindahan"]
    pasangan = ", ".join(f"{a} -> {b}" for a, b in t["pasangan"])
    print(
        f"Selesai ({pasangan}): {angka_id(sum(arah.values()))} pegawai dibandingkan "
        f"({angka_id(arah.get('naik', 0))} naik, {angka_id(arah.get('turun', 0))} turun, "
        f"{angka_id(arah.get('tetap', 0))} tetap); {angka_id(pindah.get('masuk', 0))} masuk, "
        f"{angka_id(pindah.get('keluar', 0))} keluar, {angka_id(pindah.get('pindah_opd', 0))} "
        f"pindah OPD; pelatihan: {angka_id(efek.get('membantu', 0))} membantu, "
        f"{angka_id(efek.get('tidak_terbukti', 0))} tidak terbukti, "
        f"{angka_id(efek.get('merugikan', 0))} merugikan, {angka_id(efek.get('data_kurang', 0))} "
        f"data kurang. Hasil di {arg.keluaran}."
    )
    return 0


def _impor(arg) -> int:
    from .alur import jalankan_impor

    m = jalankan_impor(
        arg.sumber, arg.masukan, arg.keluaran, getattr(arg, "periode", None), _cetak_progres
    )
    _cetak_peringatan(m["peringatan"])
    j = m["jumlah_baris"]
    dibaca = sum(b["dibaca"] for b in m["berkas"])
    print(
        f"Selesai: {len(m['berkas'])} berkas, {angka_id(dibaca)} baris dibaca; "
        f"{angka_id(j['pegawai'])} pegawai, {angka_id(j['evaluasi_atasan'])} baris evaluasi_atasan"
        + (f", {angka_id(j['status_skp'])} baris status_skp" if j["status_skp"] is not None else "")
        + f"; {angka_id(j['impor_ditolak'])} ditolak, {angka_id(j['impor_dikecualikan'])} "
        f"dikecualikan (lihat impor_ditolak.csv dan impor_dikecualikan.csv). Folder data: "
        f"{arg.keluaran}"
    )
    return 0


def _laporan(arg) -> int:
    from .laporan.jalankan import jalankan_laporan

    hasil = jalankan_laporan(
        arg.data,
        arg.keluaran,
        arg.periode,
        arg.opd,
        arg.paralel,
        arg.k,
        arg.seed,
        arg.konfigurasi,
        progres=_cetak_progres,
        progres_bar=_progres_aktif(),
        pdf=arg.pdf,
    )
    _cetak_peringatan(hasil.peringatan)
    for periode, daftar in hasil.status.items():
        hitung = {}
        for s in daftar:
            hitung[s.status] = hitung.get(s.status, 0) + 1
        manifest = hasil.folder[periode] / "manifest.json"
        _cetak_ditolak(json.loads(manifest.read_text(encoding="utf-8")))
        print(
            f"Periode {periode}: {hitung.get('selesai', 0)} laporan dibuat, "
            f"{hitung.get('mutakhir', 0)} sudah mutakhir, {hitung.get('gagal', 0)} gagal. "
            f"Buka {hasil.folder[periode] / 'index.html'}"
        )
    for s in hasil.gagal:
        print(f"asn-analitik: laporan {s.nama} gagal: {s.pesan}", file=sys.stderr)
    return 1 if hasil.gagal else 0


def _hentikan(nomor: int, _bingkai) -> None:
    raise Dihentikan(nomor)


def utama(argv: Sequence[str] | None = None) -> int:
    """Titik masuk ``asn-analitik``; mengembalikan kode keluar."""
    parser = buat_parser()
    arg = parser.parse_args(argv)
    if argv is None:  # proses perintah sendiri (bukan dipanggil dari Python)
        from .memori import atur_alokator

        atur_alokator()
    utas_utama = threading.current_thread() is threading.main_thread()
    if utas_utama:  # SIGTERM seperti Ctrl+C: berhenti rapi, kode 143
        lama = signal.signal(signal.SIGTERM, _hentikan)
    try:
        from .keluaran import gaya_csv

        perintah = {
            "contoh": _contoh,
            "validasi": _validasi,
            "skor": _skor,
            "klaster": _klaster,
            "kalibrasi": _kalibrasi,
            "tren": _tren,
            "laporan": _laporan,
            "impor": _impor,
        }
        with gaya_csv(arg.csv):  # semua CSV yang ditulis perintah ini
            return perintah[arg.perintah](arg)
    except GalatAsn as galat:
        print(f"asn-analitik: galat: {galat.pesan}", file=sys.stderr)
        return galat.kode_keluar
    except KeyboardInterrupt as galat:
        nama = (
            "SIGTERM"
            if getattr(galat, "nomor_sinyal", signal.SIGINT) == signal.SIGTERM
            else "Ctrl+C"
        )
        print(
            f"asn-analitik: dihentikan ({nama}); folder keluaran tetap berisi hasil sebelumnya. "
            "Jalankan ulang perintah yang sama untuk melanjutkan.",
            file=sys.stderr,
        )
        return getattr(galat, "kode_keluar", 130)
    except BrokenPipeError:  # keluaran dipotong, mis. `asn-analitik validasi ... | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as galat:  # mis. berkas masukan tanpa izin baca
        jalur = galat.filename or "berkas"
        print(
            f"asn-analitik: galat: {jalur} tidak dapat dipakai (galat sistem {galat.errno}: "
            f"{galat.strerror}). Periksa izin dan disknya.",
            file=sys.stderr,
        )
        return 2
    except Exception as galat:
        if os.environ.get("ASN_ANALITIK_DEBUG"):
            raise
        print(
            f"asn-analitik: galat tak terduga ({type(galat).__name__}: {galat}). Ini "
            "kemungkinan kesalahan program: laporkan ke pengembang beserta perintahnya; "
            "jalankan ulang dengan ASN_ANALITIK_DEBUG=1 untuk rinciannya.",
            file=sys.stderr,
        )
        return 2
    finally:
        if utas_utama:
            signal.signal(signal.SIGTERM, lama)
        if argv is None:
            # Proses akan keluar: pengumpulan sampah terakhir saat Python berhenti tidak perlu
            # menelusuri semua objek pandas/scikit-learn yang masih hidup (± 0,2 detik).
            gc.freeze()
