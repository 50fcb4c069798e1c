"""The SQLite stage: steampipe_sqlite_prolific.so loaded by Python's standard sqlite3 module and by the sqlite3 shell,
against the fake Prolific API (test/fakeprolific). test/sqlite/run.sh builds both and sets the environment:

  SQLITE_EXTENSION   the extension to load
  PROLIFIC_FAKE_URL  the fake API's base URL; its token is "test-token"
"""

import json
import os
import re
import sqlite3
import subprocess
import sys
import unittest
import urllib.parse
import urllib.request
from pathlib import Path

import golden

EXTENSION = os.environ["SQLITE_EXTENSION"]
FAKE_URL = os.environ["PROLIFIC_FAKE_URL"]
TOKEN = "test-token"
REPO = Path(__file__).resolve().parents[2]
SQL_EXPECTED = REPO / "test" / "sql" / "expected"

# The fake's batches (test/fakeapi): every answer shape, the demo batches of the docs, 10,000 synthetic responses.
BATCH_ALL_SHAPES = "0b6f2d3e-9c41-4a8e-b2f7-5d1c8e3a9f60"
BATCH_SENTIMENT = "7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13"
BATCH_SUMMARIES = "8d3fab52-4c6e-4079-9b2f-3eac5c8f1f24"
BATCH_LARGE = "4fad6172-0000-4000-8000-000000010000"


def config(token=TOKEN, **extra):
    """The HCL of a connection to the fake, with fast retries."""
    settings = {"token": token, "base_url": FAKE_URL, "retry_base_delay": "5ms", "max_retry_wait": "5s", "timeout": "5s"}
    settings.update(extra)
    return "\n".join(f'{name} = "{value}"' for name, value in settings.items())


def connect(hcl=None):
    """A new in-memory database with the extension loaded, configured for the fake unless hcl is given."""
    db = sqlite3.connect(":memory:")
    db.enable_load_extension(True)
    db.load_extension(EXTENSION)
    db.enable_load_extension(False)
    db.execute("select steampipe_configure_prolific(?)", (config() if hcl is None else hcl,))
    return db


def fake(control, method="GET", **params):
    """Calls one of the fake's /_fake/ control paths."""
    url = f"{FAKE_URL}/_fake/{control}?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(urllib.request.Request(url, method=method)) as resp:
        return json.load(resp)


def requests_to(prefix):
    return fake("requests", prefix=prefix)


def responses_path(batch_id):
    return f"/api/v1/data-collection/batches/{batch_id}/responses"


def run_python(code, env=None):
    """Runs code in a new Debian python3, for what must be seen from outside: the environment it starts with, and
    everything it prints on stdout and stderr."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("PROLIFIC_")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-c", code], env=full_env, capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).parent)


class DoneWhen(unittest.TestCase):
    """The issue's check: connect, load, configure, count a batch's responses; a truncated body raises."""

    def test_count_of_a_batch_and_truncated_body_raises(self):
        db = sqlite3.connect(":memory:")
        db.enable_load_extension(True)
        db.load_extension(EXTENSION)
        db.execute("select steampipe_configure_prolific(?)", (f'token = "{TOKEN}"\nbase_url = "{FAKE_URL}"',))
        (count,), = db.execute("select count(*) from prolific_batch_response where batch_id = ?", (BATCH_LARGE,))
        self.assertEqual(count, 10000)
        with self.assertRaisesRegex(sqlite3.OperationalError, "truncated response"):
            db.execute("select count(*) from prolific_batch_response where batch_id = 'fault-truncated'").fetchall()

    def test_python_is_debians_and_can_load_extensions(self):
        self.assertTrue(sys.executable.startswith("/usr/bin/python3"), sys.executable)
        self.assertTrue(hasattr(sqlite3.connect(":memory:"), "enable_load_extension"))


class Errors(unittest.TestCase):
    """Errors reach SQLite as errors, after rows too, and name the problem."""

    def setUp(self):
        self.db = connect()

    def test_error_after_rows_fails_the_statement(self):
        # The truncated fixture yields 6 rows before the body ends: the 7th fetch must raise, never end the rows.
        for attempt in range(20):
            cursor = self.db.execute("select id from prolific_batch_response where batch_id = 'fault-truncated'")
            with self.assertRaisesRegex(sqlite3.OperationalError, "truncated response", msg=f"attempt {attempt + 1}"):
                while cursor.fetchone() is not None:
                    pass

    def test_malformed_body_and_403_raise(self):
        with self.assertRaisesRegex(sqlite3.OperationalError, "not valid JSON"):
            self.db.execute("select count(*) from prolific_batch_response where batch_id = 'fault-malformed'").fetchall()
        with self.assertRaisesRegex(sqlite3.OperationalError, "403 Forbidden"):
            self.db.execute("select count(*) from prolific_batch_response where batch_id = 'fault-forbidden'").fetchall()

    def test_truncated_body_once_then_success_is_an_error_not_a_retry(self):
        # A body cut off after a 200 is not retried (its rows may already be out): the statement fails...
        fake("faults", method="POST", path=responses_path(BATCH_ALL_SHAPES), kind="truncated")
        with self.assertRaises(sqlite3.OperationalError):
            self.db.execute("select count(*) from prolific_batch_response where batch_id = ?", (BATCH_ALL_SHAPES,)).fetchall()
        # ... and the next query, with the fault used up, reads the whole batch.
        (count,), = self.db.execute("select count(*) from prolific_batch_response where batch_id = ?", (BATCH_ALL_SHAPES,))
        self.assertEqual(count, 12)

    def test_429_then_success_is_retried(self):
        before = requests_to(responses_path(BATCH_SENTIMENT))["count"]
        fake("faults", method="POST", path=responses_path(BATCH_SENTIMENT), status=429, retry_after="0")
        (count,), = self.db.execute("select count(*) from prolific_batch_response where batch_id = ?", (BATCH_SENTIMENT,))
        self.assertEqual(count, 54)
        self.assertEqual(requests_to(responses_path(BATCH_SENTIMENT))["count"] - before, 2, "one 429, one retry")

    def test_missing_required_qual_names_the_column_with_an_example(self):
        for sql in ["select id from prolific_batch_response",
                    "select id from prolific_batch_response where batch_id like '0b6f%'",
                    "select id from prolific_batch_response where lower(batch_id) = 'x'"]:
            with self.subTest(sql=sql), self.assertRaisesRegex(
                    sqlite3.OperationalError, r"prolific_batch_response needs batch_id in the query.*where batch_id = '\.\.\.'"):
                self.db.execute(sql).fetchall()
        with self.assertRaisesRegex(sqlite3.OperationalError, r"prolific_submission needs study_id \(or id\)"):
            self.db.execute("select id from prolific_submission where status = 'APPROVED'").fetchall()

    def test_tables_are_read_only(self):
        with self.assertRaisesRegex(sqlite3.OperationalError, "may not be modified"):
            self.db.execute("delete from prolific_batch_response where batch_id = ?", (BATCH_ALL_SHAPES,))

    def test_401_names_the_problem_and_never_shows_the_token(self):
        # In a new process at TRACE level, so that every log line the SDK and the plugin write is checked too.
        secret = "wrong-token-1f2e3d"
        result = run_python(f"""
import sqlite3
db = sqlite3.connect(':memory:')
db.enable_load_extension(True)
db.load_extension({EXTENSION!r})
db.execute("select steampipe_configure_prolific(?)", ({config(token=secret)!r},))
try:
    db.execute("select id from prolific_batch_response where batch_id = '{BATCH_ALL_SHAPES}'").fetchall()
    print("NO ERROR")
except sqlite3.OperationalError as e:
    print("ERROR:", e)
""", env={"STEAMPIPE_LOG_LEVEL": "TRACE"})
        output = result.stdout + result.stderr
        self.assertIn("ERROR: prolific_batch_response:", result.stdout)
        self.assertIn("401", result.stdout)
        self.assertNotIn(secret, output)
        self.assertNotIn(secret[:8], output)


class Configuration(unittest.TestCase):
    """steampipe_configure_prolific and the environment fallbacks."""

    def test_environment_fallback_without_configure(self):
        result = run_python(f"""
import sqlite3
db = sqlite3.connect(':memory:')
db.enable_load_extension(True)
db.load_extension({EXTENSION!r})
print(db.execute("select count(*) from prolific_batch_response where batch_id = '{BATCH_ALL_SHAPES}'").fetchone()[0])
""", env={"PROLIFIC_TOKEN": TOKEN, "PROLIFIC_URL": FAKE_URL})
        self.assertEqual(result.stdout.strip(), "12", result.stderr)

    def test_loading_leaves_the_environment_alone(self):
        # The process's own environment (C's environ, which Go writes through), not os.environ, Python's copy of it.
        steampipe = [k for k in os.environ if k.startswith("STEAMPIPE_")]
        result = run_python(f"""
import ctypes, os, sqlite3
for name in {steampipe!r}:
    os.unsetenv(name)
def environ():
    entries, table = [], ctypes.POINTER(ctypes.c_char_p).in_dll(ctypes.CDLL(None), "environ")
    while table[len(entries)]:
        entries.append(table[len(entries)].decode())
    return sorted(entries)
before = environ()
db = sqlite3.connect(':memory:')
db.enable_load_extension(True)
db.load_extension({EXTENSION!r})
db.execute("select count(*) from prolific_batch_response where batch_id = '{BATCH_ALL_SHAPES}'").fetchall()
after = environ()
print(sorted(set(after) - set(before)), sorted(set(before) - set(after)))
""", env={"PROLIFIC_TOKEN": TOKEN, "PROLIFIC_URL": FAKE_URL})
        self.assertEqual(result.stdout.strip(), "[] []", result.stderr)

    def test_no_token_anywhere_is_a_clear_error(self):
        result = run_python(f"""
import sqlite3
db = sqlite3.connect(':memory:')
db.enable_load_extension(True)
db.load_extension({EXTENSION!r})
try:
    db.execute("select count(*) from prolific_batch_response where batch_id = '{BATCH_ALL_SHAPES}'").fetchall()
except sqlite3.OperationalError as e:
    print(e)
""")
        self.assertIn("no Prolific API token", result.stdout, result.stderr)
        self.assertIn("PROLIFIC_TOKEN", result.stdout)

    def test_unknown_argument_is_refused_and_the_previous_configuration_kept(self):
        db = connect()
        with self.assertRaisesRegex(sqlite3.OperationalError, 'An argument named "tokn" is not expected here'):
            db.execute("""select steampipe_configure_prolific('tokn = "x"')""")
        (count,), = db.execute("select count(*) from prolific_batch_response where batch_id = ?", (BATCH_ALL_SHAPES,))
        self.assertEqual(count, 12)

    def test_arguments_on_one_line(self):
        db = connect(f'token = "{TOKEN}" base_url = "{FAKE_URL}" max_retries = 2 timeout = "5s"')
        (count,), = db.execute("select count(*) from prolific_batch_response where batch_id = ?", (BATCH_ALL_SHAPES,))
        self.assertEqual(count, 12)

    def test_configuration_is_not_text(self):
        db = connect()
        with self.assertRaisesRegex(sqlite3.OperationalError, "takes the connection configuration as text"):
            db.execute("select steampipe_configure_prolific(42)")

    def test_new_configuration_is_not_served_from_the_old_cache(self):
        result = run_python(f"""
import sqlite3
db = sqlite3.connect(':memory:')
db.enable_load_extension(True)
db.load_extension({EXTENSION!r})
db.execute("select steampipe_configure_prolific(?)", ({config()!r},))
query = "select count(*) from prolific_batch_response where batch_id = '{BATCH_ALL_SHAPES}'"
print(db.execute(query).fetchone()[0])
db.execute("select steampipe_configure_prolific(?)", ({config(token="another-token")!r},))
try:
    print(db.execute(query).fetchone()[0])
except sqlite3.OperationalError as e:
    print("ERROR", "401" in str(e))
""", env={"STEAMPIPE_CACHE": "true"})
        self.assertEqual(result.stdout.split(), ["12", "ERROR", "True"], result.stderr)


class Pushdown(unittest.TestCase):
    """What xBestIndex hands to the plugin: key-column quals, IN lists at once, LIMIT."""

    def setUp(self):
        self.db = connect()

    def test_in_list_is_one_scan_per_distinct_value(self):
        before = {b: requests_to(responses_path(b))["count"] for b in (BATCH_SENTIMENT, BATCH_SUMMARIES)}
        rows = self.db.execute(
            "select batch_id, count(*) from prolific_batch_response where batch_id in (?, ?, ?, null) group by batch_id order by 1",
            (BATCH_SENTIMENT, BATCH_SUMMARIES, BATCH_SENTIMENT)).fetchall()
        self.assertEqual([r[0] for r in rows], [BATCH_SENTIMENT, BATCH_SUMMARIES])
        for b in before:
            self.assertEqual(requests_to(responses_path(b))["count"] - before[b], 1, b)

    def test_limit_is_passed_to_the_plugin(self):
        # prolific_submission pages its list with page_size = min(200, LIMIT): the request shows the LIMIT arrived.
        study = self.db.execute("select id from prolific_study order by id limit 1").fetchone()[0]
        before = requests_to("/api/v1/submissions")["count"]
        rows = self.db.execute("select id from prolific_submission where study_id = ? limit 2", (study,)).fetchall()
        self.assertEqual(len(rows), 2)
        queries = requests_to("/api/v1/submissions")["queries"][before:]
        self.assertTrue(queries and all("page_size=2" in q for q in queries), queries)

    def test_limit_is_not_passed_when_sqlite_filters_or_sorts(self):
        study = self.db.execute("select id from prolific_study order by id limit 1").fetchone()[0]
        for sql in ["select id from prolific_submission where study_id = ? and is_complete = 1 limit 2",
                    "select id from prolific_submission where study_id = ? order by id limit 2"]:
            before = requests_to("/api/v1/submissions")["count"]
            self.db.execute(sql, (study,)).fetchall()
            queries = requests_to("/api/v1/submissions")["queries"][before:]
            self.assertTrue(queries and not any("page_size=2&" in q + "&" for q in queries), (sql, queries))

    def test_limit_with_offset(self):
        rows = self.db.execute("select id from prolific_batch_response where batch_id = ? limit 3 offset 10",
                               (BATCH_LARGE,)).fetchall()
        self.assertEqual(len(rows), 3)

    def test_count_of_a_large_batch(self):
        row = self.db.execute("select count(*), count(distinct id), count(submission_id) from prolific_batch_response "
                              "where batch_id = ?", (BATCH_LARGE,)).fetchone()
        self.assertEqual(row, (10000, 10000, 9000))

    def test_null_and_empty_in_make_no_request(self):
        before = requests_to("/api/v1/data-collection/batches/")["count"]
        self.assertEqual(self.db.execute("select count(*) from prolific_batch_response where batch_id = null").fetchone(), (0,))
        self.assertEqual(self.db.execute("select count(*) from prolific_batch_response where batch_id in (select null)").fetchone(), (0,))
        self.assertEqual(requests_to("/api/v1/data-collection/batches/")["count"], before)


class Types(unittest.TestCase):
    """Turbot's SQLite types: INT for integers and booleans (0/1), TEXT for text, JSON and timestamps."""

    def test_declared_types_and_values(self):
        db = connect()
        declared = {name: decl for _, name, decl, *_ in db.execute("pragma table_info(prolific_batch_response)")}
        self.assertEqual(declared["no_submission"], "INT")
        self.assertEqual(declared["schema_version"], "INT")
        self.assertEqual(declared["answer"], "TEXT")
        self.assertEqual(declared["created_at"], "TEXT")
        row = db.execute("select no_submission, schema_version, created_at, answer_values, typeof(answer), "
                         "json_type(metadata, '$.META_flag'), json_object('v', answer_values) from prolific_batch_response "
                         "where batch_id = ? and id = '3f1c9a52-8e4b-4d7a-9b21-6c0e5f7a1d11'", (BATCH_ALL_SHAPES,)).fetchone()
        self.assertEqual(row, (1, 2, "2026-09-14 10:32:00", '["neutral",null]', "text", "true",
                               '{"v":["neutral",null]}'))

    def test_timestamps_compare_with_sqlite_date_functions(self):
        db = connect()
        rows = db.execute("select id from prolific_batch_response where batch_id = ? "
                          "and created_at > datetime('2026-09-14 10:30:00') order by id", (BATCH_ALL_SHAPES,)).fetchall()
        self.assertEqual([r[0][-2:] for r in rows], ["10", "11", "12"])

    def test_every_table_is_eponymous(self):
        db = connect()
        modules = {name for (name,) in db.execute("pragma module_list")}
        tables = {p.stem for p in (REPO / "docs" / "tables").glob("*.md")}
        self.assertTrue(tables <= modules, tables - modules)


class GoldenRows(unittest.TestCase):
    """Every statement of the SQL stage's cases that SQLite can run gives the rows (or the error) of the golden
    output; every table is covered. Statements in PostgreSQL's dialect (casts, jsonb operators, schemas) are
    counted and skipped."""

    POSTGRES_ONLY = re.compile(r"syntax error|no such function|unrecognized token|unknown database|"
                               r"no such table: (?!prolific_)")

    def test_cases(self):
        db = connect()
        db.execute("create table batch_window (batch_id text primary key, label text, since text)")
        db.executemany("insert into batch_window values (?, ?, ?)", [
            (BATCH_SENTIMENT, "sentiment", "2026-09-14 09:30:00"), (BATCH_SUMMARIES, "summaries", "2026-09-20 14:05:00")])
        compared, skipped, failures, tables, reasons = 0, 0, [], set(), {}
        for out in sorted(SQL_EXPECTED.glob("*.out")):
            for n, block in enumerate(golden.parse_psql(out.read_text()), 1):
                if block.columns is None and block.error is None:
                    continue
                name = f"{out.name} statement {n}"
                if re.search(r"\b(prolific_bad_token|local_copy)\.", block.sql):
                    skipped += 1  # the SQL stage's second server (a wrong token) and local copies: covered below
                    reasons["second server or local copy"] = reasons.get("second server or local copy", 0) + 1
                    continue
                try:
                    cursor = db.execute(block.sql)
                    rows = cursor.fetchall()
                except sqlite3.OperationalError as e:
                    if block.error is not None:
                        compared += 1
                    elif dialect := self.POSTGRES_ONLY.search(str(e)):
                        skipped += 1
                        reasons[dialect.group(0)] = reasons.get(dialect.group(0), 0) + 1
                    else:
                        failures.append(f"{name}: SQLite raised {e}\n{block.sql}")
                    continue
                if block.error is not None:
                    failures.append(f"{name}: PostgreSQL raised {block.error!r}, SQLite gave {len(rows)} rows\n{block.sql}")
                    continue
                difference = golden.compare_rows(block.rows, rows, ordered="order by" in block.sql.lower())
                if difference:
                    failures.append(f"{name}: {difference}\n{block.sql}")
                    continue
                compared += 1
                if rows:
                    tables.update(re.findall(r"\b(prolific_[a-z_]+)\b", block.sql))
        print(f"\n  golden statements: {compared} compared, {skipped} skipped (PostgreSQL only: {reasons})", file=sys.stderr)
        self.assertEqual(failures, [], "\n\n".join(failures))
        documented = {p.stem for p in (REPO / "docs" / "tables").glob("*.md")}
        self.assertEqual(documented - tables, set(), "tables without a compared statement that returns rows")


def docs_examples(doc, language):
    """The ```sql+<language> blocks of a table doc, in order."""
    return re.findall(rf"^```sql\+{language}\n(.*?)^```", doc.read_text(), flags=re.S | re.M)


class DocsExamples(unittest.TestCase):
    """Every sql+sqlite example of docs/tables runs and gives the rows of its sql+postgres twin's golden output."""

    def test_examples(self):
        db = connect()
        failures, count = [], 0
        for doc in sorted((REPO / "docs" / "tables").glob("*.md")):
            sqlite_examples, postgres_examples = docs_examples(doc, "sqlite"), docs_examples(doc, "postgres")
            if len(sqlite_examples) != len(postgres_examples):
                failures.append(f"{doc.name}: {len(sqlite_examples)} sql+sqlite examples for {len(postgres_examples)} sql+postgres")
            for n, sql in enumerate(sqlite_examples, 1):
                count += 1
                name = f"docs/tables/{doc.name} sqlite example {n}"
                expected = golden.parse_psql((SQL_EXPECTED / "docs" / f"{doc.stem}-{n}.out").read_text())
                try:
                    rows = db.execute(sql).fetchall()
                except sqlite3.Error as e:
                    failures.append(f"{name}: {e}\n{sql}")
                    continue
                if expected[-1].error is not None:
                    failures.append(f"{name}: the postgres twin raised {expected[-1].error!r}")
                    continue
                difference = golden.compare_rows(expected[-1].rows, rows, ordered="order by" in sql.lower())
                if difference:
                    failures.append(f"{name}: {difference}\n{sql}")
        print(f"\n  docs examples: {count} run", file=sys.stderr)
        self.assertEqual(failures, [], "\n\n".join(failures))


class Joins(unittest.TestCase):
    """Joins in SQLite, each checked against the same query on local copies of the rows."""

    QUERIES = {
        "two plugin tables": """
            select s.id as study_id, count(sub.id) as submissions, sum(sub.status = 'APPROVED') as approved
            from prolific_study as s join prolific_submission as sub on sub.study_id = s.id
            group by s.id order by s.id""",
        "plugin table and a local table": """
            select w.label, r.response_type, count(*) as responses
            from batch_window as w join prolific_batch_response as r on r.batch_id = w.batch_id
            where r.created_at > w.since
            group by w.label, r.response_type order by w.label, r.response_type""",
        "self-join with extra conditions": """
            select a.task_id, a.participant_id, b.participant_id
            from prolific_batch_response as a join prolific_batch_response as b
              on a.task_id = b.task_id and a.participant_id < b.participant_id and a.instruction_id = b.instruction_id
            where a.batch_id = '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13' and b.batch_id = '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13'
              and a.instruction_id = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a'
              and json_extract(a.answer_values, '$[0]') <> json_extract(b.answer_values, '$[0]')
            order by 1, 2, 3""",
        "left join keeps local rows without responses": """
            select w.batch_id, count(r.id) from (select * from batch_window union all
              select '6a1b2c3d-0000-4000-8000-0000000000ff', 'unknown', '2026-01-01 00:00:00') as w
            left join prolific_batch_response as r on r.batch_id = w.batch_id
            group by w.batch_id order by 1""",
    }

    def test_joins_match_local_copies(self):
        db = connect()
        db.execute("attach ':memory:' as local")
        db.execute("create table batch_window (batch_id text primary key, label text, since text)")
        db.executemany("insert into batch_window values (?, ?, ?)", [
            (BATCH_SENTIMENT, "sentiment", "2026-09-14 09:30:00"), (BATCH_SUMMARIES, "summaries", "2026-09-20 14:05:00")])
        db.execute("create table local.batch_window as select * from main.batch_window")
        db.execute("create table local.prolific_batch_response as select * from prolific_batch_response "
                   "where batch_id in (?, ?, ?)", (BATCH_SENTIMENT, BATCH_SUMMARIES, BATCH_ALL_SHAPES))
        db.execute("create table local.prolific_study as select * from prolific_study")
        db.execute("create table local.prolific_submission as select * from prolific_submission "
                   "where study_id in (select id from prolific_study)")
        local = sqlite3.connect(":memory:")
        for table in ("batch_window", "prolific_batch_response", "prolific_study", "prolific_submission"):
            columns = [r[1] for r in db.execute(f"pragma local.table_info({table})")]
            local.execute(f"create table {table} ({', '.join(columns)})")
            local.executemany(f"insert into {table} values ({', '.join('?' * len(columns))})",
                              db.execute(f"select * from local.{table}"))
        for name, sql in self.QUERIES.items():
            with self.subTest(join=name):
                on_plugin = db.execute(sql).fetchall()
                on_copies = local.execute(sql).fetchall()
                self.assertTrue(on_copies, "the local copies give no rows: the case tests nothing")
                self.assertEqual(on_plugin, on_copies)


def setup_block(path):
    """The python block after <!-- sqlite-stage:setup --> in a document."""
    match = re.search(r"<!-- sqlite-stage:setup -->\n```python\n(.*?)^```", path.read_text(), flags=re.S | re.M)
    return match.group(1) if match else None


class Documentation(unittest.TestCase):
    """The README's first SQLite query runs as written, with the fake's address and token, and docs/index.md shows
    the same block."""

    def test_setup_block_runs(self):
        readme, index = setup_block(REPO / "README.md"), setup_block(REPO / "docs" / "index.md")
        self.assertIsNotNone(readme, "README.md has no python block after <!-- sqlite-stage:setup -->")
        self.assertEqual(readme, index, "the setup blocks of README.md and docs/index.md differ; keep them identical")
        code = (readme.replace("./steampipe_sqlite_prolific.so", EXTENSION)
                .replace("https://api.prolific.com", FAKE_URL).replace("YOUR_PROLIFIC_TOKEN", TOKEN))
        result = run_python(code)
        self.assertEqual(result.returncode, 0, result.stderr)
        expected = connect().execute(
            "select response_type, count(*), count(distinct participant_id) from prolific_batch_response "
            "where batch_id = ? group by 1 order by 1", (BATCH_SENTIMENT,)).fetchall()
        self.assertTrue(expected)
        self.assertEqual(result.stdout.splitlines(), [str(row) for row in expected])


class Shell(unittest.TestCase):
    """The sqlite3 shell: .load, configure, query; a failing query fails the shell."""

    def shell(self, script):
        return subprocess.run(["sqlite3", ":memory:"], input=script, capture_output=True, text=True, timeout=120)

    def test_load_configure_query(self):
        result = self.shell(f""".load {EXTENSION}
select steampipe_configure_prolific('
  token = "{TOKEN}"
  base_url = "{FAKE_URL}"
');
.mode list
select response_type, count(*) from prolific_batch_response where batch_id = '{BATCH_SENTIMENT}' group by 1 order by 1;
""")
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = [l for l in result.stdout.splitlines() if "|" in l]
        counts = dict(l.split("|") for l in lines)
        expected = {t: str(c) for t, c in connect().execute(
            "select response_type, count(*) from prolific_batch_response where batch_id = ? group by 1", (BATCH_SENTIMENT,))}
        self.assertEqual(counts, expected)

    def test_error_after_rows_fails_the_shell(self):
        result = self.shell(f""".bail on
.load {EXTENSION}
select steampipe_configure_prolific('token = "{TOKEN}"
base_url = "{FAKE_URL}"');
select id from prolific_batch_response where batch_id = 'fault-truncated';
select 'not reached';
""")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("truncated response", result.stderr)
        self.assertNotIn("not reached", result.stdout)


if __name__ == "__main__":
    unittest.main()
