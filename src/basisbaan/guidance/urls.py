from django.urls import path

from basisbaan.guidance import views

app_name = "guidance"
urlpatterns = [
    path("", views.WeekView.as_view(), name="week"),
    path("norm/", views.NormView.as_view(), name="norm"),
    path("instellingen/<int:pk>/", views.GuidanceSettingsView.as_view(), name="settings"),
    path("perioden/", views.PeriodsView.as_view(), name="periods"),
    path("uren/", views.HoursListView.as_view(), name="hours"),
    path("import/", views.HoursImportView.as_view(), name="import"),
    path("import/<int:pk>/", views.HoursImportDetailView.as_view(), name="import_detail"),
    path("feedback/", views.CadenceView.as_view(), name="cadence"),
    path(
        "feedback/achterstallig/",
        views.CadenceView.as_view(overdue_only=True),
        name="overdue",
    ),
    path("feedback/sessies/", views.SessionListView.as_view(), name="sessions"),
    path("feedback/plannen/<int:pk>/", views.SessionPlanView.as_view(), name="session_plan"),
    path("feedback/<int:pk>/", views.SessionDetailView.as_view(), name="session"),
    path("feedback/<int:pk>/verslag/", views.SessionRecordView.as_view(), name="session_record"),
    path("feedback/<int:pk>/<str:what>/", views.SessionPostView.as_view(), name="session_post"),
    path("acties/<int:pk>/afgerond/", views.ActionDoneView.as_view(), name="action_done"),
    path("signalen/", views.SignalListView.as_view(), name="signals"),
    path("signalen/nieuw/", views.SignalCreateView.as_view(), name="signal_create"),
    path("signalen/<int:pk>/", views.SignalDetailView.as_view(), name="signal"),
    path("agenda/", views.FeedSettingsView.as_view(), name="feed_settings"),
    path("agenda/<str:token>.ics", views.FeedView.as_view(), name="feed"),
]
