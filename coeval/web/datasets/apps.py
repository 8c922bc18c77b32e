from django.apps import AppConfig


class DatasetsConfig(AppConfig):
    name = "coeval.web.datasets"
    label = "datasets"
