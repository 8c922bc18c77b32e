"""What the home page shows. Each app adds its part through a small hook."""

from django.utils.module_loading import import_string

# Each entry is a function(user) -> dict merged into the home page's context.
HOME_PAGE_PARTS = [
    "coeval.web.programmes.services.home_page_part",
]


def home_page_context(user) -> dict:
    context: dict = {}
    for path in HOME_PAGE_PARTS:
        try:
            part = import_string(path)
        except ImportError:
            continue
        context.update(part(user))
    return context
