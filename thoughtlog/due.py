"""What is due, in one calm line, and the shell snippets that show it at a prompt once a day."""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is not imported: this module runs at every shell prompt
if TYPE_CHECKING:
    from thoughtlog.storage.due import Due

SHELLS = ("bash", "zsh", "fish")


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def due_line(due: Due) -> str | None:
    """One line, or None when nothing is due. Never a reproach: things waiting, when you're ready."""
    if not due.anything:
        return None
    parts = []
    if due.steps:
        parts.append(_count(due.steps, "small step planned", "small steps planned"))
    if due.incomplete:
        parts.append(_count(due.incomplete, "record", "records") + " to come back to")
    if due.drafts:
        parts.append(_count(due.drafts, "unfinished entry", "unfinished entries"))
    if due.checkin_days is not None:
        parts.append(f"a check-in if you'd like one ({due.checkin_days} days since the last)")
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"thoughtlog: {listed}, whenever you're ready."


def due_json(due: Due) -> str:
    """What is due for a script: the counts, and the line (null when nothing is due)."""
    import json

    return json.dumps(
        {
            "steps": due.steps,
            "incomplete": due.incomplete,
            "drafts": due.drafts,
            "checkin_days": due.checkin_days,
            "line": due_line(due),
        },
        ensure_ascii=False,
    )


# Each snippet runs `thoughtlog due` at most once a day, at the first prompt of the day, keeping
# the day it last ran in a small file of the cache directory; it never installs itself.
_STAMP = "${XDG_CACHE_HOME:-$HOME/.cache}/thoughtlog-due-day"

_POSIX = f"""_thoughtlog_due() {{
  local stamp="{_STAMP}" today
  today=$(date +%F)
  [ "$(cat "$stamp" 2>/dev/null)" = "$today" ] && return
  mkdir -p "${{stamp%/*}}" && printf '%s\\n' "$today" > "$stamp"
  command thoughtlog due 2>/dev/null
}}"""

HOOKS = {
    "bash": f"""# thoughtlog: what is due, once a day at most (add to ~/.bashrc)
{_POSIX}
PROMPT_COMMAND="_thoughtlog_due${{PROMPT_COMMAND:+;$PROMPT_COMMAND}}"
""",
    "zsh": f"""# thoughtlog: what is due, once a day at most (add to ~/.zshrc)
{_POSIX}
autoload -Uz add-zsh-hook && add-zsh-hook precmd _thoughtlog_due
""",
    "fish": """# thoughtlog: what is due, once a day at most (add to ~/.config/fish/config.fish)
function _thoughtlog_due --on-event fish_prompt
    set -l cache (set -q XDG_CACHE_HOME; and echo $XDG_CACHE_HOME; or echo $HOME/.cache)
    set -l stamp $cache/thoughtlog-due-day
    set -l today (date +%F)
    if test -f $stamp; and test (cat $stamp) = $today
        return
    end
    mkdir -p $cache; and echo $today > $stamp
    command thoughtlog due 2>/dev/null
end
""",
}


def hook(shell: str) -> str | None:
    return HOOKS.get(shell)
