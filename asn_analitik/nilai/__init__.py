"""Tahap *nilai*: aturan dan penilaian.

- ``aturan.yaml``: semua ambang, matriks predikat dan konstanta rumus, sebagai data yang bisa
  dicocokkan dengan peraturannya; ``aturan`` memuat dan memeriksanya (``--konfigurasi``).
- ``skor``: capaian indikator, nilai per aspek, rating, predikat (PermenPANRB 6/2022) dan
  nilai SKP (PP 46/2011).
"""
