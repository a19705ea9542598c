# asn-analitik: perintah kerja. `make help` menampilkan daftar target.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STEMPEL := $(VENV)/.terpasang
DATA ?= data/contoh
KELUARAN ?= output

.DEFAULT_GOAL := help

help: ## Tampilkan daftar target
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STEMPEL): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STEMPEL)

pasang: $(STEMPEL) ## Buat .venv dan pasang kit (otomatis dipanggil target lain)

laporan: $(STEMPEL) ## Buat semua laporan dari data contoh: output/<periode>/index.html
	$(VENV)/bin/asn-analitik laporan --data $(DATA) --keluaran $(KELUARAN)

test: $(STEMPEL) ## Jalankan seluruh uji (pytest); gagal bila tidak ada uji
	$(PY) -m pytest -q; kode=$$?; \
	if [ $$kode -eq 5 ]; then echo "galat: tidak ada uji yang dijalankan" >&2; exit 1; fi; exit $$kode

lint: $(STEMPEL) ## Periksa gaya kode (ruff check + ruff format --check)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STEMPEL) ## Rapikan kode dengan ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

lab: $(STEMPEL) ## Buka JupyterLab pada folder notebooks/
	$(PY) -m pip install -q -e '.[lab]'
	$(VENV)/bin/jupyter lab notebooks/

bench: $(STEMPEL) ## Jalankan tolok ukur (bench/), hasil ke bench/hasil/
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) bench/tolok_skor.py

# Pola nama mutan untuk make mutasi (konfigurasi di [tool.mutmut], pyproject.toml): semua fungsi
# nilai/ dan masuk/, dan kode isolasi laporan OPD (hasil.py, NIP tersamar). Sebagian saja, mis.:
# make mutasi MUTASI='asn_analitik.nilai.*'   atau   MUTASI='asn_analitik.masuk.nip.*'
MUTASI ?= asn_analitik.nilai.* asn_analitik.masuk.* asn_analitik.laporan.hasil.* \
	asn_analitik.laporan.tampilan.x_samarkan_nip__mutmut_* \
	asn_analitik.laporan.keadilan.x_tabel_penilai_opd__mutmut_* \
	asn_analitik.laporan.keadilan.x_penilai_tertandai__mutmut_*

mutasi: $(STEMPEL) ## Uji mutasi (mutmut) nilai/, masuk/ dan isolasi laporan; sebagian: MUTASI='pola'
	$(VENV)/bin/mutmut run $(foreach p,$(MUTASI),'$(p)')
	@echo "Skor mutasi; mutan yang tidak terbunuh dilihat dengan: $(VENV)/bin/mutmut show NAMA"
	@$(PY) tests/ringkas_mutasi.py $(foreach p,$(MUTASI),'$(p)')

contoh: $(STEMPEL) ## Buat ulang data/contoh, data/contoh_rusak dan data/contoh_ekinerja
	$(VENV)/bin/asn-analitik contoh --keluaran data/contoh
	$(PY) -m asn_analitik.contoh.rusak data/contoh data/contoh_rusak
	$(VENV)/bin/asn-analitik contoh --format ekinerja --pegawai 120 --keluaran data/contoh_ekinerja

bersih: ## Hapus output/, cache, dan folder kerja mutmut
	rm -rf $(KELUARAN) .pytest_cache .ruff_cache mutants

.PHONY: help pasang laporan test lint format lab bench mutasi contoh bersih
