from django.shortcuts import render

from coeval.web.core.decorators import permission_required
from coeval.web.core.permissions import Permission
from coeval.web.core.services import home_page_context


@permission_required(Permission.SIGN_IN_PAGES)
def home(request):
    return render(request, "core/home.html", home_page_context(request.user))
