"""Tahap *analisis*: pola kinerja dan pelatihan, dihitung sekali per periode dari hasil ``nilai``.

- ``fitur``: matriks fitur per pegawai (capaian per aspek, nilai BerAKHLAK).
- ``klaster``: pengelompok k-means dan kestabilannya.
- ``profil``: profil dan label tiap kelompok.
- ``pola``: merangkai fitur, klaster dan profil untuk satu periode.
- ``pelatihan``: titik lemah menjadi rekomendasi dari katalog, kebutuhan per OPD, hak JP.

Modul di sini tidak diimpor saat ``asn_analitik`` diimpor (scikit-learn cukup berat).
"""
