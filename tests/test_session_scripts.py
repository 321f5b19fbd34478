"""The session page's scripts: written, rehearsed, used in a step, and brought to a session."""

from __future__ import annotations

import json
import re

import pytest
from test_session import _record, _script, _step

from thoughtlog import report_formats
from thoughtlog.session import Privacy, build_session, session_layout, session_span
from thoughtlog.storage import scripts as stored_scripts

PRIVATE_WORDS = ("Zqprivate", "zqsecretfeeling", "zqsecretthought")


def _ok(cli, *arguments: str):
    result = cli(*arguments)
    assert result.exit_code == 0, (arguments, result.stderr)
    return result


def test_a_script_written_rehearsed_twice_and_used_is_on_the_page_without_the_private_record(
    cli, tmp_path
):
    """The issue's test of done, through the CLI as a person would do it."""
    _ok(cli, "script", "add", "--with", "my team lead", "--situation", "Raising my point on Monday",
        "--describe", "My point was talked over in the last three meetings",
        "--express", "I feel unheard", "--specify", "Let me finish before you answer",
        "--consequences", "We both get the whole idea")  # fmt: skip
    _ok(cli, "script", "rehearse", "1", "--with", "therapist", "--before", "30", "--after", "55",
        "--when", "3 days ago")  # fmt: skip
    _ok(cli, "script", "rehearse", "1", "--with", "mirror", "--before", "50", "--after", "70",
        "--when", "2 days ago")  # fmt: skip
    _ok(cli, "experiment", "add", "--plan", "Say my point in the Monday meeting", "--belief",
        "If I disagree I'll be punished", "--with", "my team lead", "--script", "1",
        "--when", "yesterday 9am")  # fmt: skip
    _ok(cli, "experiment", "done", "1", "--outcome", "She nodded and asked a question",
        "--came-true", "no", "--learned", "Finishing my point was fine", "--when", "yesterday 10am")  # fmt: skip
    _ok(cli, "add", "-s", "Zqprivate row with my brother", "-e", "zqsecretfeeling=90",
        "-t", "Zqprivate zqsecretthought", "--tag", "private", "--when", "yesterday")  # fmt: skip

    pages = {}
    for format in ("markdown", "html", "json"):
        target = tmp_path / f"page.{format}"
        _ok(cli, "session", "--since", "7 days ago", "--format", format, "--output", str(target),
            "--exclude-tag", "private")  # fmt: skip
        pages[format] = target.read_text(encoding="utf-8")
    for format, page in pages.items():
        plain = page.replace("\u00a0", " ")
        for shown in ("Raising my point on Monday", "my team lead", "Finishing my point was fine",
                      "Say my point in the Monday meeting"):  # fmt: skip
            assert shown in plain, (format, shown)
        for word in PRIVATE_WORDS:
            assert word.lower() not in plain.lower(), (format, word)
    for format in ("markdown", "html"):
        plain = pages[format].replace("\u00a0", " ")
        assert "Scripts I practised" in plain
        assert re.search(r"Raising my point on Monday.*my team lead.*therapist, mirror.*30 → 70"
                         r".*1 done", plain, re.S)  # fmt: skip
    (script,) = json.loads(pages["json"])["scripts"]
    assert script["title"] == "Raising my point on Monday"
    assert [(r["with"], r["before"], r["after"]) for r in script["rehearsals"]] == [
        ("therapist", 30, 55),
        ("mirror", 50, 70),
    ]
    assert script["steps"] == {"done": 1, "planned": 0}
    assert script["parts"]["specify"] == "Let me finish before you answer"
    assert script["parts_written"] == 4


def _page(journal, *redact: str, leaving_out: tuple[str, ...] = ()):
    data, _ = build_session(
        journal, session_span(None, None), Privacy(leaving_out, frozenset(redact))
    )
    return data, report_formats.markdown_page(session_layout(data))


def test_with_situations_redacted_a_scripts_parts_are_counted_not_shown(journal):
    script = _script(journal, situation="At the Elm St office", with_="boss", part="Zqpart words",
                     when="yesterday")  # fmt: skip
    data, page = _page(journal, "situations")
    (shown,) = data["scripts"]
    assert shown["id"] == script
    assert shown["title"] == shown["situation"] == "[situation left out]"
    assert shown["parts"] is None and shown["parts_written"] == 2
    assert "Elm St" not in page and "Zqpart" not in page
    assert shown["with"] == "boss"  # names are another choice


def test_a_script_without_a_situation_is_named_by_who_it_is_for_as_redacted(journal):
    _script(journal, with_="Dana", part="Zqpart", when="yesterday")
    _script(journal, part="Zqonlypart asking for a pause", when="yesterday")
    _step(journal, "Asked Dana", with_="Dana")
    data, _ = _page(journal, "names")
    assert [s["title"] for s in data["scripts"]] == [
        "With person A",
        "Zqonlypart asking for a pause",
    ]
    data, _ = _page(journal, "situations")
    assert [s["title"] for s in data["scripts"]][1] == "[situation left out]"


def test_a_scripts_person_gets_the_same_letter_as_in_the_steps(journal):
    script = _script(journal, situation="Meeting", with_="Boss")
    _step(journal, "Spoke first", with_="boss", script=script)
    _step(journal, "Spoke to my partner", with_="partner", when="2 days ago")
    data, _ = _page(journal, "names")
    assert data["scripts"][0]["with"] == "person A"
    assert [step["with"] for step in data["steps"]["taken"]] == ["person A", "person B"]


def test_a_rehearsals_kind_is_kept_under_redacted_names(journal):
    _script(journal, situation="Meeting", with_="Boss", when="yesterday")
    data, page = _page(journal, "names")
    assert data["scripts"][0]["rehearsals"][0]["with"] == "friend"
    assert "| person A | friend | 30 → 60 |" in page


def test_steps_linked_to_a_record_left_out_do_not_count_as_uses(journal):
    script = _script(journal, situation="Meeting")
    private = _record(journal, "Zqprivate", tags=["zqhidden"], when="3 days ago")
    _step(journal, "Private step", with_="sister", record_id=private, script=script)
    _step(journal, "Kept step", with_="boss", script=script)
    _step(journal, "Kept and coming up", with_="boss", script=script, when="in 2 days", done=False)
    data, _ = _page(journal, leaving_out=("zqhidden",))
    assert data["scripts"][0]["steps"] == {"done": 1, "planned": 1}
    data, _ = _page(journal)
    assert data["scripts"][0]["steps"] == {"done": 2, "planned": 1}


def test_a_script_used_only_for_a_record_left_out_is_left_out_with_its_rehearsals(journal):
    script = _script(journal, situation="Zqprivatescript", when="yesterday")
    private = _record(journal, "Zqprivate", tags=["zqhidden"], when="3 days ago")
    step = _step(journal, "Private step", with_="sister", record_id=private, script=script)
    data, page = _page(journal, leaving_out=("zqhidden",))
    assert data["scripts"] == [] and "Zqprivatescript" not in page
    assert _page(journal)[0]["scripts"][0]["title"] == "Zqprivatescript"
    journal.trash_experiment(step)  # a step in the trash still tells what the script was for
    assert _page(journal, leaving_out=("zqhidden",))[0]["scripts"] == []


def test_only_scripts_practised_in_these_days_are_shown(journal):
    quiet = _script(journal, situation="Written, never practised")
    _script(journal, situation="Rehearsed long ago", when="40 days ago")
    trashed = _script(journal, situation="In the trash", when="yesterday")
    stored_scripts.move_script(journal, trashed, to_trash=True)
    both = _script(journal, situation="Rehearsed before and in these days", when="40 days ago")
    stored_scripts.rehearse(journal, both, _rehearsal("alone", when="yesterday"))
    _step(journal, "Planned long ahead", with_="boss", script=quiet, when="in 30 days", done=False)
    data, page = _page(journal)
    (shown,) = data["scripts"]
    assert shown["title"] == "Rehearsed before and in these days"
    assert [r["with"] for r in shown["rehearsals"]] == ["alone"]
    assert "Written, never practised" not in page and "In the trash" not in page


def _rehearsal(kind, *, before=None, after=None, when):
    from thoughtlog.scripts import rehearsal

    return rehearsal(kind, before=before, after=after, when=when)


def test_many_rehearsals_are_summed_up_first_to_last(journal):
    script = _script(journal, situation="Meeting")
    for day, (before, after) in enumerate([(20, 30), (30, 45), (40, 50), (50, 75)]):
        when = f"{6 - day} days ago"
        stored_scripts.rehearse(journal, script, _rehearsal("mirror", before=before, after=after,
                                                            when=when))  # fmt: skip
    _, page = _page(journal)
    assert "| 4 times | 20 → 75 |" in page


@pytest.mark.parametrize("format", ["markdown", "html"])
def test_an_empty_page_has_no_scripts_section(cli, format):
    result = _ok(cli, "session", "--preview", "--format", format)
    assert "Scripts I practised" not in result.stdout
