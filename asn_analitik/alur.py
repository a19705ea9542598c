"""Alur kerja lengkap yang dipanggil baris perintah: muat, nilai, tulis hasil dan manifest."""

from __future__ import annotations

import contextvars
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .analisis.keadilan import HasilKeadilan, analisis_keadilan
from .analisis.kepatuhan import Kepatuhan, kepatuhan_penilaian
from .galat import InputTidakLayak
from .keluaran import SetKeluaran, gaya_csv_aktif, tulis_buku, tulis_json, tulis_tabel
from .konfigurasi import KATALOG_BAWAAN, VERSI
from .masuk.alasan import tabel_dikecualikan, tabel_ditolak
from .masuk.muat import DataMasuk, muat, muat_katalog
from .masuk.pilih import pilih_opd, pilih_periode, tentukan_periode
from .memori import lepas_memori, simpan_bebas
from .nilai.aturan import muat_aturan
from .nilai.skor import HasilSkor, skor
from .teks import angka_id

if TYPE_CHECKING:  # pola mengimpor scikit-learn; hanya untuk anotasi
    from .analisis.pola import HasilPola

__all__ = [
    "HasilKlaster",
    "jalankan_impor",
    "jalankan_tren",
    "salin_data",
    "tren_dan_tulis",
    "tren_untuk_laporan",
    "jalankan_kalibrasi",
    "kalibrasi_dan_tulis",
    "jalankan_klaster",
    "klaster_dan_tulis",
    "jalankan_skor",
]


def _sekarang() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def _periksa_hitungan(jumlah: dict, hasil: HasilSkor) -> None:
    for nama, j in jumlah.items():
        if j["dibaca"] != j["dinilai"] + j["ditolak"] + j["dikecualikan"]:
            raise AssertionError(f"hitungan baris {nama} tidak cocok: {j}")
    if jumlah.get("indikator", {"dinilai": 0})["dinilai"] != len(hasil.capaian_indikator):
        raise AssertionError("jumlah baris capaian_indikator tidak cocok dengan hitungan")


def _peringatan_skor(hasil: HasilSkor) -> list[str]:
    kurang = hasil.perilaku_kurang
    if kurang is None or kurang.empty:
        return []
    minimum = hasil.aturan["perilaku"]["min_nilai"]
    contoh = "; ".join(
        f"{r.nip} {r.periode}: {r.jumlah_sah} sah dari {r.jumlah_dikirim} dikirim"
        for r in kurang.head(3).itertuples()
    )
    return [
        f"{angka_id(len(kurang))} pegawai-periode punya terlalu sedikit nilai "
        f"BerAKHLAK yang sah (perlu {minimum}, atau semua yang dikirim; {contoh}"
        f"{'; ...' if len(kurang) > 3 else ''}): nilai dan rating perilaku usulannya dikosongkan. "
        "Perbaiki baris perilakunya yang ditolak (lihat ditolak.csv)."
    ]


def salin_data(data: DataMasuk) -> DataMasuk:
    """Salinan dangkal ``data`` yang boleh dipilih periodenya tanpa mengubah aslinya (tabel
    tidak disalin: pemilihan periode dan OPD membuat tabel baru)."""
    return replace(data, tabel=dict(data.tabel))


@simpan_bebas()
def _muat_dan_nilai(data_dir, periode, metode, konfigurasi, opd, progres, data=None,
                    simpan_tabel=True):  # fmt: skip
    """Muat, pilih periode/OPD, nilai; kembalikan (data, hasil, aturan, kepatuhan, jumlah).

    ``periode`` boleh fungsi yang menerima daftar periode di data dan mengembalikan pilihannya.
    ``data``: folder yang sudah dimuat (:func:`muat`), agar tidak dibaca ulang; tidak diubah.
    ``simpan_tabel=False``: tabel perilaku dan evaluasi dilepas selagi menilai (perintah
    ``skor``, yang sesudahnya hanya menulis hasil).
    """
    aturan = muat_aturan(konfigurasi)
    data = muat(data_dir, progres=progres) if data is None else salin_data(data)
    if callable(periode):
        periode = periode(data.periode)
    # Kepatuhan penilaian dibandingkan antarbulan: dihitung dari semua periode, lalu dibatasi
    # pada OPD yang dipilih.
    kepatuhan = kepatuhan_penilaian(
        data.tabel["pegawai"], data.tabel.get("evaluasi_atasan"), data.tabel.get("status_skp"),
        aturan["permenpanrb_6_2022"]["matriks_predikat"],
    )  # fmt: skip
    lepas_memori()
    data = pilih_opd(pilih_periode(data, periode), opd)
    if opd:
        kepatuhan = kepatuhan.saring(set(data.tabel["pegawai"]["opd"].astype("str")))
    progres(f"Menilai dengan metode {metode} ...")
    jumlah = data.jumlah()
    hasil = skor(data, metode, aturan, lepas_masukan=not simpan_tabel)
    _periksa_hitungan(jumlah, hasil)
    return data, hasil, aturan, kepatuhan, jumlah


def _manifest(perintah, data_dir, data, hasil, aturan, jumlah, mulai, parameter) -> dict:
    return {
        "versi": VERSI,
        "perintah": perintah,
        "metode": hasil.metode,
        "parameter": {
            "data": str(Path(data_dir)),
            "periode": data.periode_dipilih,
            **parameter,
            "csv": gaya_csv_aktif(),
        },
        "berkas_masukan": {nama: {"sha256": sidik} for nama, sidik in data.sidik_berkas().items()},
        "berkas_folder": data.isi_folder,
        "berkas_tabel": data.info_berkas,
        "peringatan": [*data.peringatan, *_peringatan_skor(hasil)],
        "jumlah_baris": jumlah,
        "jumlah_pegawai_periode": int(len(hasil.skor_pegawai)),
        "python": sys.version.split()[0],
        "mulai": mulai,
    }


def _skor_dan_tulis(data_dir, keluaran, periode, metode, konfigurasi, format, opd, progres,
                    data=None, simpan_tabel=True):  # fmt: skip
    """Muat (kecuali ``data`` sudah dimuat), nilai, tulis keluaran ``skor``; kembalikan
    (manifest, data, hasil, aturan, kepatuhan).

    ``simpan_tabel=False`` (perintah ``skor`` saja): tabel masukan dilepas sebelum hasil ditulis,
    karena sesudah dinilai yang masih dibutuhkan hanya penolakan, pengecualian dan hitungan
    (memori skala nasional)."""
    mulai = _sekarang()
    data, hasil, aturan, kepatuhan, jumlah = _muat_dan_nilai(
        data_dir, periode, metode, konfigurasi, opd, progres, data, simpan_tabel
    )
    ada_evaluasi = "evaluasi_atasan" in data.berkas
    if not simpan_tabel:
        data = replace(data, tabel={})
        lepas_memori()
    keluaran = Path(keluaran)
    progres("Menulis hasil ...")
    # Dua tabel terbesar ditulis bersamaan (penulis pyarrow melepas GIL); galat salah satunya
    # muncul di sini seperti bila ditulis berurutan. Utas latar membawa konteks pemanggil
    # (gaya CSV ``excel-id`` disimpan di ContextVar, yang tidak diwarisi utas baru).
    with ThreadPoolExecutor(1, thread_name_prefix="tulis") as latar:
        capaian = latar.submit(
            contextvars.copy_context().run,
            tulis_tabel,
            hasil.capaian_indikator,
            keluaran,
            "capaian_indikator",
            format,
        )
        try:
            tulis_tabel(hasil.skor_pegawai, keluaran, "skor_pegawai", format)
        finally:
            capaian.result()
    tulis_tabel(tabel_ditolak(data), keluaran, "ditolak", "csv")
    tulis_tabel(tabel_dikecualikan(data), keluaran, "dikecualikan", "csv")
    if ada_evaluasi:
        tulis_tabel(kepatuhan.kepatuhan, keluaran, "kepatuhan_penilaian", "csv")
    parameter = {
        "opd": list(opd) if opd else None,
        "format": format,
        "konfigurasi": str(konfigurasi) if konfigurasi else None,
        "aturan": {**aturan[metode], "perilaku": aturan["perilaku"]},
    }
    manifest = _manifest("skor", data_dir, data, hasil, aturan, jumlah, mulai, parameter)
    manifest["selesai"] = _sekarang()
    manifest["berkas_keluaran"] = _berkas_set(keluaran)
    tulis_json(manifest, keluaran / "manifest.json")
    return manifest, data, hasil, aturan, kepatuhan


def _tulis_set(perintah, keluaran: Path, tabel: dict, data_dir, data, hasil, aturan, jumlah,
               mulai, konfigurasi, tambahan: dict, peringatan: list[str]) -> dict:  # fmt: skip
    """Tulis ``tabel`` hasil satu perintah analisis, ``ditolak``, ``dikecualikan`` dan
    ``manifest.json`` (dengan ringkasan ``tambahan``); kembalikan manifest."""
    for nama, isi in tabel.items():
        tulis_tabel(isi, keluaran, nama)
    tulis_tabel(tabel_ditolak(data), keluaran, "ditolak", "csv")
    tulis_tabel(tabel_dikecualikan(data), keluaran, "dikecualikan", "csv")
    parameter = {"konfigurasi": str(konfigurasi) if konfigurasi else None}
    manifest = _manifest(perintah, data_dir, data, hasil, aturan, jumlah, mulai, parameter)
    manifest.update(tambahan)
    manifest["peringatan"] += peringatan
    manifest["selesai"] = _sekarang()
    manifest["berkas_keluaran"] = _berkas_set(keluaran)
    tulis_json(manifest, keluaran / "manifest.json")
    return manifest


def _hitung(kolom: pd.Series) -> dict:
    """Hitungan tiap nilai (urut nilai), untuk ringkasan manifest."""
    return {str(k): int(v) for k, v in kolom.value_counts().sort_index().items()}


def _berkas_set(folder: Path) -> list[str]:
    """Nama berkas set keluaran di ``folder`` (termasuk ``manifest.json``), untuk manifest:
    set berikutnya menghapus berkas set ini yang tidak ia tulis lagi."""
    nama = {p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}
    return sorted(nama | {"manifest.json"})


def jalankan_skor(
    data_dir: str | Path,
    keluaran: str | Path,
    periode: Sequence[str] | str | None = None,
    metode: str = "permenpanrb_6_2022",
    konfigurasi: str | Path | None = None,
    format: str = "csv",
    opd: Sequence[str] | None = None,
    progres: Callable[[str], None] | None = None,
) -> dict:
    """Muat ``data_dir``, nilai, lalu tulis semua keluaran ``skor`` ke ``keluaran``.

    Returns
    -------
    dict
        Isi ``manifest.json`` yang ditulis.
    """
    progres = progres or (lambda pesan: None)
    with SetKeluaran(keluaran, "skor") as kerja:
        args = (data_dir, kerja, periode, metode, konfigurasi, format, opd, progres)
        return _skor_dan_tulis(*args, simpan_tabel=False)[0]


def _keadilan(data: DataMasuk, hasil: HasilSkor, aturan: dict, progres) -> HasilKeadilan:
    progres("Memeriksa kurva distribusi, kalibrasi penilai, dan predikat resmi ...")
    return analisis_keadilan(
        hasil.skor_pegawai,
        data.tabel["pegawai"],
        data.tabel.get("evaluasi_atasan"),
        data.tabel.get("organisasi"),
        aturan,
    )


def _tulis_keadilan(kd: HasilKeadilan, keluaran: Path) -> None:
    for nama, tabel in kd.tabel().items():
        tulis_tabel(tabel, keluaran, nama)


def _ringkas_keadilan(kd: HasilKeadilan, data: DataMasuk, aturan: dict) -> tuple[dict, list]:
    """Ringkasan keadilan untuk manifest, dan peringatannya."""
    ringkas = {
        "kurva_distribusi": _hitung(kd.kurva_distribusi["status"]),
        "kandidat_tinjauan": int(len(kd.kandidat_tinjauan)),
        "kalibrasi_penilai": _hitung(kd.kalibrasi_penilai["status"]),
        "kecenderungan_tengah": int((kd.kalibrasi_penilai["kecenderungan_tengah"] == "ya").sum()),
        "predikat_tidak_cocok": int(len(kd.predikat_tidak_cocok)),
        "penilaian_tanpa_penilai": kd.tanpa_penilai,
        "aturan_kurva": aturan["kurva_distribusi"],
        "aturan_kalibrasi": aturan["kalibrasi_penilai"],
    }
    peringatan = []
    if data.tabel.get("organisasi") is None:
        peringatan.append(
            "Tidak ada organisasi.csv: kurva distribusi tidak dapat diperiksa (semua OPD "
            "tanpa_predikat_organisasi). Tambahkan organisasi.csv berisi opd, periode, "
            "predikat_organisasi."
        )
    if data.tabel.get("evaluasi_atasan") is None:
        peringatan.append(
            "Tidak ada evaluasi_atasan: kalibrasi penilai kosong, karena tidak ada rating resmi "
            "untuk dibandingkan."
        )
    if kd.tanpa_penilai:
        peringatan.append(
            f"{angka_id(kd.tanpa_penilai)} penilaian resmi tidak punya nip_penilai dan pegawainya "
            "tidak punya nip_atasan: tidak ikut kalibrasi penilai. Isi nip_penilai di "
            "evaluasi_atasan."
        )
    return ringkas, peringatan


def kalibrasi_dan_tulis(
    data_dir: str | Path,
    keluaran: str | Path,
    periode: Sequence[str] | str | None = None,
    konfigurasi: str | Path | None = None,
    progres: Callable[[str], None] | None = None,
) -> tuple[dict, HasilKeadilan]:
    """Seperti :func:`jalankan_kalibrasi`, tetapi menulis langsung ke ``keluaran`` dan
    mengembalikan juga hasilnya di memori."""
    progres = progres or (lambda pesan: None)
    mulai = _sekarang()
    metode = "permenpanrb_6_2022"
    data, hasil, aturan, _, jumlah = _muat_dan_nilai(
        data_dir, periode, metode, konfigurasi, None, progres
    )
    kd = _keadilan(data, hasil, aturan, progres)
    progres("Menulis hasil ...")
    ringkas, peringatan = _ringkas_keadilan(kd, data, aturan)
    manifest = _tulis_set("kalibrasi", Path(keluaran), kd.tabel(), data_dir, data, hasil, aturan,
                          jumlah, mulai, konfigurasi, {"keadilan": ringkas},
                          peringatan)  # fmt: skip
    return manifest, kd


def jalankan_kalibrasi(
    data_dir: str | Path,
    keluaran: str | Path,
    periode: Sequence[str] | str | None = None,
    konfigurasi: str | Path | None = None,
    progres: Callable[[str], None] | None = None,
) -> dict:
    """Kurva distribusi per OPD, kandidat tinjauan, kalibrasi penilai, dan predikat resmi yang
    tidak cocok dengan matriks (kontrak v2 bagian 7), untuk periode terpilih (bawaan: semua),
    ditulis ke ``keluaran`` sebagai satu set utuh.

    Returns
    -------
    dict
        Isi ``manifest.json`` yang ditulis.
    """
    with SetKeluaran(keluaran, "kalibrasi") as kerja:
        return kalibrasi_dan_tulis(data_dir, kerja, periode, konfigurasi, progres)[0]


def _katalog(data: DataMasuk, progres) -> tuple[pd.DataFrame, str]:
    """Katalog dari folder data bila ada; selain itu katalog bawaan kit."""
    if data.tabel.get("katalog_pelatihan") is not None:
        return data.tabel["katalog_pelatihan"], data.berkas["katalog_pelatihan"].name
    if not KATALOG_BAWAAN.is_file():
        raise InputTidakLayak(
            "Tidak ada katalog_pelatihan di folder data, dan katalog bawaan "
            f"({KATALOG_BAWAAN}) tidak ditemukan. Tambahkan katalog_pelatihan.csv ke folder data.",
            berkas="katalog_pelatihan.csv",
        )
    progres(f"Memakai katalog bawaan {KATALOG_BAWAAN.name}")
    hasil = muat_katalog(KATALOG_BAWAAN)
    return hasil, str(KATALOG_BAWAAN)


def _ringkas_tren(tr, aturan: dict) -> dict:
    return {
        "jenis": tr.jenis,
        "periode": tr.periode,
        "pasangan": [list(p) for p in tr.pasangan],
        "arah": _hitung(tr.tren_pegawai["arah"]),
        "perpindahan": _hitung(tr.perpindahan_pegawai["jenis"]),
        "efek_pelatihan": _hitung(tr.efek_pelatihan["kesimpulan"]),
        "aturan_tren": aturan["tren"],
    }


def _peringatan_tren(tr, semua: list[str]) -> list[str]:
    from .masuk.periode import JENIS_PERIODE, jenis_periode

    peringatan = []
    lain = [p for p in semua if tr.jenis and jenis_periode(p) != tr.jenis]
    if lain:
        peringatan.append(
            f"Periode {', '.join(lain)} tidak dibandingkan: tren hanya membandingkan periode "
            f"sejenis ({JENIS_PERIODE[tr.jenis]} di sini). Pilih dengan --periode untuk "
            "membandingkan jenis yang lain."
        )
    if not tr.pasangan:
        peringatan.append(
            f"Hanya ada satu periode {JENIS_PERIODE.get(tr.jenis or '', '')} "
            f"({', '.join(tr.periode) or '-'}): tidak ada periode sebelumnya untuk dibandingkan."
        )
    return peringatan


def tren_untuk_laporan(data: DataMasuk, periode: Sequence[str], konfigurasi=None,
                       progres=None) -> dict:  # fmt: skip
    """Tren sekali per jalannya ``laporan``, dari data yang sudah dimuat: untuk tiap periode
    laporan, perbandingan dengan periode sejenis sebelumnya (tidak ada bila periode itu yang
    pertama dari jenisnya), dan tren OPD atas semua periode sejenis sampai periode itu.

    Returns
    -------
    dict
        Periode -> (:class:`~asn_analitik.analisis.tren.HasilTren`, ringkasan untuk manifest).
    """
    from .analisis.tren import HasilTren
    from .masuk.periode import jenis_periode

    progres = progres or (lambda pesan: None)
    ada = data.periode
    per_jenis: dict[str, list[str]] = {}
    for p in periode:
        per_jenis.setdefault(jenis_periode(p), []).append(p)
    hasil = {}
    for jenis, diminta in per_jenis.items():
        sejenis = [p for p in ada if jenis_periode(p) == jenis]
        sampai = sejenis[: max(sejenis.index(p) for p in diminta) + 1]
        pasangan = [(sejenis[sejenis.index(p) - 1], p) for p in diminta if sejenis.index(p) > 0]
        d, h, aturan, _, _ = _muat_dan_nilai(None, sampai, "permenpanrb_6_2022", konfigurasi,
                                             None, progres, data)  # fmt: skip
        semua = _hitung_tren(d, h, aturan, sampai, pasangan, progres)
        for p in diminta:
            awal = [a for a, b in semua.pasangan if b == p]
            per = sampai[: sampai.index(p) + 1]
            pilih_pas = [(awal[0], p)] if awal else []
            tp = semua.tren_pegawai
            ef = semua.efek_pelatihan
            pp = semua.perpindahan_pegawai
            tr = HasilTren(
                semua.tren_opd[semua.tren_opd["periode"].isin(per)].reset_index(drop=True),
                tp[tp["periode_akhir"] == p].reset_index(drop=True),
                ef[ef["periode_akhir"] == p].reset_index(drop=True),
                pp[pp["periode_akhir"] == p].reset_index(drop=True),
                jenis, per, pilih_pas,
            )  # fmt: skip
            hasil[p] = (tr, _ringkas_tren(tr, aturan))
    return hasil


def _hitung_tren(data: DataMasuk, hasil: HasilSkor, aturan: dict, periode, pasangan, progres):
    from .analisis.tren import analisis_tren

    progres("Membandingkan periode: tren OPD, perubahan pegawai, efek pelatihan ...")
    katalog, _ = _katalog(data, progres)
    return analisis_tren(
        hasil.skor_pegawai, hasil.capaian_indikator, data.tabel.get("perilaku"),
        data.tabel.get("evaluasi_atasan"), data.tabel.get("riwayat_pelatihan"), katalog,
        data.tidak_aktif, aturan, periode, pasangan,
    )  # fmt: skip


def tren_dan_tulis(
    data_dir: str | Path,
    keluaran: str | Path,
    periode: Sequence[str] | str | None = None,
    konfigurasi: str | Path | None = None,
    progres: Callable[[str], None] | None = None,
):
    """Seperti :func:`jalankan_tren`, tetapi menulis langsung ke ``keluaran`` dan mengembalikan
    juga hasilnya (:class:`~asn_analitik.analisis.tren.HasilTren`)."""
    from .analisis.tren import pilih_periode_tren

    progres = progres or (lambda pesan: None)
    mulai = _sekarang()
    pilihan: dict = {}

    def pilih(ada: list[str]) -> list[str]:
        baku = tentukan_periode(ada, periode) if periode else None
        _, per, pas = pilih_periode_tren(ada, baku)
        pilihan.update(semua=list(ada), periode=per, pasangan=pas)
        return per or "terbaru"

    data, hasil, aturan, _, jumlah = _muat_dan_nilai(
        data_dir, pilih, "permenpanrb_6_2022", konfigurasi, None, progres
    )
    tr = _hitung_tren(data, hasil, aturan, pilihan["periode"], pilihan["pasangan"], progres)
    progres("Menulis hasil ...")
    manifest = _tulis_set("tren", Path(keluaran), tr.tabel(), data_dir, data, hasil, aturan,
                          jumlah, mulai, konfigurasi, {"tren": _ringkas_tren(tr, aturan)},
                          _peringatan_tren(tr, pilihan["semua"]))  # fmt: skip
    return manifest, tr


def jalankan_tren(
    data_dir: str | Path,
    keluaran: str | Path,
    periode: Sequence[str] | str | None = None,
    konfigurasi: str | Path | None = None,
    progres: Callable[[str], None] | None = None,
) -> dict:
    """Bandingkan periode sejenis (kontrak v2 bagian 8): ``tren_opd``, ``tren_pegawai``,
    ``efek_pelatihan`` dan ``perpindahan_pegawai`` ditulis ke ``keluaran`` sebagai satu set
    utuh. Bawaan: dua periode terakhir dari jenis periode terbaru.

    Returns
    -------
    dict
        Isi ``manifest.json`` yang ditulis.
    """
    with SetKeluaran(keluaran, "tren") as kerja:
        return tren_dan_tulis(data_dir, kerja, periode, konfigurasi, progres)[0]


@dataclass
class HasilKlaster:
    """Semua hasil satu jalannya :func:`klaster_dan_tulis`, untuk dipakai ulang (mis. laporan)."""

    manifest: dict
    data: DataMasuk
    hasil: HasilSkor
    pola: HasilPola
    rekomendasi: pd.DataFrame
    kebutuhan: pd.DataFrame
    hak_jp: pd.DataFrame
    kepatuhan: Kepatuhan
    #: Tabel keadilan (hanya bila diminta, mis. oleh ``laporan``).
    keadilan: HasilKeadilan | None = None
    #: Tren dengan periode sebelumnya yang sejenis (diisi ``laporan``).
    tren: object | None = None


def klaster_dan_tulis(
    data_dir: str | Path,
    keluaran: str | Path,
    periode: Sequence[str] | str | None = None,
    k: str | int = "auto",
    seed: int = 0,
    konfigurasi: str | Path | None = None,
    progres: Callable[[str], None] | None = None,
    keadilan: bool = False,
    data: DataMasuk | None = None,
    lepas_capaian: bool = False,
) -> HasilKlaster:
    """Seperti :func:`jalankan_klaster`, tetapi menulis langsung ke ``keluaran`` (tanpa set
    yang diganti utuh: pemanggil yang mengurus foldernya, mis. folder kerja ``laporan``) dan
    mengembalikan semua hasil di memori. Dengan ``keadilan=True`` juga menghitung dan menulis
    tabel :func:`jalankan_kalibrasi`. ``data``: folder yang sudah dimuat (tidak dibaca ulang,
    tidak diubah). ``lepas_capaian=True``: tabel capaian indikator (sudah ditulis) dilepas
    sebelum rekomendasi disusun; ``hasil.capaian_indikator`` yang dikembalikan ``None``."""
    # Diimpor di sini: scikit-learn menambah ~1 detik pada perintah yang tidak memakainya.
    from .analisis.pelatihan import buku_kebutuhan, kebutuhan_pelatihan, rekomendasi_pelatihan
    from .analisis.pola import analisis_pola

    progres = progres or (lambda pesan: None)
    manifest, data, hasil, aturan, kepatuhan = _skor_dan_tulis(
        data_dir,
        keluaran,
        periode or "terbaru",
        "permenpanrb_6_2022",
        konfigurasi,
        "csv",
        None,
        progres,
        data,
    )
    keluaran = Path(keluaran)
    kd = _keadilan(data, hasil, aturan, progres) if keadilan else None
    if kd is not None:
        _tulis_keadilan(kd, keluaran)
        manifest["keadilan"], peringatan = _ringkas_keadilan(kd, data, aturan)
        manifest["peringatan"] += peringatan
    # Yang sudah ditulis dan tidak dipakai lagi dilepas dulu: pada skala nasional ini
    # puluhan juta baris.
    data.tabel["indikator"] = data.tabel["evaluasi_atasan"] = None
    data.dikecualikan = data.dikecualikan.iloc[:0]
    progres("Mengelompokkan pola kinerja ...")
    pola = analisis_pola(data, hasil, aturan, k=k, seed=seed)
    data.tabel["perilaku"] = None  # nilai BerAKHLAK per pegawai sudah ada di pola.fitur
    lepas_memori()
    katalog, sumber_katalog = _katalog(data, progres)
    progres("Menyusun rekomendasi pelatihan ...")
    rek, jp = rekomendasi_pelatihan(
        hasil.skor_pegawai,
        _ambil_lalu_lepas(hasil, "capaian_indikator") if lepas_capaian else hasil.capaian_indikator,
        pola.fitur,
        pola.klaster_pegawai,
        data.tabel["pegawai"],
        katalog,
        data.tabel.get("riwayat_pelatihan"),
        aturan["pelatihan"],
    )
    butuh = kebutuhan_pelatihan(rek)
    lepas_memori()  # larik sementara rekomendasi (jutaan baris pada skala nasional)
    tulis_tabel(pola.klaster_pegawai, keluaran, "klaster_pegawai")
    tulis_tabel(pola.profil, keluaran, "profil_klaster")
    tulis_tabel(rek, keluaran, "rekomendasi_pelatihan")
    tulis_tabel(butuh, keluaran, "kebutuhan_pelatihan")
    tulis_tabel(jp, keluaran, "hak_jp")
    tulis_buku(buku_kebutuhan(butuh, jp), keluaran / "kebutuhan_pelatihan.xlsx")
    manifest.update(
        perintah="klaster",
        klaster={
            "k": pola.model.k_ if pola.model else 0,
            "k_diminta": k,
            "seed": seed,
            "kriteria_k": {str(kk): v for kk, v in pola.model.skor_k_.items()}
            if pola.model
            else {},
            "fitur": pola.model.kolom_ if pola.model else [],
            "tanpa_pola": pola.alasan_tanpa_pola,
            "aturan_pola": aturan["pola"],
            "aturan_pelatihan": aturan["pelatihan"],
            "katalog": sumber_katalog,
        },
        jumlah_rekomendasi=int(len(rek)),
        selesai=_sekarang(),
        berkas_keluaran=_berkas_set(keluaran),
    )
    tulis_json(manifest, keluaran / "manifest.json")
    return HasilKlaster(manifest, data, hasil, pola, rek, butuh, jp, kepatuhan, kd)


def jalankan_klaster(
    data_dir: str | Path,
    keluaran: str | Path,
    periode: Sequence[str] | str | None = None,
    k: str | int = "auto",
    seed: int = 0,
    konfigurasi: str | Path | None = None,
    progres: Callable[[str], None] | None = None,
) -> dict:
    """Nilai periode terpilih (bawaan: terbaru), kelompokkan pola kinerja, rekomendasikan
    pelatihan, lalu tulis semua keluaran ``skor`` dan ``klaster`` ke ``keluaran``.

    Returns
    -------
    dict
        Isi ``manifest.json`` yang ditulis.
    """
    with SetKeluaran(keluaran, "klaster") as kerja:
        return klaster_dan_tulis(
            data_dir, kerja, periode, k, seed, konfigurasi, progres, lepas_capaian=True
        ).manifest


def _ambil_lalu_lepas(objek, nama: str):
    """``objek.nama``, yang sekaligus dikosongkan: pemanggil tidak menahan tabelnya lagi, jadi
    fungsi yang menerimanya bisa melepasnya setelah dipakai."""
    nilai = getattr(objek, nama)
    setattr(objek, nama, None)
    return nilai


def jalankan_impor(
    sumber: str,
    masukan: Sequence[str | Path],
    keluaran: str | Path,
    periode: str | None = None,
    progres: Callable[[str], None] | None = None,
) -> dict:
    """Impor ekspor e-Kinerja BKN (``sumber="ekinerja"``) atau riwayat SIASN (``"siasn"``)
    menjadi folder data di ``keluaran`` (kontrak v2 bagian 6), sebagai satu set utuh.

    Returns
    -------
    dict
        Isi ``impor_manifest.json`` yang ditulis.
    """
    from .masuk.ekinerja import impor_ekinerja

    progres = progres or (lambda pesan: None)
    mulai = _sekarang()
    with SetKeluaran(keluaran, f"impor {sumber}", manifest="impor_manifest.json") as kerja:
        progres(f"Membaca {len(masukan)} masukan {sumber} ...")
        if sumber == "ekinerja":
            hasil = impor_ekinerja(masukan, periode)
        else:
            from .masuk.siasn import impor_siasn

            hasil = impor_siasn(masukan)
        tulis_tabel(hasil.pegawai, kerja, "pegawai")
        tulis_tabel(hasil.evaluasi_atasan, kerja, "evaluasi_atasan")
        if hasil.status_skp is not None:
            tulis_tabel(hasil.status_skp, kerja, "status_skp")
        tulis_tabel(hasil.ditolak, kerja, "impor_ditolak")
        tulis_tabel(hasil.dikecualikan, kerja, "impor_dikecualikan")
        manifest = {
            "versi": VERSI,
            "perintah": f"impor {sumber}",
            "parameter": {
                "masukan": [str(m) for m in masukan],
                "periode": periode,
                "csv": gaya_csv_aktif(),
            },
            "berkas": hasil.berkas,
            "jumlah_baris": {
                "pegawai": len(hasil.pegawai),
                "evaluasi_atasan": len(hasil.evaluasi_atasan),
                "status_skp": None if hasil.status_skp is None else len(hasil.status_skp),
                "impor_ditolak": len(hasil.ditolak),
                "impor_dikecualikan": len(hasil.dikecualikan),
            },
            "peringatan": hasil.peringatan,
            "python": sys.version.split()[0],
            "mulai": mulai,
            "selesai": _sekarang(),
        }
        for b in hasil.berkas:
            if b["dibaca"] != b["ditulis"] + b["ditolak"] + b["dikecualikan"]:
                raise AssertionError(f"hitungan baris {b['berkas']} tidak cocok: {b}")
        manifest["berkas_keluaran"] = sorted(
            {p.name for p in kerja.iterdir() if not p.name.startswith(".")}
            | {"impor_manifest.json"}
        )
        tulis_json(manifest, kerja / "impor_manifest.json")
    return manifest
