from django import forms
from django.template.defaultfilters import filesizeformat

from coeval.equity.dimensions.imd import EDITIONS
from coeval.web.core.forms import NhsFormMixin
from coeval.web.datasets import storage
from coeval.web.datasets.mapping import DIMENSION_LABELS, IMD_LEVELS

EDITION_CHOICES = [("IMD2019", "IMD 2019 (2011 areas)"), ("IoD2025", "IoD 2025 (2021 areas)")]
assert {key for key, _ in EDITION_CHOICES} == set(EDITIONS)
SHAPE_CHOICES = [
    ("patients", "One row per person (patient-level)"),
    ("aggregated", "One row per group, with counts (aggregated)"),
]


class UploadForm(NhsFormMixin, forms.Form):
    name = forms.CharField(
        label="Name of the dataset", max_length=200, help_text="For example: BP checks 2022 to 2025"
    )
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV (saved as UTF-8), Excel (.xlsx) or Parquet file. Large files are fine.",
        widget=forms.FileInput(attrs={"accept": storage.ACCEPT_ATTRIBUTE}),
    )
    shape = forms.ChoiceField(
        label="What does each row hold?", choices=SHAPE_CHOICES, initial="patients"
    )
    description = forms.CharField(
        label="Where the data comes from", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if storage.format_of(upload.name) is None:
            raise forms.ValidationError("The file must be a CSV, Excel (.xlsx) or Parquet file.")
        if upload.size == 0:
            raise forms.ValidationError("The file is empty. Choose another file.")
        self.cleaned_data["size_label"] = filesizeformat(upload.size)
        return upload


class ConnectForm(NhsFormMixin, forms.Form):
    name = forms.CharField(label="Name of the dataset", max_length=200)
    connection_url = forms.CharField(
        label="Database address",
        help_text="For example: postgres://user:password@host:5432/database. "
        "It is stored encrypted.",
        widget=forms.PasswordInput(render_value=True),
    )
    table_name = forms.CharField(label="Table name", max_length=200)
    shape = forms.ChoiceField(
        label="What does each row hold?", choices=SHAPE_CHOICES, initial="patients"
    )

    def clean_connection_url(self):
        url = self.cleaned_data["connection_url"].strip()
        if "://" not in url:
            raise forms.ValidationError(
                "Enter the address in the form postgres://user:password@host:5432/database"
            )
        return url


def _column_choices(columns, blank="Not in this dataset"):
    return [("", blank)] + [(c["name"], c["name"]) for c in columns]


LOOKUP_MAX_BYTES = 20 * 1024 * 1024  # the national IMD file is about 5 MB


class MappingForm(NhsFormMixin, forms.Form):
    """Which column holds what. An LSOA column also needs an IMD lookup file, checked
    here row by row before it is kept; one already kept for the dataset is reused."""

    def __init__(self, *args, columns, is_aggregated, has_lookup=False, **kwargs):
        fields_ = {}
        choices = _column_choices(columns)
        if is_aggregated:
            fields_["numerator"] = forms.ChoiceField(
                label="Column with the count of people with the outcome (numerator)",
                choices=choices,
            )
            fields_["denominator"] = forms.ChoiceField(
                label="Column with the count of people in the group (denominator)",
                choices=choices,
            )
        else:
            fields_["outcome"] = forms.ChoiceField(
                label="Outcome column", choices=choices, help_text="Shows whether it happened."
            )
            fields_["outcome_value"] = forms.CharField(
                label="The value that means it happened",
                max_length=100,
                initial="1",
                help_text="For example 1, Yes or True.",
            )
        fields_["period"] = forms.ChoiceField(
            label="Period column", choices=choices, required=False, help_text="Such as a year."
        )
        fields_["imd"] = forms.ChoiceField(
            label="Deprivation column", choices=choices, required=False
        )
        fields_["imd_level"] = forms.ChoiceField(
            label="What the deprivation column holds", choices=IMD_LEVELS, required=False
        )
        fields_["imd_edition"] = forms.ChoiceField(
            label="Which IMD edition",
            choices=EDITION_CHOICES,
            required=False,
            help_text="Editions cannot be compared, so this is recorded on every result.",
        )
        fields_["imd_lookup"] = forms.FileField(
            label="IMD lookup file, for LSOA codes",
            required=False,
            help_text=(
                "A CSV with a column of LSOA codes and a column of IMD deciles, such as "
                "File 1 of the English Indices of Deprivation, in the edition chosen above. "
                + (
                    "One is kept for this dataset already; upload another only to replace it."
                    if has_lookup
                    else "Needed only when the deprivation column holds LSOA codes."
                )
            ),
        )
        fields_["imd_lookup"].widget.attrs["accept"] = ".csv"
        self.has_lookup = has_lookup
        for role in ("ethnicity", "age", "sex"):
            fields_[role] = forms.ChoiceField(
                label=f"{DIMENSION_LABELS[role].split(' (')[0]} column",
                choices=choices,
                required=False,
            )
        # Per-form fields: set before the form copies them, so NhsFormMixin styles them.
        self.base_fields = fields_
        # A kept lookup is the stored file's path: never a file field's "initial" value.
        kwargs["initial"] = {
            k: v for k, v in (kwargs.get("initial") or {}).items() if k != "imd_lookup"
        }
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        chosen = [
            data.get(r)
            for r in (
                "outcome",
                "numerator",
                "denominator",
                "period",
                "imd",
                "ethnicity",
                "age",
                "sex",
            )
            if data.get(r)
        ]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError("Each column can be matched to one thing only.")
        if not any(data.get(r) for r in ("imd", "ethnicity", "age", "sex")):
            self.add_error(
                "imd", "Match at least one column to a group to compare, such as deprivation."
            )
        if data.get("imd") and data.get("imd_level") == "lsoa":
            self._check_lookup(data.get("imd_lookup"), data.get("imd_edition") or "IMD2019")
        return data

    def _check_lookup(self, upload, edition: str) -> None:
        """Read the lookup as the engine will, so a bad file is named now, not mid-analysis."""
        if upload is None:
            if not self.has_lookup:
                self.add_error(
                    "imd_lookup",
                    "Upload the IMD lookup file: a CSV of LSOA codes and their IMD deciles",
                )
            return
        if upload.size > LOOKUP_MAX_BYTES:
            self.add_error("imd_lookup", "The lookup file must be smaller than 20 MB")
            return
        import tempfile
        from pathlib import Path

        from coeval.equity.dimensions import Deprivation
        from coeval.equity.errors import InputError

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "lookup.csv"
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            try:
                Deprivation("imd", column="lsoa", edition=edition, level="lsoa",
                            lookup=str(path)).deciles()  # fmt: skip
            except InputError as error:
                problem = error.without_file()
            except UnicodeDecodeError:
                problem = "it is not UTF-8 text"
            else:
                problem = ""
        if problem:
            self.add_error("imd_lookup", f"The lookup file {upload.name} cannot be used: {problem}")
        upload.seek(0)

    def mapping(self) -> dict:
        return {
            k: v for k, v in self.cleaned_data.items() if v not in ("", None) and k != "imd_lookup"
        }


# What the form's measure choice means: (type, multiplier) for the specification.
MEASURES = {
    "percent": ("proportion", 100),
    "per_1000": ("rate", 1000),
    "per_100000": ("rate", 100_000),
}


class AnalysisForm(NhsFormMixin, forms.Form):
    title = forms.CharField(label="Name of the analysis", max_length=200)
    indicator_name = forms.CharField(
        label="What is measured",
        max_length=200,
        help_text="For example: blood pressure check uptake",
    )
    outcome_words = forms.CharField(
        label="Finish the sentence: 'People were as likely to ...'",
        max_length=200,
        help_text="For example: have a blood pressure check",
    )
    dimensions = forms.MultipleChoiceField(
        label="Compare groups by",
        widget=forms.CheckboxSelectMultiple,
    )
    before = forms.MultipleChoiceField(
        label="Periods before the service change",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    after = forms.MultipleChoiceField(
        label="Periods after the service change",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, dataset, **kwargs):
        super().__init__(*args, **kwargs)
        if dataset.is_aggregated:
            # Counts in a table can be events (admissions, attendances), which may
            # outnumber the people counted: a rate, not a percentage.
            self.fields["measure"] = forms.ChoiceField(
                label="Show the result as",
                choices=[
                    ("percent", "A percentage of the people counted"),
                    ("per_1000", "A rate per 1,000 people"),
                    ("per_100000", "A rate per 100,000 people"),
                ],
                initial="percent",
                widget=forms.RadioSelect,
                help_text="Choose a rate when the count can be more than the number of people, "
                "such as hospital admissions.",
                error_messages={"required": "Choose how to show the result"},
            )
            self.order_fields(["title", "indicator_name", "measure"])
        roles = [r for r in ("imd", "ethnicity", "age", "sex") if dataset.mapping.get(r)]
        self.fields["dimensions"].choices = [(r, DIMENSION_LABELS[r]) for r in roles]
        self.fields["dimensions"].initial = roles
        periods = [(p, p) for p in dataset.periods]
        self.fields["before"].choices = periods
        self.fields["after"].choices = periods

    def clean(self):
        data = super().clean()
        before, after = data.get("before") or [], data.get("after") or []
        if set(before) & set(after):
            self.add_error("after", "A period cannot be both before and after the change.")
        if bool(before) != bool(after):
            self.add_error("after", "Choose periods both before and after, or neither.")
        data["statistic"], data["multiplier"] = MEASURES[data.get("measure") or "percent"]
        return data
