"""Input fuzzing through the command line: junk applicant files (random JSON
and YAML structures, wrong types, huge numbers, odd unicode) each get a
report (exit 0) or a message and exit 2 — never a traceback (issue: rule
consistency, item 5); with --format json the message is pypermit/error-v1."""

from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pypermit.cli.main import main
from pypermit.testing import applicants

#: Seconds-long (subprocesses, worker pools, browsers, many solver calls): `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
    st.sampled_from(["unknown", "2019-13-01", "2020-02-29", "A2", "permit", "25.1", "ä€𝄞\u202e", ""]),
)
junk = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)

#: Fields of a valid file a mutation may hit.
PATHS = ["as_of", "application_date", "birth_date", "german", "civics_test", "stay", "convictions",
         "identity", "livelihood", "household", "departure", "asylum", "city", "impairment"]


def _check(tmp_path, text: str, suffix: str) -> None:
    path = tmp_path / f"a{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 0:
        assert json.loads(result.stdout)["format"] == "pypermit/report-v1"
    else:   # refused: pypermit/error-v1 on standard output
        assert isinstance(result.exception, SystemExit), repr(result.exception)
        error = json.loads(result.stdout)
        assert error["format"] == "pypermit/error-v1" and error["problems"]
        assert all(p["message"] and "\n" not in p["message"] for p in error["problems"])


SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@SETTINGS
@given(data=junk, suffix=st.sampled_from([".json", ".yaml"]))
def test_junk_files(tmp_path, data, suffix):
    text = json.dumps(data) if suffix == ".json" else yaml.safe_dump(data, allow_unicode=True)
    _check(tmp_path, text, suffix)


@SETTINGS
@given(applicant=applicants(), path=st.sampled_from(PATHS), value=junk, suffix=st.sampled_from([".json", ".yaml"]))
def test_a_valid_file_with_one_field_replaced_by_junk(tmp_path, applicant, path, value, suffix):
    applicant = {**applicant, path: value}
    text = json.dumps(applicant, default=str) if suffix == ".json" else yaml.safe_dump(applicant, allow_unicode=True)
    _check(tmp_path, text, suffix)


@SETTINGS
@given(text=st.text(max_size=200))
def test_any_text(tmp_path, text):
    _check(tmp_path, text, ".yaml")
