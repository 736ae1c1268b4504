"""Running a batch (:mod:`mangfold.segregation.batch`) in this process or on a Dask cluster.

- Without a scheduler the tasks run on a pool of threads in this process, one per usable CPU (NumPy
  releases the GIL in its kernels).
- With a scheduler address (``tcp://host:8786``) or a ``distributed.Client``, each unit's counts are sent
  to the cluster once (``Client.scatter``) and the value and replicate tasks refer to them, so the data
  travel once per worker that needs them, not with every task.

Both ways compute the same tasks with the same seeds (see :mod:`mangfold.segregation.batch`), so the
output is identical, bit for bit. Dask is imported only when a cluster is used.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from mangfold.segregation.batch import (
    BatchSpec,
    Unit,
    UnitValues,
    assemble,
    block_sizes,
    replicate_block,
    unit_values,
)

if TYPE_CHECKING:
    import pyarrow as pa

    from mangfold.segregation._validate import FloatArray

__all__ = ["run_batch", "usable_cpus"]

Blocks = list[list[dict[str, "FloatArray"]]]


def usable_cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _tasks(units: Sequence[Unit], spec: BatchSpec) -> list[tuple[int, int]]:
    """(unit position, block) of every replicate task, units with a problem left out."""
    blocks = range(len(block_sizes(spec.inference or 0))) if spec.tested else range(0)
    return [(unit.position, block) for unit in units if not unit.problem for block in blocks]


def _collect(
    units: Sequence[Unit], tasks: list[tuple[int, int]], results: list[dict[str, FloatArray]]
) -> Blocks:
    blocks: Blocks = [[] for _ in units]
    for (position, _block), result in zip(tasks, results, strict=True):
        blocks[position].append(result)
    return blocks


def _run_local(
    units: Sequence[Unit], spec: BatchSpec, workers: int | None
) -> tuple[list[UnitValues], Blocks]:
    tasks = _tasks(units, spec)
    with ThreadPoolExecutor(max_workers=workers or usable_cpus()) as pool:
        values = list(pool.map(lambda unit: unit_values(unit, spec), units))
        results = list(pool.map(lambda task: replicate_block(units[task[0]], spec, task[1]), tasks))
    return values, _collect(units, tasks, results)


def _run_cluster(units: Sequence[Unit], spec: BatchSpec, client: Any) -> tuple[list[UnitValues], Blocks]:
    tasks = _tasks(units, spec)
    remote = client.scatter(list(units))
    value_futures = [client.submit(unit_values, unit, spec, pure=False) for unit in remote]
    block_futures = [
        client.submit(replicate_block, remote[position], spec, block, pure=False) for position, block in tasks
    ]
    values = client.gather(value_futures)
    results = client.gather(block_futures)
    return list(values), _collect(units, tasks, list(results))


def run_batch(
    units: Sequence[Unit],
    spec: BatchSpec,
    by: str,
    *,
    scheduler: str | None = None,
    client: Any = None,
    workers: int | None = None,
) -> pa.Table:
    """Every unit's indices (and tests) as the table of :func:`mangfold.segregation.batch.assemble`.

    ``scheduler``: the address of a Dask scheduler; ``client``: a ``distributed.Client`` to use instead
    (e.g. on a ``LocalCluster``); neither: threads in this process (``workers`` of them, default one per
    usable CPU).
    """
    if client is None and scheduler is None:
        values, blocks = _run_local(units, spec, workers)
    elif client is not None:
        values, blocks = _run_cluster(units, spec, client)
    else:
        from distributed import Client

        with Client(scheduler) as own:  # type: ignore[no-untyped-call]
            values, blocks = _run_cluster(units, spec, own)
    return assemble(by, units, values, blocks, spec)
