"""The generated classifier sets: first-token's label lives in its first three words only, and the
reviews are balanced, readable, the same for a seed, and need word order (a bag of words is not enough)."""
from __future__ import annotations

import collections
import re

import numpy as np
import pytest

from rnnviz.engine.classify_data import tokenize
from rnnviz.engine.classify_generated import (
    CUE_LENGTH, CUE_WORDS, MAX_FIRST_TOKEN_WORDS, MAX_REVIEWS, REVIEW_WORDS, _EN_SHORT_ADJECTIVES, _EN_VERDICTS,
    generate_first_token, generate_reviews,
)
from rnnviz.engine.classify_reviews_ko import _KO_VERDICTS
from rnnviz.engine.textfile import CorpusError

N = 5000


@pytest.fixture(scope="module")
def reviews():
    return {language: generate_reviews(N, 42, language) for language in ("en", "ko")}


# --- first-token -----------------------------------------------------------------------------

def test_first_token_label_is_decided_by_the_first_three_words():
    pairs = generate_first_token(2000, 20, seed=1)
    words = [text.split() for text, _ in pairs]
    labels = np.array([y for _, y in pairs])
    assert all(len(w) == 20 for w in words) and labels.sum() == 1000
    cue = [all(word in CUE_WORDS[1] for word in w[:CUE_LENGTH]) for w in words]
    anti = [all(word in CUE_WORDS[0] for word in w[:CUE_LENGTH]) for w in words]
    assert np.array_equal(cue, labels == 1) and np.array_equal(anti, labels == 0)   # a perfect rule


def test_first_token_words_after_the_cue_say_nothing_about_the_label():
    pairs = generate_first_token(2000, 20, seed=2)
    vocabulary = CUE_WORDS[0] + CUE_WORDS[1]
    counts = np.zeros((2, len(vocabulary)))
    for text, y in pairs:
        for word in text.split()[CUE_LENGTH:]:
            counts[y, vocabulary.index(word)] += 1
    # Each class has 1000 * 17 later words, 1/20 of them each word: counts ~ 850 +- 28.
    # A difference between the classes beyond 5 standard errors would be a dependence.
    expected = counts.sum(axis=1, keepdims=True) / len(vocabulary)
    assert np.abs(counts - expected).max() < 5 * np.sqrt(expected[0, 0] * (1 - 1 / len(vocabulary)))
    assert np.abs(counts[0] - counts[1]).max() < 5 * np.sqrt(2 * expected[0, 0])


def test_first_token_refuses_a_length_shorter_than_its_cue():
    with pytest.raises(CorpusError, match="max_len"):
        generate_first_token(10, 2, seed=0)


# --- reviews ---------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["en", "ko"])
def test_reviews_are_the_same_for_a_seed_and_balanced(reviews, language):
    assert generate_reviews(N, 42, language) == reviews[language]
    assert generate_reviews(300, 43, language) != generate_reviews(300, 42, language)
    labels = np.array([y for _, y in reviews[language]])
    assert abs(labels.mean() - 0.5) < 0.05
    assert abs(labels[:1000].mean() - 0.5) < 0.05                   # shuffled, not sorted by label


@pytest.mark.parametrize("language", ["en", "ko"])
def test_reviews_have_the_promised_length_and_no_doubled_spaces(reviews, language):
    least, most = REVIEW_WORDS[language]
    lengths = [len(text.split()) for text, _ in reviews[language]]
    assert least <= min(lengths) and max(lengths) <= most
    assert all("  " not in text and text == text.strip() and text[-1] in ".!" for text, _ in reviews[language])


def test_english_vocabulary_is_a_few_hundred_words(reviews):
    # Enough that a 100-word vocabulary loses useful words and a 1,000-word one keeps them all.
    words = collections.Counter(w for text, _ in reviews["en"] for w in tokenize(text, "word"))
    assert 250 <= len(words) <= 400
    assert all(text[0].isupper() and not re.search(r"\bi\b", text) for text, _ in reviews["en"])


def test_korean_vocabulary_and_hangul(reviews):
    words = {w for text, _ in reviews["ko"] for w in tokenize(text, "word")}
    assert 200 <= len(words) <= 1000
    assert "연기가" in words and "연기는" in words and "지루하지" in words


@pytest.mark.parametrize("language, negations", [
    ("en", {"not", "never", "wasn't", "weren't", "didn't"}),
    ("ko", {"안", "못", "않았다", "않았지만", "별로"}),
])
def test_negation_appears_in_both_labels(reviews, language, negations):
    negated = [y for text, y in reviews[language] if negations & set(tokenize(text, "word"))]
    assert len(negated) > 0.2 * N
    assert 0.3 < np.mean(negated) < 0.7             # negation is no cue for either label alone


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_bag_of_words_cannot_tell_some_reviews_apart(reviews, language):
    # The same words with different labels: only their order (which clause the contrast puts
    # last) decides, so no bag-of-words classifier can be perfect on these reviews.
    bags = collections.defaultdict(set)
    for text, y in reviews[language][:3000]:
        bags[tuple(sorted(tokenize(text, "word")))].add(y)
    assert sum(len(labels) == 2 for labels in bags.values()) >= 1


def test_labels_agree_with_what_the_reviews_say(reviews):
    # Verdicts and telegraphic contrasts can be read back: their polarity must be the label.
    verdicts = {f"{v}.": good for good in (0, 1) for v in _EN_VERDICTS[good]}
    verdicts.update({v: good for good in (0, 1) for v in _KO_VERDICTS[good]})
    short = re.compile(r"(?:^|\. )\w+ \w+, but (\w+) \w+\.$")
    adjectives = {a: good for good in (0, 1) for a in _EN_SHORT_ADJECTIVES[good].items}
    checked = 0
    for text, y in reviews["en"] + reviews["ko"]:
        ending = next((v for v in verdicts if text.endswith(" " + v) or text == v), None)
        if ending:
            assert verdicts[ending] == y, text
            checked += 1
        if match := short.search(text):
            assert adjectives[match.group(1).lower()] == y, text
            checked += 1
    assert checked > 0.3 * N


def test_bad_arguments_are_corpus_errors():
    with pytest.raises(CorpusError):
        generate_reviews(1, 0)
    with pytest.raises(CorpusError, match="lower n"):
        generate_reviews(MAX_REVIEWS + 1, 0)
    with pytest.raises(CorpusError, match="lower n"):       # before allocating n * T ids
        generate_first_token(MAX_FIRST_TOKEN_WORDS // 100 + 1, 100, 0)
    with pytest.raises(CorpusError, match="'fr'"):
        generate_reviews(10, 0, "fr")
