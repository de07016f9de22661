"""Server time of the reports on the largest edition of the bench data (10,000 enrolments at
scale 1): the records written again, as the worker does every REPORT_SECONDS, then the reports
added up from them, as a reader's request does when the report is not in the cache."""

import statistics
import time

REPORT_BUDGET_MS = 300


def report_table(repeats: int) -> tuple[str, int]:
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from diploma.management.commands.generate_scale_data import PREFIX
    from diploma.models import Edition
    from students.reports import figures, programme, records

    edition = (
        Edition.objects.filter(slug__startswith=PREFIX)
        .annotate(people=Count("enrolments"))
        .select_related("programme")
        .order_by("-people", "pk")
        .first()
    )
    editions = list(edition.programme.editions.order_by("starts_on", "pk"))
    started = time.perf_counter()
    for each in editions:
        records.refresh(each)
    written_s = time.perf_counter() - started
    started = time.perf_counter()
    records.refresh(edition)
    edition_written_s = time.perf_counter() - started

    def timed(compute) -> tuple[int, float, float]:
        compute()  # warm-up
        with CaptureQueriesContext(connection) as queries:
            compute()
        samples = []
        for _ in range(repeats):
            begun = time.perf_counter()
            compute()
            samples.append((time.perf_counter() - begun) * 1000)
        samples.sort()
        p95 = samples[min(len(samples) - 1, round(0.95 * len(samples)) - 1)]
        return len(queries), statistics.median(samples), p95

    with translation.override("es"):
        measured = [
            (f"report: edition of {edition.people:,} enrolments", REPORT_BUDGET_MS,
             timed(lambda: figures.edition_report(edition))),
            (f"report: its programme over {len(editions)} editions", REPORT_BUDGET_MS,
             timed(lambda: programme.programme_report(edition.programme, editions))),
        ]  # fmt: skip
    lines = [
        "| report | queries | median ms | p95 ms | budget ms | verdict |",
        "|---|---:|---:|---:|---:|---|",
    ]
    over = 0
    for label, budget, (queries, median, p95) in measured:
        ok = median <= budget
        over += not ok
        lines.append(
            f"| {label} | {queries} | {median:.1f} | {p95:.1f} | {budget} | "
            f"{'ok' if ok else 'over'} |"
        )
    lines.append("")
    lines.append(
        f"Records written again (the worker's job): the edition of {edition.people:,} in "
        f"{edition_written_s:.1f} s; its programme's {len(editions)} editions in {written_s:.1f} s."
    )
    return "\n".join(lines), over
