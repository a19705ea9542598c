-- Pekerjaan `asn-analitik skor` (metode permenpanrb_6_2022, aturan bawaan) sebagai SQL DuckDB.
-- Pembanding tolok ukur saja (bench/tolok_skor.py), bukan bagian kit.
-- {data} dan {keluaran} diganti oleh pemanggil. Membaca CSV yang sama (semua kolom sebagai
-- teks, seperti kit), membakukan nilai, menyaring baris dengan aturan validitas utama kontrak
-- v1 (bagian 1-3), lalu menulis skor_pegawai.csv dan capaian_indikator.csv.
-- Yang TIDAK dikerjakan (dan dikerjakan kit): alasan penolakan per baris (ditolak.csv),
-- dikecualikan.csv, manifest, pemeriksaan tanggal/TMT di NIP, baris ganda, desimal koma.

-- Pembakuan seperti kit; nilai yang sudah baku lolos lewat jalur cepat (satu perbandingan).
CREATE TEMP MACRO teks(x) AS NULLIF(trim(x), '');
CREATE TEMP MACRO pilihan(x, daftar) AS CASE WHEN list_contains(daftar, x) THEN x
    ELSE NULLIF(trim(regexp_replace(lower(trim(x)), '[^0-9a-z:]+', '_', 'g'), '_'), '') END;
CREATE TEMP MACRO nip_baku(x) AS CASE WHEN regexp_full_match(x, '[0-9]{18}') THEN x
    ELSE NULLIF(regexp_replace(x, '[ \t\r\n\xa0]+', '', 'g'), '') END;
CREATE TEMP MACRO periode_sah(x) AS
    regexp_full_match(x, '([0-9]{4})(-(S[12]|TW[1-4]|0[1-9]|1[0-2]))?');
CREATE TEMP MACRO periode_lambat(y) AS CASE WHEN periode_sah(y) THEN y END;
CREATE TEMP MACRO periode_baku(x) AS CASE WHEN periode_sah(x) THEN x
    ELSE periode_lambat(regexp_replace(upper(trim(x)), '[ \t_/.]+', '-', 'g')) END;
CREATE TEMP MACRO angka(x) AS CASE
    WHEN isfinite(TRY_CAST(x AS DOUBLE)) THEN TRY_CAST(x AS DOUBLE) END;
CREATE TEMP MACRO rating(x) AS CASE
    WHEN x IN ('di_atas', 'sesuai', 'di_bawah') THEN x
    ELSE CASE pilihan(x, [])
        WHEN 'di_atas_ekspektasi' THEN 'di_atas' WHEN 'diatas' THEN 'di_atas'
        WHEN 'sesuai_ekspektasi' THEN 'sesuai'
        WHEN 'di_bawah_ekspektasi' THEN 'di_bawah' WHEN 'dibawah' THEN 'di_bawah'
        ELSE pilihan(x, []) END END;
CREATE TEMP MACRO label(r) AS CASE r
    WHEN 'di_atas' THEN 'Di Atas Ekspektasi' WHEN 'sesuai' THEN 'Sesuai Ekspektasi'
    WHEN 'di_bawah' THEN 'Di Bawah Ekspektasi' END;

-- Pegawai sah (NIP 18 digit, nama dan opd terisi, status dikenal); hanya yang aktif dinilai.
CREATE TEMP TABLE pegawai AS
SELECT nip_baku(nip) AS nip, teks(nama) AS nama, teks(opd) AS opd,
       coalesce(teks(unit_kerja), teks(opd)) AS unit_kerja, teks(jabatan) AS jabatan,
       coalesce(pilihan(status, ['aktif']), 'aktif') AS status
FROM read_csv('{data}/pegawai.csv', header = true, all_varchar = true)
WHERE regexp_full_match(nip_baku(nip), '[0-9]{18}') AND teks(nama) IS NOT NULL AND teks(opd) IS NOT NULL
  AND coalesce(pilihan(status, ['aktif']), 'aktif') IN ('aktif', 'pensiun', 'mutasi', 'cltn', 'meninggal');

-- Semua baris indikator pegawai aktif pada periode sah, dengan tanda `sah` (aturan bagian 1)
-- dan capaian baris yang sah: arah bawaan per aspek, bobot bawaan 1, dibatasi ke [0, 120].
-- row_number() OVER () tanpa ORDER BY = nomor baris di berkas (urutan baca dipertahankan).
CREATE TEMP TABLE indikator AS
WITH baku AS (
    SELECT row_number() OVER () + 1 AS baris, nip_baku(m.nip) AS nip,
           periode_baku(m.periode) AS periode, teks(m.rhk) AS rhk,
           teks(m.indikator) AS indikator,
           pilihan(m.aspek, ['kuantitas', 'kualitas', 'waktu', 'biaya']) AS aspek,
           teks(m.satuan) AS satuan, angka(m.target) AS target, angka(m.realisasi) AS realisasi,
           teks(m.realisasi) IS NOT NULL AS realisasi_terisi,
           pilihan(m.arah, ['naik', 'turun']) AS arah, angka(m.bobot) AS bobot,
           teks(m.bobot) IS NOT NULL AS bobot_terisi
    FROM read_csv('{data}/indikator.csv', header = true, all_varchar = true) m
),
diperiksa AS (
    SELECT * EXCLUDE (realisasi_terisi, bobot_terisi, arah, bobot),
           coalesce(arah, CASE WHEN aspek IN ('kuantitas', 'kualitas') THEN 'naik'
                               ELSE 'turun' END) AS arah,
           coalesce(bobot, 1.0) AS bobot,
           indikator IS NOT NULL
           AND aspek IN ('kuantitas', 'kualitas', 'waktu', 'biaya')
           AND target > 0
           AND (NOT realisasi_terisi OR realisasi >= 0)
           AND (arah IS NULL OR arah IN ('naik', 'turun'))
           AND (NOT bobot_terisi OR bobot > 0) AS sah
    FROM baku SEMI JOIN (SELECT nip FROM pegawai WHERE status = 'aktif') p USING (nip)
    WHERE periode IS NOT NULL
)
SELECT *, CASE WHEN NOT sah THEN NULL WHEN realisasi IS NULL THEN 0.0
               ELSE greatest(0.0, least(120.0, CASE WHEN arah = 'turun'
                    THEN 100.0 * (2.0 - realisasi / target)
                    ELSE 100.0 * (realisasi / target) END)) END AS capaian_mentah
FROM diperiksa;

COPY (
    SELECT 'indikator.csv' AS berkas, baris, nip, periode, rhk, indikator, aspek, satuan,
           target, realisasi, arah, bobot, round(capaian_mentah, 6) AS capaian,
           CASE WHEN realisasi IS NULL THEN 'tidak_dilaporkan' ELSE 'dilaporkan' END AS status
    FROM indikator WHERE sah  -- urutan tabel = urutan berkas (preserve_insertion_order)
) TO '{keluaran}/capaian_indikator.csv' (HEADER, DELIMITER ',', FORCE_QUOTE (nip));

COPY (
WITH aktif AS (SELECT * FROM pegawai WHERE status = 'aktif'),
hasil_kerja AS (
    SELECT nip, periode,
           sum(capaian_mentah * bobot) FILTER (aspek = 'kuantitas')
             / sum(bobot) FILTER (aspek = 'kuantitas') AS capaian_kuantitas,
           sum(capaian_mentah * bobot) FILTER (aspek = 'kualitas')
             / sum(bobot) FILTER (aspek = 'kualitas') AS capaian_kualitas,
           sum(capaian_mentah * bobot) FILTER (aspek = 'waktu')
             / sum(bobot) FILTER (aspek = 'waktu') AS capaian_waktu,
           sum(capaian_mentah * bobot) FILTER (aspek = 'biaya')
             / sum(bobot) FILTER (aspek = 'biaya') AS capaian_biaya,
           sum(capaian_mentah * bobot) / sum(bobot) AS nilai_hasil_kerja,
           count(*) AS jumlah_indikator,
           count(*) FILTER (realisasi IS NULL) AS indikator_tidak_dilaporkan
    FROM indikator WHERE sah GROUP BY nip, periode
),
ditolak AS (
    SELECT nip, periode, count(*) AS indikator_ditolak
    FROM indikator WHERE NOT sah GROUP BY nip, periode
),
perilaku AS (
    SELECT nip, periode, avg(nilai) AS nilai
    FROM (SELECT nip_baku(nip) AS nip, periode_baku(periode) AS periode,
                 pilihan(aspek, ['berorientasi_pelayanan', 'akuntabel', 'kompeten', 'harmonis',
                                 'loyal', 'adaptif', 'kolaboratif']) AS aspek,
                 angka(nilai) AS nilai
          FROM read_csv('{data}/perilaku.csv', header = true, all_varchar = true))
    SEMI JOIN aktif USING (nip)
    WHERE periode IS NOT NULL AND nilai BETWEEN 1 AND 5 AND nilai = floor(nilai)
      AND aspek IN ('berorientasi_pelayanan', 'akuntabel', 'kompeten', 'harmonis', 'loyal',
                    'adaptif', 'kolaboratif')
    GROUP BY nip, periode
),
evaluasi AS (
    SELECT nip, periode, hasil_kerja, perilaku
    FROM (SELECT nip_baku(nip) AS nip, periode_baku(periode) AS periode,
                 rating(rating_hasil_kerja) AS hasil_kerja, rating(rating_perilaku) AS perilaku,
                 nip_baku(nip_penilai) AS nip_penilai
          FROM read_csv('{data}/evaluasi_atasan.csv', header = true, all_varchar = true))
    SEMI JOIN aktif USING (nip)
    WHERE periode IS NOT NULL
      AND coalesce(hasil_kerja, 'sesuai') IN ('di_atas', 'sesuai', 'di_bawah')
      AND coalesce(perilaku, 'sesuai') IN ('di_atas', 'sesuai', 'di_bawah')
      AND (nip_penilai IS NULL OR regexp_full_match(nip_penilai, '[0-9]{18}'))
),
semesta AS (
    SELECT nip, periode FROM indikator
    UNION SELECT nip, periode FROM perilaku
    UNION SELECT nip, periode FROM evaluasi
),
nilai AS (
    SELECT s.nip, a.nama, a.opd, a.unit_kerja, a.jabatan, s.periode,
           round(h.capaian_kuantitas, 6) AS capaian_kuantitas,
           round(h.capaian_kualitas, 6) AS capaian_kualitas,
           round(h.capaian_waktu, 6) AS capaian_waktu,
           round(h.capaian_biaya, 6) AS capaian_biaya,
           round(h.nilai_hasil_kerja, 6) AS nilai_hasil_kerja,
           round(p.nilai, 6) AS nilai_perilaku,
           e.hasil_kerja AS atasan_hk, e.perilaku AS atasan_pr,
           coalesce(h.jumlah_indikator, 0) AS jumlah_indikator,
           coalesce(h.indikator_tidak_dilaporkan, 0) AS indikator_tidak_dilaporkan,
           coalesce(d.indikator_ditolak, 0) AS indikator_ditolak
    FROM semesta s JOIN aktif a USING (nip)
    LEFT JOIN hasil_kerja h USING (nip, periode) LEFT JOIN perilaku p USING (nip, periode)
    LEFT JOIN evaluasi e USING (nip, periode) LEFT JOIN ditolak d USING (nip, periode)
),
usulan AS (
    SELECT *,
           CASE WHEN nilai_hasil_kerja >= 110 THEN 'di_atas' WHEN nilai_hasil_kerja >= 90
                THEN 'sesuai' WHEN nilai_hasil_kerja IS NOT NULL THEN 'di_bawah' END AS usulan_hk,
           CASE WHEN nilai_perilaku >= 3.5 THEN 'di_atas' WHEN nilai_perilaku >= 2.5
                THEN 'sesuai' WHEN nilai_perilaku IS NOT NULL THEN 'di_bawah' END AS usulan_pr
    FROM nilai
),
final AS (
    SELECT *, coalesce(atasan_hk, usulan_hk) AS final_hk, coalesce(atasan_pr, usulan_pr) AS final_pr,
           CASE WHEN atasan_hk IS NOT NULL THEN 'atasan' WHEN usulan_hk IS NOT NULL THEN 'usulan'
                ELSE '' END AS sumber_hk,
           CASE WHEN atasan_pr IS NOT NULL THEN 'atasan' WHEN usulan_pr IS NOT NULL THEN 'usulan'
                ELSE '' END AS sumber_pr
    FROM usulan
),
predikat AS (
    SELECT *,
           NULLIF(CASE WHEN sumber_hk = sumber_pr OR sumber_pr = '' THEN sumber_hk
                       WHEN sumber_hk = '' THEN sumber_pr ELSE 'campuran' END, '') AS sumber_rating,
           CASE final_hk || '|' || final_pr
               WHEN 'di_atas|di_atas' THEN 'Sangat Baik' WHEN 'di_atas|sesuai' THEN 'Baik'
               WHEN 'di_atas|di_bawah' THEN 'Kurang/Misconduct'
               WHEN 'sesuai|di_atas' THEN 'Baik' WHEN 'sesuai|sesuai' THEN 'Baik'
               WHEN 'sesuai|di_bawah' THEN 'Kurang/Misconduct'
               WHEN 'di_bawah|di_atas' THEN 'Butuh Perbaikan'
               WHEN 'di_bawah|sesuai' THEN 'Butuh Perbaikan'
               WHEN 'di_bawah|di_bawah' THEN 'Sangat Kurang' END AS predikat
    FROM final
)
SELECT nip, nama, opd, unit_kerja, jabatan, periode, capaian_kuantitas, capaian_kualitas,
       capaian_waktu, capaian_biaya, nilai_hasil_kerja, label(usulan_hk) AS rating_hasil_kerja_usulan,
       nilai_perilaku, label(usulan_pr) AS rating_perilaku_usulan,
       label(final_hk) AS rating_hasil_kerja, label(final_pr) AS rating_perilaku, sumber_rating,
       predikat, jumlah_indikator, indikator_tidak_dilaporkan, indikator_ditolak,
       RANK() OVER (PARTITION BY opd, periode ORDER BY
           list_position(['Sangat Baik', 'Baik', 'Butuh Perbaikan', 'Kurang/Misconduct',
                          'Sangat Kurang'], predikat) ASC NULLS LAST,
           nilai_hasil_kerja DESC NULLS LAST, nilai_perilaku DESC NULLS LAST) AS peringkat_opd
FROM predikat
ORDER BY
    -- urutan waktu periode: bulan terakhir, lalu panjang periode (kontrak v1, bagian 1)
    CAST(left(periode, 4) AS INTEGER) * 10000 + CASE
        WHEN periode LIKE '%-S_' THEN CAST(right(periode, 1) AS INTEGER) * 600 + 6
        WHEN periode LIKE '%-TW_' THEN CAST(right(periode, 1) AS INTEGER) * 300 + 3
        WHEN length(periode) = 7 THEN CAST(right(periode, 2) AS INTEGER) * 100 + 1
        ELSE 1212 END,
    opd, peringkat_opd, nip
) TO '{keluaran}/skor_pegawai.csv' (HEADER, DELIMITER ',', FORCE_QUOTE (nip));
