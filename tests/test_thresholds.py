"""find_thresholds: one row per phrase, asserting every field of every threshold found."""
from __future__ import annotations

import pytest

from extractor.thresholds import find_thresholds

# (criterion text, [(text, comparator, value, low, high, unit, unit_text, reference, measurement name), ...])
U = None
COMPARATORS = [
    ("Hemoglobin < 9 g/dL", [("Hemoglobin < 9 g/dL", "<", 9, U, U, "g/dL", "g/dL", U, "hemoglobin")]),
    ("Creatinine ≤ 1.5 mg/dL", [("Creatinine ≤ 1.5 mg/dL", "<=", 1.5, U, U, "mg/dL", "mg/dL", U, "creatinine")]),
    ("Creatinine =< 1.5 mg/dL", [("Creatinine =< 1.5 mg/dL", "<=", 1.5, U, U, "mg/dL", "mg/dL", U, "creatinine")]),
    ("Age >= 18", [("Age >= 18", ">=", 18, U, U, U, U, U, "age")]),
    ("Platelets ⩾ 100 x 10^9/L",
     [("Platelets ⩾ 100 x 10^9/L", ">=", 100, U, U, "10*9/L", "10^9/L", U, "platelet count")]),
    ("Platelets ≧ 100,000/mm3", [("Platelets ≧ 100,000/mm3", ">=", 100000, U, U, "/mm3", "/mm3", U, "platelet count")]),
    ("INR>1.5", [("INR>1.5", ">", 1.5, U, U, U, U, U, "international normalized ratio")]),
    # an abbreviation ending in N is no "N" (normal) reference before the comparator
    ("BUN < 30 mg/dL", [("BUN < 30 mg/dL", "<", 30, U, U, "mg/dL", "mg/dL", U, "blood urea nitrogen")]),
    # a person older or younger than a bare number: an age, its unit not written
    ("Patients older than 18", [("older than 18", ">", 18, U, U, U, U, U, "age")]),
    ("Patients older than 2.5", [("older than 2.5", ">", 2.5, U, U, U, U, U, U)]),
    ("BUN less than 25 mg/dL",
     [("BUN less than 25 mg/dL", "<", 25, U, U, "mg/dL", "mg/dL", U, "blood urea nitrogen")]),
    # a slash before a capitalised word separates two limits; it is no denominator
    ("SBP < 80 mmHg / Mean arterial pressure < 50 mmHg",
     [("SBP < 80 mmHg", "<", 80, U, U, "mm[Hg]", "mmHg", U, "systolic blood pressure"),
      ("Mean arterial pressure < 50 mmHg", "<", 50, U, U, "mm[Hg]", "mmHg", U, "mean arterial pressure")]),
    ("SBP≥ 150 mmHg", [("SBP≥ 150 mmHg", ">=", 150, U, U, "mm[Hg]", "mmHg", U, "systolic blood pressure")]),
    ("DBP≥100 mmHg", [("DBP≥100 mmHg", ">=", 100, U, U, "mm[Hg]", "mmHg", U, "diastolic blood pressure")]),
    ("150 mmHg systolic", [("150 mmHg", "=", 150, U, U, "mm[Hg]", "mmHg", U, "systolic blood pressure")]),
    ("Total bilirubin \\>= 1.5 x ULN",
     [("Total bilirubin \\>= 1.5 x ULN", ">=", 1.5, U, U, U, U, "ULN", "total bilirubin")]),
    ("Hemoglobin \\< 9 g/dL", [("Hemoglobin \\< 9 g/dL", "<", 9, U, U, "g/dL", "g/dL", U, "hemoglobin")]),
    ("Creatinine clearance \\> 60 mL/min",
     [("Creatinine clearance \\> 60 mL/min", ">", 60, U, U, "mL/min", "mL/min", U, "creatinine clearance")]),
    ("creatinine clearance \\<=30 mL/min",
     [("creatinine clearance \\<=30 mL/min", "<=", 30, U, U, "mL/min", "mL/min", U, "creatinine clearance")]),
    ("creatinine clearance of more than 50 mL/min",
     [("more than 50 mL/min", ">", 50, U, U, "mL/min", "mL/min", U, "creatinine clearance")]),
    ("hemoglobin greater than 10 g/dL",
     [("hemoglobin greater than 10 g/dL", ">", 10, U, U, "g/dL", "g/dL", U, "hemoglobin")]),
    ("no more than 2 prior regimens", [("no more than 2", "<=", 2, U, U, U, U, U, "prior lines of therapy")]),
    ("AST not exceeding 2.5 x ULN",
     [("AST not exceeding 2.5 x ULN", "<=", 2.5, U, U, U, U, "ULN", "aspartate aminotransferase")]),
    ("BMI of 30 kg/m2 or greater", [("30 kg/m2 or greater", ">=", 30, U, U, "kg/m2", "kg/m2", U, "body mass index")]),
    ("hemoglobin 9 g/dL or less", [("hemoglobin 9 g/dL or less", "<=", 9, U, U, "g/dL", "g/dL", U, "hemoglobin")]),
    ("grade 3 or beyond", [("grade 3 or beyond", ">=", 3, U, U, U, U, U, "CTCAE grade")]),
    ("hemoglobin above 10 g/dL", [("hemoglobin above 10 g/dL", ">", 10, U, U, "g/dL", "g/dL", U, "hemoglobin")]),
    ("platelets below 50 x 10^9/L",
     [("platelets below 50 x 10^9/L", "<", 50, U, U, "10*9/L", "10^9/L", U, "platelet count")]),
    ("weight over 50 kg", [("weight over 50 kg", ">", 50, U, U, "kg", "kg", U, "body weight")]),
    ("BMI under 35 kg/m2", [("BMI under 35 kg/m2", "<", 35, U, U, "kg/m2", "kg/m2", U, "body mass index")]),
    ("up to 3 prior regimens", [("up to 3", "<=", 3, U, U, U, U, U, "prior lines of therapy")]),
    ("ALT exceeding 5 x ULN", [("ALT exceeding 5 x ULN", ">", 5, U, U, U, U, "ULN", "alanine aminotransferase")]),
    ("LVEF higher than 50%",
     [("LVEF higher than 50%", ">", 50, U, U, "%", "%", U, "left ventricular ejection fraction")]),
    ("eGFR less than 30 mL/min/1.73m2",
     [("eGFR less than 30 mL/min/1.73m2", "<", 30, U, U, "mL/min/{1.73_m2}", "mL/min/1.73m2", U,
       "estimated glomerular filtration rate")]),
    ("ALT ≥ 2 times ULN", [("ALT ≥ 2 times ULN", ">=", 2, U, U, U, U, "ULN", "alanine aminotransferase")]),
    ("ECOG 1 or better", [("ECOG 1 or better", "<=", 1, U, U, U, U, U, "ECOG performance status")]),
    ("T-score ≤ -2.5", [("T-score ≤ -2.5", "<=", -2.5, U, U, U, U, U, "T-score")]),
    ("resting SBP less than (<) 90mmHg",
     [("SBP less than (<) 90mmHg", "<", 90, U, U, "mm[Hg]", "mmHg", U, "systolic blood pressure")]),
    ("glucose major than 200 mg/dl", [("glucose major than 200 mg/dl", ">", 200, U, U, "mg/dL", "mg/dl", U, "glucose")]),
    ("platelet count >_100,000/mm3",
     [("platelet count >_100,000/mm3", ">=", 100000, U, U, "/mm3", "/mm3", U, "platelet count")]),
    ("isoproterenol of less than -5 mV", [("less than -5 mV", "<", -5, U, U, "mV", "mV", U, U)]),
    ("greater than 180mmHg systolic and 110mmHg diastolic BP",
     [("greater than 180mmHg", ">", 180, U, U, "mm[Hg]", "mmHg", U, "systolic blood pressure"),
      ("110mmHg", ">", 110, U, U, "mm[Hg]", "mmHg", U, "diastolic blood pressure")]),
    ("Hemoglobin (Hb) < 115 g/L (7.1 mM) in women",
     [("< 115 g/L", "<", 115, U, U, "g/L", "g/L", U, "hemoglobin"),
      ("7.1 mM", "<", 7.1, U, U, "mmol/L", "mM", U, "hemoglobin")]),
]

RANGES = [
    ("ECOG 0-1", [("ECOG 0-1", "between", U, 0, 1, U, U, U, "ECOG performance status")]),
    ("ECOG PS: 0-1", [("ECOG PS: 0-1", "between", U, 0, 1, U, U, U, "ECOG performance status")]),
    ("ECOG performance status 0 to 2",
     [("ECOG performance status 0 to 2", "between", U, 0, 2, U, U, U, "ECOG performance status")]),
    ("ECOG 0 or 1", [("ECOG 0 or 1", "between", U, 0, 1, U, U, U, "ECOG performance status")]),
    ("ECOG PS score: 0\\~1", [("ECOG PS score: 0\\~1", "between", U, 0, 1, U, U, U, "ECOG performance status")]),
    ("aged between 18 and 75 years",
     [("aged between 18 and 75 years", "between", U, 18, 75, "a", "years", U, "age")]),
    ("aged 18–65 years", [("aged 18–65 years", "between", U, 18, 65, "a", "years", U, "age")]),
    ("18-45 years", [("18-45 years", "between", U, 18, 45, "a", "years", U, "age")]),
    ("NYHA III to IV", [("NYHA III to IV", "between", U, 3, 4, U, U, U, "NYHA functional class")]),
    ("NYHA I-II functional status", [("NYHA I-II", "between", U, 1, 2, U, U, U, "NYHA functional class")]),
    ("grade III to IV", [("grade III to IV", "between", U, 3, 4, U, U, U, "CTCAE grade")]),
    ("grade 2-4 neutropenia", [("grade 2-4", "between", U, 2, 4, U, U, U, "absolute neutrophil count")]),
    ("HbA1c 7.0-10.0%", [("HbA1c 7.0-10.0%", "between", U, 7.0, 10.0, "%", "%", U, "hemoglobin A1c")]),
]

NUMBERS = [
    ("WBC ≥ 1×10⁹/L", [("WBC ≥ 1×10⁹/L", ">=", 1, U, U, "10*9/L", "10^9/L", U, "white blood cell count")]),
    ("ANC ≥ 1.5 x 10^9/L",
     [("ANC ≥ 1.5 x 10^9/L", ">=", 1.5, U, U, "10*9/L", "10^9/L", U, "absolute neutrophil count")]),
    ("ANC≥1.5×10\\^9/L", [("ANC≥1.5×10\\^9/L", ">=", 1.5, U, U, "10*9/L", "10^9/L", U, "absolute neutrophil count")]),
    ("neutrophils ≥ 1.5 10^9/L",
     [("neutrophils ≥ 1.5 10^9/L", ">=", 1.5, U, U, "10*9/L", "10^9/L", U, "absolute neutrophil count")]),
    ("PLT≥100×109/L", [("PLT≥100×109/L", ">=", 100, U, U, "10*9/L", "10^9/L", U, "platelet count")]),
    ("platelets ≥ 100 x103/L", [("platelets ≥ 100 x103/L", ">=", 100, U, U, "10*3/L", "10^3/L", U, "platelet count")]),
    ("HBV DNA > 1 x 104 copy/ml",
     [("HBV DNA > 1 x 104 copy/ml", ">", 10000, U, U, "{copies}/mL", "copy/ml", U, "hepatitis B virus DNA")]),
    ("HCV-RNA ≥ 10 ³ copies/mL",
     [("HCV-RNA ≥ 10 ³ copies/mL", ">=", 1000, U, U, "{copies}/mL", "copies/mL", U, "hepatitis C virus RNA")]),
    ("ANC ≥ 10^9/L", [("ANC ≥ 10^9/L", ">=", 1, U, U, "10*9/L", "10^9/L", U, "absolute neutrophil count")]),
    ("platelet counts less than 140 x 10(9)/L",
     [("platelet counts less than 140 x 10(9)/L", "<", 140, U, U, "10*9/L", "10^9/L", U, "platelet count")]),
    ("hemoglobin ≥ 9,5 g/dL", [("hemoglobin ≥ 9,5 g/dL", ">=", 9.5, U, U, "g/dL", "g/dL", U, "hemoglobin")]),
    ("ANC ≥ 1,500/µL", [("ANC ≥ 1,500/µL", ">=", 1500, U, U, "/uL", "/µL", U, "absolute neutrophil count")]),
    ("more than half tablespoon", [("more than half tablespoon", ">", 0.5, U, U, "[tbs_us]", "tablespoon", U, U)]),
    ("failed two or more lines of chemotherapy", [("two or more", ">=", 2, U, U, U, U, U, "prior lines of therapy")]),
    ("urine protein quantity≥ 1.0 g during 24 hours",
     [("urine protein quantity≥ 1.0 g during 24 hours", ">=", 1.0, U, U, "g/(24.h)", "g during 24 hours", U,
       "urine protein quantity")]),
    ("proteinuria < 1 g/24h", [("proteinuria < 1 g/24h", "<", 1, U, U, "g/(24.h)", "g/24h", U, "proteinuria")]),
]

UNITS = [
    ("creatinine ≤ 133 µmol/L", [("creatinine ≤ 133 µmol/L", "<=", 133, U, U, "umol/L", "µmol/L", U, "creatinine")]),
    ("bilirubin ≤ 25 μmol/L", [("bilirubin ≤ 25 μmol/L", "<=", 25, U, U, "umol/L", "μmol/L", U, "total bilirubin")]),
    ("potassium ≥ 3.5 mmol/L", [("potassium ≥ 3.5 mmol/L", ">=", 3.5, U, U, "mmol/L", "mmol/L", U, "potassium")]),
    ("CD4 count > 200 /uL", [("CD4 count > 200 /uL", ">", 200, U, U, "/uL", "/uL", U, "CD4 count")]),
    ("HIV viral load < 50 copies/mL",
     [("HIV viral load < 50 copies/mL", "<", 50, U, U, "{copies}/mL", "copies/mL", U, "HIV viral load")]),
    ("HBV DNA < 2000 IU/mL", [("HBV DNA < 2000 IU/mL", "<", 2000, U, U, "[IU]/mL", "IU/mL", U, "hepatitis B virus DNA")]),
    ("BMI ≥ 18.5 kg/m2", [("BMI ≥ 18.5 kg/m2", ">=", 18.5, U, U, "kg/m2", "kg/m2", U, "body mass index")]),
    ("tumor size ≥ 2 cm", [("tumor size ≥ 2 cm", ">=", 2, U, U, "cm", "cm", U, "tumor size")]),
    ("lesion ≥ 10 mm", [("lesion ≥ 10 mm", ">=", 10, U, U, "mm", "mm", U, "tumor size")]),
    ("QTcF > 470 ms", [("QTcF > 470 ms", ">", 470, U, U, "ms", "ms", U, "QTc interval")]),
    ("QTc > 480 msec", [("QTc > 480 msec", ">", 480, U, U, "ms", "msec", U, "QTc interval")]),
    ("AST ≤ 100 U/L", [("AST ≤ 100 U/L", "<=", 100, U, U, "U/L", "U/L", U, "aspartate aminotransferase")]),
    ("PSA ≥ 2 ng/mL", [("PSA ≥ 2 ng/mL", ">=", 2, U, U, "ng/mL", "ng/mL", U, "prostate-specific antigen")]),
    ("BNP > 100 pg/mL", [("BNP > 100 pg/mL", ">", 100, U, U, "pg/mL", "pg/mL", U, "B-type natriuretic peptide")]),
    ("fibrinogen ≥ 1.5 g/L", [("fibrinogen ≥ 1.5 g/L", ">=", 1.5, U, U, "g/L", "g/L", U, "fibrinogen")]),
    ("neutrophils ≥ 1.5 G/L", [("neutrophils ≥ 1.5 G/L", ">=", 1.5, U, U, "10*9/L", "G/L", U, "absolute neutrophil count")]),
    ("heart rate < 50 bpm", [("heart rate < 50 bpm", "<", 50, U, U, "/min", "bpm", U, "heart rate")]),
    ("SpO2 ≥ 92%", [("SpO2 ≥ 92%", ">=", 92, U, U, "%", "%", U, "oxygen saturation")]),
]

RELATIVE = [
    ("> 1.5 × ULN", [("> 1.5 × ULN", ">", 1.5, U, U, U, U, "ULN", U)]),
    ("≤ 2.5 times the upper limit of normal", [("≤ 2.5 times the upper limit of normal", "<=", 2.5, U, U, U, U, "ULN", U)]),
    ("AST < 5 x ULN in case of liver metastases",
     [("AST < 5 x ULN", "<", 5, U, U, U, U, "ULN", "aspartate aminotransferase")]),
    ("ALT 3x ULN", [("ALT 3x ULN", "=", 3, U, U, U, U, "ULN", "alanine aminotransferase")]),
    ("ALT ≤ 3xULN", [("ALT ≤ 3xULN", "<=", 3, U, U, U, U, "ULN", "alanine aminotransferase")]),
    ("PT > ULN + 4 seconds", [("PT > ULN + 4 seconds", ">", 4, U, U, "s", "seconds", "ULN", "prothrombin time")]),
    ("PT > 3 seconds above ULN", [("PT > 3 seconds above ULN", ">", 3, U, U, "s", "seconds", "ULN", "prothrombin time")]),
    ("viral load greater than 5,000 and less than 100,000 copies/ml",
     [("viral load greater than 5,000", ">", 5000, U, U, "{copies}/mL", "copies/ml", U, "viral load"),
      ("less than 100,000 copies/ml", "<", 100000, U, U, "{copies}/mL", "copies/ml", U, "viral load")]),
    ("aspartate aminotransferase more than three times normal",
     [("aspartate aminotransferase more than three times normal", ">", 3, U, U, U, U, "ULN",
       "aspartate aminotransferase")]),
    ("APTT ULN > 1.5", [("APTT ULN > 1.5", ">", 1.5, U, U, U, U, "ULN", "activated partial thromboplastin time")]),
    ("Total bilirubin ≤ 1.5 times greater than the upper limit of normal",
     [("Total bilirubin ≤ 1.5 times greater than the upper limit of normal", "<=", 1.5, U, U, U, U, "ULN",
       "total bilirubin")]),
    ("AST > 3×ULN (tumor liver metastasis ≥ 5×ULN)",
     [("AST > 3×ULN", ">", 3, U, U, U, U, "ULN", "aspartate aminotransferase"),
      ("≥ 5×ULN", ">=", 5, U, U, U, U, "ULN", "aspartate aminotransferase")]),
    ("bilirubin ≤ ULN", [("bilirubin ≤ ULN", "<=", 1, U, U, U, U, "ULN", "total bilirubin")]),
    ("ASAT or ALAT > 5N", [("ASAT or ALAT > 5N", ">", 5, U, U, U, U, "ULN", "aspartate aminotransferase or alanine aminotransferase")]),
    ("total bilirubin ≤1.5 UNL", [("total bilirubin ≤1.5 UNL", "<=", 1.5, U, U, U, U, "ULN", "total bilirubin")]),
    ("creatinine ≤ 1.5 x institutional upper limit of normal (ULN)",
     [("creatinine ≤ 1.5 x institutional upper limit of normal (ULN)", "<=", 1.5, U, U, U, U, "ULN", "creatinine")]),
    ("ALT≤2.5×ULN (≤5×ULN with liver metastases)",
     [("ALT≤2.5×ULN", "<=", 2.5, U, U, U, U, "ULN", "alanine aminotransferase"),
      ("≤5×ULN", "<=", 5, U, U, U, U, "ULN", "alanine aminotransferase")]),
]

ORDINALS = [
    ("grade II or above", [("grade II or above", ">=", 2, U, U, U, U, U, "CTCAE grade")]),
    ("grade II or greater peripheral neuropathy",
     [("grade II or greater", ">=", 2, U, U, U, U, U, "peripheral neuropathy grade")]),
    ("toxicity over level 1 in CTC AE (4.0)", [("toxicity over level 1", ">", 1, U, U, U, U, U, "adverse event grade")]),
    ("greater than CTCAE v5.0 grade 1 toxicity",
     [("greater than CTCAE v5.0 grade 1", ">", 1, U, U, U, U, U, "adverse event grade")]),
    ("Child-Pugh A", [("Child-Pugh A", "between", U, 5, 6, U, U, U, "Child-Pugh score")]),
    ("Child-Pugh B7", [("Child-Pugh B7", "=", 7, U, U, U, U, U, "Child-Pugh score")]),
    ("Child-Pugh class A or B", [("Child-Pugh class A or B", "between", U, 5, 9, U, U, U, "Child-Pugh score")]),
    ("urine protein ≥ ++", [("urine protein ≥ ++", ">=", 2, U, U, U, U, U, "urine protein")]),
    ("fecal occult blood ++ or above", [("fecal occult blood ++ or above", ">=", 2, U, U, U, U, U, "fecal occult blood")]),
    ("urine protein 1+", [("urine protein 1+", "=", 1, U, U, U, U, U, "urine protein")]),
    ("proteinuria ≥ 2+", [("proteinuria ≥ 2+", ">=", 2, U, U, U, U, U, "proteinuria")]),
    ("Karnofsky performance status ≥ 70",
     [("Karnofsky performance status ≥ 70", ">=", 70, U, U, U, U, U, "Karnofsky performance status")]),
    ("KPS ≥ 70%", [("KPS ≥ 70%", ">=", 70, U, U, "%", "%", U, "Karnofsky performance status")]),
    ("WHO performance status ≤ 2", [("WHO performance status ≤ 2", "<=", 2, U, U, U, U, U, "WHO performance status")]),
    ("NYHA class II or less", [("NYHA class II or less", "<=", 2, U, U, U, U, U, "NYHA functional class")]),
    ("grade 1/2 toxicity", [("grade 1/2", "between", U, 1, 2, U, U, U, "adverse event grade")]),
    ("NYHA class III/IV", [("NYHA class III/IV", "between", U, 3, 4, U, U, U, "NYHA functional class")]),
    ("critical limb ischemia (Rutherford class 4-6)", [("class 4-6", "between", U, 4, 6, U, U, U, U)]),
    ("ASA physical status I-III", [("ASA physical status I-III", "between", U, 1, 3, U, U, U, "ASA physical status")]),
    ("New York Heart Association (NYHA) III and IV",
     [("III and IV", "between", U, 3, 4, U, U, U, "NYHA functional class")]),
]

COUNTS = [
    ("at least 2 consecutive treatment cycles", [("at least 2", ">=", 2, U, U, U, U, U, "treatment cycles")]),
    ("≥ 3 prior regimens", [("≥ 3", ">=", 3, U, U, U, U, U, "prior lines of therapy")]),
    ("Have failed for two times or beyond of platinum two drugs chemotherapy",
     [("two times or beyond", ">=", 2, U, U, U, U, U, "prior platinum chemotherapy failures")]),
    ("At least one measurable lesion", [("At least one", ">=", 1, U, U, U, U, U, "number of lesions")]),
]

AGE_AND_LIFE = [
    ("aged 18 to 75 years", [("aged 18 to 75 years", "between", U, 18, 75, "a", "years", U, "age")]),
    ("≥ 18 years old", [("≥ 18 years old", ">=", 18, U, U, "a", "years", U, "age")]),
    ("adults (18+)", [("18+", ">=", 18, U, U, U, U, U, "age")]),
    ("18 years of age or older", [("18 years of age or older", ">=", 18, U, U, "a", "years", U, "age")]),
    ("Men and women ≥ 18 years", [("≥ 18 years", ">=", 18, U, U, "a", "years", U, "age")]),
    ("45y or older", [("45y or older", ">=", 45, U, U, "a", "y", U, "age")]),
    ("Under the age of 15", [("Under the age of 15", "<", 15, U, U, U, U, U, "age")]),
    ("Expected Survival Time: Over 3 months",
     [("Expected Survival Time: Over 3 months", ">", 3, U, U, "mo", "months", U, "life expectancy")]),
    ("life expectancy of at least 12 weeks",
     [("life expectancy of at least 12 weeks", ">=", 12, U, U, "wk", "weeks", U, "life expectancy")]),
    ("Must have a life expectancy of greater than three (3) months",
     [("greater than three (3) months", ">", 3, U, U, "mo", "months", U, "life expectancy")]),
    # "and over" / "or over" followed by a number opens the next bound, it does not close the first
    ("Age less than 18 years and over 70 years",
     [("Age less than 18 years", "<", 18, U, U, "a", "years", U, "age"),
      ("over 70 years", ">", 70, U, U, "a", "years", U, "age")]),
    ("under 18 or over 50 years of age",
     [("under 18", "<", 18, U, U, "a", "years", U, "age"), ("over 50 years of age", ">", 50, U, U, "a", "years", U, "age")]),
]

# Two inclusive bounds are one `between`; strict bounds stay two (between is inclusive); shared comparators.
BOUNDS_AND_SHARING = [
    ("Age ≥ 18 years and ≤ 75 years.",
     [("Age ≥ 18 years and ≤ 75 years", "between", U, 18, 75, "a", "years", U, "age")]),
    ("Of either gender, aged ≥19 and ≤70 years",
     [("aged ≥19 and ≤70 years", "between", U, 19, 70, "a", "years", U, "age")]),
    ("body weight ≥ 50 and ≤ 90 kg at screening",
     [("body weight ≥ 50 and ≤ 90 kg", "between", U, 50, 90, "kg", "kg", U, "body weight")]),
    ("a body mass index (BMI) of ≥ 18 and ≤ 33 kg/m2 with body weight ≥ 50 kg",
     [("≥ 18 and ≤ 33 kg/m2", "between", U, 18, 33, "kg/m2", "kg/m2", U, "body mass index"),
      ("body weight ≥ 50 kg", ">=", 50, U, U, "kg", "kg", U, "body weight")]),
    ("Age > 18 and < 65 years",
     [("Age > 18", ">", 18, U, U, "a", "years", U, "age"), ("< 65 years", "<", 65, U, U, "a", "years", U, "age")]),
    ("Age =18 and = 65 years", [("Age =18 and = 65 years", "between", U, 18, 65, "a", "years", U, "age")]),
    ("Body mass index (BMI) =18 to =30 kg/m2",
     [("=18 to =30 kg/m2", "between", U, 18, 30, "kg/m2", "kg/m2", U, "body mass index")]),
    ("between the ages of 18 and 55 years",
     [("between the ages of 18 and 55 years", "between", U, 18, 55, "a", "years", U, "age")]),
    ("aged between 3 - 36 months", [("aged between 3 - 36 months", "between", U, 3, 36, "mo", "months", U, "age")]),
    ("8 months of age or older", [("8 months of age or older", ">=", 8, U, U, "mo", "months", U, "age")]),
    ("CD4+ = or < 300 cells/mm3", [("CD4+ = or < 300 cells/mm3", "<=", 300, U, U, "/mm3", "cells/mm3", U, "CD4 count")]),
    ("AUDIT score of > or equal to 5", [("> or equal to 5", ">=", 5, U, U, U, U, U, U)]),
    ("weight loss in excess of 10 pounds or 10 percent of usual body weight",
     [("weight loss in excess of 10 pounds", ">", 10, U, U, "[lb_av]", "pounds", U, "weight loss"),
      ("10 percent", ">", 10, U, U, "%", "percent", U, "body weight")]),  # the percentage names what it is of
    ("No more than 1 prior regimen or 6 prior courses of cisplatin",
     [("No more than 1", "<=", 1, U, U, U, U, U, "prior lines of therapy"),
      ("6", "<=", 6, U, U, U, U, U, "prior lines of therapy")]),
    ("BP ≥ 140/90 mmHg",
     [("BP ≥ 140", ">=", 140, U, U, "mm[Hg]", "mmHg", U, "systolic blood pressure"),
      ("90 mmHg", ">=", 90, U, U, "mm[Hg]", "mmHg", U, "diastolic blood pressure")]),
    ("uncontrolled hypertension (≥ 160/100 mmHg)",
     [("≥ 160", ">=", 160, U, U, "mm[Hg]", "mmHg", U, "systolic blood pressure"),
      ("100 mmHg", ">=", 100, U, U, "mm[Hg]", "mmHg", U, "diastolic blood pressure")]),
    ("fever of 100.4 F or greater", [("100.4 F or greater", ">=", 100.4, U, U, "[degF]", "F", U, "body temperature")]),
    ("temperature > 38C", [("temperature > 38C", ">", 38, U, U, "Cel", "C", U, "body temperature")]),
    ("Myopia > 6D", [("> 6D", ">", 6, U, U, "[diop]", "D", U, U)]),
    ("> or = to 8 diopters", [("> or = to 8 diopters", ">=", 8, U, U, "[diop]", "diopters", U, U)]),
    ("MLD ≤ 20 and maximum cord dose 50 Gy", [("≤ 20", "<=", 20, U, U, U, U, U, U)]),
    ("triglyceride levels of 150 mg⁄dL or greater",
     [("150 mg⁄dL or greater", ">=", 150, U, U, "mg/dL", "mg⁄dL", U, "triglycerides")]),
    ("CRT ≥ 350µm", [("≥ 350µm", ">=", 350, U, U, "um", "µm", U, U)]),
    ("pulmonary vascular resistance > 6 Wood units",
     [("> 6 Wood units", ">", 6, U, U, "[wood'U]", "Wood units", U, U)]),
    ("MIP < 70cmH2O", [("< 70cmH2O", "<", 70, U, U, "cm[H2O]", "cmH2O", U, U)]),
    ("Apnea-hypopnea index of less than 5 h-1 or greater than 30 h-1",
     [("less than 5 h-1", "<", 5, U, U, "/h", "h-1", U, "apnea-hypopnea index"),
      ("greater than 30 h-1", ">", 30, U, U, "/h", "h-1", U, "apnea-hypopnea index")]),
    ("Bilirubin level at/above 100 umol per liter",
     [("at/above 100 umol per liter", ">=", 100, U, U, "umol/L", "umol per liter", U, "total bilirubin")]),
    ("a Tardieu score upper or equal to 2", [("upper or equal to 2", ">=", 2, U, U, U, U, U, U)]),
    ("VAS (Visual Analog Scale) pain >5 (0-10 scale)", [("pain >5", ">", 5, U, U, U, U, U, "pain score")]),
    ("Total back pain (VAS) = 40 mm (0-100 mm) at baseline", [("= 40 mm", "=", 40, U, U, "mm", "mm", U, U)]),
    ("ECOG performance status of 0,1, or 2.",
     [("0,1, or 2", "between", U, 0, 2, U, U, U, "ECOG performance status")]),
    ("ECOG PS: 0,1", [("ECOG PS: 0,1", "between", U, 0, 1, U, U, U, "ECOG performance status")]),
    ("creatinine 1,5 mg/dL", [("creatinine 1,5 mg/dL", "=", 1.5, U, U, "mg/dL", "mg/dL", U, "creatinine")]),
    ("Body Mass Index (BMI): 18 ≤ BMI ≤ 32 kg/m²",
     [("18 ≤ BMI ≤ 32 kg/m²", "between", U, 18, 32, "kg/m2", "kg/m²", U, "body mass index")]),
    ("0.27 mIU/L ≤ TSH ≤ 4.2 mIU/L",
     [("0.27 mIU/L ≤ TSH ≤ 4.2 mIU/L", "between", U, 0.27, 4.2, "m[IU]/L", "mIU/L", U, "thyroid-stimulating hormone")]),
    ("18 < BMI < 30",
     [("18 <", ">", 18, U, U, U, U, U, "body mass index"), ("BMI < 30", "<", 30, U, U, U, U, U, "body mass index")]),
    ("Poorly controlled hypertension (>170/>110)",
     [(">170", ">", 170, U, U, U, U, U, "systolic blood pressure"),
      (">110", ">", 110, U, U, U, U, U, "diastolic blood pressure")]),
]

CASES = COMPARATORS + RANGES + NUMBERS + UNITS + RELATIVE + ORDINALS + COUNTS + AGE_AND_LIFE + BOUNDS_AND_SHARING


def _row(t):
    return (t.text, t.comparator, t.value, t.low, t.high, t.unit, t.unit_text, t.reference, t.measurement.name)


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_thresholds_fields(text, expected):
    found = find_thresholds(text)
    assert [_row(t) for t in found] == expected
    for t in found:
        assert text[t.span[0]:t.span[1]] == t.text
        if t.measurement.span is not None:
            assert text[t.measurement.span[0]:t.measurement.span[1]] == t.measurement.text
        assert (t.comparator == "between") == (t.value is None)


@pytest.mark.parametrize("text", [
    "measurable disease per RECIST 1.1", "according to RECIST v1.1", "toxicities graded by CTCAE 4.0",
    "graded per CTCAE v5.0", "adverse events per NCI CTC AE (4.0)", "COVID-19 infection", "known HIV-1 infection",
    "Type 2 diabetes", "prior anti-PD-1 or PD-L1 therapy", "EGFR/ALK/ROS1 wild type", "ROS1 rearrangement",
    "HER2 positive breast cancer", "enrolled after 2020-01-01", "diagnosed before January 2019",
    "Phase 2 part of the study", "phase II trial", "Stage IV NSCLC", "stage IIIB or IV disease",
    "1. Signed informed consent", "CD4 cells", "BRCA1 or BRCA2 mutation", "5q SMA", "T1 lesions on MRI",
    "3D conformal radiotherapy", "within 4 weeks before the first dose", "28 days before randomization",
    "treated for 6 months", "no chemotherapy within 14 days", "exon 19 deletion or exon 21 L858R",
    "Cycle 1 Day 1", "Cohorts 1 to 4", "from 2009 to 2012", "10 mg daily of prednisone", "class I antiarrhythmics",
    "at least one of the following", "HIV/HCV co-infected subjects (n=12)", "visual acuity of 20/40 or worse",
    "KRAS G12C mutation", "IL-6 inhibitors", "history of HPV 16 infection",
])
def test_thresholds_not_a_threshold(text):
    assert find_thresholds(text) == []


def test_thresholds_life_expectancy_but_not_timeframe():
    found = find_thresholds("life expectancy > 3 months; no surgery within 4 weeks")
    assert [_row(t) for t in found] == [("life expectancy > 3 months", ">", 3, U, U, "mo", "months", U, "life expectancy")]


def test_thresholds_version_numbers_are_not_values_but_the_grade_is():
    found = find_thresholds("toxic reactions over level 1 in CTC AE (4.0), alopecia NOT included")
    assert [(t.comparator, t.value) for t in found] == [(">", 1)]
    assert found[0].measurement.text == "toxic reactions"


def test_thresholds_measurement_does_not_cross_a_semicolon():
    found = find_thresholds("hemoglobin normal; ≥ 2 prior regimens")
    assert [t.measurement.name for t in found] == ["prior lines of therapy"]
    found = find_thresholds("hemoglobin normal; > 5 cm")
    assert found[0].measurement.name is None and found[0].measurement.span is None


def test_thresholds_measurement_loinc():
    (t,) = find_thresholds("Hb ≥ 9 g/dL")
    assert (t.measurement.text, t.measurement.span, t.measurement.name, t.measurement.loinc) == \
        ("Hb", (0, 2), "hemoglobin", "718-7")


def test_thresholds_defined_abbreviation_is_the_measurement():
    (t,) = find_thresholds("prothrombin time (PT) assessed at screening, PT > ULN + 4 seconds")
    assert t.measurement.text == "PT" and t.measurement.name == "prothrombin time"
    # right after its definition, the measurement is the long form with the abbreviation
    (t,) = find_thresholds("prothrombin time (PT) > ULN + 4 seconds")
    assert t.measurement.text == "prothrombin time (PT)" and t.measurement.name == "prothrombin time"
    assert t.measurement.span == (0, 21)


def test_thresholds_additive_limit_is_uln_with_a_unit():
    """PT > ULN + 4 s: reference ULN and unit s; a multiple of ULN never has a unit, so the two stay apart."""
    (t,) = find_thresholds("PT > ULN + 4 seconds")
    assert (t.reference, t.value, t.unit) == ("ULN", 4, "s")
    (m,) = find_thresholds("PT > 1.5 x ULN")
    assert (m.reference, m.value, m.unit) == ("ULN", 1.5, None)


def test_thresholds_section_names_the_measurement():
    found = find_thresholds("0-1, Expected Survival Time: Over 3 months", section="ECOG PS")
    assert [_row(t) for t in found] == [
        ("0-1", "between", U, 0, 1, U, U, U, "ECOG performance status"),
        ("Expected Survival Time: Over 3 months", ">", 3, U, U, "mo", "months", U, "life expectancy")]
    assert found[0].span == (0, 3) and found[0].measurement.span is None
    assert found[0].measurement.text == "ECOG PS"


def test_thresholds_in_text_order_and_empty_input():
    assert find_thresholds("") == []
    found = find_thresholds("SBP≥ 150 mmHg, DBP≥100 mmHg and ECOG 0-1")
    assert [t.span[0] for t in found] == sorted(t.span[0] for t in found)
    assert len(found) == 3


# The measurement a threshold reports: (criterion, measurement text, span, name) of its first threshold.
MEASUREMENT_SPANS = [
    ("Zarit burden interview >18", "Zarit burden interview", (0, 22), None),
    ("Pitt bacteraemia score of >4", "Pitt bacteraemia score", (0, 22), None),
    ("Reading quotient (RQ) < 70", "Reading quotient", (0, 16), None),
    ("Intelligence quotient (IQ) < 70", "Intelligence quotient (IQ)", (0, 26), "intelligence quotient"),
    ("Hypertriglyceridemic (>400 mg/dl)", "Hypertriglyceridemic", (0, 20), None),
    ("moderate depression (> 25 points on the Beck Depression Inventory)", "Beck Depression Inventory", (40, 65), None),
    ("Patients 18 years of age or older", "age", (21, 24), "age"),
    ("Men 18 to 65 years old", "old", (19, 22), "age"),
    ("Grade 3-4 infusion reaction", "Grade", (0, 5), "CTCAE grade"),
    ("Body mass index (BMI) > 45 kg/m2", "Body mass index (BMI)", (0, 21), "body mass index"),
    ("an LVEF = 50%, thickness of the septum =12 mm", "septum", (32, 38), None),
    ("Patients must have received more than 3", None, None, None),
    ("a CHADS2 score = 3 and a HAS-BLED score = 2", "CHADS2 score", (2, 14), None),
    ("a CHA2DS2-VASc score = 3 and a HAS-BLED score = 2", "CHA2DS2-VASc score", (2, 20), "CHA2DS2-VASc score"),
    ("Creatinen in blood = 3mg/dl", "Creatinen", (0, 9), None),
    ("Acetylsalicyclic acid (ASA) treatment >1g/day", "Acetylsalicyclic acid (ASA) treatment", (0, 37), None),
    ("Subjects must score 2 or higher on the modified Medical Research Council Dyspnea scale",
     "modified Medical Research Council Dyspnea scale", (39, 86), None),
    ("Temp >38,0 °C or <36,0 °C", "Temp", (0, 4), None),
    # a time or condition of the measurement between it and the value is skipped
    ("a mean ventricular response rate at rest >100 beats per minute", "mean ventricular response rate", (2, 32), None),
    ("Walking distance at baseline > 150 m", "Walking distance", (0, 16), None),
]


@pytest.mark.parametrize("text, m_text, m_span, m_name", MEASUREMENT_SPANS, ids=[c[0][:40] for c in MEASUREMENT_SPANS])
def test_thresholds_measurement_named_in_text(text, m_text, m_span, m_name):
    """Outside the lexicon the measurement is the phrase before the threshold (or the instrument after it),
    unnamed; an age takes its age word; a grade its trigger word; a defined abbreviation its long form."""
    t = find_thresholds(text)[-1 if "septum" in text else 0]
    assert (t.measurement.text, t.measurement.span, t.measurement.name) == (m_text, m_span, m_name)
    if m_span is not None:
        assert text[m_span[0]:m_span[1]] == m_text
