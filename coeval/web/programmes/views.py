from django.shortcuts import render

from coeval.web.core.decorators import permission_required
from coeval.web.core.permissions import Permission
from coeval.web.programmes.services import programmes_visible_to


@permission_required(Permission.SIGN_IN_PAGES)
def programme_list(request):
    return render(
        request,
        "programmes/programme_list.html",
        {"programmes": programmes_visible_to(request.user)},
    )
