"""The DATA block of a PC-Axis file, read in bounded memory.

The cells go straight into a preallocated array of the size the file declares (the product of
its dimension sizes, checked against ``max_cells`` before anything is allocated); the text is
read in chunks of about a megabyte. A chunk of plain numbers (ASCII digits, ``.``, spaces,
commas, line breaks; the common case) is converted at once; any other chunk (markers, quotes, a
minus, the closing ``;``) token by token with its line numbers. Cells past the declared size are
counted, not kept, so that the message can say how many there are.

Negative numbers are kept (with their line) and judged later, inside the caller's selection
(:func:`~mangfold.population.readers.cube.cube_to_result`); a cell that is neither a number nor
a marker is kept as a problem with its line.
"""

from __future__ import annotations

import re
import warnings
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from mangfold.i18n import gettext as _
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.population.model import Missing
from mangfold.population.readers.common import parse_cell

__all__ = ["MAX_BAD_CELLS", "PxData", "read_data"]

#: After this many cells that are neither numbers nor markers a file is refused at once.
MAX_BAD_CELLS = 10_000

_CHUNK = 2**20
# Only numbers (ASCII digits, an optional decimal part) between spaces, tabs, line breaks, commas;
# possessive, so that a failed match costs no backtracking.
_PLAIN = re.compile(r"(?:[ \t\r\n,]*+[0-9]++(?:\.[0-9]++)?+(?![0-9.]))*+[ \t\r\n,]*+")
_DIGIT = re.compile(r"[0-9]")
_TOKEN = re.compile(r'"[^"\n]*"?|;|\n|[^\s,;"]+')
_AFTER_END = re.compile(r"[^ \t\r\n\x1a]")


@dataclass
class PxData:
    """The cells of a DATA block: values, reasons, and where the unusual ones are.

    ``count`` is the number of cells found (also past the declared size, where nothing is kept);
    ``bad`` maps a cell (0-based) to its problem and line; ``signed`` lists the cells with a
    negative number and their lines (ascending), so that a problem found later can be placed.
    ``end`` is "ok", "unclosed" (no ``;``) or "trailing" (text after it); ``last_line`` the
    number of the last line read.
    """

    values: npt.NDArray[np.float64]
    reasons: npt.NDArray[np.uint8]
    count: int = 0
    bad: dict[int, tuple[str, int]] = field(default_factory=dict)
    signed: array[int] = field(default_factory=lambda: array("q"))
    signed_lines: array[int] = field(default_factory=lambda: array("q"))
    end: str = "unclosed"
    last_line: int = 1
    end_at: int = 0

    def line_of(self, k: int) -> int | None:
        """The line of cell ``k`` when it was a problem or a negative number."""
        if k in self.bad:
            return self.bad[k][1]
        i = bisect_left(self.signed, k)
        return self.signed_lines[i] if i < len(self.signed) and self.signed[i] == k else None


def read_data(text: str, start: int, line: int, size: int | None, file: str) -> PxData:
    """Read the cells of ``text`` from ``start`` (just after ``DATA=``, on ``line``).

    ``size`` is the declared number of cells (``None`` when the dimensions are unusable: the
    cells are then only counted).
    """
    kept = size or 0
    data = PxData(np.full(kept, np.nan), np.zeros(kept, dtype=np.uint8))
    n = len(text)
    pos = start
    while pos < n:
        end = min(pos + _CHUNK, n)
        if end < n:
            cut = max(text.rfind("\n", pos, end), text.rfind(" ", pos, end))
            end = cut + 1 if cut > pos else end
        chunk = text[pos:end]
        plain = _PLAIN.fullmatch(chunk) and _plain(chunk, data, kept)
        if not plain and _tokens(chunk, data, kept, line, file):
            after = _AFTER_END.search(text, pos + data.end_at)
            data.end = "trailing" if after else "ok"
            return data
        line += chunk.count("\n")
        data.last_line = line
        pos = end
    return data


def _plain(chunk: str, data: PxData, kept: int) -> bool:
    """Store a chunk of plain numbers at once; False when it needs token-by-token reading."""
    if not _DIGIT.search(chunk):  # NumPy reads a chunk of blanks as [-1.0]
        return True
    numbers = _integers(chunk) if "." not in chunk else None
    if numbers is None:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                numbers = np.fromstring(chunk.replace(",", " "), dtype=np.float64, sep=" ")
            except (DeprecationWarning, ValueError):  # pragma: no cover - the pattern admits numbers only
                return False
    if not np.isfinite(numbers).all():  # a number too large for a float: read token by token
        return False
    k = data.count
    if k < kept:
        room = min(len(numbers), kept - k)
        data.values[k : k + room] = numbers[:room]
    data.count += len(numbers)
    return True


def _integers(chunk: str) -> npt.NDArray[np.float64] | None:
    """The whole numbers of a chunk of ASCII digits and separators, parsed by array operations
    (about ten times faster than a float conversion per token); None past 15 digits a number."""
    b = np.frombuffer(chunk.encode("ascii"), dtype=np.uint8)
    digit = (b - 48) < 10  # uint8 arithmetic wraps: only b"0" … b"9" fall below 10
    edges = np.diff(digit.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    lengths = ends - starts
    if not len(starts) or lengths.max() > 15:
        return None
    where = np.flatnonzero(digit)
    power = np.repeat(ends - 1, lengths) - where
    scaled = (b[where] - 48).astype(np.int64) * (10 ** power.astype(np.int64))
    offsets = np.concatenate(([0], np.cumsum(lengths[:-1])))
    return np.add.reduceat(scaled, offsets).astype(np.float64)


def _tokens(chunk: str, data: PxData, kept: int, line: int, file: str) -> bool:
    """Read a chunk token by token; True when it holds the ``;`` that ends DATA."""
    for m in _TOKEN.finditer(chunk):
        tok = m.group(0)
        if tok == "\n":
            line += 1
            continue
        if tok == ";":
            data.end_at = m.end()
            data.last_line = line
            return True
        k = data.count
        data.count += 1
        if k >= kept:
            continue
        parsed = parse_cell(tok, negative=True)
        if isinstance(parsed, str):
            data.bad[k] = (parsed, line)
            data.reasons[k] = Missing.NOT_AVAILABLE  # judged through ``bad``, not as a value
            if len(data.bad) > MAX_BAD_CELLS:
                text = _("more than {count} cells are neither numbers nor markers; the file was not read")
                raise PopulationFileError(Problem(text.format(count=MAX_BAD_CELLS), file, line))
            continue
        data.values[k], data.reasons[k] = parsed
        if parsed[0] < 0:
            data.signed.append(k)
            data.signed_lines.append(line)
    return False
