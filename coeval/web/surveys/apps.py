from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "coeval.web.surveys"
    label = "surveys"
