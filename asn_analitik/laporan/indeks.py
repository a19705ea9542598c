"""Halaman ``index.html`` satu periode: daftar laporan OPD, ringkasan pimpinan, kegagalan.

Halaman hanya berisi angka agregat per OPD (tanpa NIP atau nama pegawai) dan tautan relatif,
sehingga folder periode bisa disalin utuh ke flashdisk dan tetap berfungsi tanpa jaringan.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from ..keluaran import tulis_teks
from ..konfigurasi import TEMPLAT_LAPORAN, VERSI
from .tampilan import angka_id, kartu_angka, kepala_laporan, nama_periode, persen_id, tanggal_id

__all__ = ["StatusLaporan", "tulis_indeks"]


@dataclass
class StatusLaporan:
    """Keadaan satu laporan setelah ``laporan`` berjalan.

    ``status``: ``selesai`` (dibuat pada jalannya ini), ``mutakhir`` (sudah ada dari jalannya
    sebelumnya dengan data yang sama), ``gagal``, ``tidak_diminta`` (di luar ``--opd``), atau
    tanpa laporan karena tidak ada yang dinilai: ``tanpa_data`` (pegawai aktif tanpa data
    penilaian periode ini) dan ``tanpa_pegawai_aktif`` (semua pegawainya tidak aktif).
    """

    nama: str
    slug: str
    status: str
    pesan: str = ""
    detik: float = 0.0


_LABEL = {
    "selesai": "selesai",
    "mutakhir": "selesai (dari jalannya sebelumnya)",
    "gagal": "GAGAL",
    "tidak_diminta": "belum dibuat",
    "tanpa_data": "tidak ada yang dinilai",
    "tanpa_pegawai_aktif": "tidak ada pegawai aktif",
}


def _lain(folder: Path, dasar: str) -> str:
    """Tautan ke lampiran Excel dan PDF laporan ``dasar`` (yang ada di ``folder``)."""
    ada = [f'<a href="{dasar}.{akhiran}">{label}</a>'
           for akhiran, label in (("xlsx", "Excel"), ("pdf", "PDF"))
           if (folder / f"{dasar}.{akhiran}").is_file()]  # fmt: skip
    return f' <span class="catatan">({" · ".join(ada)})</span>' if ada else ""


def _baris(st: StatusLaporan, angka: pd.Series | None, folder: Path) -> str:
    ada = st.status in ("selesai", "mutakhir")
    nama = html.escape(st.nama)
    tautan = (
        f'<a href="opd/{st.slug}.html">{nama}</a>{_lain(folder, f"opd/{st.slug}")}' if ada else nama
    )
    status = html.escape(_LABEL[st.status])
    if st.pesan:  # sebab gagal, atau mengapa OPD ini tidak punya laporan
        status += f'<br><span class="catatan">{html.escape(st.pesan)}</span>'
    sel = [tautan]
    if angka is not None:
        sel += [
            angka_id(angka["pegawai"]),
            angka_id(angka["rata_nilai"], 1),
            persen_id(angka["porsi_baik"]),
            persen_id(angka["porsi_lapor"]),
            angka_id(angka["peserta"]),
        ]
    else:
        sel += ["–"] * 5
    kelas = ' class="gagal"' if st.status == "gagal" else ""
    isi = "".join(
        f"<td>{s}</td>" if i == 0 else f'<td class="angka">{s}</td>' for i, s in enumerate(sel)
    )
    return f"<tr{kelas}>{isi}<td>{status}</td></tr>"


def tulis_indeks(
    folder: Path,
    periode: str,
    status_opd: list[StatusLaporan],
    status_pimpinan: StatusLaporan,
    angka: pd.DataFrame,
    manifest: dict,
    sidik: str,
) -> Path:
    """Tulis ``folder/index.html`` (atomik)."""
    gagal = [s for s in [status_pimpinan, *status_opd] if s.status == "gagal"]
    pimpinan_ada = status_pimpinan.status in ("selesai", "mutakhir")
    kepala = kepala_laporan(
        "Laporan Kinerja ASN Kabupaten Bulungan",
        f"Periode {nama_periode(periode)} ({periode})",
        {
            "Tanggal perhitungan": tanggal_id(date.fromisoformat(manifest["selesai"][:10])),
            "Sidik data": sidik,
            "OPD": angka_id(len(status_opd)),
        },
    )
    bagian = [kepala]
    if gagal:
        daftar = "".join(
            f"<li><b>{html.escape(s.nama)}</b>: {html.escape(s.pesan)}</li>" for s in gagal
        )
        bagian.append(
            f'<section class="peringatan"><h2>{len(gagal)} laporan gagal dibuat</h2>'
            f"<ul>{daftar}</ul><p>Notebook yang gagal disimpan sebagai <code>*.gagal.ipynb</code>"
            " untuk diperiksa. Jalankan ulang perintah yang sama setelah masalahnya diperbaiki;"
            " laporan yang sudah selesai tidak dibuat ulang.</p></section>"
        )
    if manifest.get("peringatan"):
        daftar = "".join(f"<li>{html.escape(p)}</li>" for p in manifest["peringatan"])
        bagian.append(
            '<section class="perhatian"><h2>Perhatian: mutu data</h2>'
            f"<ul>{daftar}</ul><p>Hal di atas tidak menghentikan perhitungan, tetapi dapat "
            "mengubah arti angkanya. Rinciannya ada di manifest.json dan ditolak.csv.</p></section>"
        )
    if pimpinan_ada:
        bagian.append(
            '<h2>Ringkasan pimpinan</h2><p><a href="ringkasan_pimpinan.html">Ringkasan untuk '
            'Bupati dan Sekretaris Daerah</a> &middot; <a href="ringkasan_pimpinan.salindia.html">'
            f"versi salindia untuk presentasi</a>{_lain(Path(folder), 'ringkasan_pimpinan')}</p>"
        )
    total = angka.sum(numeric_only=True)
    bagian.append(
        kartu_angka(
            [
                ("Pegawai dinilai", angka_id(total["pegawai"])),
                (
                    "Laporan OPD selesai",
                    angka_id(sum(s.status in ("selesai", "mutakhir") for s in status_opd)),
                ),
                ("Laporan gagal", angka_id(len(gagal))),
            ]
        )
    )
    kepala_tabel = (
        "<tr><th>OPD</th><th>Pegawai</th><th>Rata-rata nilai hasil kerja</th>"
        "<th>Predikat Baik ke atas</th><th>Indikator dilaporkan</th>"
        "<th>Peserta pelatihan</th><th>Status</th></tr>"
    )
    baris = "\n".join(
        _baris(s, angka.loc[s.nama] if s.nama in angka.index else None, Path(folder))
        for s in status_opd
    )
    bagian.append(
        f'<h2>Laporan per OPD</h2><table class="tabel-asn"><thead>{kepala_tabel}</thead>'
        f"<tbody>\n{baris}\n</tbody></table>"
        '<p class="catatan">Tabel hasil lengkap (CSV) ada di folder ini: skor_pegawai.csv, '
        "rekomendasi_pelatihan.csv, kebutuhan_pelatihan.csv, ditolak.csv, manifest.json.</p>"
    )
    css = (TEMPLAT_LAPORAN / "asn.css").read_text(encoding="utf-8")
    halaman = (
        '<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        f'<meta name="generator" content="asn-analitik {VERSI}">\n'
        f"<title>Laporan Kinerja ASN {html.escape(periode)}</title>\n"
        f"<style>\n{css}\nsection.peringatan {{ border: 2px solid #d73027; background: #fff5f5;"
        " padding: 8px 16px; border-radius: 6px; }\ntr.gagal td { background: #fff5f5; }\n"
        "section.perhatian { border: 2px solid #fdae61; background: #fffaf0; padding: 8px 16px;"
        " border-radius: 6px; }\n"
        "body { max-width: 1180px; margin: 0 auto; padding: 0 24px 48px;"
        ' font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; }\n'
        "h2 { color: #0b3d62; }\n</style>\n</head>\n<body>\n"
        + "\n".join(bagian)
        + "\n</body>\n</html>\n"
    )
    return tulis_teks(halaman, Path(folder) / "index.html")
