"""A file still being filled in: a new applicant with every fact but birth
and stay unknown (the interview's start, ``verify``'s domains), and an
answer set into it where a whole list may still be unknown."""

from __future__ import annotations

import copy
import datetime as _dt
from typing import Any

from pypermit.applicant import paths
from pypermit.applicant.load import applicant_to_dict, load_applicant
from pypermit.applicant.unknowns import UNKNOWN, UNKNOWN_LISTS

#: What a new interview leaves open besides birth date and stay: every other
#: fact, so that the questions decide what is asked.
_START_UNKNOWN = ("german", "civics_test", "fdgo_commitment", "fdgo_doubts", "security_threat", "impairment",
                  "integration_prognosis", "identity", "livelihood", "education", "household", "departure",
                  "asylum", "convictions")

def blank(as_of: _dt.date | str, birth_date: Any, stay: list[dict[str, Any]]) -> dict[str, Any]:
    """A new applicant: the decision day, birth and stay; everything else unknown."""
    data: dict[str, Any] = {"as_of": str(as_of), "birth_date": birth_date, "stay": stay}
    skeleton = applicant_to_dict(load_applicant(dict(data)))
    for key in _START_UNKNOWN:
        if key in UNKNOWN_LISTS or not isinstance(skeleton.get(key), dict):
            data[key] = UNKNOWN
        else:
            data[key] = {k: (v if isinstance(v, list) else UNKNOWN) for k, v in skeleton[key].items()}
            if "children" in data[key]:
                data[key]["children"] = UNKNOWN
    return data


def set_path(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``data`` with the field at ``path`` set."""
    out = copy.deepcopy(data)
    target: Any = out
    parts = paths.parse(path)
    walked: list[str] = []
    for part in parts[:-1]:
        if isinstance(part, str):
            walked.append(part)
        if target[part] == UNKNOWN and ".".join(walked) in UNKNOWN_LISTS:
            # an unknown list stands for one entry of unknown particulars
            target[part] = [{f: UNKNOWN for f in UNKNOWN_LISTS[".".join(walked)]}]
        target = target[part]
    target[parts[-1]] = value
    return out
