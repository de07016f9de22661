"""Charts drawn on the server as SVG: no script, nothing from another site. Each has a title
and a description for screen readers; the page shows its data table beside it, so a hidden
count is never drawn as a bar (it reads "<5" or "x" in the table and the chart)."""

from itertools import count

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from students.reports.suppression import Cell

WIDTH = 640
ROW = 28
LABEL = 220
_ids = count(1)


def bars(title: str, description: str, labels: list[str], cells: list[Cell]) -> SafeString:
    """Horizontal bars, one per label, as long as the shown count."""
    number = next(_ids)
    shown = [cell.shown or 0 for cell in cells]
    largest = max(shown, default=0) or 1
    span = WIDTH - LABEL - 60
    height = ROW * len(labels) + 10
    rows = []
    for i, (label, cell) in enumerate(zip(labels, cells, strict=True)):
        y = 5 + i * ROW
        length = round(span * (cell.shown or 0) / largest)
        rows.append((y + 18, label[:34], LABEL, y + 4, length, LABEL + length + 6, y + 18, cell))
    body = format_html_join(
        "",
        '<text x="4" y="{}" class="chart__label">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="20" class="chart__bar"></rect>'
        '<text x="{}" y="{}" class="chart__value">{}</text>',
        rows,
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" width="100%" role="img" '
        'aria-labelledby="chart-{n}-title chart-{n}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-{n}-title">{title}</title><desc id="chart-{n}-desc">{desc}</desc>'
        "{body}</svg>",
        w=WIDTH, h=height, n=number, title=title, desc=description, body=body,
    )  # fmt: skip
