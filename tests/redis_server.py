"""A throwaway redis-server for the tests and benchmarks: Debian's binary on a free loopback port, in a
temporary directory, without persistence; stopped and removed at the end. Tests that need it are skipped,
with the package's name, where the binary is missing (a failure when ``CI`` is set): fixture ``redis_url``
in ``conftest.py``. (A module of its own, like ``crawling.py``: the benchmarks import it too.)"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ping(port: int) -> bool:
    """True when a Redis server answers PING on the port (the raw protocol: no client needed)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def start_redis(directory: Path, timeout: float = 20.0) -> tuple[subprocess.Popen, str]:
    """Start redis-server in ``directory``; return the process and its URL once it answers PING."""
    if not Path(REDIS_SERVER).exists():
        raise FileNotFoundError("redis-server is not installed (Debian package redis-server, "
                                "scripts/install-test-packages)")
    port = free_port()
    process = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(directory), "--logfile", str(directory / "redis.log")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while not ping(port):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"redis-server did not start: {(directory / 'redis.log').read_text()[-500:]}")
        time.sleep(0.05)  # polling readiness, not waiting a fixed time
    return process, f"redis://127.0.0.1:{port}/0"
