"""Template helpers available in every template (registered as builtins)."""

from django import template

from coeval.web.core.authorization import has_permission as _has_permission
from coeval.web.core.permissions import Permission
from coeval.web.core.roles import role_label as _role_label

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, permission_name, obj=None):
    """{% can "TEAM_EDIT" team as can_edit %}: the template face of has_permission."""
    request = context.get("request")
    if request is None:
        return False
    return _has_permission(request.user, Permission[permission_name], obj)


@register.filter
def role_label(key):
    return _role_label(key)


@register.filter
def date_boxes(field):
    """The day, month and year boxes of a field drawn with the NHS.UK date input."""
    return field.field.widget.parts(field.html_name, field.value(), field.auto_id)
