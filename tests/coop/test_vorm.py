"""The shape the house keeps: rules on the application modules that no linter checks.

* An import inside a function says why it is there (a comment on its line or the line
  before it, or before the group of imports it opens): an import cycle, the app registry
  that is ready only in `AppConfig.ready()`, or a library too slow to load for every process.
* A module over 400 lines states at its top why it is one module ("One module on purpose:").
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP_FOLDERS = ("coop", "werkgevers", "werknemers", "contracten", "deploy")
LANGSTE_MODULE = 400
REDEN = "One module on purpose"


def _app_modules() -> list[str]:
    paths = [p for folder in APP_FOLDERS for p in (ROOT / folder).rglob("*.py")]
    return sorted(
        str(p.relative_to(ROOT))
        for p in [*paths, ROOT / "manage.py"]
        if "migrations" not in p.parts
    )


# Tool pragmas are not reasons: a noqa or type-ignore comment alone says nothing about why.
PRAGMA = re.compile(
    r"noqa(:\s*[A-Z]+[0-9]+(,\s*[A-Z]+[0-9]+)*)?|type:\s*ignore(\[[^\]]*\])?|fmt:\s*\w+"
)


def _says_why(comment: str) -> bool:
    return re.search(r"[A-Za-z]{3,}", PRAGMA.sub("", comment.lstrip("#"))) is not None


def _is_comment(line: str) -> bool:
    return line.strip().startswith("#") and _says_why(line.strip())


def _has_comment(line: str) -> bool:
    return "#" in line and _says_why(line[line.index("#") :])


def function_imports_without_reason(source: str) -> list[int]:
    """Line numbers of imports inside a function with no comment saying why."""
    lines = source.splitlines()
    found: list[int] = []

    def before(lineno: int) -> str:
        return lines[lineno - 2] if lineno >= 2 else ""

    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for block in _statement_lists(node):
            group_explained = False
            previous_was_import = False
            for stmt in block:
                if not isinstance(stmt, (ast.Import, ast.ImportFrom)):
                    previous_was_import = False
                    continue
                if not previous_was_import:
                    group_explained = _is_comment(before(stmt.lineno))
                explained = (
                    group_explained
                    or _is_comment(before(stmt.lineno))
                    or any(_has_comment(lines[n - 1]) for n in _lines_of(stmt))
                )
                if not explained:
                    found.append(stmt.lineno)
                previous_was_import = True
    return sorted(set(found))


def _lines_of(stmt: ast.stmt) -> range:
    return range(stmt.lineno, (stmt.end_lineno or stmt.lineno) + 1)


def _statement_lists(function: ast.AST):
    """Every list of statements inside the function, nested blocks included."""
    for node in ast.walk(function):
        for field in ("body", "orelse", "finalbody", "handlers"):
            block = getattr(node, field, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                yield block


def test_every_import_inside_a_function_says_why():
    unexplained = []
    for path in _app_modules():
        source = (ROOT / path).read_text(encoding="utf-8")
        unexplained += [f"{path}:{n}" for n in function_imports_without_reason(source)]
    assert not unexplained, (
        "lift these imports to the module top, or say on the line before why they stay "
        f"inside (a cycle, the app registry, a slow library): {unexplained}"
    )


def test_the_check_finds_a_bare_import_inside_a_function():
    bare = "def f():\n    x = 1\n    from os import path\n    return path\n"
    assert function_imports_without_reason(bare) == [3]
    nested = "def f():\n    if True:\n        import os\n"
    assert function_imports_without_reason(nested) == [3]
    said = (
        "def f():\n    # inside: a cycle\n    import os\n    import sys\n\n"
        "    import json  # inside: slow\n    return os, sys, json\n"
    )
    assert function_imports_without_reason(said) == []
    a_group_after_code = "def f():\n    # a reason\n    import os\n    x = 1\n    import sys\n"
    assert function_imports_without_reason(a_group_after_code) == [5]
    only_a_pragma = "def f():\n    import os  # noqa: F401\n"
    assert function_imports_without_reason(only_a_pragma) == [2]
    at_module_top = "import os\n\n\ndef f():\n    return os\n"
    assert function_imports_without_reason(at_module_top) == []


def test_a_long_module_says_why_it_is_one():
    unexplained = []
    for path in _app_modules():
        lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
        if len(lines) > LANGSTE_MODULE and not any(REDEN in line for line in lines[:30]):
            unexplained.append(f"{path} ({len(lines)} lines)")
    assert not unexplained, (
        f"split these by job, or say why not in the module docstring ('{REDEN}: ...'): "
        f"{unexplained}"
    )
