"""Reading the SQL stage's golden output (psql's aligned format, queries echoed) and comparing SQLite rows with it.

PostgreSQL and SQLite spell the same values differently: psql prints NULL as an empty cell, booleans as t/f,
timestamps with a "+00" zone and jsonb with its own spacing and key order. same_value() accepts exactly those
differences and nothing else, so a row that matches is the same data.
"""

import decimal
import json
import math
import re
from dataclasses import dataclass, field

SEPARATOR = re.compile(r"^-+(\+-+)*$")
ROW_COUNT = re.compile(r"^\((\d+) rows?\)$")
PG_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\+00$")


@dataclass
class Block:
    """One statement of a psql output file and what psql printed for it."""

    sql: str
    columns: list = None
    rows: list = field(default_factory=list)
    error: str = None


def parse_psql(text):
    """Splits psql -a output into statements, each with its rows or its error."""
    lines = text.split("\n")
    blocks, statement, i = [], [], 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not statement and not line.strip():
            continue
        statement.append(line)
        if line.lstrip().startswith("--") or not line.rstrip().endswith(";"):
            continue
        block = Block("\n".join(statement))
        statement = []
        if i < len(lines) and lines[i].startswith("ERROR:"):
            block.error = lines[i][len("ERROR:"):].strip()
            i += 1
            while i < len(lines) and re.match(r"^(DETAIL|HINT|LINE \d+|CONTEXT):|^\s+\^", lines[i]):
                i += 1
        elif i + 1 < len(lines) and SEPARATOR.match(lines[i + 1]):
            block.columns = [c.strip() for c in lines[i].split("|")]
            i += 2
            while not ROW_COUNT.match(lines[i]):
                row, continued = split_row(lines[i], len(block.columns)), None
                i += 1
                while any(continued_cells(lines[i - 1], len(block.columns))):
                    continued = continued_cells(lines[i - 1], len(block.columns))
                    more = split_row(lines[i], len(block.columns))
                    row = [f"{a}\n{b}" if c else a for a, b, c in zip(row, more, continued)]
                    i += 1
                block.rows.append(row)
            expected = int(ROW_COUNT.match(lines[i]).group(1))
            if expected != len(block.rows):
                raise ValueError(f"psql said {expected} rows but {len(block.rows)} were read: {block.sql}")
            i += 1
        blocks.append(block)
    return blocks


def split_row(line, width):
    cells = raw_cells(line, width)
    return [c.strip().removesuffix("+").rstrip() if cont else c.strip()
            for c, cont in zip(cells, continued_cells(line, width))]


def raw_cells(line, width):
    cells = line.split("|")
    if len(cells) != width:
        raise ValueError(f"cannot split a psql row into {width} cells (a value holds '|'?): {line}")
    return cells


def continued_cells(line, width):
    """psql marks a cell whose value goes on to the next line with a '+' in place of its last padding space."""
    cells = raw_cells(line, width)
    return [c.endswith("+") if n < width - 1 else c.rstrip().endswith("+") for n, c in enumerate(cells)]


def canonical_json(text):
    """JSON text in a form where equal values are equal strings. Numbers are compared as decimals, as jsonb does:
    2.5e3 and 2500 are one value, and 12345678901234567890 is not rounded to a float."""
    return json.dumps(json.loads(text, parse_float=canonical_number, parse_int=canonical_number), sort_keys=True,
                      separators=(",", ":"), ensure_ascii=False)


class canonical_number(str):
    """A JSON number as its normalised decimal text, marked so that it never equals the JSON string of its digits."""

    def __new__(cls, text):
        number = decimal.Decimal(text)
        return super().__new__(cls, "number:" + ("0" if number.is_zero() else str(number.normalize())))


def same_value(pg, value):
    """Whether psql's text pg shows the SQLite value."""
    if value is None:
        return pg == ""
    if isinstance(value, int) and pg in ("t", "f"):
        return value == (1 if pg == "t" else 0)
    text = str(value)
    if pg == text:
        return True
    if PG_TIMESTAMP.match(pg):
        return pg[: -len("+00")] == text
    if isinstance(value, (int, float)):
        try:
            return math.isclose(float(pg), float(value), rel_tol=1e-9)
        except ValueError:
            return False
    if pg[:1] in "[{\"" or pg in ("true", "false", "null"):
        try:
            return canonical_json(pg) == canonical_json(text)
        except ValueError:
            return False
    return False


def compare_rows(pg_rows, sqlite_rows, ordered):
    """Returns None when the rows match, else a description of the first difference."""
    if len(pg_rows) != len(sqlite_rows):
        return f"{len(sqlite_rows)} rows from SQLite, {len(pg_rows)} in the golden output"
    if not ordered:  # without an order by, either engine may return the rows in any order
        unmatched = list(pg_rows)
        for row in sqlite_rows:
            match = next((pg for pg in unmatched if same_row(pg, row)), None)
            if match is None:
                return f"SQLite gave a row that is not in the golden output: {list(row)}"
            unmatched.remove(match)
        return None
    for n, (pg, row) in enumerate(zip(pg_rows, sqlite_rows), 1):
        if len(pg) != len(row):
            return f"row {n}: {len(row)} columns from SQLite, {len(pg)} in the golden output"
        for pg_value, value in zip(pg, row):
            if not same_value(pg_value, value):
                return f"row {n}: SQLite gave {value!r} where the golden output has {pg_value!r}\n  golden: {pg}\n  sqlite: {list(row)}"
    return None


def same_row(pg, row):
    return len(pg) == len(row) and all(same_value(p, v) for p, v in zip(pg, row))
