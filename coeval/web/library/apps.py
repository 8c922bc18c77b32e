from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "coeval.web.library"
    label = "library"
