"""The policy as data: a TOML rules file, validated and compiled once into a ``Policy``.

The package ships ``rules/default.toml``; a municipality points
``load_policy(path)`` at its own copy to change lexicons, weights or reasons
without touching code. Every problem is reported as a ``PolicyError`` naming
the file, the rule id and the field, so the person editing the file can find it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal, TypeGuard, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sojournal.errors import PolicyError
from sojournal.models import Channel, PiiKind, Reason
from sojournal.policy.lexicon import TermError, TermMatcher, compile_term, expand_term
from sojournal.policy.model import TextModel, read_model
from sojournal.policy.text import fold

__all__ = [
    "BUILTIN_FEATURES",
    "Policy",
    "Rule",
    "RuleSpec",
    "Topic",
    "parse_policy",
    "read_policy",
]

#: Conditions every rule may use besides lexicon names.
BUILTIN_FEATURES = frozenset({"question", "shout", "exclaim", "mention", "public", "english"})
# What the models accept, so a rule can name nothing a post or detector never has.
_CHANNELS: frozenset[str] = frozenset(get_args(Channel))
_PII_KINDS: frozenset[str] = frozenset(get_args(PiiKind))
_RESERVED_LEXICONS = ("negation",)


class RuleSpec(BaseModel):
    """One rule as written in the file, validated field by field (``Rule`` is what runs)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    terms: tuple[str, ...] = ()
    lexicon: str | None = None
    near: str | None = None
    window: int = Field(default=3, ge=1, le=12)
    side: Literal["before", "after", "either"] = "either"
    unless_near: str | None = None
    unless_window: int | None = Field(default=None, ge=1, le=12)
    stack: int = Field(default=1, ge=1, le=10)
    when: tuple[str, ...] = ()
    when_any: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    pii: tuple[str, ...] = ()
    negatable: bool = True
    category: Literal["case", "complaint", "general", "political", "offensive"] | None = None
    weight: float = Field(default=1.0, ge=-5.0, le=5.0)
    escalate: float = Field(default=0.0, ge=0.0, le=5.0)
    remove: Literal["hide", "delete"] | None = None
    request: bool = False
    reason_en: str = Field(min_length=1)
    reason_da: str = Field(min_length=1)

    @field_validator("channels")
    @classmethod
    def _known_channels(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        bad = [c for c in v if c not in _CHANNELS]
        if bad:
            raise ValueError(f"unknown channel {bad[0]!r}")
        return v

    @field_validator("pii")
    @classmethod
    def _known_kinds(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        bad = [k for k in v if k not in _PII_KINDS]
        if bad:
            raise ValueError(f"unknown pii kind {bad[0]!r}")
        return v


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """One rule: what it matches, under which conditions, and what it contributes.

    Validated as a ``RuleSpec`` and kept as a slotted dataclass: ``BaseModel`` defines
    ``__getattr__``, which turns off CPython's fast attribute reads, and the engine reads
    a dozen attributes of every rule it tries on every post (4x cheaper this way).
    """

    id: str
    terms: tuple[str, ...] = ()
    lexicon: str | None = None
    near: str | None = None
    window: int = 3
    side: Literal["before", "after", "either"] = "either"
    #: A match is dropped when a hit of this lexicon lies within ``unless_window`` tokens
    #: (default ``window``) on ``side``: "not near".
    unless_near: str | None = None
    unless_window: int | None = None
    stack: int = 1
    #: All of ``when`` must be present, and at least one of ``when_any`` if it is given.
    when: tuple[str, ...] = ()
    when_any: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    pii: tuple[str, ...] = ()
    negatable: bool = True
    category: Literal["case", "complaint", "general", "political", "offensive"] | None = None
    weight: float = 1.0
    escalate: float = 0.0
    remove: Literal["hide", "delete"] | None = None
    request: bool = False
    reason_en: str
    reason_da: str

    @classmethod
    def model_validate(cls, raw: Any) -> Rule:
        """Validate one ``[[rule]]`` table (raises pydantic's ``ValidationError``)."""
        return cls(**dict(RuleSpec.model_validate(raw)))


@dataclass(frozen=True, slots=True)
class Topic:
    """A KLE subject: the terms that reveal it, and where it is filed."""

    name: str
    kle: str
    facet: str


@dataclass(frozen=True, slots=True, eq=False)
class Policy:
    """A compiled policy: rules, one matcher over every term, KLE topics, thresholds."""

    version: str
    name: str
    source: str
    rules: tuple[Rule, ...]
    #: Each rule with the matcher groups that trigger it (empty: conditions only).
    plan: tuple[tuple[Rule, tuple[str, ...]], ...]
    #: Matcher group -> indexes into ``plan`` of the rules it triggers (a rule without
    #: terms is triggered by the first lexicon its ``when`` requires, if any).
    triggers: dict[str, tuple[int, ...]]
    #: Indexes of rules with no terms and no lexicon required: checked on every post.
    unconditional: tuple[int, ...]
    #: Whether any rule asks for the ``english`` feature (the only one worth computing lazily).
    uses_english: bool
    #: The ``Reason`` each rule gives, built once.
    reasons: dict[str, Reason]
    matcher: TermMatcher
    spelling: dict[str, str]
    lexicons: frozenset[str]
    topics: tuple[Topic, ...]
    #: (matcher group, topic name) for each topic, in file order.
    topic_groups: tuple[tuple[str, str], ...]
    #: Matcher group -> (file position, topic name), to look only at the groups a post hit.
    topic_index: dict[str, tuple[int, str]]
    #: Topic name -> (KLE number, facet).
    kle_by_topic: dict[str, tuple[str, str]]
    default_kle: tuple[str, str]
    threshold: float
    review_floor: float
    negation_window: int
    #: A public complaint is deleted when its own-matter (case) evidence reaches this: it is
    #: then about a concrete matter of the writer's, not only a service that failed them
    #: (``[policy] complaint_delete_floor``; default: ``review_floor``).
    complaint_delete_floor: float = 0.5
    #: The word model asked about posts the rules leave unjournalised (``[policy] model``).
    model: TextModel | None = None
    #: The word model asked about public posts the rules leave up (``[policy] delete_model``):
    #: a confident one is deleted for review, so a person confirms.
    delete_model: TextModel | None = None
    #: The delete model is asked only when one of these lexicons has a hit
    #: (``[policy] delete_model_when_any``; empty: always): personal data needs a person.
    delete_model_when_any: tuple[str, ...] = ()
    #: The journalise model's bar for a post a rule spoke against (thanks, "nothing to
    #: complain about"; never a rule question) (``[policy] model_threshold_against``; 1: the
    #: model is not asked about those).
    model_threshold_against: float = 1.0
    #: Below this probability the journalise model overrules the review band's lean to
    #: journalising (``[policy] model_review_below``; 0: never).
    model_review_below: float = 0.0
    #: At or above this probability the journalise model confirms the review band's lean:
    #: journalised without review (``[policy] model_settles_above``; 1: never).
    model_settles_above: float = 1.0
    #: At or above this probability the journalise model alone journalises a post no rule
    #: spoke against, without review: as sure as the rules' own threshold
    #: (``[policy] model_decides_above``; 1: never).
    model_decides_above: float = 1.0
    #: Below this probability the journalise model doubts a journalisation the rules decided
    #: on evidence less than a third above the threshold: proposed as not journalised, for
    #: review (``[policy] model_doubts_rules_below``; 0: never).
    model_doubts_rules_below: float = 0.0
    #: The engine's compiled form of this policy (``engine.Program``), built on first use;
    #: not an argument, so ``dataclasses.replace`` never carries one over to a new policy.
    program: Any = dataclass_field(default=None, init=False, repr=False)


def _err(file: str, reason: str, rule: str = "", field: str = "") -> PolicyError:
    return PolicyError(reason, file=file, rule=rule, field=field)


def _str_list(value: Any, file: str, where: str, field: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise _err(file, "must be a list of non-empty strings", rule=where, field=field)
    return value


def _kle_pair(value: Any, file: str, field: str) -> tuple[str, str]:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not re.fullmatch(r"\d{2}\.\d{2}\.\d{2}", str(value[0]))
        or not re.fullmatch(r"[A-Z]\d{2}", str(value[1]))
    ):
        raise _err(file, 'must be ["NN.NN.NN", "X00"]', field=field)
    return str(value[0]), str(value[1])


def _is_number(value: object) -> TypeGuard[int | float]:
    """A TOML integer or float; not a boolean, which Python counts as an int."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _probability(meta: Mapping[str, Any], source: str, key: str, default: float) -> float:
    """``[policy] <key>``, a probability from 0 to 1 inclusive (the ends switch it off)."""
    value = meta.get(key, default)
    if not _is_number(value) or not 0 <= value <= 1:
        raise _err(source, "must be a probability from 0 to 1", field=f"policy.{key}")
    return float(value)


def _read_model(
    meta: Mapping[str, Any], source: str, base: Traversable | None, key: str = "model"
) -> TextModel | None:
    """The model ``[policy] <key>`` names, next to the rules file; none when not named.
    Its threshold is ``<key>_threshold`` (default 0.7)."""
    name = meta.get(key)
    threshold = meta.get(f"{key}_threshold", 0.7)
    if name is None:
        return None
    if not isinstance(name, str) or not name.strip() or base is None:
        raise _err(source, "must name a model file next to the rules file", field=f"policy.{key}")
    if not _is_number(threshold) or not 0 < threshold < 1:
        raise _err(source, "must be a probability between 0 and 1", field=f"policy.{key}_threshold")
    ref = base.joinpath(name)
    try:
        raw = ref.read_bytes()
    except OSError as exc:
        raise _err(source, f"cannot read {name} ({exc.strerror})", field=f"policy.{key}") from None
    return read_model(raw, f"{source}: {name}", float(threshold), field=f"policy.{key}")


def parse_policy(
    data: Mapping[str, Any], source: str = "<memory>", base: Traversable | None = None
) -> Policy:
    """Validate and compile parsed TOML; raise ``PolicyError`` on the first problem.

    ``base`` is the folder the rules file is in: a model it names is read from there.
    """
    meta = data.get("policy")
    if not isinstance(meta, Mapping):
        raise _err(source, "missing [policy] table", field="policy")
    version = meta.get("version")
    if not isinstance(version, str) or not version:
        raise _err(source, "must be a non-empty string", field="policy.version")
    threshold = meta.get("threshold", 1.0)
    floor = meta.get("review_floor", 0.5)
    window = meta.get("negation_window", 2)
    for key, val in (("threshold", threshold), ("review_floor", floor)):
        if not _is_number(val) or val <= 0:
            raise _err(source, "must be a positive number", field=f"policy.{key}")
    if not floor < threshold:
        raise _err(source, "must be below policy.threshold", field="policy.review_floor")
    complaint_floor = meta.get("complaint_delete_floor", floor)
    if not _is_number(complaint_floor) or not floor <= complaint_floor <= 2 * threshold:
        raise _err(
            source,
            "must be a number from policy.review_floor to twice policy.threshold",
            field="policy.complaint_delete_floor",
        )
    if not isinstance(window, int) or not 0 <= window <= 6:
        raise _err(source, "must be an integer 0-6", field="policy.negation_window")
    model = _read_model(meta, source, base)
    delete_model = _read_model(meta, source, base, "delete_model")
    against = _probability(meta, source, "model_threshold_against", 1.0)
    review_below = _probability(meta, source, "model_review_below", 0.0)
    settles = _probability(meta, source, "model_settles_above", 1.0)
    decides = _probability(meta, source, "model_decides_above", 1.0)
    doubts = _probability(meta, source, "model_doubts_rules_below", 0.0)
    if model is None and (
        against < 1.0 or review_below > 0.0 or settles < 1.0 or decides < 1.0 or doubts > 0.0
    ):
        raise _err(source, "needs policy.model (a word model to ask)", field="policy.model")
    if model is not None and not review_below < model.threshold <= against:
        raise _err(
            source,
            "must keep model_review_below < model_threshold <= model_threshold_against",
            field="policy.model_threshold",
        )
    if not review_below < settles:
        raise _err(
            source, "must be above policy.model_review_below", field="policy.model_settles_above"
        )
    if not doubts <= review_below:
        # The rules' own decision needs a surer doubt than the review band's weak lean.
        raise _err(
            source,
            "must not exceed policy.model_review_below",
            field="policy.model_doubts_rules_below",
        )
    if model is not None and not model.threshold <= decides:
        raise _err(
            source, "must be at least policy.model_threshold", field="policy.model_decides_above"
        )

    spelling_raw = data.get("spelling", {})
    if not isinstance(spelling_raw, Mapping) or not all(
        isinstance(v, str) for v in spelling_raw.values()
    ):
        raise _err(source, "must map misspellings to words", field="spelling")
    spelling = {fold(k): fold(v) for k, v in spelling_raw.items()}

    lex_raw = data.get("lexicons", {})
    if not isinstance(lex_raw, Mapping):
        raise _err(source, "must be a table of term lists", field="lexicons")
    terms: list[tuple[str, str]] = []
    for name, items in lex_raw.items():
        if name in BUILTIN_FEATURES:
            raise _err(source, "name is reserved for a built-in feature", field=f"lexicons.{name}")
        for term in _str_list(items, source, "", f"lexicons.{name}"):
            terms.append((name, term))
    lexicons = frozenset(lex_raw)
    negations = [t for n, t in terms if n in _RESERVED_LEXICONS]
    delete_model_when_any = tuple(
        _str_list(meta.get("delete_model_when_any", []), source, "", "policy.delete_model_when_any")
    )
    for name in delete_model_when_any:
        if name not in lexicons:
            raise _err(source, f"unknown lexicon {name!r}", field="policy.delete_model_when_any")

    rules_raw = data.get("rule", [])
    if not isinstance(rules_raw, list) or not rules_raw:
        raise _err(source, "at least one [[rule]] is required", field="rule")
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, raw in enumerate(rules_raw):
        rid = str(raw.get("id", f"#{i + 1}")) if isinstance(raw, Mapping) else f"#{i + 1}"
        try:
            rule = Rule.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"] if not isinstance(p, int)) or "rule"
            raise _err(source, first["msg"], rule=rid, field=field) from None
        if rule.id in seen:
            raise _err(source, "duplicate rule id", rule=rule.id, field="id")
        seen.add(rule.id)
        for field in ("lexicon", "near", "unless_near"):
            name = getattr(rule, field)
            if name is not None and name not in lexicons:
                raise _err(source, f"unknown lexicon {name!r}", rule=rule.id, field=field)
        for field in ("when", "when_any", "unless"):
            for name in getattr(rule, field):
                if name not in lexicons and name not in BUILTIN_FEATURES:
                    raise _err(source, f"unknown lexicon or feature {name!r}", rule.id, field)
        if isinstance(raw, Mapping) and "when_any" in raw and not rule.when_any:
            # An empty list would silently mean "no condition": say so instead.
            raise _err(source, "must name at least one condition", rule.id, "when_any")
        if rule.unless_near is None and rule.unless_window is not None:
            raise _err(source, "needs unless_near", rule=rule.id, field="unless_window")
        if rule.unless_near is not None and not rule.terms and rule.lexicon is None:
            # Only a matched term has a position for "not near" to measure from.
            raise _err(source, "needs terms or lexicon to match", rule.id, "unless_near")
        if (
            not rule.terms
            and rule.lexicon is None
            and not rule.when
            and not rule.when_any
            and not rule.pii
        ):
            raise _err(
                source, "needs terms, lexicon, when, when_any or pii", rule=rule.id, field="terms"
            )
        quiet = rule.category is None and rule.escalate == 0 and rule.remove is None
        if quiet and not rule.request:
            raise _err(source, "contributes nothing", rule=rule.id, field="category")
        for term in rule.terms:
            try:
                for expanded in expand_term(term):
                    compile_term(expanded)
            except TermError as exc:
                raise _err(source, str(exc), rule=rule.id, field="terms") from None
            terms.append((f"rule:{rule.id}", term))
        rules.append(rule)

    topics, default_kle = _parse_kle(data.get("kle", {}), source, terms)
    plan = tuple(
        (r, (*((f"rule:{r.id}",) if r.terms else ()), *((r.lexicon,) if r.lexicon else ())))
        for r in rules
    )
    triggers: dict[str, list[int]] = {}
    unconditional: list[int] = []
    for i, (r, groups) in enumerate(plan):
        # A rule without terms that requires a lexicon ("when = ['case_noun']") cannot
        # fire on a post where that lexicon found nothing: let the lexicon trigger it,
        # so the engine does not try it on every post. Likewise ``when_any`` of lexicons
        # only: any one of them triggers it (a built-in feature among them cannot).
        needs = groups or tuple(n for n in r.when if n in lexicons)[:1]
        if not needs and r.when_any and all(n in lexicons for n in r.when_any):
            needs = tuple(dict.fromkeys(r.when_any))
        if not needs:
            unconditional.append(i)
        for g in needs:
            triggers.setdefault(g, []).append(i)
    try:
        matcher = TermMatcher(terms, negations=negations)
    except TermError as exc:
        raise _err(source, str(exc), field="terms") from None
    return Policy(
        version=version,
        name=str(meta.get("name", "")),
        source=source,
        rules=tuple(rules),
        plan=plan,
        triggers={g: tuple(ix) for g, ix in triggers.items()},
        reasons={r.id: Reason(rule=r.id, text=r.reason_en, text_da=r.reason_da) for r in rules},
        unconditional=tuple(unconditional),
        uses_english=any("english" in (*r.when, *r.when_any, *r.unless) for r in rules),
        matcher=matcher,
        spelling=spelling,
        lexicons=lexicons,
        topics=topics,
        topic_groups=tuple((f"topic:{t.name}", t.name) for t in topics),
        topic_index={f"topic:{t.name}": (i, t.name) for i, t in enumerate(topics)},
        kle_by_topic={t.name: (t.kle, t.facet) for t in reversed(topics)},
        default_kle=default_kle,
        threshold=float(threshold),
        review_floor=float(floor),
        complaint_delete_floor=float(complaint_floor),
        negation_window=window,
        model=model,
        delete_model=delete_model,
        delete_model_when_any=delete_model_when_any,
        model_threshold_against=against,
        model_review_below=review_below,
        model_settles_above=settles,
        model_decides_above=decides,
        model_doubts_rules_below=doubts,
    )


def _parse_kle(
    kle: Any, source: str, terms: list[tuple[str, str]]
) -> tuple[tuple[Topic, ...], tuple[str, str]]:
    if not isinstance(kle, Mapping):
        raise _err(source, "must be a table", field="kle")
    default = _kle_pair(kle.get("default", ["00.01.00", "G01"]), source, "kle.default")
    topics: list[Topic] = []
    for name, spec in kle.get("topics", {}).items():
        where = f"kle.topics.{name}"
        if not isinstance(spec, Mapping):
            raise _err(source, "must be a table", field=where)
        number, facet = _kle_pair([spec.get("kle"), spec.get("facet", "G01")], source, where)
        for term in _str_list(spec.get("terms"), source, "", f"{where}.terms"):
            terms.append((f"topic:{name}", term))
        topics.append(Topic(name, number, facet))
    return tuple(topics), default


def read_policy(path: str | Path | None = None) -> Policy:
    """Read and compile a rules file; ``None`` is the packaged default."""
    base: Traversable
    if path is None:
        base = resources.files("sojournal.policy").joinpath("rules")
        source, raw = "default.toml", base.joinpath("default.toml").read_bytes()
    else:
        source = str(path)
        base = Path(path).resolve().parent
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise _err(source, f"cannot read file ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _err(source, f"not valid TOML: {exc}") from None
    return parse_policy(data, source, base)
