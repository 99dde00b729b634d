"""rnnviz's translation catalogues: ``rnnviz_<lang>.ts`` (the source) and ``.qm`` (compiled).

``python -m rnnviz.translations update`` runs ``pyside6-lupdate`` over the package, so the
``.ts`` files list every string the code marks with ``translate()``, then ``pyside6-lrelease``
compiles them. ``merge FILE.json`` fills translations from ``{context: {source: translation}}``;
``missing`` lists the strings still without one; ``check TABLE.json FILE.py ...`` checks a
table against some modules before it is merged; ``glossary`` rewrites the last column of\n``docs/glossary-ko.md``: where the catalogue uses each term (contexts and counts). ``docs/glossary-ko.md`` has the words to use.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent
LANGUAGES = ("ko",)
TARGETS = {"ko": "ko_KR"}       # the .ts header's language, for Linguist
HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'


def ts_path(lang: str) -> Path:
    return HERE / f"rnnviz_{lang}.ts"


def qm_path(lang: str) -> Path:
    return HERE / f"rnnviz_{lang}.qm"


def tool(name: str) -> str:
    """The PySide6 wrapper of a Qt tool (``pyside6-lupdate``), beside this Python or on PATH."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    return str(beside) if beside.exists() else (shutil.which(f"pyside6-{name}") or f"pyside6-{name}")


def sources(root: Path = PACKAGE) -> list[str]:
    return sorted(str(p.relative_to(root.parent)) for p in root.rglob("*.py") if "translations" not in p.parts)


def lupdate(ts: Path, root: Path = PACKAGE) -> None:
    """Bring ``ts`` in step with the code under ``root`` (strings gone from the code are dropped)."""
    lang = ts.stem.split("_", 1)[1]
    subprocess.run([tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                    "-target-language", TARGETS.get(lang, lang), *sources(root), "-ts", str(ts)],
                   cwd=root.parent, check=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) -> translation, None while it is unfinished."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") is None and bool(translation.text)
            found[(name, message.findtext("source") or "")] = translation.text if done else None
    return found


def merge(ts: Path, table: dict[str, dict[str, str]]) -> int:
    """Fill ``ts`` from ``{context: {source: translation}}``; returns how many were set."""
    tree = ET.parse(ts)
    count = 0
    for context in tree.getroot().iter("context"):
        wanted = table.get(context.findtext("name") or "", {})
        for message in context.iter("message"):
            text = wanted.get(message.findtext("source") or "")
            if text:
                translation = message.find("translation")
                translation.text = text
                translation.attrib.pop("type", None)
                count += 1
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text(HEADER + body + "\n", encoding="utf-8")
    return count


PLACEHOLDER = re.compile(r"{(\w+)}")


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def check(table_path: str, files: list[str]) -> int:
    """Extract the strings of ``files``, fill them from the JSON table, and print what is
    left untranslated, what the table has that the files do not, and lost placeholders."""
    table = json.loads(Path(table_path).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        ts = Path(tmp) / "check_ko.ts"
        subprocess.run([tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none", *files,
                        "-ts", str(ts)], check=True)
        merge(ts, table)
        found = messages(ts)
    problems = 0
    for (context, source), text in sorted(found.items()):
        if text is None:
            print(f"untranslated\t{context}\t{source!r}")
            problems += 1
        elif placeholders(text) != placeholders(source):
            print(f"placeholders\t{context}\t{source!r}\t{text!r}")
            problems += 1
    for context, entries in table.items():
        for source in entries:
            if (context, source) not in found:
                print(f"not in code\t{context}\t{source!r}")
                problems += 1
    print(f"{len(found)} strings, {problems} problems")
    return 1 if problems else 0


GLOSSARY = PACKAGE.parent / "docs" / "glossary-ko.md"
WHERE = "where rnnviz uses it"


def glossary_terms(korean: str) -> list[str]:
    """The terms of a glossary cell: "순전파 / 역전파" -> both; brackets and notes dropped."""
    terms = []
    for part in re.split(r"[/,]", korean):
        term = re.sub(r"\(.*?\)|\(.*", "", part).strip()
        if term:
            terms.append(term)
    return terms


def glossary_usage(ts: Path, glossary: Path = GLOSSARY) -> str:
    """The glossary with its last column saying which contexts of the catalogue use each term."""
    texts: dict[str, list[str]] = {}
    for (context, _), text in messages(ts).items():
        if text:
            texts.setdefault(context, []).append(text)
    lines = []
    for line in glossary.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else None
        if cells is None or len(cells) < 3:
            lines.append(line)
            continue
        cells = cells[:3]
        if cells[0].startswith("English"):
            lines.append(f"| {' | '.join(cells)} | {WHERE} |")
        elif set(cells[0]) <= set("-"):
            lines.append("|---|---|---|---|")
        elif not cells[1]:
            lines.append(f"| {' | '.join(cells)} | |")           # a section heading
        else:
            terms = glossary_terms(cells[1])
            # (strings of the context that use one of the row's terms, context), most first.
            used = sorted(((sum(any(term in text for term in terms) for text in found), context)
                           for context, found in texts.items()), key=lambda item: (-item[0], item[1]))
            used = [(n, context) for n, context in used if n]
            where = ", ".join(f"`{context}` {n}" for n, context in used[:5])
            if len(used) > 5:
                where += f" (+{len(used) - 5} more)"
            lines.append(f"| {' | '.join(cells)} | {where or 'unused'} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "update"
    if command == "check":
        return check(args[1], args[2:])
    if command == "glossary":
        GLOSSARY.write_text(glossary_usage(ts_path("ko")), encoding="utf-8")
        return 0
    for lang in LANGUAGES:
        if command == "update":
            lupdate(ts_path(lang))
        elif command == "merge":
            for name in args[1:]:
                table = json.loads(Path(name).read_text(encoding="utf-8"))
                print(f"{name}: {merge(ts_path(lang), table)} translations set")
        elif command == "missing":
            for (context, source), text in sorted(messages(ts_path(lang)).items()):
                if text is None:
                    print(f"{context}\t{source!r}")
            continue
        lrelease(ts_path(lang), qm_path(lang))
    return 0
