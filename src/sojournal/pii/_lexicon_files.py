"""Lexicon files: reading and checking the TOML word lists (see ``lexicon``).

Kept apart from the term index because pydantic models are not compiled: the index
is (``tools/compile_hot.py``), this stays plain Python. ``sojournal.pii.lexicon``
re-exports everything here.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict

from sojournal.errors import PolicyError

__all__ = ["Lexicon", "TermGroup", "load_lexicon", "parse_lexicon"]


class TermGroup(BaseModel):
    """One group of terms in a lexicon file, with the fields its consumer reads."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    terms: tuple[str, ...]
    fields: tuple[tuple[str, str], ...] = ()

    def field(self, name: str, default: str = "") -> str:
        return dict(self.fields).get(name, default)


class Lexicon(BaseModel):
    """A loaded lexicon file: its name (for error messages) and its groups in order."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str
    fields: tuple[tuple[str, str], ...] = ()
    groups: tuple[TermGroup, ...]

    def field(self, name: str, default: str = "") -> str:
        return dict(self.fields).get(name, default)


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def parse_lexicon(text: str, file: str) -> Lexicon:
    """Parse and check one lexicon file; every fault names the file and the field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"not valid TOML ({exc})", file=file) from None
    raw_groups = data.get("groups")
    if not isinstance(raw_groups, list) or not raw_groups:
        raise PolicyError("must have at least one [[groups]] table", file=file, field="groups")
    top = tuple((k, v) for k, v in data.items() if k != "groups" and isinstance(v, str))
    groups = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_groups):
        where = f"groups[{i}]"
        if not isinstance(raw, dict):
            raise PolicyError("must be a table", file=file, field=where)
        gid = raw.get("id")
        if not isinstance(gid, str) or not gid:
            raise PolicyError("missing or empty", file=file, field=f"{where}.id")
        if gid in seen:
            raise PolicyError(f"duplicate group id {gid!r}", file=file, field=f"{where}.id")
        seen.add(gid)
        terms = raw.get("terms")
        if not _strings(terms) or not terms:
            raise PolicyError(
                "must be a non-empty list of strings", file=file, rule=gid, field="terms"
            )
        for j, term in enumerate(terms):
            try:
                _check_term(term)
            except ValueError as exc:
                raise PolicyError(str(exc), file=file, rule=gid, field=f"terms[{j}]") from None
        extra = []
        for key, value in raw.items():
            if key in {"id", "terms"}:
                continue
            if not isinstance(value, str):
                raise PolicyError("must be a string", file=file, rule=gid, field=key)
            extra.append((key, value))
        groups.append(TermGroup(id=gid, terms=tuple(terms), fields=tuple(extra)))
    return Lexicon(file=file, fields=top, groups=tuple(groups))


@cache
def load_lexicon(name: str) -> Lexicon:
    """A lexicon shipped in ``sojournal/pii/lexicons/`` (loaded once per process)."""
    path = resources.files("sojournal.pii") / "lexicons" / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise PolicyError("lexicon file not found", file=name) from None
    return parse_lexicon(text, name)


def _check_term(term: str) -> None:
    """Raise ``ValueError`` for a term the index cannot read (imported late: the index
    module imports this one)."""
    from sojournal.pii.lexicon import term_pattern

    term_pattern([term])
