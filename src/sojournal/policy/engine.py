"""The journalisation decision: rules fire on a post, their evidence is combined, a
``Decision`` comes out. Pure: no I/O, no clock, no state between posts.

How evidence combines (LABELLING.md, "Precedence" and "Rulings"):

* each fired rule adds its weight to its category; a category counts when its
  score reaches ``policy.threshold``;
* precedence is case > complaint > offensive > political > general, except that
  an own matter which only voices dissatisfaction and asks for nothing is a
  complaint rather than a case;
* a case or complaint score inside the review band ``[review_floor, threshold)``
  is not trusted either way: the post is journalised (a missed record is worse
  than an extra one) and ``review`` is set;
* removal, reply and escalation follow from the category, the channel, the
  personal data found and the rules' own flags.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from sojournal import pii
from sojournal.models import Category, Decision, Escalation, PiiSpan, Reason, Removal, ReplyKind
from sojournal.policy.case_refs import find_case_refs
from sojournal.policy.lexicon import Hit
from sojournal.policy.rules import Policy, Rule
from sojournal.policy.text import Text, analyse

__all__ = ["SENSITIVE_KINDS", "Evidence", "Fired", "Scanner", "decide_with", "gather"]

#: Kinds of personal data that make a post sensitive (personfølsomme oplysninger).
SENSITIVE_KINDS = frozenset(
    {"cpr", "health", "social", "criminal", "child", "ethnicity", "religion", "sexuality", "union"}
)
_JOURNALISED: frozenset[str] = frozenset({"case", "complaint"})
ESCALATE_TO: Escalation = "politik-og-organisation"
#: The reason given when no rule fired: every decision must say why it came out as it did.
_NO_EVIDENCE = Reason(
    rule="general.no-case-evidence",
    text="No sign of a concrete case, a complaint, trolling or a political opinion: general.",
    text_da="Intet tegn på konkret sag, klage, trolling eller politisk holdning: generelt.",
)
#: Weights are decimals: sums such as 0.6 + 0.5 - 0.6 must not tip a threshold on float noise.
_EPS = 1e-9


class Fired(NamedTuple):
    """A rule that fired and the token ranges that made it fire."""

    rule: Rule
    hits: tuple[Hit, ...]


@dataclass(slots=True)
class Evidence:
    """Everything the rules found in one post, before it becomes a decision."""

    text: Text
    fired: list[Fired] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    escalate: float = 0.0
    request: bool = False
    remove_flags: set[str] = field(default_factory=set)
    spans: tuple[PiiSpan, ...] = ()
    case_refs: tuple[str, ...] = ()
    topic: str | None = None


def _english(tokens: tuple[str, ...]) -> bool:
    common = {"the", "and", "is", "to", "my", "our", "you", "i", "we", "have", "this", "for"}
    return sum(t in common for t in tokens) >= 2


#: How personal data is found: ``sojournal.pii.scan`` unless a caller injects another.
Scanner = Callable[[str], tuple[PiiSpan, ...]]


def gather(text_raw: str, channel: str, policy: Policy, scan: Scanner | None = None) -> Evidence:
    """Run every rule over one text; the shared first half of ``decide`` and ``explain``."""
    text = analyse(text_raw, policy.spelling)
    tokens = text.tokens
    matcher = policy.matcher
    by_group: dict[str, list[Hit]] = defaultdict(list)
    for hit in matcher.find(tokens):
        by_group[hit.group].append(hit)
    window = policy.negation_window

    has_negation = matcher.has_negation(tokens)

    def live(hits: list[Hit]) -> list[Hit]:
        if not has_negation:
            return hits
        return [h for h in hits if not matcher.negated(tokens, h.start, window)]

    present_cache: dict[str, bool] = {}
    spans = (scan or pii.scan)(text_raw)
    kinds = {s.kind for s in spans}

    def present(name: str) -> bool:
        if name not in present_cache:
            if name == "question":
                val = text.question
            elif name == "shout":
                val = text.shout
            elif name == "exclaim":
                val = text.exclaim
            elif name == "mention":
                val = text.mention
            elif name == "public":
                val = channel != "messenger"
            elif name == "english":
                val = _english(tokens)
            else:
                val = bool(live(by_group.get(name, [])))
            present_cache[name] = val
        return present_cache[name]

    ev = Evidence(text=text, spans=spans, case_refs=find_case_refs(text_raw))
    # Only rules whose terms occur, plus the condition-only ones, in file order.
    todo = set(policy.unconditional)
    triggers = policy.triggers
    for g in by_group:
        todo.update(triggers.get(g, ()))
    plan = policy.plan
    for idx in sorted(todo):
        rule, groups = plan[idx]
        candidates: list[Hit] = []
        for g in groups:
            found = by_group.get(g)
            if found:
                candidates.extend(found)
        triggered = bool(groups)
        if triggered and not candidates:
            continue
        if rule.channels and channel not in rule.channels:
            continue
        if rule.pii and not kinds.intersection(rule.pii):
            continue
        blocked = False
        for name in rule.when:
            if not present(name):
                blocked = True
                break
        if not blocked:
            for name in rule.unless:
                if present(name):
                    blocked = True
                    break
        if not blocked and rule.when_any:
            blocked = not any(present(name) for name in rule.when_any)
        if blocked:
            continue
        if triggered:
            if rule.negatable:
                candidates = live(candidates)
            if rule.near is not None:
                # The near word only locates the match; its own negation is irrelevant
                # ("jeg forstår ikke hvorfor min restskat …").
                near = by_group.get(rule.near, [])
                candidates = _near(candidates, near, rule.window, rule.side)
            if rule.unless_near is not None and candidates:
                # Like ``near``, the unless word only locates: its own negation is irrelevant.
                away = by_group.get(rule.unless_near)
                if away:
                    w = rule.unless_window or rule.window
                    close = _near(candidates, away, w, rule.side)
                    if close:
                        candidates = [h for h in candidates if h not in close]
            if not candidates:
                continue
        ev.fired.append(Fired(rule, tuple(candidates)))
        # Distinct matched terms add up to ``stack`` times ("lol … 😂 … nårh nej").
        n = min(rule.stack, len({h.term for h in candidates})) if candidates else 1
        if rule.category is not None:
            ev.scores[rule.category] = ev.scores.get(rule.category, 0.0) + rule.weight * n
        ev.escalate += rule.escalate * n
        ev.request = ev.request or rule.request
        if rule.remove is not None:
            ev.remove_flags.add(rule.remove)
    ev.topic = _topic(by_group, policy)
    return ev


def _near(candidates: list[Hit], near: list[Hit], w: int, side: str) -> list[Hit]:
    """Hits with a ``near`` hit within ``w`` tokens before and/or after (bisect: long posts
    stay linear)."""
    ends = sorted(n.end for n in near)
    starts = sorted(n.start for n in near)
    kept = []
    for h in candidates:
        if side != "after":
            i = bisect_right(ends, h.start)  # ends <= h.start
            if i and h.start - ends[i - 1] < w:
                kept.append(h)
                continue
        if side != "before":
            i = bisect_left(starts, h.end)  # starts >= h.end
            if i < len(starts) and starts[i] - h.end < w:
                kept.append(h)
    return kept


def _topic(by_group: dict[str, list[Hit]], policy: Policy) -> str | None:
    best, best_n = None, 0
    for group, name in policy.topic_groups:
        found = by_group.get(group)
        if found and len(found) > best_n:
            best, best_n = name, len(found)
    return best


def _category(ev: Evidence, policy: Policy) -> tuple[Category, bool, float]:
    """Category, review flag and confidence from the combined scores."""
    t, floor = policy.threshold, policy.review_floor
    case_s = ev.scores.get("case", 0.0)
    comp_s = ev.scores.get("complaint", 0.0)
    if ev.case_refs:
        case_s = max(case_s, t)
    cat: Category
    weak_own_request = (
        ev.request and case_s >= floor - _EPS and comp_s >= t - _EPS and case_s >= comp_s - floor
    )
    if case_s >= t - _EPS or weak_own_request:
        # Own-matter evidence plus a request outranks the complaint it comes with
        # (LABELLING: "own matter, asking for something, is case, even when it says
        # 'jeg vil klage'"), even when the own-matter evidence alone is weak, as long
        # as it is not dwarfed by the complaint.
        cat = "complaint" if comp_s >= t - _EPS and not ev.request else "case"
    elif comp_s >= t - _EPS and ev.scores.get("offensive", 0.0) < comp_s + t:
        # A complaint outranks trolling, unless the trolling is a full threshold stronger:
        # then the "complaint" words are part of the mockery ("… graves op 3 gange 😂 klovne").
        cat = "complaint"
    elif ev.scores.get("offensive", 0.0) >= t - _EPS:
        cat = "offensive"
    elif ev.scores.get("political", 0.0) >= t - _EPS:
        cat = "political"
    else:
        cat = "general"
    strongest = max(case_s, comp_s)
    rival = max(ev.scores.get(c, 0.0) for c in ("offensive", "political", "general"))
    # Weak journalisation evidence is reviewed unless another reading clearly dominates
    # (trolling, a political opinion, praise).
    review = (
        cat not in _JOURNALISED and strongest >= floor - _EPS and strongest > rival - floor + _EPS
    )
    if review:
        cat = "case" if case_s >= comp_s else "complaint"
    # Confidence: how far the journalisation evidence sits outside the review band
    # [floor, threshold); inside it, at most 0.6.
    if review:
        confidence = 0.5 + 0.1 * (strongest - floor) / (t - floor)
    elif cat in _JOURNALISED:
        confidence = 0.7 + 0.3 * min(1.0, max(0.0, strongest - t) / t)
    else:
        confidence = 0.7 + 0.3 * min(1.0, max(0.0, floor - strongest) / floor)
    return cat, review, round(min(confidence, 1.0), 3)


def decide_with(
    post_text: str, channel: str, policy: Policy, scan: Scanner | None = None
) -> tuple[Decision, Evidence]:
    """Decide one post's text on one channel; also return the evidence for ``explain``."""
    ev = gather(post_text, channel, policy, scan)
    cat, review, confidence = _category(ev, policy)
    public = channel != "messenger"
    kinds = {s.kind for s in ev.spans}
    sensitive = bool(kinds & SENSITIVE_KINDS)
    own_matter = ev.scores.get("case", 0.0) >= policy.review_floor or bool(ev.case_refs)

    remove: Removal | None = None
    if public:
        if (
            cat == "case"
            or sensitive
            or "delete" in ev.remove_flags
            or (cat == "complaint" and own_matter)
        ):
            remove = "delete"
        elif cat == "offensive" or "hide" in ev.remove_flags:
            remove = "hide"

    reply: ReplyKind
    if cat in _JOURNALISED:
        reply = "redirect"
    elif cat == "general":
        reply = "answer" if ev.text.question else "none"
    else:
        reply = "none"

    escalate = cat == "offensive" or ev.escalate >= policy.threshold
    reasons = [policy.reasons[f.rule.id] for f in ev.fired]
    if ev.case_refs:
        reasons.append(
            Reason(
                rule="case.reference",
                text="Quotes a case number: a concrete matter.",
                text_da="Henviser til et sagsnummer: en konkret sag.",
            )
        )
    if sensitive:
        reasons.append(
            Reason(
                rule="pii.sensitive",
                text="Contains sensitive personal data ("
                + ", ".join(sorted(kinds & SENSITIVE_KINDS))
                + ").",
                text_da="Indeholder personfølsomme oplysninger.",
            )
        )
    if review:
        reasons.append(
            Reason(
                rule="decision.review",
                text="Weak or conflicting evidence: journalised and sent for review.",
                text_da="Svag eller modstridende evidens: journaliseres og sendes til kontrol.",
            )
        )
    if not reasons:
        reasons.append(_NO_EVIDENCE)
    topic = ev.topic
    kle, _facet = kle_pair(topic, policy)
    decision = Decision(
        category=cat,
        journalise=cat in _JOURNALISED,
        remove=remove,
        reply=reply,
        escalate=ESCALATE_TO if escalate else None,
        sensitive=sensitive,
        review=review,
        confidence=confidence,
        pii=ev.spans,
        reasons=tuple(reasons),
        policy_version=policy.version,
        kle=kle,
        topic=topic,
        case_refs=ev.case_refs,
    )
    return decision, ev


def kle_pair(topic: str | None, policy: Policy) -> tuple[str, str]:
    """KLE number and handling facet for a topic name; the policy's default otherwise."""
    for t in policy.topics:
        if t.name == topic:
            return t.kle, t.facet
    return policy.default_kle
