"""Recurring thoughts: which automatic thoughts say the same thing in other words."""

from __future__ import annotations

import heapq
import importlib.util
import re
import sys
import types
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from math import fsum
from typing import Any

from thoughtlog.storage.report_figures import RecordIds, Written

#
# Two automatic thoughts "say the same thing" when, after normalising, they share most of their
# meaningful words. Normalising: lowercase, expand contractions, turn common phrasings into one
# concept ("speak up", "disagree", "push back" -> speakup; "manager" -> boss; "tell me off",
# "reprimand" -> punish), drop words that carry no content (I, will, going to, the), strip plain
# suffixes (punished -> punish), and merge misspellings. The similarity is a weighted Dice
# coefficient over the remaining words, where words naming the setting (boss, meeting, work,
# people) weigh half: "I'll look stupid" and "I'll look stupid in the meeting" are one thought,
# "my boss will think I'm difficult" and "my boss will think I'm lazy" are two, and so are two
# thoughts about different people ("my partner / my boss will be angry").

GROUP_AT = 0.75
_COMPARED = 20  # the latest members of a group a new thought is compared with

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_CONTRACTIONS = (
    (r"\bwon't\b", "will not"),
    (r"\bcan't\b", "can not"),
    (r"\bcannot\b", "can not"),
    (r"\bshan't\b", "shall not"),
    (r"n't\b", " not"),
    (r"'m\b", " am"),
    (r"'re\b", " are"),
    (r"'ll\b", " will"),
    (r"'ve\b", " have"),
    (r"'d\b", " would"),
    (r"'s\b", ""),
)
# Phrases that mean one thing, and hedges ("I think that...") that add nothing to the thought.
_PHRASES = (
    (r"\b(?:i|you) (?:think|guess|suppose|bet|know|feel like|just know)\b( that)?", " "),
    (r"\b(?:speak|speaking|spoke|spoken|stand|standing|stood) up\b( for myself)?", " speakup "),
    (r"\b(?:push|pushing|pushed) back\b", " speakup "),
    (r"\bsay(?:ing)? (?:what i think|no|my piece|something)\b", " speakup "),
    (r"\b(?:tell|tells|telling|told) (?:me )?off\b", " punish "),
    (r"\b(?:lose|losing|lost) (?:my|the|this) (?:job|position|place)\b", " fired "),
    (r"\b(?:see|sees|seeing|saw|think of|thinks of|look at|looks at) me as\b", " think "),
    (r"\bthink badly of\b", " think "),
    (r"\b(?:make|making|made) a fool of myself\b", " fool "),
    (r"\bgoing to\b|\bgonna\b", " will "),
)
_STOP_WORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing done down during each few for from
    further get gets getting got had has have having here how
    i if in into is it its itself let me more most my myself of off on once or other our ours
    ourselves out over own same so some such than that the their theirs them themselves then
    there these this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself am just really even still ever
    shall may might must maybe make makes made look looks looked seem seems seemed feel feels
    felt go goes went gone going come comes came become becomes became lot something thing
    things way like well also now here oh yes yeah ok okay totally completely definitely probably
""".split()
)
# Each line: the concept, then the words and forms that mean it in a thought.
_CONCEPTS = """
    boss: boss manager managers supervisor supervisors
    people: people everyone everybody they them others someone somebody anyone anybody colleague
        colleagues coworker coworkers team
    think: think thinks thought view views judge judges judged consider considers regard
    punish: punish punished punishment reprimand reprimanded scold scolded discipline disciplined
        criticise criticised criticize criticized shout shouted yell yelled
    speakup: speakup disagree disagreeing disagreed contradict contradicting contradicted object
        objecting challenge challenging
    fired: fired fire sacked sack dismissed
    fool: fool foolish stupid idiot dumb ridiculous
    coward: coward cowardly spineless gutless
    useless: useless worthless incompetent
    fail: fail fails failed failing failure
    angry: angry anger mad furious annoyed cross
    difficult: difficult difficulty awkward troublesome
    not: not no never
    she: she her hers herself
    he: he him his himself
    should: should must ought shouldnt mustnt
    partner: partner wife husband girlfriend boyfriend spouse
    parent: parent parents mother mum mom father dad
    quiet: quiet silent
    wrong: wrong mistake mistakes error errors
"""


def _concept_table(table: str) -> dict[str, str]:
    """Each word to its concept, from 'concept: word word ...' entries (which may wrap lines)."""
    entries = re.findall(r"(\w+):([^:]+?)(?=\s\w+:|\s*$)", table)
    return {word: concept for concept, words in entries for word in words.split()}


_CONCEPT_OF = _concept_table(_CONCEPTS)
_CONCEPT_NAMES = frozenset(_CONCEPT_OF.values())
# Words naming the setting rather than the thought: they count, but half as much.
_SETTING = frozenset(
    """
    boss people partner parent meet meeting work job office email call project report task deadline
    today tomorrow tonight week monday tuesday wednesday thursday friday saturday sunday again time
    she he
""".split()
)
# Who a thought is about. Two thoughts naming different people, or different pronouns, are about
# different people; "my boss" and "she" may be the same person, so those are not held apart.
_PEOPLE = (frozenset({"boss", "partner", "parent"}), frozenset({"she", "he"}))
_NEGATION = "not"


# snowballstemmer: the Snowball project's English (Porter2) stemmer in pure Python, small and well
# kept. It stems as the search index's porter tokenizer does, so "punished", "punishes" and
# "punishing" meet here as they do in search, without hand-written suffix rules.
def _english_stemmer() -> Any:
    """Snowball's English stemmer, loaded alone.

    The package's __init__ imports all of its 34 languages (about 17 ms, paid by every report);
    the English module needs only two helpers beside it. It is loaded from the package's own
    folder as a private package of ours, so the installed snowballstemmer is neither run nor
    shadowed; if its layout ever changes, the package's public stemmer() is used instead.
    """
    try:
        spec = importlib.util.find_spec("snowballstemmer")  # finds it without running it
        assert spec is not None and spec.submodule_search_locations
        name = "thoughtlog._snowball"
        package = types.ModuleType(name)
        package.__path__ = list(spec.submodule_search_locations)
        sys.modules[name] = package
        return importlib.import_module(f"{name}.english_stemmer").EnglishStemmer()
    except (ImportError, AssertionError, AttributeError):
        import snowballstemmer

        return snowballstemmer.stemmer("english")


_ENGLISH = _english_stemmer()
# Words in any script (letters only: a number names an instance, not what the thought says).
_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[a-z]+")


def _folded(text: str) -> str:
    """The text in one form for comparing: composed characters, no case, plain apostrophes."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)


# A journal's vocabulary is small, and a long span meets each word thousands of times.
@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    """The English stem of a word in Latin letters; words of other scripts stay as written."""
    return _ENGLISH.stemWord(word) if _LATIN.fullmatch(word) else word


# Setting words as the thoughts' words are compared: as their stems too ("deadline" -> "deadlin").
_SETTING = _SETTING | {_stem(word) for word in _SETTING}


def thought_words(text: str) -> list[str]:
    """The meaningful words of a thought, each as its concept or stem, in order, without repeats."""
    phrase = _folded(text)
    for pattern, replacement in _CONTRACTIONS:
        phrase = re.sub(pattern, replacement, phrase)
    for pattern, replacement in _PHRASES:
        phrase = re.sub(pattern, replacement, phrase)
    words: list[str] = []
    for word in _WORD.findall(phrase):
        stem = _stem(word)
        concept = _CONCEPT_OF.get(word) or _CONCEPT_OF.get(stem)
        if concept is None and (word in _STOP_WORDS or stem in _STOP_WORDS):
            continue
        concept = concept or stem
        if concept not in words:
            words.append(concept)
    if not words:  # a thought made only of small words ("I can't") is compared as written
        words = list(dict.fromkeys(_WORD.findall(phrase)))
    return words


def _merge_misspellings(
    bags: list[list[str]], weights: Sequence[int] | None = None
) -> list[frozenset[str]]:
    """Map each word to a more frequent word it is a likely misspelling or inflection of.

    weights: how many times each bag's thought was written (once each when not given).
    """
    # rapidfuzz: a well-kept C implementation of edit-distance similarity; it lets "dificult",
    # "difficulty" and "judged"/"judge" meet without a hand-written fuzzy matcher, and stays
    # instant when a long --since span holds thousands of words.
    from rapidfuzz import fuzz, process

    frequency: Counter[str] = Counter()
    for bag, weight in zip(bags, weights or [1] * len(bags)):
        for word in bag:
            frequency[word] += weight
    canonical: dict[str, str] = {}
    kept: list[str] = []
    for word, _ in sorted(frequency.items(), key=lambda item: (-item[1], item[0])):
        # Only words in Latin letters: in other scripts a near match may be a different word (or,
        # where words are not spaced, a whole sentence saying the opposite).
        if word in _CONCEPT_NAMES or len(word) < 4 or not _LATIN.fullmatch(word):
            canonical[word] = word
            if word in _CONCEPT_NAMES:
                kept.append(word)  # a misspelt "dificult" may still meet its concept
            continue
        # Same first letter: misspellings rarely change it, while "hate"/"late" differ only there.
        choices = [other for other in kept if other[0] == word[0]]
        match = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=85)
        canonical[word] = match[0] if match else word
        if not match:
            kept.append(word)
    return [frozenset(canonical[word] for word in bag) for bag in bags]


def _weight(word: str) -> float:
    return 0.5 if word in _SETTING else 1.0


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Weighted Dice: shared weight twice over the weight of both; 1.0 for the same words.

    A thought and its negation ("my boss will fire me" / "... will not fire me") say opposite
    things however many words they share, so they score nothing.
    """
    if (_NEGATION in a) != (_NEGATION in b):
        return 0.0
    total = sum(map(_weight, a)) + sum(map(_weight, b))
    score = 2 * sum(map(_weight, a & b)) / total if total else 0.0
    # "My partner will be angry" and "my boss will be angry" are about different people.
    if any(a & people and b & people and not a & b & people for people in _PEOPLE):
        score /= 2
    return score


def thought_similarity(a: str, b: str) -> float:
    """How alike two thoughts are in what they say, from 0 (nothing shared) to 1."""
    first, second = _merge_misspellings([thought_words(a), thought_words(b)])
    return _similarity(first, second)


def same_thought(a: str, b: str) -> bool:
    return thought_similarity(a, b) >= GROUP_AT


def group_thoughts(texts: Sequence[str], weights: Sequence[int] | None = None) -> list[list[int]]:
    """Indexes of the texts, grouped by what they say; groups in order of first appearance.

    weights: how many times each text was written, when the texts are distinct (once each when
    not given). Thoughts reduced to the same words are one thought and are placed once, so a
    long span costs what its different thoughts cost, not its records. Each joins the group it
    is most like on average (at least GROUP_AT), so one loose link can't chain unrelated thoughts
    together; only groups sharing a word that is not a setting word are compared, against their
    latest members.
    """
    bags = _merge_misspellings([thought_words(text) for text in texts], weights)
    same_words: dict[frozenset[str], list[int]] = {}
    for index, bag in enumerate(bags):
        same_words.setdefault(bag, []).append(index)
    kinds = list(same_words)  # each different bag once, in order of first appearance
    groups: list[list[int]] = []  # of kinds
    groups_with: dict[str, set[int]] = defaultdict(set)
    for kind, bag in enumerate(kinds):
        keys = (bag - _SETTING) or bag
        best, best_score = None, GROUP_AT
        for group in sorted(set().union(*(groups_with[word] for word in keys))):
            # The mean as statistics.fmean takes it (fsum over the count), without importing
            # statistics, which brings random, fractions and decimal: 4 ms of every report.
            scores = [_similarity(bag, kinds[member]) for member in groups[group][-_COMPARED:]]
            score = fsum(scores) / len(scores)
            if score >= best_score:
                best, best_score = group, score
                if score == 1.0:
                    break
        if best is None:
            best = len(groups)
            groups.append([])
        groups[best].append(kind)
        for word in keys:
            groups_with[word].add(best)
    return [sorted(i for kind in group for i in same_words[kinds[kind]]) for group in groups]


def _phrasing(text: str) -> str:
    return " ".join(re.findall(r"[\w']+", _folded(text)))


def representative(texts: Sequence[str], weights: Sequence[int] | None = None) -> str:
    """How a group is shown: its most repeated phrasing, else its most typical, else its latest.

    weights: how many times each text was written, the texts then given by their last use.
    """
    weights = weights or [1] * len(texts)
    bags = _merge_misspellings([thought_words(text) for text in texts], weights)
    phrasings = [_phrasing(text) for text in texts]
    repeats: Counter[str] = Counter()
    written: Counter[frozenset[str]] = Counter()
    for phrasing, bag, weight in zip(phrasings, bags, weights):
        repeats[phrasing] += weight
        written[bag] += weight
    most = max(repeats.values())
    # Only the most repeated phrasings compete, each different bag scored once against every
    # other, weighted by how often it was written: a long span's group stays quick to show.
    candidates = [i for i in range(len(texts)) if repeats[phrasings[i]] == most]
    typical = {
        bag: fsum(count * _similarity(bag, other) for other, count in written.items())
        for bag in {bags[i] for i in candidates}
    }
    best = max(candidates, key=lambda i: (typical[bags[i]], i))
    return " ".join(texts[best].split())


def _union(id_lists: list[RecordIds]) -> RecordIds:
    """The ids of a group's records, each once and in order (as each list is), without a set of
    them all: a thought written every week for ten years names thousands. The lists are emptied
    once merged, so a long span holds its ids once rather than twice."""
    if len(id_lists) == 1:
        return id_lists[0]
    merged = RecordIds(up_to=max((ids[-1] for ids in id_lists if ids), default=0))
    for record_id in heapq.merge(*id_lists):
        if not merged or merged[-1] != record_id:
            merged.append(record_id)
    for ids in id_lists:
        del ids[:]
    return merged


def recurring_thoughts(written: Sequence[Written]) -> list[dict[str, Any]]:
    """Groups of thoughts that came back: seen in at least two records across both spans.

    written: each distinct thought text of the span and the span before, in order of first
    appearance, with the records it came from, each in order. Those ids move into the groups:
    a text's own arrays are emptied once its group holds them.
    """
    rows = []
    for members in group_thoughts([w.text for w in written], [w.times for w in written]):
        group = [written[i] for i in members]
        record_ids = _union([w.record_ids for w in group])
        previous_count = len(_union([w.previous_ids for w in group]))
        if len(record_ids) + previous_count < 2:
            continue
        group.sort(key=lambda w: w.last)  # the latest last, to be shown when all else is equal
        rows.append(
            {
                "text": representative([w.text for w in group], [w.times for w in group]),
                "count": len(record_ids),
                "previous_count": previous_count,
                "record_ids": record_ids,
            }
        )
    return sorted(rows, key=lambda row: (-row["count"], -row["previous_count"], row["text"]))
