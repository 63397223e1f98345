# Money reads better grouped: 13,451.11 CNY rather than 13451.11 CNY. Everything else as Django ships it.
from django.conf.locale.zh_Hans.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
