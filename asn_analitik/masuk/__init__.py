"""Tahap *masuk*: membaca dan memvalidasi apa yang dikirim OPD.

Dari folder data menjadi tabel sah (:class:`~asn_analitik.masuk.muat.DataMasuk`) plus baris
ditolak (dengan alasan) dan dikecualikan; tidak ada baris yang hilang.

- ``baca``: berkas CSV/Excel/Parquet menjadi tabel teks mentah.
- ``skema``: skema pandera per tabel; pembakuan kolom dan nilai.
- ``alasan``: ``failure_cases`` pandera menjadi baris ``ditolak`` berbahasa Indonesia.
- ``nip``, ``periode``: bentuk NIP dan periode yang diterima.
- ``kunci``: kunci yang difaktorkan sekali (kategori) untuk tahap-tahap berikutnya.
- ``muat``: merangkai semuanya untuk satu folder data.

Adaptor sumber lain (mis. ekspor e-Kinerja) juga tinggal di sini dan berakhir pada tabel yang
sama.
"""
