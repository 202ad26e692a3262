"""Measurements, scores and scales added to models/measurements.jsonl: each criterion's threshold gets the
normalized name of its lexicon row (with comparator, value and unit as written), and the short forms left out
on purpose (ambiguous abbreviations) still name nothing."""
import pytest

import extractor

OPTIONS = extractor.Options(entities=False)


def _thresholds(criterion: str, section: str = "Inclusion Criteria:"):
    doc = extractor.parse_text(f"{section}\n* {criterion}\n", options=OPTIONS)
    return [t for c in doc.criteria for t in c.thresholds]


# (criterion, measurement name, measurement text, comparator, value, unit)
CASES = [
    # laboratory
    ("TSAT > 20%", "transferrin saturation", "TSAT", ">", 20, "%"),
    ("transferrin saturation < 20%", "transferrin saturation", "transferrin saturation", "<", 20, "%"),
    ("D-dimer > 0.5 µg/mL", "D-dimer", "D-dimer", ">", 0.5, "ug/mL"),
    ("blood eosinophil count ≥ 300 cells/µL", "eosinophil count", "blood eosinophil count", ">=", 300, "/uL"),
    ("mean corpuscular volume > 100 fL", "mean corpuscular volume", "mean corpuscular volume", ">", 100, "fL"),
    ("C-peptide ≥ 0.6 ng/mL", "C-peptide", "C-peptide", ">=", 0.6, "ng/mL"),
    ("β-hCG < 5 mIU/mL", "human chorionic gonadotropin", "β-hCG", "<", 5, "m[IU]/mL"),
    ("procalcitonin > 0.5 ng/mL", "procalcitonin", "procalcitonin", ">", 0.5, "ng/mL"),
    ("serum lactate > 2 mmol/L", "lactate", "serum lactate", ">", 2, "mmol/L"),
    ("17-OHP > 200 ng/dL", "17-hydroxyprogesterone", "17-OHP", ">", 200, "ng/dL"),
    ("CA 19-9 > 37 U/mL", "CA 19-9", "CA 19-9", ">", 37, "U/mL"),
    ("Lp(a) ≥ 125 nmol/L", "lipoprotein(a)", "Lp(a)", ">=", 125, "nmol/L"),
    ("non-HDL cholesterol ≥ 130 mg/dL", "non-HDL cholesterol", "non-HDL cholesterol", ">=", 130, "mg/dL"),
    ("IgG < 400 mg/dL", "immunoglobulin G", "IgG", "<", 400, "mg/dL"),
    ("C3 level < 90 mg/dL", "complement C3", "C3 level", "<", 90, "mg/dL"),
    ("blood lead level ≥ 5 µg/dL", "blood lead level", "blood lead level", ">=", 5, "ug/dL"),
    ("serum M-protein ≥ 0.5 g/dL", "serum M-protein", "serum M-protein", ">=", 0.5, "g/dL"),
    ("bone marrow blasts < 5%", "bone marrow blasts", "bone marrow blasts", "<", 5, "%"),
    ("hs-cTnT > 14 ng/L", "troponin", "hs-cTnT", ">", 14, "ng/L"),
    # blood gases, heart, lung, function
    ("PaO2/FiO2 < 300 mmHg", "PaO2/FiO2 ratio", "PaO2/FiO2", "<", 300, "mm[Hg]"),
    ("PaCO2 > 45 mmHg", "arterial carbon dioxide partial pressure", "PaCO2", ">", 45, "mm[Hg]"),
    ("FEV1/FVC < 0.70", "FEV1/FVC ratio", "FEV1/FVC", "<", 0.7, None),
    ("QRS duration ≥ 150 ms", "QRS duration", "QRS duration", ">=", 150, "ms"),
    ("PR interval > 200 ms", "PR interval", "PR interval", ">", 200, "ms"),
    ("6MWD ≥ 150 m", "6-minute walk distance", "6MWD", ">=", 150, "m"),
    ("gait speed < 0.8 m/s", "gait speed", "gait speed", "<", 0.8, "m/s"),
    ("birth weight < 1500 g", "birth weight", "birth weight", "<", 1500, "g"),
    # scores and scales
    ("MELD score ≥ 15", "Model for End-Stage Liver Disease score", "MELD score", ">=", 15, None),
    ("APACHE II score > 25", "APACHE II score", "APACHE II score", ">", 25, None),
    ("PASI ≥ 12", "Psoriasis Area and Severity Index score", "PASI", ">=", 12, None),
    ("EASI ≥ 16", "Eczema Area and Severity Index score", "EASI", ">=", 16, None),
    ("PHQ-9 ≥ 10", "Patient Health Questionnaire-9 score", "PHQ-9", ">=", 10, None),
    ("GAD-7 ≥ 10", "Generalized Anxiety Disorder-7 score", "GAD-7", ">=", 10, None),
    ("PANSS total score ≥ 70", "Positive and Negative Syndrome Scale score", "PANSS total score", ">=", 70, None),
    ("HAMD-17 ≥ 20", "Hamilton Depression Rating Scale score", "HAMD-17", ">=", 20, None),
    ("CDR global score ≥ 0.5", "Clinical Dementia Rating score", "CDR global score", ">=", 0.5, None),
    ("MDS-UPDRS Part III ≥ 20", "MDS-UPDRS Part III score", "MDS-UPDRS Part III", ">=", 20, None),
    ("ALSFRS-R ≥ 24", "ALS Functional Rating Scale-Revised score", "ALSFRS-R", ">=", 24, None),
    ("Tanner stage ≥ 2", "Tanner stage", "Tanner stage", ">=", 2, None),
    ("SLEDAI-2K ≥ 6", "Systemic Lupus Erythematosus Disease Activity Index score", "SLEDAI-2K", ">=", 6, None),
    ("Oswestry Disability Index ≥ 30%", "Oswestry Disability Index", "Oswestry Disability Index", ">=", 30, "%"),
    ("Kellgren-Lawrence grade ≥ 2", "Kellgren-Lawrence grade", "Kellgren-Lawrence grade", ">=", 2, None),
    ("BSA involvement ≥ 10%", "body surface area affected", "BSA involvement", ">=", 10, "%"),
    # oncology, eye, time-valued
    ("Ki-67 ≥ 20%", "Ki-67 index", "Ki-67", ">=", 20, "%"),
    ("SUVmax ≥ 2.5", "maximum standardized uptake value", "SUVmax", ">=", 2.5, None),
    ("PSA doubling time ≤ 10 months", "PSA doubling time", "PSA doubling time", "<=", 10, "mo"),
    ("central subfield thickness ≥ 325 µm", "central subfield thickness", "central subfield thickness", ">=", 325, "um"),
]


@pytest.mark.parametrize("criterion, name, m_text, comparator, value, unit", CASES, ids=[c[0] for c in CASES])
def test_new_lexicon_rows_name_the_threshold(criterion, name, m_text, comparator, value, unit):
    found = _thresholds(criterion)
    assert len(found) == 1
    t = found[0]
    assert (t.measurement.name, t.measurement.text, t.comparator, t.value, t.unit) == (name, m_text, comparator, value, unit)


def test_loinc_only_where_set():
    t = _thresholds("haptoglobin < 25 mg/dL")[0]
    assert (t.measurement.name, t.measurement.loinc) == ("haptoglobin", "4542-7")
    t = _thresholds("D-dimer > 0.5 µg/mL")[0]
    assert t.measurement.loinc is None


@pytest.mark.parametrize("criterion, m_text", [
    ("MCV > 100 fL", "MCV"),          # also a virus (molluscum contagiosum, Merkel cell)
    ("ODI > 30", "ODI"),              # Oswestry Disability Index or oxygen desaturation index
    ("NPI > 10", "NPI"),              # Neuropsychiatric Inventory or a provider identifier
    ("IPSS > 12", "IPSS"),            # prostate symptom score or myelodysplasia prognostic score
])
def test_ambiguous_short_forms_stay_unnamed(criterion, m_text):
    t = _thresholds(criterion)[0]
    assert (t.measurement.text, t.measurement.name) == (m_text, None)


def test_longer_rows_win_over_existing_ones():
    """A new row that extends an existing synonym takes the match: the PSA of a doubling time is no PSA
    value, a weight at birth no body weight, a non-HDL cholesterol no HDL cholesterol."""
    assert _thresholds("PSA doubling time < 6 months")[0].measurement.name == "PSA doubling time"
    assert _thresholds("birth weight ≥ 2000 grams")[0].measurement.name == "birth weight"
    assert _thresholds("non-HDL-C ≥ 100 mg/dL")[0].measurement.name == "non-HDL cholesterol"
    assert _thresholds("PSA > 4 ng/mL")[0].measurement.name == "prostate-specific antigen"


def test_lexicon_weight_loss_and_colon_ratio() -> None:
    from extractor import Options, parse_text
    doc = parse_text("Inclusion Criteria:\n* Weight loss > 10% within 6 months\n* Urine protein:creatinine ratio > 1.0 g/g\n",
                     options=Options(entities=False))
    first, second = (c.thresholds[0] for c in doc.criteria)
    assert (first.measurement.name, first.comparator, first.value, first.unit) == ("weight loss", ">", 10, "%")
    assert (second.measurement.name, second.value, second.unit) == ("urine protein to creatinine ratio", 1.0, "g/g")
