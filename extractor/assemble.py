"""Record + criterion items + extractions -> TrialCriteria (the only place spans become output objects)."""
from __future__ import annotations

from typing import Sequence

from .attach import attach_timeframes
from .dedup import find_duplicates, keyed_forms
from .pipeline import Extraction
from .types import Criterion, Item, Record, Trial, TrialCriteria


def assemble(record: Record, items: Sequence[Item], extractions: Sequence[Extraction],
             warnings: Sequence[str] = ()) -> TrialCriteria:
    """Build the output document; extraction spans (relative to each item) move into the record's text."""
    criteria = []
    for item, ex in zip(items, extractions, strict=True):
        off = item.span[0]
        crit = Criterion(
            id=item.id, kind=item.kind, text=item.text, span=item.span, parent=item.parent, section=item.section,
            entities=tuple(e.shifted(off) for e in ex.entities),
            thresholds=tuple(t.shifted(off) for t in ex.thresholds),
            timeframes=tuple(t.shifted(off) for t in
                             attach_timeframes(item.text, ex.timeframes, ex.entities, ex.thresholds)),
        )
        criteria.append(crit)
    criteria, forms = keyed_forms(criteria)
    dups, dup_warnings = find_duplicates(criteria, forms)
    all_warnings = list(record.warnings) + list(warnings) + dup_warnings
    if not record.blocks:
        all_warnings.append("no eligibility criteria section found in the record")
    elif not criteria:
        all_warnings.append("the eligibility criteria section holds no criterion")
    trial = Trial(id=record.id, registry=record.registry, title=record.title,
                  source_format=record.source_format, source=record.source, secondary_ids=record.secondary_ids,
                  eligibility=record.eligibility)
    return TrialCriteria(trial=trial, text=record.text, criteria=tuple(criteria), duplicates=tuple(dups),
                         warnings=tuple(dict.fromkeys(all_warnings)))
