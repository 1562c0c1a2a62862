"""The replica's HTTP/1.1 server (standard library ``ThreadingHTTPServer``, keep-alive, Content-Length).

``running_replica(articles=50, seed=1, edited=0, port=0, theme="tagdiv", truth_dir=None, slow_delay=1.0,
faults=(), fault_hold=10.0)`` serves from a background thread and yields the base URL
(``http://127.0.0.1:PORT``, no trailing slash) once the socket listens; it writes the ground truth first when
``truth_dir`` is given. ``faults`` names the faults to inject (``newsbot.replica.faults``: server errors,
timeouts, resets, truncated bodies, bad input); ``fault_hold`` is how long the timeout fault stays silent.

Fault injection beyond the content traps (a JS-rendered section, bursts of server errors, throttling)
belongs in ``ReplicaHandler.dispatch``: it sees every request before the ``Replica`` answers it.
"""

from __future__ import annotations

import socket
import struct
import sys
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

from newsbot.replica.content import Site
from newsbot.replica.faults import Delivery, Faults
from newsbot.replica.site import Replica
from newsbot.replica.truth import write_truth


class ReplicaHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    wbufsize = 1 << 16  # headers and body leave in one write (flushed after each request)
    replica: Replica  # set on the subclass made per server
    faults: Faults  # likewise

    def version_string(self) -> str:
        return "nginx"

    def do_GET(self):
        self.dispatch("GET")

    def do_HEAD(self):
        self.dispatch("HEAD")

    def do_POST(self):
        self.dispatch("POST")

    def dispatch(self, method: str) -> None:
        # raw non-ASCII bytes in the request line arrive as latin-1; percent-encode them as a browser would
        target = quote(self.path.encode("latin-1"), safe="/%?&=+:;,@!$'()*~#")
        delay = self.replica.delay(target)
        if delay:
            time.sleep(delay)  # this connection's own thread: other requests go on
        method = "GET" if method == "HEAD" else method
        if self.faults:
            self.deliver(self.faults.respond(self.replica, method, target, dict(self.headers)), head=method == "HEAD")
        else:
            self.deliver(Delivery(*self.replica.respond(method, target, dict(self.headers))), head=method == "HEAD")

    def deliver(self, delivery: Delivery, head: bool) -> None:
        if delivery.hold:
            time.sleep(delivery.hold)
        self.send_response(delivery.status)
        for name, value in delivery.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(delivery.body)))
        self.end_headers()
        if head:
            return
        self.wfile.write(delivery.body if delivery.sent is None else delivery.body[:delivery.sent])
        if delivery.sent is not None:
            self.end_connection(delivery.reset)

    def end_connection(self, reset: bool) -> None:
        """Close the connection after a partial body: a clean close, or a TCP reset (SO_LINGER 0)."""
        self.wfile.flush()
        self.close_connection = True
        if reset:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()  # the socket closes for real, with a reset, once its files are closed

    def log_message(self, format, *args):  # keep test and demo output quiet
        pass


class ReplicaServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client closing its keep-alive connection is normal
            super().handle_error(request, client_address)


def make_server(replica_factory, port: int = 0, host: str = "127.0.0.1",
                faults: Faults | None = None) -> tuple[ReplicaServer, Replica]:
    """Bind (and listen) first, then build the Replica with the bound base URL."""
    server = ReplicaServer((host, port), BaseHTTPRequestHandler)
    base_url = f"http://{host}:{server.server_address[1]}"
    replica = replica_factory(base_url)
    server.RequestHandlerClass = type("BoundReplicaHandler", (ReplicaHandler,),
                                      {"replica": replica, "faults": faults or Faults({})})
    return server, replica


@contextmanager
def running_replica(articles: int = 50, seed: int = 1, edited: int = 0, port: int = 0, theme: str = "tagdiv",
                    truth_dir=None, slow_delay: float = 1.0, faults=(), fault_hold: float = 10.0):
    site = Site(articles=articles, seed=seed, edited=edited)
    server, replica = make_server(lambda base: Replica(site, theme=theme, base_url=base, slow_delay=slow_delay), port,
                                  faults=Faults.parse(faults, hold=fault_hold))
    if truth_dir is not None:
        write_truth(site, truth_dir, replica.base)
    thread = threading.Thread(target=server.serve_forever, name="replica-server", daemon=True)
    thread.start()
    try:
        yield replica.base
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
