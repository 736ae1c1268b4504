"""Map the labels of a file onto the groups of a scheme, reporting every unmapped label at once.

A label matches a group when, after Unicode NFC normalisation, case folding and collapsing
runs of white space, it equals the group's code, its Danish or English label, one of its
aliases, or a caller's alias for it. A label that matches two groups is an error too.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from mangfold.i18n import gettext as _
from mangfold.population.errors import UnmappedLabelsError
from mangfold.population.model import GroupScheme

__all__ = ["LabelMapping", "map_labels", "normalise_label"]


def normalise_label(label: str) -> str:
    """The form in which labels are compared: NFC, case-folded, single spaces, trimmed."""
    return " ".join(unicodedata.normalize("NFC", str(label)).casefold().split())


@dataclass(frozen=True)
class LabelMapping:
    """The result of :func:`map_labels`: label → group code, and the labels left over."""

    mapping: Mapping[str, str]
    unmapped: tuple[str, ...] = ()
    ambiguous: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __getitem__(self, label: str) -> str:
        return self.mapping[label]

    @property
    def complete(self) -> bool:
        return not self.unmapped and not self.ambiguous


def _index(scheme: GroupScheme, aliases: Mapping[str, str] | None) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for g in scheme.groups:
        for text in (g.code, g.label_da, g.label_en, *g.aliases):
            index.setdefault(normalise_label(text), set()).add(g.code)
    for text, code in (aliases or {}).items():
        if code not in scheme:
            raise KeyError(
                _("alias {alias!r} names {code!r}, which is not a group of {scheme!r}").format(
                    alias=text, code=code, scheme=scheme.name
                )
            )
        # A caller's alias overrides the scheme's own meaning of the same text.
        index[normalise_label(text)] = {code}
    return index


def map_labels(
    labels: Iterable[str],
    scheme: GroupScheme,
    aliases: Mapping[str, str] | None = None,
    *,
    strict: bool = True,
    file: str | None = None,
) -> LabelMapping:
    """Map each distinct label to a group code of ``scheme``.

    ``aliases`` maps further labels to group codes. With ``strict`` (the default) any label
    that matches no group, or more than one, raises :class:`UnmappedLabelsError` listing all
    such labels in order of first appearance; otherwise they are returned in ``unmapped`` and
    ``ambiguous``.
    """
    index = _index(scheme, aliases)
    mapping: dict[str, str] = {}
    unmapped: list[str] = []
    ambiguous: dict[str, tuple[str, ...]] = {}
    for label in dict.fromkeys(str(x) for x in labels):
        hits = index.get(normalise_label(label), set())
        if len(hits) == 1:
            mapping[label] = next(iter(hits))
        elif hits:
            ambiguous[label] = tuple(sorted(hits))
        else:
            unmapped.append(label)
    if strict and (unmapped or ambiguous):
        several = _("{label} (matches {groups})")
        bad = [*unmapped, *(several.format(label=k, groups=", ".join(v)) for k, v in ambiguous.items())]
        raise UnmappedLabelsError(bad, scheme.name, file)
    return LabelMapping(mapping, tuple(unmapped), ambiguous)
