"""The Danish e-mail an escalation becomes: ids, rule ids and what to do — never post text.

The recipient (Center for Politik og Organisation or the nearest manager)
finds the post on the page from its id. Keeping the text out means the
e-mail itself holds no personal data, whatever mail system it passes through.

>>> from sojournal.platforms.port import Escalation
>>> e = Escalation(kind="shitstorm", post_id="123_456", thread_id="123",
...     rules=("shitstorm.threshold",))
>>> subject(e)
'Eskalering fra sojournal: shitstorm i tråd 123'
>>> "Opslag-id: 123_456" in body(e), "Regler: shitstorm.threshold" in body(e)
(True, True)
"""

from __future__ import annotations

from sojournal.platforms.port import Escalation, EscalationKind

__all__ = ["EXPLANATIONS", "body", "subject"]

_KIND_DA: dict[EscalationKind, str] = {
    "trolling": "trolling eller dårlig tone",
    "shitstorm": "shitstorm",
    "critical": "kritisk indlæg",
}

#: Why a person is asked to act, in the words of the municipality's guidance.
EXPLANATIONS: dict[EscalationKind, str] = {
    "trolling": (
        "Et opslag er vurderet som trolling, chikane eller dårlig tone. Efter kommunens "
        "vejledning for sociale medier kan den slags skjules med henvisning til vejledningen, "
        "og brugeren kan eventuelt blokeres fra siden. Vurdér venligst, om der skal gøres mere."
    ),
    "shitstorm": (
        "Der er på kort tid kommet mange vrede eller kritiske kommentarer i samme tråd. "
        "Efter kommunens vejledning for sociale medier skal Center for Politik og Organisation "
        "straks orienteres ved en shitstorm. Følg tråden og aftal, hvordan der skal reageres."
    ),
    "critical": (
        "Et opslag er vurderet som særligt kritisk. Efter kommunens vejledning for sociale "
        "medier skal Center for Politik og Organisation altid kontaktes i særlige kritiske "
        "situationer. Vurdér venligst opslaget og den videre håndtering."
    ),
}


def subject(escalation: Escalation) -> str:
    where = (
        f"tråd {escalation.thread_id}"
        if escalation.kind == "shitstorm" and escalation.thread_id
        else f"opslag {escalation.post_id}"
    )
    return f"Eskalering fra sojournal: {_KIND_DA[escalation.kind]} i {where}"


def body(escalation: Escalation) -> str:
    return "\n".join(
        [
            "Hej,",
            "",
            EXPLANATIONS[escalation.kind],
            "",
            f"Type: {_KIND_DA[escalation.kind]}",
            f"Opslag-id: {escalation.post_id}",
            f"Tråd-id: {escalation.thread_id or '-'}",
            f"Regler: {', '.join(escalation.rules) or '-'}",
            "",
            "Find opslaget på kommunens side ud fra id'et. Af hensyn til databeskyttelse",
            "indeholder denne e-mail hverken opslagets tekst eller afsenderens navn.",
            "",
            "Sendt automatisk af sojournal.",
            "",
        ]
    )
