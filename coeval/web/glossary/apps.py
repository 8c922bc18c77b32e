from django.apps import AppConfig
from django.db.models.signals import post_save


def _new_programme_gets_the_glossary(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from coeval.web.glossary.actions import seed_programme_glossary

        seed_programme_glossary(instance)


class GlossaryConfig(AppConfig):
    name = "coeval.web.glossary"
    label = "glossary"

    def ready(self):
        # Every new programme starts with the shared glossary, however it is created.
        post_save.connect(
            _new_programme_gets_the_glossary,
            sender="programmes.Programme",
            dispatch_uid="glossary-seed-new-programme",
        )
