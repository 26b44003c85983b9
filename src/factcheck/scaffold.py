"""`factcheck new-claim`: a claim file with every key explained, for analysts to fill in."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import UsageError
from .ids import ID_PATTERN

TEMPLATE = """\
# A claim to check. Every key is explained; delete the ones marked optional if unused.
# Then run:  factcheck validate  and  factcheck verdict {id}
id: {id}                      # lowercase letters, digits and hyphens; must equal the file name
claim: "Write the claim here, word for word as it was published."
claimant: "Who made the claim (a person, an outlet, a ministry)"
claim_date: 2025-01-31        # when the claim was made (YYYY-MM-DD)
appeared_in: [source-id]      # ids from data/sources.csv where the claim was published (add the source first)

kind: quantity                # quantity (a number) or event (something happened)

# For kind: quantity
subject: dprk-forces-russia   # an id from data/subjects.csv
metric: casualties            # deployed, reinforcements, deployed_total, announced_deployment,
                              # casualties, killed, wounded, casualties_in_period
comparator: ">"               # one of  >  >=  <  <=  =  ~   (~ means "about")
value: 1000                   # the number the claim states
# tolerance: 0.1              # optional, for ~ only: how far "about" stretches (0.1 = 10%)

# For kind: event (instead of subject, metric, comparator and value)
# event: russia-acknowledges-dprk-troops   # a type from data/events.csv

# Optional
# period: {{start: 2025-01-01, end: 2025-01-31}}   # when the claimed number applies (default: claim_date)
# as_of: 2025-02-28           # judge with evidence published up to this date (default: claim_date)
hedge: ""                     # the claim's own qualifier ("likely"), if it has one
notes: ""                     # anything a reader of the data should know
"""


def write_claim_template(claim_id: str, data_dir: Path) -> Path:
    if not re.fullmatch(ID_PATTERN, claim_id):
        raise UsageError(
            f"invalid claim id {claim_id!r}: use lowercase letters, digits and single hyphens"
        )
    path = Path(data_dir) / "claims" / f"{claim_id}.yaml"
    if path.exists():
        raise UsageError(f"{path} already exists; choose another id or edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(TEMPLATE.format(id=claim_id))
    return path
