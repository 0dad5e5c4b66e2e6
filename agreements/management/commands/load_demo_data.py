"""``manage.py load_demo_data``: the news-item partnerships, as a small working example."""

from django.core.management.base import BaseCommand

from agreements import demo, reference
from agreements.management.commands.load_reference_data import describe


class Command(BaseCommand):
    help = (
        "Load a small, realistic example of partners, MoUs and PKS (loading the reference "
        "data first if it is missing). Safe to run again."
    )

    def handle(self, *args, **options):
        if not reference.is_loaded():
            self.stdout.write(describe(reference.load_reference_data()))
        summary = demo.load_demo_data()
        agreements, partners = summary.agreements, summary.partners
        self.stdout.write(
            f"Data demo dimuat: {agreements.total()} perjanjian "
            f"({summary.kinds['mou']} MoU, {summary.kinds['pks']} PKS) dengan "
            f"{partners.total()} mitra; baru: {agreements['created']} perjanjian dan "
            f"{partners['created']} mitra, diperbarui: {agreements['updated']} perjanjian dan "
            f"{partners['updated']} mitra."
        )
        self.stdout.write(
            f"Catatan setelah penandatanganan (kegiatan, evaluasi, adendum, narahubung): "
            f"{summary.records.total()}; baru: {summary.records['created']}."
        )
