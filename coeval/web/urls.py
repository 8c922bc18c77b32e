from django.contrib.auth import views as auth_views
from django.urls import include, path

from coeval.web.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("sign-in/", auth_views.LoginView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("coeval.web.core.urls")),
    path("programmes/", include("coeval.web.programmes.urls")),
    path("schedule/", include("coeval.web.curriculum.urls")),
    path("resources/", include("coeval.web.library.urls")),
    path("glossary/", include("coeval.web.glossary.urls")),
    path("people/", include("coeval.web.connections.urls")),
    path("workbook/", include("coeval.web.workbook.urls")),
    path("data/", include("coeval.web.datasets.urls")),
    path("briefs/", include("coeval.web.briefs.urls")),
    path("decisions/", include("coeval.web.decisions.urls")),
    path("qualitative/", include("coeval.web.qda.urls")),
    path("surveys/", include("coeval.web.surveys.urls")),
]
