"""Case-system adapters behind the ``CaseSystem`` port."""

from sojournal.casesystems.port import CaseSystem

__all__ = ["CaseSystem"]
