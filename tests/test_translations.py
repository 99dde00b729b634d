"""The Korean catalogue: in step with the code, complete, compiled, and in the book's words."""
from __future__ import annotations

import shutil

import pytest

from rnnviz import translations
from rnnviz.translations import lrelease, lupdate, messages, placeholders, qm_path, ts_path

KO = ts_path("ko")


def test_the_catalogue_lists_exactly_the_strings_the_code_marks(tmp_path):
    # lupdate keeps the translations it already has, so a fresh run over a copy differs from the
    # committed file only in the (context, source) pairs the code added or dropped since.
    fresh = tmp_path / "rnnviz_ko.ts"
    shutil.copy(KO, fresh)
    lupdate(fresh)
    committed, current = set(messages(KO)), set(messages(fresh))
    assert not current - committed, f"run `python -m rnnviz.translations update`: new {sorted(current - committed)[:5]}"
    assert not committed - current, f"stale entries {sorted(committed - current)[:5]}"


def test_every_string_has_a_korean_translation_that_keeps_its_placeholders():
    found = messages(KO)
    assert len(found) > 300                 # the window, the lab, the engine's and CLI's messages
    missing = [key for key, text in found.items() if text is None]
    assert missing == [], f"{len(missing)} untranslated, e.g. {missing[:5]}"
    lost = [(key, text) for key, text in found.items() if placeholders(text) != placeholders(key[1])]
    assert lost == []


def test_the_compiled_catalogue_is_the_committed_source(tmp_path):
    qm = tmp_path / "rnnviz_ko.qm"
    lrelease(KO, qm)
    assert qm.read_bytes() == qm_path("ko").read_bytes(), "run `python -m rnnviz.translations update`"


# The Korean edition of DLFS2 says these; d2l's Korean words or loan words must not replace them.
NOT_THE_BOOKS_WORD = {"그래디언트": "기울기", "혼란도": "퍼플렉서티", "타임 스텝": "시각", "타임스텝": "시각",
                      "학습 속도": "학습률", "에포크": "에폭", "코퍼스": "말뭉치", "숨은 상태": "은닉 상태",
                      "히든 스테이트": "은닉 상태", "셀 상태": "기억 셀", "그라디언트": "기울기"}


@pytest.mark.parametrize("wrong, right", sorted(NOT_THE_BOOKS_WORD.items()))
def test_translations_use_the_korean_editions_terms(wrong, right):
    uses = [source for (_, source), text in messages(KO).items() if text and wrong in text]
    assert uses == [], f"{wrong!r} should be {right!r} (docs/glossary-ko.md), in {uses[:3]}"


def test_the_glossary_says_where_the_app_uses_each_term():
    # The last column is generated from the catalogue; a stale one means a term changed.
    assert translations.GLOSSARY.read_text(encoding="utf-8") == translations.glossary_usage(KO), \
        "run `python -m rnnviz.translations glossary`"
    rows = [line.split("|")[1:5] for line in translations.GLOSSARY.read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and not line.startswith("| English")]
    terms = [row for row in rows if row[1].strip()]
    assert len(terms) >= 60
    unused = [row[0].strip() for row in terms if row[3].strip() == "unused" and "not in the app yet" not in row[2]]
    assert unused == [], f"glossary terms the app never uses: {unused}"
