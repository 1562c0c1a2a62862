"""The labelled comment sets of ``datasets/comments/`` (README there): where each is, under articles of which
language its rows are judged, and its parts (the tuning part first; the others are never used to choose a
rule, a word, a weight or a cut-off)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

DATASETS = Path(__file__).resolve().parents[2] / "datasets" / "comments"


@dataclass(frozen=True)
class LabelledSet:
    name: str
    path: Path
    language: str
    parts: tuple[str, ...]  # tuning part first
    committed: bool  # False: written from a mirror into the git-ignored cache, maybe absent

    @property
    def tuning_part(self) -> str:
        return self.parts[0]

    def rows(self, part: str | None = None) -> list[dict]:
        """The set's rows (of ``part`` only, if given), in file order."""
        with self.path.open(encoding="utf-8") as lines:
            rows = [json.loads(line) for line in lines if line.strip()]
        return [row for row in rows if part is None or row["split"] == part]


SETS = {
    s.name: s
    for s in (
        LabelledSet("labelled", DATASETS / "labelled.jsonl", "ar", ("tune", "heldout"), True),
        LabelledSet("youtube", DATASETS / "public" / "youtube.jsonl", "en", ("tune", "test"), True),
        LabelledSet("sms", DATASETS / "public" / "sms.jsonl", "en", ("tune", "test"), True),
        LabelledSet("arabic_tweets", DATASETS / ".cache" / "arabic_tweets.jsonl", "ar", ("tune", "test"), False),
    )
}
