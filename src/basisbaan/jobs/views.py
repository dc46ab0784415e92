"""Pages of background jobs: the list of one's own, and one job with live progress.

The progress part is fetched again every second by htmx while the job runs;
once it is done the browser is sent on to the result.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from basisbaan.core.views import TenantDetailView, TenantListView
from basisbaan.jobs.constants import JobStatus
from basisbaan.jobs.models import Job
from basisbaan.jobs.selectors import job_context, job_list
from basisbaan.tenancy.models import Municipality, User
from basisbaan.tenancy.roles import Perm


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def safe_result_url(job: Job, request: HttpRequest) -> str:
    url = job.result_url
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return ""


class JobListView(TenantListView):
    permission = Perm.PROGRAMME_VIEW
    template_name = "jobs/job_list.html"
    context_object_name = "jobs"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Job]:
        return job_list(municipality=municipality, user=_user(self.request))


class JobDetailView(TenantDetailView):
    permission = Perm.PROGRAMME_VIEW
    template_name = "jobs/job_detail.html"
    context_object_name = "job"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Job]:
        return job_list(municipality=municipality, user=_user(self.request))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(job_context(self.object))
        context["result_url"] = safe_result_url(self.object, self.request)
        return context


class JobProgressView(JobDetailView):
    """The progress part alone (htmx); when the job is done, on to its result."""

    template_name = "jobs/_progress.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        context = self.get_context_data(object=self.object)
        response = render(request, self.template_name, context)
        if self.object.status == JobStatus.DONE and context["result_url"]:
            response["HX-Redirect"] = context["result_url"]
        elif self.object.finished:
            response["HX-Refresh"] = "true"
        return response
