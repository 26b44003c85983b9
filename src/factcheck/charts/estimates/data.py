"""The estimates chart's data: one row per figure on the claim's measure, as a DataFrame.

Pure selection from the evidence and the verdict (no matplotlib); the words are in `words.py`,
the drawing in `draw.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ...evidence import Evidence
from ...reasoning.kinds import convert
from ...reasoning.knowledge import first_public, is_knowable, reliability_of
from ...schema import Claim
from ...verdict import relation
from ...vocabulary import METRICS
from ..common import deciding, deciding_stances, originator_name, point, stated, subject_name
from ..palette import GREY, palette

if TYPE_CHECKING:  # the verdict contract; charts only read its attributes
    from ...verdict import Verdict

COLUMNS = (
    "originator_id",
    "originator",
    "metric",
    "measure",
    "date",
    "published",
    "low",
    "high",
    "point",
    "stated",
    "qualifier",
    "open_ended",
    "reliability",
    "knowable",
    "decides",
    "stance",
    "color",
    "marker",
)
MAX_SERIES = 8  # originators drawn apart; the rest share one grey series
MAX_POINTS = 60  # past this many figures (or MAX_PER_SERIES in one series) the chart summarises
MAX_PER_SERIES = 12
PLOT_HEIGHT = 2.9  # inches; grows to fit the line-end labels, up to MAX_PLOT_HEIGHT
MAX_PLOT_HEIGHT = 4.2
PHONE_PLOT_HEIGHT = 2.4  # inches: the phone edition's plot; its labels are in a key below
LABEL_WIDTH = 2.15  # inches: a line-end label's lines (the name on at most two)


def estimates_data(
    evidence: Evidence,
    claim: Claim,
    verdict: Verdict,
    metrics: tuple[str, ...] | list[str] | None = None,
    originators: tuple[str, ...] | list[str] | None = None,
) -> pd.DataFrame:
    """One row per figure on the claim's subject and measure (or `metrics`), oldest first.

    The claim's own measure by default (a part's claim gets the part's figures). `knowable` says whether the figure was public by the verdict's as-of
    date; `decides` whether it belongs to a credible line that supports or contradicts.
    """
    if metrics is None:
        # the claim's own measure, and any capacity declared to convert to it: the reader sees
        # the "could hold" figures beside the counts, never mistaken for them (own label)
        own = (claim.metric,) if claim.kind == "quantity" and claim.metric else ()
        metrics = own + tuple(
            m
            for m in METRICS
            if own and m != own[0] and relation(own[0], m) in ("capacity", "rate", "flow")
        )
    wanted = set(metrics)
    keep = set(originators) if originators is not None else None
    decisive, _ = deciding(evidence, verdict)
    stances = deciding_stances(evidence, verdict)  # of the originator's line, where it decides
    # The engine's own wording of a figure, where it gives one, else ours from the qualifier.
    worded = {a.item_id: a.stated for a in verdict.evidence if getattr(a, "stated", None)}
    table = palette(evidence, verdict)
    rows = []
    for f in evidence.figures.values():
        if f.subject != claim.subject or f.metric not in wanted:
            continue
        # a rate per another period, or a total over a stated window, in the claim's own terms
        rel = relation(claim.metric, f.metric) if claim.metric else None
        converted = convert(claim, f, rel, None) if rel in ("rate", "flow") else None
        if converted is not None and len(converted) == 2:
            continue  # a total with no stated window: not drawn as a rate
        if converted is not None:
            f = converted[0].model_copy(update={"id": f.id})
            worded.pop(f.id, None)
        oid = evidence.originator_id(f)
        if keep is not None and oid not in keep:
            continue
        colour, marker = table.get(oid, (GREY, "o"))
        rows.append(
            {
                "originator_id": oid,
                "originator": originator_name(evidence, oid),
                "metric": f.metric,
                "measure": METRICS[f.metric].label,
                "date": f.refers_to,
                "published": first_public(evidence, f.source, f),
                "low": f.low,
                "high": f.high,
                "point": point(f),
                "stated": worded.get(f.id) or stated(f),
                "qualifier": f.qualifier,
                "open_ended": f.qualifier in ("more than", "at least"),
                "reliability": reliability_of(evidence, f),
                "knowable": is_knowable(evidence, f.source, verdict.as_of, f),
                "decides": f.id in decisive,
                "stance": stances.get(oid, ""),
                "color": colour,
                "marker": marker,
                "_id": f.id,
            }
        )
    rows.sort(key=lambda r: (r["date"], r["originator"], r["metric"], r["point"], r["_id"]))
    data = pd.DataFrame(rows, columns=[*COLUMNS, "_id"]).drop(columns="_id")
    data.attrs.update(
        subject=subject_name(evidence, claim.subject),
        as_of=verdict.as_of,
        version=evidence.version,
        measures=[METRICS[m].label for m in metrics if any(r["metric"] == m for r in rows)]
        or [METRICS[m].label for m in metrics[:1]],
        units=METRICS[metrics[0]].units if metrics and metrics[0] in METRICS else "",
    )
    return data


def _latest(data: pd.DataFrame) -> pd.DataFrame:
    """Each (originator, measure)'s latest knowable figure."""
    known = data[data["knowable"].astype(bool)]
    return known.groupby(["originator", "metric"], sort=True).tail(1)
