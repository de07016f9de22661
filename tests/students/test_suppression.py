"""Small cells of a report cannot be read, directly or by subtraction from the totals."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from students.reports import counting, figures, groups, programme
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
        _i, sign, cell = hidden[position]
        if position == len(hidden) - 1:  # the last one is what the line's sum leaves for it
            value = sign * (known - total)
            if value in options(cell):
                for k, earlier in enumerate([*chosen, value]):
                    possible[k].add(earlier)
            return
        for value in options(cell):
            walk(position + 1, total + sign * value, [*chosen, value])

    if 1 <= len(hidden) <= 3:
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


# Across the tables of one report: a figure shown in two tables (how many of a group enrolled,
# a stage's total) must read the same in both, or one would give away what the other hides.
STAGE_KEYS = [key for key, _label in figures.STAGES]
people = st.lists(
    st.builds(
        lambda gender, country, sector, stages: (
            {"gender": gender, "country": country, "sector": sector, "age": ""},
            {"submitted", *stages},
        ),
        st.sampled_from(["woman", "man", "undisclosed", ""]),
        st.sampled_from(["PE", "EC", "CO", ""]),
        st.sampled_from(["public", "academia", "civil_society", ""]),
        st.sets(st.sampled_from(STAGE_KEYS[1:])),
    ),
    max_size=45,
)


def _groups(people: list[tuple[dict, set]]) -> counting.Groups:
    """People added up as the database adds up their records."""

    def counted(who) -> counting.Counted:
        return counting.Counted(
            stages={k: sum(k in stages for _g, stages in who) for k in STAGE_KEYS}
        )

    by = {
        dimension: {
            key: counted([p for p in people if p[0][dimension] == key])
            for key in {p[0][dimension] for p in people}
        }
        for dimension, _title in groups.DIMENSIONS
    }
    crossed = {
        (rows, columns): Counter(
            (g[rows], g[columns]) for g, stages in people if "enrolled" in stages
        )
        for rows, columns in counting.CROSSED
    }
    return counting.Groups(by=by, crossed=crossed, total=counted(people))


def _shared_figures(summary: dict) -> dict[tuple, set[str]]:
    """Each figure shown in several places, with every way it is shown."""
    shown: dict[tuple, set[str]] = {}
    for (dimension, _title), table in zip(groups.DIMENSIONS, summary["by_dimension"], strict=True):
        for i, cell in enumerate(table.cells[figures.ENROLLED_ROW][:-1]):
            shown.setdefault((dimension, table.column_labels[i]), set()).add(str(cell))
        for stage, row in enumerate(table.cells):
            shown.setdefault(("stage", stage), set()).add(str(row[-1]))
    for stage, (_key, _label, cell) in enumerate(summary["funnel"]):
        shown[("stage", stage)].add(str(cell))
    for (rows, columns), table in zip(counting.CROSSED, summary["crossed"], strict=True):
        *body, margin = table.cells
        for r, cells in enumerate(body):
            shown[(rows, table.row_labels[r])].add(str(cells[-1]))
        for c, cell in enumerate(margin[:-1]):
            shown[(columns, table.column_labels[c])].add(str(cell))
        shown[("stage", figures.ENROLLED_ROW)].add(str(margin[-1]))
    return shown


@settings(max_examples=150, deadline=None)
@given(people)
def test_a_figure_hidden_in_one_table_is_hidden_in_every_other(group):
    summary = figures.summarise(_groups(group))

    for figure, ways in _shared_figures(summary).items():
        assert len(ways) == 1, (figure, ways)
    for table in summary["crossed"]:
        rows, columns = len(table.cells) - 1, len(table.column_labels)
        for line in _lines(table.cells, rows, columns):
            assert len([cell for _sign, cell in line if cell.hidden]) != 1, (table.title, line)
            for values in _possible_values(line):
                assert len(values) > 1, (table.title, line)
    for table in summary["by_dimension"]:
        for row in table.cells:
            line = [(1, cell) for cell in row[:-1]] + [(-1, row[-1])]
            for values in _possible_values(line):
                assert len(values) > 1, (table.title, line)


def test_a_margin_the_crossed_table_must_hide_is_hidden_in_the_one_way_table_too():
    # 7 women in the public sector, 3 in academia; 6 men in the public sector only.
    def person(gender, sector):
        return (
            {"gender": gender, "country": "PE", "sector": sector, "age": ""},
            {"submitted", "admitted", "enrolled"},
        )

    group = [person("woman", "public")] * 7 + [person("woman", "academia")] * 3
    group += [person("man", "public")] * 6 + [person("man", "civil_society")] * 5

    summary = figures.summarise(_groups(group))

    for figure, ways in _shared_figures(summary).items():
        assert len(ways) == 1, (figure, ways)


@settings(max_examples=60, deadline=None)
@given(st.lists(people, min_size=1, max_size=3))
def test_a_programme_shows_only_sums_of_what_its_editions_reports_show(editions):
    parts = []
    for people_of_edition in editions:
        added_up = counting.fold_countries(_groups(people_of_edition))
        parts.append(programme.Part(None, added_up, figures.summarise(added_up)))

    together = programme._together(parts)

    column = programme.column_of(parts)
    for index, (dimension, _title) in enumerate(groups.DIMENSIONS):
        table = together["by_dimension"][index]
        keys = programme._keys(parts, dimension, column)
        for row, cells in enumerate(table.cells):
            for key, cell in zip([*keys, None], cells, strict=True):
                if cell.hidden:
                    continue
                for part in parts:
                    own = part.summary["by_dimension"][index].cells[row]
                    for i in programme.positions(part, dimension, key, column):
                        assert not own[i].hidden, (dimension, row, key)
    for index, (rows, columns) in enumerate(counting.CROSSED):
        table = together["crossed"][index]
        row_keys = programme._keys(parts, rows, column)
        column_keys = programme._keys(parts, columns, column)
        for r, row_key in enumerate([*row_keys, None]):
            for c, column_key in enumerate([*column_keys, None]):
                if table.cells[r][c].hidden:
                    continue
                for part in parts:
                    own = part.summary["crossed"][index].cells
                    for i in programme.positions(part, rows, row_key, column):
                        for j in programme.positions(part, columns, column_key, column):
                            assert not own[i][j].hidden, (rows, columns, row_key, column_key)
    for i, (_key, _label, cell) in enumerate(together["funnel"]):
        if not cell.hidden:
            assert all(not part.summary["funnel"][i][2].hidden for part in parts)
