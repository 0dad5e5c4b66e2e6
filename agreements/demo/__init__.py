"""A small, realistic example: the partnerships reported in the public news items the project
started from (Bawaslu RI–Kemensos, KPU Jawa Timur and KPU Kota Blitar, Bawaslu Kabupaten
Probolinggo with GP Ansor Kota Kraksaan and Karang Taruna, Bawaslu Kalimantan Selatan and
universities, Bawaslu DKI Jakarta–Pemerintah Kota Administrasi Jakarta Pusat).

The institutions are real; the people, document numbers and dates are invented but follow real
patterns. Dates are counted from the month the demo is loaded in, so that it always shows MoUs
in force, a PKS about to expire, a draft and a regional MoU awaiting approval. Every agreement
goes through ``agreements.services.save_agreement``, so the demo obeys every rule. Loading is
idempotent: institutions are found by name, agreements by owner and title; an existing one is
saved again only if it differs from the demo.

The package: ``specs`` (partners and building blocks), ``agreement_specs`` (the agreements),
``loader`` (loading them idempotently).
"""

from agreements.demo.loader import demo_agreements, load_demo_data

__all__ = ["demo_agreements", "load_demo_data"]
