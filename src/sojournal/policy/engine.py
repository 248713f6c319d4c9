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
* the word model (``policy.model``) has a say only where the rules are unsure: it may
  journalise what no rule did (for review, or without when very sure and nothing spoke
  against it), overrule or settle the review band's lean, and doubt a journalisation
  the rules decided on thin evidence (for review); strong rules evidence it never touches;
* removal, reply and escalation follow from the category, the channel, the
  personal data found and the rules' own flags.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, Final, final

from sojournal.models import (
    Category,
    Decision,
    Escalation,
    PiiSpan,
    Post,
    Reason,
    Removal,
    ReplyKind,
)
from sojournal.pii._scan import scan_split
from sojournal.pii._span import slot_setter
from sojournal.policy.case_refs import find_case_refs
from sojournal.policy.lexicon import Hit, TermMatcher
from sojournal.policy.model import TextModel
from sojournal.policy.rules import Policy, Rule, read_policy
from sojournal.policy.text import Text, analyse_parts

__all__ = [
    "MODEL_DECIDED_RULE",
    "MODEL_DOUBTED_RULE",
    "MODEL_DOUBT_RULE",
    "MODEL_RULE",
    "MODEL_SETTLED_RULE",
    "SENSITIVE_KINDS",
    "Evidence",
    "Fired",
    "Program",
    "Scanner",
    "decide",
    "decide_with",
    "default_policy",
    "gather",
    "program",
]

#: Kinds of personal data that make a post sensitive (personfølsomme oplysninger).
SENSITIVE_KINDS: Final = frozenset(
    {"cpr", "health", "social", "criminal", "child", "ethnicity", "religion", "sexuality", "union"}
)
_JOURNALISED: Final[frozenset[str]] = frozenset({"case", "complaint"})
ESCALATE_TO: Final[Escalation] = "politik-og-organisation"
#: The reason given when no rule fired: every decision must say why it came out as it did.
_NO_EVIDENCE: Final = Reason(
    rule="general.no-case-evidence",
    text="No sign of a concrete case, a complaint, trolling or a political opinion: general.",
    text_da="Intet tegn på konkret sag, klage, trolling eller politisk holdning: generelt.",
)
_NONE_NEGATED: Final[frozenset[int]] = frozenset()
_NO_KINDS: Final[frozenset[str]] = frozenset()
#: The removal flags of a post no rule flagged (most): shared, never changed.
_NO_FLAGS: Final[frozenset[str]] = frozenset()
#: Weights are decimals: sums such as 0.6 + 0.5 - 0.6 must not tip a threshold on float noise.
_EPS: Final = 1e-9


@final
class Fired:
    """A rule that fired and the token ranges that made it fire.

    A native class (a tuple subclass built through ``tuple.__new__`` cost a Python-level
    call for each rule fired); ``reason`` is the rule's ``Reason`` in the policy, found
    when the policy was compiled rather than looked up by rule id for every post.
    """

    def __init__(self, rule: Rule, hits: tuple[Hit, ...], reason: Reason) -> None:
        self.rule = rule
        self.hits = hits
        self.reason = reason


@final
class Evidence:
    """Everything the rules found in one post, before it becomes a decision.

    A native class: compiled code builds it and reads its fields directly.
    """

    def __init__(
        self,
        tokens: tuple[str, ...],
        question: bool,
        shout: bool,
        exclaim: bool,
        mention: bool,
        fired: list[Fired],
        scores: dict[str, float],
        escalate: float,
        request: bool,
        remove_flags: AbstractSet[str],
        spans: tuple[PiiSpan, ...],
        case_refs: tuple[str, ...],
        topic: str | None,
        against: bool,
        delete_gate_open: bool = True,
    ) -> None:
        #: The fields of the post's ``Text`` (``text``), kept apart: ``decide`` needs only
        #: ``tokens`` and ``question``, and building the ``Text`` costs a call.
        self.tokens = tokens
        self.question = question
        self.shout = shout
        self.exclaim = exclaim
        self.mention = mention
        self.fired = fired
        self.scores = scores
        self.escalate = escalate
        self.request = request
        #: The removals the fired rules flag ("delete", "hide"); never changed once built.
        self.remove_flags = remove_flags
        self.spans = spans
        self.case_refs = case_refs
        self.topic = topic
        #: Whether a fired rule weighs against its category (a negative weight).
        self.against = against
        #: Whether a lexicon of ``Program.delete_gate`` has a hit (or there is no gate).
        self.delete_gate_open = delete_gate_open

    @property
    def text(self) -> Text:
        """The post's text as ``text.analyse`` reads it (built anew when asked: ``explain``)."""
        return Text(self.tokens, self.question, self.shout, self.exclaim, self.mention)


#: Words frequent in English and rare in Danish: two of them make a post English.
_ENGLISH_COMMON: Final = frozenset(
    {"the", "and", "is", "to", "my", "our", "you", "i", "we", "have", "this", "for"}
)


def _english(tokens: tuple[str, ...]) -> bool:
    return sum(t in _ENGLISH_COMMON for t in tokens) >= 2


#: How personal data is found: ``sojournal.pii.scan`` unless a caller injects another.
Scanner = Callable[[str], Sequence[PiiSpan]]


@final
class _Step:
    """One rule as the engine runs it, worked out once when the policy is compiled.

    The engine tries about nine rules on every post; deciding "does this rule have
    conditions, one trigger group, a near word" per post cost more than the checks. A
    native class (mypyc reads its fields directly), with ``when``, ``unless`` and
    ``when_any`` as bit masks over the conditions (``bits``), so a rule's conditions are
    integer tests against the mask of conditions present in the post.
    """

    def __init__(
        self, rule: Rule, groups: tuple[str, ...], bits: dict[str, int], reason: Reason
    ) -> None:
        self.rule: Rule = rule
        self.reason: Reason = reason
        #: Matcher groups whose hits the rule matched on: its terms, then its lexicon.
        self.groups: tuple[str, ...] = groups
        self.first: str = groups[0] if groups else ""
        self.channels: frozenset[str] = frozenset(rule.channels)
        self.pii: frozenset[str] = frozenset(rule.pii)
        #: Whether ``channels``, ``pii`` are set: a native bool, not a set's truth asked per post.
        self.any_channels: bool = bool(rule.channels)
        self.any_pii: bool = bool(rule.pii)
        self.when: int = _mask(rule.when, bits)
        self.unless: int = _mask(rule.unless, bits)
        self.when_any: int = _mask(rule.when_any, bits)
        # The same masks in two native words (``_low``, ``_high``): what the engine tests.
        self.when_low: int = _low(self.when)
        self.when_high: int = _high(self.when)
        self.unless_low: int = _low(self.unless)
        self.unless_high: int = _high(self.unless)
        self.any_low: int = _low(self.when_any)
        self.any_high: int = _high(self.when_any)
        self.any_of: bool = bool(rule.when_any)
        #: Whether any of channels, pii, when, unless or when_any is set.
        self.conditional: bool = bool(
            rule.channels or rule.pii or rule.when or rule.unless or rule.when_any
        )
        #: Whether the hits need more than the negation filter: near, unless_near, or more
        #: than one group to combine.
        self.located: bool = (
            rule.near is not None or rule.unless_near is not None or len(groups) > 1
        )
        self.negatable: bool = rule.negatable
        self.near: str | None = rule.near
        self.window: int = rule.window
        self.side: str = rule.side
        self.unless_near: str | None = rule.unless_near
        self.unless_window: int = rule.unless_window or rule.window
        self.stack: int = rule.stack
        self.category: str | None = rule.category
        self.weight: float = rule.weight
        self.escalate: float = rule.escalate
        self.remove: str | None = rule.remove
        self.request: bool = rule.request


@final
class _Group:
    """What one matcher group means to the engine: its condition bit (0: no rule names it),
    the rules it triggers (indexes into ``Program.steps``) and its topic, if any."""

    def __init__(self, bit: int, triggers: tuple[int, ...], topic: tuple[int, str] | None) -> None:
        self.bit = bit
        #: ``bit`` in the two native words of a post's conditions (one of them is 0).
        self.bit_low: int = _low(bit)
        self.bit_high: int = _high(bit)
        self.triggers = triggers
        #: The topic's position in the file (-1: not a topic) and name.
        self.topic_at: int = topic[0] if topic is not None else -1
        self.topic: str = topic[1] if topic is not None else ""


@final
class _Plan:
    """What the groups a post hit ask of the rules, worked out once for each list of them.

    The rules to try, the conditions present and the topic follow from the groups hit (a
    few names of the policy's own lexicons, repeated across posts far more than texts are)
    and, for the conditions and the topic only, from the hits themselves: a post with a
    negation keeps a group's condition only for a hit not negated, and the topic with the
    most hits wins. So a plan holds the rules (``Policy.triggers`` of each group and the
    unconditional ones, in file order, each once: what sorting the post's list of them gave),
    the conditions of a post without negations, and the groups whose hits a post must
    still look at: those with a condition (when it has negations) and the topics.
    Nothing of a post's text is in it: its key is the tuple of group names.
    """

    def __init__(self, prog: Program, hit: tuple[str, ...]) -> None:
        groups = prog.groups
        known = [(g, groups[g]) for g in hit if g in groups]
        todo = set(prog.unconditional)
        low = high = 0
        for _, info in known:
            todo.update(info.triggers)
            low |= info.bit_low
            high |= info.bit_high
        #: The rules to try, in file order, each once.
        self.todo: tuple[int, ...] = tuple(sorted(todo))
        #: The conditions the groups set when no hit is negated, in two native words.
        self.low: int = low
        self.high: int = high
        #: The groups with a condition bit, in the order hit (a post with negations).
        self.bits: tuple[tuple[str, _Group], ...] = tuple((g, i) for g, i in known if i.bit)
        #: The topic groups, in the order hit.
        self.topics: tuple[tuple[str, _Group], ...] = tuple(
            (g, i) for g, i in known if i.topic_at >= 0
        )


#: Plans a ``Program`` remembers (``Program.plans``) before it starts afresh.
_PLANS_SIZE: Final = 4096


#: The fields that, with its reasons, make a ``Decision`` without personal data.
_DecisionKey = tuple[str, str | None, str, bool, bool, float, str, str | None]


@final
class Program:
    """A ``Policy`` in the engine's own (native, when compiled) form, built once per policy.

    ``Policy`` is a plain dataclass defined outside the compiled modules: every attribute
    read on it, or on its ``Rule``s, is a dictionary look-up in compiled code. The engine
    reads a few dozen of them per post, so it reads them from here instead.
    """

    def __init__(self, policy: Policy) -> None:
        self.policy: Policy = policy
        # One bit for each condition a rule names: a rule's conditions are then three
        # integer tests against the post's mask instead of three set operations.
        names: dict[str, None] = {}
        uses: dict[str, int] = {}
        for rule, _ in policy.plan:
            for name in (*sorted(rule.when), *sorted(rule.unless), *sorted(rule.when_any)):
                names[name] = None
                uses[name] = uses.get(name, 0) + 1
        # More than 62 conditions do not fit a native int (an arbitrary-precision one made
        # every test on it slow), so a post's conditions are two native words, the bits
        # below ``_WORD`` and those above (``_low``, ``_high``): up to 124 conditions stay
        # native. The structural conditions the engine sets itself come first, so they are
        # always in the low word; then the conditions most rules name.
        order = sorted(names, key=lambda name: (name not in _STRUCTURAL, -uses[name]))
        bits = {name: 1 << i for i, name in enumerate(order)}
        #: Matcher group -> its condition bit, for the groups some rule names.
        self.bits: dict[str, int] = bits
        #: The structural conditions' bits, all in the low word (see ``order``).
        self.question: int = bits.get("question", 0)
        self.shout: int = bits.get("shout", 0)
        self.exclaim: int = bits.get("exclaim", 0)
        self.mention: int = bits.get("mention", 0)
        self.public: int = bits.get("public", 0)
        self.english: int = bits.get("english", 0)
        #: The lexicons of which one must have a hit for the delete model to be asked
        #: (empty: always). Groups, not condition bits: no rule names them.
        self.delete_gate: tuple[str, ...] = policy.delete_model_when_any
        #: The word models (``[policy] model``, ``delete_model``), read for most posts.
        self.model: TextModel | None = policy.model
        #: The journalise model's bar when a rule spoke against journalising (1: never
        #: asked then), and the probability below which it overrules the review band's lean.
        self.model_threshold_against: float = policy.model_threshold_against
        self.model_review_below: float = policy.model_review_below
        #: At or above this the journalise model confirms the review band's lean.
        self.model_settles_above: float = policy.model_settles_above
        #: At or above this the journalise model alone journalises without review.
        self.model_decides_above: float = policy.model_decides_above
        #: Below this the journalise model doubts the rules' own journalisation (0: never).
        self.model_doubts_rules_below: float = policy.model_doubts_rules_below
        #: Whether the journalise model is asked about the review band at all.
        self.model_settles_band: bool = (
            policy.model_review_below > 0.0 or policy.model_settles_above < 1.0
        )
        self.delete_model: TextModel | None = policy.delete_model
        self.steps: list[_Step] = [
            _Step(rule, groups, bits, policy.reasons[rule.id]) for rule, groups in policy.plan
        ]
        self.triggers: dict[str, tuple[int, ...]] = dict(policy.triggers)
        #: Every group with a bit, a trigger or a topic: one look-up per group a post hits.
        self.groups: dict[str, _Group] = {
            g: _Group(bits.get(g, 0), policy.triggers.get(g, ()), policy.topic_index.get(g))
            for g in (*bits, *policy.triggers, *policy.topic_index)
        }
        self.unconditional: tuple[int, ...] = policy.unconditional
        self.spelling: dict[str, str] = policy.spelling
        self.matcher: TermMatcher = policy.matcher
        self.negation_window: int = policy.negation_window
        self.uses_english: bool = policy.uses_english
        self.topic_index: dict[str, tuple[int, str]] = policy.topic_index
        self.threshold: float = policy.threshold
        self.review_floor: float = policy.review_floor
        self.complaint_delete_floor: float = policy.complaint_delete_floor
        self.version: str = policy.version
        self.default_kle: tuple[str, str] = policy.default_kle
        self.kle_by_topic: dict[str, tuple[str, str]] = policy.kle_by_topic
        #: The decisions without personal data or case numbers given so far, by their
        #: fields (category, remove, reply, escalate, review, confidence, kle, topic), each
        #: with its reasons: the same fields and the very same reasons make an equal
        #: decision, so the one built is given again (a ``Decision`` is frozen). Building
        #: one cost about 5k instructions of a general post's 56k; a look-up costs a tenth.
        #: The rest of its fields are the policy's or empty; ``sensitive`` is set only with
        #: personal data. Nothing of a post's own text is kept.
        self.decisions: dict[_DecisionKey, list[tuple[tuple[Reason, ...], Decision]]] = {}
        #: The plan of each tuple of groups hit seen so far (``_Plan``).
        self.plans: dict[tuple[str, ...], _Plan] = {}
        #: A decision's fields as most posts have them, in ``Decision``'s order: copying it
        #: and setting the fields a post changes builds a decision's dictionary in about
        #: half the instructions of a fourteen-key literal.
        self.fields: dict[str, Any] = {
            "category": "general",
            "journalise": False,
            "remove": None,
            "reply": "none",
            "escalate": None,
            "sensitive": False,
            "review": False,
            "confidence": 0.0,
            "pii": (),
            "reasons": (),
            "policy_version": policy.version,
            "kle": policy.default_kle[0],
            "topic": None,
            "case_refs": (),
        }


#: Conditions the engine reads from the text and the channel, not from a lexicon.
_STRUCTURAL: Final = frozenset({"question", "shout", "exclaim", "mention", "public", "english"})
#: The bits of a native word of conditions (mypyc's native ints hold up to 2**62 - 1).
_WORD: Final = 62
_WORD_MASK: Final = (1 << _WORD) - 1


def _low(mask: int) -> int:
    """The bits of ``mask`` below ``_WORD``: the low native word of a post's conditions."""
    return mask & _WORD_MASK


def _high(mask: int) -> int:
    """The bits of ``mask`` from ``_WORD`` on, shifted down: the high native word."""
    return mask >> _WORD


def _mask(names: tuple[str, ...], bits: dict[str, int]) -> int:
    mask = 0
    for name in names:
        mask |= bits[name]
    return mask


def program(policy: Policy) -> Program:
    """The policy's ``Program``, built on first use and kept on the policy."""
    prog = policy.program
    if isinstance(prog, Program) and prog.policy is policy:
        return prog
    prog = Program(policy)
    # ``Policy`` is frozen; the program is a cache derived from it, not part of its value.
    object.__setattr__(policy, "program", prog)
    return prog


def gather(text_raw: str, channel: str, policy: Policy, scan: Scanner | None = None) -> Evidence:
    """Run every rule over one text; the shared first half of ``decide`` and ``explain``."""
    return _gather(text_raw, channel, program(policy), scan)


def _gather(text_raw: str, channel: str, prog: Program, scan: Scanner | None) -> Evidence:
    """``gather`` on the policy's ``Program``.

    Written for speed (it runs on every post, about nine rules each): each rule's
    conditions were compiled into bit masks when the policy loaded (``Program``), the
    conditions present in the post are one mask, and negation is looked up once per
    post. Only the
    rules a hit's group triggers (``Policy.triggers``) and the condition-only ones are
    tried, in file order.
    """
    tokens, question, shout, exclaim, mention, digits, label, pii_terms, pii_guards, any_digit = (
        analyse_parts(text_raw, prog.spelling)
    )
    by_group: dict[str, list[Hit]] = {}
    hits, negation = prog.matcher.find_noting(tokens)
    for hit in hits:
        group = hit[0]
        found = by_group.get(group)
        if found is None:
            by_group[group] = [hit]
        else:
            found.append(hit)
    negated: AbstractSet[int] = _NONE_NEGATED
    if negation:
        negated = prog.matcher.negated_starts(tokens, prog.negation_window)
    # The groups hit, in the order of their first hit, make the plan: the rules to try,
    # the conditions that hold (lexicons with a hit not negated) and the topics, of which
    # the one with the most hits counts (on a tie, the first in the file).
    hit_groups = tuple(by_group)
    plan = prog.plans.get(hit_groups)
    if plan is None:
        plan = _Plan(prog, hit_groups)
        plans = prog.plans
        if len(plans) >= _PLANS_SIZE:
            plans.clear()
        plans[hit_groups] = plan
    # The conditions present, in two native words (``_low``, ``_high``).
    present = 0
    present_high = 0
    if negated:
        for g, info in plan.bits:
            for h in by_group[g]:
                if h[2] not in negated:
                    present |= info.bit_low
                    present_high |= info.bit_high
                    break
    else:
        present = plan.low
        present_high = plan.high
    topic: str | None = None
    topic_n = 0
    topic_at = 0
    for g, info in plan.topics:
        n = len(by_group[g])
        at = info.topic_at
        if n > topic_n or (n == topic_n and at < topic_at):
            topic_at = at
            topic = info.topic
            topic_n = n
    if question:
        present |= prog.question
    if shout:
        present |= prog.shout
    if exclaim:
        present |= prog.exclaim
    if mention:
        present |= prog.mention
    if channel != "messenger":
        present |= prog.public
    if prog.english and _english(tokens):
        present |= prog.english

    # The policy has split the post already: the PII scan need not look for sensitive
    # terms in it when no piece may hold one, nor search it for a digit: the pieces
    # said whether one holds a digit (``pii.scan`` otherwise).
    found_spans: Sequence[PiiSpan] = (
        scan_split(text_raw, pii_terms, pii_guards, any_digit) if scan is None else scan(text_raw)
    )
    # An injected scanner may hand back a list; compiled (mypyc) code checks the type.
    spans = found_spans if isinstance(found_spans, tuple) else tuple(found_spans)
    kinds: AbstractSet[str] = {s.kind for s in spans} if spans else _NO_KINDS
    fired: list[Fired] = []
    scores: dict[str, float] = {}
    escalate = 0.0
    request = False
    # Made only when a rule flags a removal (few posts).
    remove_flags: set[str] | None = None
    against = False
    # Only rules whose terms occur, plus the condition-only ones, in file order, once.
    steps = prog.steps
    for idx in plan.todo:
        step = steps[idx]
        if step.conditional:
            if step.any_channels and channel not in step.channels:
                continue
            # No personal data (most posts): no method call to find none of the rule's kinds.
            if step.any_pii and (not spans or kinds.isdisjoint(step.pii)):
                continue
            when = step.when_low
            if (present & when) != when or present & step.unless_low:
                continue
            when = step.when_high
            if (present_high & when) != when or present_high & step.unless_high:
                continue
            if step.any_of and not (present & step.any_low or present_high & step.any_high):
                continue
        candidates: list[Hit]
        if not step.first:
            candidates = []
        else:
            if step.located:
                candidates = []
                for g in step.groups:
                    found = by_group.get(g)
                    if found:
                        candidates.extend(found)
            else:
                candidates = by_group.get(step.first) or []
            if not candidates:
                continue
            if negated and step.negatable:
                candidates = [h for h in candidates if h[2] not in negated]
            if step.located:
                near_group = step.near
                if near_group is not None:
                    # The near word only locates the match; its own negation is irrelevant
                    # ("jeg forstår ikke hvorfor min restskat …").
                    near = by_group.get(near_group)
                    if not near:
                        continue
                    candidates = _near(candidates, near, step.window, step.side)
                away_group = step.unless_near
                if away_group is not None and candidates:
                    # Like ``near``, the unless word only locates: its negation is irrelevant.
                    away = by_group.get(away_group)
                    if away:
                        close = _near(candidates, away, step.unless_window, step.side)
                        if close:
                            candidates = [h for h in candidates if h not in close]
            if not candidates:
                continue
        fired.append(Fired(step.rule, tuple(candidates), step.reason))
        if step.weight < 0.0:
            against = True
        # Distinct matched terms add up to ``stack`` times ("lol … 😂 … nårh nej").
        stack = step.stack
        n = 1
        if stack != 1 and candidates:
            n = min(stack, len({h[1] for h in candidates}))
        category = step.category
        if category is not None:
            # ``x * 1 == x`` exactly: the sums come out as the per-rule products always did.
            scores[category] = scores.get(category, 0.0) + step.weight * n
        if step.escalate:
            escalate += step.escalate * n
        if step.request:
            request = True
        if step.remove is not None:
            if remove_flags is None:
                remove_flags = set()
            remove_flags.add(step.remove)
    return Evidence(
        tokens,
        question,
        shout,
        exclaim,
        mention,
        fired,
        scores,
        escalate,
        request,
        _NO_FLAGS if remove_flags is None else remove_flags,
        spans,
        # No label or no two digits in a row, no case number (``case_refs.LABEL_HINT``):
        # skip the call (most posts).
        find_case_refs(text_raw) if digits and label else (),
        topic,
        against,
        not prog.delete_gate or any(g in by_group for g in prog.delete_gate),
    )


def _near(candidates: list[Hit], near: list[Hit], w: int, side: str) -> list[Hit]:
    """Hits with a ``near`` hit within ``w`` tokens before and/or after.

    A near word is mostly found once or twice in a post: each candidate is compared with
    each near hit, which costs less than sorting them; many near hits are bisected
    (``_near_sorted``), so long posts stay linear.
    """
    if len(near) > _NEAR_SCAN:
        return _near_sorted(candidates, near, w, side)
    before = side != "after"
    after = side != "before"
    kept = []
    for h in candidates:
        start: int = h[2]
        end: int = h[3]
        for n in near:
            # A near hit ending at or before the candidate's start, fewer than w tokens
            # away, or one starting at or after its end: what ``_near_sorted`` finds
            # from the closest of each.
            n_end: int = n[3]
            if before and n_end <= start and start - n_end < w:
                kept.append(h)
                break
            n_start: int = n[2]
            if after and n_start >= end and n_start - end < w:
                kept.append(h)
                break
    return kept


#: Up to this many near hits, ``_near`` compares each with each candidate.
_NEAR_SCAN: Final = 8


def _near_sorted(candidates: list[Hit], near: list[Hit], w: int, side: str) -> list[Hit]:
    """``_near`` by bisection over the near hits' sorted ends and starts."""
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


def _unjournalised(offensive: float, political: float, t: float) -> Category:
    """The rules' reading of a post once case and complaint are set aside: ``_category``'s
    own, and the proposal when the word model doubts the rules' journalisation."""
    if offensive >= t - _EPS:
        return "offensive"
    if political >= t - _EPS:
        return "political"
    return "general"


def _category(ev: Evidence, t: float, floor: float) -> tuple[Category, bool, float, Category]:
    """Category, review flag and confidence from the combined scores (threshold ``t``), and
    the category the rules read before a review leaned it to journalising."""
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
    else:
        cat = _unjournalised(offensive, political, t)
    strongest = max(case_s, comp_s)
    # Two-argument max, nested: the same value as max(a, b, c), without a generic call.
    rival = max(max(offensive, political), scores.get("general", 0.0))
    # Weak journalisation evidence is reviewed unless another reading clearly dominates
    # (trolling, a political opinion, praise).
    review = (
        cat not in _JOURNALISED and strongest >= floor - _EPS and strongest > rival - floor + _EPS
    )
    unleaned = cat
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
    return cat, review, _round3(min(confidence, 1.0)), unleaned


#: ``round(x, 3)`` of the confidences seen: a few dozen values, and ``round`` is a slow call.
_ROUNDED: Final[dict[float, float]] = {}


def _round3(x: float) -> float:
    r = _ROUNDED.get(x)
    if r is None:
        if len(_ROUNDED) >= 4096:
            _ROUNDED.clear()
        r = _ROUNDED[x] = round(x, 3)
    return r


_CASE_REFERENCE: Final = Reason(
    rule="case.reference",
    text="Quotes a case number: a concrete matter.",
    text_da="Henviser til et sagsnummer: en konkret sag.",
)
_REVIEW: Final = Reason(
    rule="decision.review",
    text="Weak or conflicting evidence: journalised and sent for review.",
    text_da="Svag eller modstridende evidens: journaliseres og sendes til kontrol.",
)
#: The "sensitive" reason for each set of sensitive kinds seen (at most 2**9 of them).
_SENSITIVE: Final[dict[frozenset[str], Reason]] = {}


def _sensitive_reason(kinds: frozenset[str]) -> Reason:
    reason = _SENSITIVE.get(kinds)
    if reason is None:
        reason = _SENSITIVE[kinds] = Reason(
            rule="pii.sensitive",
            text="Contains sensitive personal data (" + ", ".join(sorted(kinds)) + ").",
            text_da="Indeholder personfølsomme oplysninger.",
        )
    return reason


_DECISION_FIELDS: Final = frozenset(Decision.model_fields)
_new_object: Final = object.__new__


_set_dict: Final = slot_setter(Decision, "__dict__")
_set_fields_set: Final = slot_setter(Decision, "__pydantic_fields_set__")
_set_extra: Final = slot_setter(Decision, "__pydantic_extra__")
_set_private: Final = slot_setter(Decision, "__pydantic_private__")


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
    _set_dict(d, fields)
    _set_fields_set(d, set(_DECISION_FIELDS))
    _set_extra(d, None)
    _set_private(d, None)
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


_TRUSTED: Final = _check_trusted()


#: The reason id of a post the word model journalised (``policy.model``).
MODEL_RULE = "model.journalise-likely"
#: The rule id of the word model's doubt about a post the review band would journalise.
MODEL_DOUBT_RULE = "model.journalise-unlikely"
#: The rule id of the word model confirming the review band's lean to journalising.
MODEL_SETTLED_RULE = "model.journalise-confirmed"
#: The rule id of a post the word model alone journalised without review.
MODEL_DECIDED_RULE = "model.journalise-sure"
#: The rule id of the word model's doubt about a journalisation the rules decided.
MODEL_DOUBTED_RULE = "model.journalise-doubted"
#: The rules' journalisation is open to the model's doubt below this confidence: evidence
#: less than a third above the threshold. Over the own posts (five-fold), three in four of
#: the rules' journalisations the model finds unlikely there are no record; above it, far fewer.
_DOUBTABLE_CONFIDENCE: Final = 0.8
#: The reason id of a public post the delete model sent for deletion (``policy.delete_model``).
DELETE_MODEL_RULE = "model.delete-likely"
#: What each model reason says, in English and Danish, with its probability as ``{p}``.
_MODEL_REASON_TEXTS: Final[dict[str, tuple[str, str]]] = {
    MODEL_RULE: (
        "No rule found a case or complaint, but the word model finds one likely "
        "(p = {p}): journalised and sent for review.",
        "Ingen regel fandt en sag eller klage, men ordmodellen finder det "
        "sandsynligt (p = {p}): journaliseres og sendes til kontrol.",
    ),
    MODEL_DOUBT_RULE: (
        "The rules' evidence is weak, and the word model finds a case or complaint "
        "unlikely (p = {p}): proposed as not journalised, for review.",
        "Reglernes belæg er svagt, og ordmodellen finder en sag eller klage "
        "usandsynlig (p = {p}): foreslås ikke journaliseret, til kontrol.",
    ),
    MODEL_SETTLED_RULE: (
        "The rules' evidence is weak, but the word model finds a case or complaint "
        "likely too (p = {p}): journalised without review.",
        "Reglernes belæg er svagt, men ordmodellen finder også en sag eller klage "
        "sandsynlig (p = {p}): journaliseres uden kontrol.",
    ),
    MODEL_DECIDED_RULE: (
        "No rule found a case or complaint, but the word model finds one very likely "
        "(p = {p}): journalised without review.",
        "Ingen regel fandt en sag eller klage, men ordmodellen finder det meget "
        "sandsynligt (p = {p}): journaliseres uden kontrol.",
    ),
    MODEL_DOUBTED_RULE: (
        "The rules found a case or complaint on thin evidence, and the word model finds one "
        "very unlikely (p = {p}): proposed as not journalised, for review.",
        "Reglerne fandt en sag eller klage på et tyndt grundlag, og ordmodellen finder det "
        "meget usandsynligt (p = {p}): foreslås ikke journaliseret, til kontrol.",
    ),
    DELETE_MODEL_RULE: (
        "No rule or detector found a reason to delete, but the word model finds one "
        "likely (p = {p}): deleted only if a person confirms (sent for review).",
        "Ingen regel eller detektor fandt grund til sletning, men ordmodellen "
        "finder det sandsynligt (p = {p}): slettes kun, hvis en person bekræfter det "
        "(sendes til kontrol).",
    ),
}
#: Each model reason for each probability (two decimals), built once: a post's decision
#: carries the very object, so a batch does not format the same sentence again and again.
_MODEL_REASONS: Final[dict[tuple[str, int], Reason]] = {}


def _model_reason(rule: str, p: float) -> Reason:
    """The word model's reason ``rule`` (a key of ``_MODEL_REASON_TEXTS``) at probability
    ``p``, shown with two decimals."""
    key = int(p * 100)
    reason = _MODEL_REASONS.get((rule, key))
    if reason is None:
        shown = f"{key / 100:.2f}"
        text, text_da = _MODEL_REASON_TEXTS[rule]
        reason = _MODEL_REASONS[rule, key] = Reason(
            rule=rule, text=text.format(p=shown), text_da=text_da.format(p=shown)
        )
    return reason


#: The packaged policy, read on first use (``default_policy``).
_DEFAULT_POLICY: Final[list[Policy]] = []
#: The reason of the page's own reply (``decide``).
_OWN_REPLY: Final = Reason(
    rule="page.own-reply",
    text="The page's own reply: journalised with its thread, not on its own.",
    text_da="Sidens eget svar: journaliseres med tråden, ikke for sig.",
)


def default_policy() -> Policy:
    """The packaged policy, compiled once and kept (``sojournal.policy.load_policy()``)."""
    if not _DEFAULT_POLICY:
        _DEFAULT_POLICY.append(read_policy(None))
    return _DEFAULT_POLICY[0]


def decide(post: Post, policy: Policy | None = None) -> Decision:
    """Decide journalisation, removal, reply and escalation for one post. Pure and fast.

    ``sojournal.policy.decide``: here, compiled, rather than an interpreted wrapper around
    ``decide_with`` (its frame, the post's attributes and the tuple cost some 5k
    instructions a post).
    """
    pol = policy if policy is not None else default_policy()
    from_page, text, channel = _post_fields(post)
    if from_page:
        return Decision(
            category="general",
            journalise=False,
            reasons=(_OWN_REPLY,),
            policy_version=pol.version,
            kle=pol.default_kle[0],
        )
    prog = program(pol)
    return _decision(_gather(text, channel, prog, None), channel, prog)


#: ``Post`` as a native static (compiled, an imported name is a look-up in the module's dict).
_POST: Final = Post


def _post_fields(post: Post) -> tuple[bool, str, str]:
    """``post.from_page``, ``post.text`` and ``post.channel``, read from its fields' dict.

    A pydantic model defines ``__getattr__``, so each attribute read goes through Python's
    slow hook (about 400 instructions): one for ``__dict__`` instead of three. A ``Post``
    (not a subclass, which might define properties) keeps every field in its ``__dict__``,
    and no data descriptor of the class stands before them: the dict gives what the
    attributes give.
    Anything else (a subclass, a field missing or of another type) reads the attributes.
    """
    if type(post) is _POST:
        fields = post.__dict__
        from_page = fields.get("from_page")
        text = fields.get("text")
        channel = fields.get("channel")
        if type(from_page) is bool and type(text) is str and type(channel) is str:
            return from_page, text, channel
    return bool(post.from_page), post.text, post.channel


def decide_with(
    post_text: str, channel: str, policy: Policy, scan: Scanner | None = None
) -> tuple[Decision, Evidence]:
    """Decide one post's text on one channel; also return the evidence for ``explain``."""
    prog = program(policy)
    ev = _gather(post_text, channel, prog, scan)
    return _decision(ev, channel, prog), ev


def _decision(ev: Evidence, channel: str, prog: Program) -> Decision:
    """The decision ``ev`` (gathered on ``channel``) comes to under ``prog``."""
    cat, review, confidence, unleaned = _category(ev, prog.threshold, prog.review_floor)
    scores = ev.scores
    model_reason: Reason | None = None
    delete_reason: Reason | None = None
    trolling = cat == "offensive"
    # When the model doubts the rules' journalisation, removal is still judged on the rules'
    # category: a person confirms the doubt, and until then the post is handled as read.
    doubted: Category | None = None
    model = prog.model
    if model is not None:
        if not review:
            if cat in _JOURNALISED:
                if confidence < _DOUBTABLE_CONFIDENCE and prog.model_doubts_rules_below > 0.0:
                    # Rules and model in conflict: the rules found a record on thin
                    # evidence, the model finds one very unlikely. A person decides; the
                    # proposal is the model's, which is right three times in four there.
                    p = model.probability(ev.tokens)
                    if p < prog.model_doubts_rules_below:
                        doubted = cat
                        cat = _unjournalised(
                            scores.get("offensive", 0.0),
                            scores.get("political", 0.0),
                            prog.threshold,
                        )
                        trolling = cat == "offensive"
                        review = True
                        confidence = 0.5
                        model_reason = _model_reason(MODEL_DOUBTED_RULE, p)
            else:
                # The rules found no journalisation evidence worth a review: the word model
                # may still know the wording. Confident -> journalised for a person to
                # confirm; surer still when a rule spoke against it (thanks, "nothing to
                # complain about"). A rule that found no own matter in so many words (a
                # rule question: the case score below zero) it never overrules: over the
                # own posts that costs nothing, and the model is not asked about most
                # general questions.
                case_s = scores.get("case", 0.0)
                against = scores.get("general", 0.0) > 0.0 or ev.against
                bar = prog.model_threshold_against if against else model.threshold
                if bar < 1.0 and not (against and case_s < 0.0):
                    p = model.probability(ev.tokens)
                    if p >= bar:
                        # A case only on some own-matter evidence: without any, the words
                        # are a complaint's as often, and a complaint is not deleted for
                        # being one (the delete model still looks for personal data).
                        cat = (
                            "case"
                            if case_s > max(0.0, scores.get("complaint", 0.0))
                            else "complaint"
                        )
                        if not against and p >= prog.model_decides_above:
                            # As sure as a rule, with nothing said against it: the
                            # evidence is not weak, so no person need confirm it.
                            confidence = 0.7
                            model_reason = _model_reason(MODEL_DECIDED_RULE, p)
                        else:
                            review = True
                            confidence = 0.5
                            model_reason = _model_reason(MODEL_RULE, p)
        elif unleaned not in _JOURNALISED and prog.model_settles_band:
            # Weak evidence leans to journalising, because a missed record is worse than
            # an extra one, unless the word model is sure it is no record: then the
            # proposal a person confirms is the rules' own reading, not the lean. When the
            # model is as sure that it is one, the evidence is no longer weak: the lean
            # is the decision, and no person need confirm it.
            p = model.probability(ev.tokens)
            if p < prog.model_review_below:
                cat = unleaned
                trolling = cat == "offensive"
                model_reason = _model_reason(MODEL_DOUBT_RULE, p)
            elif p >= prog.model_settles_above:
                review = False
                confidence = 0.7
                model_reason = _model_reason(MODEL_SETTLED_RULE, p)
    sensitive_kinds: frozenset[str] = _NO_KINDS
    if ev.spans:
        sensitive_kinds = frozenset(s.kind for s in ev.spans) & SENSITIVE_KINDS
    sensitive = bool(sensitive_kinds)
    journalise = cat in _JOURNALISED

    remove: Removal | None = None
    if channel != "messenger":
        read = cat if doubted is None else doubted
        if (
            read == "case"
            or sensitive
            or "delete" in ev.remove_flags
            or (
                read == "complaint"
                and (scores.get("case", 0.0) >= prog.complaint_delete_floor or bool(ev.case_refs))
            )
        ):
            remove = "delete"
        elif read == "offensive" or "hide" in ev.remove_flags:
            remove = "hide"
        delete_model = prog.delete_model
        if remove != "delete" and delete_model is not None and ev.delete_gate_open:
            # Personal data said in passing has more wordings than any lexicon lists: a
            # public post the word model finds deletable waits for a person (review).
            p = delete_model.probability(ev.tokens)
            if p >= delete_model.threshold:
                remove = "delete"
                delete_reason = _model_reason(DELETE_MODEL_RULE, p)

    reply: ReplyKind
    if journalise:
        reply = "redirect"
    elif cat == "general":
        reply = "answer" if ev.question else "none"
    else:
        reply = "none"

    # A troll the model finds a case in is journalised and still escalated (LABELLING).
    escalate = trolling or ev.escalate >= prog.threshold
    reasons = [f.reason for f in ev.fired]
    if ev.case_refs:
        reasons.append(_CASE_REFERENCE)
    if sensitive:
        reasons.append(_sensitive_reason(sensitive_kinds))
    if model_reason is not None:
        reasons.append(model_reason)
    if review:
        reasons.append(_REVIEW)
    elif delete_reason is not None:
        # Its reason says so: deleted only when a person confirms. Like the journalise
        # model's, the word is as sure as the review band, not the rules' category.
        review = True
        confidence = min(confidence, 0.5)
    if delete_reason is not None:
        reasons.append(delete_reason)
    if not reasons:
        reasons.append(_NO_EVIDENCE)
    topic = ev.topic
    kle = (
        prog.default_kle[0] if topic is None else prog.kle_by_topic.get(topic, prog.default_kle)[0]
    )
    spans = ev.spans
    case_refs = ev.case_refs
    if spans or case_refs or not _TRUSTED:
        return _build_decision(
            prog, cat, remove, reply, escalate, sensitive, review, confidence,
            spans, reasons, kle, topic, case_refs,
        )  # fmt: skip
    # No personal data and no case number: the decision is one of a few hundred a policy
    # gives (general posts), and is remembered (``Program.decisions``).
    key = (cat, remove, reply, escalate, review, confidence, kle, topic)
    known = prog.decisions.get(key)
    if known is not None:
        for old_reasons, old in known:
            if _same_objects(old_reasons, reasons):
                return old
    decision = _build_decision(
        prog, cat, remove, reply, escalate, False, review, confidence,
        (), reasons, kle, topic, (),
    )  # fmt: skip
    decisions = prog.decisions
    if len(decisions) >= _DECISIONS_SIZE:
        decisions.clear()
    # Replaced whole, never appended to: a thread reading the old list never sees it change.
    decisions[key] = [*(known or ()), (decision.reasons, decision)]
    return decision


#: Decisions a ``Program`` remembers (``Program.decisions``) before it starts afresh.
_DECISIONS_SIZE: Final = 4096


def _same_objects(old: tuple[Reason, ...], new: list[Reason]) -> bool:
    """Whether ``old`` and ``new`` hold the very same objects in the same order."""
    if len(old) != len(new):
        return False
    return all(old[i] is reason for i, reason in enumerate(new))


def _build_decision(
    prog: Program,
    cat: Category,
    remove: Removal | None,
    reply: ReplyKind,
    escalate: bool,
    sensitive: bool,
    review: bool,
    confidence: float,
    spans: tuple[PiiSpan, ...],
    reasons: list[Reason],
    kle: str,
    topic: str | None,
    case_refs: tuple[str, ...],
) -> Decision:
    """A new ``Decision`` of these fields (``_trusted_decision`` where it may be)."""
    fields = prog.fields.copy()
    fields["category"] = cat
    if cat in _JOURNALISED:
        fields["journalise"] = True
    if remove is not None:
        fields["remove"] = remove
    fields["reply"] = reply
    if escalate:
        fields["escalate"] = ESCALATE_TO
    if sensitive:
        fields["sensitive"] = True
    if review:
        fields["review"] = True
    fields["confidence"] = confidence
    if spans:
        fields["pii"] = spans
    fields["reasons"] = tuple(reasons)
    fields["kle"] = kle
    if topic is not None:
        fields["topic"] = topic
    if case_refs:
        fields["case_refs"] = case_refs
    # An injected scanner is outside the engine: its spans are trusted only when they are
    # what validation would keep as they are (a tuple of PiiSpan models).
    trusted = _TRUSTED and type(spans) is tuple and all(type(s) is PiiSpan for s in spans)
    return _trusted_decision(fields) if trusted else Decision(**fields)


def kle_pair(topic: str | None, policy: Policy) -> tuple[str, str]:
    """KLE number and handling facet for a topic name; the policy's default otherwise."""
    if topic is None:
        return policy.default_kle
    return policy.kle_by_topic.get(topic, policy.default_kle)
