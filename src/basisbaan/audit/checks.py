"""``basisbaan check``: warn when the running database role could rewrite the audit log.

In production the application connects as a *runtime* role that may only INSERT
into and SELECT from the audit log (and keep the chain's head); a separate
*migration* role owns the tables (``docs/security.md#audit``). Connected as the
owner, or with UPDATE, DELETE or TRUNCATE on the log, the application (or anyone
who takes it over) could remove the triggers or the entries: this check says so.

PostgreSQL only (SQLite has no roles). No warning when the database cannot be
reached or the table does not exist yet (before the first migrate). The
migrate step itself runs as the owner and will show the warning: expected there.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Warning, register
from django.db import DatabaseError, connection

TABLE = "audit_auditentry"

QUERY = """
SELECT pg_get_userbyid(c.relowner) = current_user,
       has_table_privilege(c.oid, 'UPDATE'),
       has_table_privilege(c.oid, 'DELETE'),
       has_table_privilege(c.oid, 'TRUNCATE'),
       current_user
FROM pg_class c
WHERE c.oid = to_regclass(%s)
"""


def _rights() -> tuple[bool, list[str], str] | None:
    """(owns the table, the forbidden rights it has, the role), or None if unknown."""
    if connection.vendor != "postgresql":
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute(QUERY, [TABLE])
            row = cursor.fetchone()
    except DatabaseError:
        return None
    if row is None:
        return None
    owns, update, delete, truncate, role = row
    rights = [
        name
        for name, held in (("UPDATE", update), ("DELETE", delete), ("TRUNCATE", truncate))
        if held
    ]
    return bool(owns), rights, str(role)


@register()
def audit_log_role_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    found = _rights()
    if found is None:
        return []
    owns, rights, role = found
    if not owns and not rights:
        return []
    what = "owns the audit table" if owns else "may " + ", ".join(rights) + " the audit table"
    return [
        Warning(
            f"The database role '{role}' {what} ({TABLE}): it could alter or remove the "
            "audit log. / De databaserol mag de auditlog wijzigen of wissen.",
            hint=(
                "Run the application as a runtime role with only INSERT and SELECT on "
                f"{TABLE}; let a separate migration role own the tables "
                "(docs/security.md#audit)."
            ),
            id="basisbaan.W001",
        )
    ]
