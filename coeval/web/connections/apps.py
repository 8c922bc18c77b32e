from django.apps import AppConfig


class ConnectionsConfig(AppConfig):
    name = "coeval.web.connections"
    label = "connections"
