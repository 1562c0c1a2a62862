"""Serve the local replica of the target site (tagDiv Newspaper, Arabic) on 127.0.0.1.

Writes the ground truth first when --truth is given, then prints ``serving http://127.0.0.1:PORT/`` once the
socket accepts connections, and serves until SIGTERM or SIGINT.
"""

from __future__ import annotations

import signal
import threading

from newsbot.replica.content import Site
from newsbot.replica.faults import NAMES, Faults
from newsbot.replica.server import make_server
from newsbot.replica.site import Replica
from newsbot.replica.truth import write_truth


def add_arguments(parser) -> None:
    parser.add_argument("--port", type=int, default=0, help="port to listen on (0: any free port)")
    parser.add_argument("--articles", type=int, default=50, help="number of world-news posts (50 to 50000)")
    parser.add_argument("--seed", type=int, default=1, help="content seed")
    parser.add_argument("--edited", type=int, default=0, help="number of older posts edited after publication")
    parser.add_argument("--theme", default="tagdiv", choices=["tagdiv", "tagdiv7", "plain"],
                        help="markup to serve (module of newsbot.replica.themes): tagDiv Newspaper 12 or 7, a classic theme")
    parser.add_argument("--truth", metavar="DIR", help="write articles.jsonl, duplicates.jsonl and traps.json here first")
    parser.add_argument("--slow-delay", type=float, default=1.0, help="seconds the slow-article trap waits")
    parser.add_argument("--latency", type=float, default=0.0,
                        help="seconds every response is held, as a remote site's round trip would (benchmarks)")
    parser.add_argument("--fault", action="append", default=[], metavar="NAME[:K]",
                        help=f"inject a fault (repeatable; K: first requests of a URL affected): {', '.join(NAMES)}")
    parser.add_argument("--fault-hold", type=float, default=10.0, help="seconds the timeout fault stays silent")


def run(args) -> int:
    site = Site(articles=args.articles, seed=args.seed, edited=args.edited)
    server, replica = make_server(lambda base: Replica(site, theme=args.theme, base_url=base, slow_delay=args.slow_delay,
                                                               latency=args.latency), args.port,
                                  faults=Faults.parse(args.fault, hold=args.fault_hold))
    if args.truth:
        write_truth(site, args.truth, replica.base)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    thread = threading.Thread(target=server.serve_forever, name="replica-server", daemon=True)
    thread.start()
    print(f"serving {replica.base}/", flush=True)
    stop.wait()
    server.shutdown()
    server.server_close()
    return 0
