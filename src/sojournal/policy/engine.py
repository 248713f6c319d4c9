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
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

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
_NONE_NEGATED: frozenset[int] = frozenset()
#: Weights are decimals: sums such as 0.6 + 0.5 - 0.6 must not tip a threshold on float noise.
_EPS = 1e-9


class Fired(NamedTuple):
    """A rule that fired and the token ranges that made it fire."""

    rule: Rule
    hits: tuple[Hit, ...]


class Evidence(NamedTuple):
    """Everything the rules found in one post, before it becomes a decision.

    A tuple built positionally (``gather``): a dataclass ``__init__`` cost more than
    anything it holds.
    """

    text: Text
    fired: list[Fired]
    scores: dict[str, float]
    escalate: float
    request: bool
    remove_flags: set[str]
    spans: tuple[PiiSpan, ...]
    case_refs: tuple[str, ...]
    topic: str | None


# ``gather`` builds Evidence positionally: a field added or reordered must be added there too.
if Evidence._fields != (
    "text",
    "fired",
    "scores",
    "escalate",
    "request",
    "remove_flags",
    "spans",
    "case_refs",
    "topic",
):
    raise AssertionError("update gather() for the fields of Evidence")


#: Words frequent in English and rare in Danish: two of them make a post English.
_ENGLISH_COMMON = frozenset(
    {"the", "and", "is", "to", "my", "our", "you", "i", "we", "have", "this", "for"}
)


def _english(tokens: tuple[str, ...]) -> bool:
    return sum(t in _ENGLISH_COMMON for t in tokens) >= 2


#: How personal data is found: ``sojournal.pii.scan`` unless a caller injects another.
Scanner = Callable[[str], Sequence[PiiSpan]]


def gather(text_raw: str, channel: str, policy: Policy, scan: Scanner | None = None) -> Evidence:
    """Run every rule over one text; the shared first half of ``decide`` and ``explain``.

    Written for speed (it runs on every post, about nine rules each): each rule's
    conditions were compiled into sets when the policy loaded (``Step``), the conditions
    present in the post are one set, and negation is looked up once per post.
    """
    text = analyse(text_raw, policy.spelling)
    tokens = text.tokens
    by_group: dict[str, list[Hit]] = {}
    for hit in policy.matcher.find(tokens):
        found = by_group.get(hit[0])
        if found is None:
            by_group[hit[0]] = [hit]
        else:
            found.append(hit)
    matcher = policy.matcher
    negated = (
        _NONE_NEGATED
        if matcher.negations.isdisjoint(tokens)
        else matcher.negated_starts(tokens, policy.negation_window)
    )
    # The conditions that hold: lexicons with a hit not negated, and the built-in features.
    if negated:
        present = {g for g, hs in by_group.items() if any(h[2] not in negated for h in hs)}
    else:
        present = set(by_group)
    if text.question:
        present.add("question")
    if text.shout:
        present.add("shout")
    if text.exclaim:
        present.add("exclaim")
    if text.mention:
        present.add("mention")
    if channel != "messenger":
        present.add("public")
    if policy.uses_english and _english(tokens):
        present.add("english")

    found_spans: Sequence[PiiSpan] = (scan or pii.scan)(text_raw)
    # An injected scanner may hand back a list; compiled (mypyc) code checks the type.
    spans = found_spans if isinstance(found_spans, tuple) else tuple(found_spans)
    kinds = {s.kind for s in spans} if spans else set()
    fired: list[Fired] = []
    scores: dict[str, float] = {}
    escalate = 0.0
    request = False
    remove_flags: set[str] = set()
    # Only rules whose terms occur, plus the condition-only ones, in file order.
    todo = set(policy.unconditional)
    triggers = policy.triggers
    for g in by_group:
        ix = triggers.get(g)
        if ix is not None:
            todo.update(ix)
    steps = policy.steps
    new_tuple = tuple.__new__
    for idx in sorted(todo):
        step = steps[idx]
        if step.conditional:
            if step.channels and channel not in step.channels:
                continue
            if step.pii and kinds.isdisjoint(step.pii):
                continue
            if not step.when <= present or not step.unless.isdisjoint(present):
                continue
            if step.when_any and step.when_any.isdisjoint(present):
                continue
        rule = step.rule
        groups = step.groups
        candidates: list[Hit]
        if not groups:
            candidates = []
        else:
            if step.located:
                candidates = []
                for g in groups:
                    found = by_group.get(g)
                    if found:
                        candidates.extend(found)
            else:
                candidates = by_group.get(groups[0]) or []
            if not candidates:
                continue
            if negated and rule.negatable:
                candidates = [h for h in candidates if h[2] not in negated]
            if step.located:
                if rule.near is not None:
                    # The near word only locates the match; its own negation is irrelevant
                    # ("jeg forstår ikke hvorfor min restskat …").
                    near = by_group.get(rule.near)
                    if not near:
                        continue
                    candidates = _near(candidates, near, rule.window, rule.side)
                if rule.unless_near is not None and candidates:
                    # Like ``near``, the unless word only locates: its negation is irrelevant.
                    away = by_group.get(rule.unless_near)
                    if away:
                        close = _near(candidates, away, step.unless_window, rule.side)
                        if close:
                            candidates = [h for h in candidates if h not in close]
            if not candidates:
                continue
        fired.append(new_tuple(Fired, (rule, tuple(candidates))))
        # Distinct matched terms add up to ``stack`` times ("lol … 😂 … nårh nej").
        stack = rule.stack
        n = 1 if stack == 1 or not candidates else min(stack, len({h[1] for h in candidates}))
        category = step.category
        if category is not None:
            # ``x * 1 == x`` exactly: the sums come out as the per-rule products always did.
            scores[category] = scores.get(category, 0.0) + step.weight * n
        if step.escalate:
            escalate += step.escalate * n
        if step.request:
            request = True
        if step.remove is not None:
            remove_flags.add(step.remove)
    return new_tuple(
        Evidence,
        (
            text,
            fired,
            scores,
            escalate,
            request,
            remove_flags,
            spans,
            find_case_refs(text_raw),
            _topic(by_group, policy),
        ),
    )


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
    """The topic with the most hits; on a tie, the first in the file."""
    best, best_n, best_at = None, 0, 0
    index = policy.topic_index
    for group, found in by_group.items():
        topic = index.get(group)
        if topic is not None:
            n = len(found)
            if n > best_n or (n == best_n and topic[0] < best_at):
                best_at, best = topic
                best_n = n
    return best


def _category(ev: Evidence, policy: Policy) -> tuple[Category, bool, float]:
    """Category, review flag and confidence from the combined scores."""
    t, floor = policy.threshold, policy.review_floor
    scores = ev.scores
    request = ev.request
    case_s = scores.get("case", 0.0)
    comp_s = scores.get("complaint", 0.0)
    offensive = scores.get("offensive", 0.0)
    political = scores.get("political", 0.0)
    if ev.case_refs:
        case_s = max(case_s, t)
    cat: Category
    weak_own_request = (
        request and case_s >= floor - _EPS and comp_s >= t - _EPS and case_s >= comp_s - floor
    )
    if case_s >= t - _EPS or weak_own_request:
        # Own-matter evidence plus a request outranks the complaint it comes with
        # (LABELLING: "own matter, asking for something, is case, even when it says
        # 'jeg vil klage'"), even when the own-matter evidence alone is weak, as long
        # as it is not dwarfed by the complaint.
        cat = "complaint" if comp_s >= t - _EPS and not request else "case"
    elif comp_s >= t - _EPS and offensive < comp_s + t:
        # A complaint outranks trolling, unless the trolling is a full threshold stronger:
        # then the "complaint" words are part of the mockery ("… graves op 3 gange 😂 klovne").
        cat = "complaint"
    elif offensive >= t - _EPS:
        cat = "offensive"
    elif political >= t - _EPS:
        cat = "political"
    else:
        cat = "general"
    strongest = max(case_s, comp_s)
    rival = max(offensive, political, scores.get("general", 0.0))
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


_CASE_REFERENCE = Reason(
    rule="case.reference",
    text="Quotes a case number: a concrete matter.",
    text_da="Henviser til et sagsnummer: en konkret sag.",
)
_REVIEW = Reason(
    rule="decision.review",
    text="Weak or conflicting evidence: journalised and sent for review.",
    text_da="Svag eller modstridende evidens: journaliseres og sendes til kontrol.",
)
#: The "sensitive" reason for each set of sensitive kinds seen (at most 2**9 of them).
_SENSITIVE: dict[frozenset[str], Reason] = {}


def _sensitive_reason(kinds: frozenset[str]) -> Reason:
    reason = _SENSITIVE.get(kinds)
    if reason is None:
        reason = _SENSITIVE[kinds] = Reason(
            rule="pii.sensitive",
            text="Contains sensitive personal data (" + ", ".join(sorted(kinds)) + ").",
            text_da="Indeholder personfølsomme oplysninger.",
        )
    return reason


_DECISION_FIELDS = frozenset(Decision.model_fields)
_new_object = object.__new__
_set_slot = object.__setattr__


def _trusted_decision(fields: dict[str, Any]) -> Decision:
    """A ``Decision`` from values the engine built itself, without validating them again.

    Validation took a fifth of ``decide``'s time, and every value here comes from the
    policy (validated when it loaded), ``_category`` or a ``PiiSpan`` that is already a
    model. This is what ``BaseModel.model_construct`` does, without its per-field Python
    loop (which is slower than validating). ``_check_trusted`` proves at import that it
    builds exactly what validation builds; if a pydantic release changes that, the engine
    validates instead. Anything from outside the engine still goes through validation.
    """
    d = _new_object(Decision)
    _set_slot(d, "__dict__", fields)
    _set_slot(d, "__pydantic_fields_set__", set(_DECISION_FIELDS))
    _set_slot(d, "__pydantic_extra__", None)
    _set_slot(d, "__pydantic_private__", None)
    return d


def _check_trusted() -> bool:
    fields: dict[str, Any] = {
        "category": "case",
        "journalise": True,
        "remove": "delete",
        "reply": "redirect",
        "escalate": ESCALATE_TO,
        "sensitive": True,
        "review": True,
        "confidence": 0.5,
        "pii": (PiiSpan(kind="cpr", start=1, end=11),),
        "reasons": (_REVIEW,),
        "policy_version": "1",
        "kle": "00.01.00",
        "topic": "t",
        "case_refs": ("2024-1",),
    }
    if set(fields) != _DECISION_FIELDS:
        return False
    try:
        fast, slow = _trusted_decision(dict(fields)), Decision(**fields)
        return (
            fast == slow
            and fast.__dict__ == slow.__dict__
            and fast.model_fields_set == slow.model_fields_set
            and fast.__pydantic_extra__ == slow.__pydantic_extra__
            and fast.__pydantic_private__ == slow.__pydantic_private__
            and repr(fast) == repr(slow)
            and fast.model_dump() == slow.model_dump()
            and hash(fast) == hash(slow)
        )
    except Exception:  # any change in pydantic's internals: validate instead
        return False


_TRUSTED = _check_trusted()


def decide_with(
    post_text: str, channel: str, policy: Policy, scan: Scanner | None = None
) -> tuple[Decision, Evidence]:
    """Decide one post's text on one channel; also return the evidence for ``explain``."""
    ev = gather(post_text, channel, policy, scan)
    cat, review, confidence = _category(ev, policy)
    scores = ev.scores
    if ev.spans:
        sensitive_kinds = frozenset(s.kind for s in ev.spans) & SENSITIVE_KINDS
    else:
        sensitive_kinds = frozenset()
    sensitive = bool(sensitive_kinds)
    journalise = cat in _JOURNALISED

    remove: Removal | None = None
    if channel != "messenger":
        if (
            cat == "case"
            or sensitive
            or "delete" in ev.remove_flags
            or (
                cat == "complaint"
                and (scores.get("case", 0.0) >= policy.review_floor or bool(ev.case_refs))
            )
        ):
            remove = "delete"
        elif cat == "offensive" or "hide" in ev.remove_flags:
            remove = "hide"

    reply: ReplyKind
    if journalise:
        reply = "redirect"
    elif cat == "general":
        reply = "answer" if ev.text.question else "none"
    else:
        reply = "none"

    escalate = cat == "offensive" or ev.escalate >= policy.threshold
    reasons_by_rule = policy.reasons
    reasons = [reasons_by_rule[f.rule.id] for f in ev.fired]
    if ev.case_refs:
        reasons.append(_CASE_REFERENCE)
    if sensitive:
        reasons.append(_sensitive_reason(sensitive_kinds))
    if review:
        reasons.append(_REVIEW)
    if not reasons:
        reasons.append(_NO_EVIDENCE)
    topic = ev.topic
    kle = kle_pair(topic, policy)[0]
    spans = ev.spans
    fields: dict[str, Any] = {
        "category": cat,
        "journalise": journalise,
        "remove": remove,
        "reply": reply,
        "escalate": ESCALATE_TO if escalate else None,
        "sensitive": sensitive,
        "review": review,
        "confidence": confidence,
        "pii": spans,
        "reasons": tuple(reasons),
        "policy_version": policy.version,
        "kle": kle,
        "topic": topic,
        "case_refs": ev.case_refs,
    }
    # An injected scanner is outside the engine: its spans are trusted only when they are
    # what validation would keep as they are (a tuple of PiiSpan models).
    trusted = _TRUSTED and type(spans) is tuple and all(type(s) is PiiSpan for s in spans)
    decision = _trusted_decision(fields) if trusted else Decision(**fields)
    return decision, ev


def kle_pair(topic: str | None, policy: Policy) -> tuple[str, str]:
    """KLE number and handling facet for a topic name; the policy's default otherwise."""
    if topic is None:
        return policy.default_kle
    return policy.kle_by_topic.get(topic, policy.default_kle)
