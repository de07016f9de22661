"""Many students at once: each opens their dashboard, a lesson, and marks it done.

    python -m tests.bench.load [--students 100] [--rounds 3] [--workers 2]

Needs a PostgreSQL DATABASE_URL holding the data of `manage.py generate_scale_data` (see
tests/bench/README.md); REDIS_URL is passed on to gunicorn when set. The students are the
first of the benchmark's 500-student edition, logged in beforehand; then all of them start
together against `gunicorn -w 2 -k sync` with the production settings behind a simulated
proxy, each with its own connection, as fast as the server answers. A round is four
requests: the dashboard, a lesson not done yet, the form that marks it done (POST with its
CSRF token), and the lesson again where the form redirects.
Exit status: 0 without errors, 1 with any error, 2 nothing to measure.
"""

import argparse
import os
import statistics
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

from tests.bench.client import Visitor, form_posting_to
from tests.bench.run import BASE_DIR, BENCH_ENVIRONMENT, data_set, prepare_static_files
from tests.bench.servers import gunicorn, production_environment

STEPS = ("dashboard", "lesson", "mark done", "lesson after")


@dataclass
class Student:
    username: str
    cookie: dict[str, str]
    lessons: list[str]
    """Paths of released lessons, those not done yet first."""


@dataclass
class Results:
    timings: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, step: str, elapsed_ms: float, error: str = "") -> None:
        with self.lock:
            self.timings[step].append(elapsed_ms)
            if error:
                self.errors.append(f"{step}: {error}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.load", description=__doc__)
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3, help="Lessons each student marks done.")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers.")
    options = parser.parse_args(argv)

    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print(
            "The load test needs PostgreSQL, for example:\n"
            "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/diploma_bench make load",
            file=sys.stderr,
        )
        return 2
    for name, value in BENCH_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    if data_set() is None:
        print(
            "No bench data in this database. Generate it first:\n"
            "  python manage.py migrate && python manage.py generate_scale_data",
            file=sys.stderr,
        )
        return 2
    prepare_static_files()
    students = logged_in_students(options.students, options.rounds)
    if len(students) < options.students:
        print(f"Only {len(students)} students of the edition can take part.", file=sys.stderr)
        return 2

    with gunicorn(production_environment(), workers=options.workers) as server:
        warm_up(server.port, students[0])
        results, seconds = run(server.port, students, options.rounds)
        server_log = server.log()
    print(describe(options, results, seconds))
    if results.errors:
        print(f"\n{len(results.errors)} errors, the first ones:")
        for error in results.errors[:10]:
            print(f"  {error}")
        if "Traceback" in server_log:
            print("\nThe server's log ends with:\n" + server_log[-3000:])
        return 1
    return 0


def logged_in_students(count: int, rounds: int) -> list[Student]:
    """The first `count` active students of the benchmark's edition with `rounds` released
    lessons not done yet, each with the session cookie of a fresh login."""
    from django.conf import settings
    from django.test import Client

    from courses.models import Lesson
    from diploma.management.commands.generate_scale_data import STUDENT
    from students.models import Enrolment, LessonProgress

    edition = Enrolment.objects.get(user__username=STUDENT).edition
    lessons = list(
        Lesson.objects.readable()
        .filter(module__edition=edition)
        .select_related("module__edition")
        .order_by("module__order", "order")
    )
    enrolments = (
        Enrolment.objects.active()
        .filter(edition=edition)
        .exclude(user__username=STUDENT)
        .select_related("user")
        .order_by("user_id")
    )
    students = []
    for enrolment in enrolments.iterator():
        done = set(
            LessonProgress.objects.filter(enrolment=enrolment).values_list("lesson_id", flat=True)
        )
        to_do = [lesson for lesson in lessons if lesson.pk not in done]
        if len(to_do) < rounds:
            continue
        client = Client()
        client.force_login(enrolment.user)
        cookie = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
        paths = [lesson.get_absolute_url() for lesson in to_do[:rounds]]
        students.append(Student(enrolment.user.username, cookie, paths))
        if len(students) == count:
            break
    return students


def warm_up(port: int, student: Student) -> None:
    """Each worker loads its templates once before the measurement."""
    visitor = Visitor(cookies=dict(student.cookie))
    for _ in range(4):
        visitor.get(port, "/learn/")
        visitor.get(port, student.lessons[0])
    visitor.close()


def run(port: int, students: list[Student], rounds: int) -> tuple[Results, float]:
    results = Results()
    start = threading.Barrier(len(students) + 1)

    def follow(student: Student) -> None:
        visitor = Visitor(cookies=dict(student.cookie))
        start.wait()
        for lesson in student.lessons[:rounds]:
            if not visit(visitor, port, lesson, results):
                break
        visitor.close()

    threads = [threading.Thread(target=follow, args=(student,)) for student in students]
    for thread in threads:
        thread.start()
    start.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def visit(visitor: Visitor, port: int, lesson: str, results: Results) -> bool:
    """One round; False when a step failed and the rest of the round cannot follow."""
    try:
        dashboard = visitor.get(port, "/learn/")
        results.record("dashboard", dashboard.elapsed_ms, _unexpected(dashboard, 200))
        page = visitor.get(port, lesson)
        results.record("lesson", page.elapsed_ms, _unexpected(page, 200))
        if page.status != 200:
            return False
        form = form_posting_to(page.text, "/done/")
        done = visitor.post(port, form.action, form.fields)
        error = _unexpected(done, 302) or ("" if done.location == lesson else done.location)
        results.record("mark done", done.elapsed_ms, error)
        if error:
            return False
        after = visitor.get(port, done.location)
        results.record("lesson after", after.elapsed_ms, _unexpected(after, 200))
    except (OSError, LookupError) as error:
        results.record("exception", 0.0, repr(error))
        return False
    return True


def _unexpected(response, status: int) -> str:
    return "" if response.status == status else f"HTTP {response.status}"


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def describe(options: argparse.Namespace, results: Results, seconds: float) -> str:
    import django
    import gunicorn as gunicorn_package
    from django.conf import settings

    every = [ms for step in STEPS for ms in results.timings.get(step, [])]
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    lines = [
        f"{options.students} students at once, {options.rounds} rounds each, against gunicorn "
        f"{gunicorn_package.__version__} -w {options.workers} -k sync (Django "
        f"{django.get_version()}, DEBUG={settings.DEBUG}, cache {cache}, {os.cpu_count()} CPUs)",
        "",
        "| step | requests | errors | p50 ms | p95 ms |",
        "|---|---:|---:|---:|---:|",
    ]
    errors = defaultdict(int)
    for error in results.errors:
        errors[error.split(":", 1)[0]] += 1
    for step in STEPS:
        samples = results.timings.get(step, [])
        if samples:
            lines.append(
                f"| {step} | {len(samples)} | {errors[step]} | "
                f"{statistics.median(samples):.0f} | {percentile(samples, 0.95):.0f} |"
            )
    if every:
        lines.append(
            f"| all | {len(every)} | {len(results.errors)} | {statistics.median(every):.0f} | "
            f"{percentile(every, 0.95):.0f} |"
        )
    lines += [
        "",
        f"requests: {len(every)}, errors: {len(results.errors)}, "
        f"p50: {statistics.median(every) if every else 0:.0f} ms, "
        f"p95: {percentile(every, 0.95) if every else 0:.0f} ms, "
        f"{len(every) / seconds:.0f} requests/s over {seconds:.1f} s",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
