"""``python -m asn_analitik``: sama dengan perintah ``asn-analitik``."""

from .cli import utama

raise SystemExit(utama())
