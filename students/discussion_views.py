"""A module's discussion under /learn/<edition>/<module>/discussions/.

Every view begins with get_module_for_discussion (students.access), which lets in the
module's readers only; writes follow with the domain function and redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.models import DiscussionSubscription, Module
from students import discussions as d
from students.access import (
    can_edit,
    can_mark_answer,
    get_module_for_discussion,
    get_post,
    get_thread,
    require_moderator,
)
from students.discussion_forms import (
    EditForm,
    ReasonForm,
    ReplyForm,
    ReportForm,
    SearchForm,
    ThreadForm,
)


def _url(module: Module, name: str = "index", **kwargs) -> str:
    return reverse(
        f"discussions:{name}",
        kwargs={"edition": module.edition.slug, "module": module.slug, **kwargs},
    )


def _thread_url(thread, page: int | None = None, anchor: str = "") -> str:
    url = _url(thread.module, "thread-detail", thread=thread.pk)
    return url + (f"?page={page}" if page else "") + (f"#{anchor}" if anchor else "")


def _base_context(module: Module, **context) -> dict:
    return {
        "module": module,
        "edition": module.edition,
        "module_url": module.get_absolute_url(),
        "discussion_url": _url(module),
        **context,
    }


@login_required
@require_GET
def index(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module = get_module_for_discussion(request, edition, module)
    search = SearchForm(request.GET)
    words = search.cleaned_data["q"].strip() if search.is_valid() else ""
    threads = d.threads_of(module, request.user, words=words)
    page = Paginator(threads, d.THREADS_PER_PAGE).get_page(request.GET.get("page"))
    d.mark_unread(page.object_list)
    base_url = _url(module)
    for thread in page.object_list:
        thread.url = f"{base_url}{thread.pk}/"  # thread-detail, without a reverse() per row
    context = _base_context(
        module,
        page=page,
        threads=page.object_list,
        search=search,
        words=words,
        subscribed=d.is_subscribed(request.user, module=module),
        open_reports=d.open_reports(module).count() if module.can_moderate else 0,
    )
    return render(request, "students/discussions/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def thread_new(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module = get_module_for_discussion(request, edition, module)
    lessons = d.lessons_to_point_at(module)
    initial = {}
    if slug := request.GET.get("lesson"):
        initial["lesson"] = lessons.filter(slug=slug).first()
    form = ThreadForm(request.POST or None, lessons=lessons, initial=initial)
    if request.method == "POST" and form.is_valid():
        thread = d.start_thread(module=module, author=request.user, **form.cleaned_data)
        messages.success(request, _("Your thread is published. You will hear of its replies."))
        return redirect(_thread_url(thread))
    return render(
        request, "students/discussions/thread_form.html", _base_context(module, form=form)
    )


@login_required
@require_GET
def thread_detail(request: HttpRequest, edition: str, module: str, thread: int) -> HttpResponse:
    module = get_module_for_discussion(request, edition, module)
    thread = get_thread(module, thread)
    page = Paginator(d.posts_of(thread), d.POSTS_PER_PAGE).get_page(request.GET.get("page"))
    posts = list(page.object_list)
    now, can_answer = timezone.now(), can_mark_answer(thread, request.user)
    opening = posts[0].pk if posts and page.number == 1 else None
    for post in posts:
        post.can_edit = can_edit(post, request.user, now)
        post.can_answer = can_answer and not post.is_hidden and post.pk != opening
    d.mark_read(thread=thread, user=request.user)
    context = _base_context(
        module,
        thread=thread,
        page=page,
        posts=posts,
        form=ReplyForm(),
        subscribed=d.is_subscribed(request.user, thread=thread),
    )
    return render(request, "students/discussions/thread.html", context)


@login_required
@require_POST
def reply(request: HttpRequest, edition: str, module: str, thread: int) -> HttpResponse:
    module = get_module_for_discussion(request, edition, module)
    thread = get_thread(module, thread)
    form = ReplyForm(request.POST)
    if thread.is_locked:
        messages.error(request, _("This thread is locked: no new replies."))
        return redirect(_thread_url(thread))
    if not form.is_valid():
        context = _base_context(module, thread=thread, form=form)
        return render(request, "students/discussions/reply_form.html", context)
    post = d.reply(thread=thread, author=request.user, body=form.cleaned_data["body"])
    last_page = (thread.posts.count() - 1) // d.POSTS_PER_PAGE + 1
    messages.success(request, _("Your reply is published."))
    return redirect(_thread_url(thread, last_page, f"post-{post.pk}"))


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, edition: str, module: str, post: int) -> HttpResponse:
    module = get_module_for_discussion(request, edition, module)
    post = get_post(module, post)
    if not can_edit(post, request.user):
        messages.error(request, _("A post can be edited by its author for 30 minutes."))
        return redirect(_thread_url(post.thread))
    form = EditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        d.edit_post(post=post, user=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Your post is updated."))
        return redirect(_thread_url(post.thread, anchor=f"post-{post.pk}"))
    context = _base_context(module, thread=post.thread, post=post, form=form)
    return render(request, "students/discussions/post_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def post_report(request: HttpRequest, edition: str, module: str, post: int) -> HttpResponse:
    module = get_module_for_discussion(request, edition, module)
    post = get_post(module, post)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if d.report_post(post=post, reporter=request.user, reason=form.cleaned_data["reason"]):
            messages.success(request, _("Thank you: the moderators will look at this post."))
        else:
            messages.info(request, _("You had already reported this post."))
        return redirect(_thread_url(post.thread, anchor=f"post-{post.pk}"))
    context = _base_context(module, thread=post.thread, post=post, form=form)
    return render(request, "students/discussions/post_report.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def post_hide(request: HttpRequest, edition: str, module: str, post: int) -> HttpResponse:
    module = get_module_for_discussion(request, edition, module)
    require_moderator(module)
    post = get_post(module, post)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d.hide_post(post=post, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The post is hidden. Moderators can still read it."))
        return redirect(_thread_url(post.thread, anchor=f"post-{post.pk}"))
    context = _base_context(module, thread=post.thread, post=post, form=form)
    return render(request, "students/discussions/post_hide.html", context)


@login_required
@require_POST
def post_unhide(request: HttpRequest, edition: str, module: str, post: int) -> HttpResponse:
    module = get_module_for_discussion(request, edition, module)
    require_moderator(module)
    post = get_post(module, post)
    d.unhide_post(post=post)
    messages.success(request, _("The post is shown again."))
    return redirect(_thread_url(post.thread, anchor=f"post-{post.pk}"))


MODERATION = {
    "pin": ({"pinned": True}, gettext_lazy("The thread is pinned to the top.")),
    "unpin": ({"pinned": False}, gettext_lazy("The thread is no longer pinned.")),
    "lock": ({"locked": True}, gettext_lazy("The thread is locked: no one can reply.")),
    "unlock": ({"locked": False}, gettext_lazy("The thread is open to replies again.")),
}


@login_required
@require_POST
def thread_moderate(request: HttpRequest, edition: str, module: str, thread: int) -> HttpResponse:
    module = get_module_for_discussion(request, edition, module)
    require_moderator(module)
    thread = get_thread(module, thread)
    flags, message = MODERATION.get(request.POST.get("action"), (None, None))
    if flags is None:
        raise Http404
    d.set_thread_flags(thread=thread, **flags)
    messages.success(request, message)
    return redirect(_thread_url(thread))


@login_required
@require_POST
def thread_answer(
    request: HttpRequest, edition: str, module: str, thread: int, post: int
) -> HttpResponse:
    module = get_module_for_discussion(request, edition, module)
    thread = get_thread(module, thread)
    answer = get_object_or_404(thread.posts.filter(is_hidden=False), pk=post)
    if thread.answered_post_id == answer.pk:
        d.mark_answer(thread=thread, post=None, by=request.user)
        messages.success(request, _("The question is no longer marked as answered."))
    else:
        d.mark_answer(thread=thread, post=answer, by=request.user)
        messages.success(request, _("The question is marked as answered."))
    return redirect(_thread_url(thread, anchor=f"post-{answer.pk}"))


@login_required
@require_POST
def thread_subscribe(request: HttpRequest, edition: str, module: str, thread: int) -> HttpResponse:
    module = get_module_for_discussion(request, edition, module)
    thread = get_thread(module, thread)
    if request.POST.get("action") == "unsubscribe":
        d.unsubscribe(user=request.user, thread=thread)
        messages.success(request, _("You no longer follow this thread."))
    else:
        d.subscribe(user=request.user, thread=thread)
        messages.success(request, _("You follow this thread: new replies reach you by e-mail."))
    return redirect(_thread_url(thread))


@login_required
@require_POST
def module_subscribe(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module = get_module_for_discussion(request, edition, module)
    if request.POST.get("action") == "unsubscribe":
        d.unsubscribe(user=request.user, module=module)
        messages.success(request, _("You no longer follow this module's discussion."))
    else:
        d.subscribe(user=request.user, module=module)
        messages.success(
            request, _("You follow this module's discussion: new posts reach you by e-mail.")
        )
    return redirect(_url(module))


@login_required
@require_GET
def reports(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module = get_module_for_discussion(request, edition, module)
    require_moderator(module)
    open_reports = d.open_reports(module).select_related("post__thread", "post__author", "reporter")
    page = Paginator(open_reports, 50).get_page(request.GET.get("page"))
    context = _base_context(module, page=page, reports=page.object_list)
    return render(request, "students/discussions/reports.html", context)


@login_required
@require_POST
def report_handle(request: HttpRequest, edition: str, module: str, report: int) -> HttpResponse:
    module = get_module_for_discussion(request, edition, module)
    require_moderator(module)
    report = get_object_or_404(d.reports_of(module), pk=report)
    if report.handled:
        messages.info(request, _("Another moderator had already closed this report."))
    else:
        d.handle_report(report=report, by=request.user)
        messages.success(request, _("The report is closed; the post stays as it is."))
    return redirect(_url(module, "reports"))


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, edition: str, module: str, token: str) -> HttpResponse:
    """The link of every discussion e-mail: works without logging in; GET asks, POST stops."""
    subscription = (
        DiscussionSubscription.objects.select_related("thread__module__edition", "module__edition")
        .filter(token=token)
        .first()
    )
    target = subscription and (subscription.module or subscription.thread.module)
    if target is None or target.slug != module or target.edition.slug != edition:
        context = {"gone": True}
        return render(request, "students/discussions/unsubscribe.html", context, status=404)
    if request.method == "POST":
        subscription.delete()
        return render(request, "students/discussions/unsubscribe.html", {"done": True})
    context = {"subscription": subscription, "module_of": target}
    return render(request, "students/discussions/unsubscribe.html", context)
