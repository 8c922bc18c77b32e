"""Quantiles against every row of the package's quantile workbook."""

import numpy as np
import pandas as pd
import pytest

from coeval.equity.indicators import phe_quantile

POLARITY = {
    "RAG - Low is good": True,
    "RAG - High is good": False,
    "True": True,
    "False": False,
}


@pytest.fixture(scope="module")
def workbook(reference_dir):
    path = reference_dir / "phe" / "testdata_Quantiles__testdata_Quantiles.csv"
    data = pd.read_csv(path, keep_default_na=False, na_values=[""])
    data["invert"] = data["Polarity"].map(POLARITY)
    return data


def good_rows(workbook, group_set):
    return workbook[workbook["Test"].str.startswith("Good") & (workbook["GroupSet"] == group_set)]


@pytest.mark.parametrize(
    "group_set, group_by, nquantiles, invert",
    [
        ("IndSexReg", ["IndSexRef", "ParentCode"], 10, "invert"),
        ("IndSex", ["IndSexRef"], 7, "invert"),
        ("None", [], 4, True),
    ],
)
def test_every_good_row_gets_the_expected_quantile(
    workbook, group_set, group_by, nquantiles, invert
):
    rows = good_rows(workbook, group_set).reset_index(drop=True)
    got = phe_quantile(rows, "Value", group_by, nquantiles, invert)
    expected = rows["QuantileInGrp"].to_numpy()
    mismatched = ~(
        (got["quantile"].to_numpy() == expected) | (np.isnan(expected) & got["quantile"].isna())
    )
    assert not mismatched.any(), rows.loc[mismatched, ["AreaCode", "Value", "QuantileInGrp"]]
    assert (got["reason"] == "").to_numpy().tolist() == (~np.isnan(expected)).tolist()


def test_inconsistent_polarity_within_a_group_blanks_that_group_with_a_reason(workbook):
    rows = workbook[workbook["Test"] == "BadPolarity"].reset_index(drop=True)
    got = phe_quantile(rows, "Value", ["IndSexRef"], 7, "invert")
    assert got["quantile"].isna().all()
    assert set(got["reason"]) == {
        "invert column 'invert' is not the same for every row of the group (row 1)"
    }
