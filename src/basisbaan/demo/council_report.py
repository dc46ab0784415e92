"""The demo's council reports: Leeuwarden's raadsinformatiebrief of June 2025 (the seed
letter) as a final report, and the draft of the next one that the letter promises
for December 2025.

The texts are the letter's, section by section (``reports.constants.SECTIONS``),
with fields where the letter gives a number the system counts (``{aantal_deelnemers}``,
``{aantal_met_lks}``); its footnotes are sentences in the text. They are content in
the municipality's language, not interface text. The amounts of money stay as the
letter writes them (no field gives an amount); the report's tables show the
system's figures beside them.

The final report's figures are what the system computed on 30-06-2025: the loader
computes them on Leeuwarden loaded as of that day, before it loads the rest of the
story (``basisbaan.demo.loader``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from basisbaan.demo.data import LETTER_DATE, USERS
from basisbaan.demo.story import noon
from basisbaan.programmes.models import Programme
from basisbaan.reports.models import CouncilReport
from basisbaan.reports.services import published_figures, report_create, report_finalise
from basisbaan.tenancy.models import User
from basisbaan.tenancy.roles import Role

__all__ = [
    "LETTER_PERIOD_START",
    "LETTER_TEXTS",
    "LETTER_TITLE",
    "NEXT_PERIOD_END",
    "NEXT_PERIOD_START",
    "NEXT_TITLE",
    "letter_figures",
    "load_council_reports",
]

LETTER_TITLE = "Voortgang basisbanen – raadsinformatiebrief juni 2025"
LETTER_PERIOD_START = dt.date(2025, 1, 1)
NEXT_TITLE = "Voortgang basisbanen – december 2025"
NEXT_PERIOD_START = dt.date(2025, 7, 1)
NEXT_PERIOD_END = dt.date(2025, 12, 31)

LETTER_TEXTS: dict[str, str] = {
    "opening": (
        "Op 11 december 2024 is de opzet van het onderzoek naar basisbanen in de gemeente "
        "Leeuwarden met u gedeeld. Wij hebben u tijdens een informerende sessie op 27 maart "
        "2025 toegezegd u over de uitkomsten van het onderzoek naar de basisbanen te "
        "informeren. Het onderzoek is uitgevoerd in samenwerking met het lectoraat Mens, Werk "
        "en Organisatie van de NHL Stenden, en is inmiddels afgerond. Het onderzoek richtte "
        "zich op de effectiviteit en (maatschappelijke) meerwaarde van basisbanen in de "
        "gemeente Leeuwarden. Er zijn interviews afgenomen onder de deelnemers aan de "
        "basisbaan, werkgevers en jobcoaches onder leiding van mevrouw J. Rietveld, lector "
        "Mens, Werk en Organisatie. U ontvangt het rapport als bijlage bij deze brief."
    ),
    "background": (
        "De Leeuwarder basisbaan komt voort uit het coalitieakkoord “Gemeente Leeuwarden "
        "2022-2026” en de Beleidsregels Participatie 2024, waarin het versterken van "
        "arbeidsparticipatie voor kwetsbare groepen centraal staat. De pilot beoogt het "
        "bieden van zinvolle werkgelegenheid aan inwoners met een langdurende afstand tot "
        "de arbeidsmarkt, met als doel hun bestaanszekerheid en de participatie in de "
        "samenleving te vergroten. Inmiddels zijn er {aantal_deelnemers} deelnemers aan de "
        "basisbaan aan het werk in de gemeente Leeuwarden.\n\n"
        "Ondanks bestaande arbeidsmarktmaatregelen blijft er een aanzienlijke groep inwoners "
        "langdurig werkloos. De basisbaan wordt gezien als een potentieel effectieve "
        "maatregel om deze groep te activeren, hun maatschappelijke betrokkenheid te "
        "vergroten en hen te ondersteunen in de overgang naar werk. De basisbanen zijn een "
        "pilot, gestart in 2023, eindigend in 2026. In het Beleidskader Participatie "
        "benoemen we in de volle breedte hoe we als gemeente participatie van onze inwoners "
        "willen bevorderen (Beleidskader Participatie, Gemeente Leeuwarden, 2025).\n\n"
        "Een basisbaan is een middel binnen arbeidsmarktbeleid dat gericht is op het bieden "
        "van werkgelegenheid aan mensen die anders moeilijk aan een baan kunnen komen. Het "
        "doel van dit middel is tweeledig:\n\n"
        "- Inclusiviteit: het primaire doel van een basisbaan is het bevorderen van een "
        "inclusieve arbeidsmarkt. Dit betekent dat iedereen, ongeacht hun achtergrond of "
        "vaardigheden, de kans krijgt om deel te nemen aan de arbeidsmarkt (bron: “Basisbaan "
        "in Nederland? Een vooronderzoek”, Innovatief in Werk, 2019).\n"
        "- Maatschappelijk nut: basisbanen zijn vaak gericht op maatschappelijk nuttige "
        "taken zoals ondersteuning in de zorg, onderwijs, bibliotheken, sportverenigingen en "
        "het onderhoud van de openbare ruimte (bron: “De basisbaan”, Wetenschappelijk Bureau "
        "GroenLinks, najaar 2019).\n\n"
        "Deze aanpak weerspiegelt de ambitie van de gemeente Leeuwarden om zowel "
        "arbeidsparticipatie als maatschappelijke betrokkenheid te stimuleren, waarbij "
        "maatwerk en persoonlijke ontwikkeling centraal staan."
    ),
    "region": (
        "In Noord-Nederland werken meerdere gemeenten aan een vorm van de basisbaan. Zo werkt "
        "de gemeente Groningen toe naar een realisatie van 250 basisbanen. Hier is de "
        "basisbaan structureel onderdeel van het arbeidsmarktbeleid en vormt het een "
        "belangrijk onderdeel als ‘sluitpost’ van het instrumentarium. De Hanzehogeschool "
        "heeft een onderzoek uitgevoerd naar de basisbanen in Groningen, dat ook is "
        "meegenomen in het onderzoek in de gemeente Leeuwarden. In Emmen zijn 50 basisbanen "
        "gerealiseerd. We werken in toenemende mate samen om kennis en ervaring uit te "
        "wisselen en daar waar mogelijk samenwerkingen aan te gaan. Zo verkennen we "
        "gezamenlijk het aanwenden van Europese ESF-middelen om de basisbaan gedeeltelijk te "
        "kunnen financieren. Ook volgen we landelijke ontwikkelingen, zoals het vervolg op de "
        "commissie Borstlap en kennisuitwisseling binnen de G40, op de voet."
    ),
    "state": (
        "Na de implementatiefase is het project nu in volle gang. Op dit moment zijn er "
        "{aantal_deelnemers} mensen werkzaam in een basisbaan, waarvan {aantal_met_lks} met "
        "loonkostensubsidie. Op dit moment worden geen nieuwe deelnemers aan de basisbaan "
        "geplaatst, om budgettaire redenen. We zien namelijk dat "
        "de loonkosten tijdens de pilot sterk gestegen zijn en er meer begeleiding per "
        "deelnemer nodig is dan voorzien.\n\n"
        "Het project kent een tweeledige aanpak: enerzijds worden deelnemers geplaatst bij "
        "werkgevers waar doorstroom naar regulier werk mogelijk is, anderzijds zijn er "
        "plaatsingen bij wijkteams die vooral maatschappelijke waarde creëren. Door de "
        "positieve ontwikkeling en inbedding van het project, wordt vanuit het "
        "onderzoeksrapport aangegeven dat de basisbanen meerwaarde hebben, met hierbij de "
        "overweging om de basisbaan op te nemen in het reguliere dienstverleningspakket van "
        "de gemeente."
    ),
    "work": (
        "Vanuit de opgedane ervaringen zijn er verschillende verbeteringen doorgevoerd. Zo "
        "worden contracten nu flexibeler ingericht met twee periodes van een half jaar, in "
        "plaats van direct een tweejarig contract. Ook wordt onderzocht of centralisatie van "
        "de basisbanen bij één partij mogelijk is. De begeleiding wordt geoptimaliseerd met "
        "het aanwijzen van één vast aanspreekpunt voor zowel consultatie als jobcoaching. Ook "
        "is de voorlichting over financiële aspecten aan de deelnemers aan de basisbaan "
        "uitgebreid."
    ),
    "finances": (
        "Voor de uitvoering van basisbanen is over de periode 2023-2026 jaarlijks een budget "
        "van € 500.000,- beschikbaar. Het budget basisbanen valt in het taakveld "
        "Arbeidsparticipatie en onder het programma Bestaanszekerheid. De bestemming van deze "
        "middelen ziet op het compenseren van de verloningskosten en (beperkte) "
        "monitoringskosten die Caparis maakt. Enige uitzondering hierop zijn de incidentele "
        "onderzoekskosten van NHL Stenden geweest ad € 14.000,-, die op het jaar 2024 zijn "
        "geboekt. De (inhoudelijke) begeleiding van deelnemers aan de basisbaan is tot heden "
        "verricht door jobcoaches en consulenten van de gemeente. De gemiddelde omvang van de "
        "gemeentelijke begeleiding van deelnemers is 200 uren per jaar per klant geweest.\n\n"
        "2023. Het jaar 2023 stond in het teken van voorbereidingen op de uitvoering. Er zijn "
        "dat jaar nog geen deelnemers in een basisbaan ingestroomd. Het niet uitgegeven budget "
        "2023 is ten gunste van het rekeningresultaat gekomen, en gemeld in het jaarverslag "
        "over dat jaar.\n\n"
        "2024. De instroom van deelnemers startte in de tweede helft van dit jaar. Van het "
        "budget is € 14.000,- uitgegeven aan het onderzoek van NHL Stenden en € 162.000,- aan "
        "kosten van basisbanen. Gelijk aan 2023 is het saldo van de niet bestede middelen ad "
        "€ 324.000,- ten gunste van het rekeningresultaat 2024 gekomen."
    ),
    "forecasts": (
        "De verwachting is dat alle huidige contracten verlengd zullen worden, met het effect "
        "dat het volledige beschikbare budget uitgenut zal worden. De kosten van "
        "gemeentelijke begeleiding zullen als gevolg van een efficiencyslag dalen."
    ),
    "research": (
        "Het onderzoek is uitgevoerd vanuit het perspectief van de deelnemers, werkgevers en "
        "de gemeente. In maart en april 2025 zijn hiervoor 21 interviews met deelnemers en "
        "werkgevers afgenomen, evenals focusgroepen met consulenten. Om de kwaliteit van het "
        "onderzoek te waarborgen, zijn de interviewvragen gebaseerd op een literatuurstudie "
        "naar de succes- en faalfactoren van arbeidsbemiddeling voor mensen met een afstand "
        "tot de arbeidsmarkt. De dataverzameling is gestopt toen een volledig en gedetailleerd "
        "beeld was verkregen en verdere data geen nieuwe informatie meer opleverde "
        "(saturatie). Voor de interviews met de deelnemers zijn schriftelijk "
        "toestemmingsformulieren door de betrokkenen ondertekend. De gesprekken zijn met "
        "toestemming van de respondenten opgenomen en (anoniem) getranscribeerd. De relatief "
        "kleine populatie deelnemers vormde een uitdaging in het trekken van conclusies, maar "
        "leverde door bovengenoemde ‘saturatie’ wel valide data op.\n\n"
        "De uitkomsten van het onderzoek. De bevindingen benadrukken het potentieel van "
        "basisbanen om sociale cohesie, financiële zelfstandigheid en een verbeterde "
        "leefomgeving te bevorderen, en onderstrepen de behoefte aan verdere investeringen. De "
        "impact op de uitstroom uit de bijstand varieert afhankelijk van de definitie van de "
        "basisbaan. Als basisbanen alleen bedoeld zijn voor doorstroom naar regulier werk, is "
        "de impact beperkter. Echter, wanneer basisbanen ook als eindbaan kunnen dienen, is de "
        "motivatie om uit de bijstand te blijven groot, vooral door de extra financiële ruimte "
        "en het versterken van de onafhankelijkheid van individuen."
    ),
    "next": (
        "Het college implementeert gedurende de looptijd van de pilot actief de conclusies uit "
        "het onderzoek en gaat over tot:\n\n"
        "- het opstellen van scherpere profielen;\n"
        "- het intensiveren van de samenwerking tussen partijen;\n"
        "- het regelmatiger organiseren van feedbacksessies.\n\n"
        "Het college nodigt u de komende periode uit voor een informatieve bijeenkomst waarin "
        "u dichter bij de praktijk wordt gebracht. Hier zullen jobcoaches, de deelnemers aan "
        "de basisbaan en werkgevers vertellen over hun praktijkervaringen. In december 2025 "
        "informeert het college u opnieuw over de voortgang van de basisbanen en de "
        "doorgevoerde aanpassingen op basis van dit onderzoek."
    ),
    "closing": (
        "Wij verwachten u met deze brief voldoende te hebben geïnformeerd.\n\n"
        "Hoogachtend,\n\n"
        "burgemeester en wethouders van Leeuwarden,\n\n"
        "de burgemeester,\n\n"
        "de secretaris."
    ),
}


def letter_figures(programme: Programme) -> dict[str, Any]:
    """The letter's report's figures as the system publishes them on 30-06-2025: call it
    on the programme as loaded as of that day."""
    report = CouncilReport(
        municipality_id=programme.municipality_id,
        programme=programme,
        title=LETTER_TITLE,
        as_of=LETTER_DATE,
        period_start=LETTER_PERIOD_START,
        period_end=LETTER_DATE,
    )
    return published_figures(report)


def _programme_manager(users: dict[str, User], slug: str) -> User:
    username = next(
        u.username for u in USERS if u.role == Role.PROGRAMME_MANAGER and u.municipality == slug
    )
    return users[username]


def load_council_reports(
    programme: Programme,
    users: dict[str, User],
    as_of: dt.date,
    figures: dict[str, Any] | None,
) -> list[CouncilReport]:
    """The letter's report, final (``figures``: computed on 30-06-2025; ``None`` when the
    demo is loaded as of that day, so they are computed now), and from July 2025 on a
    draft of the December 2025 report as of ``as_of`` or 31-12-2025, whichever is
    earlier, its texts the letter's. Made and finalised by the programme manager; the
    final version is dated on the letter's day (the audit log keeps the real moment)."""
    manager = _programme_manager(users, programme.municipality.slug)
    letter = report_create(
        programme=programme,
        actor=manager,
        title=LETTER_TITLE,
        as_of=LETTER_DATE,
        period_start=LETTER_PERIOD_START,
        period_end=LETTER_DATE,
        today=as_of,
        texts=LETTER_TEXTS,
    )
    letter = report_finalise(report=letter, actor=manager, figures=figures)
    CouncilReport.objects.filter(pk=letter.pk).update(finalised_at=noon(LETTER_DATE))
    letter.refresh_from_db()
    reports = [letter]
    if as_of >= NEXT_PERIOD_START:
        reports.append(
            report_create(
                programme=programme,
                actor=manager,
                title=NEXT_TITLE,
                as_of=min(as_of, NEXT_PERIOD_END),
                period_start=NEXT_PERIOD_START,
                period_end=NEXT_PERIOD_END,
                today=as_of,
            )
        )
    return reports
