"""Populations and reforms: many applicants at once (``evaluate_many``,
``pypermit batch``), changes of the law a researcher writes without touching
``kb/`` (reforms), what a change does across a population, and a synthetic
population to try it on (docs/population.md)."""

from .batch import evaluate_many
from .reform import Figure, Reform, ReformError, load_reform

__all__ = ["evaluate_many", "Figure", "Reform", "ReformError", "load_reform"]
