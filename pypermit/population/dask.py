"""The same batch on a Dask cluster: the chunks of the input go to the
cluster's workers as futures and run the same worker code
(``pypermit.population.batch.Evaluation``) as the local process pool.

Every worker needs pypermit installed (the same version as here): start the
scheduler with ``dask scheduler`` and each worker with ``dask worker
tcp://scheduler:8786`` in an environment where ``pip install pypermit``
has been run, then ``pypermit batch people.jsonl -o rows.parquet --dask
tcp://scheduler:8786``. The applicants' facts travel to the workers: use a
cluster on machines you trust with them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def dask_executor(address: str | Any) -> Iterator[Any]:
    """A ``concurrent.futures`` executor on the Dask cluster at ``address``
    (``tcp://host:8786``) or of a ``distributed`` cluster object."""
    from distributed import Client
    with Client(address) as client:
        yield client.get_executor(pure=False)
