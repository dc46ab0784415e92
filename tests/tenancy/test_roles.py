from basisbaan.tenancy.roles import MATRIX, Perm, Role, has_perm


def test_every_role_is_in_the_matrix():
    assert set(MATRIX) == set(Role)


def test_researcher_sees_no_personal_data_and_changes_nothing_but_the_study():
    granted = MATRIX[Role.RESEARCHER]
    assert Perm.PARTICIPANT_VIEW in granted
    assert Perm.PARTICIPANT_VIEW_PERSONAL not in granted
    assert Perm.PARTICIPANT_VIEW_BSN not in granted
    writes = {p for p in granted if p.value.endswith((".manage", ".intake", ".record", ".edit"))}
    assert writes == {Perm.RESEARCH_MANAGE}


def test_the_study_is_the_researchers_and_the_functional_administrators():
    assert {r for r in Role if has_perm(r, Perm.RESEARCH_VIEW)} == {
        Role.RESEARCHER,
        Role.FUNCTIONAL_ADMIN,
    }
    assert {r for r in Role if has_perm(r, Perm.RESEARCH_MANAGE)} == {
        Role.RESEARCHER,
        Role.FUNCTIONAL_ADMIN,
    }


def test_read_only_changes_nothing():
    assert not {p for p in MATRIX[Role.READ_ONLY] if p.value.endswith((".manage", ".intake"))}


def test_only_the_functional_administrator_reads_the_audit_log():
    assert [r for r in Role if has_perm(r, Perm.AUDIT_VIEW)] == [Role.FUNCTIONAL_ADMIN]


def test_no_role_no_rights():
    assert has_perm(None, Perm.PROGRAMME_VIEW) is False


def test_only_programme_manager_and_admin_open_or_close_intake():
    assert {r for r in Role if has_perm(r, Perm.PROGRAMME_INTAKE)} == {
        Role.PROGRAMME_MANAGER,
        Role.FUNCTIONAL_ADMIN,
    }
