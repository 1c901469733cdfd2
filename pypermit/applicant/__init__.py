"""The applicant: the validated model of one person's facts, read from a
bounded file, with its problems named by field path."""

from pypermit.applicant.fields import BASES, COVERAGE_START, STATUSES
from pypermit.applicant.load import applicant_to_dict, load_applicant, parse_applicant
from pypermit.applicant.model import Applicant

__all__ = ["BASES", "COVERAGE_START", "STATUSES", "Applicant", "applicant_to_dict", "load_applicant",
           "parse_applicant"]
