"""Rekomendasi dan kebutuhan pelatihan (``klaster``; kontrak v1 bagian 5), dihitung tangan.

Setiap uji menulis folder kecil (``buat_folder``) lalu menjalankan ``jalankan_klaster``
seperti perintah ``asn-analitik klaster``, dan membaca CSV hasilnya. Titik lemah: capaian aspek
< 90 atau nilai BerAKHLAK <= 2 (``aturan.yaml``, bagian ``pelatihan``).

Kecuali disebut lain, bootstrap kestabilan dimatikan lewat ``--konfigurasi`` (``n_bootstrap:
0``): yang diuji di sini rekomendasinya, bukan kestabilan kelompok; pengelompokan data kecil
dengan aturan bawaan diuji di ``test_klaster.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from asn_analitik.alur import jalankan_klaster
from asn_analitik.analisis.pelatihan import hak_jp, kebutuhan_pelatihan
from asn_analitik.konfigurasi import BERAKHLAK

AKAR = Path(__file__).resolve().parents[1]
KATALOG_BAWAAN = pd.read_csv(AKAR / "data" / "katalog_pelatihan.csv")

#: Katalog kecil. Kode entri kesehatan sengaja diurutkan *sesudah* entri umum, sehingga
#: entri bidang hanya terpilih karena bidangnya, bukan karena kodenya lebih kecil.
KATALOG = [
    {"kode": "A-MUTU", "nama": "Mutu Umum", "jalur": "klasikal", "jp": 8,
     "sasaran": "kualitas", "bidang": "umum"},
    {"kode": "Z-MUTU-KES", "nama": "Mutu Layanan Kesehatan", "jalur": "klasikal", "jp": 12,
     "sasaran": "kualitas", "bidang": "kesehatan"},
    {"kode": "B-WAKTU", "nama": "Manajemen Waktu", "jalur": "nonklasikal", "jp": 6,
     "sasaran": "waktu", "bidang": "umum"},
    {"kode": "C-BIAYA", "nama": "Pengendalian Anggaran", "jalur": "klasikal", "jp": 10,
     "sasaran": "biaya", "bidang": "umum"},
    {"kode": "D-TARGET", "nama": "Perencanaan Target", "jalur": "nonklasikal", "jp": 4,
     "sasaran": "kuantitas", "bidang": "umum"},
    {"kode": "E-LAYAN", "nama": "Pelayanan Prima", "jalur": "klasikal", "jp": 5,
     "sasaran": "perilaku:berorientasi_pelayanan", "bidang": "umum"},
    {"kode": "F-KOLAB", "nama": "Kerja Sama Tim", "jalur": "klasikal", "jp": 7,
     "sasaran": "perilaku:kolaboratif", "bidang": "umum"},
]  # fmt: skip
SASARAN = {b["kode"]: b["sasaran"] for b in KATALOG}
NAMA_INDIKATOR = {
    "kuantitas": "Jumlah laporan",
    "kualitas": "Mutu dokumen",
    "waktu": "Lama layanan",
    "biaya": "Realisasi anggaran",
}


def nip(i: int) -> str:
    """NIP PNS sintetis yang sah: lahir 1985-05-10, TMT CPNS 2010-01, nomor urut ``i``."""
    return f"198505102010011{i:03d}"


def orang(
    i: int,
    opd: str = "Dinas Sosial",
    bidang: str = "umum",
    kuantitas: float | None = 100,
    kualitas: float | None = 100,
    waktu: float | None = 100,
    biaya: float | None = None,
    perilaku: int | None = 3,
    nama_indikator: dict[str, str] | None = None,
    **nilai_berakhlak: int,
) -> dict[str, list[dict]]:
    """Satu pegawai dengan satu indikator per aspek yang capaiannya persis seperti diminta
    (``None``: tanpa indikator di aspek itu). Aspek naik: target 100, realisasi = capaian;
    waktu dan biaya arah turun: target 10, realisasi 10 (2 - capaian / 100). Tujuh nilai
    BerAKHLAK = ``perilaku`` kecuali yang disebut (``kolaboratif=1``); ``None``: tanpa baris."""
    n = nip(i)
    nama = NAMA_INDIKATOR | (nama_indikator or {})
    indikator = []
    for aspek, capaian in [
        ("kuantitas", kuantitas),
        ("kualitas", kualitas),
        ("waktu", waktu),
        ("biaya", biaya),
    ]:
        if capaian is None:
            continue
        turun = aspek in ("waktu", "biaya")
        target = 10 if turun else 100
        realisasi = round(10 * (2 - capaian / 100), 6) if turun else capaian
        indikator.append(
            {"nip": n, "periode": "2026-S1", "indikator": nama[aspek], "aspek": aspek,
             "target": target, "realisasi": realisasi}
        )  # fmt: skip
    tujuh = [] if perilaku is None else BERAKHLAK
    return {
        "pegawai": [{"nip": n, "nama": f"Pegawai {i}", "opd": opd, "bidang": bidang}],
        "indikator": indikator,
        "perilaku": [
            {"nip": n, "periode": "2026-S1", "aspek": a, "nilai": nilai_berakhlak.get(a, perilaku)}
            for a in tujuh
        ],
    }


def gabung(*semua: dict, katalog: list[dict] | None = KATALOG, **lain: list[dict]) -> dict:
    """Tabel folder dari beberapa pegawai; ``katalog=None``: pakai katalog bawaan kit."""
    tabel: dict[str, list[dict]] = {"pegawai": [], "indikator": [], "perilaku": []}
    for o in semua:
        for nama, baris in o.items():
            tabel[nama] += baris
    if katalog is not None:
        tabel["katalog_pelatihan"] = katalog
    return tabel | lain


@pytest.fixture
def klaster(buat_folder, tmp_path):
    """Jalankan ``klaster`` atas folder kecil; kembalikan tabel hasilnya (CSV) dan manifest.

    ``bootstrap=False`` (bawaan) menulis ``--konfigurasi`` dengan ``n_bootstrap: 0``.
    """
    nomor = iter(range(1, 100))
    tanpa_bootstrap = tmp_path / "tanpa_bootstrap.yaml"
    tanpa_bootstrap.write_text("pola:\n  n_bootstrap: 0\n", encoding="utf-8")

    def _jalankan(tabel: dict, k="auto", bootstrap: bool = False) -> dict[str, pd.DataFrame]:
        keluaran = tmp_path / f"hasil{next(nomor)}"
        konfigurasi = None if bootstrap else tanpa_bootstrap
        jalankan_klaster(buat_folder(tabel), keluaran, k=k, konfigurasi=konfigurasi)
        ditolak = pd.read_csv(keluaran / "ditolak.csv")
        assert ditolak.empty, ditolak.to_string()  # masukan uji harus bersih
        hasil = {
            nama: pd.read_csv(keluaran / f"{nama}.csv", dtype={"nip": "str"})
            for nama in (
                "rekomendasi_pelatihan",
                "kebutuhan_pelatihan",
                "hak_jp",
                "klaster_pegawai",
                "skor_pegawai",
            )
        }
        hasil["manifest"] = json.loads((keluaran / "manifest.json").read_text(encoding="utf-8"))
        return hasil

    return _jalankan


def rek_untuk(hasil: dict, i: int) -> pd.DataFrame:
    rek = hasil["rekomendasi_pelatihan"]
    return rek[rek["nip"] == nip(i)].sort_values("prioritas").reset_index(drop=True)


# --- titik lemah ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ubah", "kode"),
    [
        ({"kualitas": 90}, []),  # tepat di ambang: bukan titik lemah
        ({"kualitas": 89}, ["A-MUTU"]),
        ({"waktu": 90}, []),
        ({"waktu": 89}, ["B-WAKTU"]),
        ({"kolaboratif": 3}, []),
        ({"kolaboratif": 2}, ["F-KOLAB"]),  # <= 2 termasuk 2
        ({"berorientasi_pelayanan": 1}, ["E-LAYAN"]),
    ],
)
def test_ambang_titik_lemah(klaster, ubah, kode):
    """Capaian < 90 dan nilai BerAKHLAK <= 2 adalah titik lemah; tepat 90 dan 3 bukan."""
    h = klaster(gabung(orang(1, **ubah), orang(2), orang(3)))
    assert rek_untuk(h, 1)["kode_pelatihan"].tolist() == kode
    assert rek_untuk(h, 2).empty and rek_untuk(h, 3).empty


def test_tanpa_indikator_biaya_bukan_lemah_biaya(klaster):
    """Pegawai tanpa indikator biaya (1, 2) tidak "lemah di biaya": tidak ada pelatihan biaya
    dan label kelompoknya tidak menyebut biaya. Pegawai 5 (biaya 50) sebagai pembanding."""
    tabel = gabung(
        orang(1, kualitas=60),
        orang(2, kualitas=60),
        orang(3, biaya=100),
        orang(4, biaya=100),
        orang(5, biaya=50),
    )
    h = klaster(tabel, k=3)
    rek = h["rekomendasi_pelatihan"]
    for i in (1, 2):
        assert rek_untuk(h, i)["kode_pelatihan"].tolist() == ["A-MUTU"]
    assert rek_untuk(h, 5)["kode_pelatihan"].tolist() == ["C-BIAYA"]
    assert set(rek.loc[rek["kode_pelatihan"] == "C-BIAYA", "nip"]) == {nip(5)}
    label = h["klaster_pegawai"].set_index("nip")["label_klaster"]
    assert "Biaya" not in label[nip(1)] and "biaya" not in label[nip(1)]
    assert "Kualitas di bawah ekspektasi" in label[nip(1)]
    assert "Biaya melampaui rencana" in label[nip(5)]


def test_realisasi_kosong_bukan_kelemahan(klaster):
    """Aspek kualitas dengan satu indikator 112 dan satu tanpa realisasi (capaian aspek 56):
    kekosongan itu soal pelaporan, bukan kompetensi (docstring ``pelatihan``), dan satu-satunya
    bukti yang dilaporkan di atas ekspektasi, jadi tidak ada pelatihan kualitas. Pegawai 2 tidak
    melaporkan apa pun: tidak ada pelatihan hasil kerja."""
    tabel = gabung(orang(1, kualitas=None), orang(2, perilaku=None), orang(3), orang(4))
    tabel["indikator"] += [
        {"nip": nip(1), "periode": "2026-S1", "indikator": "Mutu arsip", "aspek": "kualitas",
         "target": 100, "realisasi": 112},
        {"nip": nip(1), "periode": "2026-S1", "indikator": "Mutu surat", "aspek": "kualitas",
         "target": 100, "realisasi": None},
    ]  # fmt: skip
    for b in tabel["indikator"]:
        if b["nip"] == nip(2):
            b["realisasi"] = None
    h = klaster(tabel)
    assert rek_untuk(h, 2).empty
    rek = rek_untuk(h, 1)
    assert not rek["kode_pelatihan"].map(SASARAN).eq("kualitas").any(), rek["alasan"].tolist()


def test_alasan_menyebut_angka_dan_indikator(klaster):
    """``alasan`` menyebut aspek, capaian, ambang dan nama indikator; atau nilai BerAKHLAK."""
    tabel = gabung(
        orang(
            1,
            kualitas=72,
            waktu=60,
            kolaboratif=1,
            nama_indikator={
                "kualitas": "Persentase berkas tanpa revisi",
                "waktu": "Lama penerbitan izin",
            },
        ),  # fmt: skip
        orang(2),
        orang(3),
    )
    alasan = rek_untuk(klaster(tabel), 1).set_index("kode_pelatihan")["alasan"]
    assert set(alasan.index) == {"A-MUTU", "B-WAKTU", "F-KOLAB"}
    for kode, isi in [
        ("A-MUTU", ["kualitas", "72", "90", "Persentase berkas tanpa revisi"]),
        ("B-WAKTU", ["waktu", "60", "Lama penerbitan izin"]),
        ("F-KOLAB", ["kolaboratif", "1", "BerAKHLAK"]),
    ]:
        for bagian in isi:
            assert bagian in alasan[kode], (kode, bagian, alasan[kode])


def test_prioritas_menurut_selisih(klaster):
    """Prioritas 1 = selisih terbesar dari ambang (relatif): pelayanan 1 ((3-1)/3 = 0,67),
    waktu 50 ((90-50)/90 = 0,44), kolaboratif 2 (0,33), kualitas 80 (0,11)."""
    tabel = gabung(
        orang(1, kualitas=80, waktu=50, berorientasi_pelayanan=1, kolaboratif=2),
        orang(2),
        orang(3),
    )
    rek = rek_untuk(klaster(tabel), 1)
    assert rek["prioritas"].tolist() == [1, 2, 3, 4]
    assert rek["kode_pelatihan"].tolist() == ["E-LAYAN", "B-WAKTU", "F-KOLAB", "A-MUTU"]
    assert rek["jp"].tolist() == [5, 6, 7, 8]


@pytest.mark.parametrize(
    ("bidang", "kode"),
    [
        ("kesehatan", ["Z-MUTU-KES", "B-WAKTU"]),  # waktu: tidak ada entri kesehatan -> umum
        ("umum", ["A-MUTU", "B-WAKTU"]),
        ("pendidikan", ["A-MUTU", "B-WAKTU"]),  # bidang tanpa entri sendiri -> umum
    ],
)
def test_entri_bidang_sendiri_didahulukan(klaster, bidang, kode):
    """Untuk titik lemah yang sama, entri katalog bidang pegawai didahulukan dari ``umum``."""
    tabel = gabung(orang(1, bidang=bidang, kualitas=60, waktu=70), orang(2), orang(3))
    assert rek_untuk(klaster(tabel), 1)["kode_pelatihan"].tolist() == kode


def test_katalog_bawaan_bidang_kesehatan(klaster):
    """Dengan katalog bawaan kit: kualitas lemah di bidang kesehatan mendapat pelatihan
    kesehatan; di bidang umum, pelatihan umum."""
    tabel = gabung(
        orang(1, bidang="kesehatan", kualitas=60),
        orang(2, bidang="umum", kualitas=60),
        orang(3),
        katalog=None,
    )
    h = klaster(tabel)
    assert h["manifest"]["klaster"]["katalog"].endswith("katalog_pelatihan.csv")
    kat = KATALOG_BAWAAN.set_index("kode")
    for i, bidang in [(1, "kesehatan"), (2, "umum")]:
        rek = rek_untuk(h, i)
        assert len(rek) == 1
        entri = kat.loc[rek["kode_pelatihan"].iloc[0]]
        assert (entri["sasaran"], entri["bidang"]) == ("kualitas", bidang)
        assert rek["jp"].iloc[0] == entri["jp"]
        assert rek["nama_pelatihan"].iloc[0] == entri["nama"]


@pytest.mark.parametrize(
    ("capaian", "berakhlak", "ada"),
    [
        (115, {}, False),  # Sangat Baik tanpa titik lemah
        (115, {"kolaboratif": 2}, False),  # Sangat Baik: satu nilai 2 tidak dijadikan pelatihan
        (100, {"kolaboratif": 2}, True),  # pembanding: Baik, nilai 2 -> pelatihan kolaboratif
    ],
)
def test_predikat_sangat_baik_tanpa_rekomendasi(klaster, capaian, berakhlak, ada):
    """Pegawai yang unggul menurut buktinya (rating usulan hasil kerja dan perilaku Di Atas) tidak
    mendapat rekomendasi pelatihan titik lemah."""
    semua = {"kuantitas": capaian, "kualitas": capaian, "waktu": capaian}
    tabel = gabung(orang(1, perilaku=5, **semua, **berakhlak), orang(2), orang(3), orang(4))
    h = klaster(tabel)
    predikat = h["skor_pegawai"].set_index("nip").loc[nip(1), "predikat"]
    assert predikat == ("Sangat Baik" if capaian == 115 else "Baik")
    assert rek_untuk(h, 1)["kode_pelatihan"].tolist() == (["F-KOLAB"] if ada else [])


# --- JP dan kebutuhan ------------------------------------------------------------------------


def test_jp_tahun_periode_dan_hak_20(klaster):
    """JP dihitung dari riwayat pada tahun periode (2026) saja; keterangan menyebut hak 20 JP
    dan apakah pelatihan yang direkomendasikan memenuhinya."""
    riwayat = [
        {"nip": nip(1), "kode_pelatihan": "X-1", "tanggal": "2026-02-10", "jp": 12},
        {"nip": nip(1), "kode_pelatihan": "X-2", "tanggal": "2026-06-30", "jp": 4},
        {"nip": nip(1), "kode_pelatihan": "X-3", "tanggal": "2025-12-31", "jp": 30},  # tahun lalu
    ]
    tabel = gabung(
        orang(1, kualitas=60), orang(2, kualitas=60), orang(3), riwayat_pelatihan=riwayat
    )
    h = klaster(tabel)
    jp = h["hak_jp"].set_index("nip")
    assert jp.loc[nip(1), ["jp_tahun_ini", "kekurangan_jp", "jp_direkomendasikan"]].tolist() == [
        16,
        4,
        8,
    ]
    assert jp.loc[nip(2), ["jp_tahun_ini", "kekurangan_jp", "jp_direkomendasikan"]].tolist() == [
        0,
        20,
        8,
    ]
    assert jp.loc[nip(3), ["jp_tahun_ini", "kekurangan_jp", "jp_direkomendasikan"]].tolist() == [
        0,
        20,
        0,
    ]
    ket1 = rek_untuk(h, 1)["keterangan_jp"].iloc[0]
    for bagian in ["JP tahun ini 16", "hak 20", "24 JP", "hak terpenuhi"]:
        assert bagian in ket1, ket1
    ket2 = rek_untuk(h, 2)["keterangan_jp"].iloc[0]
    assert "JP tahun ini 0" in ket2 and "8 JP" in ket2
    assert "terpenuhi" not in ket2


def test_kebutuhan_per_pelatihan_dan_opd(klaster):
    """Kebutuhan = peserta (pegawai berbeda) dan total JP per (pelatihan, OPD)."""
    tabel = gabung(
        orang(1, opd="Dinas Sosial", kualitas=60),
        orang(2, opd="Dinas Sosial", kualitas=70),
        orang(3, opd="Dinas Sosial", kualitas=80, waktu=50),
        orang(4, opd="Dinas Pangan", kualitas=60, waktu=50),
        orang(5, opd="Dinas Pangan"),
    )
    butuh = klaster(tabel)["kebutuhan_pelatihan"]
    harapan = pd.DataFrame(
        [
            ["A-MUTU", "Mutu Umum", "Dinas Pangan", 1, 8],
            ["B-WAKTU", "Manajemen Waktu", "Dinas Pangan", 1, 6],
            ["A-MUTU", "Mutu Umum", "Dinas Sosial", 3, 24],
            ["B-WAKTU", "Manajemen Waktu", "Dinas Sosial", 1, 6],
        ],
        columns=["kode_pelatihan", "nama_pelatihan", "opd", "jumlah_peserta", "total_jp"],
    )
    pd.testing.assert_frame_equal(butuh, harapan, check_dtype=False)


def test_kebutuhan_pelatihan_langsung():
    """Fungsi ``kebutuhan_pelatihan``: peserta dihitung per NIP berbeda, JP dijumlahkan."""
    rek = pd.DataFrame(
        {
            "nip": ["1", "2", "2", "3"],
            "kode_pelatihan": ["P1", "P1", "P2", "P1"],
            "nama_pelatihan": ["Satu", "Satu", "Dua", "Satu"],
            "opd": ["X", "X", "X", "Y"],
            "jp": [8, 8, 5, 8],
        }
    )
    hasil = kebutuhan_pelatihan(rek)
    assert hasil[["kode_pelatihan", "opd", "jumlah_peserta", "total_jp"]].values.tolist() == [
        ["P1", "X", 2, 16],
        ["P2", "X", 1, 5],
        ["P1", "Y", 1, 8],
    ]


def test_hak_jp_tanpa_riwayat():
    """Tanpa tabel riwayat: JP tahun ini 0, kekurangan = hak penuh."""
    skor = pd.DataFrame({"nip": ["1"], "periode": ["2026-S1"], "opd": ["X"]})
    jp = hak_jp(skor, None, 20)
    assert jp[["tahun", "jp_tahun_ini", "kekurangan_jp"]].values.tolist() == [[2026, 0, 20]]


def test_kantor_tiga_orang_mendapat_rekomendasi(klaster):
    """Kantor berisi tiga orang di antara 20 pegawai lain tetap mendapat rekomendasi untuk
    anggotanya yang lemah (pengelompokan dilakukan bersama seluruh kabupaten). Aturan bawaan,
    termasuk bootstrap kestabilan, dan katalog bawaan kit."""
    lain = [orang(i, opd="Dinas Sosial", kualitas=95 + i % 10) for i in range(10, 30)]
    kantor = [
        orang(1, opd="Kecamatan Peso", kualitas=60),
        orang(2, opd="Kecamatan Peso", berorientasi_pelayanan=1),
        orang(3, opd="Kecamatan Peso"),
    ]
    h = klaster(gabung(*kantor, *lain, katalog=None), bootstrap=True)
    kat = KATALOG_BAWAAN.set_index("kode")["sasaran"]
    assert set(rek_untuk(h, 1)["kode_pelatihan"].map(kat)) == {"kualitas"}
    assert set(rek_untuk(h, 2)["kode_pelatihan"].map(kat)) == {"perilaku:berorientasi_pelayanan"}
    assert rek_untuk(h, 3).empty
    butuh = h["kebutuhan_pelatihan"]
    assert butuh.loc[butuh["opd"] == "Kecamatan Peso", "jumlah_peserta"].sum() == 2


def test_kolom_rekomendasi_kontrak(klaster):
    rek = klaster(gabung(orang(1, kualitas=60), orang(2), orang(3)))["rekomendasi_pelatihan"]
    assert rek.columns[:7].tolist() == [
        "nip", "periode", "kode_pelatihan", "nama_pelatihan", "jp", "alasan", "prioritas",
    ]  # fmt: skip
    assert rek[["nip", "periode", "nama_pelatihan", "jp"]].values.tolist() == [
        [nip(1), "2026-S1", "Mutu Umum", 8]
    ]


def test_posisi_pilihan_sama_dengan_gabung_dalam_pandas():
    """Pencocokan titik lemah dengan pilihan katalog lewat posisi memberi baris dan urutan yang
    sama dengan ``merge(how="inner")``, termasuk bidang kosong (cocok dengan bidang kosong),
    sasaran tanpa entri, dan kolom kategori."""
    from asn_analitik.analisis.pelatihan import _pilihan_katalog, _posisi_pilihan

    katalog = pd.DataFrame(KATALOG)
    bidang = pd.Series(["kesehatan", None, "pendidikan", "kesehatan"], dtype="str")
    pilihan = _pilihan_katalog(katalog, bidang)
    lemah = pd.DataFrame({
        "sasaran": ["kualitas", "waktu", "tidak_ada", "kualitas", "biaya", "kualitas", "waktu"],
        "bidang": ["kesehatan", None, "kesehatan", "pendidikan", None, None, "kesehatan"],
    }).astype("str")  # fmt: skip
    lemah["baris"] = range(len(lemah))
    for kiri in (lemah, lemah.astype({"sasaran": "category", "bidang": "category"})):
        posisi = _posisi_pilihan(kiri, pilihan)
        gabung = kiri.merge(pilihan, left_on=["sasaran", "bidang"],
                            right_on=["sasaran", "bidang_pegawai"], how="inner")  # fmt: skip
        assert kiri["baris"][posisi >= 0].tolist() == gabung["baris"].tolist()
        assert pilihan["kode"].take(posisi[posisi >= 0]).tolist() == gabung["kode"].tolist()
        assert (posisi >= 0).sum() == 6  # hanya "tidak_ada" tanpa entri katalog
