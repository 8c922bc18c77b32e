"""Load the object a page is about, then check permission, in one decorator.

    @permission_required(Permission.TEAM_VIEW, load=load_team)
    def team_detail(request, team): ...

``load`` receives the URL keyword arguments and returns the context object (or
raises Http404). Anonymous visitors are sent to sign in; signed-in people
without the permission get a plain-language 403 page.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from coeval.web.core.authorization import has_permission
from coeval.web.core.permissions import Permission


def permission_required(permission: Permission, load=None):
    def decorator(view):
        @wraps(view)
        def wrapped(request, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            context = load(**kwargs) if load is not None else None
            if not has_permission(request.user, permission, context):
                raise PermissionDenied
            if load is None:
                return view(request, **kwargs)
            return view(request, context)

        wrapped.coeval_permission = permission
        return wrapped

    return decorator
