"""Password and username rules: argon2id, 12+ characters of any script, never truncated; one
account per name whatever its case, width or surrounding spaces."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine
from sqlmodel import select

import db
from ekinerja import accounts
from ekinerja.audit import SYSTEM
from ekinerja.models import UserAccount
from ekinerja.validation import ValidationError

# 37 different accented letters: 74 bytes in UTF-8, past bcrypt's 72-byte limit.
ACCENTED_37 = "àáâãäåèéêëìíîïòóôõöùúûüýÿñçœæøąćęłńśźżő"[:37]
LONG_80 = "kuda-lumping-" + "".join(f"{i:02d}" for i in range(34))  # 81 characters


def test_accented_password_is_37_letters_and_over_72_bytes() -> None:
    assert len(ACCENTED_37) == 37
    assert len(ACCENTED_37.encode()) > 72
    assert len(LONG_80) > 64


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("budi", "budi"),
        ("Budi", "budi"),
        ("BUDI ", "budi"),
        ("  budi\t", "budi"),
        ("ｂｕｄｉ", "budi"),  # full-width letters fold to ASCII under NFKC
        ("Budi.Santoso@Madiun", "budi.santoso@madiun"),
        ("a_b-c", "a_b-c"),
    ],
)
def test_username_normalised_case_width_and_spaces(raw: str, expected: str) -> None:
    assert accounts.normalize_username(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "ab",  # too short
        "x" * 65,  # too long
        "budi santoso",  # inner space
        "аdmin",  # Cyrillic а: a look-alike of admin
        "adm\u200bin",  # zero-width space
        "admin\u202e",  # right-to-left override
        "bu<di>",
        "budi'--",
        "bu\x00di",
        "",
    ],
)
def test_username_refuses_lookalikes_invisibles_and_markup(raw: str) -> None:
    with pytest.raises(ValidationError):
        accounts.normalize_username(raw)


@pytest.mark.parametrize(
    "password",
    [
        ACCENTED_37,
        LONG_80,
        "x7Gq!mZ2#pLw",
        "kata sandi dengan spasi di dalamnya",
        "密码很长的一个句子吧好的",
    ],
)
def test_password_rules_accept_any_script_and_long_passphrases(password: str) -> None:
    assert accounts.check_password_rules(password) == password


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("pendek123", "kurang dari 12"),
        ("x" * 257, "lebih dari 256"),
        ("aaaaaaaaaaaaaa", "satu karakter berulang"),
        ("abababababab", "pola berulang"),
        ("123456789012", "urutan angka"),
        ("password1234", "kata sandi umum"),
        ("panjang\x00sekali12", "NUL"),
        ("baris\nbaru-panjang", "baris baru"),
    ],
)
def test_password_rules_refuse(password: str, why: str) -> None:
    with pytest.raises(ValidationError):
        accounts.check_password_rules(password)


def test_password_may_not_contain_the_username() -> None:
    with pytest.raises(ValidationError):
        accounts.check_password_rules("xx-budisantoso-xx", "budisantoso")
    assert accounts.check_password_rules("xx-santoso-budi-xx", "budisantoso")


def test_hash_is_argon2id_and_verifies_whole_password() -> None:
    hashed = accounts.hash_password(LONG_80)
    assert hashed.startswith("$argon2id$")
    assert PasswordHasher().verify(hashed, LONG_80)
    # Changing only the last character must fail: nothing is truncated.
    with pytest.raises(Exception):  # noqa: B017 - argon2 raises its own mismatch error
        PasswordHasher().verify(hashed, LONG_80[:-1] + "x")


@pytest.mark.parametrize("password", [ACCENTED_37, LONG_80])
def test_long_and_accented_passwords_log_in_and_a_changed_last_char_does_not(
    engine: Engine, password: str
) -> None:
    with db.write_session(engine) as s:
        accounts.create_user(s, SYSTEM, "pengguna", "hr", password)
    with db.write_session(engine) as s:
        assert accounts.login(s, "pengguna", password).ok
        assert not accounts.login(s, "pengguna", password[:-1] + "z").ok
        assert not accounts.login(s, "pengguna", password[:-1]).ok


def test_decomposed_accents_are_the_same_password(sqlite_engine: Engine) -> None:
    composed = "kéré-sèpédà-mótör"
    decomposed = "ke\u0301re\u0301-se\u0300pe\u0301da\u0300-mo\u0301to\u0308r"
    assert composed != decomposed
    with db.write_session(sqlite_engine) as s:
        accounts.create_user(s, SYSTEM, "pengguna", "hr", composed)
    with db.write_session(sqlite_engine) as s:
        assert accounts.login(s, "pengguna", decomposed).ok


@pytest.mark.parametrize("spelling", ["Pengguna", "PENGGUNA ", " pengguna", "ｐｅｎｇｇｕｎａ"])
def test_usernames_differing_in_case_width_or_spaces_are_one_account(
    engine: Engine, spelling: str
) -> None:
    with db.write_session(engine) as s:
        accounts.create_user(s, SYSTEM, "pengguna", "hr", LONG_80)
    with db.write_session(engine) as s, pytest.raises(ValidationError):
        accounts.create_user(s, SYSTEM, spelling, "auditor", LONG_80)
    with db.write_session(engine) as s:
        assert accounts.login(s, spelling, LONG_80).ok
    with db.read_session(engine) as s:
        assert len(s.exec(select(UserAccount)).all()) == 1


def test_rehash_when_parameters_change(sqlite_engine: Engine) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    with db.write_session(sqlite_engine) as s:
        user = accounts.create_user(s, SYSTEM, "lama", "hr", LONG_80)
        user.password_hash = weak.hash(LONG_80)
        s.add(user)
    with db.write_session(sqlite_engine) as s:
        assert accounts.login(s, "lama", LONG_80).ok
    with db.read_session(sqlite_engine) as s:
        stored = s.exec(select(UserAccount).where(UserAccount.username == "lama")).one()
    assert stored.password_hash is not None
    assert "t=1," not in stored.password_hash
    assert not PasswordHasher().check_needs_rehash(stored.password_hash)
    with db.write_session(sqlite_engine) as s:
        assert accounts.login(s, "lama", LONG_80).ok


@pytest.mark.parametrize(
    "name",
    [
        "Budi Santoso",
        "Ni Luh Putu Ayu Kusumadewi, S.Kom.",
        "<img src=x onerror=alert(1)>",  # shown only as text, so harmless and kept as typed
        "[x](javascript:alert(1))",
    ],
)
def test_display_name_accepts_printable_text(name: str) -> None:
    assert accounts.check_display_name(name) == name


@pytest.mark.parametrize(
    "name",
    ["", "   ", "x" * 201, "Budi\nADMIN login ok", "Budi\x00", "Budi\u202eosotnaS", "Bu\u200bdi"],
)
def test_display_name_refuses_control_and_invisible_characters(name: str) -> None:
    with pytest.raises(ValidationError):
        accounts.check_display_name(name)
