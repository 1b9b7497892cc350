"""Seeded SOP-style wording: section titles, procedure sentences, table metadata and proposed edits."""

from __future__ import annotations

import random

SUBJECTS = (
    "The Quality Assurance Manager", "Each shift supervisor", "All sworn members", "The Training Division",
    "District commanders", "The records custodian", "Laboratory personnel", "The duty officer",
    "The Office of the Chief", "Each unit commander", "The evidence technician", "Assigned investigators",
)
VERBS = (
    "shall review", "shall document", "must verify", "shall maintain", "shall submit", "shall retain",
    "is responsible for approving", "shall report", "will coordinate", "shall inspect", "must record",
)
OBJECTS = (
    "the calibration records", "every deviation from this procedure", "the quarterly engagement report",
    "the chain of custody form", "all training attendance sheets", "the incident summary",
    "the community partnership log", "each corrective action request", "the equipment maintenance schedule",
    "the approved version of this procedure", "the list of problems identified and responses evaluated",
)
QUALIFIERS = (
    "within five business days", "before the end of each shift", "in accordance with Section 4.2",
    "at least once per quarter", "unless otherwise directed by the Chief of Police",
    "using the form approved by Document Control", "and forward a copy to the Records Unit",
    "whenever staffing permits", "as part of the annual review", "no later than the fifteenth of each month",
)
PURPOSES = (
    "so that the department can demonstrate compliance during an audit",
    "to ensure that problems are identified early and addressed consistently",
    "because incomplete records weaken the evidentiary value of the file",
    "in order to build trust with the individuals and organizations the department serves",
)
TITLES = (
    "Purpose", "Policy", "Scope", "Definitions", "Responsibilities", "Procedures", "Training",
    "Documentation", "Records Retention", "Quality Control", "Reporting", "Review and Revision",
    "Equipment", "Safety", "Corrective Action", "Community Partnerships",
)
SUBTITLES = ("General", "Patrol Assignments", "Supervision", "Reporting", "Exceptions", "Audits", "Forms")
PROPOSED = (
    "promptly", "in writing", "and field training", "at least annually", "with the supervisor's approval",
    "where practicable", "electronically", "in full", "oriented", "determined", "and both public and private",
)
REPLACEMENTS = ("eight", "the determined plan", "community", "quarterly", "the Records Unit", "in person")
ROLES = ("Chief of Police", "Deputy Inspector", "Quality Assurance Manager", "Training Coordinator",
         "Records Custodian", "District Commander")


# Shares of sentences with a qualifier ("within five business days") and a purpose ("so that ..."); they
# size the 500-page document.xml to about 4.5 MB.
QUALIFIER_SHARE = 0.45
PURPOSE_SHARE = 0.1


class Prose:
    """All choices come from one seeded random.Random, so a seed gives the same document every time."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)

    def choice(self, options):
        return self.random.choice(options)

    def sentence(self) -> str:
        parts = [self.choice(SUBJECTS), self.choice(VERBS), self.choice(OBJECTS)]
        if self.random.random() < QUALIFIER_SHARE:
            parts.append(self.choice(QUALIFIERS))
        if self.random.random() < PURPOSE_SHARE:
            parts.append(self.choice(PURPOSES))
        return " ".join(parts) + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def section_title(self, number: int) -> str:
        return f"{number:03d}.{self.random.randrange(0, 20) * 5:02d} {self.choice(TITLES)}"

    def subsection_title(self, letter: str) -> str:
        return f"{letter}. {self.choice(SUBTITLES)}"

    def metadata_rows(self, number: int) -> list[list[str]]:
        year = 2015 + number % 10
        return [["General Order", "Issued", "Effective", "Review Date"],
                [f"{year}-{number % 90 + 10}", f"March {number % 27 + 1}, {year}",
                 f"April {number % 27 + 1}, {year}", self.choice(("Annually", "Biennially", "As needed"))]]

    def responsibility_rows(self, count: int) -> list[list[str]]:
        rows = [["Role", "Responsibility"]]
        for _ in range(count):
            rows.append([self.choice(ROLES), f"{self.choice(VERBS).capitalize()} {self.choice(OBJECTS)}"])
        return rows

    def proposal(self) -> str:
        return self.choice(PROPOSED)

    def replacement(self) -> str:
        return self.choice(REPLACEMENTS)
