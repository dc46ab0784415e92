"""The research pages' shared navigation, the study page's summary, the paged code
overview, the saturation threshold as a plain percentage and the co-occurrence pairs."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from django.urls import reverse
from django.utils.html import escape

from basisbaan.research import analysis
from basisbaan.research.models import Coding
from basisbaan.research.views.coding import FRAGMENTS_PER_PAGE, top_pairs
from tests.research.conftest_coding import Coded, coded_fixture  # noqa: F401
from tests.research.factories import ConsentFactory

pytestmark = pytest.mark.django_db


def _subnav(html: str) -> str:
    match = re.search(r'<nav class="rs-subnav".*?</nav>', html, re.S)
    assert match
    return match.group(0)


def test_every_study_page_has_the_secondary_nav_with_the_current_page(
    coded: Coded, researcher, client_as
) -> None:
    client = client_as(researcher)
    study = coded.study
    html = client.get(reverse("research:codebook", args=[study.pk])).content.decode()
    nav = _subnav(html)
    assert 'aria-label="Onderdelen van dit onderzoek"' in nav
    labels = re.findall(r'class="rs-subnav__link"[^>]*>([^<]+)</a>', nav)
    assert labels == [
        "Overzicht",
        "Respondenten",
        "Gesprekken",
        "Codeboek",
        "Samen voorkomen",
        "Per soort respondent",
        "Citaten",
        "Verzadiging",
        "Uitwisselen",
    ]
    assert re.findall(r'aria-current="(\w+)">([^<]+)<', nav) == [("page", "Codeboek")]
    # The breadcrumbs: Onderzoek › the study (a link) › the page.
    assert f'<a href="{reverse("research:detail", args=[study.pk])}">{study.title}</a>' in html
    assert '<span aria-current="page">Codeboek</span>' in html
    # A page below a part marks that part as its section.
    html = client.get(reverse("research:code", args=[coded.w.pk])).content.decode()
    assert re.findall(r'aria-current="(\w+)">([^<]+)<', _subnav(html)) == [("true", "Codeboek")]
    html = client.get(reverse("research:transcript", args=[coded.t1.pk])).content.decode()
    assert re.findall(r'aria-current="(\w+)">([^<]+)<', _subnav(html)) == [("true", "Gesprekken")]
    html = client.get(reverse("research:respondents", args=[study.pk])).content.decode()
    assert re.findall(r'aria-current="(\w+)">([^<]+)<', _subnav(html)) == [("page", "Respondenten")]


def test_study_page_shows_the_saturation_verdict_and_the_withdrawals(
    coded: Coded, researcher, client_as
) -> None:
    ConsentFactory(
        respondent=coded.r3, withdrawn_on=dt.date(2025, 4, 1), withdrawal="keep_unlinked"
    )
    html = client_as(researcher).get(reverse("research:detail", args=[coded.study.pk]))
    text = html.content.decode()
    assert "Toestemming ingetrokken: 1 respondent." in text
    saturation = analysis.saturation_summary(
        municipality=coded.study.municipality, study=coded.study
    )
    assert escape(saturation.guest_text()) in text
    assert escape(saturation.francis_text()) in text
    assert "Nog niet bereikt" in text
    assert f'href="{reverse("research:saturation", args=[coded.study.pk])}"' in text
    assert text.count('<li><a href="/onderzoek/') >= 8  # the parts as cards


def test_code_overview_shows_a_page_of_fragments(
    coded: Coded, researcher, client_as, django_assert_max_num_queries
) -> None:
    for n in range(FRAGMENTS_PER_PAGE + 4):  # with t1w, t2w and t4w: 107 fragments
        Coding.objects.create(
            municipality=coded.study.municipality,
            transcript=coded.t3,
            code=coded.w,
            start=n % 20,
            end=n % 20 + 3,
        )
    client = client_as(researcher)
    url = reverse("research:code", args=[coded.w.pk])
    with django_assert_max_num_queries(20):
        first = client.get(url).content.decode()
    assert first.count('<li class="rc-fragment">') == 100
    assert "107 fragmenten in 4 gesprek(ken)." in first
    assert "Hieronder 1 tot en met 100" in first
    assert "Pagina 1 van 2" in first
    second = client.get(url + "?page=2").content.decode()
    assert second.count('<li class="rc-fragment">') == 7
    assert '<ol class="rc-fragments" start="101">' in second
    # In the order the conversations were held: t4 (20-03) last.
    assert second.rindex(f"/onderzoek/transcript/{coded.t4.pk}/") > second.rindex(
        f"/onderzoek/transcript/{coded.t3.pk}/"
    )
    with_sub = client.get(url + "?sub=1&page=2").content.decode()
    assert "sub=1&amp;page=1" in with_sub  # the pages keep the sub-codes


@pytest.mark.parametrize(
    ("stored", "shown"),
    [(Decimal("0.050"), "5"), (Decimal("0.025"), "2,5"), (Decimal("0.100"), "10")],
)
def test_saturation_threshold_is_shown_without_trailing_zeros(
    coded: Coded, researcher, client_as, stored, shown
) -> None:
    coded.study.guest_threshold = stored
    coded.study.save(update_fields=["guest_threshold"])
    html = client_as(researcher).get(reverse("research:saturation", args=[coded.study.pk]))
    assert re.search(
        rf'name="guest_threshold_percent" value="{re.escape(shown)}"', html.content.decode()
    )


@pytest.mark.parametrize(("typed", "stored"), [("5", "0.050"), ("5,0", "0.050"), ("2,5", "0.025")])
def test_saturation_threshold_accepts_plain_percentages(
    coded: Coded, researcher, client_as, typed, stored
) -> None:
    response = client_as(researcher).post(
        reverse("research:saturation", args=[coded.study.pk]),
        {
            "guest_base_size": "2",
            "guest_run_length": "1",
            "guest_threshold_percent": typed,
            "francis_initial": "1",
            "francis_stop": "1",
        },
    )
    assert response.status_code == 302
    coded.study.refresh_from_db()
    assert coded.study.guest_threshold == Decimal(stored)


def test_top_pairs_most_overlaps_first(coded: Coded) -> None:
    table = analysis.cooccurrence_table(municipality=coded.study.municipality, study=coded.study)
    pairs = [
        (p.first.code.name, p.second.code.name, p.overlaps, p.transcripts) for p in top_pairs(table)
    ]
    assert pairs == [
        ("Werk", "Structuur", 1, 1),
        ("Werk", "Collega's", 1, 1),
        ("Werk", "Geld", 0, 1),
        ("Structuur", "Geld", 0, 1),
        ("Geld", "Collega's", 0, 1),
    ]
