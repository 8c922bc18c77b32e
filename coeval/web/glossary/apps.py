from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "coeval.web.glossary"
    label = "glossary"
