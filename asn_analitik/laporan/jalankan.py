"""Perintah ``laporan``: hitung sekali per periode, lalu buat laporan setiap OPD secara paralel.

Alur per periode:

1. nilai dan kelompokkan seluruh kabupaten satu kali
   (:func:`~asn_analitik.alur.klaster_dan_tulis`), tulis tabel kontrak dan hasil Parquet ke
   folder kerja ``<keluaran>/.asn-kerja-<periode>/``;
2. jalankan ``02_laporan_opd.ipynb`` (papermill) untuk setiap OPD dan
   ``03_ringkasan_pimpinan.ipynb`` sekali, di proses pekerja terpisah (``--paralel N``);
3. ekspor menjadi HTML mandiri tanpa kode, simpan notebook yang dijalankan di sampingnya;
4. tulis ``index.html``, lalu ganti ``<keluaran>/<periode>/`` dengan folder kerja seutuhnya.

Jadi folder periode selalu berisi set lama yang utuh atau set baru yang utuh. Jalannya yang
terputus (Ctrl+C, SIGTERM, listrik padam) meninggalkan folder kerja; menjalankan ulang perintah
yang sama memakai lagi laporan yang sudah selesai di sana (dikenali dari sidiknya: data, versi
kit, notebook, parameter) dan menyelesaikan sisanya. Satu folder keluaran hanya dipakai satu
proses sekaligus (:class:`~asn_analitik.keluaran.KunciFolder`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..galat import KeluaranTidakLayak
from ..keluaran import (
    KunciFolder,
    galat_tulis,
    ganti_folder,
    pulihkan_folder,
    tulis_json,
    tulis_tabel,
)
from ..konfigurasi import FOLDER_NOTEBOOK, TEMPAT, VERSI
from ..masuk.muat import muat
from ..masuk.pilih import cocokkan_opd, daftar_opd, tentukan_periode
from .hasil import sidik_data, simpan_hasil
from .indeks import StatusLaporan, tulis_indeks
from .kumpulan import KumpulanPekerja
from .pdf import cari_peramban, pesan_tanpa_peramban
from .pekerja import Tugas, batas_detik_sel
from .ringkasan import angka_per_opd
from .slug import slug_unik

__all__ = [
    "BUKU_OPD",
    "BUKU_PIMPINAN",
    "HasilLaporan",
    "jalankan_laporan",
    "parameter_opd",
    "parameter_pimpinan",
    "sidik_laporan",
]

BUKU_OPD = FOLDER_NOTEBOOK / "02_laporan_opd.ipynb"
BUKU_PIMPINAN = FOLDER_NOTEBOOK / "03_ringkasan_pimpinan.ipynb"
_AWALAN_KERJA = ".asn-kerja-"


def parameter_opd(
    periode: str,
    opd: str,
    hasil: str,
    samarkan_nip: bool = False,
    berkas_lampiran: str = "",
    tempat: str = TEMPAT,
) -> dict:
    """Parameter yang diberikan ke ``02_laporan_opd.ipynb`` (nilai, bukan kode).

    ``berkas_lampiran``: nama lampiran Excel OPD itu, relatif terhadap halamannya.
    """
    return {
        "periode": periode,
        "opd": opd,
        "hasil": hasil,
        "samarkan_nip": samarkan_nip,
        "berkas_lampiran": berkas_lampiran,
        "tempat": tempat,
    }


def parameter_pimpinan(periode: str, hasil: str, tempat: str = TEMPAT) -> dict:
    """Parameter yang diberikan ke ``03_ringkasan_pimpinan.ipynb``."""
    return {"periode": periode, "hasil": hasil, "tempat": tempat}


@dataclass
class HasilLaporan:
    """Ringkasan satu jalannya ``laporan``: status setiap laporan per periode."""

    folder: dict[str, Path] = field(default_factory=dict)
    status: dict[str, list[StatusLaporan]] = field(default_factory=dict)
    peringatan: list[str] = field(default_factory=list)

    @property
    def gagal(self) -> list[StatusLaporan]:
        return [s for daftar in self.status.values() for s in daftar if s.status == "gagal"]


def sidik_laporan(manifest: dict, buku: Path, parameter: dict) -> str:
    """Sidik satu laporan: berkas masukan, parameter hitung (aturan termasuk kurva dan kalibrasi
    penilai, k, benih, katalog), versi kit, isi notebook dan parameternya. Laporan yang sidiknya
    sama tidak dibuat ulang.

    Waktu mulai/selesai di manifest tidak ikut, jadi menjalankan ulang pada data yang sama
    menghasilkan sidik yang sama.
    """
    dasar = {
        "masukan": manifest["berkas_masukan"],
        "parameter": manifest["parameter"],
        "klaster": manifest.get("klaster"),
        "keadilan": manifest.get("keadilan"),
        "tren": manifest.get("tren"),
        "versi": VERSI,
        "notebook": parameter,
    }
    isi = json.dumps(dasar, sort_keys=True, default=str).encode() + Path(buku).read_bytes()
    return hashlib.sha256(isi).hexdigest()[:16]


# Urutan atribut bisa berubah saat nbconvert merapikan HTML.
_META_SIDIK = re.compile(rb'<meta (?=[^>]*name="asn-analitik-sidik")[^>]*content="([0-9a-f]*)"')


def _berkas_tugas(tugas: Tugas) -> list[Path]:
    lain = (tugas.salindia, tugas.lampiran, tugas.pdf)
    return [Path(tugas.html), Path(tugas.ipynb), *(Path(b) for b in lain if b)]


def _sidik_di(html: Path) -> str | None:
    try:
        with open(html, "rb") as f:
            m = _META_SIDIK.search(f.read(1 << 16))
    except OSError:
        return None
    return m.group(1).decode() if m else None


def _pakai_yang_mutakhir(tugas: Tugas, kerja: Path, akhir: Path) -> bool:
    """Laporan ``tugas`` sudah ada dengan sidik yang sama: di folder kerja (jalannya yang
    terputus), atau di folder periode saat ini (disalin ke folder kerja)."""
    berkas = _berkas_tugas(tugas)
    if all(b.is_file() for b in berkas) and _sidik_di(berkas[0]) == tugas.sidik:
        return True
    lama = [akhir / b.relative_to(kerja) for b in berkas]
    if not (all(b.is_file() for b in lama) and _sidik_di(lama[0]) == tugas.sidik):
        return False
    for asal, tujuan in zip(lama, berkas, strict=True):
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(asal, tujuan)
    return True


def _hitung(data_dir, keluaran: Path, periode, k, seed, konfigurasi, progres, data, tren):
    """Hitung satu periode ke folder sementara, lalu pindahkan tabelnya ke folder kerja periode
    itu (yang mungkin sudah berisi laporan dari jalannya yang terputus). ``data`` sudah dimuat
    sekali untuk seluruh jalannya; ``tren`` per periode dari
    :func:`~asn_analitik.alur.tren_untuk_laporan`."""
    from ..alur import klaster_dan_tulis

    sementara = keluaran / f".asn-hitung-{os.getpid()}-{secrets.token_hex(3)}"
    try:
        hk = klaster_dan_tulis(
            data_dir, sementara, periode, k, seed, konfigurasi, progres, keadilan=True, data=data
        )
        hk.tren, hk.manifest["tren"] = tren[hk.manifest["parameter"]["periode"][0]]
        for nama, tabel in hk.tren.tabel().items():
            tulis_tabel(tabel, sementara, nama)
        hk.manifest["berkas_keluaran"] = sorted(
            {*hk.manifest["berkas_keluaran"], *(f"{n}.csv" for n in hk.tren.tabel())}
        )
        tulis_json(hk.manifest, sementara / "manifest.json")
        simpan_hasil(hk, sementara / "hasil")
        nama_periode = hk.manifest["parameter"]["periode"][0]
        kerja = keluaran / f"{_AWALAN_KERJA}{nama_periode}"
        pulihkan_folder(keluaran / nama_periode)
        for berkas in sorted(sementara.rglob("*")):
            if berkas.is_file():
                tujuan = kerja / berkas.relative_to(sementara)
                tujuan.parent.mkdir(parents=True, exist_ok=True)
                os.replace(berkas, tujuan)
    except OSError as galat:
        raise galat_tulis(galat, keluaran) from None
    finally:
        shutil.rmtree(sementara, ignore_errors=True)
    return hk, nama_periode, kerja


def _bersihkan_sisa(keluaran: Path) -> None:
    """Folder hitung yang ditinggalkan proses yang mati (di bawah kunci)."""
    for p in keluaran.iterdir():
        if p.is_dir() and p.name.startswith((".asn-hitung-", ".asn-baru-")):
            shutil.rmtree(p, ignore_errors=True)


def jalankan_laporan(
    data_dir: str | Path,
    keluaran: str | Path,
    periode: Sequence[str] | str | None = None,
    opd: Sequence[str] | None = None,
    paralel: int | None = None,
    k: str | int = "auto",
    seed: int = 0,
    konfigurasi: str | Path | None = None,
    progres: Callable[[str], None] | None = None,
    progres_bar: bool = False,
    buku_opd: str | Path | None = None,
    buku_pimpinan: str | Path | None = None,
    pdf: bool = False,
) -> HasilLaporan:
    """Buat semua laporan (kontrak v1, bagian 5: ``laporan``).

    Bisa dipanggil dari skrip atau notebook biasa, tanpa ``if __name__ == "__main__":``.

    Parameters
    ----------
    periode
        Satu periode, beberapa periode, atau ``None`` (periode terbaru).
    opd
        Buat laporan OPD ini saja (huruf besar/kecil tidak berpengaruh; ringkasan pimpinan dan
        indeks tetap dibuat). Nama yang tidak dikenal dilaporkan sebelum perhitungan dimulai.
    paralel
        Jumlah proses pekerja; bawaan: jumlah inti prosesor.
    buku_opd, buku_pimpinan
        Notebook yang dijalankan (bawaan: ``notebooks/`` kit), mis. templat buatan sendiri.
    pdf
        Cetak juga ``opd/<slug>.pdf`` dan ``ringkasan_pimpinan.pdf`` dengan peramban keluarga
        Chromium yang terpasang (:mod:`.pdf`); tanpa peramban, peringatan dan HTML saja.

    Returns
    -------
    HasilLaporan
        Status setiap laporan; ``gagal`` tidak kosong berarti kode keluar 1.

    Raises
    ------
    InputTidakLayak, ArgumenTidakValid, KeluaranTidakLayak
        Data, argumen (mis. ``--opd`` yang tidak ada, ``ASN_ANALITIK_BATAS_DETIK_SEL`` yang bukan
        jumlah detik) atau folder keluaran tidak dapat dipakai.
    """
    progres = progres or (lambda pesan: None)
    paralel = paralel or os.cpu_count() or 1
    keluaran = Path(keluaran).resolve()
    buku_opd = Path(buku_opd or BUKU_OPD).resolve()
    buku_pimpinan = Path(buku_pimpinan or BUKU_PIMPINAN).resolve()
    daftar_periode = [periode] if isinstance(periode, str) or periode is None else list(periode)
    dipilih = set(cocokkan_opd(daftar_opd(data_dir), opd)) if opd else None
    batas_detik_sel()  # ASN_ANALITIK_BATAS_DETIK_SEL yang salah dilaporkan sebelum menghitung
    hasil = HasilLaporan()
    if pdf and cari_peramban() is None:
        hasil.peringatan.append(pesan_tanpa_peramban())
        pdf = False
    with KunciFolder(keluaran, "laporan"):
        _bersihkan_sisa(keluaran)
        pool = KumpulanPekerja(paralel)
        try:
            # Berkas dibaca sekali untuk semua periode; tren dihitung sekali untuk semuanya.
            from ..alur import tren_untuk_laporan

            data = muat(data_dir, progres=progres)
            nama_periode = [
                tentukan_periode(data.periode, p or "terbaru")[0] for p in daftar_periode
            ]
            tren = tren_untuk_laporan(data, list(dict.fromkeys(nama_periode)), konfigurasi,
                                      progres)  # fmt: skip
            for i, p in enumerate(daftar_periode):
                _satu_periode(
                    hasil, pool, data_dir, keluaran, p or "terbaru", dipilih, paralel,
                    (k, seed, konfigurasi, data, tren), (buku_opd, buku_pimpinan, pdf), progres,
                    progres_bar, terakhir=i == len(daftar_periode) - 1,
                )  # fmt: skip
        except KeluaranTidakLayak:  # disk penuh, tanpa izin: jangan tinggalkan folder kerja
            pool.hentikan()
            for kerja in keluaran.glob(f"{_AWALAN_KERJA}*"):
                shutil.rmtree(kerja, ignore_errors=True)
            raise
        except BaseException:  # terputus: folder kerja tetap, untuk dilanjutkan
            pool.hentikan()
            raise
        pool.tutup()
    return hasil


def _satu_periode(hasil, pool, data_dir, keluaran, periode, dipilih, paralel, hitung, buku,
                  progres, progres_bar, terakhir=False) -> None:  # fmt: skip
    """Hitung dan buat laporan satu periode. ``terakhir``: tidak ada periode lagi sesudahnya
    (pekerja yang selesai boleh langsung berhenti)."""
    k, seed, konfigurasi, data, tren = hitung
    hk, nama_periode, kerja = _hitung(data_dir, keluaran, periode, k, seed, konfigurasi, progres,
                                      data, tren)  # fmt: skip
    akhir = keluaran / nama_periode
    pimpinan, tugas_opd, lain = _susun_tugas(hk, nama_periode, kerja, akhir, *buku)
    status: dict[str, StatusLaporan] = {}
    antre = []
    for t in [pimpinan, *tugas_opd]:
        if _pakai_yang_mutakhir(t, kerja, akhir):
            status[t.slug] = StatusLaporan(t.nama, t.slug, "mutakhir")
        elif t is pimpinan or dipilih is None or t.nama in dipilih:
            antre.append(t)
        else:
            status[t.slug] = StatusLaporan(t.nama, t.slug, "tidak_diminta")
    # Yang terbesar lebih dulu (ringkasan pimpinan, lalu OPD menurut jumlah pegawai): laporan
    # terakhir di setiap pekerja kecil, jadi pekerja selesai hampir bersamaan.
    ukuran = hk.hasil.skor_pegawai["opd"].astype("str").value_counts()
    antre.sort(key=lambda t: (t is not pimpinan, -int(ukuran.get(t.nama, 0)), t.nama))
    progres(
        f"Periode {nama_periode}: {len(antre)} laporan dibuat dengan {paralel} pekerja "
        f"({len(status)} sudah mutakhir atau tidak diminta) ..."
    )
    status |= _jalankan_tugas(pool, antre, progres_bar, terakhir)
    hasil.peringatan += [s.pesan for s in status.values() if s.status == "selesai" and s.pesan]
    daftar_opd_ = sorted([*(status[t.slug] for t in tugas_opd), *lain], key=lambda s: s.nama)
    tulis_indeks(kerja, nama_periode, daftar_opd_, status[pimpinan.slug],
                 angka_per_opd(hk.hasil.skor_pegawai, hk.rekomendasi), hk.manifest,
                 sidik_data(hk.manifest))  # fmt: skip
    ganti_folder(kerja, akhir)
    hasil.folder[nama_periode] = akhir
    hasil.status[nama_periode] = [status[pimpinan.slug], *daftar_opd_]
    hasil.peringatan += [p for p in hk.manifest["peringatan"] if p not in hasil.peringatan]


def _jalankan_tugas(pool: KumpulanPekerja, tugas: list[Tugas], progres_bar: bool,
                    terakhir: bool = False):  # fmt: skip
    """Jalankan ``tugas`` di ``pool`` dengan bilah kemajuan; status per slug. ``terakhir``: periode
    terakhir, pekerja yang selesai boleh langsung berhenti."""
    from tqdm.auto import tqdm

    bar = tqdm(
        total=len(tugas), desc="Laporan", unit="laporan", disable=not progres_bar or not tugas,
        file=sys.stderr,
    )  # fmt: skip

    def _maju(s: StatusLaporan) -> None:
        bar.set_postfix_str(s.nama[:30])
        bar.update()

    try:
        return pool.jalankan(tugas, _maju, terakhir)
    finally:
        bar.close()


def _tugas(nama, slug, buku, parameter, tampil, kerja, dasar, judul, manifest, salindia=None,
           lampiran=False, pdf=False):  # fmt: skip
    return Tugas(
        nama, slug, str(buku), parameter, f"{kerja / dasar}.html", f"{kerja / dasar}.ipynb",
        judul, sidik_laporan(manifest, buku, tampil),
        salindia=str(kerja / salindia) if salindia else None,
        lampiran=f"{kerja / dasar}.xlsx" if lampiran else None,
        pdf=f"{kerja / dasar}.pdf" if pdf else None, parameter_tampil=tampil,
    )  # fmt: skip


def _susun_tugas(hk, nama_periode: str, kerja: Path, akhir: Path, buku_opd: Path,
                 buku_pimpinan: Path, pdf: bool = False):  # fmt: skip
    """Tugas ringkasan pimpinan dan tugas setiap OPD (urut nama) untuk satu periode, serta
    status OPD yang tidak punya laporan (tanpa pegawai aktif, atau tanpa data penilaian)."""
    skor = hk.hasil.skor_pegawai
    dinilai = sorted(skor["opd"].astype("str").unique())
    aktif = hk.data.tabel["pegawai"]["opd"].astype("str").value_counts()
    tidak_aktif = hk.data.tidak_aktif["opd"].astype("str").value_counts()
    semua = sorted(set(dinilai) | set(aktif.index) | set(tidak_aktif.index))
    slug = slug_unik(semua)
    hasil_kerja, hasil_akhir = str(kerja / "hasil"), str(akhir / "hasil")
    (kerja / "opd").mkdir(parents=True, exist_ok=True)
    tugas_opd, lain = [], []
    for nama in semua:
        if nama in dinilai:
            xlsx = f"{slug[nama]}.xlsx"
            tugas_opd.append(_tugas(
                nama, slug[nama], buku_opd,
                parameter_opd(nama_periode, nama, hasil_kerja, berkas_lampiran=xlsx),
                parameter_opd(nama_periode, nama, hasil_akhir, berkas_lampiran=xlsx), kerja,
                f"opd/{slug[nama]}", f"Laporan Kinerja {nama} {nama_periode}", hk.manifest,
                lampiran=True, pdf=pdf,
            ))  # fmt: skip
        elif nama in aktif.index:
            lain.append(StatusLaporan(nama, slug[nama], "tanpa_data",
                                      f"{aktif[nama]} pegawai aktif tanpa data penilaian "
                                      "(indikator, perilaku, evaluasi) periode ini"))  # fmt: skip
        else:
            lain.append(StatusLaporan(nama, slug[nama], "tanpa_pegawai_aktif",
                                      f"{tidak_aktif[nama]} pegawai, semuanya tidak aktif "
                                      "(pensiun, mutasi, cltn, meninggal)"))  # fmt: skip
    pimpinan = _tugas(
        "Ringkasan pimpinan", "ringkasan_pimpinan", buku_pimpinan,
        parameter_pimpinan(nama_periode, hasil_kerja),
        parameter_pimpinan(nama_periode, hasil_akhir), kerja, "ringkasan_pimpinan",
        f"Ringkasan Kinerja ASN {nama_periode}", hk.manifest, "ringkasan_pimpinan.salindia.html",
        pdf=pdf,
    )  # fmt: skip
    return pimpinan, tugas_opd, lain
