import pytest

from django.core.exceptions import ValidationError

from basisbaan.participants.validators import normalise_bsn, validate_bsn


def test_valid_bsn_passes():
    validate_bsn("123456782")


def test_eight_digit_bsn_gets_a_leading_zero():
    assert normalise_bsn("12345672") == "012345672"
    assert normalise_bsn("1234.56.782") == "123456782"


@pytest.mark.parametrize(
    ("value", "code"),
    [("123456789", "bsn_checksum"), ("12345", "bsn_length"), ("12345678a", "bsn_format")],
)
def test_invalid_bsn_is_refused_in_dutch(value, code):
    with pytest.raises(ValidationError) as info:
        validate_bsn(value)
    assert info.value.code == code


def test_checksum_message_names_the_eleven_test():
    with pytest.raises(ValidationError) as info:
        validate_bsn("123456789")
    assert "elfproef" in info.value.messages[0]
