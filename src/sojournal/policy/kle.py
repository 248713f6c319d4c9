"""KLE classification: which subject group and handling facet a post is filed under.

The topic is the policy's lexicon topic with the most hits (``Decision.topic``);
the table topic → (KLE number, facet) lives in the rules file, so a municipality
files under its own plan without code changes.

>>> from sojournal.policy import load_policy
>>> kle_for("affald")
('07.00.00', 'G01')
>>> kle_for(None)
('00.01.00', 'G01')
"""

from __future__ import annotations

from sojournal.models import Decision
from sojournal.policy.engine import kle_pair
from sojournal.policy.rules import Policy

__all__ = ["kle_for"]


def kle_for(
    decision_or_topic: Decision | str | None, policy: Policy | None = None
) -> tuple[str, str]:
    """KLE number (NN.NN.NN) and handling facet for a decision or a topic name."""
    from sojournal.policy import load_policy

    pol = policy if policy is not None else load_policy()
    topic = (
        decision_or_topic.topic if isinstance(decision_or_topic, Decision) else decision_or_topic
    )
    return kle_pair(topic, pol)
