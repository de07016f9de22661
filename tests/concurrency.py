"""Calls made at the same moment from several threads, as concurrent requests or workers make
them. Needs PostgreSQL: SQLite test databases are not shared between threads."""

import threading
from collections.abc import Callable

from django.db import connections


def at_once(calls: list[Callable[[], object]]) -> list[object]:
    """Each call in its own thread, all released together; what each returned, or the exception
    it raised, in the order of the calls."""
    start = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            start.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes
