"""``basisbaan check`` warns when the application's database role could rewrite the log."""

from __future__ import annotations

import pytest

from django.core.management import call_command
from django.db import connection

from basisbaan.audit.checks import audit_log_role_check

pytestmark = pytest.mark.django_db

POSTGRESQL = connection.vendor == "postgresql"


@pytest.mark.skipif(not POSTGRESQL, reason="database roles on PostgreSQL only")
def test_the_owner_is_warned():
    """The suite connects as the tables' owner: exactly the set-up the check warns about."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        (role,) = cursor.fetchone()
    (warning,) = audit_log_role_check()
    assert warning.id == "basisbaan.W001"
    assert warning.msg.startswith(
        f"The database role '{role}' owns the audit table (audit_auditentry)"
    )


@pytest.mark.skipif(not POSTGRESQL, reason="database roles on PostgreSQL only")
def test_a_runtime_role_with_insert_and_select_only_is_not_warned():
    role = "basisbaan_runtime_test"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
        cursor.execute(f"GRANT INSERT, SELECT ON audit_auditentry TO {role}")
        cursor.execute(f"SET LOCAL ROLE {role}")
        try:
            assert audit_log_role_check() == []
            cursor.execute(f"RESET ROLE; GRANT DELETE ON audit_auditentry TO {role}")
            cursor.execute(f"SET LOCAL ROLE {role}")
            (warning,) = audit_log_role_check()
            assert f"'{role}' may DELETE the audit table" in warning.msg
        finally:
            cursor.execute("RESET ROLE")


@pytest.mark.skipif(not POSTGRESQL, reason="database roles on PostgreSQL only")
def test_the_check_command_shows_it(capsys):
    call_command("check")
    assert "basisbaan.W001" in capsys.readouterr().err


@pytest.mark.skipif(POSTGRESQL, reason="SQLite has no roles")
def test_nothing_to_say_on_sqlite():
    assert audit_log_role_check() == []
