from __future__ import annotations

import json
from typing import Any

from sojournal.models import Post
from sojournal.policy import evaluate, explain


def test_explain_lists_fired_rules_with_spans_into_the_original_text() -> None:
    text = "Hvornaar faar jeg svar paa min ansoegning om boligstoette? Sagsnr. 2024-001234"
    ex = explain(Post(id="e1", channel="facebook_post", text=text))
    by_rule = {f.rule: f for f in ex.fired}
    assert "case.possessive-matter" in by_rule
    spans = by_rule["case.possessive-matter"].spans
    assert [text[a:b] for a, b in spans] == ["ansoegning", "boligstoette"]
    assert ex.decision.category == "case" and ex.decision.case_refs == ("2024-001234",)
    out = ex.render()
    assert "case.possessive-matter" in out and "'ansoegning'" in out
    assert "da: " in out and "en: " in out and "journalise=True" in out


def test_explain_of_page_reply() -> None:
    ex = explain(Post(id="e2", channel="facebook_comment", text="Tak", from_page=True))
    assert ex.fired == () and "page.own-reply" in ex.render()


def _rec(i: int, text: str, **exp: Any) -> dict[str, Any]:
    base = {
        "category": "general",
        "journalise": False,
        "remove": None,
        "reply": "answer",
        "escalate": None,
        "sensitive": False,
        "pii": [],
    }
    base.update(exp)
    return {"id": f"r{i}", "channel": "facebook_comment", "text": text, "expected": base}


def test_evaluate_counts_precision_recall_confusion_and_misses() -> None:
    records = [
        _rec(1, "Hvornår har genbrugspladsen åbent?"),
        _rec(
            2,
            "Jeg har søgt om boligstøtte, hvornår får jeg svar?",
            category="case",
            journalise=True,
            remove="delete",
            reply="redirect",
        ),
        # Deliberately mislabelled: the policy will call this general.
        _rec(3, "Hvornår åbner svømmehallen?", category="case", journalise=True, reply="redirect"),
    ]
    rep = evaluate(records)
    j = rep.binary["journalise"]
    assert (j.tp, j.fp, j.fn, j.tn) == (1, 0, 1, 1)
    assert j.precision == 1.0 and j.recall == 0.5 and j.misses == ["r3"]
    assert rep.confusion["case"]["general"] == 1 and rep.confusion["case"]["case"] == 1
    assert rep.misses["category"] == ["r3"] and rep.accuracy("reply") == 2 / 3
    data = rep.to_json()
    json.dumps(data)
    assert data["fields"]["remove=delete"]["recall"] == 1.0
    assert data["total"] == 3 and "pii" in data
    text = rep.render_text()
    assert "journalise" in text and "misses category: r3" in text
    assert "boligstøtte" not in text  # reports name ids, never post text
