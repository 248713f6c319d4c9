"""sojournal: citizen posts on a municipality's social-media pages, journalised by the law.

>>> import sojournal
>>> post = sojournal.Post(id="1_2", channel="facebook_comment", text="Hvornår åbner svømmehallen?")
>>> sojournal.decide(post).journalise
False
"""

from sojournal._api import decide, journalise
from sojournal.errors import (
    AmbiguousError,
    AuthError,
    ConfigError,
    DocumentError,
    InputError,
    PermanentError,
    PolicyError,
    RateLimitError,
    SojournalError,
    TransientError,
)
from sojournal.models import CaseDocument, Decision, Outcome, PiiSpan, Post, Reason, Receipt
from sojournal.pipeline import Journaliser

__all__ = [
    "AmbiguousError",
    "AuthError",
    "CaseDocument",
    "ConfigError",
    "Decision",
    "DocumentError",
    "InputError",
    "Journaliser",
    "Outcome",
    "PermanentError",
    "PiiSpan",
    "PolicyError",
    "Post",
    "RateLimitError",
    "Reason",
    "Receipt",
    "SojournalError",
    "TransientError",
    "decide",
    "journalise",
]

__version__ = "0.1.0"
