"""The SQLite contender of make bench: the extension loaded by Debian's python3, a batch's responses as CSV.

    python3 sqlite_csv.py EXTENSION BASE_URL TOKEN BATCH_ID > responses.csv
"""
import csv
import sqlite3
import sys


def main():
    extension, base_url, token, batch_id = sys.argv[1:5]
    db = sqlite3.connect(":memory:")
    db.enable_load_extension(True)
    db.load_extension(extension)
    db.execute("select steampipe_configure_prolific(?)", (f'token = "{token}"\nbase_url = "{base_url}"',))
    cursor = db.execute("select * from prolific_batch_response where batch_id = ?", (batch_id,))
    out = csv.writer(sys.stdout)
    out.writerow([column[0] for column in cursor.description])
    out.writerows(cursor)


if __name__ == "__main__":
    main()
