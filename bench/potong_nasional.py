"""Turunkan folder skala nasional "sekitar 27 juta baris indikator" dari folder Parquet
4.500.000 pegawai yang dibuat ``bench/tolok_skor.py --nasional``.

Generator contoh memberi ± 9,7 baris indikator per pegawai (dua periode, 43,8 juta baris);
isu menetapkan skala nasional ± 27 juta baris (6 per pegawai). Skrip ini menyimpan tiga baris
indikator pertama tiap pegawai per periode (27.000.000 baris) dan menautkan tabel lain apa
adanya.

Pemakaian: ``python bench/potong_nasional.py`` lalu
``/usr/bin/time -v asn-analitik skor --data bench/data/parquet_4500000_27jt --keluaran OUT
--format parquet`` (dan ``klaster`` dengan folder yang sama).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

DATA = Path(__file__).resolve().parent / "data"
ASAL, TUJUAN, PER_PERIODE = DATA / "parquet_4500000_s2026", DATA / "parquet_4500000_27jt", 3


def main() -> None:
    TUJUAN.mkdir(parents=True, exist_ok=True)
    for nama in ("pegawai", "perilaku", "evaluasi_atasan", "organisasi"):
        tautan = TUJUAN / f"{nama}.parquet"
        if not tautan.exists():
            tautan.symlink_to(Path("..") / ASAL.name / f"{nama}.parquet")
    tabel = pq.read_table(ASAL / "indikator.parquet")
    nip = pc.dictionary_encode(tabel["nip"]).combine_chunks().indices.to_numpy()
    periode = pc.dictionary_encode(tabel["periode"]).combine_chunks().indices.to_numpy()
    kunci = pd.Series(nip.astype(np.int64) * 16 + periode)
    urutan = kunci.groupby(kunci, sort=False).cumcount().to_numpy()
    hasil = tabel.filter(pa.array(urutan < PER_PERIODE))
    pq.write_table(hasil, TUJUAN / "indikator.parquet")
    print(f"{hasil.num_rows:,} baris indikator ditulis ke {TUJUAN}")


if __name__ == "__main__":
    main()
