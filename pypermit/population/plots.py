"""A population comparison drawn with matplotlib (SVG or PNG): the gains
and losses per permit beside the near misses (the most frequent parts of a
norm that alone stand between people and a permit)."""

from __future__ import annotations

from pathlib import Path

from pypermit.population.compare import PopulationComparison

#: Near-miss bars drawn: those the change moved most, then the most frequent.
NEAR_MISS_BARS = 10


def draw(result: PopulationComparison, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.8), gridspec_kw={"width_ratios": [2, 3]})
    permits = list(result.permits)
    gains = [result.permits[p].gain for p in permits]
    losses = [-result.permits[p].lose for p in permits]
    left.bar(permits, gains, color="#2e7d32", label="gain")
    left.bar(permits, losses, color="#c62828", label="lose")
    left.axhline(0, color="black", linewidth=0.6)
    left.set_title("People who gain or lose a permit")
    left.legend()

    misses = [(p, e) for p, c in result.permits.items() for e in c.misses()]
    misses = sorted(misses, key=lambda m: (m[1]["first"] == m[1]["second"], -abs(m[1]["second"] - m[1]["first"]),
                                           -max(m[1]["first"], m[1]["second"])))[:NEAR_MISS_BARS][::-1]
    labels = [f"{p}: {e['only']}" for p, e in misses]
    rows = range(len(misses))
    right.barh([r + 0.2 for r in rows], [e["first"] for _, e in misses], height=0.4, color="#9e9e9e",
               label=result.first)
    right.barh([r - 0.2 for r in rows], [e["second"] for _, e in misses], height=0.4, color="#1565c0",
               label=result.second)
    right.set_yticks(list(rows), labels, fontsize=8)
    right.set_title("Near misses: the permit fails on this alone")
    right.legend(fontsize=8)
    fig.suptitle(f"{result.people:,} people: {result.first} → {result.second}", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None} if path.suffix == ".svg" else None)
    plt.close(fig)
