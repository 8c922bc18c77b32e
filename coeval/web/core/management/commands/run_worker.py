from django.core.management.base import BaseCommand

from coeval.web.core.tasks import run_next, work_forever


class Command(BaseCommand):
    help = "Run background tasks (analyses, PDF rendering) until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run the queued tasks, then stop.")
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, **options):
        if options["once"]:
            count = 0
            while run_next():
                count += 1
            if not options["quiet"]:
                self.stdout.write(f"Ran {count} task(s).")
            return
        if not options["quiet"]:
            self.stdout.write("Worker running. Press Ctrl+C to stop.")
        try:
            work_forever()
        except KeyboardInterrupt:
            pass
