from django.urls import path

from coeval.web.core import views

app_name = "core"
urlpatterns = [
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("account/password/", views.set_password, name="password"),
    path("audit/programmes/<int:programme_id>/", views.audit, name="audit"),
]
