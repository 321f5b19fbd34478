"""What a list, search, export or report asks of the journal, and what a search finds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from thoughtlog import dates
from thoughtlog.model import Record


@dataclass
class RecordFilter:
    """Which records a list, export or report looks at; every field given narrows the set."""

    since: datetime | None = None
    until: datetime | None = None
    tags: list[str] = field(default_factory=list)
    distortions: list[str] = field(default_factory=list)
    emotions: list[str] = field(default_factory=list)
    incomplete: bool = False
    trash: bool = False
    limit: int | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses = ["r.deleted_at IS NOT NULL" if self.trash else "r.deleted_at IS NULL"]
        params: list[Any] = []
        if self.since:
            clauses.append("r.occurred_utc >= ?")
            params.append(dates.to_utc_text(self.since))
        if self.until:
            clauses.append("r.occurred_utc < ?")
            params.append(dates.to_utc_text(self.until))
        for tag in self.tags:
            clauses.append(
                "EXISTS (SELECT 1 FROM record_tags t WHERE t.record_id = r.id AND t.tag = ?)"
            )
            params.append(tag)
        for slug in self.distortions:
            clauses.append(
                "EXISTS (SELECT 1 FROM thoughts th JOIN thought_distortions td ON td.thought_id = th.id"
                " WHERE th.record_id = r.id AND td.distortion = ?)"
            )
            params.append(slug)
        for name in self.emotions:
            clauses.append(
                "EXISTS (SELECT 1 FROM emotions e WHERE e.record_id = r.id AND e.name = ?)"
            )
            params.append(name)
        if self.incomplete:
            clauses.append("r.reframe IS NULL")
        return " AND ".join(clauses), params


@dataclass
class ExperimentFilter:
    status: str | None = None  # 'planned' or 'done'
    since: datetime | None = None
    until: datetime | None = None
    record_id: int | None = None
    ladder: bool = False
    limit: int | None = None


@dataclass
class SearchHit:
    record: Record
    snippet: str  # the match marked with HIGHLIGHT_START / HIGHLIGHT_END


HIGHLIGHT_START, HIGHLIGHT_END = "\x02", "\x03"
SEARCH_WINDOW = 1_000  # search ranks the matches among this many of the newest records that match
_IN_LIST = 500  # ids bound in one IN list: far below SQLite's limit on parameters
