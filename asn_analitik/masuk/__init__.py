"""Tahap *masuk*: membaca dan memvalidasi apa yang dikirim OPD.

Dari folder data menjadi tabel sah (:class:`~asn_analitik.masuk.muat.DataMasuk`) plus baris
ditolak (dengan alasan) dan dikecualikan; tidak ada baris yang hilang.

- ``berkas``: berkas mana di folder yang dibaca sebagai tabel apa, dan yang tidak (tercatat).
- ``baca`` (dengan ``baca_csv``, ``lembar`` untuk Excel/LibreOffice, ``mentah``): berkas
  menjadi tabel teks mentah; ``kolom``: judul kolom, alias, dan baris header.
- ``skema``: aturan tiap kolom tiap tabel (jenis, wajib, nilai sah, kunci unik);
  ``baku``: pembakuan nilai per jenis; ``periksa``: semua pemeriksaan sekaligus, per nilai
  unik kolom berkamus.
- ``alasan``: temuan pemeriksaan menjadi baris ``ditolak`` berbahasa Indonesia.
- ``nip``, ``periode``: bentuk NIP dan periode yang diterima; ``ejaan``: satu OPD, satu ejaan.
- ``kunci``: kunci yang difaktorkan sekali (kategori) untuk tahap-tahap berikutnya.
- ``muat``: merangkai semuanya untuk satu folder data (``DataMasuk``); ``kecuali``: baris yang
  dikecualikan; ``pilih``: periode dan OPD yang dinilai.

Adaptor sumber lain (mis. ekspor e-Kinerja) juga tinggal di sini dan berakhir pada tabel yang
sama.
"""
