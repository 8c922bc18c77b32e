from django.apps import AppConfig


class BriefsConfig(AppConfig):
    name = "coeval.web.briefs"
    label = "briefs"
