from django.apps import AppConfig


class WorkbookConfig(AppConfig):
    name = "coeval.web.workbook"
    label = "workbook"
