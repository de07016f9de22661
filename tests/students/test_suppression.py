"""Small cells of a report cannot be read, directly or by subtraction from the totals."""

from hypothesis import given, settings
from hypothesis import strategies as st

from students.reports.suppression import HIDDEN, SMALL, Cell, mean, share, suppress

counts = st.integers(min_value=0, max_value=40) | st.integers(min_value=0, max_value=6)
tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda columns: st.lists(
        st.lists(counts, min_size=columns, max_size=columns), min_size=1, max_size=6
    )
)


def _lines(grid: list[list[Cell]], rows: int, columns: int) -> list[list[tuple[int, Cell]]]:
    """Each row and column with its total, as (sign, cell): the cells minus the total is 0."""
    by_row = [[(1, row[c]) for c in range(columns)] + [(-1, row[columns])] for row in grid]
    by_column = [
        [(1, grid[r][c]) for r in range(rows)] + [(-1, grid[rows][c])] for c in range(columns + 1)
    ]
    return by_row + by_column


def _possible_values(line: list[tuple[int, Cell]]) -> list[set[int]]:
    """For each hidden entry, the values a reader who sees the shown ones could not rule out:
    "<5" is 1 to 4, "x" is 5 or more (up to the largest a line of this table could hold)."""
    hidden = [(i, sign, cell) for i, (sign, cell) in enumerate(line) if cell.hidden]
    known = -sum(sign * cell.value for sign, cell in line if not cell.hidden)
    ceiling = sum(cell.value for _sign, cell in line) + 5

    def options(cell: Cell) -> range:
        return range(1, 5) if cell.primary else range(5, ceiling + 1)

    possible = [set() for _ in hidden]

    def walk(position: int, total: int, chosen: list[int]) -> None:
        if position == len(hidden):
            if total == known:
                for k, value in enumerate(chosen):
                    possible[k].add(value)
            return
        _i, sign, cell = hidden[position]
        for value in options(cell):
            walk(position + 1, total + sign * value, [*chosen, value])

    if len(hidden) <= 3:
        walk(0, 0, [])
    else:  # enough hidden entries: counted as safe only if two hide in each line anyway
        possible = [{0, 1} for _ in hidden]
    return possible


@settings(max_examples=200, deadline=None)
@given(tables)
def test_it_hides_every_small_count_and_never_lets_one_be_worked_out(table):
    rows, columns = len(table), len(table[0])
    grid = suppress(table)

    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if 1 <= cell.value <= 4:
                assert str(cell) == SMALL, (table, r, c)
            if cell.value == 0:
                assert str(cell) == "0"
    for line in _lines(grid, rows, columns):
        hidden = [cell for _sign, cell in line if cell.hidden]
        assert len(hidden) != 1, (table, line)
        for values in _possible_values(line):
            assert len(values) > 1, (table, line)


@given(tables)
def test_it_shows_the_true_count_of_every_cell_it_shows(table):
    grid = suppress(table)

    for r, row in enumerate(table):
        for c, value in enumerate(row):
            cell = grid[r][c]
            assert cell.value == value
            assert str(cell) in (str(value), SMALL, HIDDEN)


def test_it_hides_a_second_cell_of_the_row_and_the_column_of_a_small_one():
    grid = suppress([[3, 10, 12], [8, 9, 20]])

    assert [str(cell) for cell in grid[0]] == [SMALL, HIDDEN, "12", "25"]
    assert [str(cell) for cell in grid[1]] == [HIDDEN, HIDDEN, "20", "37"]
    assert [str(cell) for cell in grid[2]] == ["11", "19", "32", "62"]


def test_it_shows_no_rate_or_average_of_a_small_group():
    assert share(3, 4) is None
    assert share(5, 10) == 50
    assert share(7, 10) is None  # the three others would be known
    assert share(10, 10) == 100
    assert mean([1, 2, 3, 4]) is None
    assert mean([1, 2, 3, 4, 5]) == 3
