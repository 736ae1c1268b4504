"""The batch on a Dask cluster (a LocalCluster of worker processes): the same bytes as in-process."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from importlib import resources

import pandas as pd
import pytest

from mangfold.segregation.batch import BatchSpec, split_units
from mangfold.segregation.distributed import run_batch

distributed = pytest.importorskip("distributed")

GROUPS = ("WhiteBrit", "Indian", "Pakistani")


@pytest.fixture(scope="module")
def areas() -> pd.DataFrame:
    path = resources.files("mangfold.data") / "uk_mlid" / "england_wales_2011_lsoa_ethnicity.csv.gz"
    with resources.as_file(path) as file:
        frame = pd.read_csv(file)
    chosen = ["Barking and Dagenham", "Bradford", "Leicester", "Oldham"]
    one_area = pd.DataFrame({"LAD": ["One Area"], "LSOA": ["X1"], **{g: [10] for g in GROUPS}})
    return pd.concat([frame[frame.LAD.isin(chosen)], one_area], ignore_index=True)


@pytest.fixture(scope="module")
def clusters() -> Iterator[dict[int, object]]:
    made = {
        n: distributed.LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
        for n in (1, 2)
    }
    clients = {n: distributed.Client(cluster) for n, cluster in made.items()}
    yield clients
    for n in made:
        clients[n].close()
        made[n].close()


def test_a_cluster_with_one_or_two_workers_gives_the_in_process_result_bit_for_bit(
    areas: pd.DataFrame, clusters: dict[int, object]
) -> None:
    spec = BatchSpec(
        groups=GROUPS, inference=230, seed=2026, indices=("multigroup_dissimilarity", "divergence")
    )
    units = split_units(areas, "LAD", spec, area="LSOA")
    local = run_batch(units, spec, "LAD")
    for client in clusters.values():
        assert run_batch(units, spec, "LAD", client=client).equals(local)
    assert local.to_pandas().set_index("LAD").loc["One Area", "status"].tolist() == ["error", "error"]


def test_the_scheduler_address_reaches_the_cluster(areas: pd.DataFrame, clusters: dict[int, object]) -> None:
    client = clusters[2]
    spec = BatchSpec(groups=GROUPS)
    units = split_units(areas, "LAD", spec, area="LSOA")
    address = client.scheduler.address  # type: ignore[attr-defined]
    assert run_batch(units, spec, "LAD", scheduler=address).equals(run_batch(units, spec, "LAD"))
