"""A registry's structured eligibility fields, beside the criteria text: sex, age limits, healthy volunteers.

ClinicalTrials.gov stores them as fields (API v2 ``eligibilityModule.sex`` / ``minimumAge`` / ``maximumAge`` /
``healthyVolunteers``; legacy XML ``eligibility/gender``, ``minimum_age``, ``maximum_age``,
``healthy_volunteers``), WHO ICTRP as ``Inclusion_agemin`` / ``Inclusion_agemax`` / ``Inclusion_gender``.
A trial matcher needs them as much as the criteria, so readers that find them put them in
``Record.eligibility`` (``trial.eligibility`` in the output): each age as value, UCUM unit and the text as
written (``"18 Years"`` → 18 ``a``); ``N/A``, ``None`` and unreadable values give null.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from ..types import AgeLimit, Eligibility

_AGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)?\.?\s*(?:old|of\s+age)?\s*$")
_UNITS = {"year": "a", "years": "a", "yr": "a", "yrs": "a", "y": "a", "month": "mo", "months": "mo", "mo": "mo",
          "week": "wk", "weeks": "wk", "wk": "wk", "wks": "wk", "day": "d", "days": "d", "d": "d",
          "hour": "h", "hours": "h", "h": "h", "hr": "h", "hrs": "h", "minute": "min", "minutes": "min"}
_SEX = {"all": "all", "both": "all", "male": "male", "males": "male", "men": "male", "m": "male",
        "female": "female", "females": "female", "women": "female", "f": "female"}


def age_limit(value: Any) -> Optional[AgeLimit]:
    """``"18 Years"`` → AgeLimit(18, "a", "18 Years"); ``"N/A"``, ``""`` or an unreadable value → None.
    A bare number is read as years (ICTRP's ``Inclusion_agemin`` ``18``)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return AgeLimit(value, "a", str(value))
    if not isinstance(value, str):
        return None
    m = _AGE.match(value)
    if m is None:
        return None
    unit = _UNITS.get((m.group(2) or "years").lower())
    if unit is None:
        return None
    number = float(m.group(1))
    return AgeLimit(int(number) if number.is_integer() else number, unit, value.strip())


def sex(value: Any) -> Optional[str]:
    """``all``, ``female`` or ``male`` from a sex/gender field (``"ALL"``, ``"Both"``, ``"Female"``;
    ICTRP's ``"Male: yes Female: no"``), else None."""
    if not isinstance(value, str):
        return None
    low = value.strip().lower()
    flags = dict(re.findall(r"\b(male|female)\s*:\s*(yes|no)\b", low))
    if flags:
        male, female = flags.get("male") == "yes", flags.get("female") == "yes"
        return "all" if male and female else "male" if male else "female" if female else None
    return _SEX.get(low)


def yes_no(value: Any) -> Optional[bool]:
    """A healthy-volunteers field: true / false from a boolean or ``Yes`` / ``No`` / ``Accepts Healthy
    Volunteers``, else None."""
    if isinstance(value, bool):
        return value
    if not isinstance(value, str):
        return None
    low = value.strip().lower()
    if low in ("yes", "y", "true", "accepts healthy volunteers"):
        return True
    if low in ("no", "n", "false"):
        return False
    return None


def eligibility(sex_value: Any = None, minimum: Any = None, maximum: Any = None,
                healthy: Any = None) -> Optional[Eligibility]:
    """The structured fields of one record, or None when none of them says anything."""
    found = Eligibility(sex=sex(sex_value), minimum_age=age_limit(minimum), maximum_age=age_limit(maximum),
                        healthy_volunteers=yes_no(healthy))
    empty = Eligibility()
    return None if found == empty else found
