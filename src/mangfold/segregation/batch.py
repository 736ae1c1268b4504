"""Segregation indices for every unit of one table (cities, urban areas, regions), with inference.

A *unit* is a set of rows sharing the value of a ``by`` column (an urban area and its small areas). For
each unit the batch computes the same indices as ``mangfold segregation`` on that unit alone (the same
functions of :mod:`mangfold.segregation.summary`, the same group rules), and, on request, a simulation
test of each index under a null model (:mod:`mangfold.segregation.inference`).

The work is cut into independent tasks, so that it can run in one process or on a Dask cluster
(:mod:`mangfold.segregation.distributed`) with identical results:

- one *value* task per unit: every requested index on the unit's counts;
- one *replicate* task per unit and block of :func:`block_sizes` replicates: the block's tables are drawn
  once under the null model and every index is evaluated on them.

Seeds. Every task draws from its own generator, ``SeedSequence(seed, spawn_key=(kind, unit, block))``
(NumPy's documented way to derive independent streams from one seed): the draws depend only on the run's
seed and the task's position, never on which worker runs it or in which order, so one seed gives the same
numbers, bit for bit, in-process and on any number of workers. Blocks have a fixed size
(:data:`BLOCK`), so the cut does not depend on the workers either.

A unit that cannot be computed (no population, a single area, every person in one group, invalid
counts) gets the status ``error`` with the reason, and its rows carry no value; an index that is not
defined for a unit's counts (NaN) gets ``undefined``. The batch never stops for a unit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from mangfold.segregation import aspatial, aspatial_corrected
from mangfold.segregation import summary as s
from mangfold.segregation._validate import FloatArray, SegregationInputError
from mangfold.segregation.frames import multigroup_arrays, single_group_arrays
from mangfold.segregation.inference import NULLS, as_count_table, draw_null, p_value, percentile_interval

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = [
    "BLOCK",
    "ERROR",
    "OK",
    "UNDEFINED",
    "BatchSpec",
    "Unit",
    "UnitValues",
    "assemble",
    "block_sizes",
    "replicate_block",
    "split_units",
    "unit_values",
]

OK, UNDEFINED, ERROR = "ok", "undefined", "error"
BLOCK = 100
"""Replicates per replicate task."""

_VALUE_TASK, _REPLICATE_TASK = 0, 1
INFERENCE_COLUMNS = ("null_mean", "null_std", "p_value", "ci_low", "ci_high")


@dataclass(frozen=True)
class BatchSpec:
    """What to compute for every unit: the options of ``mangfold segregation`` and the seed.

    ``groups`` with ``total`` or a second group follow the rules of ``mangfold segregation``: one group
    and a total, or two groups, give the single-group indices (the first group against the total or
    against the second group); three or more groups, or two with a total, the multigroup indices
    (area totals the sums of the groups).
    """

    groups: tuple[str, ...]
    total: str | None = None
    indices: tuple[str, ...] = ()
    inference: int | None = None
    null: str = "systematic"
    seed: int = 0
    atkinson_b: float = 0.5
    replicates: int = 500
    """Draws of the simulated corrections (bias-corrected and modified indices)."""

    def __post_init__(self) -> None:
        if not self.groups:
            raise SegregationInputError("give at least one group column")
        if len(self.groups) == 1 and self.total is None:
            raise SegregationInputError("one group needs a total column (or give two groups)")
        if self.null not in NULLS:
            raise SegregationInputError(f"null must be one of {', '.join(NULLS)}, got {self.null!r}.")
        if self.inference is not None and self.inference < 1:
            raise SegregationInputError("inference needs a positive number of replicates")
        unknown = [name for name in self.indices if name not in self.available]
        if unknown:
            raise SegregationInputError(
                f"unknown index {unknown[0]!r}; choose from {', '.join(self.available)}"
            )
        if not self.indices:
            object.__setattr__(self, "indices", self.available)

    @property
    def multigroup(self) -> bool:
        return len(self.groups) >= 3 or (len(self.groups) == 2 and self.total is not None)

    @property
    def available(self) -> tuple[str, ...]:
        return s.MULTIGROUP_INDEX_NAMES if self.multigroup else s.SINGLE_GROUP_INDEX_NAMES

    @property
    def tested(self) -> tuple[str, ...]:
        """The indices with a simulation test (the simulated corrections are simulations already)."""
        if not self.inference:
            return ()
        return tuple(name for name in self.indices if name not in s.STOCHASTIC_INDEX_NAMES)

    @property
    def columns(self) -> tuple[str, ...]:
        """The table columns a unit needs."""
        return (*self.groups, *((self.total,) if self.total else ()))


@dataclass(frozen=True)
class Unit:
    """One unit's counts: ``table`` is (areas, 2) = (x, t) for single-group indices, (areas, k) for
    multigroup ones; ``problem`` says why the unit cannot be computed (``table`` is then empty)."""

    position: int
    key: object
    table: FloatArray
    problem: str = ""


@dataclass(frozen=True)
class UnitValues:
    """The value task's result: each index's value (NaN when undefined), or the unit's problem."""

    position: int
    values: dict[str, float] = field(default_factory=dict)
    problem: str = ""


def _generator(spec: BatchSpec, *key: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(spec.seed, spawn_key=key))


def _degenerate(table: FloatArray, multigroup: bool) -> str:
    """Why a unit's counts give no index (empty when they do)."""
    if table.shape[0] < 2:
        return "one area only: segregation needs at least two areas"
    groups = table if multigroup else np.column_stack([table[:, 0], table[:, 1] - table[:, 0]])
    totals = groups.sum(axis=0)
    if not totals.sum() > 0:
        return "zero population"
    if np.count_nonzero(totals > 0) < 2:
        return "every person is in one group"
    return ""


def _unit(position: int, key: object, rows: pd.DataFrame, spec: BatchSpec, area: str | None) -> Unit:
    rows = rows.reset_index(drop=True)
    try:
        if spec.multigroup:
            table = multigroup_arrays(rows, spec.groups, area=area).counts
        else:
            other = None if spec.total is not None else spec.groups[1]
            data = single_group_arrays(rows, spec.groups[0], spec.total, other=other, area=area)
            table = np.column_stack([data.x, data.t])
    except SegregationInputError as error:
        return Unit(position, key, np.empty((0, 0)), str(error))
    problem = _degenerate(table, spec.multigroup)
    return Unit(position, key, table if not problem else np.empty((0, 0)), problem)


def split_units(frame: pd.DataFrame, by: str, spec: BatchSpec, *, area: str | None = None) -> list[Unit]:
    """The table's units in order of first appearance of their ``by`` value (rows keep their order)."""
    needed = [by, *spec.columns, *((area,) if area else ())]
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise SegregationInputError(
            f"no column {missing[0]!r} in the table (columns: {', '.join(map(str, frame.columns))})"
        )
    if frame[by].isna().any():
        raise SegregationInputError(f"column {by!r} has empty cells: every row needs its unit")
    groups = frame.groupby(by, sort=False, dropna=False).indices
    return [
        _unit(position, key, frame.iloc[rows], spec, area)
        for position, (key, rows) in enumerate(groups.items())
    ]


def _functions(spec: BatchSpec, position: int) -> dict[str, Callable[..., Any]]:
    """Each index as a function of the unit's table (batched over leading axes)."""
    if spec.multigroup:
        return {name: s.MULTIGROUP_FUNCTIONS[name] for name in spec.indices}
    single: dict[str, Callable[..., Any]] = dict(s.SINGLE_GROUP_FUNCTIONS)
    single["atkinson"] = lambda x, t: aspatial.atkinson(x, t, b=spec.atkinson_b)
    corrected = {
        "bias_corrected_dissimilarity": lambda x, t, g: aspatial_corrected.bias_corrected_dissimilarity(
            x, t, replicates=spec.replicates, seed=g
        ),
        "modified_dissimilarity": lambda x, t, g: aspatial_corrected.modified_dissimilarity(
            x, t, iterations=spec.replicates, seed=g
        ),
        "modified_gini": lambda x, t, g: aspatial_corrected.modified_gini(
            x, t, iterations=spec.replicates, seed=g
        ),
    }
    found: dict[str, Callable[..., Any]] = {}
    for number, name in enumerate(spec.indices):
        function = single.get(name)
        if function is None:
            generator = _generator(spec, _VALUE_TASK, position, number)
            found[name] = lambda table, f=corrected[name], g=generator: f(table[..., 0], table[..., 1], g)
        else:
            found[name] = lambda table, f=function: f(table[..., 0], table[..., 1])
    return found


def unit_values(unit: Unit, spec: BatchSpec) -> UnitValues:
    """The value task: every index of ``spec`` on the unit's counts."""
    if unit.problem:
        return UnitValues(unit.position, problem=unit.problem)
    values: dict[str, float] = {}
    for name, function in _functions(spec, unit.position).items():
        try:
            values[name] = float(function(unit.table))
        except SegregationInputError as error:
            return UnitValues(unit.position, problem=str(error))
    return UnitValues(unit.position, values)


def block_sizes(replicates: int) -> list[int]:
    """The replicates of each block: :data:`BLOCK` each, the rest in the last one."""
    full, rest = divmod(replicates, BLOCK)
    return [BLOCK] * full + ([rest] if rest else [])


def _as_groups(table: FloatArray, multigroup: bool) -> FloatArray:
    return table if multigroup else np.column_stack([table[:, 0], table[:, 1] - table[:, 0]])


def replicate_block(unit: Unit, spec: BatchSpec, block: int) -> dict[str, FloatArray]:
    """A replicate task: the block's tables drawn under the null model, each tested index on them."""
    size = block_sizes(spec.inference or 0)[block]
    groups = _as_groups(unit.table, spec.multigroup)
    if spec.null != "bootstrap":
        groups = as_count_table(groups).astype(np.float64)
    drawn = draw_null(spec.null, groups, size, _generator(spec, _REPLICATE_TASK, unit.position, block))
    drawn = np.asarray(drawn, dtype=np.float64)
    tables = drawn if spec.multigroup else np.stack([drawn[..., 0], drawn[..., 0] + drawn[..., 1]], axis=-1)
    functions = _functions(spec, unit.position)
    with np.errstate(divide="ignore", invalid="ignore"):
        return {
            name: np.asarray(functions[name](tables), dtype=np.float64).reshape(-1) for name in spec.tested
        }


def _test_columns(observed: float, simulated: FloatArray, spec: BatchSpec) -> dict[str, float]:
    finite = simulated[np.isfinite(simulated)]
    low, high = percentile_interval(simulated)
    return {
        "null_mean": float(finite.mean()) if finite.size else float("nan"),
        "null_std": float(finite.std(ddof=1)) if finite.size > 1 else float("nan"),
        "p_value": p_value(observed, simulated, bootstrap=spec.null == "bootstrap"),
        "ci_low": low,
        "ci_high": high,
    }


def assemble(
    by: str,
    units: Sequence[Unit],
    values: Sequence[UnitValues],
    blocks: Sequence[Sequence[dict[str, FloatArray]]],
    spec: BatchSpec,
) -> pa.Table:
    """The output table: one row per unit and index, in unit order then the order of ``spec.indices``.

    ``blocks[u]`` holds unit u's replicate blocks in order (empty without inference).
    """
    import pyarrow as pa

    columns: dict[str, list[Any]] = {name: [] for name in ("index", "value", "status", "reason")}
    keys: list[object] = []
    tests: dict[str, list[float | None]] = {name: [] for name in INFERENCE_COLUMNS}
    for unit, found, unit_blocks in zip(units, values, blocks, strict=True):
        for name in spec.indices:
            keys.append(unit.key)
            columns["index"].append(name)
            value = found.values.get(name)
            defined = value is not None and np.isfinite(value)
            columns["value"].append(value if defined else None)
            status = ERROR if found.problem else (OK if defined else UNDEFINED)
            columns["status"].append(status)
            reason = found.problem or ("" if defined else "the index is not defined for these counts")
            columns["reason"].append(reason)
            row = {}
            if defined and name in spec.tested and unit_blocks:
                simulated = np.concatenate([block[name] for block in unit_blocks])
                row = _test_columns(float(value), simulated, spec)  # type: ignore[arg-type]
            for column in INFERENCE_COLUMNS:
                number = row.get(column)
                tests[column].append(number if number is not None and np.isfinite(number) else None)
    arrays: dict[str, Any] = {by: keys, **columns}
    if spec.inference:
        arrays.update(tests)
    schema = [
        (by, pa.array(keys).type if keys else pa.string()),
        ("index", pa.string()),
        ("value", pa.float64()),
        ("status", pa.string()),
        ("reason", pa.string()),
        *([(column, pa.float64()) for column in INFERENCE_COLUMNS] if spec.inference else []),
    ]
    return pa.table({name: pa.array(arrays[name], type=kind) for name, kind in schema})
