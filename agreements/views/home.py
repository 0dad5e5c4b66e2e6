"""The pages' home (/): what needs doing for the signed-in user (``{% user_duties %}``)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone


@login_required
def home(request):
    return render(request, "pages/home.html", {"today": timezone.localdate()})
