"""Server time of the main pages of every role on the demo-scale data set.

    python -m tests.bench.run [--repeats 30] [--scale-check] [--gunicorn]

Needs a PostgreSQL DATABASE_URL holding the data of `manage.py generate_scale_data`.
Pages whose URL name does not exist yet are skipped, so the table grows with the project.
Exit status: 0 within the budgets of DESIGN.md, 1 over a budget, 2 nothing measured.
"""

import argparse
import gzip
import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.bench.reports import report_table

BASE_DIR = Path(__file__).resolve().parents[2]

# Production settings for this process and for gunicorn, as behind a TLS proxy: plain HTTP on
# loopback, every request saying X-Forwarded-Proto: https.
BENCH_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "diploma.settings",
    "DEBUG": "0",
    "BEHIND_PROXY": "1",
    "SECRET_KEY": "bench-only-secret-key-not-for-any-deployment-0123456789abcdef",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    # The certificate-lookup limit would answer most of the throughput run with 429.
    "RATELIMIT_ENABLE": "0",
}
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
WARM_UP = 3
LEARNER_SHARE = 0.12
HOME_SHARE = 0.25
FIRST_LOAD_KB = 60
ASSET = re.compile(rb"""<(?:link[^>]+href|script[^>]+src)=["']([^"']+\.(?:css|js))["']""")


@dataclass
class Page:
    label: str
    names: tuple[str, ...]
    """URL names to try, the first that exists wins."""
    role: str
    values: dict = field(default_factory=dict)
    """Values for the URL's parameters, by parameter name."""
    budget_ms: float | None = None
    share: float | None = None
    """Minimum share of /healthz's requests per second under gunicorn."""
    url: str = ""
    skipped: str = ""


@dataclass
class Timing:
    page: Page
    status: int
    queries: int = 0
    median_ms: float = 0.0
    p95_ms: float = 0.0
    html_kb: float = 0.0
    first_load_kb: float = 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.run", description=__doc__)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument(
        "--scale-check", action="store_true",
        help="Refuse to run on a data set smaller than the demo scale of DESIGN.md.",
    )  # fmt: skip
    parser.add_argument("--gunicorn", action="store_true", help="Also measure under gunicorn.")
    parser.add_argument("--seconds", type=float, default=5.0, help="Load per page (gunicorn).")
    parser.add_argument("--concurrency", type=int, default=4, help="Client threads (gunicorn).")
    options = parser.parse_args(argv)

    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print(
            "The benchmark needs PostgreSQL, for example:\n"
            "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/diploma_bench make bench",
            file=sys.stderr,
        )
        return 2
    for name, value in BENCH_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()

    data = data_set()
    if data is None:
        print(
            "No bench data in this database. Generate it first:\n"
            "  python manage.py migrate && python manage.py generate_scale_data",
            file=sys.stderr,
        )
        return 2
    print(describe_environment(data))
    if options.scale_check and (data["students"] < 10_000 or data["progress"] < 900_000):
        print("The data set is smaller than the demo scale: run generate_scale_data --reset.")
        return 2
    prepare_static_files()

    pages = build_pages()
    clients = logged_in_clients()
    timings = [measure(page, clients[page.role], options.repeats) for page in pages if page.url]
    for page in pages:
        if page.skipped:
            print(f"skipped {page.label}: {page.skipped}")
    print()
    print(timing_table(timings))
    print()
    table, over = budget_table(timings)
    print(table)
    print()
    table, reports_over = report_table(options.repeats)
    print(table)
    over += reports_over
    if options.gunicorn:
        print()
        over += run_gunicorn(
            [t.page for t in timings if t.status == 200], clients, options.seconds,
            options.concurrency,
        )  # fmt: skip
    return 1 if over else 0


def data_set() -> dict | None:
    """Row counts of the generated data, or None when there is none."""
    from django.contrib.auth import get_user_model
    from django.db import DatabaseError

    from diploma.management.commands.generate_scale_data import PREFIX, STUDENT
    from diploma.models import Edition
    from students.models import LessonProgress

    User = get_user_model()
    try:
        if not User.objects.filter(username=STUDENT).exists():
            return None
    except DatabaseError:  # not migrated yet
        return None
    return {
        "students": User.objects.filter(username__startswith=f"{PREFIX}s").count(),
        "editions": Edition.objects.filter(slug__startswith=PREFIX).count(),
        "progress": LessonProgress.objects.count(),
    }


def describe_environment(data: dict) -> str:
    import django
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    return (
        f"Data set: {data['students']:,} students, {data['editions']} editions, "
        f"{data['progress']:,} lesson-progress rows.\n"
        f"Python {sys.version.split()[0]}, Django {django.get_version()}, "
        f"PostgreSQL {server}, DEBUG={settings.DEBUG}, "
        f"CONN_MAX_AGE={settings.DATABASES['default'].get('CONN_MAX_AGE')}, "
        f"{os.cpu_count()} CPUs."
    )


def prepare_static_files() -> None:
    """Production storage needs the manifest of collected files (ignored by git)."""
    from django.conf import settings
    from django.core.management import call_command

    if not settings.DEBUG:
        call_command("collectstatic", interactive=False, verbosity=0)


def build_pages() -> list[Page]:
    """The main pages of every role, on the rows of the 500-student edition."""
    from django.contrib.auth import get_user_model

    from courses.models import Lesson, Module
    from diploma.management.commands.generate_scale_data import (
        ASSIGNMENT,
        COORDINATOR,
        INSTRUCTOR,
        QUIZ,
        STUDENT,
    )
    from diploma.models import Edition
    from students.models import Certificate, Enrolment

    User = get_user_model()
    student = User.objects.get(username=STUDENT)
    big = Enrolment.objects.filter(user=student).select_related("edition__programme").get().edition
    module = Module.objects.get(edition=big, order=3)
    lesson = Lesson.objects.filter(module=module).order_by("order")[7]
    graded = Module.objects.filter(edition=big).taught_by(User.objects.get(username=INSTRUCTOR))
    graded = graded.order_by("order").first()
    office_edition = (
        Edition.objects.filter(coordinators__username=COORDINATOR).order_by("-starts_on").first()
    )
    certificate = Certificate.objects.valid().first()
    learn = {
        "edition": big.slug, "edition_slug": big.slug, "module": module.slug,
        "module_slug": module.slug, "lesson": lesson.slug, "lesson_slug": lesson.slug,
    }  # fmt: skip
    gradebook = {
        "edition": big.slug, "edition_slug": big.slug, "module": graded.slug,
        "module_slug": graded.slug, "slug": graded.slug, "pk": graded.pk,
        "module_pk": graded.pk, "module_id": graded.pk,
    }  # fmt: skip
    office = {
        "edition": office_edition.slug, "edition_slug": office_edition.slug,
        "slug": office_edition.slug, "pk": office_edition.pk,
        "edition_pk": office_edition.pk, "edition_id": office_edition.pk,
    }  # fmt: skip
    code = {"code": certificate.code} if certificate else {}
    pages = [
        # The student's cookie on every path, as in DESIGN.md; the home page also without it.
        Page("/healthz", ("healthz",), "student"),
        Page("home (logged in)", ("home",), "student", share=HOME_SHARE),
        Page("home", ("home",), "anonymous", share=HOME_SHARE),
        Page("programme", ("programme-detail",), "anonymous", {"slug": big.programme.slug}),
        Page("instructor", ("instructor-detail",), "anonymous", {"slug": INSTRUCTOR}),
        Page("learn: dashboard", ("learn:dashboard",), "student", budget_ms=15,
             share=LEARNER_SHARE),
        Page("learn: module", ("learn:module-detail",), "student", learn, budget_ms=15,
             share=LEARNER_SHARE),
        Page("learn: lesson", ("learn:lesson-detail",), "student", learn, budget_ms=15,
             share=LEARNER_SHARE),
        Page("learn: discussions", ("discussions:index",), "student", learn, budget_ms=15),
        Page("learn: module offline", ("learn:module-offline",), "student", learn),
        Page("learn: quiz", ("learn:quiz-detail",), "student", {**learn, "quiz": QUIZ}),
        Page("certificates: mine", ("certificates:list",), "student"),
        Page("teach: home", ("teach:home",), "instructor"),
        Page("teach: gradebook (500)", ("teach:gradebook",), "instructor", gradebook,
             budget_ms=300),
        Page("teach: roster", ("teach:roster",), "instructor", gradebook),
        Page("assess: grading queue (500)", ("assess:assignment-queue",), "instructor",
             {**gradebook, "assignment": ASSIGNMENT}, budget_ms=300),
        Page("assess: quiz attempts (500)", ("assess:quiz-attempts",), "instructor",
             {**gradebook, "quiz": QUIZ}, budget_ms=300),
        Page("office: home", ("office:home",), "coordinator"),
        Page("office: applications", ("office:applications",), "coordinator", office),
        Page("office: completion", ("office:completion",), "coordinator", office),
        Page("office: edition report (500)", ("office:report-edition",), "coordinator",
             {"edition": big.slug}, budget_ms=300),
        Page("partners: edition report (500)", ("partners:edition",), "partner",
             {"slug": big.slug}, budget_ms=300),
        Page("verify: form", ("verify:form",), "anonymous"),
        Page("verify: certificate", ("verify:certificate", "verify:detail"), "anonymous", code),
    ]  # fmt: skip
    parameters = url_parameters()
    for page in pages:
        resolve_url(page, parameters)
    return pages


def url_parameters() -> dict[str, list[str]]:
    """Every URL name of the project with the names of its parameters."""
    from django.urls import URLResolver, get_resolver

    found: dict[str, list[str]] = {}

    def walk(patterns, namespace: list[str], inherited: list[str]) -> None:
        for entry in patterns:
            own = [*inherited, *entry.pattern.regex.groupindex]
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, [*namespace, entry.namespace or ""], own)
            elif entry.name:
                found.setdefault(":".join([*filter(None, namespace), entry.name]), own)

    walk(get_resolver().url_patterns, [], [])
    return found


def resolve_url(page: Page, parameters: dict[str, list[str]]) -> None:
    from django.urls import NoReverseMatch, reverse

    name = next((name for name in page.names if name in parameters), None)
    if name is None:
        page.skipped = "no URL named " + " or ".join(page.names)
        return
    missing = [p for p in parameters[name] if p not in page.values]
    if missing:
        page.skipped = f"{name} takes {', '.join(missing)}, which the benchmark cannot fill"
        return
    try:
        page.url = reverse(name, kwargs={p: page.values[p] for p in parameters[name]})
    except NoReverseMatch as error:
        page.skipped = str(error)


def logged_in_clients() -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from diploma.management.commands.generate_scale_data import (
        COORDINATOR,
        INSTRUCTOR,
        PARTNER,
        STUDENT,
    )

    User = get_user_model()
    clients = {"anonymous": Client(raise_request_exception=False, headers=PROXY_HEADERS)}
    for role, username in (
        ("student", STUDENT),
        ("instructor", INSTRUCTOR),
        ("coordinator", COORDINATOR),
        ("partner", PARTNER),
    ):
        client = Client(raise_request_exception=False, headers=PROXY_HEADERS)
        client.force_login(User.objects.get(username=username))
        clients[role] = client
    return clients


def measure(page: Page, client, repeats: int) -> Timing:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    query_count = len(queries)  # read now: the next request empties the query log
    if response.status_code != 200:
        return Timing(page, response.status_code)
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        client.get(page.url)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    html = gzip_kb(response.content)
    return Timing(
        page, 200, queries=query_count, median_ms=statistics.median(samples),
        p95_ms=samples[min(len(samples) - 1, round(0.95 * len(samples)) - 1)], html_kb=html,
        first_load_kb=html + assets_kb(client, response.content),
    )  # fmt: skip


def gzip_kb(content: bytes) -> float:
    return len(gzip.compress(content, compresslevel=6)) / 1024


def assets_kb(client, html: bytes) -> float:
    """Compressed weight of the stylesheets and scripts a page links to."""
    total = 0.0
    for url in dict.fromkeys(ASSET.findall(html)):
        response = client.get(url.decode())
        if response.status_code == 200:
            body = b"".join(response.streaming_content) if response.streaming else response.content
            total += gzip_kb(body)
    return total


def timing_table(timings: list[Timing]) -> str:
    healthz = next((t.median_ms for t in timings if t.page.names == ("healthz",)), 0.0)
    lines = [
        "| page | queries | median ms | p95 ms | x healthz | HTML gzip KB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for t in timings:
        if t.status != 200:
            lines.append(f"| {t.page.label} `{t.page.url}` (HTTP {t.status}) | | | | | |")
            continue
        ratio = f"{t.median_ms / healthz:.1f}" if healthz else "-"
        lines.append(
            f"| {t.page.label} | {t.queries} | {t.median_ms:.1f} | {t.p95_ms:.1f} | "
            f"{ratio} | {t.html_kb:.1f} |"
        )
    return "\n".join(lines)


def budget_table(timings: list[Timing]) -> tuple[str, int]:
    """The budgets of DESIGN.md: median server time, and HTML+CSS+JS under 60 KB gzip."""
    lines = [
        "| page | median ms | budget ms | first load KB | budget KB | verdict |",
        "|---|---:|---:|---:|---:|---|",
    ]
    over = 0
    for t in timings:
        if t.status != 200:
            continue
        time_ok = t.page.budget_ms is None or t.median_ms <= t.page.budget_ms
        weight_ok = t.first_load_kb <= FIRST_LOAD_KB
        over += not (time_ok and weight_ok)
        budget = f"{t.page.budget_ms:g}" if t.page.budget_ms else "-"
        verdict = "ok" if time_ok and weight_ok else "over"
        lines.append(
            f"| {t.page.label} | {t.median_ms:.1f} | {budget} | {t.first_load_kb:.1f} | "
            f"{FIRST_LOAD_KB} | {verdict} |"
        )
    return "\n".join(lines), over


def run_gunicorn(pages: list[Page], clients: dict, seconds: float, concurrency: int) -> int:
    """Requests per second of each page under `gunicorn -w 2 -k sync` on loopback."""
    from django.conf import settings

    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "diploma.wsgi", "-w", "2", "-k", "sync",
        "-b", f"127.0.0.1:{port}", "--graceful-timeout", "5",
    ]  # fmt: skip
    if "--no-control-socket" in gunicorn_help():
        command.append("--no-control-socket")
    cookies = {
        role: f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        for role, client in clients.items()
        if settings.SESSION_COOKIE_NAME in client.cookies
    }
    rates = {}
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            command, cwd=BASE_DIR, env=os.environ.copy(), stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            if not wait_until_ready(port, server):
                log.seek(0)
                print("gunicorn did not start:\n" + log.read().decode(errors="replace")[-2000:])
                return 1
            for page in pages:
                rates[page.label] = load(
                    port, page.url, cookies.get(page.role), seconds, concurrency
                )
        finally:
            stop(server)
    print(gunicorn_table(pages, rates, concurrency, seconds))
    healthz = rates.get(pages[0].label, (0.0, 0))[0]
    return sum(
        1
        for page in pages
        if page.share and healthz and rates[page.label][0] / healthz < page.share
    )


def gunicorn_help() -> str:
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--help"], capture_output=True, text=True, timeout=30
    )
    return result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_ready(port: int, server: subprocess.Popen, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz", headers=PROXY_HEADERS)
            if connection.getresponse().status == 200:
                return True
        except OSError:
            time.sleep(0.2)
    return False


def stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def load(port: int, url: str, cookie: str | None, seconds: float, concurrency: int) -> tuple:
    """Keep `concurrency` clients busy for `seconds`; return (requests/s, failed requests)."""
    headers = {"Host": "127.0.0.1", "Accept-Encoding": "gzip", **PROXY_HEADERS}
    if cookie:
        headers["Cookie"] = cookie
    results: list[tuple[int, int]] = []
    deadline = time.perf_counter() + seconds

    def client() -> None:
        done = failed = 0
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < deadline:
            try:
                connection.request("GET", url, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    done += 1
                else:
                    failed += 1
                if response.will_close:
                    connection.close()
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
        results.append((done, failed))

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return sum(done for done, _ in results) / elapsed, sum(failed for _, failed in results)


def gunicorn_table(pages: list[Page], rates: dict, concurrency: int, seconds: float) -> str:
    healthz = rates[pages[0].label][0]
    lines = [
        f"gunicorn {gunicorn_version()} -w 2 -k sync, {concurrency} clients for {seconds:g} s "
        "per page:",
        "",
        "| page | req/s | share of /healthz | minimum | failed | verdict |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for page in pages:
        rate, failed = rates[page.label]
        share = rate / healthz if healthz else 0.0
        minimum = f"{page.share:.0%}" if page.share else "-"
        verdict = "-" if not page.share else "ok" if share >= page.share else "below"
        lines.append(
            f"| {page.label} | {rate:.0f} | {share:.1%} | {minimum} | {failed} | {verdict} |"
        )
    return "\n".join(lines)


def gunicorn_version() -> str:
    import gunicorn

    return gunicorn.__version__


if __name__ == "__main__":
    sys.exit(main())
