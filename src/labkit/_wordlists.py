"""Word lists behind the content rules in :mod:`labkit.rules` (data only, no logic).

Every list is per language code. Patterns are regular expressions matched case-insensitively on word boundaries
unless a comment says otherwise. They are kept short and specific: each entry is a form that was found in real
method texts or that the domain glossary names, not a general grammar of Swedish or English.
"""

from __future__ import annotations

__all__ = [
    "AIM_MARKERS",
    "CLAIM_WORDS",
    "COMPARATIVES",
    "COMPARATIVE_VERBS",
    "EVIDENCE_WORDS",
    "FOREIGN_GIVEAWAYS",
    "HISTORY_WORDS",
    "NOT_COMMANDS",
    "SOFTWARE_WORDS",
    "STATEMENT_STARTS",
    "STATEMENT_VERBS",
    "STATEMENT_WINDOW",
    "SUBORDINATORS",
    "WRONG_TERMS",
]

#: Finite verb forms that state an effect: "minskar", "improved", "leder till". An infinitive ("att minska",
#: "to reduce") states an aim and is not listed.
CLAIM_WORDS: dict[str, tuple[str, ...]] = {
    "sv": (
        r"minskar",
        r"minskade",
        r"minskat",
        r"minskas",
        r"minskades",
        r"ökar",
        r"ökade",
        r"ökat",
        r"ökas",
        r"ökades",
        r"förbättrar",
        r"förbättrade",
        r"förbättrat",
        r"förbättras",
        r"förbättrades",
        r"höjer",
        r"höjde",
        r"sänker",
        r"sänkte",
        r"stärker",
        r"stärkte",
        r"stärks",
        r"förebygger",
        r"förebyggde",
        r"motverkar",
        r"motverkade",
        r"bryter",
        r"bröt",
        r"växer",
        r"växte",
        r"lyfter",
        r"leder till",
        r"ledde till",
        r"lett till",
        r"bidrar till",
        r"bidrog till",
        r"resulterar i",
        r"resulterade i",
        r"ger effekt",
        r"har effekt",
    ),
    "en": (
        r"reduces",
        r"reduced",
        r"increases",
        r"increased",
        r"improves",
        r"improved",
        r"raises",
        r"raised",
        r"lowers",
        r"lowered",
        r"strengthens",
        r"strengthened",
        r"prevents",
        r"prevented",
        r"boosts",
        r"boosted",
        r"rose",
        r"fell",
        r"grows",
        r"grew",
        r"leads to",
        r"led to",
        r"results in",
        r"resulted in",
        r"contributes to",
        r"contributed to",
        r"has an effect",
        r"is effective",
    ),
}

#: Comparatives that turn "gives", "becomes", "makes" into an effect claim: "ger tryggare utemiljöer",
#: "blir området finare", "makes the area safer".
COMPARATIVES: dict[str, tuple[str, ...]] = {
    "sv": (
        "tryggare",
        "säkrare",
        "finare",
        "renare",
        "bättre",
        "fler",
        "färre",
        "högre",
        "lägre",
        "starkare",
        "större",
        "mindre",
        "snabbare",
        "ökad",
        "ökat",
        "ökade",
        "minskad",
        "minskat",
        "minskade",
    ),
    "en": (
        "safer",
        "better",
        "more",
        "fewer",
        "less",
        "higher",
        "lower",
        "stronger",
        "cleaner",
        "neater",
        "greater",
        "faster",
        "increased",
        "reduced",
    ),
}

#: Verbs that, followed within a few words by a comparative, make an effect claim.
COMPARATIVE_VERBS: dict[str, tuple[str, ...]] = {
    "sv": ("ger", "gav", "blir", "blev", "gör", "gjorde"),
    "en": ("gives", "gave", "becomes", "became", "makes", "made"),
}

#: Words that mark a sentence as an aim or an intention rather than a result.
AIM_MARKERS: dict[str, tuple[str, ...]] = {
    "sv": (
        r"^att\b",
        r"\bska\b",
        r"\bskall\b",
        r"\bsyftar\b",
        r"\bsyftet\b",
        r"\bmålet\b",
        r"\bvill\b",
        r"\bför att\b",
        r"\bså att\b",
        r"\bär tänkt\b",
    ),
    "en": (
        r"^to\b",
        r"\baims?\b",
        r"\bthe aim\b",
        r"\bthe goal\b",
        r"\bso that\b",
        r"\bin order to\b",
        r"\bis meant to\b",
        r"\bis intended to\b",
        r"\bshould\b",
        r"\bwants? to\b",
    ),
}

#: Words that call a method proven; the evidence scales reserve them for level 3 and above.
EVIDENCE_WORDS: dict[str, tuple[str, ...]] = {
    "sv": (r"evidensbaserad\w*", r"beprövad\w*", r"bevisat\w*", r"vetenskapligt belagd\w*"),
    "en": (r"evidence-based", r"evidence based", r"proven", r"scientifically shown"),
}

#: Terms that are wrong in Swedish (or English) practice, with what to write instead. A pattern may name a
#: condition in ``unless``: the term is accepted when the same text also matches it.
WRONG_TERMS: dict[str, tuple[tuple[str, str, str | None], ...]] = {
    "sv": (
        (
            r"tystnadsplikt\w*",
            "write 'tystnadslöfte': volunteers, residents and most staff of a housing company have no legal "
            "duty of confidentiality unless a law gives it (then name the law)",
            r"\b(?:lag|lagen|OSL|offentlighets- och sekretesslagen)\b",
        ),
        (r"första förband\w*", "write 'första hjälpen-väska' (a first-aid kit)", None),
        (r"bättre när", "write 'önskad riktning' (translation of 'better when')", None),
        (r"andra kontaktperson\w*", "write 'kontaktperson 2' (reads as 'other contact person')", None),
        (r"för få perioder för att säga", "write 'för få mätningar för att visa en riktning'", None),
        (r"pauspunkt\w*", "write 'kontrollpunkt', the glossary's term for a checklist's pause point", None),
        (r"trygghetspromenad\w*", "write 'trygghetsvandring', the glossary's term", None),
        (
            r"(?<!tidigare )(?<!\()SABO\b",
            "write 'Sveriges Allmännytta' (the trade body was called SABO before)",
            None,
        ),
        (r"signerad av", "write 'namnförtydligande' or 'underskrift'", None),
        (r"medföljande forskare", "write 'följeforskare', the glossary's term", None),
        (r"läxläsning\w*", "write 'läxhjälp', the glossary's term", None),
    ),
    "en": (
        (r"check ?points?", "write 'pause point', the glossary's term for a checklist's moment", None),
        (r"security walks?", "write 'safety walk', the glossary's term", None),
        (r"employment (?:agency|office)\b", "write 'Public Employment Service' (Arbetsförmedlingen)", None),
        (r"national agency of education", "write 'National Agency for Education' (Skolverket)", None),
        (r"accompanying researcher", "write 'embedded researcher', the glossary's term", None),
        (r"first bandage", "write 'first-aid kit'", None),
    ),
}

#: Texts that let the software speak or show its internals to the reader of a handout, in every language:
#: the program's name and ids in brackets ("(supervisor-checklist)"). Proper names (an owner) are exempt.
SOFTWARE_WORDS: tuple[tuple[str, str], ...] = (
    (
        r"(?i)\blabkit\b",
        "the text is handed out by a housing company; do not name or speak for the software in it",
    ),
    (r"\([a-z0-9]+(?:-[a-z0-9]+)+\)", "an internal id in brackets; name the document or role by its title"),
)

#: Words that make a version-history entry read as a note about the software or the text's proofreading instead of
#: what changed in the method for the people using it ("The software no longer speaks in the text", "English
#: words in the Swedish text are removed"). Only history entries are checked: "programmet" is a mentoring
#: programme elsewhere.
HISTORY_WORDS: dict[str, tuple[str, ...]] = {
    "sv": (r"programmet", r"programvaran", r"mjukvaran", r"verktyget", r"engelska ord", r"engelska ordet"),
    "en": (r"the software", r"the program", r"the tool", r"English words?", r"Swedish text"),
}

#: Words of the other language that give a text away as untranslated or mixed (matched as whole words, case
#: sensitive, so proper names in capitals are not caught). Keyed by the language of the text they must not
#: appear in.
FOREIGN_GIVEAWAYS: dict[str, tuple[str, ...]] = {
    "sv": ("the", "and", "of", "with", "for", "from", "is", "are", "broken windows"),
    "en": ("och", "att", "för", "med", "som", "inte", "eller", "på", "är", "och/eller"),
}

#: First words that show a checklist item is not a command: articles, pronouns, question words and the
#: finite verbs of a statement ("Jag har ...", "We have ...").
NOT_COMMANDS: dict[str, frozenset[str]] = {
    "sv": frozenset(
        {
            "en",
            "ett",
            "den",
            "det",
            "de",
            "alla",
            "att",
            "om",
            "vem",
            "vad",
            "när",
            "hur",
            "varför",
            "är",
            "har",
            "ingen",
            "inga",
            "vi",
            "du",
            "ni",
            "jag",
            "min",
            "mitt",
            "mina",
            "vår",
            "vårt",
            "våra",
            "man",
            "samtliga",
            "varje",
        }
    ),
    "en": frozenset(
        {
            "a",
            "an",
            "the",
            "all",
            "to",
            "if",
            "who",
            "what",
            "when",
            "how",
            "why",
            "is",
            "are",
            "has",
            "have",
            "no",
            "we",
            "you",
            "our",
            "i",
            "my",
            "their",
            "its",
            "there",
            "every",
            "each",
        }
    ),
}

#: First words of a statement in the first person or addressed to the reader ("Jag har ...", "We are ..."),
#: refused in every tick list, also where answer options and criteria are allowed.
STATEMENT_STARTS: dict[str, frozenset[str]] = {
    "sv": frozenset({"jag", "vi", "du", "ni", "man", "min", "mitt", "mina", "vår", "vårt", "våra"}),
    "en": frozenset({"i", "we", "you", "my", "our"}),
}

#: Finite verbs that make a checklist item a statement when they come before any subordinate clause:
#: "Telefonen är laddad" is a statement, "Kontrollera att telefonen är laddad" is a command.
STATEMENT_VERBS: dict[str, frozenset[str]] = {
    "sv": frozenset({"är", "har", "finns", "blev", "fick", "hade"}),
    "en": frozenset({"is", "are", "has", "have", "was", "were", "had"}),
}

#: How many words into an item a statement verb is looked for. English relative clauses often drop "that"
#: ("Count the activities the partner has taken part in"), so there only the opening words are read.
STATEMENT_WINDOW: dict[str, int] = {"sv": 99, "en": 3}

#: Words that open a subordinate clause, after which a finite verb no longer makes the item a statement.
SUBORDINATORS: dict[str, frozenset[str]] = {
    "sv": frozenset(
        {
            "att",
            "om",
            "så",
            "när",
            "vilka",
            "vilken",
            "vilket",
            "var",
            "hur",
            "som",
            "vad",
            "tills",
            "innan",
            "eftersom",
            "ifall",
            "vem",
            "vars",
            "där",
            "dit",
            "medan",
            "då",
            "sedan",
        }
    ),
    "en": frozenset(
        {
            "that",
            "whether",
            "if",
            "what",
            "which",
            "who",
            "how",
            "when",
            "where",
            "so",
            "sure",
            "until",
            "before",
            "because",
            "whom",
            "whose",
            "while",
            "once",
            "after",
        }
    ),
}
