from django.urls import path

from basisbaan.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.IntakeOverviewView.as_view(), name="overview"),
    path("aanmelden/", views.ReferralCreateView.as_view(), name="refer"),
    path("deelnemers/<int:pk>/", views.DossierView.as_view(), name="dossier"),
    path("deelnemers/<int:pk>/aanmelding/", views.ReferralEditView.as_view(), name="referral"),
    path("deelnemers/<int:pk>/gesprek/", views.ConversationView.as_view(), name="conversation"),
    path("deelnemers/<int:pk>/besluit/", views.DecisionView.as_view(), name="decision"),
    path("deelnemers/<int:pk>/profiel/", views.ProfileView.as_view(), name="profile"),
    path(
        "deelnemers/<int:pk>/werkplekken/",
        views.ParticipantMatchesView.as_view(),
        name="participant_matches",
    ),
    path(
        "werkplekken/<int:pk>/kandidaten/",
        views.PositionMatchesView.as_view(),
        name="position_matches",
    ),
    path(
        "werkplekken/<int:pk>/profiel/",
        views.PositionProfileView.as_view(),
        name="position_profile",
    ),
    path("voorstellen/nieuw/", views.ProposalCreateView.as_view(), name="propose"),
    path("voorstellen/<int:pk>/", views.ProposalDetailView.as_view(), name="proposal"),
    path(
        "voorstellen/<int:pk>/plaatsen/", views.ProposalPlaceView.as_view(), name="proposal_place"
    ),
    path(
        "voorstellen/<int:pk>/intrekken/",
        views.ProposalWithdrawView.as_view(),
        name="proposal_withdraw",
    ),
    path("programmas/<int:pk>/criteria/", views.CriteriaView.as_view(), name="criteria"),
]
