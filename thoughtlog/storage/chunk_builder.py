"""Builds every other chunk of a big export in a process of its own: run by chunks.py, not by a person.

It is run as a script (python -I this_file), so it starts in a few hundredths of a second, and
imports of thoughtlog only what finishes a chunk (for the CSV, csv_format, which quotes cells).
What it is told comes on stdin, one JSON line at a time, and what it builds goes to stdout;
chunks.py explains the exchange. Anything it can't do ends it, and the export builds the chunks
it would have built itself, so nothing it meets is ever shown.
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
    finish = None
    if job["finish"]:  # imported once reading has begun, while the export builds its first chunk
        from importlib import import_module

        module, function = job["finish"].split(":")
        finish = getattr(import_module(module), function)
        conn.text_factory = str
    for first, last in json.loads(told.readline()):
        ((count, text),) = conn.execute(job["sql"], [*job["params"], first, last]).fetchall()
        if finish is None:
            data = text or b""
        else:
            data = finish(text).encode("utf-8") if count else b""
        out.write(b"%d %d\n" % (count, len(data)))
        out.write(data)
        out.flush()


if __name__ == "__main__":
    main()
