"""gunicorn app servers started for a measurement or a test, and always stopped after it."""

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import IO

from tests.bench.run import (
    BASE_DIR,
    BENCH_ENVIRONMENT,
    free_port,
    gunicorn_help,
    stop,
    wait_until_ready,
)


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    output: IO[bytes]
    """What gunicorn and Django wrote: errors, tracebacks."""

    def log(self) -> str:
        self.output.seek(0)
        return self.output.read().decode(errors="replace")


@cache
def _has_control_socket() -> bool:
    return "--no-control-socket" in gunicorn_help()


def production_environment(**overrides: str) -> dict[str, str]:
    """This process's environment with the production settings of the benchmark."""
    return {**os.environ, **BENCH_ENVIRONMENT, **overrides}


@contextmanager
def gunicorn(environment: dict[str, str], *, workers: int = 2) -> Iterator[Server]:
    """`gunicorn -w <workers> -k sync` on a free loopback port, ready for requests; stopped
    (and its workers with it) however the block ends."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "diploma.wsgi", "-w", str(workers), "-k", "sync",
        "-b", f"127.0.0.1:{port}", "--graceful-timeout", "5",
    ]  # fmt: skip
    if _has_control_socket():
        command.append("--no-control-socket")  # several servers on one machine
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command, cwd=BASE_DIR, env=environment, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        server = Server(port, process, log)
        try:
            if not wait_until_ready(port, process, timeout=60):
                raise RuntimeError(f"gunicorn did not start:\n{server.log()[-3000:]}")
            yield server
        finally:
            stop(process)
