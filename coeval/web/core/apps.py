from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "coeval.web.core"
    label = "core"
    verbose_name = "Core: people, permissions and the audit trail"
