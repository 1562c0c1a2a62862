"""A throwaway redis-server for the tests: Debian's binary on a free loopback port, in a temporary
directory, without persistence; stopped and removed at the end. Tests that need it are skipped, with the
package's name, where the binary is missing (a failure when ``CI`` is set)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

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
        message = "redis-server is not installed (Debian package redis-server, scripts/install-test-packages)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
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


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """The URL of a redis-server of the test session's own."""
    process, url = start_redis(tmp_path_factory.mktemp("redis"))
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
