"""The starting texts of a new council report: the structure of Leeuwarden's letter,
with fields that fill from data. The programme manager rewrites them; they are
content in the municipality's language (Dutch), not interface text."""

from __future__ import annotations

DEFAULT_TEXTS: dict[str, str] = {
    "opening": (
        "Met deze brief informeren wij u over de voortgang van {programma}. "
        "De cijfers in deze brief gaan over de stand op {peildatum}."
    ),
    "background": (
        "De basisbaan biedt inwoners met een grote afstand tot de arbeidsmarkt een "
        "betaalde baan met een contract, in plaats van een uitkering."
    ),
    "region": "",
    "state": (
        "Op {peildatum} zijn {aantal_deelnemers} mensen werkzaam in een basisbaan, "
        "waarvan {aantal_met_lks} met loonkostensubsidie. De instroom is {instroom}."
    ),
    "work": "",
    "finances": "",
    "forecasts": "",
    "research": "",
    "next": "",
    "closing": "Wij verwachten u met deze brief voldoende te hebben geïnformeerd.",
}
