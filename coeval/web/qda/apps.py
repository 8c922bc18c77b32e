from django.apps import AppConfig


class QdaConfig(AppConfig):
    name = "coeval.web.qda"
    label = "qda"
