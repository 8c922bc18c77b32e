"""Read-side queries for programme pages (kept out of views)."""

from coeval.web.programmes.models import Programme, TeamMembership


def programmes_visible_to(user):
    from coeval.web.core.authorization import programmes_for

    return Programme.objects.filter(pk__in=programmes_for(user))


def home_page_part(user) -> dict:
    memberships = TeamMembership.objects.filter(user=user).select_related("team__cohort__programme")
    return {"my_memberships": list(memberships), "my_programmes": list(programmes_visible_to(user))}
