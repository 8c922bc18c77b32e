from django.shortcuts import render

from coeval.web.core.decorators import permission_required
from coeval.web.core.permissions import Permission


@permission_required(Permission.SIGN_IN_PAGES)
def index(request):
    return render(request, "library/index.html", {})
