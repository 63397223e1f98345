from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Realistic demo data for a first run, shared with the benchmark generators."""

    name = "sellerdesk.demo"
    label = "demo"
