"""make demo: every example of docs/tables/*.md answered by the plugin, with no Prolific account, no Steampipe and no
root. It loads the SQLite extension into Python's standard sqlite3 module, points it at the fake Prolific API (its
realistic sample batches), runs each example's ```sql+sqlite block and prints the rows.

  DEMO_EXTENSION  the extension to load (build/steampipe_sqlite_prolific.so)
  DEMO_API_URL    the fake API's base URL; its token is "test-token"
"""

import os
import re
import sqlite3
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MAX_ROWS = 12       # rows printed per example
MAX_WIDTH = 60      # characters printed per value


def examples(doc):
    """(title, query) for each example of a table doc: the ### heading and its ```sql+sqlite block."""
    return re.findall(r"^### (.+?)\n.*?^```sql\+sqlite\n(.*?)^```", doc.read_text(), flags=re.S | re.M)


def cell(value):
    text = "NULL" if value is None else str(value)
    text = text.replace("\n", " ")
    return text if len(text) <= MAX_WIDTH else text[: MAX_WIDTH - 1] + "…"


def print_table(columns, rows):
    shown = [[cell(v) for v in row] for row in rows[:MAX_ROWS]]
    widths = [max([len(c)] + [len(r[i]) for r in shown]) for i, c in enumerate(columns)]
    print(" | ".join(c.ljust(w) for c, w in zip(columns, widths)))
    print("-+-".join("-" * w for w in widths))
    for row in shown:
        print(" | ".join(v.ljust(w) for v, w in zip(row, widths)))
    more = f", {len(rows) - MAX_ROWS} not shown" if len(rows) > MAX_ROWS else ""
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''}{more})")


def main():
    db = sqlite3.connect(":memory:")
    db.enable_load_extension(True)
    db.load_extension(os.environ["DEMO_EXTENSION"])
    db.enable_load_extension(False)
    db.execute("select steampipe_configure_prolific(?)",
               (f'token = "test-token"\nbase_url = "{os.environ["DEMO_API_URL"]}"',))
    failed = 0
    for doc in sorted((REPO / "docs" / "tables").glob("*.md")):
        print(f"\n================ {doc.stem} ================")
        for title, query in examples(doc):
            print(f"\n### {title}\n{query.rstrip()}\n")
            try:
                cursor = db.execute(query)
                print_table([d[0] for d in cursor.description], cursor.fetchall())
            except sqlite3.Error as err:
                failed += 1
                print(f"ERROR: {err}")
    if failed:
        print(f"\n{failed} examples failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
