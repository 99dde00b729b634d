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
    draw = _Draw(seed)
    labels = _balanced_labels(draw.rng, n)
    parts = _english_parts if language == "en" else _korean_parts
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


# --- Korean ----------------------------------------------------------------------------------

_KO_ASPECTS = _Pool((
    "연기", "스토리", "영화", "내용", "결말", "음악", "연출", "배우들의 연기", "전개", "영상미", "대사", "주인공",
    "캐릭터", "액션", "반전", "분위기", "후반부", "초반", "특수효과", "편집", "악역", "감독의 연출", "마지막 장면",
    "첫 장면", "더빙", "노래", "각본", "촬영", "주연 배우", "조연들", "러브라인", "유머", "액션 장면", "의상",
), skew=1.0)
# (stem, past stem, negation): "long" allows "<stem>지 않았다", "both" also "안 <past>다"; only
# where the negation reads as the opposite verdict ("완벽하지 않았다" is not a complaint).
_KO_PREDICATES = (
    _Pool((("지루하", "지루했", "both"), ("별로이", "별로였", ""), ("뻔하", "뻔했", "both"), ("어색하", "어색했", "long"),
           ("유치하", "유치했", "both"), ("엉성하", "엉성했", ""), ("실망스럽", "실망스러웠", "long"),
           ("산만하", "산만했", "long"), ("답답하", "답답했", "long"), ("허무하", "허무했", ""), ("아쉽", "아쉬웠", ""),
           ("재미없", "재미없었", ""), ("지겹", "지겨웠", "long"), ("억지스럽", "억지스러웠", "long"),
           ("형편없", "형편없었", ""), ("최악이", "최악이었", ""), ("식상하", "식상했", "long"), ("어설프", "어설펐", ""),
           ("밋밋하", "밋밋했", "")), skew=1.0),
    _Pool((("좋", "좋았", "both"), ("재미있", "재미있었", "long"), ("훌륭하", "훌륭했", "long"),
           ("최고이", "최고였", ""), ("감동적이", "감동적이었", "long"), ("신선하", "신선했", "long"),
           ("아름답", "아름다웠", ""), ("멋지", "멋졌", ""), ("탄탄하", "탄탄했", "long"), ("인상적이", "인상적이었", "long"),
           ("따뜻하", "따뜻했", ""), ("흥미진진하", "흥미진진했", ""), ("자연스럽", "자연스러웠", "long"),
           ("깔끔하", "깔끔했", "long"), ("볼만하", "볼만했", ""), ("완벽하", "완벽했", "")), skew=1.0),
)
_KO_NEGATABLE = tuple(tuple(p for p in pool.items if p[2]) for pool in _KO_PREDICATES)
_KO_VERY = ("정말", "너무", "진짜", "아주", "완전", "꽤", "엄청")
_KO_NOT_AT_ALL = ("전혀", "하나도")            # before a negated complaint: 전혀 지루하지 않았다
_KO_NOT_VERY = ("별로", "그다지")               # before negated praise: 별로 좋지 않았다
# Whole-film reactions in the past tense, ending in 다; 못 and 안 appear on both sides.
_KO_REACTIONS = (
    ("시간이 아까웠다", "돈이 아까웠다", "중간에 잠들었다", "보다가 졸았다", "끝까지 못 봤다", "중간에 나오고 싶었다",
     "다시는 안 볼 것 같다", "기억에 하나도 안 남았다"),
    ("시간 가는 줄 몰랐다", "눈을 못 뗐다", "마지막에 눈물이 났다", "몇 번이나 웃었다", "또 보고 싶다",
     "여운이 길게 남았다", "시간이 전혀 아깝지 않았다", "한순간도 지루하지 않았다"),
)
# Two-sentence contrasts from a few common words, as _EN_SHORT_NOUNS.
_KO_SHORT_ASPECTS = _Pool(("연기", "스토리", "음악", "결말", "영상미", "액션"), skew=1.0)
_KO_SHORT_PREDICATES = (_Pool(("지루했다", "별로였다", "뻔했다", "유치했다"), skew=1.0),
                        _Pool(("좋았다", "재미있었다", "훌륭했다", "최고였다"), skew=1.0))
_KO_BUT = ("하지만", "그런데", "근데")
_KO_OPENERS = ("솔직히", "개인적으로", "전체적으로", "제 생각엔", "아무튼", "무엇보다")
_KO_VERDICTS = (
    ("10점 만점에 2점.", "10점 만점에 1점.", "비추합니다.", "보지 마세요.", "돈 아깝다.", "추천하고 싶지 않다.",
     "기대 안 하는 게 좋다."),
    ("10점 만점에 9점.", "10점 만점에 10점.", "강력 추천합니다.", "꼭 보세요.", "인생 영화 등극.", "추천합니다.",
     "후회 안 할 거다."),
)
_KO_WHEN = ("어제", "주말에", "오랜만에", "퇴근하고", "지난주에", "명절에", "비 오는 날")
_KO_COMPANY = ("친구랑", "가족이랑", "동생이랑", "여자친구랑", "남자친구랑", "부모님이랑", "아이들이랑", "혼자")
_KO_WHERE = ("극장에서", "넷플릭스로", "집에서", "비행기에서", "티비로")
_KO_WHO = ("젊은", "은퇴한", "평범한", "유명한", "외로운", "가난한")
_KO_PEOPLE = ("형사", "요리사", "선생님", "권투 선수", "화가", "간호사", "기자", "음악가", "농부", "학생", "조종사")
_KO_PLOTS = ("작은 마을로 이사 오는", "십 년 만에 고향에 돌아오는", "가족 식당을 살리려는", "낯선 사람과 사랑에 빠지는",
             "사라진 동생을 찾는", "밴드를 만드는", "마지막 경기를 준비하는", "오래된 집을 물려받는")
_KO_NAMES = ("민수", "지영", "서연", "준호", "하나", "도윤", "수진", "현우")
_KO_FACTS = ("실화를 바탕으로 한 영화다.", "원작 소설을 먼저 읽었다.", "감독의 세 번째 작품이다.",
             "러닝타임은 두 시간 정도다.", "예고편을 보고 골랐다.", "아무 정보 없이 봤다.")


def _particle(noun: str, with_final: str, without: str) -> str:
    """``noun`` with 은/는 or 이/가, chosen by whether its last syllable ends in a consonant."""
    syllable = ord(noun[-1]) - 0xAC00
    return noun + (with_final if 0 <= syllable < 11172 and syllable % 28 else without)


def _korean_parts(draw: _Draw, good: int, least: int) -> tuple[list[str], list[str], str]:
    """Neutral sentences, the sentences that decide the label, and a verdict ("" for none)."""
    neutral = []
    if draw.chance(0.35):
        neutral.append(f"{draw.one(_KO_WHEN)} {draw.one(_KO_COMPANY)} {draw.one(_KO_WHERE)} 봤다.")
    if draw.chance(0.25):
        neutral.append(_ko_premise(draw))
    core = _ko_core(draw, good)
    verdict = draw.one(_KO_VERDICTS[good])
    keep = draw.chance(0.3) or _words(neutral + core) < least
    return neutral, core, verdict if keep else ""


def _ko_core(draw: _Draw, good: int) -> list[str]:
    """One clause, or two that contrast; the label is the deciding clause's."""
    opener = draw.one(_KO_OPENERS) + " " if draw.chance(0.2) else ""
    r = draw.uniform()
    if r < 0.12:                # 연기는 좋았다. 하지만 스토리는 지루했다. (the same words in either order)
        first = draw.one(_KO_SHORT_ASPECTS)
        last = draw.other(_KO_SHORT_ASPECTS, first)
        return [f"{_particle(first, '은', '는')} {draw.one(_KO_SHORT_PREDICATES[1 - good])}.",
                f"하지만 {_particle(last, '은', '는')} {draw.one(_KO_SHORT_PREDICATES[good])}."]
    if r < 0.55:
        return [f"{opener}{_ko_clause(draw, good, '다')}."]
    aspect = draw.one(_KO_ASPECTS)
    first = _ko_clause(draw, 1 - good, "지만", aspect, topic=True)
    last = _ko_clause(draw, good, "다", draw.other(_KO_ASPECTS, aspect), topic=draw.chance(0.5))
    if draw.chance(0.6):        # 연기는 정말 좋았지만 이야기가 너무 지루했다.
        return [f"{opener}{first} {last}."]
    but = "그래도" if good and draw.chance(0.4) else draw.one(_KO_BUT)     # 그래도 only turns to praise
    return [f"{opener}{first.removesuffix('지만')}다.", f"{but} {last}."]


def _ko_clause(draw: _Draw, good: int, end: str, aspect: str | None = None, topic: bool = False) -> str:
    """A clause saying the aspect was good (1) or bad (0), ending in ``end`` (다, or 지만 to contrast)."""
    aspect = aspect or draw.one(_KO_ASPECTS)
    subject = _particle(aspect, "은", "는") if topic else _particle(aspect, "이", "가")
    r = draw.uniform()
    if r < 0.5:                                                 # 연기가 정말 좋았다
        very = draw.one(_KO_VERY) + " " if draw.chance(0.45) else ""
        return f"{subject} {very}{draw.one(_KO_PREDICATES[good])[1]}{end}"
    if r < 0.8:                                                 # negation flips the predicate
        stem, past, negation = draw.one(_KO_NEGATABLE[1 - good])
        if negation == "both" and draw.chance(0.4):             # 하나도 안 지루했다 / 안 좋았다
            softener = "하나도 " if good and draw.chance(0.4) else ""
            return f"{subject} {softener}안 {past}{end}"
        softener = draw.one(_KO_NOT_AT_ALL if good else _KO_NOT_VERY) + " " if draw.chance(0.4) else ""
        return f"{subject} {softener}{stem}지 않았{end}"        # 전혀 지루하지 않았다 / 별로 좋지 않았다
    return draw.one(_KO_REACTIONS[good]).removesuffix("다") + end   # the film as a whole: 시간이 아까웠다


def _ko_premise(draw: _Draw) -> str:
    if draw.chance(0.7):
        person = _particle(draw.one(_KO_PEOPLE), "이", "가")
        return f"{draw.one(_KO_WHO)} {person} {draw.one(_KO_PLOTS)} 이야기다."
    if draw.chance(0.5):
        return f"{_particle(draw.one(_KO_NAMES), '이', '가')} 주인공을 맡았다."
    return draw.one(_KO_FACTS)
