"""``sojournal emulate esdh|graph``: the bundled emulators as local servers, with faults."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    emulate = sub.add_parser("emulate", help="run a bundled emulator on localhost")
    kinds = emulate.add_subparsers(dest="emulator", required=True, metavar="esdh|graph")
    esdh = kinds.add_parser("esdh", help="the reference case system (SOAP)")
    esdh.add_argument("--port", type=int, default=8080)
    esdh.add_argument("--faults", default="", help="e.g. transient=0.3,lost=0.1,latency=0.05")
    esdh.add_argument("--db", default=":memory:", help="SQLite file for the stored documents")
    esdh.set_defaults(run=run_esdh)
    graph = kinds.add_parser("graph", help="the Graph API subset sojournal uses")
    graph.add_argument("--port", type=int, default=8081)
    graph.add_argument("--faults", default="", help="e.g. transient=0.3,lost=0.1,ratelimit=0.05")
    graph.add_argument("--token", default=None, help="the only token accepted (default: any)")
    graph.set_defaults(run=run_graph)


def run_esdh(args: argparse.Namespace) -> int:
    from sojournal.testing.esdh_emulator import parse_faults, serve_esdh

    serve_esdh(args.port, parse_faults(args.faults), args.db)
    return 0


def run_graph(args: argparse.Namespace) -> int:
    from sojournal.testing.graph_emulator import parse_graph_faults, serve_graph

    serve_graph(args.port, parse_graph_faults(args.faults), token=args.token)
    return 0
