"""Shitstorm detection: threshold within the window, once per thread, across runs."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sojournal.errors import ConfigError
from sojournal.models import Decision, Post
from sojournal.platforms.port import Escalation
from sojournal.shitstorm import RULE_ID, ShitstormDetector, is_angry

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=30)


def feed(
    detector: ShitstormDetector, thread: str, minutes: list[float], prefix: str = "c"
) -> list[Escalation]:
    found = []
    for i, m in enumerate(minutes):
        e = detector.observe(thread, f"{prefix}{i}", T0 + timedelta(minutes=m), angry=True)
        if e is not None:
            found.append(e)
    return found


def test_below_threshold_nothing() -> None:
    d = ShitstormDetector(threshold=10, window=WINDOW)
    assert feed(d, "T", [i for i in range(9)]) == []


def test_threshold_within_window_escalates_once_with_the_tipping_post() -> None:
    d = ShitstormDetector(threshold=10, window=WINDOW)
    found = feed(d, "T", [i * 3 for i in range(10)])
    assert found == [Escalation(kind="shitstorm", post_id="c9", thread_id="T", rules=(RULE_ID,))]
    assert feed(d, "T", [30 + i for i in range(20)], prefix="more") == []


def test_spread_beyond_window_none() -> None:
    d = ShitstormDetector(threshold=10, window=WINDOW)
    # 10 comments, 4 minutes apart: any 30-minute window holds at most 8
    assert feed(d, "T", [i * 4 for i in range(10)]) == []


def test_calm_comments_and_other_threads_do_not_count() -> None:
    d = ShitstormDetector(threshold=3, window=WINDOW)
    for i in range(5):
        assert d.observe("T", f"calm{i}", T0, angry=False) is None
    assert feed(d, "A", [0, 1]) == [] and feed(d, "B", [0, 1], prefix="b") == []


def test_the_same_comment_read_twice_counts_once() -> None:
    d = ShitstormDetector(threshold=3, window=WINDOW)
    for _ in range(5):
        assert d.observe("T", "same", T0, angry=True) is None
    assert d.observe("T", "other", T0, angry=True) is None
    assert d.observe("T", "third", T0, angry=True) is not None


def test_out_of_order_within_window_still_counts() -> None:
    d = ShitstormDetector(threshold=3, window=WINDOW)
    assert [e.post_id for e in feed(d, "T", [20, 5, 10])] == ["c2"]


def test_missing_created_time_uses_the_clock() -> None:
    d = ShitstormDetector(threshold=2, window=WINDOW, clock=lambda: T0)
    assert d.observe("T", "a", None, angry=True) is None
    assert d.observe("T", "b", T0 + timedelta(minutes=1), angry=True) is not None


def test_naive_times_are_utc() -> None:
    d = ShitstormDetector(threshold=2, window=WINDOW)
    naive = T0.replace(tzinfo=None)
    assert d.observe("T", "a", naive, angry=True) is None
    assert d.observe("T", "b", T0 + timedelta(minutes=29), angry=True) is not None


def test_memory_is_bounded_by_the_window() -> None:
    d = ShitstormDetector(threshold=1000, window=WINDOW)
    for i in range(5000):
        d.observe(f"T{i % 50}", f"c{i}", T0 + timedelta(minutes=i), angry=True)
    # one comment a minute overall: only the last 30 minutes are kept
    assert d.tracked_comments <= 31


def test_persisted_across_instances(tmp_path: Path) -> None:
    store = tmp_path / "shared.db"
    first = ShitstormDetector(threshold=3, window=WINDOW, store_path=store)
    assert len(feed(first, "T", [0, 1, 2])) == 1
    first.close()
    again = ShitstormDetector(threshold=3, window=WINDOW, store_path=store)
    assert feed(again, "T", [0, 1, 2, 3]) == []
    assert len(feed(again, "U", [0, 1, 2])) == 1
    db = sqlite3.connect(store)
    assert db.execute("SELECT thread_id, post_id FROM shitstorm_threads ORDER BY 1").fetchall() == [
        ("T", "c2"),
        ("U", "c2"),
    ]
    db.close()


def test_release_lets_an_undelivered_escalation_fire_again(tmp_path: Path) -> None:
    d = ShitstormDetector(threshold=3, window=WINDOW, store_path=tmp_path / "s.db")
    assert len(feed(d, "T", [0, 1, 2])) == 1
    d.release("T")
    again = d.observe("T", "late", T0 + timedelta(minutes=3), angry=True)
    assert again is not None and again.post_id == "late"


def test_observe_post_uses_thread_and_decision() -> None:
    d = ShitstormDetector(threshold=2, window=WINDOW)
    angry = Decision(category="complaint", journalise=True, reply="redirect")
    calm = Decision(category="general", journalise=False)
    critical = Decision(category="political", journalise=False, escalate="politik-og-organisation")
    assert is_angry(angry) and is_angry(critical) and not is_angry(calm)

    def comment(i: int, channel: str = "facebook_comment") -> Post:
        return Post.model_validate(
            {"id": f"p_{i}", "channel": channel, "post_id": "p", "created": T0}
        )

    assert d.observe_post(comment(1, "messenger"), angry) is None
    assert d.observe_post(comment(2, "messenger"), angry) is None
    assert d.observe_post(comment(3), calm) is None
    assert d.observe_post(comment(4), angry) is None
    e = d.observe_post(comment(5), critical)
    assert e is not None and (e.thread_id, e.post_id) == ("p", "p_5")


def test_bad_settings_are_config_errors() -> None:
    with pytest.raises(ConfigError):
        ShitstormDetector(threshold=0)
    with pytest.raises(ConfigError):
        ShitstormDetector(window=timedelta(0))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=240), min_size=0, max_size=40),
    st.integers(min_value=1, max_value=6),
)
def test_matches_a_brute_force_count_for_chronological_feeds(
    minutes: list[int], threshold: int
) -> None:
    minutes = sorted(minutes)
    d = ShitstormDetector(threshold=threshold, window=WINDOW)
    found = feed(d, "T", [float(m) for m in minutes])
    expected = any(
        sum(1 for n in minutes[: i + 1] if n >= m - 30) >= threshold for i, m in enumerate(minutes)
    )
    assert len(found) == (1 if expected else 0)
