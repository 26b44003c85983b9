"""What would change the verdict: the rule tables re-run with one line of evidence added or
removed, so the page never restates the rules by hand."""

from __future__ import annotations

from collections.abc import Sequence

from .model import Change, Line
from .rules import decide

# A new line of evidence as the rules would weigh it: credible, independent, unhedged.
_NEW = {"reliability": "B", "credible": True, "party_to_conflict": False, "documents": 1}


def what_would_change(lines: Sequence[Line], label: str) -> tuple[Change, ...]:
    """Each line whose removal changes the label, then each kind of new credible line
    (contradicting, supporting) whose addition would."""
    changes = []
    for line in lines:
        without = decide([other for other in lines if other.id != line.id]).label
        if without != label:
            changes.append(Change(kind="without", line_id=line.id, name=line.name, label=without))
    for stance in ("contradicts", "supports"):
        new = Line(id="", name="", stance=stance, item_id="", reason="", **_NEW)
        label_with = decide([*lines, new]).label
        if label_with != label:
            already = sum(1 for line in lines if line.decides and line.stance == stance)
            changes.append(Change(kind="with", stance=stance, label=label_with, already=already))
    return tuple(changes)
