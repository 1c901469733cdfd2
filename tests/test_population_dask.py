"""The batch on a Dask cluster (a LocalCluster of two worker processes on
this machine) gives the rows of the local run, through the API and through
``pypermit batch --dask ADDRESS``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pypermit.cli.main import main
from pypermit.population.batch import outcomes, rows
from pypermit.population.synth import people
from pypermit.population.tables import read_rows

distributed = pytest.importorskip("distributed")


@pytest.mark.slow
def test_dask_local_cluster_gives_the_local_rows(tmp_path: Path) -> None:
    from pypermit.population.dask import dask_executor
    group = [(p.pop("id"), p) for p in people(40, seed=11)]
    group.append(("bad", {"birth_date": "1990-01-01"}))
    source = tmp_path / "people.jsonl"
    source.write_text("".join(json.dumps({"id": pid, **p}) + "\n" for pid, p in group))
    local = [r for pid, o in outcomes(group, workers=1) for r in rows(pid, o)]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  memory_limit="1GiB") as cluster:
        with dask_executor(cluster) as executor:
            remote = [r for pid, o in outcomes(group, executor=executor, chunk_size=8) for r in rows(pid, o)]
        result = CliRunner().invoke(main, ["batch", str(source), "-o", str(tmp_path / "rows.jsonl"),
                                           "--dask", cluster.scheduler_address, "--chunk-size", "8"])
    assert remote == local
    assert remote[-1]["status"] == "invalid"
    assert result.exit_code == 0, result.output
    assert list(read_rows(tmp_path / "rows.jsonl")) == json.loads(json.dumps(local))
