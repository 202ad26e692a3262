"""Abbreviation long forms (extractor.components.abbrev)."""
from __future__ import annotations

import pytest

from extractor.components.abbrev import long_forms, record_long_forms, with_long_forms
from extractor.types import Entity


@pytest.mark.parametrize("text,expected", [
    ("History of acquired immunodeficiency syndrome (AIDS)", {"AIDS": "acquired immunodeficiency syndrome"}),
    ("left ventricular ejection fraction (LVEF) < 50%", {"LVEF": "left ventricular ejection fraction"}),
    ("Eastern Cooperative Oncology Group (ECOG) performance status 0-1",
     {"ECOG": "Eastern Cooperative Oncology Group"}),
    ("prothrombin time (PT) > ULN", {"PT": "prothrombin time"}),
    ("No abbreviation here", {}),
    ("Crohn's disease (such as ulcerative colitis, Crohn's disease)", {}),  # a parenthesis that defines nothing
    ("Iconography (CT or MRI) shows obvious lung empty", {}),
])
def test_abbrev_long_forms(text, expected):
    assert long_forms(text) == expected


def test_abbrev_record_map_merges_criteria_first_definition_wins():
    texts = ["Non-small cell lung cancer (NSCLC)", "NSCLC stage IV", "Normal Saline Cancer Lung Cells (NSCLC)"]
    assert record_long_forms(texts) == {"NSCLC": "Non-small cell lung cancer"}


def test_abbrev_undefined_acronym_resolved_by_initials_across_criteria():
    texts = ["Progression after Immune Checkpoint Inhibitors treatment", "Resistance to prior ICIs"]
    assert record_long_forms(texts) == {"ICIs": "Immune Checkpoint Inhibitors"}


def test_abbrev_initials_need_a_unique_capitalised_run():
    texts = ["Immune Checkpoint Inhibitors or Intensive Care Intervention", "prior ICI use",
             "immune checkpoint inhibitors", "TNF blockers"]
    assert record_long_forms(texts) == {}


def test_abbrev_with_long_forms_sets_only_exact_short_forms():
    abbrevs = {"ICI": "Immune Checkpoint Inhibitor", "AIDS": "acquired immunodeficiency syndrome"}
    ents = [Entity("drug", "ICIs", (0, 4)), Entity("condition", "AIDS", (5, 9)),
            Entity("condition", "AIDS-related lymphoma", (10, 31)),
            Entity("condition", "AIDS", (32, 36), long_form="given")]
    out = with_long_forms(ents, abbrevs)
    assert [e.long_form for e in out] == ["Immune Checkpoint Inhibitor", "acquired immunodeficiency syndrome", None, "given"]
    assert [e.span for e in out] == [e.span for e in ents]
