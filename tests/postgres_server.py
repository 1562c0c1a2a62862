"""A throwaway PostgreSQL server for tests and benchmarks: Debian's binaries (``postgresql``), a data
directory and a socket directory of its own in a temporary folder, 127.0.0.1 on a free port, trust
authentication for the superuser ``postgres``; stopped and removed at the end.

As root the server runs as the ``postgres`` user (PostgreSQL refuses root); as another user it runs as that
user. (A module of its own, like ``crawling.py``: the benchmarks import it too.)
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

READY_TIMEOUT = 60.0
# quick and disposable: nothing here must survive a crash of the machine
SERVER_OPTIONS = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"


def postgres_bindir() -> Path | None:
    """The newest Debian PostgreSQL's bin folder (``/usr/lib/postgresql/<version>/bin``), or None."""
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"), key=lambda p: int(p.parts[-3]))
    return versions[-1].parent if versions else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PostgresServer:
    port: int
    socket_dir: Path
    data_dir: Path

    def uri(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; its URI."""
        import psycopg

        with psycopg.connect(self.uri(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.uri(name)

    def data_bytes(self) -> int:
        """Bytes of the data directory on disk (tables, indexes, write-ahead log)."""
        return sum(path.stat().st_size for path in self.data_dir.rglob("*") if path.is_file())

    def memory(self) -> dict:
        """Resident and proportional set sizes of the server's processes (postmaster and its children), in
        bytes, from /proc (PSS shares each shared page among the processes that map it)."""
        postmaster = int((self.data_dir / "postmaster.pid").read_text().split()[0])
        totals = {"rss_bytes": 0, "pss_bytes": 0}
        for pid in [postmaster, *children_of(postmaster)]:
            try:
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            except OSError:  # the process ended meanwhile
                continue
            fields = dict(line.split(":", 1) for line in rollup.splitlines()[1:])
            totals["rss_bytes"] += int(fields["Rss"].split()[0]) * 1024
            totals["pss_bytes"] += int(fields["Pss"].split()[0]) * 1024
        return totals


def children_of(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    """Start a server; yield it; stop it (immediate shutdown) and remove its folder."""
    bindir = postgres_bindir()
    if bindir is None:
        raise FileNotFoundError("PostgreSQL is not installed (Debian package postgresql: scripts/install-test-packages)")
    workdir = Path(tempfile.mkdtemp(prefix="newsbot-postgres-"))
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(workdir, user.pw_uid, user.pw_gid)
    data_dir, log = workdir / "data", workdir / "server.log"
    server = PostgresServer(free_port(), workdir, data_dir)
    try:
        subprocess.run(_as_server_user([str(bindir / "initdb"), "-D", str(data_dir), "-U", "postgres",
                                        "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]),
                       check=True, capture_output=True)
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data_dir), "-l", str(log), "-o",
                                        f"-k {workdir} -p {server.port} -c listen_addresses=127.0.0.1 {SERVER_OPTIONS}",
                                        "start"]),
                       check=True, capture_output=True)
        _wait_ready(bindir, server, log)
        yield server
    finally:
        if (data_dir / "postmaster.pid").exists():
            subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data_dir), "-m", "immediate", "-w", "stop"]),
                           capture_output=True)
        shutil.rmtree(workdir, ignore_errors=True)


def _wait_ready(bindir: Path, server: PostgresServer, log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while subprocess.run([str(bindir / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(server.port)]).returncode != 0:
        if time.monotonic() > deadline:
            raise TimeoutError(f"PostgreSQL did not accept connections in {READY_TIMEOUT} s: {log.read_text()[-2000:]}")
        time.sleep(0.05)
