"""Reader for EU Clinical Trials Register records as JSON (``euctr``), the ``EUCTR_*.json`` samples.

``Record.text`` is ``e3_principal_inclusion_criteria + "\\n\\n" + e4_principal_exclusion_criteria``
(the English fields, not the ``*_es``/``*_fr`` translations), each exactly as stored; one Block with
its kind over each. Their line breaks are often lost in the register (a whole list on one line); the
text is delivered as it is and a warning says so. ``Record.id`` is the EudraCT number followed by the
member state's country code (``2013-000615-24-BE``) when the member state is known.
"""
from __future__ import annotations

from typing import Any

from ..errors import RecordFormatError
from ..types import Block, Record
from ._common import NO_CRITERIA, as_list, dig, join_blocks, text_or_none, unique_ids

NAME = "euctr"
SEPARATOR = "\n\n"

#: Member states named in ``a1_member_state_concerned`` ("Belgium - FPS Health-DGM") → country code.
COUNTRY_CODES = {
    "Austria": "AT", "Belgium": "BE", "Bulgaria": "BG", "Croatia": "HR", "Cyprus": "CY",
    "Czech Republic": "CZ", "Czechia": "CZ", "Denmark": "DK", "Estonia": "EE", "Finland": "FI",
    "France": "FR", "Germany": "DE", "Greece": "GR", "Hungary": "HU", "Iceland": "IS", "Ireland": "IE",
    "Italy": "IT", "Latvia": "LV", "Liechtenstein": "LI", "Lithuania": "LT", "Luxembourg": "LU",
    "Malta": "MT", "Netherlands": "NL", "Norway": "NO", "Poland": "PL", "Portugal": "PT",
    "Romania": "RO", "Slovakia": "SK", "Slovenia": "SI", "Spain": "ES", "Sweden": "SE",
    "United Kingdom": "GB", "UK": "GB",
}
_ID_KEYS = ("a41_sponsors_protocol_code_number", "a51_isrctn_international_standard_randomised_controlled_trial_number",
            "a52_us_nct_clinicaltrialsgov_registry_number", "a53_who_universal_trial_reference_number_utrn",
            "a54_other_identifiers")
_CRITERIA = (("e3_principal_inclusion_criteria", "inclusion"), ("e4_principal_exclusion_criteria", "exclusion"))


def looks_like(obj: Any) -> bool:
    """True for an EU CTR record."""
    return isinstance(obj, dict) and (obj.get("ctrname") == "EUCTR" or "a2_eudract_number" in obj)


def member_state_code(value: Any) -> str | None:
    """``"Belgium - FPS Health-DGM"`` → ``"BE"``; None when the state is missing or unknown."""
    name = text_or_none(value)
    if name is None:
        return None
    return COUNTRY_CODES.get(name.split(" - ")[0].strip())


def read(obj: Any, source: str) -> Record:
    """Build the Record of one EU CTR record. Raises RecordFormatError if it is not one."""
    eudract = text_or_none(obj.get("a2_eudract_number")) if isinstance(obj, dict) else None
    if eudract is None:
        raise RecordFormatError("not an EU CTR record: no a2_eudract_number")
    state = member_state_code(obj.get("a1_member_state_concerned"))
    trial_id = f"{eudract}-{state}" if state and not eudract.endswith(f"-{state}") else eudract
    parts, warnings = [], []
    for key, kind in _CRITERIA:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            parts.append((value, Block(0, 0, kind=kind)))  # type: ignore[arg-type]
    text, blocks = join_blocks(parts, SEPARATOR)
    if not blocks:
        warnings.append(NO_CRITERIA)
    elif any("\n" not in part and len(part) > 300 for part, _ in parts):
        warnings.append("criteria text has no line breaks (lost in the register)")
    secondary = [eudract] if trial_id != eudract else []
    secondary += [v for key in _ID_KEYS for v in as_list(obj.get(key))]
    return Record(
        id=trial_id,
        registry="EUCTR",
        title=text_or_none(obj.get("a3_full_title_of_the_trial")),
        text=text,
        blocks=blocks,
        source_format=NAME,
        source=source,
        secondary_ids=unique_ids(secondary, exclude=trial_id),
        sponsor=text_or_none(dig((as_list(obj.get("b1_sponsor")) or [None])[0], "b11_name_of_sponsor")),
        status=text_or_none(obj.get("x5_trial_status")),
        warnings=tuple(warnings),
    )
