"""Recurring thoughts: which automatic thoughts say the same thing in other words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thoughtlog import recurring
from thoughtlog.recurring import group_thoughts, representative, same_thought, thought_similarity

SAME = [
    ("my boss will think I'm difficult", "the boss is going to see me as difficult"),
    ("My boss will think I'm difficult", "My manager thinks I'm being difficult"),
    ("My boss will think I'm difficult", "my manager will think I'm too dificult to work with"),
    (
        "If I disagree in the meeting my boss will reprimand me",
        "If I speak up, my manager will tell me off",
    ),
    ("If I disagree in the meeting my boss will reprimand me", "I'll be punished for disagreeing"),
    ("If I push back I'll get reprimanded", "I'll be punished if I speak up"),
    ("I'm a coward", "What a spineless coward I am"),
    ("I'll look stupid", "I'll look stupid in the meeting"),
    ("I'll make a fool of myself", "I'm going to look like an idiot"),
    ("They'll laugh at me", "Everyone will laugh at me"),
    ("I should never upset anyone", "I mustn\u2019t upset anybody"),
    ("I'm going to lose my job", "They'll fire me"),
    ("They were only being polite", "They only agreed to be polite"),
    ("I CAN'T DO THIS", "I can't do this!"),
]

DIFFERENT = [
    ("my boss will think I'm difficult", "I'll never finish this project"),
    ("my boss will think I'm difficult", "my boss will think I'm lazy"),
    ("My boss will think I'm difficult", "My boss will reprimand me"),
    ("My partner will be angry if I say no", "My boss will be angry if I say no"),
    ("I will fail", "I won't fail"),
    ("I'm going to be fired", "I'm going to be promoted"),
    ("They'll laugh at me", "They'll be angry with me"),
    ("I'm useless at my job", "I'm useless at cooking"),
    ("I should never upset anyone", "Nobody likes me"),
    # A thought and its negation say opposite things.
    ("my boss will fire me", "my boss will not fire me"),
    ("I can't", "I can"),
    ("I can't do this", "I can do this"),
    ("They'll laugh at me", "They won't laugh at me"),
    ("I'll never get it right", "I'll get it right"),
    # Different people.
    ("she hates me", "he hates me"),
    ("She'll be angry with me", "He'll be angry with me"),
    ("I let her down again", "I let him down again"),
    ("She hates me", "Everyone hates me"),
]

# Any script: a thought repeated word for word recurs, whatever its letters.
REPEATED = [
    "Мой начальник меня уволит",
    "Ο προϊστάμενός μου θα με απολύσει",
    "سيطردني مديري من العمل",
    "上司にクビにされる",
    "मेरा बॉस मुझे निकाल देगा",
    "Mon patron va me licencier",
]


@pytest.mark.parametrize(("first", "second"), SAME)
def test_thoughts_that_say_the_same_thing_group(first, second):
    assert same_thought(first, second)
    assert group_thoughts([first, second]) == [[0, 1]]


@pytest.mark.parametrize(("first", "second"), DIFFERENT)
def test_thoughts_that_say_different_things_stay_apart(first, second):
    assert not same_thought(first, second)
    assert group_thoughts([first, second]) == [[0], [1]]


@pytest.mark.parametrize("thought", REPEATED)
def test_a_thought_in_any_script_repeated_word_for_word_recurs(thought):
    assert group_thoughts([thought, "I'll be late", thought.upper(), f"{thought}!"]) == [
        [0, 2, 3],
        [1],
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("あの人は私を嫌っている", "あの人は私を嫌っていない"),  # hates me / doesn't hate me
        ("Мой начальник меня уволит", "Моя мама меня ненавидит"),
    ],
)
def test_near_thoughts_in_other_scripts_are_not_taken_for_misspellings(first, second):
    assert group_thoughts([first, second]) == [[0], [1]]


def test_the_same_letters_composed_or_not_are_the_same_thought():
    assert same_thought("Je suis nul au caf\u00e9", "je suis nul au cafe\u0301")


def test_similarity_is_symmetric_and_one_for_the_same_words():
    a, b = "my boss will think I'm difficult", "If I speak up, my manager will tell me off"
    assert thought_similarity(a, b) == thought_similarity(b, a)
    assert thought_similarity(a, a) == 1.0


def test_a_journal_of_thoughts_falls_into_groups():
    thoughts = [
        "My boss will think I'm difficult",  # 0
        "If I disagree my boss will reprimand me",  # 1
        "I'm a coward",  # 2
        "The boss is going to see me as difficult",  # 3
        "If I speak up, my manager will tell me off",  # 4
        "I'll never finish this project",  # 5
        "What a coward I am",  # 6
        "My manager will think I'm being difficult",  # 7
    ]
    assert group_thoughts(thoughts) == [[0, 3, 7], [1, 4], [2, 6], [5]]


def test_one_loose_link_does_not_chain_different_thoughts():
    thoughts = [
        "My boss will think I'm difficult",
        "My boss will think I'm difficult and lazy",
        "My boss will think I'm lazy",
    ]
    groups = group_thoughts(thoughts)
    assert not any(0 in group and 2 in group for group in groups)


def test_a_group_is_shown_by_its_most_repeated_phrasing():
    assert (
        representative(
            [
                "The boss is going to see me as difficult",
                "My boss will think I'm difficult",
                "my boss will think I'm difficult.",
                "My manager will think I'm being difficult",
            ]
        )
        == "my boss will think I'm difficult."
    )


def test_without_repeats_the_most_typical_phrasing_is_shown():
    assert (
        representative(
            [
                "My boss will think I'm difficult",
                "My boss will think I'm difficult at work",
                "My boss will think I'm difficult to work with in meetings",
            ]
        )
        == "My boss will think I'm difficult at work"
    )


def test_a_long_span_groups_each_phrasing_once():
    phrasings = [
        "My boss will think I'm difficult",
        "If I speak up I'll be told off",
        "I'm a coward",
        "I'll never finish project {n}",
        "Meeting {n} will go badly",
        "I'm useless at task {n}",
    ]
    thoughts = [phrasings[n % len(phrasings)].format(n=n) for n in range(3000)]
    groups = group_thoughts(thoughts)
    assert [len(group) for group in groups[:3]] == [500, 500, 500]


@given(st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=1, max_size=20))
def test_the_english_stemmer_loaded_alone_stems_as_the_package_does(word):
    """The report loads Snowball's English stemmer without the package's 34 other languages;
    it must stem exactly as snowballstemmer.stemmer("english") does."""
    import snowballstemmer

    assert recurring._ENGLISH.stemWord(word) == snowballstemmer.stemmer("english").stemWord(word)


def test_grouping_loads_no_stemmer_but_the_english_one():
    import subprocess
    import sys

    code = (
        "import sys; from thoughtlog.recurring import group_thoughts;"
        "print(sorted(m for m in sys.modules if 'stemmer' in m))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "french_stemmer" not in loaded.stdout and "english_stemmer" in loaded.stdout
