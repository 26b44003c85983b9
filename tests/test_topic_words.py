"""A topic is data: no metric id, unit word or topic noun in src/ outside comments and docstrings.

The words come from the data (every metric id and unit declared in data/metrics.csv) and from
the two topics' nouns. Python code (names and string literals, f-strings included) and the
templates' text are scanned; comments and docstrings may explain with examples.
"""

from __future__ import annotations

import builtins
import io
import re
import token
import tokenize
from pathlib import Path

from factcheck.vocabulary import read_vocabulary

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "factcheck"
NOUNS = (
    "troops",
    "casualties",
    "deployed",
    "Kursk",
    "North Korea",
    "North Korean",
    "shells",
    "dprk",
)
GENERIC_UNITS = {"percent"}  # a unit every topic may use


def topic_words(units: bool = True) -> set[str]:
    """Nouns and metric ids; with `units`, every declared unit word too (for strings: a name
    such as get_shell_msg is a kernel's shell channel, not a unit)."""
    vocabulary = read_vocabulary(ROOT / "data" / "metrics.csv")
    words = {w.lower() for w in NOUNS}
    for metric, info in vocabulary.metrics.items():
        words.add(metric.lower())
        if units:
            words.update(w.lower() for w in (info.unit, info.units))
    # a generic unit, or one that is also a Python builtin ("round"), is not topic-specific
    return {w for w in words if w not in GENERIC_UNITS and not hasattr(builtins, w)}


def _pattern(words: set[str]) -> re.Pattern[str]:
    alternatives = sorted(
        (re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True
    )
    return re.compile(r"(?<!\w)(" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _code_strings(path: Path) -> list[tuple[int, str, str]]:
    """(line, kind, text) for every name and non-docstring string literal in a module."""
    found = []
    tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline))
    previous = token.NEWLINE
    for i, tok in enumerate(tokens):
        if tok.type in (tokenize.COMMENT, tokenize.NL):
            continue
        if tok.type == token.STRING:
            following = next(
                (t.type for t in tokens[i + 1 :] if t.type not in (tokenize.COMMENT, tokenize.NL)),
                token.NEWLINE,
            )
            docstring = previous in (token.NEWLINE, token.INDENT, token.DEDENT) and following in (
                token.NEWLINE,
                token.ENDMARKER,
            )
            if not docstring:
                found.append((tok.start[0], "string", tok.string))
        elif tok.type == token.NAME and not hasattr(builtins, tok.string):
            found.append((tok.start[0], "name", tok.string.replace("_", " ")))
        previous = tok.type
    return found


def test_no_topic_word_in_the_code():
    pattern, names = _pattern(topic_words()), _pattern(topic_words(units=False))
    hits = []
    for path in sorted(SRC.rglob("*.py")):
        for line, kind, text in _code_strings(path):
            for match in (pattern if kind == "string" else names).finditer(text):
                hits.append(f"{path.relative_to(ROOT)}:{line}: {kind} {match.group(0)!r}")
    for path in sorted((SRC / "templates").rglob("*")):
        if path.is_file():
            text = re.sub(r"\{#.*?#\}|<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
            for match in pattern.finditer(text):
                line = text[: match.start()].count("\n") + 1
                hits.append(f"{path.relative_to(ROOT)}:{line}: template {match.group(0)!r}")
    assert hits == [], "topic words in src/ (declare them in data/ instead):\n" + "\n".join(hits)


def test_the_scan_finds_a_planted_word(tmp_path):
    planted = tmp_path / "m.py"
    planted.write_text(
        '"""Docstrings may say troops."""\n# so may comments: shells\nx = "casualties"\n'
    )
    found = [t for _, _, t in _code_strings(planted) if _pattern(topic_words()).search(t)]
    assert found == ['"casualties"']
