"""The demo study's data: Leeuwarden's evaluation of its basisbaan pilot in March
and April 2025, as the council letter of June 2025 describes it (21 interviews with
participants and employers, focus groups with the municipality's people, interviewing
until saturation, written consent, recorded and transcribed anonymously).

Every respondent, conversation and sentence here is invented. The transcripts are
already pseudonymised: people, organisations and places appear only as tags
([PERSOON-1], [WERKGEVER-1], [LOCATIE-1], [INSTELLING-1]), consistent within a
transcript. In a focus group the speakers are R1, R2, ... in the order of the
session's respondents.

The codebook follows the letter's themes: the two tracks (doorstroom and blijvend),
what the work means to participants, income and the half-year contracts, sharper
profiles and matching, the collaboration between employer, jobcoach and consulent,
and feedback sessions. Which codes each transcript holds is designed for saturation:
in the order the conversations were held, the new codes per interview are
8, 6, 5, 4, 3, 2, 2, 1, 2, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0 (40 in all); the
staff focus group adds one more (centralisation with one party). With the default
settings, Guest et al. reach saturation at interview 17 (window 15+2, 1 new code on
a base of 39: 2.6 %), and not before (every earlier run brings more than 5 %:
14+2 brings 2 on 38, 5.3 %); Francis 10+3 at interview 19. ``tests/demo/test_research_demo.py`` holds it
to that.

This module only describes the data; :mod:`basisbaan.demo.research` writes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from basisbaan.research.constants import RespondentKind, SessionKind

D = dt.date

STUDY_TITLE = "Evaluatie pilot basisbanen Leeuwarden"
STUDY_QUESTION = (
    "Wat is de effectiviteit en de (maatschappelijke) meerwaarde van basisbanen in de "
    "gemeente Leeuwarden, vanuit het perspectief van de deelnemers, de werkgevers en de "
    "gemeente? Welke succes- en faalfactoren zien zij, en wat betekent dat voor de twee "
    "sporen (doorstroom naar regulier werk en een blijvende basisbaan)?"
)
STUDY_ETHICAL_BASIS = (
    "Schriftelijke toestemming van iedere respondent na informatie (informatiebrief versie "
    "1.0); grondslag: toestemming (AVG artikel 6 lid 1 onder a). Gesprekken worden alleen "
    "met toestemming opgenomen en gepseudonimiseerd uitgewerkt; de opname wordt na het "
    "uitwerken verwijderd. Uitgevoerd met het lectoraat Mens, Werk en Organisatie van "
    "NHL Stenden."
)
PERIOD_START = D(2025, 3, 1)
PERIOD_END = D(2025, 4, 30)
LETTER_VERSION = "1.0"
INTERVIEWER = "onderzoeker"
# The participant who withdrew, and what happened to their material.
WITHDRAWN_CODE = "R09"
WITHDRAWN_ON = D(2025, 5, 12)
# Coding of a transcript is done this many days after the conversation.
CODING_DAYS = 7


# ---------------------------------------------------------------------------
# The codebook: themes and their sub-codes (key, name, description)
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class DemoCode:
    key: str
    name: str
    description: str


@dataclass(frozen=True)
class DemoTheme:
    key: str
    name: str
    description: str
    codes: tuple[DemoCode, ...]


C = DemoCode

CODEBOOK: tuple[DemoTheme, ...] = (
    DemoTheme(
        "sporen",
        "Twee sporen: doorstroom en blijvend",
        "Hoe respondenten het doel van de basisbaan zien: een opstap naar regulier werk of "
        "een blijvende baan met maatschappelijke waarde.",
        (
            C("doorstroom", "Doorstroom naar regulier werk", "Uitzicht op, of stappen naar, een gewone baan bij de werkgever of elders."),
            C("eindbaan", "Basisbaan als eindbaan", "De basisbaan als blijvend werk, niet als tussenstap."),
            C("spoor-onduidelijk", "Onduidelijkheid over het spoor", "De deelnemer of werkgever weet niet in welk spoor de plaatsing valt of wat daarna komt."),
            C("maatschappelijk", "Maatschappelijke waarde", "Wat het werk oplevert voor de buurt, de bewoners of de organisatie."),
            C("verwachting-doorstroom", "Verwachtingen over doorstroom", "Wat werkgevers en gemeente verwachten van doorstroom, en of dat reëel is."),
            C("loopbaanwens", "Loopbaanwensen", "Wat de deelnemer hierna wil: ander werk, meer uren, een vak leren."),
            C("terugval", "Angst voor terugval", "Zorg om terug te vallen in de bijstand of in oude problemen als de baan stopt."),
        ),
    ),
    DemoTheme(
        "betekenis",
        "Betekenis voor de deelnemer",
        "Wat het werk betekent voor het dagelijks leven en het welzijn van de deelnemer.",
        (
            C("structuur", "Structuur en dagritme", "Vaste tijden, een reden om op te staan, een week met houvast."),
            C("zelfvertrouwen", "Zelfvertrouwen", "Meer durven, zich zekerder voelen, zelf dingen regelen."),
            C("collegas", "Collega's en erbij horen", "Contact met collega's, deel zijn van een team."),
            C("trots", "Trots en erkenning", "Gezien en gewaardeerd worden, door de buurt, familie of werkgever."),
            C("gezondheid", "Gezondheid en belastbaarheid", "Lichamelijke en psychische gezondheid; wat iemand aankan."),
            C("reizen", "Reizen en vervoer", "Afstand, reistijd en reiskosten naar het werk."),
            C("zorgtaken", "Zorgtaken thuis", "Werk combineren met de zorg voor kinderen of familie."),
        ),
    ),
    DemoTheme(
        "inkomen",
        "Inkomen en contract",
        "Geld, regelingen en de vorm van het contract.",
        (
            C("besteedbaar", "Meer te besteden", "Meer inkomen dan in de bijstand, en wat dat mogelijk maakt."),
            C("toeslagen", "Toeslagen en armoedeval", "Gevolgen voor toeslagen en regelingen; meer verdienen maar weinig overhouden."),
            C("schulden", "Schulden", "Schulden, beslag en schuldhulp naast het werk."),
            C("voorlichting", "Voorlichting over financiën", "Uitleg vooraf over wat werken betekent voor inkomen en regelingen."),
            C("verlenging", "Halfjaarlijkse verlenging", "Contracten van een half jaar: onzekerheid en spanning rond de verlenging."),
            C("lks", "Loonkostensubsidie", "De loonkostensubsidie voor de werkgever: hoogte, loonwaarde en administratie."),
            C("uren", "Uren en rooster", "Het aantal uren per week en de werktijden."),
        ),
    ),
    DemoTheme(
        "profielen",
        "Profielen en matching",
        "Hoe deelnemers en plekken bij elkaar komen, en wat scherpere profielen vragen.",
        (
            C("profielen", "Scherpere profielen", "Wat een deelnemer kan en wil, en wat een plek vraagt, scherper vastleggen."),
            C("interesse", "Match op interesse en talent", "Plaatsen op wat iemand leuk vindt en goed kan."),
            C("mismatch", "Verkeerde match", "Een plaatsing die niet past, en wat daarvan te leren is."),
            C("kennismaking", "Kennismaking vooraf", "Een kennismakingsgesprek of meeloopdag voor de start."),
            C("vaardigheden", "Taal en vaardigheden", "Taalniveau, digitale en praktische vaardigheden."),
            C("wachtlijst", "Wachtlijst en instroomstop", "Het stoppen van de instroom en mensen die wachten op een plek."),
        ),
    ),
    DemoTheme(
        "samenwerking",
        "Samenwerking werkgever, jobcoach en consulent",
        "De driehoek rond de deelnemer: wie doet wat, en hoe ze elkaar bereiken.",
        (
            C("aanspreekpunt", "Vast aanspreekpunt", "Eén vaste persoon bij de gemeente voor werkgever en deelnemer."),
            C("werkvloer", "Begeleiding op de werkvloer", "De dagelijkse begeleiding door een collega of leidinggevende."),
            C("productiviteit", "Productiviteit en tijd van de werkgever", "Wat de deelnemer oplevert en wat de begeleiding de werkgever kost."),
            C("bereikbaarheid", "Bereikbaarheid jobcoach", "Hoe snel de jobcoach er is als er iets speelt."),
            C("rolverdeling", "Rolverdeling", "Wie waarvoor verantwoordelijk is: werkgever, jobcoach, consulent, verloner."),
            C("informatie", "Informatie-uitwisseling", "Wat partijen van elkaar weten en hoe ze informatie delen."),
            C("verloning", "Administratie en verloning", "Loonstroken, ziekmelden en contact met de verloner."),
        ),
    ),
    DemoTheme(
        "feedback",
        "Feedback en doorontwikkeling",
        "Feedbacksessies, signalen en de toekomst van de pilot.",
        (
            C("feedback-frequentie", "Frequentie feedbacksessies", "Hoe vaak werkgever, deelnemer en gemeente samen evalueren."),
            C("werkdruk", "Werkdruk begeleiders", "De tijd die begeleiding kost en de caseload van jobcoaches en consulenten."),
            C("scholing", "Ontwikkeling en scholing", "Cursussen, certificaten en leren op de werkplek."),
            C("signalen", "Signalen vroeg oppakken", "Problemen op tijd zien en bespreken, voordat het misgaat."),
            C("feedback-inhoud", "Inhoud van de feedback", "Wat er in een feedbacksessie besproken wordt en wat de deelnemer eraan heeft."),
            C("budget", "Budget en continuïteit", "De kosten van de pilot en wat er na 2026 gebeurt."),
            C("centralisatie", "Centralisatie bij één partij", "Het idee om alle basisbanen bij één organisatie onder te brengen."),
        ),
    ),
)  # fmt: skip


# ---------------------------------------------------------------------------
# Respondents: who they are, their consent, and their interview's order
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class DemoRespondent:
    code: str
    kind: RespondentKind
    description: str
    consent_on: dt.date
    # A demo participant (last name) or a demo host (name), per kind.
    participant: str = ""
    host: str = ""
    recording: bool = True
    quotes: bool = True
    linkage: bool = False


P = RespondentKind.PARTICIPANT
H = RespondentKind.HOST
S = RespondentKind.STAFF


def _p(
    code: str,
    last_name: str,
    day: int,
    *,
    quotes: bool = True,
    linkage: bool = True,
    recording: bool = True,
) -> DemoRespondent:
    return DemoRespondent(
        code,
        P,
        "deelnemer",
        D(2025, 3, day),
        participant=last_name,
        recording=recording,
        quotes=quotes,
        linkage=linkage,
    )


def _h(code: str, host: str, role: str, day: int, *, quotes: bool = True) -> DemoRespondent:
    return DemoRespondent(code, H, role, D(2025, 3, day), host=host, quotes=quotes)


RESPONDENTS: tuple[DemoRespondent, ...] = (
    _p("R01", "Bosma", 3),
    _h("R02", "Fryslân Groenonderhoud B.V.", "uitvoerder", 3),
    _p("R03", "Hoekstra", 4),
    DemoRespondent("R04", S, "consulent", D(2025, 3, 4)),
    _p("R05", "Yıldız", 4, quotes=False, linkage=False),
    _h("R06", "Wijkteam Leeuwarden-Oost", "coördinator wijkteam", 5),
    _p("R07", "Postma", 5),
    _h("R08", "Zorgcentrum De Hofstee", "leidinggevende facilitaire dienst", 5),
    _p("R09", "Meer", 5, linkage=False),  # withdrew in May 2025 (WITHDRAWN_CODE)
    _p("R10", "Haddou", 6),
    DemoRespondent("R11", S, "jobcoach", D(2025, 3, 6)),
    _p("R12", "Visser", 6),
    _h("R13", "Bibliotheek Leeuwarden-Oost", "teamleider publieksdienst", 6, quotes=False),
    _p("R14", "Wijnsma", 6, linkage=False, recording=False),
    _h("R15", "Sportvereniging Oostergo", "bestuurslid accommodatie", 7),
    _p("R16", "Dijkstra", 7, quotes=False, linkage=False),
    DemoRespondent("R17", S, "programmamanager", D(2025, 3, 7)),
    _p("R18", "Kuipers", 7),
    _h("R19", "Wijkteam Heechterp-Schieringen", "wijkwerker", 7),
    _p("R20", "Bakker", 7),
    _h("R21", "Buurthuis De Schakel", "beheerder buurthuis", 7),
    _p("R22", "Jansma", 7),
)  # fmt: skip


# ---------------------------------------------------------------------------
# Conversations: held on, minutes, respondents, transcript and its codings
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class DemoFragment:
    """A coded fragment: ``phrase`` is found in the transcript's text (the first
    occurrence); ``speaker`` is the respondent code in a focus group."""

    code: str
    phrase: str
    quote: bool = False
    speaker: str = ""


@dataclass(frozen=True)
class DemoSession:
    kind: SessionKind
    respondents: tuple[str, ...]
    held_on: dt.date
    minutes: int
    text: str
    fragments: tuple[DemoFragment, ...]


F = DemoFragment


def _interview(
    code: str, day: dt.date, minutes: int, lines: tuple[str, ...], *fragments: DemoFragment
) -> DemoSession:
    return DemoSession(
        SessionKind.INTERVIEW, (code,), day, minutes, "\n".join(lines) + "\n", fragments
    )


def _group(
    codes: tuple[str, ...], day: dt.date, minutes: int, lines: tuple[str, ...],
    *fragments: DemoFragment,
) -> DemoSession:  # fmt: skip
    return DemoSession(
        SessionKind.FOCUS_GROUP, codes, day, minutes, "\n".join(lines) + "\n", fragments
    )


SESSIONS: tuple[DemoSession, ...] = (
    _interview(
        "R01", D(2025, 3, 4), 48,
        (
            "I: Fijn dat u mee wilt doen. Kunt u vertellen wat u doet bij [WERKGEVER-1]?",
            "R: Ik ben buurtconciërge in [LOCATIE-1]. Ik doe kleine klussen, ik maak een praatje met mensen en als er iets is, dan meld ik dat bij het wijkteam.",
            "I: Wat is er voor u veranderd sinds u deze baan hebt?",
            "R: Ik sta weer op tijd op, elke ochtend om zeven uur. Dat ritme had ik jaren niet. Mensen in de buurt kennen me nu en groeten me op straat. Vroeger durfde ik niet eens te bellen naar een instantie, nu doe ik dat gewoon.",
            "I: Hoe gaat het met de collega's?",
            "R: Ik hoor erbij. Op maandag drinken we koffie met het hele team en dan wordt ook naar mij geluisterd.",
            "I: En financieel, merkt u verschil?",
            "R: Ik heb elke maand een paar honderd euro meer dan in de bijstand. Ik heb eindelijk een nieuwe fiets gekocht.",
            "I: Hoe komt u naar uw werk?",
            "R: Met die fiets, het is een kwartier. In de winter is dat wel zwaar, en een buskaart wordt niet vergoed.",
            "I: Uw contract loopt steeds een half jaar. Wat vindt u daarvan?",
            "R: Dat vind ik spannend. Elke keer denk ik: mag ik blijven of niet? Ik slaap er een paar weken slecht van als de verlenging eraan komt.",
            "I: Wilt u later ander werk zoeken?",
            "R: Eerlijk gezegd niet. Op mijn leeftijd wil ik dit gewoon blijven doen tot mijn pensioen. Dit is voor mij geen opstapje, dit is mijn baan.",
            "I: Dank u wel.",
        ),
        F("structuur", "Ik sta weer op tijd op, elke ochtend om zeven uur.", quote=True),
        F("structuur", "Dat ritme had ik jaren niet."),
        F("trots", "Mensen in de buurt kennen me nu en groeten me op straat."),
        F("zelfvertrouwen", "Vroeger durfde ik niet eens te bellen naar een instantie, nu doe ik dat gewoon.", quote=True),
        F("collegas", "Op maandag drinken we koffie met het hele team en dan wordt ook naar mij geluisterd."),
        F("besteedbaar", "Ik heb elke maand een paar honderd euro meer dan in de bijstand."),
        F("reizen", "In de winter is dat wel zwaar, en een buskaart wordt niet vergoed."),
        F("verlenging", "Ik slaap er een paar weken slecht van als de verlenging eraan komt.", quote=True),
        F("eindbaan", "Dit is voor mij geen opstapje, dit is mijn baan.", quote=True),
    ),
    _interview(
        "R02", D(2025, 3, 6), 55,
        (
            "I: U begeleidt bij [WERKGEVER-1] een paar deelnemers. Hoe gaat dat?",
            "R: Wisselend. Ik heb drie mensen in mijn ploeg en met twee gaat het prima. De eerste weken kost het me echt een uur per dag extra, uitleggen, voordoen, even terugkomen.",
            "I: Wat levert het u op?",
            "R: Na een paar maanden draaien ze gewoon mee. Eerlijk is eerlijk: zonder de loonkostensubsidie had ik het niet gedaan, de eerste maanden haal je die productie niet.",
            "I: Hoe ziet u de toekomst van deze mensen?",
            "R: Eén van hen kan hier gewoon in dienst, dat zie ik nu al. Die gaat over een tijdje een vast contract bij ons krijgen als het zo doorgaat. Maar de gemeente moet niet denken dat iedereen na een jaar doorstroomt. Voor sommigen is dit het hoogst haalbare, en dat is ook prima.",
            "I: Hoe verloopt het contact met de gemeente?",
            "R: In het begin wist ik niet wie ik moest bellen. Nu heb ik [PERSOON-1] als vast aanspreekpunt en dat scheelt enorm.",
            "I: Wat doet u zelf aan begeleiding?",
            "R: Ik zet ze naast een ervaren collega, [PERSOON-2]. Die neemt ze mee in de wagen en legt alles uit. Dat werkt beter dan een map met instructies.",
            "I: Nog iets wat u kwijt wilt?",
            "R: Ze hebben vaste tijden nodig. Wie om zeven uur begint, moet weten dat de ploeg om zeven uur vertrekt.",
        ),
        F("productiviteit", "De eerste weken kost het me echt een uur per dag extra, uitleggen, voordoen, even terugkomen.", quote=True),
        F("lks", "zonder de loonkostensubsidie had ik het niet gedaan, de eerste maanden haal je die productie niet.", quote=True),
        F("doorstroom", "Eén van hen kan hier gewoon in dienst, dat zie ik nu al."),
        F("verwachting-doorstroom", "Maar de gemeente moet niet denken dat iedereen na een jaar doorstroomt.", quote=True),
        F("aanspreekpunt", "Nu heb ik [PERSOON-1] als vast aanspreekpunt en dat scheelt enorm."),
        F("werkvloer", "Ik zet ze naast een ervaren collega, [PERSOON-2]. Die neemt ze mee in de wagen en legt alles uit."),
        F("structuur", "Ze hebben vaste tijden nodig."),
    ),
    _interview(
        "R03", D(2025, 3, 7), 52,
        (
            "I: U werkt bij de facilitaire dienst van [WERKGEVER-1]. Hoe bevalt het?",
            "R: Goed. Ik doe het linnen, de post en boodschappen voor bewoners. Mijn collega's zijn heel aardig, ze vragen ook hoe het thuis gaat.",
            "I: Hoe gaat het thuis, met werk erbij?",
            "R: Ik ben alleen met twee kinderen. Ik werk alleen onder schooltijd, anders lukt het niet. Als er eentje ziek is, moet ik meteen bellen en dat vind ik lastig.",
            "I: En uw gezondheid?",
            "R: Mijn rug speelt soms op. De eerste maand was ik 's avonds echt kapot, nu gaat het beter.",
            "I: Merkt u het in uw portemonnee?",
            "R: Minder dan ik dacht. Mijn huurtoeslag ging omlaag en toen moest ik ook nog terugbetalen. Niemand had me dat van tevoren uitgelegd. Dat had ik graag eerder geweten, dan had ik het kunnen regelen.",
            "I: Wat als de basisbaan stopt?",
            "R: Daar ben ik bang voor. Ik wil echt niet terug naar de bijstand, dan zit ik weer thuis met alle zorgen.",
            "I: En het contract van een half jaar?",
            "R: Bij de vorige verlenging hoorde ik het pas twee weken van tevoren. Dat is te kort als je kinderen hebt.",
        ),
        F("collegas", "Mijn collega's zijn heel aardig, ze vragen ook hoe het thuis gaat."),
        F("zorgtaken", "Ik werk alleen onder schooltijd, anders lukt het niet."),
        F("gezondheid", "De eerste maand was ik 's avonds echt kapot, nu gaat het beter."),
        F("toeslagen", "Mijn huurtoeslag ging omlaag en toen moest ik ook nog terugbetalen.", quote=True),
        F("voorlichting", "Niemand had me dat van tevoren uitgelegd.", quote=True),
        F("terugval", "Ik wil echt niet terug naar de bijstand, dan zit ik weer thuis met alle zorgen.", quote=True),
        F("verlenging", "Bij de vorige verlenging hoorde ik het pas twee weken van tevoren."),
    ),
    _interview(
        "R04", D(2025, 3, 11), 62,
        (
            "I: U bent consulent. Hoe komen deelnemers bij een basisbaan terecht?",
            "R: Wij kennen onze klanten vaak al jaren. Maar bij de eerste plaatsingen hadden we eigenlijk alleen een cv en een gevoel. We moeten veel scherper vastleggen wat iemand kan en wat een werkplek vraagt.",
            "I: Waar kijkt u nu naar bij het matchen?",
            "R: Naar wat iemand leuk vindt. Iemand die graag buiten is, zet je niet achter een balie. Als het werk bij iemand past, blijft hij ook als het even tegenzit.",
            "I: Hoe houdt u contact tijdens de plaatsing?",
            "R: Sinds kort is er één vast aanspreekpunt per werkgever, dat werkt. Maar de feedbacksessies met werkgever en deelnemer samen schieten er nog weleens bij in. Eigenlijk zouden we die elke zes weken moeten houden.",
            "I: Waarom lukt dat niet altijd?",
            "R: Tijd. Ik heb naast de basisbanen een volle caseload. Een deelnemer in een basisbaan kost me veel meer uren dan we hadden gedacht.",
            "I: Ziet u deelnemers doorstromen?",
            "R: Een paar, bij de groenwerkgever vooral. Bij de wijkteams is dat ook niet het doel.",
        ),
        F("profielen", "We moeten veel scherper vastleggen wat iemand kan en wat een werkplek vraagt.", quote=True),
        F("interesse", "Iemand die graag buiten is, zet je niet achter een balie."),
        F("interesse", "Als het werk bij iemand past, blijft hij ook als het even tegenzit."),
        F("aanspreekpunt", "Sinds kort is er één vast aanspreekpunt per werkgever, dat werkt."),
        F("feedback-frequentie", "Eigenlijk zouden we die elke zes weken moeten houden.", quote=True),
        F("werkdruk", "Een deelnemer in een basisbaan kost me veel meer uren dan we hadden gedacht.", quote=True),
        F("doorstroom", "Een paar, bij de groenwerkgever vooral."),
    ),
    _interview(
        "R05", D(2025, 3, 12), 41,
        (
            "I: U werkt bij [WERKGEVER-1]. Wat doet u daar?",
            "R: Velden onderhouden, kleedkamers schoonmaken, de kantine. Het is fysiek, maar dat vind ik niet erg.",
            "I: Weet u wat de bedoeling is na de basisbaan?",
            "R: Nee, dat weet ik eigenlijk niet. De ene keer hoor ik dat ik moet doorstromen, de andere keer dat ik kan blijven. Niemand heeft me gezegd wat het nu is.",
            "I: Hoe gaat het thuis?",
            "R: Mijn vrouw werkt ook en we hebben drie kinderen. Op woensdag moet ik vroeg weg om de kleine op te halen. Dat kan nu, maar ik weet niet hoe lang nog.",
            "I: En met geld?",
            "R: We hebben nog schulden van vroeger. Er gaat elke maand een deel naar de bewindvoerder, dus van het extra loon merk ik weinig.",
            "I: Hoe komt u op uw werk?",
            "R: Met de bus en dan lopen, drie kwartier in totaal.",
            "I: Als er iets is, wie belt u dan?",
            "R: De jobcoach, [PERSOON-1]. Maar die is vaak niet bereikbaar, dan spreek ik wat in en hoor ik pas na een paar dagen iets.",
            "I: En het contract van een half jaar?",
            "R: Dat maakt het onrustig. Je kunt niks plannen.",
        ),
        F("spoor-onduidelijk", "De ene keer hoor ik dat ik moet doorstromen, de andere keer dat ik kan blijven."),
        F("zorgtaken", "Op woensdag moet ik vroeg weg om de kleine op te halen."),
        F("schulden", "Er gaat elke maand een deel naar de bewindvoerder, dus van het extra loon merk ik weinig."),
        F("reizen", "Met de bus en dan lopen, drie kwartier in totaal."),
        F("bereikbaarheid", "Maar die is vaak niet bereikbaar, dan spreek ik wat in en hoor ik pas na een paar dagen iets."),
        F("verlenging", "Dat maakt het onrustig. Je kunt niks plannen."),
    ),
    _interview(
        "R06", D(2025, 3, 14), 50,
        (
            "I: Het wijkteam heeft buurtconciërges. Wat betekenen zij voor de wijk?",
            "R: Heel veel. Ze zien dingen die wij missen: een oudere die de gordijnen dicht houdt, een kapotte lamp in een portiek. Bewoners vertellen hun dingen die ze ons nooit zouden vertellen.",
            "I: Wie begeleidt hen op het werk?",
            "R: Een van onze wijkwerkers, [PERSOON-1]. Die heeft elke ochtend een kort overleg met ze en is de hele dag bereikbaar.",
            "I: Is het duidelijk wie wat doet?",
            "R: Niet altijd. Bij een probleem thuis belt de deelnemer ons, terwijl dat eigenlijk bij de consulent hoort. Wij zijn geen hulpverleners voor onze eigen collega's.",
            "I: Moeten zij doorstromen, volgens u?",
            "R: Hier is het werk het doel. Als iemand hier jaren met plezier werkt, is dat voor de wijk ook winst.",
            "I: Hoe vaak evalueert u samen met de gemeente?",
            "R: Te weinig. Eén keer in het afgelopen halfjaar.",
            "I: Is er nog iets wat u de gemeente wilt meegeven?",
            "R: Houd dit vast. Onze bewoners zijn eraan gewend geraakt dat er iemand is, en dat vertrouwen bouw je niet zomaar opnieuw op.",
        ),
        F("maatschappelijk", "Ze zien dingen die wij missen: een oudere die de gordijnen dicht houdt, een kapotte lamp in een portiek.", quote=True),
        F("maatschappelijk", "Bewoners vertellen hun dingen die ze ons nooit zouden vertellen."),
        F("werkvloer", "Die heeft elke ochtend een kort overleg met ze en is de hele dag bereikbaar."),
        F("rolverdeling", "Bij een probleem thuis belt de deelnemer ons, terwijl dat eigenlijk bij de consulent hoort.", quote=True),
        F("eindbaan", "Als iemand hier jaren met plezier werkt, is dat voor de wijk ook winst."),
        F("feedback-frequentie", "Te weinig. Eén keer in het afgelopen halfjaar."),
    ),
    _interview(
        "R07", D(2025, 3, 18), 44,
        (
            "I: U bent een van de jongere deelnemers. Hoe bent u hier gekomen?",
            "R: Via mijn consulent. Ik zat al een paar jaar thuis en wilde gewoon iets doen.",
            "I: Wat doet u bij [WERKGEVER-1]?",
            "R: Onderhoud van de accommodatie, materiaal, soms de kantine. De vrijwilligers zijn echt gezellig, ik ben vaak ook in het weekend op het complex.",
            "I: Wat wilt u hierna?",
            "R: Ik wil later iets in de techniek, installatiewerk misschien. Dit is voor mij een begin, geen eindpunt.",
            "I: Kunt u daar hier iets voor leren?",
            "R: Ik mag binnenkort een cursus veilig werken volgen. Daar krijg ik een certificaat voor en dat helpt als ik ergens anders solliciteer.",
            "I: Merkt u het financieel?",
            "R: Ja, ik kan nu zelf mijn telefoon en mijn sportabonnement betalen. Dat voelt goed.",
            "I: Hoe is het contact met de begeleiding vanuit de gemeente?",
            "R: Prima. Ik zie de jobcoach één keer per maand, dan bespreken we hoe het gaat. Als ik iets wil vragen, stuur ik een appje en dan hoor ik het meestal dezelfde dag.",
            "I: Dank u wel voor het gesprek.",
        ),
        F("collegas", "De vrijwilligers zijn echt gezellig, ik ben vaak ook in het weekend op het complex."),
        F("loopbaanwens", "Ik wil later iets in de techniek, installatiewerk misschien."),
        F("doorstroom", "Dit is voor mij een begin, geen eindpunt.", quote=True),
        F("scholing", "Ik mag binnenkort een cursus veilig werken volgen."),
        F("besteedbaar", "ik kan nu zelf mijn telefoon en mijn sportabonnement betalen."),
    ),
    _interview(
        "R08", D(2025, 3, 19), 47,
        (
            "I: U heeft deelnemers in de facilitaire dienst en het restaurant. Hoe gaat het?",
            "R: In de facilitaire dienst goed. Bij het restaurant hebben we iemand moeten overplaatsen. Die werd onrustig van de drukte rond de maaltijden, dat paste gewoon niet.",
            "I: Had u dat vooraf kunnen zien?",
            "R: Misschien wel, als we meer hadden geweten. We kregen een naam en een startdatum, verder weinig.",
            "I: Wat kost het u aan tijd?",
            "R: Veel, zeker in het begin. Mijn teamleden moeten ook hun eigen werk doen.",
            "I: En de loonkostensubsidie?",
            "R: Die helpt, maar de aanvraag en de loonwaardemeting duurden lang. Drie maanden zonder duidelijkheid.",
            "I: Hoe is het contact met de jobcoach?",
            "R: Als het goed loopt, zie ik [PERSOON-1] nauwelijks. Als het misgaat, duurt het te lang voordat er iemand komt.",
            "I: Zou u opnieuw deelnemers aannemen?",
            "R: Ja, zeker in de facilitaire dienst. De bewoners vinden het fijn dat er een vast gezicht is dat de post komt brengen en even een praatje maakt. Dat is meer waard dan je in uren kunt uitdrukken.",
        ),
        F("mismatch", "Die werd onrustig van de drukte rond de maaltijden, dat paste gewoon niet."),
        F("profielen", "We kregen een naam en een startdatum, verder weinig.", quote=True),
        F("productiviteit", "Mijn teamleden moeten ook hun eigen werk doen."),
        F("lks", "Die helpt, maar de aanvraag en de loonwaardemeting duurden lang."),
        F("bereikbaarheid", "Als het misgaat, duurt het te lang voordat er iemand komt."),
    ),
    _interview(
        "R09", D(2025, 3, 20), 39,
        (
            "I: Hoe bevalt uw werk bij [WERKGEVER-1]?",
            "R: Goed. Ik heb weer een reden om de deur uit te gaan, drie dagen in de week.",
            "I: Wat doet u precies?",
            "R: Ik vouw het linnen, ik breng de post rond en ik help bij de koffie op de afdelingen.",
            "I: Hoe gaat het met uw gezondheid?",
            "R: Ik heb last van mijn knieën, dus ik doe vooral het zittende werk. Dat is goed afgesproken.",
            "I: Merkt u het aan uw inkomen?",
            "R: Onze zorgtoeslag viel weg, dus netto houden we weinig over.",
            "I: Hoe zijn de collega's?",
            "R: Ik ben de oudste van het team, ze noemen me soms moeder. Dat vind ik wel leuk.",
            "I: En het contract?",
            "R: Elke keer weer die brief. Ik wacht er steeds op.",
            "I: Wat zou u willen verbeteren?",
            "R: Dat je eerder hoort of je mag blijven. En dat iemand je uitlegt wat er met je toeslagen gebeurt voordat je begint, niet erna. Verder ben ik tevreden, echt waar.",
            "I: Dank u wel.",
        ),
        F("structuur", "Ik heb weer een reden om de deur uit te gaan, drie dagen in de week."),
        F("gezondheid", "Ik heb last van mijn knieën, dus ik doe vooral het zittende werk."),
        F("toeslagen", "Onze zorgtoeslag viel weg, dus netto houden we weinig over."),
        F("collegas", "Ik ben de oudste van het team, ze noemen me soms moeder."),
        F("verlenging", "Elke keer weer die brief. Ik wacht er steeds op."),
    ),
    _interview(
        "R10", D(2025, 3, 25), 46,
        (
            "I: U werkt als gastvrouw bij [WERKGEVER-1]. Hoe bent u begonnen?",
            "R: Ik heb eerst een ochtend meegelopen. Toen wist ik wat ik moest doen en wie mijn collega's waren, dat maakte de eerste dag veel minder eng.",
            "I: Wat vindt u moeilijk in het werk?",
            "R: De computer. Bij het digitaal spreekuur vragen mensen dingen die ik zelf ook niet goed weet. Mijn Nederlands is goed genoeg voor een praatje, maar formulieren vind ik lastig.",
            "I: Wat gaat er goed?",
            "R: Ik durf nu mensen aan te spreken. Vroeger keek ik naar de grond.",
            "I: Hoe reageert uw omgeving?",
            "R: Mijn moeder vertelt aan iedereen dat ik bij de bibliotheek werk. Ze is trots op me.",
            "I: Hoe komt u naar uw werk?",
            "R: Lopend, tien minuten. Dat was ook een reden om deze plek te kiezen.",
            "I: Hoe zou u het vinden als dit uw vaste werk blijft?",
            "R: Dat zou ik fijn vinden. Maar ik wil ook leren, zodat ik later meer kan.",
        ),
        F("kennismaking", "Ik heb eerst een ochtend meegelopen.", quote=True),
        F("vaardigheden", "Mijn Nederlands is goed genoeg voor een praatje, maar formulieren vind ik lastig."),
        F("zelfvertrouwen", "Ik durf nu mensen aan te spreken. Vroeger keek ik naar de grond.", quote=True),
        F("trots", "Ze is trots op me."),
        F("reizen", "Lopend, tien minuten. Dat was ook een reden om deze plek te kiezen."),
    ),
    _interview(
        "R11", D(2025, 3, 26), 58,
        (
            "I: U bent jobcoach bij de gemeente. Hoeveel deelnemers begeleidt u?",
            "R: Acht in een basisbaan, daarnaast nog andere trajecten. Het is te veel om overal op tijd te zijn.",
            "I: Wat merkt u daarvan?",
            "R: Werkgevers bellen en ik kan niet meteen komen. Dan escaleert iets kleins, terwijl een gesprek op tijd het had kunnen oplossen.",
            "I: Hoe probeert u dat te voorkomen?",
            "R: Ik vraag werkgevers om het te melden als iemand vaker te laat komt of stiller wordt. Die signalen zijn vaak het begin van een probleem thuis.",
            "I: Hoe verhoudt uw rol zich tot die van de leidinggevende?",
            "R: De leidinggevende leert het werk, ik kijk naar de rest. Maar op de werkvloer moet het gebeuren, daar kan ik niet de hele dag staan.",
            "I: En de feedbacksessies?",
            "R: Die zouden vaker moeten. Nu is het vaak pas als er al iets mis is.",
            "I: Helpen betere profielen?",
            "R: Ja. Als ik vooraf weet dat iemand slecht tegen drukte kan, kies ik een andere plek.",
        ),
        F("werkdruk", "Het is te veel om overal op tijd te zijn.", quote=True),
        F("bereikbaarheid", "Werkgevers bellen en ik kan niet meteen komen."),
        F("signalen", "Ik vraag werkgevers om het te melden als iemand vaker te laat komt of stiller wordt.", quote=True),
        F("signalen", "Die signalen zijn vaak het begin van een probleem thuis."),
        F("werkvloer", "Maar op de werkvloer moet het gebeuren, daar kan ik niet de hele dag staan."),
        F("feedback-frequentie", "Die zouden vaker moeten. Nu is het vaak pas als er al iets mis is."),
        F("profielen", "Als ik vooraf weet dat iemand slecht tegen drukte kan, kies ik een andere plek."),
    ),
    _interview(
        "R12", D(2025, 3, 27), 43,
        (
            "I: U werkt in het groenonderhoud. Hoe gaat het?",
            "R: Goed. Ik ben om half zeven op de werf en om drie uur klaar. Dat past bij mij, ik ben een ochtendmens.",
            "I: Heeft u onlangs een feedbackgesprek gehad?",
            "R: Ja, met de uitvoerder en de jobcoach. Ze zeiden dat ik zelfstandiger werk dan in het begin en dat ik de kettingzaag-cursus mag doen. Het was fijn om te horen wat goed gaat, niet alleen wat beter moet.",
            "I: Ziet u een toekomst bij dit bedrijf?",
            "R: De uitvoerder zegt dat ik misschien in dienst kan komen. Dat zou mooi zijn, een echte baan.",
            "I: Wat doet u met het extra geld?",
            "R: Sparen voor een rijbewijs. Dan kan ik later ook ander werk aannemen.",
            "I: Hoe ervaart u de verlenging elk half jaar?",
            "R: Ik weet dat ze me willen houden, dus ik maak me er niet zo druk om. Maar het blijft een brief waar je op wacht.",
        ),
        F("structuur", "Ik ben om half zeven op de werf en om drie uur klaar."),
        F("feedback-inhoud", "Het was fijn om te horen wat goed gaat, niet alleen wat beter moet.", quote=True),
        F("feedback-inhoud", "Ze zeiden dat ik zelfstandiger werk dan in het begin en dat ik de kettingzaag-cursus mag doen."),
        F("doorstroom", "De uitvoerder zegt dat ik misschien in dienst kan komen."),
        F("besteedbaar", "Sparen voor een rijbewijs."),
        F("verlenging", "Maar het blijft een brief waar je op wacht."),
    ),
    _interview(
        "R13", D(2025, 4, 1), 40,
        (
            "I: Wat brengen de basisbanen de bibliotheek?",
            "R: Een gastvrouw die tijd heeft voor bezoekers. Onze eigen mensen hebben die tijd niet meer, zij wel.",
            "I: Hoe was de start?",
            "R: Er was een kennismaking vooraf en dat werkte goed. Wel merkten we pas later dat het digitale werk lastig was.",
            "I: Weet u genoeg van de deelnemer?",
            "R: Wat we horen, horen we van de deelnemer zelf. Van de gemeente krijgen we weinig informatie, ook niet over wat we wel en niet mogen weten.",
            "I: En het contact met de gemeente?",
            "R: We hebben nu een vaste contactpersoon. Dat is een verbetering.",
            "I: Wat zou u anders willen?",
            "R: Betere uitleg over de afspraken. Wie regelt de cursussen, wie de verlofaanvragen? We zoeken het nu zelf uit.",
            "I: Zou u het opnieuw doen?",
            "R: Ja. Het kost ons wat tijd, maar de bezoekers merken het verschil. Mensen die vroeger met hun vragen weer naar huis gingen, worden nu geholpen of doorverwezen naar het spreekuur.",
        ),
        F("maatschappelijk", "Een gastvrouw die tijd heeft voor bezoekers."),
        F("kennismaking", "Er was een kennismaking vooraf en dat werkte goed."),
        F("vaardigheden", "Wel merkten we pas later dat het digitale werk lastig was."),
        F("informatie", "Van de gemeente krijgen we weinig informatie, ook niet over wat we wel en niet mogen weten."),
        F("informatie", "Betere uitleg over de afspraken."),
        F("aanspreekpunt", "We hebben nu een vaste contactpersoon."),
    ),
    _interview(
        "R14", D(2025, 4, 2), 35,
        (
            "I: [Uitgewerkt uit aantekeningen: de respondent gaf geen toestemming voor een opname.]",
            "I: Hoe gaat het met werken en de kinderen?",
            "R: Ik werk vier ochtenden. Dan zijn de kinderen op school, dat is precies goed.",
            "I: Hoe is het met de toeslagen gegaan?",
            "R: Mijn kinderopvangtoeslag was ineens anders. Ik moest alles opnieuw aanvragen en dat kostte me weken.",
            "I: Hoe vindt u het werk zelf?",
            "R: Leuk. In het wijkcentrum zijn de collega's als een familie geworden.",
            "I: Wilt u op termijn iets anders?",
            "R: Nee. Ik zou hier willen blijven zolang het kan.",
            "I: Kent u anderen die ook een basisbaan willen?",
            "R: Mijn buurvrouw staat al maanden op de wachtlijst. Ze hoort niks, ze weet niet eens of er nog plekken komen.",
            "I: Heeft u nog iets toe te voegen?",
            "R: Dat het jammer is dat er niemand meer bij kan.",
            "I: Dank u wel. Mag ik nog vragen hoe het gesprek voor u was?",
            "R: Goed. Ik had het liever niet opgenomen, maar zo is het prima.",
        ),
        F("zorgtaken", "Dan zijn de kinderen op school, dat is precies goed."),
        F("toeslagen", "Ik moest alles opnieuw aanvragen en dat kostte me weken."),
        F("collegas", "In het wijkcentrum zijn de collega's als een familie geworden."),
        F("eindbaan", "Ik zou hier willen blijven zolang het kan."),
        F("wachtlijst", "Mijn buurvrouw staat al maanden op de wachtlijst."),
        F("wachtlijst", "Dat het jammer is dat er niemand meer bij kan."),
    ),
    _interview(
        "R15", D(2025, 4, 3), 49,
        (
            "I: De sportvereniging heeft twee basisbanen. Hoe bevalt dat?",
            "R: Goed, maar wij zijn een vereniging met vrijwilligers, geen bedrijf. Alles wat met personeel te maken heeft, is nieuw voor ons.",
            "I: Hoe gaat het met de administratie?",
            "R: Ziekmelden ging in het begin mis. We wisten niet dat het via [INSTELLING-1] moest, en daar wisten ze weer niet wie wij waren. Ook vragen over loonstroken komen bij ons terecht.",
            "I: Speelt de loonkostensubsidie bij u?",
            "R: Bij ons niet, wij betalen niet zelf. Dat maakt het voor een vereniging juist mogelijk.",
            "I: Kunnen uw deelnemers doorstromen?",
            "R: Eén misschien, naar een schoonmaakbedrijf dat bij ons de sporthal doet. Voor de ander is het hier goed zo.",
            "I: Is het duidelijk wat u wel en niet hoeft te doen?",
            "R: Niet helemaal. Wij zijn geen begeleiders. Wie moet ingrijpen als het thuis misgaat?",
            "I: Heeft u weleens een plaatsing zien mislukken?",
            "R: Bij een andere club. Iemand met hoogtevrees die de lichtmasten moest doen.",
        ),
        F("verloning", "We wisten niet dat het via [INSTELLING-1] moest, en daar wisten ze weer niet wie wij waren.", quote=True),
        F("verloning", "Ook vragen over loonstroken komen bij ons terecht."),
        F("lks", "Bij ons niet, wij betalen niet zelf."),
        F("doorstroom", "Eén misschien, naar een schoonmaakbedrijf dat bij ons de sporthal doet."),
        F("rolverdeling", "Wij zijn geen begeleiders. Wie moet ingrijpen als het thuis misgaat?"),
        F("mismatch", "Iemand met hoogtevrees die de lichtmasten moest doen."),
    ),
    _interview(
        "R16", D(2025, 4, 8), 42,
        (
            "I: U werkt 28 uur in het groen. Hoe is dat bepaald?",
            "R: Dat was het voorstel. Maar met twee kinderen is 28 uur veel. Liever had ik 24 uur gehad, of later beginnen.",
            "I: Waarom later beginnen?",
            "R: De ploeg begint om zeven uur, de opvang gaat pas om half acht open. Nu brengt mijn zus ze.",
            "I: Hoe is het lichamelijk?",
            "R: Zwaar in het begin, spierpijn overal. Nu ben ik sterker dan ooit.",
            "I: Hoe is het met geld?",
            "R: Ik kan de kinderen nu een keer mee naar de dierentuin nemen. Dat kon vroeger nooit.",
            "I: Wist u vooraf wat het voor uw inkomen zou betekenen?",
            "R: Er was een voorlichtingsavond, dat hielp. Maar de berekening voor mijn situatie kreeg ik pas na de start.",
            "I: Wat zou u de gemeente willen meegeven?",
            "R: Kijk naar de uren. Niet iedereen kan fulltime.",
            "I: Hoe is het met de collega's?",
            "R: Goed, ze houden rekening met me. Als ik een keer eerder weg moet, vangen ze het op.",
        ),
        F("uren", "Liever had ik 24 uur gehad, of later beginnen."),
        F("uren", "Kijk naar de uren. Niet iedereen kan fulltime."),
        F("zorgtaken", "De ploeg begint om zeven uur, de opvang gaat pas om half acht open."),
        F("gezondheid", "Zwaar in het begin, spierpijn overal. Nu ben ik sterker dan ooit."),
        F("besteedbaar", "Ik kan de kinderen nu een keer mee naar de dierentuin nemen."),
        F("voorlichting", "Maar de berekening voor mijn situatie kreeg ik pas na de start."),
    ),
    _interview(
        "R17", D(2025, 4, 9), 65,
        (
            "I: U bent programmamanager van de pilot. Waar staat die nu?",
            "R: We hebben zestien mensen aan het werk en de instroom staat stil. De loonkosten zijn sterk gestegen en de begeleiding kost meer dan begroot.",
            "I: Wat betekent dat voor de toekomst?",
            "R: De pilot loopt tot eind 2026. Daarna moet de raad kiezen of de basisbaan in het gewone aanbod komt, en dat hangt aan het budget.",
            "I: Wat wilt u verbeteren?",
            "R: Scherpere profielen, zodat de eerste match vaker goed is. En vaste feedbacksessies, niet pas als het misgaat.",
            "I: Hoe zit het met de werkdruk van consulenten en jobcoaches?",
            "R: Die is hoog. We gingen uit van minder uren begeleiding per deelnemer dan nodig bleek.",
            "I: En de mensen die wachten?",
            "R: Dat vind ik het moeilijkste. Er staan mensen op de wachtlijst die we nu niets kunnen bieden.",
            "I: Zijn de twee sporen duidelijk genoeg?",
            "R: Op papier wel. In de praktijk weten deelnemers vaak niet in welk spoor ze zitten.",
        ),
        F("budget", "De loonkosten zijn sterk gestegen en de begeleiding kost meer dan begroot."),
        F("budget", "Daarna moet de raad kiezen of de basisbaan in het gewone aanbod komt, en dat hangt aan het budget.", quote=True),
        F("profielen", "Scherpere profielen, zodat de eerste match vaker goed is."),
        F("feedback-frequentie", "En vaste feedbacksessies, niet pas als het misgaat."),
        F("werkdruk", "We gingen uit van minder uren begeleiding per deelnemer dan nodig bleek."),
        F("wachtlijst", "Er staan mensen op de wachtlijst die we nu niets kunnen bieden."),
        F("spoor-onduidelijk", "In de praktijk weten deelnemers vaak niet in welk spoor ze zitten.", quote=True),
    ),
    _interview(
        "R18", D(2025, 4, 10), 45,
        (
            "I: U bent buurtconciërge, 24 uur per week. Wat doet u zoal?",
            "R: Ik loop mijn rondes door [LOCATIE-1], ik help bij de koffieochtend en ik hou de speeltuin netjes. Kinderen roepen mijn naam als ik langskom.",
            "I: Wat betekent het werk voor de buurt?",
            "R: Oudere mensen durven weer naar buiten, omdat ze weten dat er iemand rondloopt. Dat zeggen ze letterlijk tegen me.",
            "I: Wilt u hierna nog iets anders?",
            "R: Nee, ik heb mijn plek gevonden. Ik hoop dat ze dit werk laten bestaan.",
            "I: Hoe ervaart u de contracten van een half jaar?",
            "R: Elke keer als het einde in zicht komt, word ik onrustig. Het is goed gegaan tot nu toe, maar je weet het nooit.",
            "I: Wat als het stopt?",
            "R: Dan val ik terug, dat weet ik zeker. Ik ben bang dat ik dan weer de hele dag binnen zit.",
            "I: Hoe zijn de collega's?",
            "R: Fijn. Ik voel me een van hen.",
        ),
        F("trots", "Kinderen roepen mijn naam als ik langskom."),
        F("maatschappelijk", "Oudere mensen durven weer naar buiten, omdat ze weten dat er iemand rondloopt.", quote=True),
        F("eindbaan", "Nee, ik heb mijn plek gevonden."),
        F("verlenging", "Elke keer als het einde in zicht komt, word ik onrustig."),
        F("terugval", "Ik ben bang dat ik dan weer de hele dag binnen zit.", quote=True),
        F("collegas", "Ik voel me een van hen."),
    ),
    _interview(
        "R19", D(2025, 4, 14), 51,
        (
            "I: Het wijkteam heeft twee deelnemers bij de buurtactiviteiten. Hoe gaat het?",
            "R: Het wijkcentrum is meer open dan vroeger. De buurttuin wordt bijgehouden en er is elke dag iemand om koffie te zetten.",
            "I: Hoe begeleidt u ze?",
            "R: Ik werk zelf mee. Elke ochtend verdelen we samen het werk, dan weten ze wat er van hen verwacht wordt.",
            "I: Komen problemen op tijd boven?",
            "R: Meestal zie ik het eerst: iemand die stiller is of vaker ziek. Dan bel ik de jobcoach, en sinds kort komt die dan binnen een week langs.",
            "I: Wat levert een feedbackgesprek op?",
            "R: De laatste keer hebben we afgesproken dat ze de tuin zelfstandig gaan plannen. Dat gaf zichtbaar energie.",
            "I: Weet u genoeg over de deelnemers?",
            "R: Wij krijgen alleen wat nodig is voor het werk. Dat is goed, maar soms had ik eerder willen weten dat iemand een zware periode thuis had.",
        ),
        F("maatschappelijk", "Het wijkcentrum is meer open dan vroeger."),
        F("werkvloer", "Elke ochtend verdelen we samen het werk, dan weten ze wat er van hen verwacht wordt."),
        F("signalen", "Meestal zie ik het eerst: iemand die stiller is of vaker ziek.", quote=True),
        F("feedback-inhoud", "De laatste keer hebben we afgesproken dat ze de tuin zelfstandig gaan plannen."),
        F("informatie", "soms had ik eerder willen weten dat iemand een zware periode thuis had."),
    ),
    _interview(
        "R20", D(2025, 4, 15), 47,
        (
            "I: U werkt nu een half jaar in het groenonderhoud. Hoe gaat het?",
            "R: Heel goed. De uitvoerder heeft gezegd dat ik na mijn tweede contract bij hen in dienst kan komen.",
            "I: Hoe voelt dat?",
            "R: Alsof ik eindelijk weer meetel. Twee jaar geleden had ik niet gedacht dat ik nog een vaste baan zou krijgen.",
            "I: Wat heeft daarbij geholpen?",
            "R: Ik heb hier mijn certificaat voor de bosmaaier gehaald. Daardoor kan ik meer taken doen dan de anderen.",
            "I: Wat wilt u op termijn?",
            "R: Ooit voorman worden, net als [PERSOON-1]. Dat duurt nog wel even.",
            "I: Was de verlenging na het eerste halfjaar spannend?",
            "R: Ja, want je hoort het pas kort van tevoren. Ook als ze tevreden zijn.",
            "I: En financieel?",
            "R: Ik heb mijn oude schuld bij de zorgverzekeraar afbetaald. Dat geeft rust.",
            "I: Is er iets wat de gemeente anders had kunnen doen?",
            "R: Eerder zeggen dat doorstromen kan. In het begin dacht ik dat dit maar tijdelijk was en daarna weer niks. Dat had me veel zorgen gescheeld.",
        ),
        F("doorstroom", "De uitvoerder heeft gezegd dat ik na mijn tweede contract bij hen in dienst kan komen.", quote=True),
        F("zelfvertrouwen", "Alsof ik eindelijk weer meetel."),
        F("scholing", "Ik heb hier mijn certificaat voor de bosmaaier gehaald."),
        F("loopbaanwens", "Ooit voorman worden, net als [PERSOON-1]."),
        F("verlenging", "Ja, want je hoort het pas kort van tevoren. Ook als ze tevreden zijn."),
        F("besteedbaar", "Ik heb mijn oude schuld bij de zorgverzekeraar afbetaald. Dat geeft rust."),
    ),
    _interview(
        "R21", D(2025, 4, 16), 38,
        (
            "I: Het buurthuis heeft één deelnemer. Hoe bevalt dat?",
            "R: Het is een vaste kracht geworden. Zonder hem zou de maaltijd op donderdag niet draaien.",
            "I: Moet hij doorstromen, vindt u?",
            "R: Waarom? Dit is nuttig werk en hij doet het goed. Laat hem hier maar blijven.",
            "I: Wat kost het u aan begeleiding?",
            "R: Weinig inmiddels. In het begin moest ik alles uitleggen, nu draait hij zelfstandig mee.",
            "I: Hoe was de start?",
            "R: We hebben eerst een kop koffie gedronken met de consulent erbij. Toen wist ik al dat het goed zat.",
            "I: Hoe gaat het contact met de gemeente?",
            "R: Via één contactpersoon, en die neemt altijd op. Alleen het driegesprek is het afgelopen jaar één keer geweest, dat mag vaker.",
            "I: Zou u andere buurthuizen aanraden een basisbaan te bieden?",
            "R: Zeker. Maar zeg er eerlijk bij dat het de eerste weken tijd kost, en dat je iemand moet hebben die het leuk vindt om uit te leggen. Dan wordt het iets moois.",
        ),
        F("eindbaan", "Dit is nuttig werk en hij doet het goed. Laat hem hier maar blijven.", quote=True),
        F("productiviteit", "In het begin moest ik alles uitleggen, nu draait hij zelfstandig mee."),
        F("kennismaking", "We hebben eerst een kop koffie gedronken met de consulent erbij."),
        F("aanspreekpunt", "Via één contactpersoon, en die neemt altijd op."),
        F("feedback-frequentie", "Alleen het driegesprek is het afgelopen jaar één keer geweest, dat mag vaker."),
    ),
    _interview(
        "R22", D(2025, 4, 17), 44,
        (
            "I: U werkt in [WERKGEVER-1]. Wat betekent het werk voor u?",
            "R: Ik heb weer een week met een begin en een eind. Op vrijdag weet ik dat ik weekend heb, dat had ik vroeger niet.",
            "I: Hoe gaat het met de mensen om u heen?",
            "R: Ik hoor bij het team van het buurthuis. Ze vragen me ook mee naar de kerstborrel.",
            "I: Hoe komt u er?",
            "R: Met de scooter, maar die is oud. Als hij kapot is, ben ik een uur onderweg met de bus.",
            "I: Hoe staat het met geld?",
            "R: Ik zit nog in de schuldhulp. Het loon gaat eerst naar de afspraken, maar ik zie wel dat het minder wordt.",
            "I: Wist u vooraf hoe dat zou gaan?",
            "R: Mijn consulent heeft het met me doorgerekend voordat ik begon. Daardoor schrok ik niet.",
            "I: Wat vinden anderen ervan?",
            "R: Mijn dochter zegt dat ik vrolijker ben. Dat vind ik het mooiste compliment.",
        ),
        F("structuur", "Ik heb weer een week met een begin en een eind."),
        F("collegas", "Ik hoor bij het team van het buurthuis."),
        F("reizen", "Als hij kapot is, ben ik een uur onderweg met de bus."),
        F("schulden", "Het loon gaat eerst naar de afspraken, maar ik zie wel dat het minder wordt."),
        F("voorlichting", "Mijn consulent heeft het met me doorgerekend voordat ik begon.", quote=True),
        F("trots", "Mijn dochter zegt dat ik vrolijker ben. Dat vind ik het mooiste compliment.", quote=True),
    ),
    _group(
        ("R04", "R11", "R17"), D(2025, 4, 22), 90,
        (
            "I: Welkom. We bespreken wat we uit de interviews horen. Eerst: de profielen.",
            "R1: Werkgevers zeggen dat ze te weinig weten bij de start. Dat herken ik. We sturen een naam en een startdatum.",
            "R2: En ik weet vaak niet wat iemand fysiek aankan. Dat moet in het profiel.",
            "I: Hoe kijken jullie naar de feedbacksessies?",
            "R3: We spreken af dat die elke zes weken plaatsvinden, met werkgever, deelnemer en jobcoach. En we leggen vast wat er is afgesproken.",
            "R2: Dan moet er wel tijd voor zijn. Ik heb er nu acht, dat lukt niet elke zes weken.",
            "I: Wat vinden jullie van één vast aanspreekpunt?",
            "R1: Werkgevers zijn er blij mee. Maar als ik op vakantie ben, weet niemand wat er speelt.",
            "I: Er wordt ook gesproken over het onderbrengen van alle basisbanen bij één organisatie.",
            "R3: Dat onderzoeken we. Eén werkgever voor alle basisbanen maakt de verloning en de begeleiding eenvoudiger, maar je verliest de band met de werkplek.",
            "R2: Ik zou het jammer vinden. De kracht zit juist in de gewone werkplek.",
            "I: En de twee sporen?",
            "R1: Bij de groenwerkgever zien we doorstroom, dat is mooi.",
            "R3: Maar voor een deel van de mensen is dit het eindpunt, en dat moeten we ook zo durven noemen.",
            "I: Tot slot het budget.",
            "R3: Zonder extra geld kunnen we niemand van de wachtlijst plaatsen. Daar moet de raad over beslissen.",
        ),
        F("profielen", "Werkgevers zeggen dat ze te weinig weten bij de start.", speaker="R04"),
        F("profielen", "En ik weet vaak niet wat iemand fysiek aankan. Dat moet in het profiel.", speaker="R11", quote=True),
        F("feedback-frequentie", "We spreken af dat die elke zes weken plaatsvinden, met werkgever, deelnemer en jobcoach.", speaker="R17"),
        F("werkdruk", "Ik heb er nu acht, dat lukt niet elke zes weken.", speaker="R11", quote=True),
        F("aanspreekpunt", "Maar als ik op vakantie ben, weet niemand wat er speelt.", speaker="R04"),
        F("centralisatie", "Eén werkgever voor alle basisbanen maakt de verloning en de begeleiding eenvoudiger, maar je verliest de band met de werkplek.", speaker="R17", quote=True),
        F("centralisatie", "De kracht zit juist in de gewone werkplek.", speaker="R11"),
        F("doorstroom", "Bij de groenwerkgever zien we doorstroom, dat is mooi.", speaker="R04"),
        F("eindbaan", "Maar voor een deel van de mensen is dit het eindpunt, en dat moeten we ook zo durven noemen.", speaker="R17", quote=True),
        F("budget", "Zonder extra geld kunnen we niemand van de wachtlijst plaatsen.", speaker="R17"),
    ),
    _group(
        ("R02", "R06", "R08", "R21"), D(2025, 4, 24), 85,
        (
            "I: Welkom allemaal. Wat levert een deelnemer u op, en wat kost het?",
            "R1: Bij ons gaat het om productie. De eerste maanden kost het meer dan het oplevert, daarna draait het.",
            "R3: Herkenbaar. Zonder subsidie zou ik het bij de directie niet verkocht krijgen.",
            "R2: Bij het wijkteam rekenen we anders. Wat de buurt eraan heeft, zie je niet op een loonstrook.",
            "I: Moet doorstroom het doel zijn?",
            "R1: Voor een paar mensen wel, die nemen we graag over.",
            "R4: Voor anderen niet. Dwing ze niet weg van een plek waar ze goed zijn.",
            "I: Wat heeft u nodig van de gemeente?",
            "R3: Informatie vooraf. Wat kan iemand, waar moeten we op letten?",
            "R2: En vaker samen om tafel. Een feedbacksessie per kwartaal is echt het minimum.",
            "R4: De contracten van een half jaar zorgen voor onrust bij onze mensen. Dat merken wij ook op de werkvloer.",
            "I: Dank voor jullie tijd.",
        ),
        F("productiviteit", "De eerste maanden kost het meer dan het oplevert, daarna draait het.", speaker="R02", quote=True),
        F("lks", "Zonder subsidie zou ik het bij de directie niet verkocht krijgen.", speaker="R08", quote=True),
        F("maatschappelijk", "Wat de buurt eraan heeft, zie je niet op een loonstrook.", speaker="R06", quote=True),
        F("doorstroom", "Voor een paar mensen wel, die nemen we graag over.", speaker="R02"),
        F("eindbaan", "Dwing ze niet weg van een plek waar ze goed zijn.", speaker="R21"),
        F("informatie", "Informatie vooraf. Wat kan iemand, waar moeten we op letten?", speaker="R08"),
        F("feedback-frequentie", "Een feedbacksessie per kwartaal is echt het minimum.", speaker="R06"),
        F("verlenging", "De contracten van een half jaar zorgen voor onrust bij onze mensen.", speaker="R21"),
    ),
)  # fmt: skip

# Memos of the researcher: the study's analysis notes (dated by their text only).
MEMOS: tuple[tuple[str, str, str], ...] = (
    (
        "",
        "Saturatie",
        "Na interview 15 kwamen er nauwelijks nieuwe codes bij; interview 16 (programmamanager) "
        "bracht nog 'Budget en continuïteit'. Volgens Guest et al. (basis 15, run 2, drempel 5 %) "
        "is saturatie bereikt bij interview 17; de focusgroepen bevestigen het beeld en voegen "
        "alleen 'Centralisatie bij één partij' toe.",
    ),
    (
        "verlenging",
        "Halfjaarlijkse verlenging",
        "Bijna alle deelnemers noemen spanning rond de verlenging, ook als de werkgever tevreden "
        "is. Het tijdstip van het bericht (kort voor het einde) lijkt zwaarder te wegen dan de "
        "duur van het contract.",
    ),
    (
        "eindbaan",
        "Twee sporen",
        "Werkgevers in het doorstroomspoor en de wijkteams zien het doel verschillend. Deelnemers "
        "weten vaak niet in welk spoor ze zitten (zie ook 'Onduidelijkheid over het spoor').",
    ),
)
