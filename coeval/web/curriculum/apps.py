from django.apps import AppConfig
from django.db.models.signals import post_save


def _new_programme_gets_the_template(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from coeval.web.curriculum.actions import ensure_template

        ensure_template(instance)


class CurriculumConfig(AppConfig):
    name = "coeval.web.curriculum"
    label = "curriculum"

    def ready(self):
        # Every new programme starts with the real programme's schedule as its template.
        post_save.connect(
            _new_programme_gets_the_template,
            sender="programmes.Programme",
            dispatch_uid="curriculum-template-new-programme",
        )
