"""Demo accounts for a first look at the system, one per role and level. Never for production."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from partners.models import Institution, Role, StaffProfile

DEMO_PASSWORD = "kemitraan-demo"

# username, (body, region code or None for the national unit), role, superuser
DEMO_USERS = [
    ("admin", ("kpu", None), Role.APPROVER, True),
    ("persetujuan_ri", ("kpu", None), Role.APPROVER, False),
    ("editor_jatim", ("kpu", "35"), Role.EDITOR, False),
    ("editor_blitar", ("kpu", "35.72"), Role.EDITOR, False),
    ("editor_bawaslu_probolinggo", ("bawaslu", "35.13"), Role.EDITOR, False),
    ("pembaca_kalsel", ("bawaslu", "63"), Role.VIEWER, False),
]


class Command(BaseCommand):
    help = "Creates demo accounts (password: kemitraan-demo). Needs load_reference_data first."

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        for username, (body, region), role, superuser in DEMO_USERS:
            try:
                unit = Institution.objects.election_units().get(body=body, region_id=region)
            except Institution.DoesNotExist as missing:
                raise CommandError(
                    "Unit pemilu belum ada. Jalankan dulu: python manage.py load_reference_data"
                ) from missing
            user, _created = User.objects.get_or_create(username=username)
            user.is_staff, user.is_superuser = True, superuser
            user.set_password(DEMO_PASSWORD)
            user.save()
            StaffProfile.objects.update_or_create(user=user, defaults={"unit": unit, "role": role})
            self.stdout.write(f"  {username:<28} {unit} ({role.label})")
        self.stdout.write(
            self.style.SUCCESS(
                f"Akun demo siap: masuk ke /admin/ sebagai 'admin' dengan kata sandi "
                f"'{DEMO_PASSWORD}'."
            )
        )
