"""Builds every other chunk of a big export in a process of its own: run by chunks.py, not by a person.

It is run as a script (python -I this_file), so it imports nothing of thoughtlog and starts in a
few hundredths of a second. What it is told comes on stdin, one JSON line at a time, and what it
builds goes to stdout; chunks.py explains the exchange. Anything it can't do ends it, and the
export builds the chunks it would have built itself, so nothing it meets is ever shown.
"""

import json
import sqlite3
import sys


def main() -> None:
    told, out = sys.stdin.buffer, sys.stdout.buffer
    job = json.loads(told.readline())
    conn = sqlite3.connect(job["path"], isolation_level=None, timeout=job["timeout"])
    conn.text_factory = bytes  # the chunks go out as SQLite holds them, UTF-8, never decoded here
    conn.execute("PRAGMA query_only = ON")
    conn.execute(f"PRAGMA cache_size = -{int(job['cache_kib'])}")
    out.write(b"waiting\n")
    out.flush()
    if told.readline() != b"begin\n":
        return
    conn.execute("BEGIN")
    conn.execute("SELECT count(*) FROM sqlite_schema").fetchall()  # the read starts here
    out.write(b"reading\n")
    out.flush()
    for first, last in json.loads(told.readline()):
        ((count, text),) = conn.execute(job["sql"], [*job["params"], first, last]).fetchall()
        text = text or b""
        out.write(b"%d %d\n" % (count, len(text)))
        out.write(text)
        out.flush()


if __name__ == "__main__":
    main()
