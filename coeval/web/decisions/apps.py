from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "coeval.web.decisions"
    label = "decisions"
