"""The journalisation policy: rules as data, a pure engine, explanations and evaluation.

>>> from sojournal.models import Post
>>> text = "Jeg har søgt om boligstøtte for 3 måneder siden. Hvornår får jeg svar?"
>>> d = decide(Post(id="1", channel="facebook_comment", text=text))
>>> d.category, d.journalise, d.remove, d.reply
('case', True, 'delete', 'redirect')
>>> general = Post(id="2", channel="facebook_comment", text="Hvornår har genbrugspladsen åbent?")
>>> decide(general).journalise, decide(general).reply
(False, 'answer')
"""

from __future__ import annotations

from pathlib import Path

# First of the package's own modules: decides between compiled and source (see there).
from sojournal.policy import _compiled  # noqa: F401  # isort: skip
from sojournal.policy.engine import decide, default_policy
from sojournal.policy.evaluate import EvalReport, evaluate
from sojournal.policy.explain import Explanation, explain
from sojournal.policy.kle import kle_for
from sojournal.policy.rules import Policy, read_policy

__all__ = [
    "EvalReport",
    "Explanation",
    "Policy",
    "decide",
    "evaluate",
    "explain",
    "kle_for",
    "load_policy",
]


def load_policy(path: str | Path | None = None) -> Policy:
    """The packaged policy (compiled once, cached), or a municipality's own rules file."""
    return default_policy() if path is None else read_policy(path)
