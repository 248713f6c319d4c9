"""The ``sojournal`` command. Exit codes: 0 all done, 1 some posts failed (retried next run),
2 usage or configuration errors. Errors are one line naming what is wrong, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from sojournal.errors import AuthError, ConfigError, SojournalError

__all__ = ["main"]

Command = Callable[[argparse.Namespace], int]


def _parser() -> argparse.ArgumentParser:
    from sojournal.cli import _batch, _decide, _demo, _emulate, _inspect, _review, _serve

    parser = argparse.ArgumentParser(
        prog="sojournal",
        description="Journalise citizen posts on the municipality's social-media pages.",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (_decide, _batch, _demo, _emulate, _review, _inspect, _serve):
        module.register(sub)
    return parser


def _configure_logging(verbosity: int) -> None:
    from sojournal.pii.logfilter import install_redaction

    level = max(logging.WARNING - 10 * verbosity, logging.DEBUG)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger().setLevel(level)  # also when a host already configured handlers
    # zeep logs whole SOAP envelopes (post text) at DEBUG: never let them through.
    logging.getLogger("zeep.transports").setLevel(logging.WARNING)
    install_redaction()


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _configure_logging(args.verbose)
    command: Command = args.run
    try:
        return command(args)
    except ConfigError as error:
        print(f"sojournal: configuration: {error}", file=sys.stderr)
        return 2
    except AuthError as error:
        print(f"sojournal: stopped, access refused: {error}", file=sys.stderr)
        return 2
    except SojournalError as error:
        print(f"sojournal: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("sojournal: interrupted; the ledger resumes where it stopped", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
