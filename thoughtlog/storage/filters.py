"""What a list, search, export or report asks of the journal, and what a search finds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from thoughtlog import dates
from thoughtlog.model import Record
from thoughtlog.storage.rows import fits_sqlite


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

    def experiments_where(self) -> tuple[str, list[Any]]:
        """The experiments (on `experiments e`, not in the trash) that go with these records.

        Unfiltered, that is every experiment. Filtered, it is the experiments linked to a chosen
        record, plus, when only dates narrow the records, the unlinked ones planned in that span.
        """
        clauses, params = ["e.deleted_at IS NULL"], []
        by_content = bool(self.tags or self.distortions or self.emotions)
        if by_content or self.since or self.until:
            where, record_params = self.where()
            linked = f"e.record_id IN (SELECT r.id FROM records r WHERE {where})"
            params.extend(record_params)
            if by_content:
                clauses.append(linked)
            else:
                span = ["e.record_id IS NULL", *_planned_between(self.since, self.until, params)]
                clauses.append(f"({linked} OR ({' AND '.join(span)}))")
        return " AND ".join(clauses), params


@dataclass
class ExperimentFilter:
    """Which experiments a list looks at; the ladder takes only the steps still planned."""

    status: str | None = None  # 'planned' or 'done'
    since: datetime | None = None
    until: datetime | None = None
    record_id: int | None = None
    ladder: bool = False
    limit: int | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = ["e.deleted_at IS NULL"], []
        status = "planned" if self.ladder else self.status
        if status:
            clauses.append("e.status = ?")
            params.append(status)
        clauses += _planned_between(self.since, self.until, params)
        if self.record_id is not None:
            clauses.append("e.record_id = ?" if fits_sqlite(self.record_id) else "0")
            params += [self.record_id] if fits_sqlite(self.record_id) else []
        return " AND ".join(clauses), params


def _planned_between(
    since: datetime | None, until: datetime | None, params: list[Any]
) -> list[str]:
    """Clauses for experiments planned in a span (added when planned, for those with no date);
    their values are appended to params. The same expression as the index experiments_by_when."""
    clauses = []
    if since:
        clauses.append("coalesce(e.planned_utc, e.created_at) >= ?")
        params.append(dates.to_utc_text(since))
    if until:
        clauses.append("coalesce(e.planned_utc, e.created_at) < ?")
        params.append(dates.to_utc_text(until))
    return clauses


@dataclass
class SearchHit:
    record: Record
    snippet: str  # the match marked with HIGHLIGHT_START / HIGHLIGHT_END


HIGHLIGHT_START, HIGHLIGHT_END = "\x02", "\x03"
SEARCH_WINDOW = 1_000  # search ranks the matches among this many of the newest records that match
