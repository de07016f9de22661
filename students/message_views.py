"""A student's messages from instructors and coordinators: a list and each message, for its
recipients only."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from students.group_messages import get_message_for_recipient, messages_to


@login_required
@require_GET
def message_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(messages_to(request.user).defer("body"), 25).get_page(request.GET.get("page"))
    return render(request, "students/messages/list.html", {"page": page})


@login_required
@require_GET
def message_detail(request: HttpRequest, message: int) -> HttpResponse:
    message = get_message_for_recipient(request, message)
    return render(request, "students/messages/detail.html", {"message": message})
