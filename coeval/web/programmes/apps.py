from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "coeval.web.programmes"
    label = "programmes"
