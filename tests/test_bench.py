"""The benchmark's journals still build against the code as it is: bench/ is not run by the suite,
so without this a change elsewhere (the demo's texts, a writer's signature) breaks it unseen."""

from __future__ import annotations

import sys
from pathlib import Path

from thoughtlog.storage import open_journal

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_the_bench_builds_a_small_journal_that_opens_whole(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    import journals

    built = journals.build(tmp_path / "bench.db", 60)
    with open_journal(tmp_path / "bench.db") as journal:
        assert journal.count_records() == built.size == 60
        assert journal.problems() == []
    sys.modules.pop("journals", None)
