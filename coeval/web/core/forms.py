"""Form helpers shared by every app: NHS.UK classes and accessible error wiring.

Fields get the design system's classes; after validation a field in error gets
the error style and points at its message with aria-describedby, so screen
readers hear the problem when they reach the field. Templates render fields with
``core/_field.html`` and the summary with ``core/_error_summary.html``.
"""

import datetime
import re

from django import forms

_CLASSES = {
    forms.Textarea: "nhsuk-textarea",
    forms.Select: "nhsuk-select",
    forms.ClearableFileInput: "nhsuk-file-upload",
    forms.FileInput: "nhsuk-file-upload",
}


class NhsFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            css = next(
                (c for kind, c in _CLASSES.items() if type(widget) is kind),
                "nhsuk-input" if isinstance(widget, forms.widgets.Input) else "",
            )
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | DateInput):
                css = ""
            default = forms.DateField.default_error_messages["invalid"]
            if isinstance(widget, DateInput) and field.error_messages.get("invalid") == default:
                field.error_messages["invalid"] = (
                    f"{field.label or name.replace('_', ' ').capitalize()} must be a real "
                    "date, with a day, month and year, for example 15 9 2026"
                )
            if css:
                widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}-hint"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            described = [f"id_{self.add_prefix(name)}-error"]
            if self.fields[name].help_text:
                described.append(f"id_{self.add_prefix(name)}-hint")
            widget.attrs["aria-describedby"] = " ".join(described)
            widget.attrs["aria-invalid"] = "true"
            css = widget.attrs.get("class", "")
            for base in ("nhsuk-input", "nhsuk-textarea", "nhsuk-select", "nhsuk-file-upload"):
                if base in css.split() and f"{base}--error" not in css:
                    css += f" {base}--error"
            widget.attrs["class"] = css

    def error_links(self):
        """(anchor, message) pairs for the error summary, in field order."""
        links = []
        first = next(iter(self.fields), None)
        for message in self.non_field_errors():
            links.append((f"id_{self.add_prefix(first)}" if first else "", message))
        for name, field in self.fields.items():
            for message in self.errors.get(name, []):
                anchor = f"id_{self.add_prefix(name)}"
                if isinstance(field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                    anchor += "_0"
                links.append((anchor, message))
        return links


class DateInput(forms.MultiWidget):
    """The NHS.UK date input: day, month and year boxes in one fieldset.

    A browser's date picker is hard to use with a keyboard or screen reader and
    looks different in every browser, so the design system asks for three boxes.
    They post ``<name>_day``, ``<name>_month`` and ``<name>_year``; the widget hands
    the date field one ISO date (``2026-09-15``), which the field then checks is
    real. A single ``<name>`` value in ISO form (from the JSON API or a script) is
    accepted too. Whatever was typed, even half a date, is shown again with the error.
    """

    PARTS = ("day", "month", "year")

    def __init__(self, attrs=None):
        boxes = {part: forms.TextInput(attrs={"inputmode": "numeric"}) for part in self.PARTS}
        super().__init__(boxes, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, str):
            iso = re.fullmatch(r"(\d{1,4})-(\d{1,2})-(\d{1,2})", value.strip())
            if iso:
                year, month, day = iso.groups()
                return [day.lstrip("0") or "0", month.lstrip("0") or "0", year]
            if value.count(_TYPED) == 2:
                return value.split(_TYPED)
        return ["", "", ""]

    def value_from_datadict(self, data, files, name):
        if name in data:
            return data.get(name)
        day, month, year = (str(data.get(f"{name}_{part}", "")).strip() for part in self.PARTS)
        if not (day or month or year):
            return ""
        if day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4:
            return f"{year}-{int(month):02d}-{int(day):02d}"
        return _TYPED.join((day, month, year))  # not a date: the field says so

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}_{part}" in data for part in self.PARTS)

    def parts(self, name: str, value, html_id: str) -> list[dict]:
        """The three boxes for a template: label, name, id, width and what was typed.

        The day box takes the field's own id, so labels and error links reach it."""
        typed = self.decompress(value)
        ids = [html_id, f"{html_id}_month", f"{html_id}_year"]
        widths = [2, 2, 4]
        return [
            {"label": part.capitalize(), "name": f"{name}_{part}", "id": ids[i],
             "value": typed[i], "width": widths[i]}
            for i, part in enumerate(self.PARTS)
        ]  # fmt: skip


_TYPED = "|"  # joins the three boxes' text when it is not a date


class SetPasswordForm(NhsFormMixin, forms.Form):
    """Change your password: the current one, then the new one twice."""

    current_password = forms.CharField(
        label="Your current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your current password"},
    )
    password1 = forms.CharField(
        label="New password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters. Avoid common words and your name.",
        error_messages={"required": "Enter a new password"},
    )
    password2 = forms.CharField(
        label="Type the new password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the new password again"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        from django.contrib.auth import password_validation

        cleaned = super().clean()
        current = cleaned.get("current_password")
        if current and not self.user.check_password(current):
            self.add_error("current_password", "Your current password is not right. Try again.")
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two new passwords are different. Type them again.")
        elif first:
            try:
                password_validation.validate_password(first, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
