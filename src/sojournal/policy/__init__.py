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

from functools import lru_cache
from pathlib import Path

# First of the package's own modules: decides between compiled and source (see there).
from sojournal.policy import _compiled  # noqa: F401  # isort: skip
from sojournal.models import Decision, Post, Reason
from sojournal.policy.engine import decide_with
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

_OWN_REPLY = Reason(
    rule="page.own-reply",
    text="The page's own reply: journalised with its thread, not on its own.",
    text_da="Sidens eget svar: journaliseres med tråden, ikke for sig.",
)


@lru_cache(maxsize=1)
def _default_policy() -> Policy:
    return read_policy(None)


def load_policy(path: str | Path | None = None) -> Policy:
    """The packaged policy (compiled once, cached), or a municipality's own rules file."""
    return _default_policy() if path is None else read_policy(path)


def decide(post: Post, policy: Policy | None = None) -> Decision:
    """Decide journalisation, removal, reply and escalation for one post. Pure and fast."""
    pol = policy if policy is not None else _default_policy()
    if post.from_page:
        kle = pol.default_kle[0]
        return Decision(
            category="general",
            journalise=False,
            reasons=(_OWN_REPLY,),
            policy_version=pol.version,
            kle=kle,
        )
    decision, _ = decide_with(post.text, post.channel, pol)
    return decision
