from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    name = "coeval.web.curriculum"
    label = "curriculum"
