"""Quality rules for content: checklists, translations, claims, sources, wording and plain language.

- **Checklists** follow the "checklist for checklists" (Gawande, Boorman) and the WHO surgical safety checklist:
  a declared type, pause points of five to nine items (or a stated reason for fewer), items that are commands
  short enough to read aloud, a statement of what the checklist is based on, read-do only for roles that are not
  residents or volunteers, and one checklist per role and moment.
- **Translations**: every human-facing text is given in every language.
- **Claims follow evidence**: below evidence level 3 (a comparison group) the summary and purpose of a method
  state what it does and aims for, never an effect, and nothing is called evidence-based; results with their
  figures go into ``evidence.observed``, each naming its source.
- **Sources are checkable**: a web address or a reference, no home page cited under an article's title, no
  encyclopaedia as the basis of a result.
- **Wording**: the glossary's terms, no known mistranslations, no words of the other language.
- **Plain language**: a LIX readability score per text; a guide's running text in Swedish at most 45, a form
  for residents at most 40.

Each rule returns findings as :class:`~labkit.errors.Problem` objects whose ``path`` points into the file, so
``labkit check`` can give the line; the ``*_problems`` functions return the same findings as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

import attrs

from ._wordlists import (
    AIM_MARKERS,
    CLAIM_WORDS,
    COMPARATIVE_VERBS,
    COMPARATIVES,
    EVIDENCE_WORDS,
    FOREIGN_GIVEAWAYS,
    HISTORY_WORDS,
    NOT_COMMANDS,
    SOFTWARE_WORDS,
    STATEMENT_STARTS,
    STATEMENT_VERBS,
    STATEMENT_WINDOW,
    SUBORDINATORS,
    WRONG_TERMS,
)
from .errors import Problem, format_path
from .model import ActorKind, ChecklistKind, Form, Method, Role, Source
from .text import LocalizedText, counting, localize

__all__ = [
    "CLAIMS_FROM_LEVEL",
    "MAX_FORM_LIX",
    "MAX_GUIDE_LIX",
    "MAX_ITEMS_PER_PAUSE_POINT",
    "MAX_ITEM_LENGTH",
    "MIN_ITEMS_PER_PAUSE_POINT",
    "checklist_findings",
    "checklist_problems",
    "claim_findings",
    "claim_problems",
    "describe",
    "form_findings",
    "history_findings",
    "lix",
    "method_findings",
    "readability",
    "source_findings",
    "source_problems",
    "translation_findings",
    "translation_gaps",
    "wording_findings",
    "wording_problems",
]

MIN_ITEMS_PER_PAUSE_POINT = 5
MAX_ITEMS_PER_PAUSE_POINT = 9
MAX_ITEM_LENGTH = 120
#: The evidence level from which a method may claim effects (level 3: a comparison group).
CLAIMS_FROM_LEVEL = 3
#: The highest LIX for the running text of a method guide in Swedish.
MAX_GUIDE_LIX = 45.0
#: The highest LIX for a form that residents fill in or read, in Swedish.
MAX_FORM_LIX = 40.0
#: Languages that LIX limits apply to (LIX was made for Swedish; other languages get a score only).
LIX_LIMITED = ("sv",)

Path = tuple[str | int, ...]
Langs = Iterable[str]


def _finding(path: Path, message: str) -> Problem:
    return Problem(message, path=path)


def describe(prefix: str, findings: Iterable[Problem]) -> list[str]:
    """*findings* as text lines ``prefix: path: message`` (for reports that have no file and line)."""
    return [
        f"{prefix}: {format_path(p.path)}: {p.message}" if p.path else f"{prefix}: {p.message}"
        for p in findings
    ]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?:;])\s+|\n+", text) if s.strip()]


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", text)


# ---------------------------------------------------------------------------------------------------------------
# Checklists
# ---------------------------------------------------------------------------------------------------------------


def _item_problem(text: str, lang: str, *, checklist: bool = True) -> str | None:
    """Why *text* is not a good checklist item in *lang*, or None.

    A checklist item is a command. A tick list in a form may also hold answer options or criteria ("All
    residents", "Same profession"), so there (*checklist* False) only statements are refused.
    """
    words = [w.lower() for w in _words(text)]
    if not text:
        return "is empty"
    first = words[0] if words else ""
    refused = NOT_COMMANDS if checklist else STATEMENT_STARTS
    if (checklist and text[0].isdigit()) or first in refused.get(lang, frozenset()):
        return f"should be a command that starts with a verb: {text[:60]!r}"
    if text.endswith("?"):
        return f"is a question; write it as a command: {text[:60]!r}"
    for word in words[1 : STATEMENT_WINDOW.get(lang, 99)]:
        if word in SUBORDINATORS.get(lang, frozenset()):
            break
        if word in STATEMENT_VERBS.get(lang, frozenset()):
            return (
                f'is a statement; write it as a command ("Kontrollera att …", "Check that …"): {text[:60]!r}'
            )
    if checklist and text.endswith("."):
        return f"ends with a full stop; checklist items are written without one: {text[:60]!r}"
    if len(text) > MAX_ITEM_LENGTH:
        return f"is {len(text)} characters; keep items under {MAX_ITEM_LENGTH} so they can be read aloud"
    return None


def _items_findings(
    items: Iterable[LocalizedText], path: Path, langs: tuple[str, ...], *, checklist: bool = True
) -> Iterator[Problem]:
    for i, item in enumerate(items):
        for lang in langs:
            problem = _item_problem(localize(item, lang).text.strip(), lang, checklist=checklist)
            if problem:
                yield _finding((*path, i), f"({lang}) {problem}")


def _moment(name: LocalizedText) -> str:
    return re.sub(r"^\W*\d+\W*", "", localize(name, "sv").text).strip().casefold()


def checklist_findings(method: Method, langs: Langs = ("sv", "en")) -> list[Problem]:
    """Findings on *method*'s checklists under the checklist rules (empty list: all good)."""
    langs = tuple(langs)
    roles = {r.id: r for r in method.roles}
    out: list[Problem] = []
    moments: dict[tuple[str, str], str] = {}
    for c, checklist in enumerate(method.checklists):
        where: Path = ("checklists", c)
        if checklist.based_on is None:
            out.append(
                _finding(where, f"checklist {checklist.id!r} does not say what it is based on (based_on)")
            )
        if checklist.revised is not None and checklist.revised > method.revised:
            out.append(
                _finding(
                    (*where, "revised"),
                    f"the checklist is revised {checklist.revised}, after the method ({method.revised})",
                )
            )
        owner = roles.get(checklist.owner)
        if checklist.kind is ChecklistKind.READ_DO and owner is not None and _works_from_memory(owner):
            out.append(
                _finding(
                    (*where, "kind"),
                    f"checklist {checklist.id!r} is read-do for {checklist.owner!r}, who are residents or "
                    "volunteers; they work from memory, so use do-confirm",
                )
            )
        for p, point in enumerate(checklist.pause_points):
            here: Path = (*where, "pause_points", p)
            out += _pause_point_findings(point, here, langs)
            key = (checklist.owner, _moment(point.name))
            if key in moments and moments[key] != checklist.id:
                out.append(
                    _finding(
                        (*here, "name"),
                        f"{checklist.owner!r} already has a checklist for this moment in {moments[key]!r}; "
                        "keep one checklist per moment",
                    )
                )
            moments.setdefault(key, checklist.id)
    return out


def _works_from_memory(role: Role) -> bool:
    return bool(role.actor is ActorKind.RESIDENTS or role.volunteer)


def _pause_point_findings(point: Any, here: Path, langs: tuple[str, ...]) -> list[Problem]:
    out: list[Problem] = []
    count = len(point.items)
    if count > MAX_ITEMS_PER_PAUSE_POINT:
        out.append(
            _finding(
                (*here, "items"),
                f"has {counting(count, 'item')}; keep it to {MAX_ITEMS_PER_PAUSE_POINT} or fewer",
            )
        )
    if count < MIN_ITEMS_PER_PAUSE_POINT and point.fewer_items_because is None:
        out.append(
            _finding(
                (*here, "items"),
                f"has {counting(count, 'item')}; give {MIN_ITEMS_PER_PAUSE_POINT} to {MAX_ITEMS_PER_PAUSE_POINT}, "
                "or say why fewer are enough (fewer_items_because)",
            )
        )
    if count >= MIN_ITEMS_PER_PAUSE_POINT and point.fewer_items_because is not None:
        out.append(
            _finding((*here, "fewer_items_because"), f"gives a reason for fewer items but has {count}")
        )
    out += _items_findings(point.items, (*here, "items"), langs)
    return out


def checklist_problems(method: Method, langs: Langs = ("sv", "en")) -> list[str]:
    """:func:`checklist_findings` as text, each line starting with the method's id."""
    return describe(method.id, checklist_findings(method, langs))


# ---------------------------------------------------------------------------------------------------------------
# Translations
# ---------------------------------------------------------------------------------------------------------------


def _is_localized_type(annotation: Any) -> bool:
    # Annotations are strings until attrs/cattrs resolve them; after that LocalizedText reads str | Mapping[str, str].
    text = str(annotation)
    return "LocalizedText" in text or "Mapping[str, str]" in text


def translation_findings(obj: Any, langs: Langs = ("sv", "en"), *, strict: bool = True) -> list[Problem]:
    """Texts in *obj* (a model object) that are given in some languages but not in all of *langs*.

    With *strict*, a human-facing text given as one plain string (not per language) is a gap too, except in
    fields that hold a proper name (an organisation's name is the same in every language).
    """
    wanted = set(langs)
    out: list[Problem] = []
    for path, value, proper_name in _localized_texts(obj):
        if isinstance(value, str):
            if strict and not proper_name:
                out.append(_finding(path, f"one text for all languages; give {', '.join(sorted(wanted))}"))
            continue
        missing = sorted(wanted - set(value))
        if missing:
            out.append(_finding(path, f"missing {', '.join(missing)}"))
    return out


def translation_gaps(obj: Any, langs: Langs = ("sv", "en"), *, strict: bool = True) -> list[str]:
    """Paths of texts in *obj* (a model object) that are given in some languages but not in all of *langs*,
    each followed by what is missing (see :func:`translation_findings`)."""
    return [f"{format_path(p.path)}: {p.message}" for p in translation_findings(obj, langs, strict=strict)]


def _localized_texts(obj: Any) -> Iterator[tuple[Path, LocalizedText, bool]]:
    """Every human-facing text in *obj*, with its path and whether the field holds a proper name."""

    def walk(
        value: Any, path: Path, localized: bool, proper: bool
    ) -> Iterator[tuple[Path, LocalizedText, bool]]:
        if isinstance(value, str):
            if localized:
                yield path, value, proper
        elif attrs.has(type(value)):
            for a in attrs.fields(type(value)):
                named = bool(a.metadata.get("proper_name"))
                yield from walk(getattr(value, a.name), (*path, a.name), _is_localized_type(a.type), named)
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                yield from walk(item, (*path, index), localized, proper)
        elif isinstance(value, dict):
            if (
                value
                and all(isinstance(v, str) for v in value.values())
                and all(isinstance(k, str) and len(k) <= 6 for k in value)
            ):
                yield path, value, proper
            else:
                for key, item in value.items():
                    yield from walk(item, (*path, key), False, False)

    yield from walk(obj, (), False, False)


# ---------------------------------------------------------------------------------------------------------------
# Claims follow evidence
# ---------------------------------------------------------------------------------------------------------------


def _any(patterns: Iterable[str]) -> re.Pattern[str]:
    """One pattern for any of *patterns* as whole words; one that never matches when there are none."""
    joined = "|".join(patterns)
    return re.compile(r"\b(?:" + joined + r")\b" if joined else r"(?!)", re.IGNORECASE)


def _claim_in(sentence: str, lang: str) -> str | None:
    """The effect claim in *sentence*, if it makes one that is not an aim."""
    if any(re.search(marker, sentence, re.IGNORECASE) for marker in AIM_MARKERS.get(lang, ())):
        return None
    found = _any(CLAIM_WORDS.get(lang, ())).search(sentence)
    if found:
        return found.group(0)
    verbs = "|".join(COMPARATIVE_VERBS.get(lang, ()))
    comparatives = "|".join(COMPARATIVES.get(lang, ()))
    if verbs and comparatives:
        pattern = rf"\b(?:{verbs})\b(?:\W+\w+){{0,4}}?\W+(?:{comparatives})\b"
        found = re.search(pattern, sentence, re.IGNORECASE)
        if found:
            return found.group(0)
    return None


#: Result figures that belong in ``evidence.observed``: percentages and "n of m".
_FIGURE = re.compile(
    r"\d+(?:[,.]\d+)?\s?(?:%|procent\b(?!\s+av\s+heltid)|per ?cent\b(?!\s+of\s+full)|procentenheter)"
    r"|\b\d+\s+(?:av|of)\s+\d+\b",
    re.IGNORECASE,
)


def claim_findings(method: Method, langs: Langs = ("sv", "en")) -> list[Problem]:
    """Effect claims, "evidence-based" and result figures where *method*'s evidence level does not carry them."""
    out: list[Problem] = []
    below = method.evidence.level < CLAIMS_FROM_LEVEL
    for field in ("summary", "purpose"):
        for lang in langs:
            text = localize(getattr(method, field), lang).text
            for sentence in _sentences(text):
                claim = _claim_in(sentence, lang) if below else None
                if claim:
                    out.append(
                        _finding(
                            (field,),
                            f"({lang}) claims an effect ({claim!r}) at evidence level {method.evidence.level}; "
                            "say what the method does or aims for, and put results with their source in "
                            "evidence.observed",
                        )
                    )
    for field in ("name", "summary", "purpose", "when_to_use"):
        for lang in langs:
            text = localize(getattr(method, field), lang).text
            proven = _any(EVIDENCE_WORDS.get(lang, ())).search(text) if below else None
            if proven:
                out.append(
                    _finding(
                        (field,),
                        f"({lang}) calls the method {proven.group(0)!r} at evidence level {method.evidence.level}; "
                        f"that takes level {CLAIMS_FROM_LEVEL} or higher",
                    )
                )
    out += _figure_findings(method, langs)
    return out


def _figure_findings(method: Method, langs: tuple[str, ...] | Langs) -> list[Problem]:
    out: list[Problem] = []
    fields: list[tuple[Path, LocalizedText]] = [
        (("summary",), method.summary),
        (("purpose",), method.purpose),
        (("when_to_use",), method.when_to_use),
        (("evidence", "summary"), method.evidence.summary),
    ]
    for path, value in fields:
        for lang in langs:
            figure = _FIGURE.search(localize(value, lang).text)
            if figure:
                out.append(
                    _finding(
                        path,
                        f"({lang}) gives the figure {figure.group(0)!r} without its source; put results in "
                        "evidence.observed, each with the source that reports it",
                    )
                )
    return out


def claim_problems(method: Method, langs: Langs = ("sv", "en")) -> list[str]:
    """:func:`claim_findings` as text, each line starting with the method's id."""
    return describe(method.id, claim_findings(method, langs))


# ---------------------------------------------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------------------------------------------


def _plain(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold().translate(str.maketrans("åäöéü", "aaoeu")))


def _names_the_site(title: str, source: Source, host: str | None) -> bool:
    """A home page may be cited under the site's own name: the publisher, or the name in its address."""
    plain = _plain(title)
    return plain == _plain(source.publisher) or (bool(plain) and plain in _plain(host or ""))


def source_findings(method: Method) -> list[Problem]:
    """Sources that cannot be checked: no address, a home page under an article's title, an encyclopaedia as the
    basis of a result."""
    out: list[Problem] = []
    for s, source in enumerate(method.sources):
        where: Path = ("sources", s)
        if source.url is None and source.reference is None:
            out.append(_finding(where, f"source {source.id!r} has neither a url nor a reference"))
        if source.url is not None:
            parts = urlsplit(source.url)
            if (
                parts.path.strip("/") == ""
                and not parts.query
                and not _names_the_site(source.title, source, parts.hostname)
            ):
                out.append(
                    _finding(
                        (*where, "url"),
                        f"source {source.id!r} cites the home page {source.url} under the title {source.title!r}; "
                        "give the address of the page itself, or the site's own name as the title",
                    )
                )
    encyclopaedias = {
        s.id
        for s in method.sources
        if s.url and urlsplit(s.url).hostname and str(urlsplit(s.url).hostname).endswith("wikipedia.org")
    }
    for o, observation in enumerate(method.evidence.observed):
        if observation.source in encyclopaedias:
            out.append(
                _finding(
                    ("evidence", "observed", o, "source"),
                    "a result rests on an encyclopaedia; cite the organisation that reports it, or leave it out",
                )
            )
    return out


def source_problems(method: Method) -> list[str]:
    """:func:`source_findings` as text, each line starting with the method's id."""
    return describe(method.id, source_findings(method))


# ---------------------------------------------------------------------------------------------------------------
# Wording
# ---------------------------------------------------------------------------------------------------------------


def _wording_in(text: str, lang: str) -> list[str]:
    out: list[str] = []
    for pattern, advice, unless in WRONG_TERMS.get(lang, ()):
        found = re.search(rf"\b{pattern}", text, re.IGNORECASE)
        if found and not (unless and re.search(unless, text, re.IGNORECASE)):
            out.append(f"({lang}) {found.group(0)!r}: {advice}")
    for word in FOREIGN_GIVEAWAYS.get(lang, ()):
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
            out.append(f"({lang}) {word!r} is a word of another language; translate it")
            break
    return out


def wording_findings(obj: Any, langs: Langs = ("sv", "en")) -> list[Problem]:
    """Wrong terms and words of the other language in every human-facing text of *obj* (a model object)."""
    langs = tuple(langs)
    out: list[Problem] = []
    for path, value, proper in _localized_texts(obj):
        texts = {"": value} if isinstance(value, str) else dict(value)
        for lang, text in texts.items():
            label = f"({lang}) " if lang else ""
            for pattern, advice in () if proper else SOFTWARE_WORDS:
                if re.search(pattern, text):
                    out.append(_finding(path, f"{label}{advice}"))
            if lang in langs:
                out += [_finding(path, message) for message in _wording_in(text, lang)]
    return out


def history_findings(method: Method, langs: Langs = ("sv", "en")) -> list[Problem]:
    """Version-history entries tell the guide's readers what changed in the method, not in the software or text.

    (Software words such as "labkit" are caught everywhere by :func:`wording_findings`.)
    """
    langs = tuple(langs)
    out: list[Problem] = []
    for index, note in enumerate(method.history):
        texts = dict.fromkeys(langs, note.changes) if isinstance(note.changes, str) else note.changes
        for lang, text in texts.items():
            found = _any(HISTORY_WORDS.get(lang, ())).search(text)
            if found:
                out.append(
                    _finding(
                        ("history", index, "changes"),
                        f"({lang}) {found.group(0)!r}: the guide prints this to its readers; say what changed in "
                        "the method for the people who use it, not in the software or the wording",
                    )
                )
    return out


def wording_problems(obj: Any, langs: Langs = ("sv", "en")) -> list[str]:
    """:func:`wording_findings` as text, each line starting with the object's id."""
    return describe(str(getattr(obj, "id", type(obj).__name__)), wording_findings(obj, langs))


# ---------------------------------------------------------------------------------------------------------------
# Plain language
# ---------------------------------------------------------------------------------------------------------------


def lix(texts: str | Iterable[str]) -> float:
    """The LIX readability score of *texts*: words per sentence plus the percentage of words over six letters.

    Each text ends a sentence, whether or not it ends with a full stop, so list items and table cells count as
    the short sentences they are. Below 30 is very easy, 40 is ordinary newspaper text, above 50 is difficult.

    >>> lix("Vi går ut. Vi ser oss om.")
    3.5
    """
    if isinstance(texts, str):
        texts = [texts]
    words = long = sentences = 0
    for text in texts:
        found = _words(text)
        if not found:
            continue
        words += len(found)
        long += sum(1 for w in found if len(w) > 6)
        sentences += max(1, len(_sentences(text)))
    if not words:
        return 0.0
    return round(words / sentences + 100 * long / words, 1)


def _guide_texts(method: Method) -> list[tuple[str, LocalizedText]]:
    """The running text of a method guide, field by field."""
    out: list[tuple[str, LocalizedText]] = [
        ("summary", method.summary),
        ("purpose", method.purpose),
        ("when_to_use", method.when_to_use),
    ]
    out += [(f"roles.{r.id}", r.responsibility) for r in method.roles]
    out += [(f"steps.{s.id}", s.description) for s in method.steps]
    res = method.resources
    out += [
        ("resources.staff", res.staff),
        ("resources.premises", res.premises),
        ("resources.time_span", res.time_span),
    ]
    if res.budget.note is not None:
        out.append(("resources.budget.note", res.budget.note))
    out += [(f"prerequisites[{i}]", t) for i, t in enumerate(method.prerequisites)]
    out += [(f"success_factors[{i}]", t) for i, t in enumerate(method.success_factors)]
    out += [(f"pitfalls[{i}]", t) for i, t in enumerate(method.pitfalls)]
    out.append(("evidence.summary", method.evidence.summary))
    out += [(f"evidence.observed[{i}]", o.text) for i, o in enumerate(method.evidence.observed)]
    return out


def _form_texts(form: Form) -> list[tuple[str, LocalizedText]]:
    out: list[tuple[str, LocalizedText]] = [("title", form.title)]
    if form.intro is not None:
        out.append(("intro", form.intro))
    out += [(f"fields[{i}]", t) for i, t in enumerate(form.fields)]
    for s, section in enumerate(form.sections):
        out.append((f"sections[{s}].heading", section.heading))
        texts = (*section.paragraphs, *section.items, *section.fields)
        out += [(f"sections[{s}]", t) for t in texts]
        if section.table is not None:
            out += [(f"sections[{s}].table", t) for t in section.table.columns]
            out += [
                (f"sections[{s}].table", t)
                for row in section.table.rows
                for t in row
                if _words(localize(t, "sv").text)
            ]
    return out


def readability(obj: Method | Form, langs: Langs = ("sv", "en")) -> dict[str, dict[str, Any]]:
    """LIX per language for a method guide's running text (or a form), with the score of each field.

    ``{"sv": {"lix": 41.2, "words": 2310, "fields": {"summary": 44.0, ...}}, "en": {...}}``
    """
    pieces = _guide_texts(obj) if isinstance(obj, Method) else _form_texts(obj)
    out: dict[str, dict[str, Any]] = {}
    for lang in langs:
        texts = [(name, localize(value, lang).text) for name, value in pieces]
        fields: dict[str, list[str]] = {}
        for name, text in texts:
            fields.setdefault(name, []).append(text)
        out[lang] = {
            "lix": lix(text for _, text in texts),
            "words": sum(len(_words(text)) for _, text in texts),
            "fields": {name: lix(parts) for name, parts in fields.items()},
        }
    return out


def _readability_findings(
    obj: Method | Form, limit: float, what: str, langs: tuple[str, ...]
) -> list[Problem]:
    out: list[Problem] = []
    scores = readability(obj, [lang for lang in langs if lang in LIX_LIMITED])
    for lang, score in scores.items():
        if score["lix"] > limit:
            worst = sorted(score["fields"].items(), key=lambda kv: -kv[1])[:3]
            listed = ", ".join(f"{name} {value}" for name, value in worst)
            out.append(
                _finding(
                    (),
                    f"({lang}) {what} has LIX {score['lix']}; aim for {limit:g} or lower (hardest: {listed})",
                )
            )
    return out


# ---------------------------------------------------------------------------------------------------------------
# Everything for one file
# ---------------------------------------------------------------------------------------------------------------


def method_findings(method: Method, langs: Langs = ("sv", "en")) -> list[Problem]:
    """Every content rule for *method*: checklists, translations, claims, sources, wording, plain language."""
    langs = tuple(langs)
    return [
        *checklist_findings(method, langs),
        *translation_findings(method, langs),
        *claim_findings(method, langs),
        *source_findings(method),
        *_owner_findings(method),
        *wording_findings(method, langs),
        *history_findings(method, langs),
        *_readability_findings(method, MAX_GUIDE_LIX, "the guide's running text", langs),
    ]


def _owner_findings(method: Method) -> list[Problem]:
    """Owners and authors are printed to lay readers: no software words such as "labkit contributors"."""
    out: list[Problem] = []
    named: list[tuple[Path, LocalizedText]] = [(("owner", "name"), method.owner.name)]
    named += [(("authors", i, "name"), a.name) for i, a in enumerate(method.authors)]
    for path, name in named:
        texts = [name] if isinstance(name, str) else list(name.values())
        if any(
            re.search(r"\b(?:contributors?|maintainers?|developers?)\b", text, re.IGNORECASE)
            for text in texts
        ):
            out.append(
                _finding(
                    path,
                    f"{texts[0]!r} is printed to lay readers as owner or author; name the organisation so that a "
                    "reader understands who it is, per language if it is a description",
                )
            )
    return out


def form_findings(form: Form, method: Method | None = None, langs: Langs = ("sv", "en")) -> list[Problem]:
    """Every content rule for *form*; with its *method*, also that no tick list repeats one of its checklists."""
    langs = tuple(langs)
    out = translation_findings(form, langs)
    moments = {_moment(p.name): c.id for c in (method.checklists if method else ()) for p in c.pause_points}
    for s, section in enumerate(form.sections):
        if not section.checkboxes or not section.items:
            continue
        here: Path = ("sections", s)
        if _moment(section.heading) in moments:
            out.append(
                _finding(
                    (*here, "heading"),
                    f"repeats the moment of the checklist {moments[_moment(section.heading)]!r}; keep one "
                    "checklist per moment and point to it",
                )
            )
        out += _items_findings(section.items, (*here, "items"), langs, checklist=False)
    out += wording_findings(form, langs)
    if ActorKind.RESIDENTS in form.audience:
        out += _readability_findings(form, MAX_FORM_LIX, "the form for residents", langs)
    return out
