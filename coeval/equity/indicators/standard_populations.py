"""Standard populations for direct standardisation."""

from __future__ import annotations

import pandas as pd

# European Standard Population 2013 (Eurostat), five-year bands 0-4 ... 85-89 and 90+.
ESP2013_BANDS: tuple[str, ...] = (
    "0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
    "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+",
)  # fmt: skip
ESP2013: tuple[float, ...] = (
    5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
    7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000,
)  # fmt: skip


def esp2013() -> pd.DataFrame:
    """ESP2013 as a table (``ageband``, ``stdpop``) to join onto age-banded data."""
    return pd.DataFrame({"ageband": ESP2013_BANDS, "stdpop": ESP2013})
