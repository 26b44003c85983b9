"""A figure's `stated` words must not contradict its low and high (issue 22)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from factcheck.schema import Figure

FIGURE = {
    "id": "di-6000",
    "subject": "troops",
    "metric": "casualties",
    "low": "6000",
    "high": "6000",
    "qualifier": "more than",
    "refers_to": "2025-06-15",
    "source": "outlet-a",
    "quote": "have highly likely sustained more than 6,000 casualties",
}


@pytest.mark.parametrize(
    "stated", ["fewer than 100", "less than 1,000 men", "at most 5.5 thousand", "under 2000"]
)
def test_stated_words_below_the_figure_are_refused_naming_both_numbers(stated):
    with pytest.raises(ValidationError) as caught:
        Figure.model_validate({**FIGURE, "stated": stated})

    message = str(caught.value)
    assert (
        "stated:" in message and "low is 6,000" in message and "agree with low and high" in message
    )


def test_stated_words_above_the_figure_are_refused():
    with pytest.raises(ValidationError, match="high is 6,000"):
        Figure.model_validate({**FIGURE, "stated": "more than 1.5 million"})


@pytest.mark.parametrize(
    "stated",
    ["", "more than 6,000", "several thousand", "at least 6000", "up to 10,000", "over 5,000"],
)
def test_stated_words_that_agree_with_low_and_high_validate(stated):
    assert Figure.model_validate({**FIGURE, "stated": stated}).stated == stated
