"""Plain-language sentences built from an analysis's numbers by templates.

Never by a language model: each sentence is a fixed template filled with numbers
that are already on the page, so a reader can check every word against a table.
"""

import math

IMD = "imd_quintile"
MOST, LEAST = "1", "5"


def _fmt_value(value: float, statistic_unit: str) -> str:
    return f"{value:.1f}{statistic_unit}"


def _ratio(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value < 10 else f"{value:.0f}"


def _pct(level: float) -> str:
    return f"{level * 100:g}"


def sentences(result, *, outcome_words: str, level: float) -> list[str]:
    """The headline sentences: the gap now, how it changed, and what happened at each end
    of the deprivation scale."""
    percent = result.statistic == "proportion" and result.multiplier == 100
    if percent:
        unit, gap_unit = "%", " percentage points"
    elif result.statistic == "rate":
        unit = gap_unit = f" per {result.multiplier:,.0f}"
    else:
        unit = gap_unit = ""
    out = []
    indicators = result.indicators
    period = result.after or (result.periods[-1] if result.periods else None)
    lower, upper = _limits(indicators, level)
    imd = indicators[(indicators["dimension"] == IMD) & (indicators["period"] == period)]
    rows = {str(r["subgroup"]): r for r in imd.to_dict("records")}
    most, least = rows.get(MOST), rows.get(LEAST)
    when = f"In {period}, p" if period and period != "all" else "P"
    if most and least and _finite(most["value"], least["value"]) and least["value"] > 0:
        ratio, low, high = _risk_ratio(most, least, level)
        interval = (
            f" ({_pct(level)}% CI {_ratio(low)} to {_ratio(high)})" if _finite(low, high) else ""
        )
        out.append(
            f"{when}eople in the most deprived fifth of areas were {_ratio(ratio)} times as "
            f"likely to {outcome_words}{interval} as people in the least deprived fifth: "
            f"{_fmt_value(most['value'], unit)} compared with {_fmt_value(least['value'], unit)}."
        )
    elif most or least:
        out.append(
            f"{when}eople in the most and least deprived fifths could not be compared, because "
            "some numbers are too small to show."
        )
    change = result.change
    sii = change[(change["measure"] == "SII") & (change["stratum"] == "all")]
    for row in sii.to_dict("records"):
        if not _finite(row["before"], row["after"], row["lower"], row["upper"]):
            continue
        narrower = abs(row["after"]) < abs(row["before"])
        by = abs(abs(row["before"]) - abs(row["after"]))
        sure = (
            "this is more than chance alone would explain"
            if row["lower"] > 0 or row["upper"] < 0
            else "this could be due to chance"
        )
        out.append(
            f"After the change, the gap between the most and least deprived areas "
            f"{'narrowed' if narrower else 'widened'} by {by:.1f}{gap_unit} "
            f"(from {abs(row['before']):.1f} to {abs(row['after']):.1f}; "
            f"{_pct(row['confidence'])}% CI for the change {row['lower']:.1f} to "
            f"{row['upper']:.1f}): {sure}."
        )
    ends = _ends_sentence(result, outcome_words, unit)
    if ends:
        out.append(ends)
    return out


VERBS = {"rose": "rose", "fell": "fell", "no clear change": "did not clearly change"}


def _ends_sentence(result, outcome_words: str, unit: str) -> str:
    """What happened at each end of the deprivation scale, in one sentence: the
    indicator in the most and the least deprived fifth, before and after."""
    change = result.change
    if change.empty:
        return ""
    values = change[change["measure"] == "value"].set_index("stratum")
    ends = []
    for group in (MOST, LEAST):
        key = f"{IMD}={group}"
        if key not in values.index:
            return ""
        row = values.loc[key]
        if row["verdict"] not in VERBS or not _finite(row["before"], row["after"]):
            return ""
        moved = f"from {_fmt_value(row['before'], unit)} to {_fmt_value(row['after'], unit)}"
        ends.append(f"{VERBS[row['verdict']]} ({moved})")
    what = (
        f"the share of people who {outcome_words}"
        if result.statistic == "proportion"
        else f"the rate of {result.indicator_name}"
    )
    return (
        f"In the most deprived fifth of areas, {what} {ends[0]}; in the least deprived "
        f"fifth it {ends[1]}."
    )


def _limits(table, level):
    suffix = f"{level * 100:.1f}".replace(".", "_")
    if f"lower{suffix}cl" in table.columns:
        return f"lower{suffix}cl", f"upper{suffix}cl"
    return "lowercl", "uppercl"


def _finite(*values) -> bool:
    try:
        return all(v is not None and math.isfinite(float(v)) for v in values)
    except (TypeError, ValueError):
        return False


def _risk_ratio(most: dict, least: dict, level: float) -> tuple[float, float, float]:
    """The ratio of the two groups' values, with a Katz log interval.

    The point estimate uses the exact values; the interval's standard error uses the
    published (rounded) counts, as only those may leave the private area.
    """
    from scipy.stats import norm

    ratio = float(most["value"]) / float(least["value"])
    try:
        a, n1 = float(most["numerator"]), float(most["denominator"])
        b, n2 = float(least["numerator"]), float(least["denominator"])
        se = math.sqrt(1 / a - 1 / n1 + 1 / b - 1 / n2)
    except (TypeError, ValueError, ZeroDivisionError):
        return ratio, math.nan, math.nan
    z = float(norm.ppf(0.5 + level / 2))
    return ratio, ratio * math.exp(-z * se), ratio * math.exp(z * se)
