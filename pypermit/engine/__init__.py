"""The engine: the knowledge base's files, the applicant's facts, one
grounded program per question, and the atoms its answer sets hold."""

from pypermit.engine.program import (
                                     Assumptions,
                                     Derivation,
                                     Overlay,
                                     change_days,
                                     consequences,
                                     control,
                                     current_overlay,
                                     derive,
                                     derive_days,
                                     one_model,
                                     overlaid,
)

__all__ = ["Assumptions", "Derivation", "Overlay", "change_days", "consequences", "control", "current_overlay",
           "derive", "derive_days", "one_model", "overlaid"]
