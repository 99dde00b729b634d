"""The Korean half of the generated ``reviews-ko``: a seeded grammar of short movie reviews.

Aspects, predicates (with their negations: 전혀 지루하지 않았다, 별로 좋지 않았다), "지만"/"하지만"
clauses, openers and verdicts; particles follow the noun's final consonant (:func:`_particle`).
Drawn with :mod:`rnnviz.engine.classify_generated`'s pools, which also assemble the review.
"""
from __future__ import annotations

from .classify_generated import _Draw, _Pool, _words


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


def korean_parts(draw: _Draw, good: int, least: int) -> tuple[list[str], list[str], str]:
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
