"""How a review that is no file on disk came about, so that it can be made again exactly after a crash.

A comparison or a combination of reviewers' copies is built from files; its revisions carry the date it
was made. Given the same files (checked by the SHA-256 of their bytes), the same options and that date,
compare() and combine() build the same XML and the same change ids, so the decisions recorded on it
replay exactly (review_state.py).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from redliner.core.opc.package import Fingerprint

COMPARE, COMBINE = "compare", "combine"


@dataclass
class Origin:
    kind: str  # COMPARE: inputs are base, draft; COMBINE: base, then the copies
    inputs: list[str]  # absolute paths, as given (symbolic links not resolved: the names the reviewer knows)
    fingerprints: list[str]  # SHA-256 of each input's bytes when it was read
    options: dict = field(default_factory=dict)  # compare: author, markers, formatting, drafter; combine: authors
    date: str = ""  # the date its revisions carry

    @property
    def result_path(self) -> Path:
        """The name a reviewer is offered for the result: 'DRAFT (compared).docx', 'BASE (combined).docx'."""
        source = Path(self.inputs[1] if self.kind == COMPARE else self.inputs[0])
        return source.with_name(f"{source.stem} ({'compared' if self.kind == COMPARE else 'combined'}).docx")

    def unchanged(self) -> bool:
        """True when every input still has the bytes it was built from."""
        try:
            return all(Fingerprint.of(path).sha256 == digest for path, digest in zip(self.inputs, self.fingerprints,
                                                                                       strict=True))
        except (OSError, ValueError):
            return False

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Origin:
        if data.get("kind") not in (COMPARE, COMBINE):
            raise ValueError(f"unknown origin {data.get('kind')!r}")
        return cls(**data)
