from django.urls import reverse


def navigation(request):
    """Links for the header. Only what every signed-in person can use."""
    if not request.user.is_authenticated:
        return {"nav_links": []}
    links = [
        ("Home", reverse("home")),
        ("Programmes", reverse("programmes:list")),
        ("Schedule", reverse("curriculum:mine")),
        ("Glossary", reverse("glossary:index")),
        ("Resources", reverse("library:index")),
        ("People", reverse("connections:directory")),
        ("Notifications", reverse("workbook:inbox")),
    ]
    return {"nav_links": [{"label": label, "url": url} for label, url in links]}
