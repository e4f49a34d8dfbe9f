from django.apps import AppConfig


class AcmeCrmConfig(AppConfig):
    name = "acme_crm"
