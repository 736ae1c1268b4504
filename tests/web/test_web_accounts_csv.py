"""Reading a CSV file of people to invite: separators, encodings, Danish names, every error with its place."""

from __future__ import annotations

from django.utils import translation

from mangfold.web.accounts.csv_import import MAX_ROWS, Invitee, RowError, delimiter, parse_invitees


def errors_of(data: bytes) -> list[tuple[int, str]]:
    return [(error.row, error.column) for error in parse_invitees(data).errors]


def test_a_comma_separated_file() -> None:
    parsed = parse_invitees(b"email,role,name\nA@Example.dk,Coordinator,Anna Hansen\nb@example.dk,viewer\n")
    assert parsed.errors == []
    assert parsed.invitees == [
        Invitee("a@example.dk", "coordinator", "Anna Hansen"),
        Invitee("b@example.dk", "viewer", ""),
    ]


def test_separators_are_recognised_from_the_header() -> None:
    assert delimiter("email;role;name") == ";"
    assert delimiter("email\trole") == "\t"
    assert delimiter("email,role") == ","
    assert delimiter("email") == ","
    assert parse_invitees(b"email\trole\nx@example.dk\teditor\n").invitees == [
        Invitee("x@example.dk", "editor")
    ]


def test_danish_headers_and_role_names_with_a_byte_order_mark() -> None:
    data = "\ufeffNavn;E-mail;Rolle\nÅse;aase@example.dk;Redaktør\n".encode()
    assert parse_invitees(data).invitees == [Invitee("aase@example.dk", "editor", "Åse")]


def test_quoted_fields_with_the_separator_inside() -> None:
    data = b'email,role,name\nx@example.dk,viewer,"Hansen, Anna"\n'
    assert parse_invitees(data).invitees == [Invitee("x@example.dk", "viewer", "Hansen, Anna")]


def test_every_error_is_reported_with_row_and_column() -> None:
    data = (
        b"email,role,name\n,editor,\nx@example.dk,,\ny@example.dk,chief,\nx@example.dk,viewer,"
        + b"n" * 151
        + b"\n"
    )
    assert errors_of(data) == [(2, "email"), (3, "role"), (4, "role"), (5, "email"), (5, "name")]
    assert parse_invitees(data).invitees == []


def test_blank_rows_keep_the_row_numbers_of_the_spreadsheet() -> None:
    assert errors_of(b"email,role\n\n,,\nbad,viewer\n") == [(4, "email")]


def test_a_network_administrator_is_no_city_role() -> None:
    (error,) = parse_invitees("email,role\nx@example.dk,netværksadministrator\n".encode()).errors
    assert (error.row, error.column) == (2, "role")


def test_missing_columns_empty_and_header_only_files() -> None:
    assert errors_of(b"email,name\nx@example.dk,X\n") == [(1, "role")]
    assert errors_of(b"") == [(1, "email")]
    assert errors_of(b"email,role\n") == [(2, "email")]


def test_too_many_rows() -> None:
    rows = "".join(f"p{i}@example.dk,viewer\n" for i in range(MAX_ROWS + 1))
    assert errors_of(("email,role\n" + rows).encode()) == [(MAX_ROWS + 2, "email")]


def test_messages_in_both_languages() -> None:
    error = RowError(3, "role", "x")
    with translation.override("en"):
        assert str(error) == "Row 3, column “role”: x"
    with translation.override("da"):
        assert str(error) == "Række 3, kolonne “role”: x"
