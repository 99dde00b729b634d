"""Labelled texts read from a user's files for the classifier: an ``aclImdb`` folder (Stanford's
IMDB archive, extracted) or a table of texts and labels (``.tsv``, ``.csv``, ``.txt``: the Naver
movie-review corpus, Kaggle's ``IMDB Dataset.csv``). :func:`~rnnviz.engine.classify_data.load_classes`
calls them; each returns ``(name, texts, labels, classes)`` and refuses what it cannot use in one
sentence naming the file (:class:`CorpusError`).
"""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import numpy as np

from rnnviz.engine.textfile import CorpusError, check_regular_file, display_name, read_text
from rnnviz.engine.texts import message_of, translate

MAX_CLASSES = 20
# Inputs are read whole: with the rows a table costs many times its size (a 15 MB Naver file
# ~250 MB at its peak, most of it the int64 rows); aclImdb's train/ is 33 MB.
MAX_TABLE_BYTES = 256 * 2 ** 20
MAX_FOLDER_BYTES = 512 * 2 ** 20
TEXT_COLUMNS = ("document", "text", "review", "sentence", "comment")
LABEL_COLUMNS = ("label", "sentiment", "polarity", "class", "y", "target")
_NEGATIVE, _POSITIVE = {"neg", "negative", "부정"}, {"pos", "positive", "긍정"}
_ARCHIVES = (".tar.gz", ".tgz", ".tar", ".zip", ".gz", ".bz2", ".xz", ".7z")


def read_imdb(path: Path) -> tuple[str, list[str], np.ndarray, tuple[str, ...]]:
    """The reviews of an aclImdb folder's ``train/neg`` (label 0) and ``train/pos`` (label 1).

    ``path`` may be the aclImdb folder, the folder holding it, or a folder with ``neg`` and
    ``pos`` itself (``aclImdb/train``); file names are sorted so the order does not depend on the disk.
    """
    name = display_name(path)
    root = next((folder for folder in (path, path / "train", path / "aclImdb" / "train")
                 if (folder / "neg").is_dir() and (folder / "pos").is_dir()), None)
    if root is None:
        raise CorpusError(translate("classify_files", "{name}: not an IMDB review folder; give the aclImdb folder, "
                                    "whose train/neg and train/pos folders hold one .txt review each")
                          .format(name=name))
    files: list[tuple[Path, int]] = []
    total = 0
    for label, part in enumerate(("neg", "pos")):
        folder = root / part
        try:
            entries = sorted((entry for entry in os.scandir(folder) if entry.name.endswith(".txt")),
                             key=lambda entry: entry.name)
            total += sum(entry.stat().st_size for entry in entries if entry.is_file())
        except OSError as exc:
            raise CorpusError(translate("classify_files", "{name}: cannot list its {part} folder ({error})")
                              .format(name=name, part=part, error=str(exc.strerror or exc))) from None
        if not entries:
            raise CorpusError(translate("classify_files", "{name}: its {part} folder holds no .txt reviews; give "
                                        "the aclImdb folder as extracted").format(name=name, part=part))
        files += [(Path(entry.path), label) for entry in entries]
    if total > MAX_FOLDER_BYTES:
        raise CorpusError(translate("classify_files", "{name}: its reviews take {size} MB, at most {most} MB are "
                                    "read; use a folder with fewer reviews")
                          .format(name=name, size=f"{total / 2 ** 20:,.0f}", most=f"{MAX_FOLDER_BYTES / 2 ** 20:,.0f}"))
    texts = []
    for file, label in files:
        try:
            texts.append(read_text(file))
        except CorpusError as exc:      # name the folder too: every part holds a 0_3.txt-like name
            raise CorpusError(translate("classify_files", "{name}/{part}: {error}")
                              .format(name=name, part=("neg", "pos")[label], error=message_of(exc))) from None
    labels = np.array([label for _, label in files], dtype=np.int64)
    return name, texts, labels, ("negative", "positive")


def read_table(path: Path) -> tuple[str, list[str], np.ndarray, tuple[str, ...]]:
    """Texts and labels of a table: a header row, then one example a row, tab- or comma-separated."""
    name = display_name(path)
    if name.lower().endswith(_ARCHIVES):
        raise CorpusError(translate("classify_files", "{name}: is an archive; extract it and give the aclImdb "
                                    "folder or the table inside").format(name=name))
    size = check_regular_file(path).st_size
    if size > MAX_TABLE_BYTES:
        raise CorpusError(translate("classify_files", "{name}: too large for a review table ({size} MB, at most "
                                    "{most} MB); use a file of fewer rows")
                          .format(name=name, size=f"{size / 2 ** 20:,.0f}", most=f"{MAX_TABLE_BYTES / 2 ** 20:,.0f}"))
    text = read_text(path)
    tabs = "\t" in text.partition("\n")[0]
    # Tab-separated files are read without quoting: Naver's reviews hold stray " that would
    # otherwise swallow the lines after them. Comma-separated ones need quotes around commas.
    reader = csv.reader(io.StringIO(text), delimiter="\t" if tabs else ",",
                        quoting=csv.QUOTE_NONE if tabs else csv.QUOTE_MINIMAL)
    rows: list[tuple[int, list[str]]] = []
    try:
        header = [field.strip() for field in next(reader)]
        for fields in reader:
            if any(field.strip() for field in fields):
                rows.append((reader.line_num, fields))
    except csv.Error:
        raise CorpusError(translate("classify_files", "{name}: line {line} is not a well-formed table row (an "
                                    "unclosed quote, or a field over 128 KB)")
                          .format(name=name, line=reader.line_num)) from None
    width = len(header)
    if width < 2:
        raise CorpusError(translate("classify_files", "{name}: its header has one column; give a table with a text "
                                    "and a label column, separated by tabs or commas").format(name=name))
    for line, fields in rows:
        if len(fields) != width:
            raise CorpusError(translate("classify_files", "{name}: line {line} has {count} fields but the header "
                                        "has {width}; quote texts that hold a comma")
                              .format(name=name, line=line, count=len(fields), width=width))
    lowered = [column.lower() for column in header]
    label_column = next((i for i, column in enumerate(lowered) if column in LABEL_COLUMNS), width - 1)
    text_column = next((i for i, column in enumerate(lowered) if column in TEXT_COLUMNS and i != label_column),
                       None)
    if text_column is None:         # the column of the longest texts
        totals = [sum(len(fields[i]) for _, fields in rows) if i != label_column else -1 for i in range(width)]
        text_column = int(np.argmax(totals))
    texts, labels = [], []
    for line, fields in rows:
        if not fields[text_column].strip():     # Naver's ratings_train.txt has a few empty reviews
            continue
        label = fields[label_column].strip()
        if not label:
            raise CorpusError(translate("classify_files", "{name}: line {line} has no label in column {column}; "
                                        "give every row a label").format(name=name, line=line,
                                                                         column=header[label_column]))
        texts.append(fields[text_column])
        labels.append(label)
    if not texts:
        raise CorpusError(translate("classify_files", "{name}: no row has a text in column {column}; give rows "
                                    "of text and label under the header").format(name=name, column=header[text_column]))
    classes, ids = _classes(name, header[label_column], labels)
    return name, texts, ids, classes


def _classes(name: str, column: str, labels: list[str]) -> tuple[tuple[str, ...], np.ndarray]:
    """Class names and each row's class id.

    Integer labels are ordered by value (named by it, except that 0 / 1 are negative / positive);
    other labels alphabetically, except that a neg / pos pair (English or Korean) is put negative first.
    """
    distinct = sorted(set(labels))
    if len(distinct) > MAX_CLASSES:
        raise CorpusError(translate("classify_files", "{name}: column {column} holds {count} different labels, at "
                                    "most {most} are allowed; is it the label column?")
                          .format(name=name, column=column, count=len(distinct), most=MAX_CLASSES))
    try:
        values = {label: int(label) for label in distinct}
    except ValueError:
        values = None
    if values is not None:
        ordered = sorted(set(values.values()))
        names = ("negative", "positive") if ordered == [0, 1] else tuple(str(value) for value in ordered)
        index = {label: ordered.index(value) for label, value in values.items()}
    else:
        folded = [label.lower() for label in distinct]
        if len(distinct) == 2 and folded[0] in _POSITIVE and folded[1] in _NEGATIVE:
            distinct.reverse()
        if len(distinct) == 2 and distinct[0].lower() in _NEGATIVE and distinct[1].lower() in _POSITIVE:
            names = ("negative", "positive")
        else:
            names = tuple(distinct)
        index = {label: i for i, label in enumerate(distinct)}
    if len(names) < 2:
        raise CorpusError(translate("classify_files", "{name}: every row has the label {label} in column {column}; "
                                    "a classifier needs at least two classes")
                          .format(name=name, label=repr(distinct[0]), column=column))
    return names, np.array([index[label] for label in labels], dtype=np.int64)
