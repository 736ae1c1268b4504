"""Mutations of valid files: byte-level, and structure-aware for JSON, PC-Axis, CSV and ``.xlsx``.

Every mutation is a function ``(rng, data) -> bytes`` of a seeded :class:`random.Random`, so a case is
reproduced from its seed alone. The nasty tokens are what broke readers elsewhere or could: numbers past
every limit (10^400, 5,000 digits, 2^64), non-finite numbers, Unicode and underscore digits, formulas
(``=cmd|…``), NUL bytes, deep nesting, gzip headers followed by garbage, and codepages that are no text
codec.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import re
import zipfile
import zlib
from collections.abc import Callable
from typing import Any

__all__ = ["MUTATORS", "NASTY_NUMBERS", "NASTY_TOKENS", "Mutator", "mutate"]

Mutator = Callable[[random.Random, bytes], bytes]

NASTY_NUMBERS: tuple[str, ...] = (
    "1" + "0" * 400,
    "9" * 5000,
    "1e400",
    "1e308",
    "-1e308",
    "18446744073709551616",
    "10000000000000",
    "4294967296",
    "-1",
    "-0",
    "0.5",
    "1e3",
    "NaN",
    "Infinity",
    "-Infinity",
    "1_000",
    "١٢٣",
    "１２",
    "²",
    "0x1F",
    "",
)
NASTY_TOKENS: tuple[bytes, ...] = (
    *(n.encode() for n in NASTY_NUMBERS),
    b"=cmd|' /C calc'!A0",
    b"=1/0",
    b"+SUM(A1)",
    b"@SUM(A1)",
    b"#DIV/0!",
    b"\x00",
    b"\xff\xfe\x00",
    b"\xef\xbb\xbf",
    b"\xc3",
    b"\r",
    b"\r\n",
    b'"',
    b"'",
    b";",
    b",",
    b"\t",
    b"=",
    b"..",
    b"-",
    b"[" * 3000,
    b'{"a":' * 3000,
    b"[" * 200_000,
    b'CODEPAGE="base64";\n',
    b'CODEPAGE="x-klingon";\n',
    b'CHARSET="utf-32";\n',
    b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage",
    b"PK\x03\x04",
    b"A" * 100_000,
    "é".encode("utf-16"),
    b"null",
    b"true",
    b"[]",
    b"{}",
)
JSON_RAW: tuple[str, ...] = (
    *(n for n in NASTY_NUMBERS if n and n[0] in "-0123456789NI"),
    '"١٢٣"',
    "\"=cmd|' /C calc'!A0\"",
    '"\\u0000"',
    "[" * 5000 + "]" * 5000,
    '{"a":' * 5000 + "1" + "}" * 5000,
    "null",
    "true",
    '""',
    "{}",
    "[]",
    '"x"',
    "[1,2,3]",
    '{"index":{"a":0},"label":{"a":"a"}}',
)
_SENTINEL = "\u2063NASTY\u2063"


def _pos(rng: random.Random, data: bytes) -> int:
    return rng.randrange(len(data) + 1)


def flip_bits(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return b"\x00"
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def set_bytes(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return b"\xff"
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        out[rng.randrange(len(out))] = rng.choice(b"\x00\xff\x7f\x80\"';,\n\r\t=.-0")
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data))] if data else data


def delete_span(rng: random.Random, data: bytes) -> bytes:
    i = _pos(rng, data)
    return data[:i] + data[i + rng.randint(1, 64) :]


def duplicate_span(rng: random.Random, data: bytes) -> bytes:
    i = _pos(rng, data)
    span = data[i : i + rng.randint(1, 256)]
    j = _pos(rng, data)
    return data[:j] + span * rng.choice((1, 2, 50)) + data[j:]


def insert_token(rng: random.Random, data: bytes) -> bytes:
    i = _pos(rng, data)
    return data[:i] + rng.choice(NASTY_TOKENS) + data[i:]


def replace_number(rng: random.Random, data: bytes) -> bytes:
    """One number of the file (a run of digits) replaced by a nasty one."""
    numbers = list(re.finditer(rb"-?\d+(?:\.\d+)?", data))
    if not numbers:
        return insert_token(rng, data)
    match = rng.choice(numbers)
    return data[: match.start()] + rng.choice(NASTY_NUMBERS).encode() + data[match.end() :]


def gzip_damage(rng: random.Random, data: bytes) -> bytes:
    """The file gzip-compressed and then broken (or a gzip header before garbage)."""
    packed = gzip.compress(data, mtime=0)
    choice = rng.randrange(3)
    if choice == 0:
        return packed[: rng.randrange(2, len(packed))]
    if choice == 1:
        return packed[:2] + flip_bits(rng, packed[2:])
    return packed[:10] + bytes(rng.randrange(256) for _ in range(rng.randint(0, 64)))


BYTE_MUTATORS: tuple[Mutator, ...] = (
    flip_bits,
    set_bytes,
    truncate,
    delete_span,
    duplicate_span,
    insert_token,
    insert_token,
    replace_number,
    replace_number,
    gzip_damage,
)


# -- JSON ---------------------------------------------------------------------------------------------


def _nodes(doc: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += _nodes(value, (*path, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc[:50]):
            found += _nodes(value, (*path, index))
    return found


def json_structure(rng: random.Random, data: bytes) -> bytes:
    """A node of the document replaced by a nasty value or a value of another type, or deleted."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        return insert_token(rng, data)
    paths = _nodes(doc)
    path = rng.choice(paths[1:] or paths)
    if not path:
        return rng.choice(JSON_RAW).encode()
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    action = rng.randrange(4)
    if action == 0 and len(path) > 0:
        del parent[path[-1]]
        return json.dumps(doc, ensure_ascii=False).encode()
    if action == 1:
        original = parent[path[-1]]
        parent[path[-1]] = [original] * rng.choice((0, 2, 1000)) if rng.random() < 0.5 else {"x": original}
        return json.dumps(doc, ensure_ascii=False).encode()
    parent[path[-1]] = _SENTINEL
    text = json.dumps(doc, ensure_ascii=False)
    return text.replace(f'"{_SENTINEL}"', rng.choice(JSON_RAW), 1).encode()


# -- PC-Axis ------------------------------------------------------------------------------------------

_PX_KEYWORDS = (
    "CHARSET",
    "CODEPAGE",
    "LANGUAGE",
    "LANGUAGES",
    "STUB",
    "HEADING",
    "VALUES",
    "CODES",
    "ELIMINATION",
    "TIMEVAL",
    "DECIMALS",
    "KEYS",
    "DATA",
    "CONTVARIABLE",
    "PRECISION",
)
_PX_VALUES = (
    '"base64"',
    '"x-klingon"',
    '"utf-32"',
    '"rot13"',
    "99999999999999999999",
    "-5",
    '"a","a"',
    "",
    '""',
    "TLIST(A1)",
    'TLIST(A1,"2020"-"1990")',
    "YES",
    ",".join(['"x"'] * 5000),
    '"' + "x" * 100_000 + '"',
    '"unterminated',
)
_STATEMENT = re.compile(rb'(?m)^([A-Z][A-Z0-9-]*)(\[[^\]\n]*\])?(\("[^"\n]*"\))?=')


def px_structure(rng: random.Random, data: bytes) -> bytes:
    """A keyword's value replaced, a statement deleted, duplicated or renamed, or the DATA changed."""
    statements = list(_STATEMENT.finditer(data))
    if not statements:
        return insert_token(rng, data)
    match = rng.choice(statements)
    end = data.find(b";", match.end())
    end = len(data) if end < 0 else end
    action = rng.randrange(5)
    if action == 0:
        return data[: match.end()] + rng.choice(_PX_VALUES).encode() + data[end:]
    if action == 1:
        return data[: match.start()] + data[end + 1 :]
    if action == 2:
        statement = data[match.start() : end + 1]
        return data[: end + 1] + b"\n" + statement + data[end + 1 :]
    if action == 3:
        name = rng.choice(_PX_KEYWORDS).encode()
        return data[: match.start()] + name + data[match.start() + len(match.group(1)) :]
    block = data.rfind(b"DATA=")
    if block < 0:
        return replace_number(rng, data)
    cells = [rng.choice(("1e308", "1e308", "..", '"-"', "1_000", "١٢٣", "NaN", "1 2 3")) for _ in range(3)]
    head, body = data[: block + 5], data[block + 5 :]
    return head + replace_number(rng, body) if rng.random() < 0.5 else head + " ".join(cells).encode() + body


# -- CSV ----------------------------------------------------------------------------------------------


def csv_structure(rng: random.Random, data: bytes) -> bytes:
    """A cell replaced by a nasty token, a column dropped or added, or a line duplicated or removed."""
    lines = data.split(b"\n")
    if not lines:
        return insert_token(rng, data)
    header = lines[0]
    delimiter = max((b",", b";", b"\t", b"|"), key=header.count)
    i = rng.randrange(len(lines))
    cells = lines[i].split(delimiter)
    action = rng.randrange(5)
    j = rng.randrange(len(cells))
    if action == 0:
        cells[j] = rng.choice(NASTY_TOKENS[:60])
    elif action == 1:
        del cells[j]
    elif action == 2:
        cells.insert(j, rng.choice((b"extra", cells[j], b'"')))
    elif action == 3:
        lines.insert(i, lines[i])
    else:
        cells = cells * rng.choice((2, 300))
    lines[i] = delimiter.join(cells)
    return b"\n".join(lines)


# -- .xlsx --------------------------------------------------------------------------------------------

_FAR = (b"A1048576", b"XFD1", b"XFD1048576", b"ZZZZ1", b"A0", b"A-1", b"AAA70000", b"B99999999999")
_TYPES = (b"s", b"n", b"b", b"e", b"d", b"str", b"inlineStr", b"x")


def _xml_change(rng: random.Random, xml: bytes) -> bytes:
    action = rng.randrange(6)
    if action == 0:
        values = list(re.finditer(rb"<(v|t)>([^<]*)</\1>", xml))
        if values:
            m = rng.choice(values)
            token = rng.choice(NASTY_TOKENS[:60]).replace(b"&", b"&amp;").replace(b"<", b"&lt;")
            return xml[: m.start(2)] + token + xml[m.end(2) :]
    if action == 1:
        refs = list(re.finditer(rb'\br="([A-Z]+[0-9]+)"', xml))
        if refs:
            m = rng.choice(refs)
            return xml[: m.start(1)] + rng.choice(_FAR) + xml[m.end(1) :]
    if action == 2:
        kinds = list(re.finditer(rb'\bt="([a-zA-Z]+)"', xml))
        if kinds:
            m = rng.choice(kinds)
            return xml[: m.start(1)] + rng.choice(_TYPES) + xml[m.end(1) :]
    if action == 3:
        return re.sub(
            rb'<dimension ref="[^"]*"', b'<dimension ref="A1:' + rng.choice(_FAR) + b'"', xml, count=1
        )
    return rng.choice(BYTE_MUTATORS[:7])(rng, xml)


def xlsx_structure(rng: random.Random, data: bytes) -> bytes:
    """One entry of the archive changed (a cell value, a cell reference far away, a cell type, the
    dimension, or its bytes) and the archive rewritten with correct checksums; or an entry dropped."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        return flip_bits(rng, data)
    sheets = [i for i, (name, _) in enumerate(entries) if "worksheets/" in name or "sharedStrings" in name]
    index = rng.choice(sheets) if sheets and rng.random() < 0.8 else rng.randrange(len(entries))
    drop = rng.random() < 0.05
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, (name, content) in enumerate(entries):
            if i == index:
                if drop:
                    continue
                content = _xml_change(rng, content)
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # the same bytes on every run
            archive.writestr(entry, content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


MUTATORS: dict[str, tuple[Mutator, ...]] = {
    "bytes": BYTE_MUTATORS,
    "json": (*BYTE_MUTATORS, *(json_structure,) * 10),
    "px": (*BYTE_MUTATORS, *(px_structure,) * 10),
    "csv": (*BYTE_MUTATORS, *(csv_structure,) * 10),
    "xlsx": (flip_bits, truncate, gzip_damage, *(xlsx_structure,) * 12),
}
"""The mutations of each kind of file: structure-aware ones about half the time (xlsx: most)."""


def mutate(rng: random.Random, data: bytes, kind: str) -> tuple[str, bytes]:
    """One to three mutations of ``data`` for its kind; their names and the result."""
    names = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        mutator = rng.choice(MUTATORS[kind])
        names.append(mutator.__name__)
        try:
            data = mutator(rng, data)
        except Exception:  # a structure-aware mutation of an already broken file: flip bits instead
            names[-1] = "flip_bits"
            data = flip_bits(rng, data)
    return "+".join(names), data
