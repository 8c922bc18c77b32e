from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from coeval.web.core.demo import DEMO_PASSWORD, DEMO_SEEDERS, DemoContext
from coeval.web.programmes.models import Programme


class Command(BaseCommand):
    help = "Fill an empty database with the demo programme, cohort, teams, data and transcripts."

    def handle(self, *args, **options):
        demo = DemoContext()
        if Programme.objects.exists():
            self.stdout.write("The demo data is already there.")
        else:
            with transaction.atomic():
                for path in DEMO_SEEDERS:
                    try:
                        seeder = import_string(path)
                    except ImportError:
                        continue
                    seeder(demo)
        from coeval.web.core.models import User

        self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD}):")
        for user in User.objects.filter(email__endswith="@demo.coeval.invalid").order_by("email"):
            roles = ", ".join(
                [r.get_role_display() for r in user.programme_roles.all()]
                + [
                    f"{m.get_role_display()} ({m.team.name})"
                    for m in user.team_memberships.select_related("team")
                ]
            )
            self.stdout.write(f"  {user.email:<45} {roles}")
