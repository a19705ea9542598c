"""Ringkasan untuk laporan OPD dan ringkasan pimpinan, dihitung dari :class:`HasilPeriode`.

Semua fungsi di sini bekerja per kolom (vektor), sehingga ringkasan kabupaten tetap cepat
berapa pun jumlah pegawainya. Tabel yang dikembalikan sudah berjudul kolom bahasa Indonesia
siap tampil (lihat :func:`asn_analitik.laporan.tampilan.tabel_html`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..galat import ArgumenTidakValid
from ..konfigurasi import ASPEK, PREDIKAT
from ..masuk.periode import bakukan_periode, urutkan_periode
from ..masuk.pilih import cocokkan_opd

__all__ = [
    "BELUM_LENGKAP",
    "angka_utama",
    "banding_periode",
    "angka_per_opd",
    "banding_predikat",
    "jumlah_predikat",
    "kebutuhan_opd",
    "pola_kabupaten",
    "capaian_aspek_opd",
    "kandidat_apresiasi",
    "kepatuhan_pelaporan",
    "indikator_terlemah",
    "indikator_tidak_dilaporkan",
    "keanggotaan_pola",
    "pegawai_belum_melapor",
    "porsi_dilaporkan",
    "pelatihan_teratas",
    "predikat_per_opd",
    "rekomendasi_pegawai",
    "belum_dinilai_opd",
    "kepatuhan_bulanan",
    "ketersediaan",
    "saring",
    "tabel_pegawai",
]

#: Label predikat untuk pegawai yang salah satu ratingnya kosong (predikat tidak dapat ditetapkan).
BELUM_LENGKAP = "Belum lengkap"
_URUT_PREDIKAT = [*PREDIKAT, BELUM_LENGKAP]
_KOLOM_ASPEK = [f"capaian_{a}" for a in ASPEK]


def _predikat(skor: pd.DataFrame) -> pd.Series:
    return pd.Categorical(skor["predikat"].fillna(BELUM_LENGKAP), categories=_URUT_PREDIKAT)


def jumlah_predikat(skor: pd.DataFrame) -> pd.Series:
    """Jumlah pegawai per predikat (urut dari Sangat Baik; termasuk *Belum lengkap*)."""
    return pd.Series(_predikat(skor)).value_counts(sort=False).rename_axis("predikat")


def banding_predikat(skor_opd: pd.DataFrame, jumlah_kabupaten: pd.Series) -> pd.DataFrame:
    """Sebaran predikat satu OPD dibanding kabupaten: jumlah dan porsi.

    ``jumlah_kabupaten``: :func:`jumlah_predikat` seluruh kabupaten (dihitung sekali per
    periode, lihat :func:`asn_analitik.laporan.hasil.muat_kabupaten`).

    Returns
    -------
    pandas.DataFrame
        Kolom ``Predikat``, ``Jumlah pegawai``, ``Porsi OPD``, ``Porsi kabupaten``.
    """
    opd = jumlah_predikat(skor_opd)
    kab = jumlah_kabupaten.reindex(_URUT_PREDIKAT, fill_value=0)
    hasil = pd.DataFrame(
        {
            "Predikat": _URUT_PREDIKAT,
            "Jumlah pegawai": opd.to_numpy(),
            "Porsi OPD": opd.to_numpy() / max(opd.sum(), 1),
            "Porsi kabupaten": kab.to_numpy() / max(kab.sum(), 1),
        }
    )
    # "Belum lengkap" hanya ditampilkan bila memang ada.
    return hasil[(hasil["Predikat"] != BELUM_LENGKAP) | (hasil["Jumlah pegawai"] > 0)]


def predikat_per_opd(skor: pd.DataFrame) -> pd.DataFrame:
    """Porsi tiap predikat per OPD (baris OPD, kolom predikat, jumlah baris 1)."""
    tabel = pd.crosstab(skor["opd"], _predikat(skor), normalize="index", dropna=False)
    return tabel.reindex(columns=_URUT_PREDIKAT, fill_value=0.0).rename_axis(
        index="OPD", columns="Predikat"
    )


def capaian_aspek_opd(skor: pd.DataFrame) -> pd.DataFrame:
    """Rata-rata capaian per aspek dan nilai hasil kerja per OPD (untuk peta panas)."""
    kolom = [k for k in _KOLOM_ASPEK if skor[k].notna().any()] + ["nilai_hasil_kerja"]
    tabel = skor.groupby("opd", observed=True)[kolom].mean()
    tabel.columns = [k.removeprefix("capaian_").capitalize() for k in kolom[:-1]] + ["Nilai HK"]
    return tabel.rename_axis(index="OPD")


def porsi_dilaporkan(indikator, tidak_dilaporkan):
    """Porsi indikator yang realisasinya dilaporkan; 0 bila tidak ada indikator sama sekali
    (OPD atau pegawai yang tidak mengirim apa pun tidak boleh tampak patuh 100%).

    Examples
    --------
    >>> porsi_dilaporkan(pd.Series([10, 0]), pd.Series([1, 0])).tolist()
    [0.9, 0.0]
    """
    indikator = np.asarray(indikator, dtype=float)
    dilaporkan = indikator - np.asarray(tidak_dilaporkan, dtype=float)
    return np.divide(dilaporkan, indikator, out=np.zeros_like(indikator), where=indikator > 0)


def kepatuhan_pelaporan(skor: pd.DataFrame) -> pd.DataFrame:
    """Porsi indikator yang realisasinya dilaporkan, per OPD, dari yang terendah.

    Returns
    -------
    pandas.DataFrame
        ``OPD``, ``Pegawai``, ``Indikator``, ``Tidak dilaporkan``, ``Pegawai belum melapor``
        (tidak satu pun realisasi dilaporkan, termasuk yang tidak punya indikator),
        ``Porsi dilaporkan`` (0 bila OPD tidak punya indikator sama sekali).
    """
    g = skor.assign(
        _semua_kosong=skor["indikator_tidak_dilaporkan"] == skor["jumlah_indikator"]
    ).groupby("opd", observed=True)
    hasil = pd.DataFrame(
        {
            "Pegawai": g.size(),
            "Indikator": g["jumlah_indikator"].sum(),
            "Tidak dilaporkan": g["indikator_tidak_dilaporkan"].sum(),
            "Pegawai belum melapor": g["_semua_kosong"].sum(),
        }
    )
    hasil["Porsi dilaporkan"] = porsi_dilaporkan(hasil["Indikator"], hasil["Tidak dilaporkan"])
    hasil = hasil.rename_axis("OPD").reset_index()
    return hasil.sort_values(["Porsi dilaporkan", "OPD"], kind="stable", ignore_index=True)


def indikator_terlemah(capaian: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """Indikator dengan rata-rata capaian terendah (hanya baris yang dilaporkan)."""
    lapor = capaian[capaian["status"] == "dilaporkan"]
    g = lapor.groupby(["indikator", "aspek"], observed=True)
    hasil = pd.DataFrame(
        {
            "Pegawai": g["nip"].nunique(),
            "Rata-rata capaian": g["capaian"].mean(),
            "Capaian terendah": g["capaian"].min(),
        }
    ).reset_index()
    hasil = hasil.rename(columns={"indikator": "Indikator", "aspek": "Aspek"})
    hasil = hasil.sort_values(["Rata-rata capaian", "Indikator"], kind="stable")
    return hasil.head(n).reset_index(drop=True)


def indikator_tidak_dilaporkan(capaian: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """Indikator yang paling sering tidak dilaporkan realisasinya."""
    kosong = capaian[capaian["status"] == "tidak_dilaporkan"]
    if kosong.empty:
        return pd.DataFrame(columns=["Indikator", "Aspek", "Pegawai", "Porsi tidak dilaporkan"])
    semua = capaian.groupby(["indikator", "aspek"], observed=True).size()
    g = kosong.groupby(["indikator", "aspek"], observed=True)
    hasil = pd.DataFrame({"Pegawai": g["nip"].nunique(), "_n": g.size()})
    hasil["Porsi tidak dilaporkan"] = hasil["_n"] / semua.reindex(hasil.index)
    hasil = hasil.reset_index().rename(columns={"indikator": "Indikator", "aspek": "Aspek"})
    hasil = hasil.sort_values(["Pegawai", "Indikator"], ascending=[False, True], kind="stable")
    return hasil.drop(columns="_n").head(n).reset_index(drop=True)


def keanggotaan_pola(klaster_opd: pd.DataFrame, profil: pd.DataFrame) -> pd.DataFrame:
    """Jumlah pegawai OPD per pola kinerja, dibanding porsi kabupaten dan kestabilannya."""
    jumlah = klaster_opd.groupby("klaster", observed=True).size()
    hasil = profil[["klaster", "label_klaster", "porsi_pegawai", "pita_kestabilan"]].copy()
    hasil["jumlah"] = hasil["klaster"].map(jumlah).fillna(0).astype("int64")
    hasil["porsi_opd"] = hasil["jumlah"] / max(len(klaster_opd), 1)
    hasil = hasil.rename(
        columns={
            "klaster": "Pola",
            "label_klaster": "Label",
            "jumlah": "Pegawai OPD",
            "porsi_opd": "Porsi OPD",
            "porsi_pegawai": "Porsi kabupaten",
            "pita_kestabilan": "Kestabilan",
        }
    )
    return hasil[["Pola", "Label", "Pegawai OPD", "Porsi OPD", "Porsi kabupaten", "Kestabilan"]]


def _capaian_terbaik(capaian: pd.DataFrame) -> pd.DataFrame:
    """Satu indikator terbaik (capaian tertinggi yang dilaporkan) per pegawai."""
    lapor = capaian[capaian["status"] == "dilaporkan"]
    urut = lapor.sort_values(["nip", "capaian", "indikator"], ascending=[True, False, True])
    return urut.drop_duplicates("nip")


def kandidat_apresiasi(
    skor: pd.DataFrame, capaian: pd.DataFrame, n: int = 5, per_opd: bool = False
) -> pd.DataFrame:
    """Pegawai berkinerja tertinggi beserta capaian nyata yang layak diapresiasi.

    Seperti contoh Dinas Perhubungan (waktu tunggu angkutan umum berkurang), apresiasi
    menyebut capaian konkret: indikator terbaik pegawai, realisasi dibanding target.
    Calon: predikat Sangat Baik, diurutkan menurut nilai hasil kerja lalu nilai perilaku.

    Parameters
    ----------
    n
        Jumlah calon (per OPD bila ``per_opd``).
    """
    calon = skor[skor["predikat"] == PREDIKAT[0]]
    calon = calon.sort_values(
        ["nilai_hasil_kerja", "nilai_perilaku", "nip"],
        ascending=[False, False, True],
        kind="stable",
    )
    calon = calon.groupby("opd", observed=True).head(n) if per_opd else calon.head(n)
    terbaik = _capaian_terbaik(capaian[capaian["nip"].isin(calon["nip"])])
    calon = calon.merge(
        terbaik[["nip", "indikator", "realisasi", "target", "satuan", "capaian"]],
        on="nip",
        how="left",
    )
    satuan = (" " + calon["satuan"].fillna("").astype("str")).str.rstrip()
    fmt = np.vectorize(lambda x: f"{x:,.10g}".replace(",", "_").replace(".", ",").replace("_", "."))
    ada = calon["indikator"].notna()
    capaian_teks = pd.Series("", index=calon.index, dtype="str")
    if ada.any():
        capaian_teks[ada] = (
            calon.loc[ada, "indikator"].astype("str")
            + ": realisasi "
            + fmt(calon.loc[ada, "realisasi"].to_numpy(float))
            + satuan[ada]
            + " dari target "
            + fmt(calon.loc[ada, "target"].to_numpy(float))
            + satuan[ada]
        )
    return pd.DataFrame(
        {
            "nip": calon["nip"],
            "Nama": calon["nama"],
            "OPD": calon["opd"],
            "Jabatan": calon["jabatan"],
            "Nilai hasil kerja": calon["nilai_hasil_kerja"],
            "Nilai perilaku": calon["nilai_perilaku"],
            "Capaian unggulan": capaian_teks,
        }
    ).reset_index(drop=True)


def pelatihan_teratas(kebutuhan: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """Pelatihan yang paling banyak dibutuhkan di seluruh kabupaten."""
    g = kebutuhan.groupby(["kode_pelatihan", "nama_pelatihan"], observed=True)
    hasil = pd.DataFrame(
        {
            "OPD": g["opd"].nunique(),
            "Peserta": g["jumlah_peserta"].sum(),
            "Total JP": g["total_jp"].sum(),
        }
    ).reset_index()
    hasil = hasil.sort_values(["Peserta", "kode_pelatihan"], ascending=[False, True])
    hasil = hasil.rename(columns={"kode_pelatihan": "Kode", "nama_pelatihan": "Pelatihan"})
    return hasil.head(n).reset_index(drop=True)


def angka_utama(skor: pd.DataFrame, rekomendasi: pd.DataFrame) -> dict[str, float]:
    """Angka utama: jumlah pegawai dan OPD, rata-rata nilai, porsi predikat, kepatuhan
    pelaporan, dan kebutuhan pelatihan."""
    n = len(skor)
    pred = pd.Series(_predikat(skor))
    indikator = skor["jumlah_indikator"].sum()
    return {
        "pegawai": n,
        "opd": skor["opd"].nunique(),
        "rata_nilai_hasil_kerja": skor["nilai_hasil_kerja"].mean(),
        "porsi_baik_ke_atas": pred.isin(PREDIKAT[:2]).sum() / max(n, 1),
        "porsi_butuh_perbaikan_ke_bawah": pred.isin(PREDIKAT[2:]).sum() / max(n, 1),
        "porsi_dilaporkan": float(
            porsi_dilaporkan([indikator], [skor["indikator_tidak_dilaporkan"].sum()])[0]
        ),
        "peserta_pelatihan": rekomendasi["nip"].nunique(),
        "rekomendasi": len(rekomendasi),
        "total_jp": rekomendasi["jp"].sum(),
    }


def tabel_pegawai(skor: pd.DataFrame, klaster: pd.DataFrame, nip: pd.Series) -> pd.DataFrame:
    """Daftar pegawai OPD menurut peringkat: nilai, rating, predikat dan pola kinerja.

    ``nip`` adalah NIP yang ditampilkan (utuh atau tersamar), sejajar dengan ``skor``.
    """
    pola = skor[["nip"]].merge(klaster[["nip", "label_klaster"]], on="nip", how="left")
    hasil = pd.DataFrame(
        {
            "Peringkat": skor["peringkat_opd"].to_numpy(),
            "NIP": nip.to_numpy(),
            "Nama": skor["nama"].to_numpy(),
            "Jabatan": skor["jabatan"].to_numpy(),
            "Nilai HK": skor["nilai_hasil_kerja"].to_numpy(),
            "Rating hasil kerja": skor["rating_hasil_kerja"].to_numpy(),
            "Nilai perilaku": skor["nilai_perilaku"].to_numpy(),
            "Rating perilaku": skor["rating_perilaku"].to_numpy(),
            "Predikat": skor["predikat"].fillna(BELUM_LENGKAP).to_numpy(),
            "Sumber rating": skor["sumber_rating"].to_numpy(),
            "Pola kinerja": pola["label_klaster"].to_numpy(),
        }
    )
    return hasil.sort_values(["Peringkat", "Nama"], kind="stable", ignore_index=True)


def pegawai_belum_melapor(skor: pd.DataFrame) -> pd.DataFrame:
    """Pegawai yang belum melaporkan sebagian atau seluruh realisasi, atau belum punya
    indikator sama sekali pada periode ini (SKP belum dikirim)."""
    tanpa = skor["jumlah_indikator"] == 0
    ada = skor[(skor["indikator_tidak_dilaporkan"] > 0) | tanpa]
    ada = ada.assign(_tanpa=tanpa[ada.index]).sort_values(
        ["_tanpa", "indikator_tidak_dilaporkan", "nama"],
        ascending=[False, False, True],
        kind="stable",
    )
    keterangan = np.where(
        ada["_tanpa"],
        "belum ada indikator (SKP periode ini belum dikirim)",
        ada["indikator_tidak_dilaporkan"].astype("str")
        + " dari "
        + ada["jumlah_indikator"].astype("str")
        + " realisasi kosong",
    )
    return pd.DataFrame(
        {
            "Nama": ada["nama"].to_numpy(),
            "Jabatan": ada["jabatan"].to_numpy(),
            "Unit kerja": ada["unit_kerja"].to_numpy(),
            "Keterangan": keterangan,
        }
    )


def rekomendasi_pegawai(rekomendasi: pd.DataFrame) -> pd.DataFrame:
    """Rekomendasi pelatihan per pegawai beserta alasannya, urut nama lalu prioritas."""
    r = rekomendasi.sort_values(["nama", "nip", "prioritas"], kind="stable")
    return pd.DataFrame(
        {
            "Nama": r["nama"].to_numpy(),
            "Prioritas": r["prioritas"].to_numpy(),
            "Pelatihan": r["nama_pelatihan"].to_numpy(),
            "Jalur": r["jalur"].to_numpy(),
            "JP": r["jp"].to_numpy(),
            "Alasan": r["alasan"].to_numpy(),
            "Hak 20 JP": r["keterangan_jp"].to_numpy(),
        }
    )


def banding_periode(skor: pd.DataFrame) -> pd.DataFrame:
    """Rata-rata nilai hasil kerja per OPD untuk setiap periode (urut waktu), dan perubahannya
    dari periode pertama ke terakhir."""
    tabel = skor.pivot_table(
        index="opd", columns="periode", values="nilai_hasil_kerja", aggfunc="mean", observed=True
    )
    tabel = tabel[urutkan_periode(tabel.columns)]
    if tabel.shape[1] > 1:
        tabel["Perubahan"] = tabel.iloc[:, -1] - tabel.iloc[:, 0]
    return tabel.rename_axis(index="OPD", columns=None).reset_index()


def angka_per_opd(skor: pd.DataFrame, rekomendasi: pd.DataFrame) -> pd.DataFrame:
    """Angka utama per OPD untuk daftar di indeks (tanpa data pribadi): ``pegawai``,
    ``rata_nilai``, ``porsi_baik``, ``porsi_lapor``, ``peserta``."""
    g = skor.assign(_baik=skor["predikat"].isin(PREDIKAT[:2])).groupby("opd", observed=True)
    hasil = pd.DataFrame(
        {
            "pegawai": g.size(),
            "rata_nilai": g["nilai_hasil_kerja"].mean(),
            "porsi_baik": g["_baik"].mean(),
            "porsi_lapor": porsi_dilaporkan(
                g["jumlah_indikator"].sum(), g["indikator_tidak_dilaporkan"].sum()
            ),
        }
    )
    peserta = rekomendasi.groupby("opd", observed=True)["nip"].nunique()
    hasil["peserta"] = peserta.reindex(hasil.index).fillna(0).astype("int64")
    return hasil


def kebutuhan_opd(kebutuhan: pd.DataFrame) -> pd.DataFrame:
    """Kebutuhan pelatihan satu OPD, dari peserta terbanyak, berjudul kolom siap tampil."""
    k = kebutuhan.sort_values(["jumlah_peserta", "kode_pelatihan"], ascending=[False, True])
    return pd.DataFrame(
        {
            "Kode": k["kode_pelatihan"].to_numpy(),
            "Pelatihan": k["nama_pelatihan"].to_numpy(),
            "Peserta": k["jumlah_peserta"].to_numpy(),
            "Total JP": k["total_jp"].to_numpy(),
        }
    )


def pola_kabupaten(profil: pd.DataFrame) -> pd.DataFrame:
    """Pola kinerja yang ditemukan: jumlah, porsi, rata-rata nilai dan kestabilannya."""
    return pd.DataFrame(
        {
            "Pola": profil["label_klaster"].to_numpy(),
            "Pegawai": profil["jumlah_pegawai"].to_numpy(),
            "Porsi": profil["porsi_pegawai"].to_numpy(),
            "Rata-rata nilai HK": profil["nilai_hasil_kerja"].to_numpy(),
            "Kestabilan": profil["pita_kestabilan"].to_numpy(),
        }
    )


def saring(skor: pd.DataFrame, periode: str = "", opd: str = "") -> tuple[pd.DataFrame, str, str]:
    """Baris ``skor`` satu periode dan/atau satu OPD, seperti yang ditulis analis: periode dalam
    bentuk apa pun yang diterima kit (``2026 s1``), OPD tanpa memedulikan huruf besar/kecil.

    Returns
    -------
    (terpilih, periode, opd)
        Baris terpilih, dan periode serta OPD dalam ejaan data (kosong bila tidak disaring).

    Raises
    ------
    ArgumenTidakValid
        Periode atau OPD tidak ada di ``skor``; pesannya mendaftar yang ada.

    Examples
    --------
    >>> s = pd.DataFrame({"periode": ["2026-S1", "2025-S2"], "opd": ["Dinas Sosial"] * 2})
    >>> saring(s, "2026 s1", "dinas sosial")[1:]
    ('2026-S1', 'Dinas Sosial')
    """
    terpilih = skor
    if periode:
        ada = urutkan_periode(skor["periode"].astype("str").unique())
        baku = bakukan_periode(pd.Series([periode], dtype="str")).iloc[0]
        if pd.isna(baku) or baku not in ada:
            raise ArgumenTidakValid(
                f"Periode '{periode}' tidak ada di data. Periode yang ada: {', '.join(ada)}."
            )
        periode = baku
        terpilih = terpilih[terpilih["periode"] == periode]
    if opd:
        (opd,) = cocokkan_opd(skor["opd"].astype("str").unique(), [opd])
        terpilih = terpilih[terpilih["opd"] == opd]
    return terpilih, periode, opd


def ketersediaan(manifest: dict, skor: pd.DataFrame) -> dict[str, str | None]:
    """Bukti apa yang ada di hasil ini: untuk ``indikator``, ``perilaku`` dan ``pola``, ``None``
    bila tersedia, selain itu satu kalimat mengapa bagian laporannya tidak dapat ditampilkan
    (mis. folder hasil impor e-Kinerja yang hanya memuat rating).

    Examples
    --------
    >>> m = {"jumlah_baris": {"pegawai": {}, "evaluasi_atasan": {}}, "klaster": {"k": 0}}
    >>> ketersediaan(m, pd.DataFrame({"nilai_perilaku": [float("nan")]}))["indikator"][:40]
    'Capaian indikator tidak tersedia: data i'
    """
    jumlah = manifest.get("jumlah_baris", {})
    rating_saja = "data ini hanya memuat rating dari atasan (mis. hasil impor e-Kinerja BKN)"
    return {
        "indikator": None if "indikator" in jumlah else (
            f"Capaian indikator tidak tersedia: {rating_saja}, tanpa indikator dan realisasi."),
        "perilaku": None if skor["nilai_perilaku"].notna().any() else (
            "Nilai BerAKHLAK tidak tersedia: data ini tidak memuat nilai perilaku per pegawai."),
        "pola": None if manifest.get("klaster", {}).get("k") else (
            manifest.get("klaster", {}).get("tanpa_pola")
            or "Pola kinerja tidak tersedia untuk data ini."),
    }  # fmt: skip


def kepatuhan_bulanan(kepatuhan: pd.DataFrame) -> pd.DataFrame:
    """Kepatuhan penilaian per periode (satu OPD), berjudul kolom siap tampil."""
    return pd.DataFrame(
        {
            "Periode": kepatuhan["periode"].astype("str").to_numpy(),
            "Pegawai": kepatuhan["jumlah_pegawai"].to_numpy(),
            "SKP disetujui": kepatuhan["skp_disetujui"].to_numpy(),
            "Sudah dinilai": kepatuhan["dinilai"].to_numpy(),
            "Belum dinilai": kepatuhan["belum_dinilai"].to_numpy(),
            "Porsi dinilai": kepatuhan["porsi_dinilai"].to_numpy(),
        }
    )


def belum_dinilai_opd(belum: pd.DataFrame, nip: pd.Series | None = None) -> pd.DataFrame:
    """Pegawai yang belum dinilai atasannya, per periode (satu OPD)."""
    return pd.DataFrame(
        {
            "Periode": belum["periode"].astype("str").to_numpy(),
            "NIP": (nip if nip is not None else belum["nip"]).to_numpy(),
            "Nama": belum["nama"].to_numpy(),
        }
    )
