"""The weekly review page, its PDF and XLSX exports, and the digest schedule (owner only)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sellerdesk.accounts.access import workspace_view
from sellerdesk.accounts.models import TIME_ZONES
from sellerdesk.reports import digest, exports
from sellerdesk.reports import review as review_data
from sellerdesk.reports.models import DigestSchedule


def _review(request) -> dict:
    return review_data.build(request.workspace, week=request.GET.get("week"))


@workspace_view()
def review(request):
    data = _review(request)
    context = {"review": data, "charts": exports.chart_data(data),
               "schedule": DigestSchedule.objects.filter(workspace=request.workspace).first()}
    return render(request, "reports/review.html", context)


@workspace_view()
def review_pdf(request):
    data = _review(request)
    response = HttpResponse(exports.review_pdf(data, request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(data, "pdf")}"'
    return response


@workspace_view()
def review_xlsx(request):
    data = _review(request)
    response = HttpResponse(exports.review_xlsx(data),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(data, "xlsx")}"'
    return response


class ScheduleForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=gettext_lazy("Time zone"), choices=[(tz, tz) for tz in TIME_ZONES])

    class Meta:
        model = DigestSchedule
        fields = ["enabled", "weekday", "time", "time_zone"]
        widgets = {"time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}


@workspace_view("manage_members")
def review_schedule(request):
    schedule = digest.schedule_of(request.workspace)
    form = ScheduleForm(request.POST or None, instance=schedule)
    if request.method == "POST" and form.is_valid():
        schedule = digest.save_schedule(form.save(commit=False), timezone.now())
        messages.success(request, _("The digest schedule is saved."))
        return redirect("review_schedule", request.workspace.slug)
    now = timezone.now()
    preview = review_data.summary_lines(review_data.build(request.workspace, week=digest.digest_week(now), now=now))
    return render(request, "reports/review_schedule.html", {"form": form, "schedule": schedule, "preview": preview})
