"""Write heldout7-cases.json: 90 hand-written criterion lines (blind probe 2, session 5).

Lines read like criteria of registries other than ClinicalTrials.gov (ChiCTR, CTRI, IRCT, jRCT, ReBEC,
EudraCT, PACTR) and of non-native English, plus one-line lab lists. Annotated per docs/eval.md
("Annotation conventions") without reading the extractor code, its tests or models.
Timeframe days: hour 1/24, day 1, week 7, month 30, year 365.
"""
import json
from pathlib import Path

SOURCE = "written by hand (blind probe 2, session 5)"
DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}


def T(text, comp, value, unit=None, meas=None, ref=None):
    """A threshold with one value."""
    assert comp != "between"
    return {"text": text, "comparator": comp, "value": value, "low": None, "high": None,
            "unit": unit, "reference": ref, "measurement": meas}


def B(text, low, high, unit=None, meas=None, ref=None):
    """A closed (inclusive) range."""
    return {"text": text, "comparator": "between", "value": None, "low": low, "high": high,
            "unit": unit, "reference": ref, "measurement": meas}


def W(text, value, unit, mode, direction=None, anchor=None, high=None):
    """A window: mode 'max' (within N), 'min' (at least / more than N), 'point' (bare N before X),
    'range' (value..high)."""
    f = DAYS[unit]
    if mode == "max":
        lo, hi = None, value * f
    elif mode == "min":
        lo, hi = value * f, None
    elif mode == "point":
        lo, hi = value * f, value * f
    elif mode == "range":
        lo, hi = value * f, high * f
    else:
        raise ValueError(mode)
    return {"text": text, "value": None if mode == "range" else value, "unit": unit,
            "min_days": lo, "max_days": hi, "direction": direction, "anchor": anchor}


I, E = "inclusion", "exclusion"
G9 = "10*9/L"
CASES = [
    # ---------------------------------------------------------------- ChiCTR-style (Chinese English)
    (I, "Aged 18-75 years old, male or female;",
     [B("Aged 18-75 years", 18, 75, "a", "age")], [],
     "'years old' after the range; the trailing semicolon of a ChiCTR list"),
    (I, "KPS≥70 and expected survival time ≥3 months;",
     [T("KPS≥70", ">=", 70, None, "Karnofsky performance status"),
      T("expected survival time ≥3 months", ">=", 3, "mo", "life expectancy")], [],
     "'expected survival time' is a life expectancy: a threshold in mo, not a window (judgment call on the wording)"),
    (I, "Routine blood test: WBC≥4.0×10^9/L, ANC≥1.5×10^9/L, PLT≥100×10^9/L, Hb≥90g/L;",
     [T("WBC≥4.0×10^9/L", ">=", 4.0, G9, "white blood cell count"),
      T("ANC≥1.5×10^9/L", ">=", 1.5, G9, "absolute neutrophil count"),
      T("PLT≥100×10^9/L", ">=", 100, G9, "platelet count"),
      T("Hb≥90g/L", ">=", 90, "g/L", "haemoglobin")], [],
     "glued symbols and units"),
    (I, "Liver and kidney function: TBIL≤1.5×ULN, ALT and AST≤2.5×ULN, Cr≤1.5 ULN;",
     [T("TBIL≤1.5×ULN", "<=", 1.5, None, "total bilirubin", "ULN"),
      T("ALT and AST≤2.5×ULN", "<=", 2.5, None, "ALT and AST", "ULN"),
      T("Cr≤1.5 ULN", "<=", 1.5, None, "serum creatinine", "ULN")], [],
     "'1.5 ULN' without a multiplication sign is still a multiple of ULN (judgment call)"),
    (I, "Age 18~70 years, ECOG PS score 0~1;",
     [B("Age 18~70 years", 18, 70, "a", "age"),
      B("ECOG PS score 0~1", 0, 1, None, "ECOG performance status")], [],
     "a tilde between two numbers is the Chinese range mark: between, like '18-70' (judgment call)"),
    (E, "Received chemotherapy, radiotherapy or targeted therapy within 4 weeks before the first administration;",
     [], [W("within 4 weeks before the first administration", 4, "week", "max", "before", "first administration")],
     "anchor written as it reads (it may be a lexicon synonym of 'first dose'; anchors are not scored)"),
    (E, "Uncontrolled hypertension (SBP>160mmHg or DBP>100mmHg after medication);",
     [T("SBP>160mmHg", ">", 160, "mm[Hg]", "systolic blood pressure"),
      T("DBP>100mmHg", ">", 100, "mm[Hg]", "diastolic blood pressure")], [],
     "numbers glued to comparator and unit"),
    (I, "Type 2 diabetes patients with HbA1c7.0-10.0% and FPG≤13.3mmol/L after diet and exercise for at least 8 weeks;",
     [B("HbA1c7.0-10.0%", 7.0, 10.0, "%", "HbA1c"),
      T("FPG≤13.3mmol/L", "<=", 13.3, "mmol/L", "fasting plasma glucose")],
     [W("for at least 8 weeks", 8, "week", "min", None, None)],
     "'Type 2' is a name; the range is glued to 'HbA1c' (the 1 of 'A1c' is part of the name); a duration without anchor: min_days, no direction"),
    (I, "18.5≤BMI<24.0 kg/m2, healthy volunteers of either sex;",
     [T("18.5≤BMI", ">=", 18.5, "kg/m2", "body mass index"),
      T("BMI<24.0 kg/m2", "<", 24.0, "kg/m2", "body mass index")], [],
     "a chained half-open range: two thresholds; the unit written once applies to both bounds (judgment call, as for a shared unit of a range)"),
    (E, "Women of childbearing age who refuse contraception during the trial and within 6 months after the end of treatment;",
     [], [W("within 6 months after the end of treatment", 6, "month", "max", "after", "end of treatment")],
     "'during the trial' has no number: not annotated"),
    (E, "Participated in other drug clinical trials within 3 months before grouping;",
     [], [W("within 3 months before grouping", 3, "month", "max", "before", "enrollment")],
     "'grouping' is enrollment (docs/eval.md)"),
    (I, "Ccr≥60ml/min (Cockcroft-Gault formula) and urine protein <2+;",
     [T("Ccr≥60ml/min", ">=", 60, "mL/min", "creatinine clearance"),
      T("urine protein <2+", "<", 2, None, "urine protein (dipstick)")], [],
     "'2+' is 2 (docs/eval.md); 'ml' written lower case is mL"),
    (E, "ALT、AST>3 times the upper limit of normal value, or TBIL>2 times ULN;",
     [T("AST>3 times the upper limit of normal", ">", 3, None, "ALT and AST", "ULN"),
      T("TBIL>2 times ULN", ">", 2, None, "total bilirubin", "ULN")], [],
     "an ideographic comma (、) joins ALT and AST: one threshold for both"),
    (I, "Age ≥18 and ≤80 years, gender unlimited;",
     [B("Age ≥18 and ≤80 years", 18, 80, "a", "age")], [],
     "a closed range written with two comparators is a between"),
    (I, "Patients whose age is between 18 years to 70 years, with histologically confirmed gastric adenocarcinoma",
     [B("between 18 years to 70 years", 18, 70, "a", "age")], [],
     "non-native 'between … to …' read as an inclusive range"),
    (I, "Clinical stage III to IV non-small cell lung cancer not suitable for radical surgery",
     [B("stage III to IV", 3, 4, None, "clinical stage")], [],
     "a Roman stage range is a between (docs/eval.md 'III to IV'); a bare stage was avoided in this set"),

    # ---------------------------------------------------------------- CTRI-style (India)
    (E, "Patients with Hb less than 8 gm/dl or history of blood transfusion in last 3 months",
     [T("Hb less than 8 gm/dl", "<", 8, "g/dL", "haemoglobin")],
     [W("in last 3 months", 3, "month", "max", "before", None)],
     "'gm/dl' is g/dL; 'in last 3 months' without an article is still 'last': before"),
    (E, "Systolic BP more than 160 mm of Hg or diastolic BP more than 100 mm of Hg",
     [T("Systolic BP more than 160 mm of Hg", ">", 160, "mm[Hg]", "systolic blood pressure"),
      T("diastolic BP more than 100 mm of Hg", ">", 100, "mm[Hg]", "diastolic blood pressure")], [],
     "'mm of Hg' is mm[Hg]"),
    (I, "Children aged 2 years to 12 years of either sex weighing more than 10 kg",
     [B("aged 2 years to 12 years", 2, 12, "a", "age"),
      T("weighing more than 10 kg", ">", 10, "kg", "body weight")], [],
     "the unit repeated on both ends of the range"),
    (E, "Serum creatinine >1.5 mg/dl or SGPT >3 times of upper normal limit",
     [T("Serum creatinine >1.5 mg/dl", ">", 1.5, "mg/dL", "serum creatinine"),
      T("SGPT >3 times of upper normal limit", ">", 3, None, "SGPT (ALT)", "ULN")], [],
     "'upper normal limit' is the ULN"),
    (E, "Known case of hepatic or renal impairment, or any major surgery during the last year",
     [], [W("during the last year", 1, "year", "max", "before", None)],
     "'the last year' is a one-year window without a digit: value 1, max_days 365, before (judgment call)"),

    # ---------------------------------------------------------------- IRCT-style (Iran)
    (I, "Gestational age of 37 to 42 weeks based on first trimester ultrasound",
     [B("Gestational age of 37 to 42 weeks", 37, 42, "wk", "gestational age")], [],
     "a gestational age is an age: a threshold in wk; 'first trimester' is no threshold"),
    (I, "TSH level between 0.5 and 4.5 mIU/L in the last thyroid function test",
     [B("TSH level between 0.5 and 4.5 mIU/L", 0.5, 4.5, "m[IU]/L", "TSH")], [],
     "mIU/L in UCUM is m[IU]/L"),
    # ---------------------------------------------------------------- jRCT-style (Japan)
    (I, "Patients aged ≧20 years at the time of obtaining informed consent",
     [T("aged ≧20 years", ">=", 20, "a", "age")], [],
     "'≧' is >=; 'at the time of obtaining informed consent' has no number"),
    (I, "Patients 20 years or older and younger than 80 years at the time of consent",
     [T("20 years or older", ">=", 20, "a", "age"),
      T("younger than 80 years", "<", 80, "a", "age")], [],
     "a half-open age range: two thresholds"),
    (I, "Patients with HbA1c (NGSP value) of 6.5% or more and less than 10.0%",
     [T("6.5% or more", ">=", 6.5, "%", "HbA1c"),
      T("less than 10.0%", "<", 10.0, "%", "HbA1c")], [],
     "a half-open range: two thresholds; NGSP names the standardisation"),
    (I, "Patients with eGFR ≧30 mL/min/1.73m2 in the latest test within 8 weeks before enrollment",
     [T("eGFR ≧30 mL/min/1.73m2", ">=", 30, "mL/min/{1.73_m2}", "eGFR")],
     [W("within 8 weeks before enrollment", 8, "week", "max", "before", "enrollment")],
     "'1.73m2' glued is part of the unit"),
    (E, "Patients with serum potassium ≦3.5 mEq/L or ≧5.5 mEq/L",
     [T("serum potassium ≦3.5 mEq/L", "<=", 3.5, "meq/L", "serum potassium"),
      T("≧5.5 mEq/L", ">=", 5.5, "meq/L", "serum potassium")], [],
     "'≦' is <=, '≧' is >=; mEq/L in UCUM is meq/L (judgment call on the code)"),
    (E, "Patients who received another investigational drug within 12 weeks before the date of consent",
     [], [W("within 12 weeks before the date of consent", 12, "week", "max", "before", "consent")],
     "'the date of consent' taken as the consent anchor (not scored)"),
    (E, "Patients who underwent major surgery within 28 days before registration",
     [], [W("within 28 days before registration", 28, "day", "max", "before", "registration")],
     "anchor written as it reads (a Japanese 'registration' is enrollment; anchors are not scored)"),

    # ---------------------------------------------------------------- ReBEC-style (Brazil)
    (I, "Individuals of both sexes, aged 18 to 59 years, with BMI between 18.5 and 29.9 kg/m²",
     [B("aged 18 to 59 years", 18, 59, "a", "age"),
      B("BMI between 18.5 and 29.9 kg/m²", 18.5, 29.9, "kg/m2", "body mass index")], [], None),
    (E, "Use of antibiotics in the last 30 days prior to the stool collection",
     [], [W("in the last 30 days prior to the stool collection", 30, "day", "max", "before", "stool collection")],
     None),
    (I, "Postmenopausal women (amenorrhea for at least 12 months)",
     [], [W("for at least 12 months", 12, "month", "min", None, None)],
     "a duration without anchor: min_days, no direction"),
    (I, "Mini-Mental State Examination score ≥ 24 points",
     [T("score ≥ 24 points", ">=", 24, None, "MMSE score")], [],
     "'points' of a score is no unit: null"),
    # ---------------------------------------------------------------- EudraCT-style (Europe)
    (I, "Haemoglobin ≥ 9,0 g/dl, neutrophils ≥ 1,5 x 10^9/l and platelets ≥ 100 x 10^9/l",
     [T("Haemoglobin ≥ 9,0 g/dl", ">=", 9.0, "g/dL", "haemoglobin"),
      T("neutrophils ≥ 1,5 x 10^9/l", ">=", 1.5, G9, "absolute neutrophil count"),
      T("platelets ≥ 100 x 10^9/l", ">=", 100, G9, "platelet count")], [],
     "European decimal commas; lower-case 'l' is L"),
    (I, "eGFR ≥ 45 ml/min/1,73 m² according to CKD-EPI",
     [T("eGFR ≥ 45 ml/min/1,73 m²", ">=", 45, "mL/min/{1.73_m2}", "eGFR")], [],
     "a decimal comma inside the unit (1,73 m²)"),
    (I, "E.4 Principal inclusion criteria: 1. Adult patients aged 18 years or older",
     [T("aged 18 years or older", ">=", 18, "a", "age")], [],
     "'E.4' (EudraCT section) and '1.' (item number) are labels, not thresholds"),
    (I, "Body weight 50,0 – 100,0 kg and BMI 18,0 – 30,0 kg/m²",
     [B("Body weight 50,0 – 100,0 kg", 50.0, 100.0, "kg", "body weight"),
      B("BMI 18,0 – 30,0 kg/m²", 18.0, 30.0, "kg/m2", "body mass index")], [],
     "decimal commas and spaced en dashes"),
    (E, "Systemic glucocorticoids at doses above 20 mg/d of prednisolone within 2 weeks prior to randomisation",
     [T("above 20 mg/d", ">", 20, "mg/d", "prednisolone dose")],
     [W("within 2 weeks prior to randomisation", 2, "week", "max", "before", "randomization")], None),

    # ---------------------------------------------------------------- PACTR-style (Africa)
    (I, "Children aged 6-59 months with uncomplicated P. falciparum malaria",
     [B("aged 6-59 months", 6, 59, "mo", "age")], [], None),
    (I, "Asexual parasite density of 1,000 to 200,000 parasites/µL",
     [B("1,000 to 200,000 parasites/µL", 1000, 200000, "/uL", "asexual parasite density")], [],
     "thousands separators; the counted thing is dropped from the unit, as 'cells/mm3' is '/mm3' (judgment call)"),
    (I, "Axillary temperature ≥ 37.5°C or history of fever in the previous 24 hours",
     [T("Axillary temperature ≥ 37.5°C", ">=", 37.5, "Cel", "body temperature")],
     [W("in the previous 24 hours", 24, "hour", "max", "before", None)], None),
    (E, "Severe acute malnutrition (weight-for-height Z-score < -3 or MUAC < 115 mm)",
     [T("Z-score < -3", "<", -3, None, "weight-for-height z-score"),
      T("MUAC < 115 mm", "<", 115, "mm", "mid-upper arm circumference")], [],
     "a negative value written with a hyphen-minus"),
    (I, "HIV-positive adults with CD4 count below 200 cells/mm3 and viral load ≥ 1000 copies/ml",
     [T("CD4 count below 200 cells/mm3", "<", 200, "/mm3", "CD4 count"),
      T("viral load ≥ 1000 copies/ml", ">=", 1000, "{copies}/mL", "HIV viral load")], [],
     "'CD4' is a name"),
    (I, "Neonates aged 0-7 days with birth weight ≥2000 g",
     [B("aged 0-7 days", 0, 7, "d", "age"),
      T("birth weight ≥2000 g", ">=", 2000, "g", "birth weight")], [],
     "a postnatal age in days is an age: a threshold in d"),

    # ---------------------------------------------------------------- lab-heavy oncology / haematology
    (I, "Adequate marrow function: ANC ≥1.5×10⁹/L, PLT ≥90×10⁹/L, Hb ≥9 g/dL (transfusion permitted)",
     [T("ANC ≥1.5×10⁹/L", ">=", 1.5, G9, "absolute neutrophil count"),
      T("PLT ≥90×10⁹/L", ">=", 90, G9, "platelet count"),
      T("Hb ≥9 g/dL", ">=", 9, "g/dL", "haemoglobin")], [],
     "superscript exponent"),
    (I, "RBC ≥3.5×10^12/L, reticulocytes <2% and LDH ≤2×ULN",
     [T("RBC ≥3.5×10^12/L", ">=", 3.5, "10*12/L", "red blood cell count"),
      T("reticulocytes <2%", "<", 2, "%", "reticulocytes"),
      T("LDH ≤2×ULN", "<=", 2, None, "LDH", "ULN")], [], None),
    (I, "Bone marrow blasts ≥20% or peripheral blood blasts ≥20% according to WHO 2016 classification",
     [T("Bone marrow blasts ≥20%", ">=", 20, "%", "bone marrow blasts"),
      T("peripheral blood blasts ≥20%", ">=", 20, "%", "peripheral blood blasts")], [],
     "'WHO 2016' names a classification edition (a year), not a threshold"),
    (I, "Severe haemophilia A with FVIII:C <1% and no history of inhibitor",
     [T("FVIII:C <1%", "<", 1, "%", "factor VIII activity")], [],
     "the Roman VIII of 'FVIII' is part of the factor's name, not a grade"),
    (E, "QTcF >480 ms on triplicate ECG or LVEF <50% by echocardiography",
     [T("QTcF >480 ms", ">", 480, "ms", "QTcF"),
      T("LVEF <50%", "<", 50, "%", "left ventricular ejection fraction")], [], None),
    (I, "Direct bilirubin =< ULN for subjects whose total bilirubin level is > 1.5 x ULN",
     [T("Direct bilirubin =< ULN", "<=", 1, None, "direct bilirubin", "ULN"),
      T("total bilirubin level is > 1.5 x ULN", ">", 1.5, None, "total bilirubin", "ULN")], [],
     "'=<' is <=; '=< ULN' without a multiple is 1 x ULN (as 'at least lower limit of normal' is >= 1 LLN in docs/eval.md)"),
    (I, "Age > or = 18 years and ECOG performance status =< 2",
     [T("Age > or = 18 years", ">=", 18, "a", "age"),
      T("ECOG performance status =< 2", "<=", 2, None, "ECOG performance status")], [],
     "'> or =' is >=, '=<' is <="),
    (I, "Serum creatinine less or equal to 1.5 mg/dL or measured creatinine clearance > 50 mL/min",
     [T("Serum creatinine less or equal to 1.5 mg/dL", "<=", 1.5, "mg/dL", "serum creatinine"),
      T("creatinine clearance > 50 mL/min", ">", 50, "mL/min", "creatinine clearance")], [],
     "non-native 'less or equal to' is <="),
    (I, "Hemoglobin not lower than 100 g/L and platelet count not less than 75×10^9/L within 7 days before enrollment",
     [T("Hemoglobin not lower than 100 g/L", ">=", 100, "g/L", "haemoglobin"),
      T("platelet count not less than 75×10^9/L", ">=", 75, G9, "platelet count")],
     [W("within 7 days before enrollment", 7, "day", "max", "before", "enrollment")],
     "'not lower than' and 'not less than' are >="),
    (I, "HbA1c up to and including 8.5% measured within 90 days prior to Visit 1",
     [T("HbA1c up to and including 8.5%", "<=", 8.5, "%", "HbA1c")],
     [W("within 90 days prior to Visit 1", 90, "day", "max", "before", "visit 1")],
     "'up to and including' is <=; 'Visit 1' is a visit label, the anchor"),
    (I, "Serum creatinine ≤ 133 µmol/L and uric acid ≤ 420 μmol/L",
     [T("Serum creatinine ≤ 133 µmol/L", "<=", 133, "umol/L", "serum creatinine"),
      T("uric acid ≤ 420 μmol/L", "<=", 420, "umol/L", "serum uric acid")], [],
     "micro sign (µ) in the first unit, Greek mu (μ) in the second"),
    (E, "ALT or AST > 80 U/L, or GGT > 150 IU/L",
     [T("ALT or AST > 80 U/L", ">", 80, "U/L", "ALT or AST"),
      T("GGT > 150 IU/L", ">", 150, "[IU]/L", "GGT")], [],
     "U/L and IU/L kept apart, as written"),
    (I, "HBV DNA ≥ 2×10^4 IU/mL if HBeAg positive, or ≥ 2000 IU/mL if HBeAg negative",
     [T("HBV DNA ≥ 2×10^4 IU/mL", ">=", 20000, "[IU]/mL", "HBV DNA"),
      T("≥ 2000 IU/mL", ">=", 2000, "[IU]/mL", "HBV DNA")], [],
     "2×10^4 is 20000"),
    (I, "PD-L1 tumour proportion score (TPS) ≥50% by the 22C3 assay",
     [T("(TPS) ≥50%", ">=", 50, "%", "PD-L1 tumour proportion score")], [],
     "'PD-L1' and '22C3' (an antibody clone) are names"),
    (I, "HER2-positive breast cancer (IHC 3+, or IHC 2+ with positive ISH)",
     [T("IHC 3+", "=", 3, None, "HER2 IHC score"),
      T("IHC 2+", "=", 2, None, "HER2 IHC score")], [],
     "an IHC score alone is '=' (docs/eval.md); the 2 of 'HER2' is part of the name"),
    (I, "Infants from 28 days to 23 months of age at the first vaccination",
     [T("from 28 days", ">=", 28, "d", "age"),
      T("23 months of age", "<=", 23, "mo", "age")], [],
     "a closed age range whose ends carry different units: two thresholds (as heldout6's judgment call)"),
    (I, "Children older than 3 months and younger than 5 years",
     [T("older than 3 months", ">", 3, "mo", "age"),
      T("younger than 5 years", "<", 5, "a", "age")], [],
     "an open range with two units: two thresholds"),
    (I, "Serum EPO ≤500 mU/mL and ferritin ≥100 ng/mL; vitamin B12 not below 200 pg/mL",
     [T("Serum EPO ≤500 mU/mL", "<=", 500, "mU/mL", "serum erythropoietin"),
      T("ferritin ≥100 ng/mL", ">=", 100, "ng/mL", "serum ferritin"),
      T("vitamin B12 not below 200 pg/mL", ">=", 200, "pg/mL", "vitamin B12")], [],
     "'not below' is >=; 'B12' is a name; mU/mL as written"),
    (I, "CD4+ T-cell count ≥350 cells/µL and HIV-1 RNA <200 copies/mL",
     [T("CD4+ T-cell count ≥350 cells/µL", ">=", 350, "/uL", "CD4 count"),
      T("HIV-1 RNA <200 copies/mL", "<", 200, "{copies}/mL", "HIV-1 RNA")], [],
     "'cells/µL' is '/uL' (as 'cells/mm3' is '/mm3'); the '+' of 'CD4+' is a marker, not a grade"),

    # ---------------------------------------------------------------- timeframe-heavy lines
    (E, "Blood donation of more than 400 mL in the 3 months prior to signing informed consent",
     [T("more than 400 mL", ">", 400, "mL", "blood donation volume")],
     [W("in the 3 months prior to signing informed consent", 3, "month", "max", "before", "consent")],
     "anchor: informed consent taken as 'consent' (not scored)"),
    (I, "More than 6 months since the last chemotherapy for recurrent disease",
     [], [W("More than 6 months since the last chemotherapy", 6, "month", "min", "after", "last chemotherapy")],
     "'since' is after (docs/eval.md)"),
    (I, "Stopped any weight-loss medication with at least 14 days washout",
     [], [W("at least 14 days washout", 14, "day", "min", None, None)],
     "a washout duration without anchor: min_days, no direction (judgment call)"),
    (I, "Negative urine pregnancy test 72 hours before dosing",
     [], [W("72 hours before dosing", 72, "hour", "point", "before", "dosing")],
     "a bare 'N hours before X' is a point (docs/eval.md): min_days = max_days = 3"),
    (E, "Major surgery within 28d prior to the first dose of study drug",
     [], [W("within 28d prior to the first dose of study drug", 28, "day", "max", "before", "first dose")],
     "'28d' is 28 days, the unit glued"),
    (I, "Acute ischemic stroke with NIHSS score 4-25, treatable no later than 6 hours after symptom onset",
     [B("NIHSS score 4-25", 4, 25, None, "NIHSS score")], [W("no later than 6 hours after symptom onset", 6, "hour", "max", "after", "symptom onset")],
     "'no later than N after' bounds the window: max_days 0.25"),
    (I, "Surgery scheduled 4-8 weeks after completion of neoadjuvant chemoradiotherapy",
     [], [W("4-8 weeks after completion of neoadjuvant chemoradiotherapy", 4, "week", "range", "after",
            "completion of neoadjuvant chemoradiotherapy", high=8)],
     "a range of weeks: both bounds, value null"),
    (I, "At least 1 year after kidney transplantation with stable graft function",
     [], [W("At least 1 year after kidney transplantation", 1, "year", "min", "after", "kidney transplantation")],
     None),
    (E, "Radiotherapy to more than 25% of bone marrow within 4 weeks of enrollment",
     [T("more than 25%", ">", 25, "%", "irradiated bone marrow")],
     [W("within 4 weeks of enrollment", 4, "week", "max", None, "enrollment")],
     "'of' states no direction"),
    (I, "Stable dose of levothyroxine for more than 3 months",
     [], [W("for more than 3 months", 3, "month", "min", None, None)],
     "a duration without anchor: min_days, no direction"),
    (E, "Myocardial infarction during the 6 months preceding screening or NYHA class III-IV heart failure",
     [B("NYHA class III-IV", 3, 4, None, "NYHA class")],
     [W("during the 6 months preceding screening", 6, "month", "max", "before", "screening")], None),
    (E, "Hospitalization for any cause in the 30 days before Day 1",
     [], [W("in the 30 days before Day 1", 30, "day", "max", "before", "day 1")], None),
    (I, "Patients presenting within 12 hours of chest pain onset with hs-troponin T >14 ng/L",
     [T("hs-troponin T >14 ng/L", ">", 14, "ng/L", "high-sensitivity troponin T")], [W("within 12 hours of chest pain onset", 12, "hour", "max", None, "chest pain onset")],
     "'of' states no direction"),
    (E, "Anti-cancer therapy ≤ 21 days before C1D1",
     [], [W("≤ 21 days before C1D1", 21, "day", "max", "before", "cycle 1 day 1")],
     "'≤' before a duration bounds the window like 'within'; C1D1 is cycle 1 day 1 (docs/eval.md)"),
    (I, "Prior platinum-based chemotherapy ended ≥ 6 months before randomization",
     [], [W("≥ 6 months before randomization", 6, "month", "min", "before", "randomization")], None),
    (I, "Onset of influenza-like symptoms between 2 and 10 days before randomization",
     [], [W("between 2 and 10 days before randomization", 2, "day", "range", "before", "randomization", high=10)],
     "a window written as a range: both bounds, value null"),
    (E, "Acute infection requiring intravenous antibiotics in the last 48 hours",
     [], [W("in the last 48 hours", 48, "hour", "max", "before", None)], None),
    (I, "Diabetes duration of at least 6 months, on metformin ≥1500 mg/day for ≥8 weeks before screening",
     [T("metformin ≥1500 mg/day", ">=", 1500, "mg/d", "metformin dose")],
     [W("at least 6 months", 6, "month", "min", None, None),
      W("for ≥8 weeks before screening", 8, "week", "min", "before", "screening")],
     "'duration of at least 6 months' is a duration without anchor: a window with min_days and no direction, not a threshold (docs/eval.md makes only life expectancy a threshold; judgment call)"),

    # ---------------------------------------------------------------- numbers that are not thresholds
    (I, "Histologically confirmed NSCLC harbouring an EGFR exon 19 deletion or exon 21 L858R mutation",
     [], [], "'exon 19', 'exon 21' and 'L858R' are names"),
    (I, "ALK-rearranged or ROS1-positive tumour confirmed by FISH",
     [], [], "'ROS1' is a gene name"),
    (E, "Concomitant use of strong CYP3A4 inhibitors or inducers, or P-gp substrates",
     [], [], "'CYP3A4' is an enzyme name"),
    (E, "Prophylactic G-CSF or GM-CSF is not permitted during cycle 1",
     [], [], "'cycle 1' is a label: no number of days, no window"),
    (I, "CD20-positive diffuse large B-cell lymphoma (ICD-10 code C83.3)",
     [], [], "'CD20', 'ICD-10' and 'C83.3' are names and codes"),
    (I, "KRAS G12C mutation detected in tumour tissue by a validated PCR assay",
     [], [], "'G12C' names a mutation"),
    (E, "Known del(17p), TP53 mutation or t(11;14) translocation",
     [], [], "'17p', 'TP53' and 't(11;14)' are cytogenetic and gene names"),
    (I, "HPV16-positive oropharyngeal squamous cell carcinoma confirmed by p16 immunohistochemistry",
     [], [], "'HPV16' and 'p16' are names"),
]


def main():
    cases = []
    for n, (kind, text, th, tf, note) in enumerate(CASES, 1):
        case = {"id": f"heldout7-{n}", "source": SOURCE, "kind": kind, "text": text,
                "thresholds": th, "timeframes": tf, "known_failure": None}
        if note:
            case["note"] = note
        cases.append(case)
    doc = {"description": (
        f"{len(cases)} criterion lines written by hand (blind probe 2, session 5) in the styles of registries "
        "other than ClinicalTrials.gov (ChiCTR, CTRI, IRCT, jRCT, ReBEC, EudraCT, PACTR) and of non-native "
        "English, with one-line lab lists, glued symbols, unusual comparators and units; annotated per "
        "docs/eval.md without reading the extractor code, its tests or models, and without running the "
        "parser. See /work/heldout7/README.md."),
        "cases": cases}
    out = Path(__file__).with_name("heldout7-cases.json")
    out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    n_th = sum(len(c["thresholds"]) for c in cases)
    n_tf = sum(len(c["timeframes"]) for c in cases)
    w_th = sum(bool(c["thresholds"]) for c in cases)
    w_tf = sum(bool(c["timeframes"]) for c in cases)
    both = sum(bool(c["thresholds"]) and bool(c["timeframes"]) for c in cases)
    neither = sum(not c["thresholds"] and not c["timeframes"] for c in cases)
    print(f"cases {len(cases)} (inclusion {sum(c['kind'] == I for c in cases)}, exclusion "
          f"{sum(c['kind'] == E for c in cases)}); with thresholds {w_th} ({n_th}); with timeframes {w_tf} "
          f"({n_tf}); both {both}; neither {neither}; notes {sum('note' in c for c in cases)}")


if __name__ == "__main__":
    main()
