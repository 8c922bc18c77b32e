from datetime import timedelta

from django import forms
from django.utils import timezone

from coeval.web.core.forms import DateInput, NhsFormMixin
from coeval.web.curriculum import uploads
from coeval.web.curriculum.models import SessionKind, Task, TaskStatus, TemplateSession
from coeval.web.curriculum.services import clashing_session, local_datetime

_TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SessionForm(NhsFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Type of session", choices=SessionKind.choices)
    title = forms.CharField(max_length=200)
    date = forms.DateField(widget=DateInput(), error_messages={"required": "Enter the date"})
    start_time = forms.TimeField(
        label="Start time",
        widget=_TIME,
        help_text="For example, 09:30",
        error_messages={"required": "Enter the start time", "invalid": "Enter a time like 09:30"},
    )
    end_time = forms.TimeField(
        label="End time",
        widget=_TIME,
        help_text="For example, 13:00",
        error_messages={"required": "Enter the end time", "invalid": "Enter a time like 13:00"},
    )
    place = forms.CharField(max_length=300, required=False, help_text="Room and building")
    online_link = forms.URLField(
        label="Online meeting link",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a full web address, starting with https://"},
    )
    agenda = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False)
    learning_objectives = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False)
    agreed_actions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="One action a line. Add tasks for each team on the team's task page.",
    )

    def __init__(self, *args, cohort, session=None, **kwargs):
        self.cohort = cohort
        self.session = session
        if session is not None and "initial" not in kwargs:
            starts = timezone.localtime(session.starts_at)
            ends = timezone.localtime(session.ends_at)
            kwargs["initial"] = {
                "kind": session.kind,
                "title": session.title,
                "date": starts.date(),
                "start_time": starts.time(),
                "end_time": ends.time(),
                "place": session.place,
                "online_link": session.online_link,
                "agenda": session.agenda,
                "learning_objectives": session.learning_objectives,
                "notes": session.notes,
                "agreed_actions": session.agreed_actions,
            }
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day is None or start is None or end is None:
            return data
        if end <= start:
            self.add_error(
                "end_time",
                f"The end time must be after the start time ({start:%H:%M}). "
                "A session must finish on the day it starts.",
            )
            return data
        starts_at, ends_at = local_datetime(day, start), local_datetime(day, end)
        clash = clashing_session(self.cohort, starts_at, ends_at, exclude=self.session)
        if clash is not None:
            clash_start = timezone.localtime(clash.starts_at)
            clash_end = timezone.localtime(clash.ends_at)
            self.add_error(
                "start_time",
                f"This time clashes with “{clash.title}” on {clash_start:%-d %B %Y}, "
                f"{clash_start:%H:%M} to {clash_end:%H:%M}. Choose another time.",
            )
        data["starts_at"], data["ends_at"] = starts_at, ends_at
        return data

    def session_data(self) -> dict:
        data = dict(self.cleaned_data)
        for key in ("date", "start_time", "end_time"):
            data.pop(key)
        return data


class GenerateScheduleForm(NhsFormMixin, forms.Form):
    start_date = forms.DateField(
        label="Date of workshop 1",
        widget=DateInput(),
        help_text="Every other session is placed from this date, as the template says.",
        error_messages={"required": "Enter the date of workshop 1"},
    )
    place = forms.CharField(
        max_length=300, required=False, help_text="Where most sessions happen. You can change any."
    )
    online_link = forms.URLField(
        label="Online meeting link",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a full web address, starting with https://"},
    )


class TemplateSessionForm(NhsFormMixin, forms.ModelForm):
    class Meta:
        model = TemplateSession
        fields = [
            "kind",
            "title",
            "week",
            "start_time",
            "duration_minutes",
            "agenda",
            "learning_objectives",
        ]
        labels = {"kind": "Type of session"}
        widgets = {
            "start_time": _TIME,
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "learning_objectives": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_duration_minutes(self):
        minutes = self.cleaned_data["duration_minutes"]
        if minutes < 15 or minutes > 12 * 60:
            raise forms.ValidationError("The length must be between 15 and 720 minutes.")
        start = self.cleaned_data.get("start_time")
        if start is not None:
            ends = local_datetime(timezone.localdate(), start) + timedelta(minutes=minutes)
            if timezone.localtime(ends).date() != timezone.localdate():
                raise forms.ValidationError("The session must finish on the day it starts.")
        return minutes


class MaterialForm(NhsFormMixin, forms.Form):
    title = forms.CharField(max_length=200, error_messages={"required": "Enter a title"})
    file = forms.FileField(
        required=False,
        help_text=f"{uploads.ALLOWED_LIST}.",
        widget=forms.ClearableFileInput(attrs={"accept": uploads.ACCEPT_ATTRIBUTE}),
    )
    link = forms.URLField(
        label="Or a link",
        required=False,
        assume_scheme="https",
        max_length=500,
        error_messages={"invalid": "Enter a full web address, starting with https://"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = uploads.max_upload_bytes()
        from django.template.defaultfilters import filesizeformat

        self.fields[
            "file"
        ].help_text = f"{uploads.ALLOWED_LIST}, smaller than {filesizeformat(limit)}."
        self.file_type = None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            self.file_type = uploads.check_upload(upload)
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("link") and "file" not in self.errors:
            if "link" not in self.errors:
                self.add_error("file", "Choose a file or enter a link")
        elif data.get("file") and data.get("link"):
            self.add_error("link", "Add a file or a link, not both")
        return data


class TaskForm(NhsFormMixin, forms.ModelForm):
    class Meta:
        model = Task
        fields = ["title", "details", "owner", "due_on", "status", "session"]
        labels = {"owner": "Who will do it", "session": "Agreed at"}
        widgets = {
            "due_on": DateInput(),
            "details": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": "Enter the task"},
            "due_on": {"required": "Enter the due date", "invalid": "Enter a real date"},
        }

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        from coeval.web.core.models import User

        self.fields["owner"].queryset = User.objects.filter(team_memberships__team=team).order_by(
            "full_name"
        )
        self.fields["owner"].label_from_instance = lambda u: u.display_name
        self.fields["owner"].empty_label = "Not yet decided"
        self.fields["session"].queryset = team.cohort.sessions.order_by("starts_at")
        self.fields["session"].empty_label = "None"
        self.fields["status"].choices = TaskStatus.choices
        self.fields["status"].label = "Status"
