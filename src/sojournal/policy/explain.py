"""Why a post got its decision: every rule that fired, where in the text, and the outcome.

This is for the operator who already holds the text (``sojournal explain``), so
the rendering quotes the matched words; it is never logged.
"""

from __future__ import annotations

from dataclasses import dataclass

from sojournal.models import Decision, Post
from sojournal.policy.engine import (
    DELETE_MODEL_RULE,
    MODEL_DECIDED_RULE,
    MODEL_DOUBT_RULE,
    MODEL_DOUBTED_RULE,
    MODEL_RULE,
    MODEL_SETTLED_RULE,
    decide_with,
)
from sojournal.policy.rules import Policy
from sojournal.policy.text import token_spans

__all__ = ["Explanation", "FiredRule", "explain"]

#: The journalise model's reasons that name the words weighing most *for* a record, and
#: those that name the words weighing most *against* one (``Explanation.model_words``).
_MODEL_FOR: frozenset[str] = frozenset({MODEL_RULE, MODEL_SETTLED_RULE, MODEL_DECIDED_RULE})
_MODEL_AGAINST: frozenset[str] = frozenset({MODEL_DOUBT_RULE, MODEL_DOUBTED_RULE})


@dataclass(frozen=True, slots=True)
class FiredRule:
    """One rule that fired: its contribution and the character spans it matched."""

    rule: str
    category: str | None
    weight: float
    escalate: float
    remove: str | None
    spans: tuple[tuple[int, int], ...]
    reason_en: str
    reason_da: str


@dataclass(frozen=True, slots=True)
class Explanation:
    """The rules that fired on one post, the category scores, and the final decision."""

    post_id: str
    text: str
    fired: tuple[FiredRule, ...]
    scores: dict[str, float]
    decision: Decision
    #: When the word model journalised the post or confirmed the review band's lean: the
    #: words that weighed most for it; when it doubted the lean: those most against it.
    model_words: tuple[str, ...] = ()
    #: When the delete model sent the post for deletion: the words that weighed most.
    delete_words: tuple[str, ...] = ()

    def render(self) -> str:
        """A terminal-friendly account, Danish reason under the English one."""
        d = self.decision
        lines = [
            f"post {self.post_id} - policy {d.policy_version}",
            f"  decision: category={d.category} journalise={d.journalise} remove={d.remove} "
            f"reply={d.reply} escalate={d.escalate} sensitive={d.sensitive} review={d.review} "
            f"confidence={d.confidence:.2f}",
            f"  kle: {d.kle} topic={d.topic} case_refs={list(d.case_refs)}",
            "  scores: " + ", ".join(f"{k}={v:+.2f}" for k, v in sorted(self.scores.items())),
        ]
        if d.pii:
            lines.append("  pii: " + ", ".join(f"{s.kind}[{s.start}:{s.end}]" for s in d.pii))
        lines.append("  rules fired:" if self.fired else "  no rule fired")
        for f in self.fired:
            contrib = []
            if f.category:
                contrib.append(f"{f.category} {f.weight:+.2f}")
            if f.escalate:
                contrib.append(f"escalate {f.escalate:+.2f}")
            if f.remove:
                contrib.append(f"remove={f.remove}")
            quoted = ", ".join(f"[{a}:{b}] {self.text[a:b]!r}" for a, b in f.spans)
            lines.append(f"    - {f.rule} ({'; '.join(contrib)}) {quoted}")
            lines.append(f"        en: {f.reason_en}")
            lines.append(f"        da: {f.reason_da}")
        fired = {f.rule for f in self.fired}
        words = dict.fromkeys(_MODEL_FOR | _MODEL_AGAINST, self.model_words)
        words[DELETE_MODEL_RULE] = self.delete_words
        for r in d.reasons:
            if r.rule in fired:
                continue
            lines.append(f"    - {r.rule}: {r.text}")
            if words.get(r.rule):
                lines.append(f"        words that weighed most: {', '.join(words[r.rule])}")
        return "\n".join(lines)


def explain(post: Post, policy: Policy | None = None) -> Explanation:
    """Decide ``post`` and report every rule that fired with its matched character spans."""
    from sojournal.policy import decide, load_policy

    pol = policy if policy is not None else load_policy()
    if post.from_page:
        return Explanation(post.id, post.text, (), {}, decide(post, pol))
    decision, ev = decide_with(post.text, post.channel, pol)
    offsets = token_spans(post.text)
    fired = []
    for f in ev.fired:
        found = {
            (offsets[h.start][0], offsets[h.end - 1][1]) for h in f.hits if h.end <= len(offsets)
        }
        spans = tuple(sorted(found))
        fired.append(
            FiredRule(
                rule=f.rule.id,
                category=f.rule.category,
                weight=f.rule.weight,
                escalate=f.rule.escalate,
                remove=f.rule.remove,
                spans=spans,
                reason_en=f.rule.reason_en,
                reason_da=f.rule.reason_da,
            )
        )
    model_words: tuple[str, ...] = ()
    delete_words: tuple[str, ...] = ()
    rules = {r.rule for r in decision.reasons}
    if pol.model is not None and rules & _MODEL_FOR:
        model_words = pol.model.strongest(ev.text.tokens)
    elif pol.model is not None and rules & _MODEL_AGAINST:
        model_words = pol.model.strongest(ev.text.tokens, against=True)
    if pol.delete_model is not None and DELETE_MODEL_RULE in rules:
        delete_words = pol.delete_model.strongest(ev.text.tokens)
    return Explanation(
        post.id, post.text, tuple(fired), dict(ev.scores), decision, model_words, delete_words
    )
