"""Menulis tabel hasil dan ``manifest.json``.

CSV ditulis dengan pyarrow (cepat, dan bytenya sama untuk masukan yang sama); Excel dengan
openpyxl (tabel yang melebihi batas baris Excel dipecah ke beberapa lembar); Parquet dengan
pyarrow. Setiap berkas ditulis ke nama sementara lalu diganti namanya, sehingga berkas yang
tampil selalu utuh.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

__all__ = ["tulis_buku", "tulis_json", "tulis_tabel", "tulis_teks"]

_BARIS_EXCEL = 1_048_575  # batas baris satu lembar Excel, di luar header


def _ke_arrow(data: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(data, preserve_index=False)


def _ganti_atomik(sementara: Path, tujuan: Path) -> None:
    os.replace(sementara, tujuan)


def tulis_tabel(
    data: pd.DataFrame,
    folder: Path,
    nama: str,
    format: str = "csv",
    baris_per_kelompok: int | None = None,
) -> Path:
    """Tulis ``data`` ke ``folder/nama.<format>`` dan kembalikan jalurnya.

    ``baris_per_kelompok`` (Parquet saja): ukuran *row group*; kelompok kecil pada data yang
    terurut membuat pembacaan berfilter hanya membuka kelompok yang relevan.
    """
    folder = Path(folder)
    tujuan = folder / f"{nama}.{format}"
    if format == "xlsx":
        return tulis_buku({nama: data}, tujuan)
    folder.mkdir(parents=True, exist_ok=True)
    sementara = folder / f".{nama}.{format}.sementara"
    if format == "csv":
        pacsv.write_csv(_ke_arrow(data), sementara, pacsv.WriteOptions(quoting_style="needed"))
    else:
        pq.write_table(_ke_arrow(data), sementara, row_group_size=baris_per_kelompok)
    _ganti_atomik(sementara, tujuan)
    return tujuan


def tulis_teks(teks: str, path: Path) -> Path:
    """Tulis ``teks`` (UTF-8) ke ``path`` secara atomik: nama sementara lalu diganti."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sementara = path.with_name(f".{path.name}.sementara")
    sementara.write_text(teks, encoding="utf-8")
    _ganti_atomik(sementara, path)
    return path


def tulis_json(isi: dict, path: Path) -> Path:
    """Tulis ``isi`` sebagai JSON berindentasi (UTF-8) secara atomik."""
    return tulis_teks(json.dumps(isi, ensure_ascii=False, indent=2) + "\n", path)


def tulis_buku(lembar: dict[str, pd.DataFrame], path: Path) -> Path:
    """Tulis setiap tabel ``lembar`` (nama lembar -> tabel) ke satu buku Excel, atomik.

    Tabel yang melebihi batas baris Excel dipecah ke lembar ``<nama>_2``, ``<nama>_3``, ...
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sementara = path.with_name(f".{path.name}.sementara")
    with pd.ExcelWriter(sementara, engine="openpyxl") as penulis:
        for nama, data in lembar.items():
            for i, awal in enumerate(range(0, max(len(data), 1), _BARIS_EXCEL)):
                judul = nama[:28] if i == 0 else f"{nama[:25]}_{i + 1}"
                data.iloc[awal : awal + _BARIS_EXCEL].to_excel(
                    penulis, sheet_name=judul, index=False
                )
    _ganti_atomik(sementara, path)
    return path
