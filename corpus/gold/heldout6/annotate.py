#!/usr/bin/env python3
"""Write heldout6-cases.json: 90 criterion lines written by hand (blind probe, session 5).

Conventions: docs/eval.md ("The gold set", "Scoring", "Annotation conventions", "known_failure").
Days per unit: hour 1/24, day 1, week 7, month 30, year 365.
"""
import json
from pathlib import Path

SOURCE = "written by hand (blind probe, session 5)"
DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}
CASES = []


def T(text, cmp, value=None, low=None, high=None, unit=None, ref=None, meas=None):
    return {"text": text, "comparator": cmp, "value": value, "low": low, "high": high,
            "unit": unit, "reference": ref, "measurement": meas}


def F(text, value, unit, bound, direction=None, anchor=None, other=None):
    """bound: 'max' (within N), 'min' (at least / more than N), 'point' (N before X),
    'range' (value is (lo, hi), value null in the gold)."""
    if bound == "range":
        lo, hi = value
        return {"text": text, "value": None, "unit": unit, "min_days": lo * DAYS[unit],
                "max_days": hi * DAYS[unit], "direction": direction, "anchor": anchor}
    d = value * DAYS[unit]
    lo = d if bound in ("min", "point") else None
    hi = d if bound in ("max", "point") else None
    return {"text": text, "value": value, "unit": unit, "min_days": lo, "max_days": hi,
            "direction": direction, "anchor": anchor}


def case(kind, text, thresholds=(), timeframes=(), note=None, known_failure=None):
    c = {"id": f"heldout6-{len(CASES) + 1}", "source": SOURCE, "kind": kind, "text": text,
         "thresholds": list(thresholds), "timeframes": list(timeframes),
         "known_failure": known_failure}
    if note:
        c["note"] = note
    CASES.append(c)


I, E = "inclusion", "exclusion"

# ----------------------------------------------------------------------------- cardiology
case(E, "Myocardial infarction, unstable angina, PCI or CABG within 90 days before randomisation",
     timeframes=[F("within 90 days before randomisation", 90, "day", "max", "before", "randomization")],
     note="British spelling 'randomisation': anchor written in its canonical form")
case(E, "QTcF >450 msec in men or >470 msec in women on the screening ECG",
     [T("QTcF >450 msec", ">", 450, unit="ms", meas="QTcF"),
      T(">470 msec", ">", 470, unit="ms", meas="QTcF")])
case(I, "Chronic heart failure in NYHA functional class II–IV, diagnosed at least 3 months before screening",
     [T("NYHA functional class II–IV", "between", low=2, high=4, meas="NYHA class")],
     [F("at least 3 months before screening", 3, "month", "min", "before", "screening")],
     note="Roman classes with an en dash: between 2..4")
case(I, "Fasting LDL-C ≥ 70 mg/dL (1.8 mmol/L) despite a maximally tolerated statin taken for at least 4 weeks",
     [T("LDL-C ≥ 70 mg/dL", ">=", 70, unit="mg/dL", meas="LDL cholesterol"),
      T("1.8 mmol/L", ">=", 1.8, unit="mmol/L", meas="LDL cholesterol")],
     [F("for at least 4 weeks", 4, "week", "min")],
     note="the parenthesis restates the threshold in SI units: '≥' governs it too (as 'in excess of' governing both numbers); a duration of treatment: min_days, no direction")
case(E, "Resting heart rate below 50 beats per minute or above 110 beats per minute",
     [T("Resting heart rate below 50 beats per minute", "<", 50, unit="{beats}/min", meas="heart rate"),
      T("above 110 beats per minute", ">", 110, unit="{beats}/min", meas="heart rate")],
     note="judgment call on the unit: 'beats per minute' as written, UCUM with an annotation, like '{cigarettes}/d'")
case(I, "At least one hospitalisation for heart failure in the past 12 months",
     [T("At least one hospitalisation", ">=", 1, meas="heart failure hospitalisations")],
     [F("in the past 12 months", 12, "month", "max", "before")],
     note="a count of events (as 'at least one measurable lesion'); no anchor written")

# ----------------------------------------------------------------------------- nephrology
case(I, "eGFR ≥25 and <75 mL/min/1.73 m² (CKD-EPI 2021 equation)",
     [T("eGFR ≥25", ">=", 25, unit="mL/min/{1.73_m2}", meas="eGFR"),
      T("<75 mL/min/1.73 m²", "<", 75, unit="mL/min/{1.73_m2}", meas="eGFR")],
     note="a half-open range: two thresholds, the unit written once applies to both; 'CKD-EPI 2021' is an equation's name and year")
case(I, "Proteinuria of at least 1.0 g/24 h on a 24-hour urine collection despite maximal RAS blockade",
     [T("Proteinuria of at least 1.0 g/24 h", ">=", 1.0, unit="g/(24.h)", meas="urine protein excretion")],
     note="'24-hour urine collection' names the test: neither a threshold nor a window (judgment call)")
case(E, "Kidney transplant recipient, on maintenance dialysis, or dialysis expected within the next 6 months",
     timeframes=[F("within the next 6 months", 6, "month", "max")],
     note="'next' is not among the direction words of docs/eval.md: direction null, no anchor")
case(E, "Acute kidney injury requiring dialysis in the past 3 months",
     timeframes=[F("in the past 3 months", 3, "month", "max", "before")])

# ----------------------------------------------------------------------------- hepatology
case(E, "ALT or AST > 5 x ULN, or total bilirubin > 2 x ULN unless due to Gilbert's syndrome",
     [T("ALT or AST > 5 x ULN", ">", 5, ref="ULN", meas="ALT or AST"),
      T("total bilirubin > 2 x ULN", ">", 2, ref="ULN", meas="total bilirubin")])
case(E, "Average alcohol intake exceeding 30 g/day in men or 20 g/day in women during the 2 years preceding screening",
     [T("exceeding 30 g/day", ">", 30, unit="g/d", meas="alcohol intake"),
      T("20 g/day", ">", 20, unit="g/d", meas="alcohol intake")],
     [F("during the 2 years preceding screening", 2, "year", "max", "before", "screening")],
     note="'exceeding' governs both numbers; 'during the N years preceding' bounds the window: max_days")
case(I, "Platelet count ≥ 60 000/mm³ and serum albumin ≥ 3,0 g/dL",
     [T("Platelet count ≥ 60 000/mm³", ">=", 60000, unit="/mm3", meas="platelet count"),
      T("serum albumin ≥ 3,0 g/dL", ">=", 3.0, unit="g/dL", meas="serum albumin")],
     note="a space as thousands separator (60 000) and a European decimal comma (3,0)")
case(I, "Total bilirubin not exceeding 1.5 times the upper limit of normal and INR not exceeding 1.7",
     [T("Total bilirubin not exceeding 1.5 times the upper limit of normal", "<=", 1.5, ref="ULN", meas="total bilirubin"),
      T("INR not exceeding 1.7", "<=", 1.7, meas="INR")],
     note="'not exceeding' is <= (as 'no greater than')")

# ----------------------------------------------------------------------------- diabetes / endocrinology
case(I, "HbA1c ≥7.0% and ≤10.5% (53–91 mmol/mol) at screening",
     [T("HbA1c ≥7.0% and ≤10.5%", "between", low=7.0, high=10.5, unit="%", meas="HbA1c"),
      T("53–91 mmol/mol", "between", low=53, high=91, unit="mmol/mol", meas="HbA1c")],
     note="a closed range with two comparators is a between; the IFCC restatement in parentheses is a second between")
case(I, "On a stable dose of metformin (≥1500 mg/day or maximum tolerated dose) for at least 90 days prior to screening",
     [T("≥1500 mg/day", ">=", 1500, unit="mg/d", meas="metformin dose")],
     [F("for at least 90 days prior to screening", 90, "day", "min", "before", "screening")])
case(E, "Two or more episodes of severe hypoglycaemia in the past 6 months",
     [T("Two or more episodes", ">=", 2, meas="severe hypoglycaemia episodes")],
     [F("in the past 6 months", 6, "month", "max", "before")],
     note="a spelled count")
case(I, "BMI 27,0–45,0 kg/m2 inclusive",
     [T("BMI 27,0–45,0 kg/m2", "between", low=27.0, high=45.0, unit="kg/m2", meas="body mass index")],
     note="European decimal commas and an en dash")
case(I, "Serum 25-hydroxyvitamin D level less than 20 ng/mL",
     [T("25-hydroxyvitamin D level less than 20 ng/mL", "<", 20, unit="ng/mL", meas="25-hydroxyvitamin D")],
     note="'25-hydroxy' is part of the analyte's name")
case(I, "Total daily insulin requirement no more than 1.5 U/kg/day",
     [T("no more than 1.5 U/kg/day", "<=", 1.5, unit="U/kg/d", meas="total daily insulin dose")],
     note="compound dose unit as written, 'day' as 'd' (as 'mg/kg/d')")

# ----------------------------------------------------------------------------- psychiatry / neurology
case(I, "Inadequate response to at least two antidepressant treatments given at an adequate dose for ≥ 6 weeks each in the current episode",
     [T("at least two antidepressant treatments", ">=", 2, meas="prior antidepressant treatments")],
     [F("for ≥ 6 weeks", 6, "week", "min")],
     note="a duration of each treatment written with a symbol: min_days 42, no direction or anchor (judgment call: read as a window, like 'for at least 6 months')")
case(I, "HAM-D17 total score of 20 or higher",
     [T("total score of 20 or higher", ">=", 20, meas="HAM-D17 total score")],
     note="the 17 of 'HAM-D17' is part of the scale's name")
case(I, "Expanded Disability Status Scale (EDSS) score of 0 to 5.5 at screening",
     [T("score of 0 to 5.5", "between", low=0, high=5.5, meas="EDSS score")])
case(I, "At least one documented relapse within the previous 12 months, or at least two relapses within the previous 24 months",
     [T("At least one documented relapse", ">=", 1, meas="relapses"),
      T("at least two relapses", ">=", 2, meas="relapses")],
     [F("within the previous 12 months", 12, "month", "max", "before"),
      F("within the previous 24 months", 24, "month", "max", "before")])
case(I, "MMSE score of 20–26 inclusive and a CDR global score of 0.5",
     [T("MMSE score of 20–26", "between", low=20, high=26, meas="MMSE score"),
      T("CDR global score of 0.5", "=", 0.5, meas="CDR global score")],
     note="a bare score value is '='")
case(E, "Any seizure within 6 months before screening (febrile seizures in childhood are allowed)",
     timeframes=[F("within 6 months before screening", 6, "month", "max", "before", "screening")])
case(I, "On a stable dose of antiseizure medication for ≥ 8 weeks prior to the baseline visit",
     timeframes=[F("for ≥ 8 weeks prior to the baseline visit", 8, "week", "min", "before", "baseline")],
     note="'baseline visit' taken as the lexicon's 'baseline' (as 'screening visit' -> 'screening'; anchor not scored); stable for at least 8 weeks before baseline: min_days 56, before (as 'for greater than or equal to 12 weeks before randomization')")
case(E, "Suicidal ideation with intent (C-SSRS item 4 or 5) in the past 6 months, or any suicidal behaviour within the last 2 years",
     timeframes=[F("in the past 6 months", 6, "month", "max", "before"),
                 F("within the last 2 years", 2, "year", "max", "before")],
     note="'item 4 or 5' names questionnaire items (labels), not thresholds")

# ----------------------------------------------------------------------------- infectious disease / HIV / HBV / HCV
case(I, "HIV-1 RNA <50 copies/mL for at least 6 months before screening on a stable antiretroviral regimen",
     [T("HIV-1 RNA <50 copies/mL", "<", 50, unit="{copies}/mL", meas="HIV-1 RNA")],
     [F("for at least 6 months before screening", 6, "month", "min", "before", "screening")],
     note="'HIV-1' is a name")
case(I, "HBsAg positive for at least 6 months and HBV DNA ≥ 20 000 IU/mL",
     [T("HBV DNA ≥ 20 000 IU/mL", ">=", 20000, unit="[IU]/mL", meas="HBV DNA")],
     [F("for at least 6 months", 6, "month", "min")],
     note="a duration of infection: min_days, no direction; a space as thousands separator")
case(I, "HCV RNA > 1 x 10^4 IU/mL at screening",
     [T("HCV RNA > 1 x 10^4 IU/mL", ">", 10000, unit="[IU]/mL", meas="HCV RNA")],
     note="scientific notation: 1 x 10^4 is 10000")
case(I, "Fever (oral temperature ≥38.0°C or 100.4°F) within 24 hours before randomization",
     [T("oral temperature ≥38.0°C", ">=", 38.0, unit="Cel", meas="body temperature"),
      T("100.4°F", ">=", 100.4, unit="[degF]", meas="body temperature")],
     [F("within 24 hours before randomization", 24, "hour", "max", "before", "randomization")],
     note="the Fahrenheit value restates the threshold: '≥' governs it too")
case(I, "Onset of COVID-19 symptoms no more than 5 days before randomization",
     timeframes=[F("no more than 5 days before randomization", 5, "day", "max", "before", "randomization")],
     note="'COVID-19' is a name; 'no more than N days before' bounds the window: max_days")
case(I, "Positive SARS-CoV-2 test on a sample collected ≤72 hours prior to randomization",
     timeframes=[F("≤72 hours prior to randomization", 72, "hour", "max", "before", "randomization")],
     note="'SARS-CoV-2' is a name; '≤' before a duration bounds the window like 'within'")
case(I, "SpO2 ≤ 93% on room air or respiratory rate ≥ 30 breaths/min",
     [T("SpO2 ≤ 93%", "<=", 93, unit="%", meas="oxygen saturation"),
      T("respiratory rate ≥ 30 breaths/min", ">=", 30, unit="{breaths}/min", meas="respiratory rate")],
     note="the 2 of 'SpO2' is part of the name; unit as written with a UCUM annotation (judgment call)")

# ----------------------------------------------------------------------------- pediatrics
case(I, "Healthy infants aged 6 to 12 weeks at the time of the first vaccination",
     [T("aged 6 to 12 weeks", "between", low=6, high=12, unit="wk", meas="age")],
     note="an age in weeks is a threshold, not a window")
case(I, "Children aged 6 months to 5 years",
     [T("aged 6 months", ">=", 6, unit="mo", meas="age"),
      T("5 years", "<=", 5, unit="a", meas="age")],
     note="a closed age range whose ends carry different units: two thresholds, each in its own unit (as 'Over 6 months to under 21 years')")
case(I, "Neonates ≤ 28 days of age with culture-proven late-onset sepsis",
     [T("≤ 28 days of age", "<=", 28, unit="d", meas="age")],
     note="a postnatal age in days: a threshold with unit d, not a window")
case(I, "Preterm infants born at 24 0/7 to 29 6/7 weeks of gestation with a birth weight ≥ 500 g",
     [T("24 0/7 to 29 6/7 weeks", "between", low=24, high=29 + 6 / 7, unit="wk", meas="gestational age"),
      T("birth weight ≥ 500 g", ">=", 500, unit="g", meas="birth weight")],
     note="weeks + sevenths (as '27 6/7'); a gestational age is an age: a threshold in weeks")
case(I, "Body weight ≥ 10 kg and height-for-age z-score above −2",
     [T("Body weight ≥ 10 kg", ">=", 10, unit="kg", meas="body weight"),
      T("z-score above −2", ">", -2, meas="height-for-age z-score")],
     note="a negative value written with a Unicode minus sign")
case(I, "Age 2 to <18 years at the time of informed consent",
     [T("Age 2", ">=", 2, unit="a", meas="age"),
      T("<18 years", "<", 18, unit="a", meas="age")],
     note="a half-open range: two thresholds, the unit written once applies to both; 'at the time of informed consent' has no number")
case(E, "Receipt of any live attenuated vaccine within 4 weeks before enrolment",
     timeframes=[F("within 4 weeks before enrolment", 4, "week", "max", "before", "enrollment")])
case(I, "Children between 5 and 11 years of age (inclusive) weighing at least fifteen kilograms",
     [T("between 5 and 11 years of age", "between", low=5, high=11, unit="a", meas="age"),
      T("at least fifteen kilograms", ">=", 15, unit="kg", meas="body weight")],
     note="a spelled number with a spelled-out unit")

# ----------------------------------------------------------------------------- obstetrics
case(I, "Singleton pregnancy between 11+0 and 13+6 weeks of gestation",
     [T("between 11+0 and 13+6 weeks", "between", low=11, high=13 + 6 / 7, unit="wk", meas="gestational age")],
     note="'13+6' is 13 weeks and 6 days (the obstetric weeks+days notation), 13.857 weeks; judgment call: read like '27 6/7'")
case(I, "Maternal age of eighteen years or above",
     [T("age of eighteen years or above", ">=", 18, unit="a", meas="age")])
case(E, "Caesarean section or other uterine surgery within the last 18 months",
     timeframes=[F("within the last 18 months", 18, "month", "max", "before")])
case(I, "Pregnant women at 24–28 weeks' gestation with fasting plasma glucose of 5.1–6.9 mmol/L",
     [T("24–28 weeks", "between", low=24, high=28, unit="wk", meas="gestational age"),
      T("fasting plasma glucose of 5.1–6.9 mmol/L", "between", low=5.1, high=6.9, unit="mmol/L", meas="fasting plasma glucose")],
     note="a gestational age is an age: a threshold in weeks, not a window")
case(I, "Women within 6 weeks after delivery who are breastfeeding",
     timeframes=[F("within 6 weeks after delivery", 6, "week", "max", "after", "delivery")])
case(I, "Pregnant women with haemoglobin no less than 11 g/dL at enrolment",
     [T("haemoglobin no less than 11 g/dL", ">=", 11, unit="g/dL", meas="haemoglobin")],
     note="'no less than' is >=")

# ----------------------------------------------------------------------------- ophthalmology
case(I, "Best-corrected visual acuity ETDRS letter score of 78 to 24 letters in the study eye",
     [T("letter score of 78 to 24 letters", "between", low=24, high=78, meas="BCVA ETDRS letter score")],
     note="a range written high to low: low 24, high 78; a letter score is a score: unit null (judgment call)")
case(I, "Central subfield thickness ≥ 325 μm on SD-OCT",
     [T("Central subfield thickness ≥ 325 μm", ">=", 325, unit="um", meas="central subfield thickness")])
case(E, "Intravitreal anti-VEGF injection in the study eye within 90 days prior to Day 1",
     timeframes=[F("within 90 days prior to Day 1", 90, "day", "max", "before", "day 1")],
     note="'Day 1' is a study-day label, the anchor")
case(I, "Intraocular pressure ≥ 22 mmHg and ≤ 34 mmHg in the study eye after washout",
     [T("Intraocular pressure ≥ 22 mmHg and ≤ 34 mmHg", "between", low=22, high=34, unit="mm[Hg]", meas="intraocular pressure")],
     note="a closed range written with two comparators is a between")
case(E, "Cataract surgery in the study eye within 3 months before screening",
     timeframes=[F("within 3 months before screening", 3, "month", "max", "before", "screening")])

# ----------------------------------------------------------------------------- hematology
case(I, "Haemoglobin < 10,0 g/dL and serum ferritin < 100 µg/L",
     [T("Haemoglobin < 10,0 g/dL", "<", 10.0, unit="g/dL", meas="haemoglobin"),
      T("serum ferritin < 100 µg/L", "<", 100, unit="ug/L", meas="serum ferritin")],
     note="European decimal comma")
case(I, "Platelet count < 30 × 10⁹/L on two occasions at least 7 days apart",
     [T("Platelet count < 30 × 10⁹/L", "<", 30, unit="10*9/L", meas="platelet count"),
      T("two occasions", "=", 2, meas="number of measurements")],
     [F("at least 7 days apart", 7, "day", "min")],
     note="'two occasions' is a bare count (docs/eval.md lists occasions among counts): '='; the interval between the counts is a duration: min_days 7, no direction or anchor (judgment call)")
case(I, "Measurable disease: serum M-protein ≥ 0.5 g/dL or urine M-protein ≥ 200 mg/24 h",
     [T("serum M-protein ≥ 0.5 g/dL", ">=", 0.5, unit="g/dL", meas="serum M-protein"),
      T("urine M-protein ≥ 200 mg/24 h", ">=", 200, unit="mg/(24.h)", meas="urine M-protein")])
case(I, "ANC ≥1.0x10^9/L and platelets ≥75x10^9/L (≥50x10^9/L if bone marrow involvement ≥50%)",
     [T("ANC ≥1.0x10^9/L", ">=", 1.0, unit="10*9/L", meas="absolute neutrophil count"),
      T("platelets ≥75x10^9/L", ">=", 75, unit="10*9/L", meas="platelet count"),
      T("≥50x10^9/L", ">=", 50, unit="10*9/L", meas="platelet count"),
      T("bone marrow involvement ≥50%", ">=", 50, unit="%", meas="bone marrow involvement")],
     note="glued symbols and 'x'")
case(E, "Allogeneic stem cell transplantation within 100 days before the first dose",
     timeframes=[F("within 100 days before the first dose", 100, "day", "max", "before", "first dose")])
case(I, "Haemoglobin ≥ 10 g/dL and absolute neutrophil count ≥ 1.5 x 109/L within 28 days prior to randomization",
     [T("Haemoglobin ≥ 10 g/dL", ">=", 10, unit="g/dL", meas="haemoglobin"),
      T("absolute neutrophil count ≥ 1.5 x 109/L", ">=", 1.5, unit="10*9/L", meas="absolute neutrophil count")],
     [F("within 28 days prior to randomization", 28, "day", "max", "before", "randomization")],
     note="'109/L' is 10^9/L with the superscript lost")

# ----------------------------------------------------------------------------- oncology
case(I, "ECOG performance status ≤1 and life expectancy ≥ 12 weeks",
     [T("ECOG performance status ≤1", "<=", 1, meas="ECOG performance status"),
      T("life expectancy ≥ 12 weeks", ">=", 12, unit="wk", meas="life expectancy")],
     note="a life expectancy is a threshold, not a window")
case(I, "Adequate organ function: ANC ≥ 1500/μL, hemoglobin ≥ 9.0 g/dL, AST and ALT ≤ 2.5 × ULN (≤ 5 × ULN with liver metastases), creatinine clearance ≥ 50 mL/min",
     [T("ANC ≥ 1500/μL", ">=", 1500, unit="/uL", meas="absolute neutrophil count"),
      T("hemoglobin ≥ 9.0 g/dL", ">=", 9.0, unit="g/dL", meas="hemoglobin"),
      T("AST and ALT ≤ 2.5 × ULN", "<=", 2.5, ref="ULN", meas="AST and ALT"),
      T("≤ 5 × ULN", "<=", 5, ref="ULN", meas="AST and ALT"),
      T("creatinine clearance ≥ 50 mL/min", ">=", 50, unit="mL/min", meas="creatinine clearance")])
case(I, "Disease progression on or after 1 to 3 prior lines of systemic therapy for advanced disease",
     [T("1 to 3 prior lines", "between", low=1, high=3, meas="prior lines of systemic therapy")])
case(E, "Symptomatic CNS metastases, or brain metastases treated less than 4 weeks before enrolment",
     timeframes=[F("less than 4 weeks before enrolment", 4, "week", "max", "before", "enrollment")],
     note="treated less than 4 weeks before: the window is at most 28 days")
case(E, "Another malignancy that required active treatment in the past 3 years, except adequately treated basal cell carcinoma of the skin",
     timeframes=[F("in the past 3 years", 3, "year", "max", "before")])
case(I, "No more than one prior line of chemotherapy for metastatic disease, completed at least 21 days before study entry",
     [T("No more than one prior line", "<=", 1, meas="prior lines of chemotherapy")],
     [F("at least 21 days before study entry", 21, "day", "min", "before", "study entry")])

case(E, "Unresolved toxicity of NCI CTCAE grade II or higher from prior anticancer therapy, except alopecia",
     [T("grade II or higher", ">=", 2, meas="toxicity grade")],
     note="a Roman grade is a number")

# ----------------------------------------------------------------------------- respiratory
case(I, "Post-bronchodilator FEV1/FVC < 0.70 and FEV1 ≥ 30% and < 80% of predicted",
     [T("FEV1/FVC < 0.70", "<", 0.70, meas="FEV1/FVC ratio"),
      T("FEV1 ≥ 30%", ">=", 30, unit="%", meas="FEV1 % predicted"),
      T("< 80% of predicted", "<", 80, unit="%", meas="FEV1 % predicted")],
     note="a ratio without unit; a half-open range: two thresholds; the 1 of 'FEV1' is part of the name")
case(I, "At least 2 moderate or 1 severe COPD exacerbation in the 12 months prior to screening",
     [T("At least 2 moderate", ">=", 2, meas="moderate exacerbations"),
      T("1 severe", ">=", 1, meas="severe exacerbations")],
     [F("in the 12 months prior to screening", 12, "month", "max", "before", "screening")],
     note="'At least' governs both counts (as 'no more than' governing both numbers)")
case(I, "6-minute walk distance between 150 and 450 metres at screening",
     [T("walk distance between 150 and 450 metres", "between", low=150, high=450, unit="m", meas="6-minute walk distance")],
     note="'6-minute' names the test, it is neither a threshold nor a window")

# ----------------------------------------------------------------------------- rheumatology
case(I, "≥6 swollen joints (of 66) and ≥6 tender joints (of 68) at screening and baseline",
     [T("≥6 swollen joints", ">=", 6, meas="swollen joint count"),
      T("≥6 tender joints", ">=", 6, meas="tender joint count")],
     note="'(of 66)' and '(of 68)' name the joint counts used (66/68-joint counts), not thresholds (judgment call)")
case(I, "DAS28-CRP > 5.1 and hs-CRP ≥ 10 mg/L",
     [T("DAS28-CRP > 5.1", ">", 5.1, meas="DAS28-CRP"),
      T("hs-CRP ≥ 10 mg/L", ">=", 10, unit="mg/L", meas="hs-CRP")],
     note="the 28 of 'DAS28' is part of the name")
case(I, "Methotrexate 15–25 mg/week for at least 12 weeks, at a stable dose for ≥4 weeks prior to baseline",
     [T("Methotrexate 15–25 mg/week", "between", low=15, high=25, unit="mg/wk", meas="methotrexate dose")],
     [F("for at least 12 weeks", 12, "week", "min"),
      F("for ≥4 weeks prior to baseline", 4, "week", "min", "before", "baseline")])
case(E, "Oral prednisone > 10 mg/day or equivalent within 4 weeks of baseline",
     [T("prednisone > 10 mg/day", ">", 10, unit="mg/d", meas="prednisone dose")],
     [F("within 4 weeks of baseline", 4, "week", "max", None, "baseline")],
     note="'of' states no direction")
case(I, "BASDAI ≥ 4 and spinal pain score ≥ 4 on a 0–10 numeric rating scale",
     [T("BASDAI ≥ 4", ">=", 4, meas="BASDAI"),
      T("spinal pain score ≥ 4", ">=", 4, meas="spinal pain score")],
     note="'0–10' is the span of the rating scale, not a constraint: no threshold (judgment call)")

# ----------------------------------------------------------------------------- vaccines
case(I, "Healthy adults aged 18 through 49 years on the day of enrolment",
     [T("aged 18 through 49 years", "between", low=18, high=49, unit="a", meas="age")],
     note="'through' is an inclusive range")
case(E, "Receipt of any licensed vaccine within 14 days before the first study vaccination",
     timeframes=[F("within 14 days before the first study vaccination", 14, "day", "max", "before", "first study vaccination")])
case(E, "Previous vaccination with any pneumococcal polysaccharide vaccine within 5 years",
     timeframes=[F("within 5 years", 5, "year", "max")],
     note="no direction word and no anchor (as 'within 5 years')")
case(I, "Enrolment no earlier than 14 days after the last dose of any COVID-19 vaccine",
     timeframes=[F("no earlier than 14 days after the last dose", 14, "day", "min", "after", "last dose of any covid-19 vaccine")],
     note="'no earlier than N days after' is at least N days after: min_days; 'COVID-19' is a name")
case(I, "Toddlers 12–15 months of age at enrolment",
     [T("12–15 months of age", "between", low=12, high=15, unit="mo", meas="age")])

# ----------------------------------------------------------------------------- neither (numbers that are names, versions, dates)
case(I, "Measurable disease according to RECIST 1.1",
     note="'RECIST 1.1' is a version")
case(I, "Adults with type 2 diabetes mellitus treated with diet and exercise alone",
     note="'type 2' is a name")
case(E, "Hospitalised for COVID-19 or requiring supplemental oxygen because of COVID-19",
     note="'COVID-19' is a name")
case(E, "Co-infection with HIV-1, HIV-2 or hepatitis D virus",
     note="'HIV-1', 'HIV-2' are names")
case(E, "Prior exposure to an NS5A inhibitor or an NS3/4A protease inhibitor",
     note="'NS5A' and 'NS3/4A' are protein names (the slash is no ratio)")
case(I, "Diagnosis of schizophrenia according to DSM-5 criteria, confirmed with the MINI version 7.0.2",
     note="'DSM-5' is a name, '7.0.2' a version")
case(E, "Participation in a Phase 1 or Phase 2 trial of another anti-IL-23 antibody",
     note="'Phase 1', 'Phase 2' are labels; 'IL-23' is a name")
case(I, "Documented deleterious germline BRCA1 or BRCA2 mutation",
     note="'BRCA1', 'BRCA2' are gene names")
case(I, "Received the 2024–2025 Northern Hemisphere seasonal influenza vaccine",
     note="'2024–2025' is a season, a calendar-year range, not a threshold")
case(E, "HLA-B*57:01 positive or known G6PD deficiency",
     note="'HLA-B*57:01' is an allele name; 'G6PD' an enzyme name")


def main():
    data = {
        "description": ("90 criterion lines written by hand across therapeutic areas and phrasing styles (blind probe, "
                        "session 5), annotated per docs/eval.md without reading the extractor code, its tests or "
                        "models, and without running the parser. See /work/heldout6/README.md."),
        "cases": CASES,
    }
    out = Path(__file__).with_name("heldout6-cases.json")
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    n_th = sum(len(c["thresholds"]) for c in CASES)
    n_tf = sum(len(c["timeframes"]) for c in CASES)
    print(f"cases {len(CASES)} thresholds {n_th} timeframes {n_tf}")
    print("with thresholds", sum(bool(c["thresholds"]) for c in CASES),
          "with timeframes", sum(bool(c["timeframes"]) for c in CASES),
          "both", sum(bool(c["thresholds"]) and bool(c["timeframes"]) for c in CASES),
          "neither", sum(not c["thresholds"] and not c["timeframes"] for c in CASES))


if __name__ == "__main__":
    main()
