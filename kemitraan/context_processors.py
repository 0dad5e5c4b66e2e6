"""What every page's frame (``templates/base.html``) shows: the user's unit, the menu, the
admin link."""

from partners import access

# The menu entry each page belongs to, by URL name.
SECTIONS = {
    "home": "home",
    "lookup": "lookup",
    "partner": "lookup",
    "dashboard": "dashboard",
    "report": "report",
}


def page_frame(request):
    """The signed-in user's profile, whether they may write and reach the admin, and the
    menu entry of the page (``section``)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"profile": None, "can_write": False, "admin_access": False, "section": None}
    profile = access.profile_of(user)
    match = request.resolver_match
    return {
        "profile": profile,
        "can_write": access.can_write(user),
        # The admin lets in staff with a unit (or superusers): see StaffAccessMixin.
        "admin_access": user.is_staff and (user.is_superuser or profile is not None),
        "section": SECTIONS.get(match.url_name) if match else None,
    }
