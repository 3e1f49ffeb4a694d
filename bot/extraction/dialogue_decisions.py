"""Scored judgements about dialogue: one function per decision, each with named thresholds.

Each decision takes features that the candidate stage measured and returns a score; the
threshold beside it says where a "yes" starts. Thresholds were set on the development split of
the real labelled corpus (never on the test split); the figure that set each is in its comment.
"""

from __future__ import annotations

from dataclasses import dataclass

# -- does a subtitle file's speaker label carry over to the next, unlabelled cues? ----------------
#
# SDH subtitles label a speaker only where it is not obvious (off screen, several people in one
# cue), so an unlabelled cue is often somebody else; a file that marks every change of speaker
# labels most cues. Carry a label forward only in files where most spoken cues carry one.
# Dev split: the SDH file labels 0.2 of its cues (carrying forward there made P 0.64); files
# that label each change label > 0.6.
SUBTITLE_CARRY_MIN_LABELLED = 0.5


def subtitle_labels_carry(labelled_cues: int, spoken_cues: int) -> bool:
    """Does every change of speaker carry a label, so an unlabelled cue is the last speaker's?"""
    if spoken_cues <= 0:
        return False
    return labelled_cues / spoken_cues >= SUBTITLE_CARRY_MIN_LABELLED


@dataclass(frozen=True)
class Evidence:
    """One weighted feature of a decision, kept so a reader can see why it went that way."""

    name: str
    weight: float


def total(evidence: list[Evidence]) -> float:
    """The score of a decision: the sum of its evidence."""
    return sum(e.weight for e in evidence)
