"""The law as data: the norms, their versions, conditions and figures on a
day (``pypermit law``), and the checks of the knowledge base (``verify``)."""

from pypermit.lawbook.book import Lawbook, Norm, Requirement, Span, read

__all__ = ["Lawbook", "Norm", "Requirement", "Span", "read"]
