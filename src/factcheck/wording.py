"""Every reader word made from data, in one place: numbers, figures in their sources' words,
dates, plurals, lists of names, flag titles and sentences, and what each rating means.

The engine's reasoning trail, the page, the charts (titles, labels, alt text) and ClaimReview
all word things here, so changing a word means changing it here and nowhere else; a test
(tests/test_wording_one_source.py) fails if a reader sentence with a number or a date is built
elsewhere in `reasoning/`, `page/` or `charts/`.

Pure functions of their arguments: no I/O, no clock, no data ids in the output.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence

from .scales import CREDIBLE_RELIABILITY, RELIABILITY
from .vocabulary import COMPARATOR_WORDS, METRICS, SHARES

# --------------------------------------------------------------------------- numbers


def number(value: float) -> str:
    """A count as readers write it: 6,000; round millions in words (6 million, 4.8 million);
    an infinite bound is "an unlimited number"."""
    if isinstance(value, bool):
        value = int(value)
    if not math.isfinite(value):
        return "an unlimited number"
    whole = round(value)
    if abs(whole) >= 1_000_000 and whole % 100_000 == 0:
        return f"{whole / 1_000_000:g} million"
    return f"{whole:,}"


def short_number(value: float, top: float | None = None) -> str:
    """An axis tick that fits at any magnitude: 6,000, 6M, 2.5M, 1.2B; every tick of an axis
    that reaches a million in the same unit (0.8M beside 1M, never 800,000 beside 1M)."""
    top = abs(value) if top is None else top
    for size, suffix in ((1e9, "B"), (1e6, "M")):
        if top >= size:
            if value == 0:
                return "0"
            return f"{value / size:,.2f}".rstrip("0").removesuffix(".") + suffix
    return f"{value:,.0f}"


def percent(share: float) -> str:
    """A share as a whole percentage: 0.545 -> "55%"."""
    return f"{share:.0%}"


def percentage(value: float) -> str:
    """A number already in percent, as few digits as it needs: 23.75 -> "23.75%"."""
    return f"{value:g}%"


def span(low: float, high: float) -> str:
    """'4,000' or '1,000 to 3,000'."""
    return number(low) if low == high else f"{number(low)} to {number(high)}"


def short_span(low: float, high: float) -> str:
    """'4,000–6,000': a range where room is short (chart labels)."""
    return number(low) if low == high else f"{number(low)}–{number(high)}"


def yardstick_range(term) -> str:
    """A probability yardstick term's range: '80–90%'."""
    return f"{term.low}–{term.high}%"


def in_100(term) -> str:
    """The same range for readers: '80 to 90 in 100'."""
    return f"{term.low} to {term.high} in 100"


def plural(n: int, noun: str, many: str | None = None) -> str:
    """'1 document', '1,234 documents': never '1 line(s)'."""
    return f"{number(n)} {noun if n == 1 else (many or noun + 's')}"


def be(n: int) -> str:
    return "is" if n == 1 else "are"


def listing(words: Iterable[str], empty: str = "nobody") -> str:
    """'A', 'A and B', 'A, B and C'."""
    words = list(words)
    if not words:
        return empty
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


# How each stance reads after one line of evidence, and after several.
STANCE_VERBS = {
    "supports": ("supports", "support"),
    "contradicts": ("contradicts", "contradict"),
    "inconclusive": ("is inconclusive", "are inconclusive"),
}


def verb(n: int, stance: str) -> str:
    one, many = STANCE_VERBS[stance]
    return one if n == 1 else many


def names(items: Iterable) -> str:
    """Lines of evidence (or their names) as 'A', 'A and B', 'A, B and C'."""
    return listing(item if isinstance(item, str) else item.name for item in items)


# --------------------------------------------------------------------------- dates


def longdate(value: dt.date | str | None) -> str:
    """'15 June 2025': prose, alt text and every sentence."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day} {value:%B %Y}"


def shortdate(value: dt.date | None) -> str:
    """'15 Jun 2025': where room is short (chart labels, table cells)."""
    return f"{value.day} {value:%b %Y}" if value else "undated"


def month(value: dt.date) -> str:
    """'Jun 2025': a chart title's date, where the day does not matter."""
    return f"{value:%b %Y}"


# --------------------------------------------------------------------------- figures

# How each qualifier reads before a number; "exact" reads as the bare number.
QUALIFIER_WORDS = {
    "approximately": "about",
    "at least": "at least",
    "more than": "more than",
    "up to": "up to",
    "exact": "",
}


def stated(figure) -> str:
    """A figure as its source stated it ("about 4,000", "more than 6,000", "several hundred",
    "about 50%" for a share).

    The data's own words (the `stated` column) win wherever they are recorded; otherwise the
    qualifier and the number. The engine's intervals never reach readers.
    """
    own = getattr(figure, "stated", None)
    if own:
        return str(own)
    n = percent_number if _is_percent(figure) else number
    match figure.qualifier:
        case "more than" | "at least":
            return f"{figure.qualifier} {n(figure.low)}"
        case "up to":
            return f"up to {n(figure.high)}"
        case _:
            words = QUALIFIER_WORDS.get(figure.qualifier, "")
            amount = (
                n(figure.low)
                if figure.low == figure.high
                else f"{n(figure.low)} to {n(figure.high)}"
            )
            return f"{words} {amount}".strip()


def percent_number(value: float) -> str:
    """A share as readers write it: '50%'."""
    return f"{number(value)}%"


def _is_percent(figure) -> bool:
    """A share's number (a reasoning Quantity says so; a data figure by its metric's kind).

    Asked of the model's fields, not with hasattr: a pydantic model without the attribute
    builds an AttributeError message first, which cost a tenth of a large claim's verdict."""
    fields = getattr(type(figure), "model_fields", None)
    says = "percent" in fields if fields is not None else hasattr(figure, "percent")
    if says:
        return bool(figure.percent)
    info = METRICS.get(getattr(figure, "metric", ""))
    return bool(info) and info.kind == "share"


def metric_words(metric: str) -> str:
    info = METRICS.get(metric)
    return info.label if info else metric.replace("_", " ")


def figure_words(figure) -> str:
    """'several hundred casualties'."""
    return amount_of(stated(figure), metric_words(figure.metric))


def interval_words(low: float, high: float, low_open: bool, high_open: bool) -> str:
    """A set of possible values in words: 'more than 6,000', 'at most 999', '200 to 999'."""
    if high == math.inf:
        return f"{'more than' if low_open else 'at least'} {number(low)}"
    if low == 0 and not low_open:
        return f"{'fewer than' if high_open else 'at most'} {number(high)}"
    return span(low, high)


def claim_words(claim) -> str:
    """What a claim asserts: 'more than 6,000 casualties'."""
    if claim.kind == "event":
        period = claim.effective_period
        return (
            f"the event '{humanise(claim.event)}' between {longdate(period.start)} and "
            f"{longdate(period.end)}"
        )
    return asserted(
        claim.comparator,
        claim.value,
        claim.value_high,
        metric_words(claim.metric),
        _is_percent(claim) if claim.metric else False,
    )


def claim_short_title(claim, limit: int = 60) -> str:
    """A running header for print: what the claim is about, not its slug."""
    if claim.kind != "quantity":  # an event or a statement
        text = claim.claim.rstrip(" .")
        if len(text) > limit:
            text = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
        return f"Fact check: {text}"
    words = COMPARATOR_WORDS.get(claim.comparator or "", "")
    value = number(claim.value)
    if claim.comparator == "between" and getattr(claim, "value_high", None) is not None:
        value = f"{value} and {number(claim.value_high)}"
    return " ".join(f"Fact check: {metric_words(claim.metric)}, {words} {value}".split())


# A name an apostrophe can follow: words, no clause or gloss ("C4ADS, via The Washington Post"
# would give the Post the figure; "Unnamed 'officials' (Wire)" cannot take an apostrophe).
_PLAIN_NAME = re.compile(r"[\w.&-]+(?: [\w.&-]+)*")
_RELAYED = re.compile(r"\b(?:via|citing|quoting|according)\b", re.IGNORECASE)


def possessive(name: object, thing: str, article: str = "") -> str:
    """ "UK DI's about 4,000", "Reuters' word"; where the name is not a plain name, "about 4,000
    from Unnamed 'officials' (Wire)" (with `article`, "the word from ..."). No name: `thing`."""
    missing = name is None or (isinstance(name, float) and math.isnan(name))  # a DataFrame gap
    name = "" if missing else " ".join(str(name).split())
    if not name:
        return thing
    if _PLAIN_NAME.fullmatch(name) and not _RELAYED.search(name) and name[-1].isalnum():
        return f"{name}' {thing}" if name.endswith("s") else f"{name}'s {thing}"
    return f"{article + ' ' if article else ''}{thing} from {name}"


def sentence(text: str) -> str:
    """`text` with its first letter a capital (the rest as it is): a title that opens with a
    figure ("half from ...") or a name the data spells in lower case."""
    return text[:1].upper() + text[1:]


def humanise(identifier: str) -> str:
    """An id with no name in the data, as words ('russia-acknowledges-dprk-troops')."""
    return identifier.replace("-", " ").replace("_", " ")


def quoted(text: str) -> str:
    """Quotation marks around a quote, unless the quote already opens with its own."""
    if text[:1] in "\"“‘«„'":
        return text
    return f"“{text}”"


def reading_rules(approximately: float, tolerance: float, worded: Iterable) -> str:
    """How the engine reads figures, printed from its own constants and, for words that carry
    no number ("several hundred"), the range the data reads them as."""
    examples = "".join(
        f", “{f.stated}” as {span(f.low, f.high)}{'%' if f.metric in SHARES else ''}"
        for f in worded
        if getattr(f, "stated", "") and not any(ch.isdigit() for ch in f.stated)
    )
    return (
        "Figures are shown as their sources stated them. To compare them, the engine reads "
        f"each as a range: “about N” as N plus or minus {percent(approximately)}, “more than N” "
        f"as anything above N{examples}; a claim's “about” allows {percent(tolerance)} unless "
        "the claim says otherwise."
    )


# --------------------------------------------------------------------------- kinds of figure

# The scope sentence's words for the relations that come from a metric's kind.
KIND_SCOPE_WORDS = {
    "capacity": "a capacity (upper bounds only, never a count)",
    "rate": "the same flow as a rate per another period (converted)",
    "flow": "totals, read as a rate only over a stated period",
}


def kind_scope_parts(by_rel: Mapping[str, int]) -> list[str]:
    """'1 gives a capacity (upper bounds only, never a count)', one per kind-relation in scope."""
    parts = []
    for rel, what in KIND_SCOPE_WORDS.items():
        k = by_rel.get(rel, 0)
        if k:
            parts.append(f"{number(k)} {'gives' if k == 1 else 'give'} {what}")
    return parts


def capacity_note(capacity: str, count: str) -> str:
    """Why a capacity only caps the count it converts to."""
    return f"{capacity} is a capacity, an upper bound on {count}, never a count of them"


def per(period: str | None) -> str:
    """'a day', 'a month': a rate's period."""
    return f"a {period}" if period else ""


def rate_reading(said: str, label: str, figure, own: str | None, converted, target: str | None):
    """A rate read in the claim's period, with the arithmetic: 'about 12,000 shells a day
    (12,000 a day is 365,250 a month), that is about 365,250'."""
    if figure.low == figure.high:
        arithmetic = f"{number(figure.low)} {per(own)} is {number(converted.low)} {per(target)}"
    else:
        arithmetic = (
            f"{span(figure.low, figure.high)} {per(own)} is "
            f"{span(converted.low, converted.high)} {per(target)}"
        )
    return f"{said} {label} ({arithmetic}), that is {stated(converted)}"


def undated_total(said: str, label: str, refers_to: dt.date, target: str) -> str:
    """A total with no stated window cannot be read as a rate."""
    return (
        f"{said} {label} by {longdate(refers_to)} is a total with no stated period, "
        f"so it cannot be read as {target}"
    )


def flow_reading(
    said: str, label: str, figure, days: int, per_day, target: str, days_per: float, converted
) -> str:
    """A total over a stated window read as a rate, with the arithmetic shown."""
    amount = number(figure.low) if figure.low == figure.high else said
    arithmetic = (
        f"{amount} over the {plural(days, 'day')} from {longdate(figure.since)} to "
        f"{longdate(figure.refers_to)} is {stated(per_day)} a day"
    )
    if target != "day":
        arithmetic += f", times {days_per:g} days {per(target)}"
    return f"{said} {label} ({arithmetic}), that is {stated(converted)}"


def why_not_in_scope(reason: str, *words: str) -> str:
    """Why a figure on the claim's subject does not bear on it."""
    match reason:
        case "share":
            return f"a share is judged against shares; {words[0]} alone never decides it"
        case "rate":
            return "a rate, never read as a total"
        case "total":
            return "a total of another flow, never read as this rate"
        case "units":
            return f"counts {words[0]}, not {words[1]}, and no declared relation converts them"
    return f"no declared relation to {words[0]}"


def not_in_scope(parts: Sequence[tuple[int, str, str]], label: str, as_of: str = "") -> str:
    """'Not in scope: 3 other figures on the subject, public by 31 October 2024, do not bear on
    shells sent: 2 on ... (why); 1 on ... (why).' `parts` are (how many, metric label, why) in
    the order to list; `as_of` the date they were public by, as the page's table says."""
    total = sum(n for n, _, _ in parts)
    listed = "; ".join(f"{number(n)} on {what} ({why})" for n, what, why in parts)
    public = f", public by {as_of}," if as_of else ""
    return (
        f"Not in scope: {plural(total, 'other figure')} on the subject{public} "
        f"{'does' if total == 1 else 'do'} not bear on {label}: {listed}."
    )


# --------------------------------------------------------------------------- documents


def carried_by(documents: int) -> str:
    """'carried by 19 documents': a line of evidence many documents repeat."""
    return f"carried by {plural(documents, 'document')}"


def echo_intro(echoes: int) -> str:
    return f"{plural(echoes, 'report')} {'repeats' if echoes == 1 else 'repeat'} this document:"


def source_heading(documents: int, others: int, party: bool, noun: str = "figure") -> str:
    """A source's heading in the sources list: the documents the engine counted for it, then
    those of its other figures, so the numbers add up to the documents listed."""
    text = plural(documents, "document")
    if others:
        text += f" carrying its deciding {noun}, {plural(others, 'other document')}"
    if party:
        text += "; a party to the conflict"
    return text


def more_documents(more: int, kind: str) -> str:
    if not more:
        return ""
    return (
        f"{plural(more, 'more document')} carrying this source's {kind} {be(more)} listed in "
        "the evidence files (sources.csv) and in verdict.json, published with this report."
    )


# --------------------------------------------------------------------------- ratings

BEFORE_CLAIM = "judged with evidence published before the claim was made"


def grade_span(grades: Sequence[str]) -> str:
    """'A to C': a run of Admiralty grades, as the engine's constants hold them."""
    return grades[0] if len(grades) == 1 else f"{grades[0]} to {grades[-1]}"


CREDIBLE = grade_span(CREDIBLE_RELIABILITY)  # "A to C"
NOT_CREDIBLE = grade_span([g for g in RELIABILITY if g not in CREDIBLE_RELIABILITY])  # "D to F"

# Each rating's meaning in one plain sentence for page 1 (the rule itself is in the methodology).
RATING_MEANINGS = {
    "true": "Accurate: at least two independent, reliable sources back it and none contradicts it.",
    "mostly-true": "Accurate as far as the evidence goes, but it rests on one reliable source.",
    "mixed": "Reliable sources disagree: some back the claim, others contradict it.",
    "mostly-false": "One reliable source contradicts the claim and none backs it.",
    "false": "At least two independent, reliable sources contradict it and none backs it.",
    "unproven": "No reliable source public by our date backs or contradicts it.",
}


def change_sentence(change, label_names: Mapping[str, str]) -> str:
    """'Without X, the rating would be Mixed.' / 'A second credible, independent source that
    supports the claim would make it True.'"""
    rating = label_names[change.label]
    if change.kind == "without":
        return f"Without {change.name}, the rating would be {rating}."
    article = "A second" if change.already == 1 else "A"
    return (
        f"{article} credible, independent source that {change.stance} the claim would make "
        f"it {rating}."
    )


NO_SINGLE_SOURCE = "No single source decides it: leaving any one out keeps the rating."


# --------------------------------------------------------------------------- flags

# One title per flag code: the reasoning trail's "Warnings:" and the page's warning list.
FLAG_TITLES: dict[str, str] = {
    "single-originator": "it rests on a single line of evidence",
    "echo-amplification": "many reports repeat one source",
    "terminology": "the sources count a wider total than the claim",
    "hedge-dropped": "the claim drops its source's hedge",
    "denominator": "a share depends on which total",
    "stale": "the deciding evidence is old",
    "originators-in-conflict": "credible sources disagree",
    "party-to-conflict": "a deciding source is a party to the conflict",
}


def flag_title(code: str) -> str:
    return FLAG_TITLES.get(code, code.replace("-", " "))


def count_words(metric: str) -> str:
    """A total a share is taken of, after its number, as declared: "initially deployed"."""
    info = METRICS.get(metric)
    return (info.count_words or info.label) if info else metric_words(metric)


def total_words(metric: str) -> str:
    """A total a share is taken of, as a noun phrase, as declared: "the first deployment"."""
    info = METRICS.get(metric)
    return (info.total_words or info.label) if info else metric_words(metric)


def share_caution(totals: Sequence[str]) -> str:
    """Why a share needs its total, naming the declared totals (narrowest first)."""
    which = f" of {totals[0]} than of {totals[-1]}" if len(totals) > 1 else " of a smaller total"
    return f"A share is only as good as its total: the same number is a larger share{which}."


def share_depends(shares: str) -> str:
    """The why-bullet of a share that depends on its total."""
    return f"As a share of the total, it depends on which total: {shares}."


def share_words(value: float, shares: Sequence[Mapping], by: bool = False) -> str:
    """'6,000 is 55% of the 11,000 initially deployed but 43% of the 14,000 sent in all';
    `by` adds who reported each total."""
    parts = []
    for s in shares:
        if s.get("share") is None:
            continue
        total = count_words(s["metric"])
        who = f" (according to {s['name']})" if by and s.get("name") else ""
        parts.append(f"{percent(s['share'])} of the {number(s['whole'])} {total}{who}")
    return f"{number(value)} is " + " but ".join(parts)


def flag_sentence(flag) -> str:
    """A flag's sentence, made from its fields (never parsed back)."""
    f = flag
    match f.code:
        case "single-originator":
            return f"The verdict rests on a single line of evidence: {f.names[0]}."
        case "echo-amplification":
            return (
                f"{number(f.echoes)} other documents repeat the figure from {f.names[0]}; with the "
                f"original they are one line of evidence, not {number(f.documents)}."
            )
        case "terminology":
            wider = listing(f.metrics, "")
            some = "some " if f.own_metric else ""
            end = (
                f"; the {f.metric} figures in scope do not settle the claim."
                if f.own_metric
                else "."
            )
            return (
                f"The claim says {f.metric}; {some}evidence in scope counts {wider}, which include "
                f"more than {f.metric} and cannot show how many were {f.metric}{end}"
            )
        case "hedge-dropped":
            return (
                f"{f.names[0]} said '{f.hedge}'; the claim states the figure without that "
                "qualifier."
            )
        case "denominator":
            return f"{share_words(f.value, f.shares)}: any share depends on which total."
        case "stale":
            return (
                f"The newest deciding evidence describes {longdate(f.date)}, "
                f"{plural(f.days, 'day')} before the date the claim describes."
            )
        case "originators-in-conflict":
            return "Credible originators disagree: some support the claim, others contradict it."
        case "party-to-conflict":
            verb = "is a party" if len(f.names) == 1 else "are parties"
            stake = "how it is told" if f.event else "the numbers"
            return f"{listing(f.names)} {verb} to the conflict, with a stake in {stake}."
    return flag_title(f.code)


# ---------------------------------------------------------------- publisher and reports index

TITLE_NOT_RECORDED = "title not recorded"
CLAIMANT_NOT_RECORDED = "not recorded"
NO_PUBLISHER_BRAND = "Fact check"


def masthead_line(publisher: str, published: dt.date | str | None) -> str:
    """Page 1's first line: 'Fact check by <publisher> · 30 June 2025', or without a publisher
    (none set) 'Fact check · 30 June 2025'; never a made-up name."""
    who = f"Fact check by {publisher}" if publisher else "Fact check"
    return f"{who} · {longdate(published)}"


INDEX_TITLE = "Fact checks"
INDEX_INTRO = (
    "Each claim is checked against sourced figures; the rating is derived by the same rules "
    "for every claim."
)
INDEX_SCALE_TITLE = "The rating scale"
INDEX_CLAIMANT = "Claimed by"
INDEX_WHY = "Why"
INDEX_NOT_PUBLISHED = "A claim not published yet."
# ClaimReview's datePublished is the as-of date: a check is published with the evidence to that day
INDEX_DATE = "Published"
INDEX_DATE_NOTE = "with the evidence public by that day"
RATING_ORDER = ("true", "mostly-true", "mixed", "mostly-false", "false", "unproven")


def index_date(as_of: str) -> str:
    """'Published 30 June 2025, with the evidence public by that day' from verdict.json's as_of."""
    try:
        day = dt.date.fromisoformat(as_of)
    except (TypeError, ValueError):
        return ""
    return f"{INDEX_DATE} {longdate(day)}, {INDEX_DATE_NOTE}"


def index_title(publisher: str) -> str:
    return f"{INDEX_TITLE} by {publisher}" if publisher else INDEX_TITLE


# ------------------------------------------- reasons as fields (engine2: issues 18 item 3, 19)
# A line of evidence's reason is data (reasoning.model.Reason: a code, a reading of the figure,
# notes); these functions make its sentence, and nothing reads the sentence back.


def asserted(
    comparator: str,
    value: float | None,
    value_high: float | None,
    label: str,
    percent: bool = False,
) -> str:
    """What a quantity claim asserts: 'more than 6,000 casualties', 'between 4,000 and 5,000 ...',
    'more than 50% share of ...'."""
    n = percent_number if percent else number
    if comparator == "between":
        return amount_of(f"between {n(value or 0)} and {n(value_high or 0)}", label)
    return amount_of(f"{COMPARATOR_WORDS[comparator]} {n(value or 0)}", label)


def reading_words(reading) -> str:
    """A figure as the engine read it: as stated, or the arithmetic that made it."""
    r = reading
    match r.code:
        case "sum":
            words = " and ".join(f"{stated(p)} {p.label}" for p in r.parts)
            return f"{words} in one statement, that is {stated(r.result)}"
        case "share-of-whole":
            whole, share = r.parts
            if r.high is None:
                extent = interval_words(r.low, math.inf, r.low_open, False)
            else:
                extent = f"{number(r.low)} to {number(r.high)}"
            return (
                f"{stated(whole)} {whole.label}, {stated(share)} of them {r.result.label}, in one "
                f"statement: {extent} times {percentage(r.share_low)} to "
                f"{percentage(math.inf if r.share_high is None else r.share_high)} is "
                f"{stated(r.result)}"
            )
        case "rate":
            source = r.of.result
            return rate_reading(
                reading_words(r.of), source.label, source, r.own_per, r.result, r.per
            )
        case "flow":
            source = r.of.result
            return flow_reading(
                reading_words(r.of),
                source.label,
                source,
                r.days,
                r.per_day,
                r.per,
                r.days_per,
                r.result,
            )
        case "share":
            part, whole = r.parts
            return (
                f"{stated(part)} {part.label} by {longdate(part.refers_to)}, of "
                f"{stated(whole)} {whole.label} by {longdate(whole.refers_to)} "
                f"({share_arithmetic(r)}), that is {stated(r.result)}"
            )
    return stated(r.result)


def share_arithmetic(reading) -> str:
    """A count divided by its whole: '4,000 of 8,000 is 50%', or with ranges '3,800 to 4,200 of
    8,000 is 47.5% to 52.5%'; a rate converted first says so ('a year')."""
    r = reading

    def extent(low: float, high: float | None) -> str:
        return f"at least {number(low)}" if high is None else span(low, high)

    def share(low: float, high: float | None) -> str:
        if high is None:
            return f"at least {percentage(low)}"
        return percentage(low) if low == high else f"{percentage(low)} to {percentage(high)}"

    each = f" {per(r.per)}" if r.per else ""
    return (
        f"{extent(r.low, r.high)}{each} of {extent(r.whole_low, r.whole_high)}{each} is "
        f"{share(r.share_low, r.share_high)}"
    )


def note_words(note) -> str:
    """Why a figure's values were read as they were (see reasoning.model.Note)."""
    n = note
    when = longdate(n.date)
    match n.code:
        case "part":
            return f"{n.label} are part of {n.of}, so this is a lower bound"
        case "whole":
            return f"{n.label} include more than {n.of}, so this is only an upper bound"
        case "bound":
            return f"{n.of} can never exceed the {n.label}, so this is an upper bound"
        case "capacity":
            return capacity_note(n.label, n.of)
        case "larger-since":
            larger = n.larger
            said = (
                f"it counts up to {when}, before the claim's date, and a larger figure had been "
                f"reported since ({stated(larger)} {larger.label} by {longdate(larger.refers_to)})"
            )
            if math.isfinite(n.top) and n.top > 0:
                said += f", so the largest total reported, at most {number(n.top)}, caps it instead"
            return said
        case "no-larger":
            return f"it counts up to {when}, before the claim's date; no larger total had been reported"
        case "growth":
            return (
                f"it counts up to {when}, {plural(n.days, 'day')} before the claim's date; counts "
                f"only grow, but at the fastest growth any credible source has shown "
                f"({number(n.per_day)} a day) it reaches at most {number(n.top)} by {longdate(n.end)}"
            )
        case "grows":
            return f"it counts up to {when}, before the claim's date, and counts only grow"
        case "later-open":
            return (
                f"it counts up to {when}, after the claim's date; an open-ended later count says "
                "nothing about the earlier one"
            )
        case "later-caps":
            return f"it counts up to {when}, after the claim's date, so it caps the earlier count"
        case "whole-period":
            return f"a running total up to {when} includes the whole period"
    return n.code.replace("-", " ")


def reason_sentence(reason) -> str:
    """An item's (or a line's) reason, made from its fields (never parsed back)."""
    r = reason
    if r.code.startswith("event-"):
        where = f"outside {longdate(r.start)} to {longdate(r.end)}"
        match r.code:
            case "event-within":
                return (
                    f"reported on {longdate(r.date)}, within {longdate(r.start)} to "
                    f"{longdate(r.end)}"
                )
            case "event-outside-repeatable":
                return (
                    f"reported as happening on {longdate(r.date)}, {where}; it can happen more "
                    "than once, so this says nothing about that period"
                )
        return f"reported as happening on {longdate(r.date)}, {where}, and it happens only once"
    claimed = r.claim
    what = asserted(
        claimed.comparator, claimed.value, claimed.value_high, claimed.label, claimed.percent
    )
    if r.code == "undated-total":
        source = r.reading.result
        return undated_total(reading_words(r.reading), source.label, r.date, claimed.label)
    said = f"{amount_of(reading_words(r.reading), r.reading.result.label)} by {longdate(r.date)}"
    notes = [note_words(n) for n in r.notes]
    why = f" ({'; '.join(notes)})" if notes else ""
    match r.code:
        case "total-before-end":
            return (
                f"{said} is a running total up to {longdate(r.date)}, before the claim's period "
                f"ends, so it cannot cap {what} for the whole period"
            )
        case "outside-period":
            return f"{said} describes {longdate(r.date)}, outside the claim's period"
        case "no-denominator":
            return (
                f"{said} is a count; with no sourced figure for the whole it is a share of, it "
                f"cannot show {what}"
            )
        case "lower-before-end":
            return f"{said} is lower, but was counted before the claim's period ended{why}"
        case "rules-out":
            return f"{said} rules out {what}{why}"
        case "within-tolerance":
            claimed_number = (percent_number if claimed.percent else number)(claimed.value)
            return f"{said} is within {round(r.tolerance * 100)}% of {claimed_number}{why}"
        case "outside-tolerance":
            return (
                f"{said} overlaps {what} but its stated number {number(r.point)} is outside it{why}"
            )
        case "implies":
            return f"{said} implies {what}{why}"
    return f"{said} neither shows nor rules out {what}{why}"


# The scope sentence's words for the share relations (kind_scope_parts lists them too).
KIND_SCOPE_WORDS["share-count"] = (
    "a count of the part, read as a share only with a sourced figure for the whole"
)
KIND_SCOPE_WORDS["share-whole"] = "the whole a share is of (a denominator, never judged alone)"


def growth_words(growth) -> str:
    """'143 a day (The X body: 1,000 widgets sent by 1 May 2025, then 2,000 by 8 May 2025)'."""
    e, later = growth.earlier, growth.later
    if later is None:
        counts = f"{stated(e)} {e.label} from {longdate(e.since)} to {longdate(e.refers_to)}"
    else:
        counts = (
            f"{stated(e)} {e.label} by {longdate(e.refers_to)}, then {stated(later)} by "
            f"{longdate(later.refers_to)}"
        )
    return f"{number(growth.per_day)} a day ({growth.name}: {counts})"


def revised_words(name: str, figure, revised_on: dt.date) -> str:
    """'The X body: about 4,000 widgets sent of 1 May 2025, revised on 3 June 2025'. No
    possessive: a name may end in a quotation mark or a bracket ("Unnamed 'officials' (Wire)")."""
    return (
        f"{name or 'its originator'}: {stated(figure)} {figure.label} of "
        f"{longdate(figure.refers_to)}, revised on {longdate(revised_on)}"
    )


# --------------------------------------------------------------------------- page: methodology,
# version, headings and figures that do not bear on a claim (task pagetruth, issues 18 and 19)

METHODOLOGY_CAPTIONS: dict[str, str] = {
    "rules": f"Rating rules, applied in this order to the credible sources (reliability {CREDIBLE})",
    "credibility": "Information credibility (Admiralty code, 1 to 6) as the engine assigns it",
    "probability": "Probability that the claim is true, as the engine assigns it",
    "warnings": "Warnings, and when the engine raises each (only for the sources that decide)",
    "reliability": "Source reliability (Admiralty code, A to F), graded per document",
    "yardstick": "Probability yardstick (UK Professional Head of Intelligence Analysis)",
    "limits": "What the engine cannot see:",
}
# The columns of each methodology table an analyst edits, and their titles on the page.
METHODOLOGY_HEADERS: dict[str, dict[str, str]] = {
    "rules": {"when": "When", "rating": "Rating", "score": "Score (5 best, 1 worst)"},
    "credibility": {"when": "When", "grade": "Grade", "meaning": "Published meaning"},
    "probability": {"when": "When", "probability": "Probability"},
    "warnings": {"warning": "Warning", "when": "Raised when"},
    "reliability": {"grade": "Grade", "meaning": "Published meaning"},
    "yardstick": {"phrase": "Phrase", "probability": "Probability"},
}


def methodology_this_claim(
    probability: str | None, yardstick: str, credibility: int, meaning: str
) -> str:
    """This claim's place on the scales, for the methodology."""
    if probability:
        return (
            f"For this claim the probability is “{probability}” ({yardstick} on the UK "
            f"yardstick) and the information credibility grade is {credibility} ({meaning})."
        )
    return (
        "For this claim no probability is given; the information credibility grade is "
        f"{credibility} ({meaning})."
    )


def warning_rules(stale_days: int, echoes: int, share_gap: float) -> list[tuple[str, str]]:
    """(flag code, when it is raised), from the engine's thresholds, in FLAG_TITLES' order."""
    when = {
        "single-originator": "only one credible line of evidence decides the rating",
        "echo-amplification": (
            f"{number(echoes)} or more documents found repeat a deciding source's figure"
        ),
        "terminology": (
            "the deciding sources count only a wider total than the claim's, not its own count"
        ),
        "hedge-dropped": "the claim states without a hedge what its supporting sources hedged",
        "denominator": (
            "the claim states a share, and its shares of the narrowest and the widest total "
            f"differ by {number(round(share_gap * 100))} percentage points or more"
        ),
        "stale": (
            "the newest deciding evidence describes a date more than "
            f"{plural(stale_days, 'day')} before the date the claim describes"
        ),
        "originators-in-conflict": "credible sources both support and contradict the claim",
        "party-to-conflict": "a source that decides the rating has a stake in the numbers",
    }
    return [(code, when[code]) for code in FLAG_TITLES if code in when]


def share_heading(part: str, wholes: Sequence[str]) -> str:
    """The share section's heading in the topic's own words, from data/metrics.csv: 'Casualties
    as a share of the first deployment and all troops sent' (`part` the claim's metric label,
    `wholes` the totals' words, narrowest first)."""
    return f"{part[:1].upper()}{part[1:]} as a share of {listing(wholes, 'a total')}"


def outside_caption(n: int, label: str, as_of: str) -> str:
    """The caption of the figures that do not bear on a claim: '16 other figures on the
    subject, public by 31 October 2024, do not bear on artillery shells sent: why each does not
    decide the claim'."""
    return (
        f"{plural(n, 'other figure')} on the subject, public by {as_of}, "
        f"{'does' if n == 1 else 'do'} not bear on {label}: why each does not decide the claim"
    )


def outside_more(n: int) -> str:
    """The figures past the table's cap."""
    return f"{plural(n, 'more figure')} that {'does' if n == 1 else 'do'} not bear on the claim {be(n)} in the evidence files (figures.csv)."


# ------------------------------------------- page 1 standfirst (issue 21 items 2, 5 and 6: front)

NAME_LIMIT = 80  # characters of a name on page 1; longer names end in an ellipsis
BULLET_LIMIT = 400  # characters of a why-bullet on page 1
CLAIM_LIMIT = 300  # characters of the claim on page 1; the whole claim follows on the next page
STANDFIRST_LIMIT = 480  # characters of the standfirst
WHY_BUDGET = 900  # characters of all why-bullets together on page 1
CLAIM_IN_FULL = "The claim in full"
CLAIM_CONTINUES = "the whole claim is quoted on the next page"
SCALE_KEY_LABEL = "The rating scale, from True to False, and Unproven"
PUBLISHED_ON = "published"


def clip(text: str, limit: int) -> str:
    """`text`, or its first words up to `limit` characters and an ellipsis (at a word boundary)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    # never end on a number: "more than 6…" would read as a figure of 6
    words = cut.split(" ")
    while len(words) > 1 and any(ch.isdigit() for ch in words[-1]):
        words.pop()
    return " ".join(words).rstrip(" ,;:.–-(") + "…"


def short_name(name: str) -> str:
    """What a body is called after its first mention: the acronym the data gives in brackets
    ('South Korea National Intelligence Service (NIS)' -> 'NIS'), else the name without its
    bracketed gloss ('UK Defence Intelligence (UK Ministry of Defence)' -> 'UK Defence
    Intelligence'); a name without brackets stays whole."""
    name = " ".join(name.split())
    if not name.endswith(")") or "(" not in name:
        return name
    head, gloss = name[:-1].rsplit("(", 1)
    head = head.strip()
    if gloss.isupper() and " " not in gloss and 1 < len(gloss) <= 8:
        return gloss
    return head or name


def parts_together(metric: str) -> str:
    """What a whole counts, from its declared parts: 'killed and wounded together' ('' if none)."""
    info = METRICS.get(metric)
    if not info or not info.parts:
        return ""
    return f"{listing(metric_words(p) for p in info.parts)} together"


def said_as(stated_words: Sequence[tuple[str, str]]) -> str:
    """'about 2,000 killed', 'more than 5,000 casualties and approximately a third killed
    (share of casualties)': a line's deciding figures in its own words."""
    return " and ".join(amount_of(words, metric_words(metric)) for words, metric in stated_words)


def first_date_then_published(when: dt.date | None, published: dt.date | None) -> str:
    """A table cell's date: the date the figure refers to, and the publication date beside it
    where it differs ('17 Dec 2024 (published 27 Dec 2024)')."""
    if when is None:
        return shortdate(published)
    if published is None or published == when:
        return shortdate(when)
    return f"{shortdate(when)} ({PUBLISHED_ON} {shortdate(published)})"


def turned_into(name: str, stated_words: str, wider: str, when: dt.date, claimed: str) -> str:
    """Item 6: the claim restates a figure of another measure (a whole, a part, a capacity) as
    its own: 'The claim turns a figure from X, more than 6,000 casualties (killed and wounded
    together) by 15 June 2025, into more than 6,000 killed.'"""
    together = parts_together(wider)
    gloss = f" ({together})" if together else ""
    return (
        f"The claim turns a figure from {name}, {stated_words} {metric_words(wider)}{gloss} by "
        f"{longdate(when)}, into {claimed}."
    )


def standfirst(
    label: str,
    claimed: str,
    backing: Sequence[tuple[str, str, dt.date | None, str | None, bool]],
    against: Sequence[tuple[str, str, dt.date | None]],
    nearest: tuple[str, str, dt.date | None] | None,
    as_of: dt.date,
    confirmed: bool,
    measure: str = "",
) -> str:
    """Page 1's one or two sentences: the right number beside the claimed one.

    `backing` are the deciding supporting lines as (name, said, date, hedge, claimant);
    `against` the deciding contradicting ones as (name, said, date); `nearest` the latest
    credible estimate that decides nothing; `said` is a line's figures in its own words
    ("more than 6,000 casualties") and the date the one they refer to. `measure` is the
    claim's metric: a whole is glossed by its parts on its first mention."""
    together = parts_together(measure)
    gloss = [f", {together},"] if together else []  # said once, on the first figure

    def said_on(said: str, when: dt.date | None) -> str:
        text = f"{said}{gloss.pop() if gloss else ''}"
        return f"{text} by {longdate(when)}" if when else text.rstrip(",")

    by = longdate(as_of)
    parts: list[str] = []
    if backing:
        name, said, when, hedge, claimant = backing[0]
        called = f" and called it {hedge}" if hedge else ""
        if claimant and not confirmed:
            parts.append(f"{name} estimated {said_on(said, when)}{called}")
            parts.append(f"no independent source had confirmed it by {by}")
        else:
            others = [b[0] for b in backing[1:]]
            verb_ = "says" if len(others) == 1 else "say"
            too = f", and {listing(others)} {verb_} so too" if others else ""
            parts.append(f"{name} put it at {said_on(said, when)}{called}{too}")
    if against:
        name, said, when = against[0]
        lead = "but " if backing else ""
        n = len(against) - 1
        more = f" (and {plural(n, 'other reliable source')})" if n else ""
        parts.append(f"{lead}{name} put it at {said_on(said, when)}{more}")
    if not backing and not against:
        parts.append(f"No reliable source had published a figure that settles {claimed} by {by}")
    if nearest and not against and (label == "unproven" or not confirmed):
        name, said, when = nearest
        parts.append(f"{name} counted {said_on(said, when)}, the latest other estimate")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


# --------------------------------------------------------------------------- charts (issue 21: names, timeline)
# Added by the charts task: every shortened name, and the deployment timeline's words.

ELLIPSIS = "…"
_TRAILING = " ,;:-–—/(&"
_DANGLING = {"of", "the", "and", "for", "to", "in", "on", "at", "with", "a", "an", "by", "or"}


def shorten(text: str, chars: int) -> str:
    """`text` in at most `chars` characters, cut at a word boundary and ended with "…".

    Never cuts inside a word unless the first word alone is longer than `chars`; a dangling
    "of", "the" or comma is dropped before the ellipsis ("South Korea Ministry…", not
    "South Korea Ministry of…"). Text that fits is returned unchanged.
    """
    text = " ".join(str(text).split())
    chars = max(2, int(chars))
    if len(text) <= chars:
        return text
    room = chars - len(ELLIPSIS)
    words = text[:room].split(" ")
    if len(words) > 1 or text[room] == " ":
        if text[room] != " ":
            words = words[:-1]  # the last word was cut: drop it
        while len(words) > 1 and (words[-1].lower() in _DANGLING or not words[-1].strip(_TRAILING)):
            words = words[:-1]
        return " ".join(words).rstrip(_TRAILING) + ELLIPSIS
    return text[: chars - len(ELLIPSIS)].rstrip(_TRAILING) + ELLIPSIS


def timeline_title(
    whole: str,
    first: tuple[str, dt.date] | None,
    last: tuple[str, dt.date] | None,
    claimed: str | None = None,
    share: float | None = None,
    present: str | None = None,
    contradicted: bool = False,
) -> str:
    """The timeline's finding: how the whole grew, and what the claim is against it.

    "Troops sent in all grew from about 1,500 (Oct 2024) to about 15,000 (Apr 2025); the claimed
    more than 6,000 casualties would be 40% of the about 15,000 present then".
    """
    if first is None or last is None:
        head = f"No counts of {whole} over time were published"
    elif first == last or first[1] == last[1]:
        head = f"The only count of {whole} over time: {last[0]} ({month(last[1])})"
    else:
        head = (
            f"{whole[:1].upper()}{whole[1:]}: {first[0]} by {month(first[1])}, "
            f"{last[0]} by {month(last[1])}"
        )
    if claimed and share is not None and present:
        verb = "would be" if not contradicted else "(a figure the evidence rules out) would be"
        return (
            f"{head}; the claimed {claimed} {verb} {percent(share)} of the {present} sent by then"
        )
    return head


def timeline_subtitle(whole: str, unit: str, losses: str | None) -> str:
    """What the timeline draws, in a line."""
    text = f"{whole[:1].upper()}{whole[1:]} ({unit}) by the date each count refers to, per source"
    if losses:
        text += f"; {losses} drawn against it"
    return text


# --------------------------------------------------------------------------- reader3 (names, shares)
# Added by the reader3 task: a long name cut outside its bracketed gloss, and a share stated as a
# fraction or a percent read as "half of ...", not "half share of ...".

# The nouns a share's label may open with ("share of X"): a stated amount takes their place.
SHARE_NOUNS = ("share", "proportion", "fraction", "percentage", "part")
# The words a stated share may end with that already say an amount of something ("half", "two
# thirds", "40%", "40 per cent").
FRACTION_WORDS = ("half", "halves", "whole", "percent", "per cent", "%") + tuple(
    f"{n}{s}"
    for n in ("third", "quarter", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
              "twentieth", "hundredth")
    for s in ("", "s")
)  # fmt: skip


def _is_fraction(words: str) -> bool:
    """Whether stated words end in a fraction word or a percent ('about half', '40%')."""
    lowered = words.lower()
    if lowered.endswith("%"):
        return True
    return any(lowered == w or lowered.endswith(" " + w) for w in FRACTION_WORDS)


def amount_of(words: str, label: str) -> str:
    """A stated amount and what it counts, as one phrase: 'about 4,000 people counted'; where
    the label is a share ('share of the lanterns lit') and the amount a fraction or a percent,
    the amount stands in for the share noun: 'half of the lanterns lit', 'about 40% of ...'."""
    words, label = " ".join(words.split()), " ".join(label.split())
    head, _, rest = label.partition(" ")
    if head.lower() in SHARE_NOUNS and rest.lower().startswith("of ") and _is_fraction(words):
        return f"{words} {rest}"
    return f"{words} {label}".strip()


def clip_name(name: str, limit: int) -> str:
    """A name in at most `limit` characters, never cut inside a bracketed gloss: the gloss is
    kept whole or dropped whole ('South Korea Defense Intelligence Agency (DIA, under the
    Ministry of National Defense)' -> 'South Korea Defense Intelligence Agency' when the whole
    does not fit), the name before it kept; a name too long even so is clipped (`clip`)."""
    name = " ".join(name.split())
    if len(name) <= limit:
        return name
    cut = clip(name, limit)
    kept = cut[:-1] if cut.endswith("…") else cut
    opened = kept.rfind("(")
    if opened < 0 or kept.rfind(")") > opened:
        return cut  # the cut falls outside every gloss
    before = name[:opened].rstrip(" ,;:–-")
    closed = name.find(")", opened)
    after = name[closed + 1 :].strip() if closed >= 0 else ""
    if len(before) > limit - 1:
        return clip(before, limit)
    if not after:
        return before  # the whole name, its gloss dropped: the name itself is not cut
    return before + "…"  # what followed the gloss is dropped too, and says so


def timeline_heading(whole: str) -> str:
    """The heading over the timeline in the appendix: 'Lanterns lit in all over time'."""
    whole = " ".join(whole.split()) or "the total"
    return f"{whole[:1].upper()}{whole[1:]} over time"
