"""Two labelled sets rnnviz writes itself, so a classifier can train with nothing downloaded.

``first-token`` is a memory test: the label is decided by the first three tokens of a sequence
and every later token is noise. The loss is taken at the last step, so its gradient has to travel
back through all ``T`` steps to reach the cue: truncated backpropagation (or a plain RNN whose
gradient vanishes) fails where full BPTT or an LSTM succeeds.

``reviews`` and ``reviews-ko`` are short movie reviews from a small seeded grammar, in English and
Korean. Sentiment words decide the label, but negation flips a clause ("was not boring") and in a
contrast the clause after "but" / "하지만" wins ("the acting was great, but the plot was dull"),
so the same bag of words can carry either label: a sequence model can learn what a bag of words
cannot. Aspects and sentiment words are drawn with Zipf-like weights (a few common, a long tail)
as in real reviews, and neutral sentences (who watched it with whom, what the story is about)
carry much of the vocabulary without saying anything about the label.

Every table of sentiment words is a pair ``(negative, positive)``, indexed by the label.
"""
from __future__ import annotations

from bisect import bisect
from itertools import accumulate

import numpy as np

from rnnviz.engine.textfile import CorpusError
from rnnviz.engine.texts import translate

# The two halves of first-token's vocabulary: made-up syllables, so no word hints at a meaning.
CUE_WORDS = (("bi", "da", "fo", "gu", "ha", "je", "ko", "ly", "wo", "xu"),     # negative cue
             ("ka", "lo", "mi", "nu", "pe", "ri", "sa", "tu", "vo", "ze"))     # positive cue
CUE_LENGTH = 3
REVIEW_WORDS = {"en": (5, 30), "ko": (3, 24)}   # fewest and most words (Korean: eojeol) of a review
# What a generated set may hold: loading costs ~100 bytes a word, and the (M, T) rows 8 bytes a step.
MAX_FIRST_TOKEN_WORDS = 20_000_000
MAX_REVIEWS = 1_000_000


def _check_count(n: int, most: int) -> None:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise CorpusError(translate("classify_data", "the number of examples must be an integer of at least 2, "
                                    "got {value}").format(value=repr(n)))
    if n > most:
        raise CorpusError(translate("classify_data", "at most {most} examples can be generated here, got {count}; "
                                    "lower n").format(most=f"{most:,}", count=f"{n:,}"))


def _balanced_labels(rng: np.random.Generator, n: int) -> np.ndarray:
    """Half 0, half 1 (the odd one out positive), in random order."""
    return rng.permutation(np.arange(n) >= n // 2).astype(np.int64)


def generate_first_token(n: int, T: int, seed: int) -> list[tuple[str, int]]:
    """``n`` sequences of ``T`` made-up words whose label only the first three decide.

    A positive sequence (label 1) starts with three words of the positive half of
    :data:`CUE_WORDS`, a negative one with three of the negative half; every later word is drawn
    uniformly from all 20, so it says nothing about the label. Labels are balanced.

    Returns
    -------
    list of (text, label)
        ``("ri ka tu gu lo ...", 1)``: ``T`` words joined by spaces.
    """
    if isinstance(T, bool) or not isinstance(T, (int, np.integer)) or T < CUE_LENGTH:
        raise CorpusError(translate("classify_data", "first-token needs max_len of at least {least} (its cue is "
                                    "the first {least} words), got {value}").format(least=CUE_LENGTH, value=repr(T)))
    _check_count(n, MAX_FIRST_TOKEN_WORDS // T)
    rng = np.random.default_rng(seed)
    labels = _balanced_labels(rng, n)
    half = len(CUE_WORDS[0])
    words = np.array(CUE_WORDS[0] + CUE_WORDS[1])
    ids = rng.integers(0, 2 * half, size=(n, T))                                    # (n, T)
    # Negative cue words are ids 0..9, positive ones 10..19.
    ids[:, :CUE_LENGTH] = rng.integers(0, half, size=(n, CUE_LENGTH)) + half * labels[:, None]
    return [(" ".join(row), y) for row, y in zip(words[ids].tolist(), labels.tolist())]


def generate_reviews(n: int, seed: int, language: str = "en") -> list[tuple[str, int]]:
    """``n`` short movie reviews with balanced labels (1 positive, 0 negative), the same for a seed.

    Parameters
    ----------
    n : int
    seed : int
    language : {"en", "ko"}

    Returns
    -------
    list of (text, label)
        ``("I watched it with my sister. The acting was great, but the plot was boring.", 0)``;
        5 to 30 words each in English, 3 to 24 eojeol (space-separated words) in Korean.
    """
    _check_count(n, MAX_REVIEWS)
    if language not in REVIEW_WORDS:
        raise CorpusError(translate("classify_data", "reviews come in 'en' or 'ko', got {value}")
                          .format(value=repr(language)))
    from .classify_reviews_ko import korean_parts     # the Korean grammar builds on this module's draws
    draw = _Draw(seed)
    labels = _balanced_labels(draw.rng, n)
    parts = _english_parts if language == "en" else korean_parts
    least, most = REVIEW_WORDS[language]
    return [(_assemble(*parts(draw, good, least), most), good) for good in labels.tolist()]


def _assemble(neutral: list[str], core: list[str], verdict: str, most: int) -> str:
    """A review: neutral sentences, the core, the verdict ("" for none); while it is longer than
    ``most`` words the neutral sentences go first, then the verdict."""
    while neutral and _words(neutral + core + [verdict]) > most:
        neutral = neutral[1:]
    if _words(core + [verdict]) > most:
        verdict = ""
    return " ".join(s for s in neutral + core + [verdict] if s)


def _words(sentences: list[str]) -> int:
    return sum(len(s.split()) for s in sentences)


class _Pool:
    """Items to draw; ``skew`` > 0 weights the i-th by ``1 / (i + 1) ** skew``, the first most often."""

    def __init__(self, items, skew: float = 0.0):
        self.items = tuple(items)
        self.cumulative = list(accumulate((i + 1) ** -skew for i in range(len(self.items))))


class _Draw:
    """The grammar's random choices, all from one seeded stream of uniform numbers.

    Uniforms come in blocks, since a NumPy call for each choice would cost more than the review.
    """

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)
        self._block: list[float] = []

    def uniform(self) -> float:
        if not self._block:
            self._block = self.rng.random(4096).tolist()[::-1]
        return self._block.pop()

    def chance(self, p: float) -> bool:
        return self.uniform() < p

    def one(self, pool):
        """An item of a tuple (uniformly) or of a :class:`_Pool` (by its weights)."""
        if isinstance(pool, _Pool):
            return pool.items[bisect(pool.cumulative, self.uniform() * pool.cumulative[-1])]
        return pool[int(self.uniform() * len(pool))]

    def other(self, pool, than):
        """An item of ``pool`` other than ``than`` (a contrast compares two different aspects)."""
        while (item := self.one(pool)) == than:
            pass
        return item


def _sentence(words: str) -> str:
    return words[:1].upper() + words[1:] + "."


# --- English ---------------------------------------------------------------------------------

# (words, plural), the most talked-about aspects first.
_EN_ASPECTS = _Pool((
    ("the acting", False), ("the story", False), ("the movie", False), ("the plot", False),
    ("the ending", False), ("the film", False), ("the characters", True), ("the music", False),
    ("the dialogue", False), ("the cast", False), ("the script", False), ("the soundtrack", False),
    ("the visuals", True), ("the jokes", True), ("the pacing", False), ("the action scenes", True),
    ("the lead actor", False), ("the lead actress", False), ("the villain", False), ("the twist", False),
    ("the cinematography", False), ("the special effects", True), ("the first half", False),
    ("the second half", False), ("the final act", False), ("the love story", False), ("the humor", False),
    ("the fight scenes", True), ("the costumes", True), ("the editing", False), ("the opening scene", False),
    ("the main character", False), ("the supporting cast", False), ("the animation", False),
    ("the screenplay", False), ("the premise", False), ("the director's new film", False),
    ("the sequel", False), ("the camera work", False), ("the set design", False), ("the voice acting", False),
), skew=1.0)
# Two of these in one contrast would judge the same thing twice ("the movie was great, but the film ...").
_EN_WHOLE = {"the movie", "the film", "the director's new film", "the sequel"}
# Gradable adjectives take "very", extreme ones "absolutely", so no review says "very perfect".
_EN_GRADABLE = (
    _Pool(("boring", "bad", "weak", "dull", "predictable", "messy", "bland", "forgettable", "disappointing",
           "slow", "silly", "clumsy", "lazy", "confusing", "cheap", "shallow"), skew=1.0),
    _Pool(("good", "funny", "beautiful", "strong", "clever", "charming", "fresh", "solid", "memorable",
           "lovely", "impressive", "moving", "smart", "touching", "gripping", "original"), skew=1.0))
_EN_EXTREME = (
    _Pool(("terrible", "awful", "horrible", "painful", "pointless", "dreadful", "unbearable", "ridiculous",
           "lifeless", "mediocre"), skew=1.0),
    _Pool(("great", "amazing", "excellent", "brilliant", "wonderful", "fantastic", "perfect", "superb",
           "outstanding", "stunning", "terrific", "remarkable"), skew=1.0))
_EN_VERY = ("very", "really", "so", "quite", "pretty", "incredibly", "genuinely")
_EN_TOTALLY = ("really", "truly", "absolutely", "totally", "simply")
# Complaints whose negation reads as praise ("not boring at all"); "not terrible" would not.
_EN_NOT_NEGATIVE = ("boring", "bad", "dull", "predictable", "disappointing", "weak", "forgettable",
                    "confusing", "slow", "silly")
_EN_NOT_VERY = ("very", "that", "really", "particularly")
_EN_NOT_BE = (("was not", "wasn't", "was never"), ("were not", "weren't", "were never"))     # [plural]
_EN_DID_NOT = ("did not", "didn't")
# (past, base form): "did not <base>" / "never <past>" flips the label. No base form where the
# negation would not read as the opposite verdict ("did not blow me away" is faint praise).
_EN_DOINGS = (
    (("fell flat", None), ("dragged", "drag"), ("made no sense", None), ("went nowhere", None),
     ("put me to sleep", "put me to sleep"), ("felt rushed", "feel rushed"), ("felt forced", "feel forced"),
     ("bored me", "bore me"), ("lost me", "lose me"), ("annoyed me", "annoy me")),
    (("worked", "work"), ("kept me hooked", None), ("made me laugh", "make me laugh"), ("blew me away", None),
     ("held my attention", "hold my attention"), ("made sense", "make sense"), ("paid off", "pay off"),
     ("surprised me", "surprise me"), ("made me cry", None), ("stayed with me", "stay with me")),
)
_EN_NEGATABLE = tuple(tuple(d for d in doings if d[1]) for doings in _EN_DOINGS)
_EN_FEELINGS = (("hated", "disliked", "could not stand"), ("loved", "enjoyed", "liked", "adored", "appreciated"))
_EN_LIKE = ("like", "enjoy", "love", "care for")
_EN_OPENERS = ("Honestly,", "In my opinion,", "Personally,", "Overall,", "For me,", "To be honest,",
               "All in all,", "Well,", "I think", "I have to say")
_EN_VERDICTS = (
    ("I would not watch it again", "Not recommended", "Skip this one", "What a waste of time", "Not good at all",
     "Two out of ten", "Three out of ten", "One out of ten", "I want my money back", "Not worth the ticket"),
    ("I would watch it again", "Highly recommended", "Worth every minute", "Go see it", "Not bad at all",
     "Nine out of ten", "Eight out of ten", "Ten out of ten", "A must see", "I will buy it on DVD"),
)
# Telegraphic reviews ("Great acting, but boring story."): so few words that a few thousand
# reviews hold the same words in both orders, with opposite labels.
_EN_SHORT_NOUNS = _Pool(("acting", "story", "music", "plot", "cast", "ending", "visuals", "dialogue", "jokes",
                         "effects"), skew=1.0)
_EN_SHORT_ADJECTIVES = (_Pool(("boring", "bad", "weak", "terrible", "awful", "dull"), skew=1.0),
                        _Pool(("great", "good", "amazing", "beautiful", "solid", "nice"), skew=1.0))
_EN_NAMES = ("Anna", "David", "Maria", "James", "Sofia", "Kevin", "Laura", "Daniel", "Emma", "Lucas", "Olivia",
             "Marco", "Hana", "Jun")
_EN_COMPANY = ("with my sister", "with my dad", "with my kids", "with two friends", "alone", "with my wife",
               "with my husband", "with my roommate", "with my parents", "with my class")
_EN_WHEN = ("last night", "on Sunday", "on a rainy afternoon", "at the cinema", "on a plane", "on TV",
            "at home", "yesterday", "over the weekend", "at a festival")
_EN_PEOPLE = ("teacher", "detective", "chef", "pilot", "boxer", "painter", "nurse", "farmer", "journalist",
              "soldier", "student", "musician")
_EN_WHO = ("young", "retired", "shy", "famous", "lonely", "stubborn", "former", "small-town")
_EN_PLOTS = ("moves to a small town", "returns home after ten years", "tries to save the family restaurant",
             "falls in love with a stranger", "searches for a missing brother", "joins a rock band",
             "plans one last job", "trains for one big fight", "inherits an old house", "writes letters to a ghost")
_EN_FACTS = ("It is based on a true story.", "It is based on a novel I read in school.", "It runs about two hours.",
             "It is the third movie in the series.", "The trailer came out last year.",
             "I went in knowing nothing about it.", "It won a prize at a festival.",
             "It was shot in black and white.", "It is set in Paris in the sixties.", "It is mostly set on a train.")


def _english_parts(draw: _Draw, good: int, least: int) -> tuple[list[str], list[str], str]:
    """Neutral sentences, the sentences that decide the label, and a verdict ("" for none)."""
    neutral = []
    if draw.chance(0.3):
        neutral.append(_en_context(draw))
    if draw.chance(0.25):
        neutral.append(_en_premise(draw))
    core = _en_core(draw, good)
    verdict = _sentence(draw.one(_EN_VERDICTS[good]))
    keep = draw.chance(0.3) or _words(neutral + core) < least     # a bare "Great acting." is too short
    return neutral, core, verdict if keep else ""


def _en_core(draw: _Draw, good: int) -> list[str]:
    """One clause, or two that contrast; the label is the deciding clause's."""
    r = draw.uniform()
    if r < 0.12:                                                    # Great acting, but boring story.
        first = draw.one(_EN_SHORT_NOUNS)
        last = draw.other(_EN_SHORT_NOUNS, first)
        return [_sentence(f"{draw.one(_EN_SHORT_ADJECTIVES[1 - good])} {first}, "
                          f"but {draw.one(_EN_SHORT_ADJECTIVES[good])} {last}")]
    if r < 0.55:
        return [_sentence(_en_opened(draw, _en_clause(draw, good)[0]))]
    # The clause after "but" / "however" / "although ...," decides; "even though" comes after it.
    first, aspect = _en_clause(draw, 1 - good)
    while (other := draw.other(_EN_ASPECTS, aspect))[0] in _EN_WHOLE and aspect[0] in _EN_WHOLE:
        pass
    last, _ = _en_clause(draw, good, other)
    kind = draw.uniform()
    if kind < 0.45:
        return [_sentence(_en_opened(draw, f"{first}, but {last}"))]
    if kind < 0.65:
        return [_sentence(_en_opened(draw, first)), _sentence(f"However, {last}")]
    if kind < 0.85:
        return [_sentence(f"Although {first}, {last}")]
    return [_sentence(f"{last}, even though {first}")]


def _en_opened(draw: _Draw, clause: str) -> str:
    opener = draw.one(_EN_OPENERS) if draw.chance(0.2) else ""
    if not opener or (clause.startswith("I ") and not opener.endswith(",")):    # no "I think I loved"
        return clause
    return f"{opener} {clause}"


def _en_clause(draw: _Draw, good: int, aspect: tuple[str, bool] | None = None) -> tuple[str, tuple[str, bool]]:
    """A clause saying the aspect was good (1) or bad (0); returns it and the aspect."""
    words, plural = aspect = aspect or draw.one(_EN_ASPECTS)
    r = draw.uniform()
    if r < 0.45:                                                    # the plot was really boring
        be = "were" if plural else "was"
        if draw.chance(0.7):
            very = draw.one(_EN_VERY) + " " if draw.chance(0.4) else ""
            return f"{words} {be} {very}{draw.one(_EN_GRADABLE[good])}", aspect
        very = draw.one(_EN_TOTALLY) + " " if draw.chance(0.3) else ""
        return f"{words} {be} {very}{draw.one(_EN_EXTREME[good])}", aspect
    if r < 0.65:                                                    # negation flips the adjective
        be = draw.one(_EN_NOT_BE[plural])
        if good:                                                    # the plot was not boring at all
            at_all = " at all" if draw.chance(0.4) else ""
            return f"{words} {be} {draw.one(_EN_NOT_NEGATIVE)}{at_all}", aspect
        very = draw.one(_EN_NOT_VERY) + " " if draw.chance(0.4) else ""     # the acting wasn't that good
        return f"{words} {be} {very}{draw.one(_EN_GRADABLE[1])}", aspect
    if r < 0.85:
        if draw.chance(0.35):                                       # the jokes did not work
            past, base = draw.one(_EN_NEGATABLE[1 - good])
            if draw.chance(0.3):
                return f"{words} never {past}", aspect
            return f"{words} {draw.one(_EN_DID_NOT)} {base}", aspect
        return f"{words} {draw.one(_EN_DOINGS[good])[0]}", aspect   # the ending fell flat
    if good or draw.chance(0.5):                                    # I really loved the soundtrack
        really = "really " if draw.chance(0.3) else ""
        return f"I {really}{draw.one(_EN_FEELINGS[good])} {words}", aspect
    return f"I {draw.one(_EN_DID_NOT)} {draw.one(_EN_LIKE)} {words}", aspect


def _en_context(draw: _Draw) -> str:
    r = draw.uniform()
    if r < 0.6:
        return _sentence(f"I watched it {draw.one(_EN_COMPANY)} {draw.one(_EN_WHEN)}")
    if r < 0.8:
        return _sentence(f"my friend {draw.one(_EN_NAMES)} "
                         f"{draw.one(('recommended it', 'picked it', 'dragged me to it'))}")
    return draw.one(_EN_FACTS)


def _en_premise(draw: _Draw) -> str:
    if draw.chance(0.7):
        return _sentence(f"it is about a {draw.one(_EN_WHO)} {draw.one(_EN_PEOPLE)} who {draw.one(_EN_PLOTS)}")
    return _sentence(f"{draw.one(_EN_NAMES)} plays the {draw.one(_EN_PEOPLE)}")
