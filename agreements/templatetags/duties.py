"""``{% user_duties %}``: what needs doing for the signed-in user (``agreements.selectors.home``),
on the home of the pages and of the admin alike."""

from django import template

from agreements.access import can_write
from agreements.selectors import home

register = template.Library()


@register.inclusion_tag("agreements/includes/duties.html", takes_context=True)
def user_duties(context):
    user = context["request"].user
    return {
        "duties": home.duties_for(user),
        "unit_without_letterhead": home.unit_without_letterhead(user),
        "can_write": can_write(user),
        "admin_access": context.get("admin_access", False),
    }
