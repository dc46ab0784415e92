"""Every message a user can get back from Python code is a translatable msgid.

Walks the source (the syntax tree, not the text) for refusals and errors that
reach a user: a ValidationError, PermissionDenied, NotFound and friends, and a
DRF permission's ``message``. Their text must be wrapped in gettext, so that it
exists in English too; a plain string or an f-string fails. Left out on purpose:

- ``calc/`` (no Django, no users: its errors are for developers, in English),
- ``conf/`` (settings; the environment variables' help is operator text),
- management commands (the CLI; see ``test_command_help.py``),
- migrations (frozen history).
"""

from __future__ import annotations

import ast
from pathlib import Path

import basisbaan

SOURCE = Path(basisbaan.__file__).parent
SKIPPED_PARTS = {"calc", "conf", "migrations", "commands"}
USER_FACING = {
    "ValidationError",
    "PermissionDenied",
    "NotFound",
    "ParseError",
    "APIException",
    "NotAuthenticated",
    "AuthenticationFailed",
}
MESSAGE_ATTRIBUTES = {"message", "default_detail", "success_message"}


def _plain_text(node: ast.AST | None) -> bool:
    """A literal the user would read as is: a non-empty string, or an f-string."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(node.value.strip())
    if isinstance(node, ast.Dict):
        return any(_plain_text(value) for value in node.values)
    if isinstance(node, ast.List | ast.Tuple):
        return any(_plain_text(item) for item in node.elts)
    return False


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else None


def untranslated(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _called_name(node) in USER_FACING:
            message = node.args[0] if node.args else None
            message = message or next(
                (k.value for k in node.keywords if k.arg in {"message", "detail"}), None
            )
            if _plain_text(message):
                found.append((node.lineno, ast.unparse(node)[:90]))
        elif isinstance(node, ast.Assign):
            names = {t.id for t in node.targets if isinstance(t, ast.Name)}
            if names & MESSAGE_ATTRIBUTES and _plain_text(node.value):
                found.append((node.lineno, ast.unparse(node)[:90]))
    return found


def test_the_scan_finds_plain_messages():
    """The scan itself: plain and f-string messages are found, gettext ones are not."""
    sample = ast.parse(
        "raise PermissionDenied('Geen toegang.')\n"
        "raise ValidationError({'x': [f'{n} fout']})\n"
        "raise ValidationError(_('Goed.'), code='required')\n"
        "class P:\n    message = 'Nee.'\n"
        "class Q:\n    message = _('Ja.')\n"
    )
    assert [line for line, _text in untranslated(sample)] == [1, 2, 5]


def test_every_user_facing_message_is_translatable():
    offenders = []
    for path in sorted(SOURCE.rglob("*.py")):
        if SKIPPED_PARTS & set(path.relative_to(SOURCE).parts):
            continue
        for line, text in untranslated(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{path.relative_to(SOURCE)}:{line}: {text}")
    assert offenders == []
