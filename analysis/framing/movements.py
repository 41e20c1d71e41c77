"""Military movement told by a verb with the forces as its subject (``shared/CODEBOOK-FRAMES.md``:
military_operations are "deployments, troop movements, bases … withdrawals"), applied in
:data:`.decisions.ORDER`.

The cue lexicon matches fixed phrases («نشر قوات», «تقدم قوات»), but news text puts the
forces' name, its adjectives and the verb in either order: «القوات الأمريكية غادرت منبج»,
«وحدات الجيش تدخل منبج», «قوات بلاده ستبقى في محيط حقول النفط», «عززت الوحدات مواقعها».
:func:`rule_forces_move` reads them from two word lists of ``data/frame_rules.tsv``:
``troops`` (the forces, units, military police, soldiers) and ``move`` (verbs of entering,
leaving, staying, deploying, advancing, reinforcing, taking over).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .decisions import Evidence, FrameRules

# windows, in words
SUBJECT_REACH = 3  # the forces … their verb («القوات الأمريكية المتبقية ستتركز»)
VERB_FIRST_REACH = 1  # the verb … the forces right after it («دخلت وحدات الجيش»)
ANCHOR_BEFORE = 3  # a time anchor this close before the forces or the verb: «بعد أن غادرت القوات»


def rule_forces_move(ev: Evidence, rules: FrameRules) -> None:
    """military_operations: a ``move`` verb within :data:`SUBJECT_REACH` words after a
    ``troops`` word («القوات الأمريكية غادرت منبج»), or right before one («دخلت وحدات
    الجيش المدينة»), tells a troop movement, unless a time anchor stands just before them
    («بعد أن غادرت القوات المنطقة …», R7) or the verb is threatened (a ``threat`` word before
    it). Movements of any party count: military_operations is not a frame of the pair."""
    if "move" not in ev.index or "troops" not in ev.index:
        return
    forces = ev.where("troops")
    for v in ev.where("move"):
        subject = [f for f in forces if v - SUBJECT_REACH <= f < v or v < f <= v + VERB_FIRST_REACH]
        if not subject:
            continue
        first = min(subject + [v])
        if ev.has("anchor", first - ANCHOR_BEFORE, first - 1) or ev.has("threat", first - ANCHOR_BEFORE, v - 1):
            continue
        ev.added.add("military_operations")
        return
