"""The vocabulary of population counts: missing-value reasons, areas and group schemes.

Pure and immutable. The tidy table itself is :class:`mangfold.population.counts.Counts`.

Missing values follow the PC-Axis convention (PX file format 2013, keyword ``DATA`` and
``DATASYMBOL1`` … ``DATASYMBOL6``, ``DATASYMBOLNIL``): a cell holds a number, one to six dots
(each a missing value of its own kind) or a dash (``"-"``, nil: zero by definition). The
meaning of the dots is set by each statistical office; mangfold reads them as Statistics
Denmark and the brief of issue 5 do: ``".."`` confidential, ``"."`` not available, ``"..."``
not applicable. A missing value is never turned into 0.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from mangfold.i18n import gettext as _
from mangfold.i18n import language

__all__ = [
    "LEVELS",
    "Area",
    "AreaHierarchy",
    "Group",
    "GroupScheme",
    "Missing",
]


class Missing(enum.IntEnum):
    """Why a count is missing (``NONE``: it is not). Stored as a small integer per cell.

    ``NIL`` (PX ``"-"``) is the one marker whose value is known: the count is 0 by definition.
    """

    NONE = 0
    CONFIDENTIAL = 1  # ".."  (Danish: diskretioneret / fortrolig)
    NOT_AVAILABLE = 2  # "."   (oplysning foreligger ikke)
    NOT_APPLICABLE = 3  # "..." (kan ikke forekomme)
    SYMBOL4 = 4  # "...."   meaning set by the publisher (DATASYMBOL4)
    SYMBOL5 = 5  # "....."  (DATASYMBOL5)
    SYMBOL6 = 6  # "......" (DATASYMBOL6)
    NIL = 7  # "-"     zero by definition (DATASYMBOLNIL); n = 0

    @property
    def marker(self) -> str:
        """The PX / JSON-stat marker of this reason (``""`` for ``NONE``)."""
        return _MARKERS[self]

    @property
    def is_missing(self) -> bool:
        """True when the value is unknown (every reason except ``NONE`` and ``NIL``)."""
        return self not in (Missing.NONE, Missing.NIL)

    @classmethod
    def from_marker(cls, marker: str) -> Missing | None:
        """The reason for a cell text such as ``".."`` or ``"-"``; ``None`` if it is no marker."""
        return _BY_MARKER.get(marker.strip())

    def label(self, lang: str = "en") -> str:
        """A short description in ``lang`` (:mod:`mangfold.i18n`; English where it has none)."""
        if self is Missing.NONE:
            return ""
        with language(lang):
            return _missing_labels()[self]


_MARKERS = {
    Missing.NONE: "",
    Missing.CONFIDENTIAL: "..",
    Missing.NOT_AVAILABLE: ".",
    Missing.NOT_APPLICABLE: "...",
    Missing.SYMBOL4: "....",
    Missing.SYMBOL5: ".....",
    Missing.SYMBOL6: "......",
    Missing.NIL: "-",
}
_BY_MARKER = {m: r for r, m in _MARKERS.items() if m}


def _missing_labels() -> dict[Missing, str]:
    return {
        Missing.CONFIDENTIAL: _("Confidential"),
        Missing.NOT_AVAILABLE: _("Not available"),
        Missing.NOT_APPLICABLE: _("Not applicable"),
        Missing.SYMBOL4: _("Missing value (....)"),
        Missing.SYMBOL5: _("Missing value (.....)"),
        Missing.SYMBOL6: _("Missing value (......)"),
        Missing.NIL: _("Nil (-)"),
    }


#: The usual levels of an area hierarchy, from the top.
LEVELS: tuple[str, ...] = ("country", "municipality", "district", "small_area")


@dataclass(frozen=True)
class Area:
    """An area: a code unique within its hierarchy, a name, a level and its parent's code.

    The parent may be at any higher level (a parish's parent is its municipality when the
    city has no districts).
    """

    code: str
    name: str = ""
    level: str = "small_area"
    parent: str | None = None


@dataclass(frozen=True)
class AreaHierarchy:
    """Areas and their parents, e.g. country → municipality → district → small area.

    ``levels`` orders the levels from the top. Build with :meth:`of`; codes are unique.
    """

    areas: Mapping[str, Area]
    levels: tuple[str, ...] = LEVELS

    @classmethod
    def of(cls, areas: Iterable[Area], levels: Iterable[str] = LEVELS) -> AreaHierarchy:
        """A hierarchy of ``areas``; raises ``ValueError`` on duplicate codes, unknown levels,
        unknown parents, or a parent that is not above its child."""
        levels = tuple(levels)
        table: dict[str, Area] = {}
        problems = []
        for a in areas:
            if a.code in table and table[a.code] != a:
                problems.append(_("area code {code!r} appears twice").format(code=a.code))
            if a.level not in levels:
                problems.append(
                    _("area {code!r}: unknown level {level!r}").format(code=a.code, level=a.level)
                )
            table[a.code] = a
        for a in table.values():
            p = table.get(a.parent) if a.parent is not None else None
            if a.parent is not None and p is None:
                problems.append(
                    _("area {code!r}: unknown parent {parent!r}").format(code=a.code, parent=a.parent)
                )
            elif (
                p is not None
                and p.level in levels
                and a.level in levels
                and levels.index(p.level) >= levels.index(a.level)
            ):
                problems.append(
                    _("area {code!r}: parent {parent!r} is not above it").format(code=a.code, parent=p.code)
                )
        if problems:
            raise ValueError("; ".join(problems))
        return cls(areas=table, levels=levels)

    def __contains__(self, code: object) -> bool:
        return code in self.areas

    def __iter__(self) -> Iterator[Area]:
        return iter(self.areas.values())

    def __len__(self) -> int:
        return len(self.areas)

    def __getitem__(self, code: str) -> Area:
        return self.areas[code]

    def at_level(self, level: str) -> tuple[Area, ...]:
        """The areas of one level, in insertion order."""
        return tuple(a for a in self.areas.values() if a.level == level)

    def children(self, code: str) -> tuple[Area, ...]:
        """The areas whose parent is ``code``."""
        return tuple(a for a in self.areas.values() if a.parent == code)

    def ancestor(self, code: str, level: str) -> str | None:
        """The code of the area at ``level`` that contains ``code`` (itself if at ``level``).

        ``None`` when the chain of parents does not pass through ``level``.
        """
        seen: set[str] = set()
        current: str | None = code
        while current is not None and current not in seen:
            seen.add(current)
            area = self.areas.get(current)
            if area is None:
                return None
            if area.level == level:
                return area.code
            current = area.parent
        return None

    def merge(self, other: AreaHierarchy) -> AreaHierarchy:
        """The union of two hierarchies (``other`` wins where both name an area)."""
        return AreaHierarchy.of([*self.areas.values(), *other.areas.values()], self.levels)


@dataclass(frozen=True)
class Group:
    """A population group: a code, Danish and English labels, and the base groups it sums.

    A base group has no ``components``; a derived group is the sum of its ``components``
    (codes of base groups of the same scheme). ``aliases`` are further labels under which
    files publish the group (e.g. Statistics Denmark's English table labels).
    """

    code: str
    label_da: str
    label_en: str
    components: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def derived(self) -> bool:
        return bool(self.components)

    def label(self, lang: str = "da") -> str:
        return self.label_da if lang == "da" else self.label_en


@dataclass(frozen=True)
class GroupScheme:
    """A named set of groups: base groups that partition the population, and derived sums.

    ``total`` names a derived group equal to the whole population when the scheme has one.
    Build with :meth:`of` (checks) or :meth:`from_dict` (a scheme as data).
    """

    name: str
    groups: tuple[Group, ...]
    label_da: str = ""
    label_en: str = ""
    total: str | None = None
    _index: Mapping[str, Group] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(
        cls,
        name: str,
        groups: Iterable[Group],
        *,
        label_da: str = "",
        label_en: str = "",
        total: str | None = None,
    ) -> GroupScheme:
        """A checked scheme: unique codes; derived groups sum existing base groups."""
        groups = tuple(groups)
        index = {g.code: g for g in groups}
        problems = []
        if len(index) != len(groups):
            problems.append(_("group codes are not unique"))
        for g in groups:
            for c in g.components:
                if c not in index or index[c].derived:
                    message = _("group {group!r}: component {component!r} is not a base group")
                    problems.append(message.format(group=g.code, component=c))
        if total is not None and total not in index:
            problems.append(_("total group {total!r} is not a group").format(total=total))
        if problems:
            raise ValueError(_("scheme {name!r}: {problems}").format(name=name, problems="; ".join(problems)))
        return cls(name, groups, label_da, label_en, total, index)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> GroupScheme:
        """A scheme from plain data: ``{"name", "label_da", "label_en", "total", "groups":
        [{"code", "label_da", "label_en", "components": [...], "aliases": [...]}]}``."""
        raw_groups = data.get("groups", [])
        if not isinstance(raw_groups, list):
            raise ValueError(_("scheme 'groups' must be a list"))
        groups = [
            Group(
                code=str(g["code"]),
                label_da=str(g.get("label_da", g["code"])),
                label_en=str(g.get("label_en", g["code"])),
                components=tuple(str(c) for c in g.get("components", ())),
                aliases=tuple(str(a) for a in g.get("aliases", ())),
            )
            for g in raw_groups
        ]
        total = data.get("total")
        return cls.of(
            str(data["name"]),
            groups,
            label_da=str(data.get("label_da", "")),
            label_en=str(data.get("label_en", "")),
            total=None if total is None else str(total),
        )

    def to_dict(self) -> dict[str, object]:
        """The inverse of :meth:`from_dict`."""
        return {
            "name": self.name,
            "label_da": self.label_da,
            "label_en": self.label_en,
            "total": self.total,
            "groups": [
                {
                    "code": g.code,
                    "label_da": g.label_da,
                    "label_en": g.label_en,
                    "components": list(g.components),
                    "aliases": list(g.aliases),
                }
                for g in self.groups
            ],
        }

    def _lookup(self) -> Mapping[str, Group]:
        return self._index or {g.code: g for g in self.groups}

    def __contains__(self, code: object) -> bool:
        return code in self._lookup()

    def __getitem__(self, code: str) -> Group:
        try:
            return self._lookup()[code]
        except KeyError:
            raise KeyError(
                _("scheme {name!r} has no group {code!r}").format(name=self.name, code=code)
            ) from None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(g.code for g in self.groups)

    @property
    def base(self) -> tuple[Group, ...]:
        """The base groups (they partition the population), in scheme order."""
        return tuple(g for g in self.groups if not g.derived)

    @property
    def derived(self) -> tuple[Group, ...]:
        return tuple(g for g in self.groups if g.derived)

    def components(self, code: str) -> tuple[str, ...]:
        """The base groups a group sums (a base group: itself)."""
        g = self[code]
        return g.components or (g.code,)

    def label(self, code: str, lang: str = "da") -> str:
        return self[code].label(lang)
