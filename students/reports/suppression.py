"""Small-cell suppression: what a report may show of a table of counts.

Primary suppression: a count from 1 to 4 is shown as "<5". Secondary suppression: in every
line of a table (a row or a column with its total), the hidden entries must not be recoverable
from the shown ones. Subtracting the shown cells from a shown total gives the sum of the hidden
ones; a reader also knows that "<5" means 1 to 4 and that another hidden count is at least 5 (a
zero is never hidden). So a line is safe when no hidden entry is pinned to a single value by
those bounds and that sum; while one is, the smallest count still shown in the line is hidden
too. Zeros are shown: hiding them protects nothing, since they never need protecting.

Rates and averages follow the same rule: they are shown for groups of at least 5, and a rate
only when neither the people it counts nor the others are a hidden count.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

MIN_GROUP = 5
SMALL = "<5"
HIDDEN = "x"  # as statistical offices mark a confidential cell
NOT_SHOWN = "\u2013"
UNBOUNDED = 10**12

# Said on every report and export.
RULE = _(
    "Counts from 1 to 4 are shown as “<5”; other counts that would let a small group be worked "
    "out from the totals are shown as “x”; rates and averages of groups of fewer than 5 people "
    "are not shown (“%(not_shown)s”)."
)


# Said on the reports of several editions together.
OVER_EDITIONS = _(
    "A figure over several editions is hidden (“x”) wherever the report of one of them hides "
    "part of it."
)


def rule_text(*, over_editions: bool = False) -> str:
    text = str(RULE) % {"not_shown": NOT_SHOWN}
    return f"{text} {OVER_EDITIONS}" if over_editions else text


@dataclass(frozen=True)
class Cell:
    value: int
    primary: bool = False
    secondary: bool = False

    @property
    def hidden(self) -> bool:
        return self.primary or self.secondary

    def __str__(self) -> str:
        if self.primary:
            return SMALL
        if self.secondary:
            return HIDDEN
        return str(self.value)

    @property
    def shown(self) -> int | None:
        """The count, or None when hidden: for exports that write numbers."""
        return None if self.hidden else self.value


def is_small(value: int) -> bool:
    return 0 < value < MIN_GROUP


def bounds(value: int, *, primary: bool) -> tuple[int, int]:
    """What a reader knows of a hidden count."""
    return (1, MIN_GROUP - 1) if primary else (MIN_GROUP, UNBOUNDED)


def pinned(line: list[tuple[int, int]], hidden: set[int], primary: set[int]) -> set[int]:
    """The hidden entries of a line that a reader can work out exactly.

    `line` holds (coefficient, value) pairs whose weighted sum is zero (cells +1, total -1);
    `hidden` and `primary` are positions in it.
    """
    known = -sum(
        coefficient * value for i, (coefficient, value) in enumerate(line) if i not in hidden
    )
    ranges = {}
    for i in hidden:
        coefficient, value = line[i]
        low, high = bounds(value, primary=i in primary)
        ranges[i] = (
            min(coefficient * low, coefficient * high),
            max(coefficient * low, coefficient * high),
        )
    found = set()
    for i in hidden:
        rest_low = sum(ranges[j][0] for j in hidden if j != i)
        rest_high = sum(ranges[j][1] for j in hidden if j != i)
        low = max(ranges[i][0], known - rest_high)
        high = min(ranges[i][1], known - rest_low)
        if low >= high:
            found.add(i)
    return found


def suppress(
    counts: list[list[int]],
    *,
    row_totals: bool = True,
    column_totals: bool = True,
    also_hide: frozenset[tuple[int, int]] = frozenset(),
) -> list[list[Cell]]:
    """The table with its totals (a last column of row totals, a last row of column totals and
    the grand total, as asked), each entry a Cell that says whether it may be shown.

    Totals are the figures other tables show too, so a cell is hidden in preference to a total;
    `also_hide` names entries (row, column) hidden elsewhere that must stay hidden here.
    """
    rows = len(counts)
    columns = len(counts[0]) if rows else 0
    grid = [list(row) for row in counts]
    if row_totals:
        for row in grid:
            row.append(sum(row))
    if column_totals and rows:
        grid.append([sum(grid[r][c] for r in range(rows)) for c in range(len(grid[0]))])

    lines: list[list[tuple[int, int]]] = []  # each a list of (row, column) with its coefficient
    coefficients: list[list[int]] = []
    if row_totals:
        for r in range(len(grid)):
            lines.append([(r, c) for c in range(columns + 1)])
            coefficients.append([1] * columns + [-1])
    if column_totals and rows:
        for c in range(len(grid[0])):
            lines.append([(r, c) for r in range(rows + 1)])
            coefficients.append([1] * rows + [-1])

    primary = {
        (r, c) for r, row in enumerate(grid) for c, value in enumerate(row) if is_small(value)
    }
    hidden = primary | {entry for entry in also_hide if grid[entry[0]][entry[1]]}
    totals = {
        (r, c)
        for r, row in enumerate(grid)
        for c in range(len(row))
        if (row_totals and c == columns) or (column_totals and r == rows)
    }
    changed = True
    while changed:
        changed = False
        for line, signs in zip(lines, coefficients, strict=True):
            positions = {i for i, entry in enumerate(line) if entry in hidden}
            if not positions:
                continue
            pairs = [(sign, grid[r][c]) for sign, (r, c) in zip(signs, line, strict=True)]
            first = {i for i, entry in enumerate(line) if entry in primary}
            if not pinned(pairs, positions, first):
                continue
            candidates = [
                entry for entry in line if entry not in hidden and grid[entry[0]][entry[1]]
            ]
            if not candidates:
                continue  # the whole line is hidden already
            hidden.add(min(candidates, key=lambda e: (e in totals, grid[e[0]][e[1]], e)))
            changed = True
    return [
        [Cell(value, (r, c) in primary, (r, c) in hidden - primary) for c, value in enumerate(row)]
        for r, row in enumerate(grid)
    ]


def share(part: Cell | int, whole: int, *, rest: Cell | None = None) -> Decimal | None:
    """`part` of `whole` as a whole percentage, or None when it would tell a small group."""
    value = part.value if isinstance(part, Cell) else part
    if whole < MIN_GROUP or (isinstance(part, Cell) and part.hidden):
        return None
    if is_small(value) or is_small(whole - value) or (rest is not None and rest.hidden):
        return None
    return (Decimal(100) * value / whole).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def mean(values: list[Decimal | int]) -> Decimal | None:
    """The average of a group of at least 5, to one decimal, or None."""
    return mean_of(sum(Decimal(v) for v in values), len(values))


def mean_of(total: Decimal | int, count: int) -> Decimal | None:
    """The average of a group of `count` people whose values add up to `total`, as mean()."""
    if count < MIN_GROUP:
        return None
    return (Decimal(total) / count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
