"""Writes docs/messages.md: every message thoughtlog shows a person, gathered to be read together.

    python docs/messages.py                 # rewrite docs/messages.md
    python docs/messages.py --output FILE   # write it elsewhere

tests/test_messages.py fails when docs/messages.md no longer matches the code, and reads every
message for words that blame, diagnose or shout.

It reads the source with `ast` and never imports thoughtlog. A message is a string that reaches:
- an error from thoughtlog/errors.py (ThoughtlogError, InvalidValue, NotFound, JournalError, ...),
  wherever it is built: raised, returned, or kept for later;
- typer.echo, print(..., file=...), typer.prompt, typer.confirm and guided.prompt_line;
- output.print_lines given a list written out in place (the verdict of `check`, say);
- a function of thoughtlog that passes one of its parameters on to any of these: output.say,
  guided.tell, guided.ask and ask_rating, a command's own helpers. What a caller passes for that
  parameter is a message too, or a piece of one: model.rating puts its `what` ("Belief in the
  hot thought") into "'140' is out of range: use a whole number from 0 to 100 for {rated}.";
- the sentences of the weekly report (report.summary) and the helpers it calls.

A message built in steps is followed: a local name (`status = "..." if ... else "..."`,
`line += ...`, `sentences.append(...)`), a module constant, or a call to a thoughtlog function
that returns text (import_summary, _done_message) each lead to the strings they hold. Pieces found
that way are listed where they are written, and only when they hold two words or more, so that
"once" or a bare option name stays out.

In an f-string, the text is shown as written and each value as `{the expression}`. Messages are
grouped by module and by the function that holds them, in the order of the source; no line
numbers, so the file changes only when a message does. Help texts and docstrings are not here:
docs/cli.md has them.
"""

from __future__ import annotations

import argparse
import ast
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PACKAGE = ROOT / "thoughtlog"
MESSAGES_MD = HERE / "messages.md"
COMMAND = "python docs/messages.py"

# (module, function) whose returned text is read by a person as it stands: the report's sentences.
SENTENCE_SOURCES = {("thoughtlog/report.py", "summary"): "report"}
# typer.<name>(first argument, ...): how the person meets it.
TYPER_CALLS = {"echo": "says", "prompt": "asks", "confirm": "asks"}

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")  # "s" of "experiment{'s'...}" is no word


@dataclass(frozen=True)
class Message:
    module: str  # "thoughtlog/model.py"
    function: str  # "rating", "Journal.get_record", "(module)"
    kind: str  # error, says, asks or report
    text: str  # f-string values shown as {expression}
    position: tuple[int, int]  # the statement's, only to keep the source's order; never written out


class Module:
    """One source file: its tree, its functions by name, and which function holds each node."""

    def __init__(self, path: Path):
        self.name = path.relative_to(ROOT).as_posix()
        self.tree = ast.parse(path.read_text(encoding="utf-8"), filename=self.name)
        self.functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}  # qualified name
        self.holder: dict[ast.AST, str] = {}  # node -> qualified name of its function
        # node -> (line, column) of the statement holding it: what orders the messages. Positions
        # inside f-strings differ between Python versions; those of statements don't.
        self.place: dict[ast.AST, tuple[int, int]] = {}
        for statement in ast.walk(self.tree):
            if isinstance(statement, ast.stmt):
                for inner in ast.walk(statement):
                    self.place[inner] = (statement.lineno, statement.col_offset)  # innermost last
        self.constants: dict[str, list[ast.expr]] = {}  # module-level NAME = value
        self._index(self.tree, "")
        for node in self.tree.body:
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.constants.setdefault(target.id, []).append(node.value)

    def _index(self, node: ast.AST, prefix: str) -> None:
        """Name every function; the innermost function (or class) holding a node wins."""
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = prefix + child.name
                if not isinstance(child, ast.ClassDef):
                    self.functions[name] = child
                self._index(child, name + ".")
                for inner in ast.walk(child):
                    self.holder.setdefault(inner, name)
            else:
                self._index(child, prefix)
        if not prefix:
            for inner in ast.walk(node):
                self.holder.setdefault(inner, "(module)")

    def function_of(self, node: ast.AST) -> str:
        return self.holder.get(node, "(module)")


class Extractor:
    def __init__(self, package: Path = PACKAGE):
        self.modules = [Module(path) for path in sorted(package.rglob("*.py"))]
        # What a call can reach, looked up by name rather than searched for at every call.
        self._by_stem: dict[str, list[Module]] = {}  # "report" -> the modules named report.py
        self._by_last: dict[str, list[tuple[Module, str]]] = {}  # "summary" -> (module, "summary")
        for module in self.modules:
            self._by_stem.setdefault(Path(module.name).stem, []).append(module)
            for qualified in module.functions:
                self._by_last.setdefault(qualified.rsplit(".", 1)[-1], []).append(
                    (module, qualified)
                )
        self.errors = self._error_classes()
        # (module name, qualified function) -> {parameter index or name: (kind, whole message?)}
        self.passes_on: dict[tuple[str, str], dict[int | str, tuple[str, bool]]] = {}
        self.messages: dict[tuple[str, str, str], Message] = {}
        self._taken: set[tuple[int, bool]] = set()  # (id of an expression, followed)
        self._returned: set[tuple[str, str]] = set()  # (module name, function)

    def _error_classes(self) -> set[str]:
        errors = next(m for m in self.modules if m.name == "thoughtlog/errors.py")
        return {node.name for node in errors.tree.body if isinstance(node, ast.ClassDef)}

    # --- which calls carry a message ------------------------------------------------------------

    def resolve(self, module: Module, call: ast.Call) -> tuple[Module, str] | None:
        """The thoughtlog function a call reaches, when it can be told from the call alone."""
        func = call.func
        if isinstance(func, ast.Name):
            if func.id in module.functions:
                return module, func.id
            name = func.id
        elif isinstance(func, ast.Attribute):
            name, owner = func.attr, func.value
            if isinstance(owner, ast.Name) and owner.id == "self":
                method = module.function_of(call).split(".")[0] + "." + name
                if method in module.functions:
                    return module, method
            if isinstance(owner, ast.Name):
                for other in self._by_stem.get(owner.id, []):
                    if name in other.functions:
                        return other, name
        else:
            return None
        found = self._by_last.get(name, [])
        return found[0] if len(found) == 1 else None

    def message_arguments(
        self, module: Module, call: ast.Call
    ) -> Iterator[tuple[ast.expr, str, bool]]:
        """The arguments of a call that are messages: each with its kind, and whether it is a
        whole message (False: a piece of one, such as the `what` of "{what} is too long")."""
        for argument, kind, whole in self._message_arguments(module, call):
            yield _as_given(argument), kind, whole

    def _message_arguments(
        self, module: Module, call: ast.Call
    ) -> Iterator[tuple[ast.expr, str, bool]]:
        func = call.func
        name = getattr(func, "id", None) or getattr(func, "attr", "")
        on_typer = isinstance(func, ast.Attribute) and getattr(func.value, "id", None) == "typer"
        if name in self.errors:
            for argument in call.args:
                yield argument, "error", True
            return
        if name == "prompt_line" and call.args:  # guided.prompt_line: a question on stderr
            yield call.args[0], "asks", True
            return
        if on_typer:
            if name in TYPER_CALLS and call.args:
                yield call.args[0], TYPER_CALLS[name], True
            return
        if name == "print" and any(k.arg == "file" for k in call.keywords):
            for argument in call.args:
                yield argument, "says", True
            return
        if name == "print_lines":  # data, except for lines written out in place
            written_out = (ast.List, ast.Tuple, ast.ListComp, ast.GeneratorExp)
            if call.args and isinstance(call.args[0], written_out):
                yield call.args[0], "says", True
            return
        target = self.resolve(module, call)
        if target is None:
            return
        passed = self.passes_on.get((target[0].name, target[1]), {})
        for index, argument in enumerate(call.args):
            if index in passed:
                yield argument, *passed[index]
        for keyword in call.keywords:
            if keyword.arg in passed:
                yield keyword.value, *passed[keyword.arg]

    def _find_helpers(self) -> None:
        """Functions that pass a parameter on to a message become message calls themselves."""
        changed = True
        while changed:
            changed = False
            for module in self.modules:
                for qualified, function in module.functions.items():
                    parameters = [a.arg for a in function.args.posonlyargs + function.args.args]
                    offset = 1 if parameters[:1] in (["self"], ["cls"]) else 0
                    keywords = [a.arg for a in function.args.kwonlyargs]
                    passed = self.passes_on.setdefault((module.name, qualified), {})
                    names = parameters + keywords
                    for call in _calls(function):
                        for argument, kind, whole in self.message_arguments(module, call):
                            for used, entire in self._parameters_in(function, argument, names):
                                if used in parameters[offset:]:
                                    key: int | str = parameters.index(used) - offset
                                elif used in keywords:
                                    key = used
                                else:
                                    continue
                                if key not in passed:
                                    passed[key] = (kind, whole and entire)
                                    changed = True
                                    if isinstance(key, int):
                                        passed.setdefault(parameters[key + offset], passed[key])

    def _parameters_in(
        self, function: ast.AST, argument: ast.expr, parameters: list[str]
    ) -> Iterator[tuple[str, bool]]:
        """The names a message is made of, a local name made from a parameter counting as that
        parameter ("rated = what.lower()" makes what a piece of the message)."""
        for used, entire in _names_in_text(argument):
            if used in parameters:
                yield used, entire
                continue
            for node in _nodes(function):
                if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == used for t in node.targets
                ):
                    for inner in ast.walk(node.value):
                        if isinstance(inner, ast.Name) and inner.id in parameters:
                            yield inner.id, False

    # --- collecting ---------------------------------------------------------------------------

    def collect(self) -> list[Message]:
        self._find_helpers()
        for module in self.modules:
            for node in ast.walk(module.tree):
                if isinstance(node, ast.Call):
                    for argument, kind, whole in self.message_arguments(module, node):
                        self._take(module, argument, kind, followed=not whole)
            for (name, function), kind in SENTENCE_SOURCES.items():
                if module.name == name:
                    self._returns(module, function, kind)
        return sorted(
            self.messages.values(),
            key=lambda m: (m.module, m.position),
        )

    def _add(self, module: Module, node: ast.expr, kind: str, text: str, *, followed: bool) -> None:
        words = _WORD.findall(re.sub(r"\{[^{}]*\}", " ", text))
        if len(words) < (2 if followed else 1):
            return
        function = module.function_of(node)
        key = (module.name, function, text)
        if key not in self.messages:
            self.messages[key] = Message(module.name, function, kind, text, module.place[node])

    def _take(self, module: Module, node: ast.expr, kind: str, *, followed: bool) -> None:
        """List the text an expression holds, and follow the names and calls it is made from."""
        if (id(node), followed) in self._taken:
            return
        self._taken.add((id(node), followed))
        text = _render(node)
        if text is not None:
            self._add(module, node, kind, text, followed=followed)
            for part in _parts(node):
                self._take(module, part, kind, followed=True)
        elif isinstance(node, ast.IfExp):
            self._take(module, node.body, kind, followed=followed)
            self._take(module, node.orelse, kind, followed=followed)
        elif isinstance(node, (ast.List, ast.Tuple)):
            for element in node.elts:
                self._take(module, element, kind, followed=followed)
        elif isinstance(node, ast.Starred):
            self._take(module, node.value, kind, followed=followed)
        elif isinstance(node, (ast.ListComp, ast.GeneratorExp)):
            self._take(module, node.elt, kind, followed=True)
            for generator in node.generators:
                self._take(module, generator.iter, kind, followed=True)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            self._take(module, node.left, kind, followed=True)
            self._take(module, node.right, kind, followed=True)
        elif isinstance(node, ast.Name):
            for value in self._values_of(module, node):
                self._take(module, value, kind, followed=True)
        elif isinstance(node, ast.Call):
            target = self.resolve(module, node)
            if target is not None:
                self._returns(target[0], target[1], kind)
            elif isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Dict):
                for value in node.func.value.values:  # {...}.get(key): each text it may give
                    self._take(module, value, kind, followed=True)
            for argument in node.args:
                if isinstance(argument, ast.Call):
                    self._take(module, argument, kind, followed=True)

    def _values_of(self, module: Module, name: ast.Name) -> list[ast.expr]:
        """What a name is given in its function (assigned, added to, appended to), or else as a
        module constant."""
        holder = module.function_of(name)
        scope = module.functions.get(holder)
        values: list[ast.expr] = []
        if scope is not None:
            for node in _nodes(scope):
                if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == name.id for t in node.targets
                ):
                    values.append(node.value)
                elif (
                    isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.NamedExpr))
                    and isinstance(node.target, ast.Name)
                    and node.target.id == name.id
                    and node.value is not None
                ):
                    values.append(node.value)
                elif (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "append"
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == name.id
                ):
                    values.extend(node.args)
        return values or module.constants.get(name.id, [])

    def _returns(self, module: Module, function: str, kind: str) -> None:
        """Take the text a function returns (its own returns, not those of functions inside it)."""
        if (module.name, function) in self._returned:
            return
        self._returned.add((module.name, function))
        for node in _nodes(module.functions[function]):
            if isinstance(node, ast.Return) and node.value is not None:
                if module.function_of(node) == function:
                    self._take(module, node.value, kind, followed=True)


@functools.cache
def _nodes(function: ast.AST) -> tuple[ast.AST, ...]:
    """Every node inside a function, walked once: the extractor asks again and again."""
    return tuple(ast.walk(function))


@functools.cache
def _calls(function: ast.AST) -> tuple[ast.Call, ...]:
    return tuple(node for node in _nodes(function) if isinstance(node, ast.Call))


def _is_text(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_text(node.left) or _is_text(node.right)
    return False


def _render(node: ast.expr) -> str | None:
    """The text of a string expression, each value in it as {expression}; None if it is not one."""
    if not _is_text(node):
        return None
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_render_part(value) for value in node.values)
    assert isinstance(node, ast.BinOp)
    return "".join(
        _render(side) or "" if _is_text(side) else "{" + ast.unparse(side) + "}"
        for side in (node.left, node.right)
    )


def _render_part(value: ast.expr) -> str:
    if isinstance(value, ast.Constant):
        return str(value.value)
    assert isinstance(value, ast.FormattedValue)
    shown = ast.unparse(value.value)
    if value.conversion != -1:
        shown += "!" + chr(value.conversion)
    if isinstance(value.format_spec, ast.JoinedStr):
        shown += ":" + "".join(_render_part(v) for v in value.format_spec.values)
    return "{" + shown + "}"


def _parts(node: ast.expr) -> Iterator[ast.expr]:
    """The values inside a string expression that may hold more text: names and calls."""
    if isinstance(node, ast.JoinedStr):
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                yield from _followable(value.value)
    elif isinstance(node, ast.BinOp):
        for side in (node.left, node.right):
            yield from (_parts(side) if _is_text(side) else _followable(side))


def _followable(node: ast.expr) -> Iterator[ast.expr]:
    if isinstance(node, (ast.Name, ast.IfExp)) or _is_text(node):
        yield node
    for inner in ast.walk(node):
        if isinstance(inner, ast.Call):
            yield inner


# Functions that change how a message is shown (its control characters made visible, its lines
# broken to the terminal's width) but not what it says: a message passed through them is read as
# the message itself.
SHOWN_AS_GIVEN = {"visible", "for_stderr"}


def _as_given(node: ast.expr) -> ast.expr:
    while (
        isinstance(node, ast.Call)
        and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) in SHOWN_AS_GIVEN
        and node.args
    ):
        node = node.args[0]
    return node


def _names_in_text(node: ast.expr) -> Iterator[tuple[str, bool]]:
    """The plain names a message is made of, each with whether it is the whole message (the
    argument itself, or a part of a sum) rather than a value inside an f-string."""
    if isinstance(node, ast.Name):
        yield node.id, True
    elif isinstance(node, ast.JoinedStr):
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                shown = _as_given(value.value)
                if isinstance(shown, ast.Name):
                    yield shown.id, False
    elif isinstance(node, ast.BinOp):
        yield from _names_in_text(node.left)
        yield from _names_in_text(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _names_in_text(node.body)
        yield from _names_in_text(node.orelse)


def collect(package: Path = PACKAGE) -> list[Message]:
    """Every message in the package, in module and source order."""
    return Extractor(package).collect()


def _shown(text: str) -> str:
    """A message as one line of markdown code, whatever it holds."""
    line = text.strip().replace("\n", "\\n")
    fence = "``" if "`" in line else "`"
    pad = " " if line.startswith("`") or line.endswith("`") else ""
    return f"{fence}{pad}{line}{pad}{fence}"


def render(messages: list[Message] | None = None) -> str:
    """docs/messages.md as the code says it now."""
    messages = collect() if messages is None else messages
    lines = [
        f"<!-- Written by docs/messages.py from thoughtlog's source. Don't edit it by hand:"
        f" change the message in the code, then run `{COMMAND}`. -->",
        "",
        "# What thoughtlog says",
        "",
        "Every message a person meets, gathered from the code so they can be read together:"
        " errors (shown after `Error: `), what a command says when it is done, the questions"
        " of the guided entries, and the sentences of the weekly report. `{...}` stands for a"
        " value filled in as the message is shown. Each message is marked with how it reaches"
        " the person: **error**, **says**, **asks** or **report**.",
        "",
        "How they should sound: calm and plain; say what happened and what to do next; never"
        " blame the person, diagnose them or advise them beyond using the tool; no exclamation"
        " marks. tests/test_messages.py checks the words.",
    ]
    grouped: dict[str, dict[str, list[Message]]] = {}
    for message in messages:  # functions in the order their first message comes
        grouped.setdefault(message.module, {}).setdefault(message.function, []).append(message)
    for module, functions in grouped.items():
        lines += ["", f"## {module}"]
        for function, held in functions.items():
            lines += ["", f"### {function}", ""]
            lines += [f"- {message.kind}: {_shown(message.text)}" for message in held]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write the list of messages, docs/messages.md.")
    parser.add_argument(
        "--output", type=Path, default=MESSAGES_MD, help="where to write it (default: %(default)s)"
    )
    output = parser.parse_args(argv).output
    output.write_text(render(), encoding="utf-8", newline="\n")
    print(f"Wrote {output}")


if __name__ == "__main__":
    main()
