from django.shortcuts import render

from coeval.web.core.decorators import permission_required
from coeval.web.core.permissions import Permission


@permission_required(Permission.SIGN_IN_PAGES)
def directory(request):
    return render(request, "connections/directory.html", {})
