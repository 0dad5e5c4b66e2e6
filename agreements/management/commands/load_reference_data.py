"""``manage.py load_reference_data``: regions, both bodies' election units and the scope areas."""

from django.core.management.base import BaseCommand

from agreements import reference


def thousands(number):
    """A count written the Indonesian way, with a dot between thousands: 1.106."""
    return f"{number:,}".replace(",", ".")


def describe(summary):
    """The one-line report, in Bahasa Indonesia like the rest of the interface."""
    return (
        f"Data referensi dimuat: {thousands(summary.provinces)} provinsi, "
        f"{thousands(summary.regencies_and_cities)} kabupaten/kota "
        f"({thousands(summary.regencies)} kabupaten, {thousands(summary.cities)} kota), "
        f"{thousands(summary.units)} unit penyelenggara, "
        f"{thousands(summary.scope_areas)} ruang lingkup; "
        f"{thousands(summary.created)} baris baru, {thousands(summary.updated)} diperbarui."
    )


class Command(BaseCommand):
    help = (
        "Load the 38 provinces and 514 regencies/cities (idn-area-data 4.0.1, ODbL), the 553 "
        "units of KPU and of Bawaslu, and the scope areas. Safe to run again."
    )

    def handle(self, *args, **options):
        summary = reference.load_reference_data()
        self.stdout.write(describe(summary))
