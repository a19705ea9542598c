-- Pekerjaan skor yang paling ramping dalam SQL DuckDB: baca, hitung capaian, agregasi per
-- pegawai, rating, predikat, peringkat; TANPA validasi (issue 14: "the lean query").
-- Pembanding tolok ukur saja (bench/tolok_skor.py), bukan bagian kit.
-- {data} dan {keluaran} diganti oleh pemanggil. Jenis kolom ditebak DuckDB (angka sebagai
-- angka, tanpa pembakuan teks); tidak ada baris yang ditolak, tidak ada alasan, tidak ada
-- dikecualikan.csv atau manifest. Menulis dua tabel hasil yang sama dengan kit:
-- capaian_indikator.csv dan skor_pegawai.csv (kolom dan urutan baris seperti kit).

CREATE TEMP MACRO label(r) AS CASE r
    WHEN 'di_atas' THEN 'Di Atas Ekspektasi' WHEN 'sesuai' THEN 'Sesuai Ekspektasi'
    WHEN 'di_bawah' THEN 'Di Bawah Ekspektasi' END;

CREATE TEMP TABLE pegawai AS
SELECT nip, nama, opd, coalesce(unit_kerja, opd) AS unit_kerja, jabatan
FROM read_csv('{data}/pegawai.csv', header = true, types = {'nip': 'VARCHAR'})
WHERE coalesce(status, 'aktif') = 'aktif';

CREATE TEMP TABLE indikator AS
SELECT row_number() OVER () + 1 AS baris, m.*,
       coalesce(m.arah, CASE WHEN m.aspek IN ('kuantitas', 'kualitas') THEN 'naik'
                             ELSE 'turun' END) AS arah_baku,
       coalesce(m.bobot, 1.0) AS bobot_baku,
       CASE WHEN m.realisasi IS NULL THEN 0.0
            ELSE greatest(0.0, least(120.0, CASE
                WHEN coalesce(m.arah, CASE WHEN m.aspek IN ('kuantitas', 'kualitas')
                                           THEN 'naik' ELSE 'turun' END) = 'turun'
                THEN 100.0 * (2.0 - m.realisasi / m.target)
                ELSE 100.0 * (m.realisasi / m.target) END)) END AS capaian_mentah
FROM read_csv('{data}/indikator.csv', header = true, types = {'nip': 'VARCHAR'}) m;

COPY (
    SELECT 'indikator.csv' AS berkas, baris, nip, periode, rhk, indikator, aspek, satuan,
           target, realisasi, arah_baku AS arah, bobot_baku AS bobot,
           round(capaian_mentah, 6) AS capaian,
           CASE WHEN realisasi IS NULL THEN 'tidak_dilaporkan' ELSE 'dilaporkan' END AS status
    FROM indikator
) TO '{keluaran}/capaian_indikator.csv' (HEADER, DELIMITER ',', FORCE_QUOTE (nip));

COPY (
WITH hasil_kerja AS (
    SELECT nip, periode,
           sum(capaian_mentah * bobot_baku) FILTER (aspek = 'kuantitas')
             / sum(bobot_baku) FILTER (aspek = 'kuantitas') AS capaian_kuantitas,
           sum(capaian_mentah * bobot_baku) FILTER (aspek = 'kualitas')
             / sum(bobot_baku) FILTER (aspek = 'kualitas') AS capaian_kualitas,
           sum(capaian_mentah * bobot_baku) FILTER (aspek = 'waktu')
             / sum(bobot_baku) FILTER (aspek = 'waktu') AS capaian_waktu,
           sum(capaian_mentah * bobot_baku) FILTER (aspek = 'biaya')
             / sum(bobot_baku) FILTER (aspek = 'biaya') AS capaian_biaya,
           sum(capaian_mentah * bobot_baku) / sum(bobot_baku) AS nilai_hasil_kerja,
           count(*) AS jumlah_indikator,
           count(*) FILTER (realisasi IS NULL) AS indikator_tidak_dilaporkan
    FROM indikator GROUP BY nip, periode
),
perilaku AS (
    SELECT nip, periode, avg(nilai) AS nilai
    FROM read_csv('{data}/perilaku.csv', header = true, types = {'nip': 'VARCHAR'})
    GROUP BY nip, periode
),
evaluasi AS (
    SELECT nip, periode, rating_hasil_kerja AS hasil_kerja, rating_perilaku AS perilaku
    FROM read_csv('{data}/evaluasi_atasan.csv', header = true,
                  types = {'nip': 'VARCHAR', 'nip_penilai': 'VARCHAR'})
),
semesta AS (
    SELECT nip, periode FROM hasil_kerja
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
           0 AS indikator_ditolak
    FROM semesta s JOIN pegawai a USING (nip)
    LEFT JOIN hasil_kerja h USING (nip, periode) LEFT JOIN perilaku p USING (nip, periode)
    LEFT JOIN evaluasi e USING (nip, periode)
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
    CAST(left(periode, 4) AS INTEGER) * 10000 + CASE
        WHEN periode LIKE '%-S_' THEN CAST(right(periode, 1) AS INTEGER) * 600 + 6
        WHEN periode LIKE '%-TW_' THEN CAST(right(periode, 1) AS INTEGER) * 300 + 3
        WHEN length(periode) = 7 THEN CAST(right(periode, 2) AS INTEGER) * 100 + 1
        ELSE 1212 END,
    opd, peringkat_opd, nip
) TO '{keluaran}/skor_pegawai.csv' (HEADER, DELIMITER ',', FORCE_QUOTE (nip));
