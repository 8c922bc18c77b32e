"""Typed case-attribute values in and out of QDA-XML text."""

from datetime import date, datetime
from decimal import Decimal

from coeval.qualitative.model import VariableType, VariableValueData

ELEMENT_FOR_TYPE = {
    VariableType.TEXT: "TextValue",
    VariableType.BOOLEAN: "BooleanValue",
    VariableType.INTEGER: "IntegerValue",
    VariableType.FLOAT: "FloatValue",
    VariableType.DATE: "DateValue",
    VariableType.DATETIME: "DateTimeValue",
}
TYPE_FOR_ELEMENT = {element: kind for kind, element in ELEMENT_FOR_TYPE.items()}


def parse_value(kind: VariableType, text: str) -> VariableValueData:
    """Raises ValueError with the reason when ``text`` is not a valid value of ``kind``."""
    text = text if kind is VariableType.TEXT else text.strip()
    if kind is VariableType.TEXT:
        return text
    if kind is VariableType.BOOLEAN:
        if text not in ("true", "false", "1", "0"):
            raise ValueError(f"{text!r} is not true or false")
        return text in ("true", "1")
    if kind is VariableType.INTEGER:
        return int(text)
    if kind is VariableType.FLOAT:
        return float(Decimal(text))
    if kind is VariableType.DATE:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text)


def format_value(kind: VariableType, value: VariableValueData) -> str:
    if kind is VariableType.BOOLEAN:
        return "true" if value else "false"
    if kind is VariableType.FLOAT:
        number = float(value)  # type: ignore[arg-type]
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(f"{number} cannot be written as a REFI-QDA number")
        # xsd:decimal has no exponent, so 1e-07 must be spelt out in full.
        return format(Decimal(repr(number)), "f")
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)
