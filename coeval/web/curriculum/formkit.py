"""NHS.UK styling for Django forms, shared by the curriculum, library and glossary.

Fields get the design system's classes; after validation a field in error gets
the error style and points at its message with aria-describedby, so screen
readers hear the problem when they reach the field.
"""

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
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                css = ""
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
