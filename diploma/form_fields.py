"""Form fields shared by every app."""

import datetime as dt
import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

END_OF_DAY = dt.time(23, 59, 59)


def end_of_day(day: dt.date, time_zone: dt.tzinfo | None = None) -> dt.datetime:
    """The last second of a day in a time zone (the current one by default)."""
    return timezone.make_aware(
        dt.datetime.combine(day, END_OF_DAY), time_zone or timezone.get_current_timezone()
    )


class DeadlineWidget(forms.MultiWidget):
    """A date and an optional time, each with the browser's own picker (no script needed)."""

    def __init__(self, attrs: dict | None = None) -> None:
        widgets = (
            forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            forms.TimeInput(
                attrs={"type": "time", "aria-label": _("Time (optional)")}, format="%H:%M"
            ),
        )
        super().__init__(widgets, attrs)

    time_zone: dt.tzinfo | None = None

    def decompress(self, value: dt.datetime | None) -> list:
        if not value:
            return [None, None]
        local = timezone.localtime(value, self.time_zone)
        time = None if local.time().replace(microsecond=0) == END_OF_DAY else local.time()
        return [local.date(), time]


class DeadlineField(forms.MultiValueField):
    """A deadline: a day, ending at midnight, unless a time is chosen; in the edition's time
    zone once the form calls use_time_zone, else in the current one."""

    widget = DeadlineWidget
    time_zone: dt.tzinfo | None = None

    def use_time_zone(self, name: str) -> None:
        self.time_zone = self.widget.time_zone = zoneinfo.ZoneInfo(name)

    def __init__(self, *, required: bool = True, **kwargs) -> None:
        fields = (
            forms.DateField(error_messages={"invalid": _("Enter a date, such as 2027-03-31.")}),
            forms.TimeField(
                required=False, error_messages={"invalid": _("Enter a time, such as 17:30.")}
            ),
        )
        kwargs.pop("max_length", None)
        super().__init__(fields, required=required, require_all_fields=False, **kwargs)

    def compress(self, values: list) -> dt.datetime | None:
        if not values or not values[0]:
            return None
        day, time = values[0], values[1] if len(values) > 1 else None
        if time is None:
            return end_of_day(day, self.time_zone)
        moment = dt.datetime.combine(day, time)
        return timezone.make_aware(moment, self.time_zone or timezone.get_current_timezone())
