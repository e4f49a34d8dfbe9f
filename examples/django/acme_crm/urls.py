from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="index"),
    path("crm/sso-token", views.sso_token, name="sso-token"),
    path("crm/api/call-record/<str:uniqueid>", views.call_record, name="call-record"),
]
