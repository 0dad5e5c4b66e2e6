"""Django's own messages whose Indonesian wording the project corrects.

Django's Indonesian catalogue has typos ("dibawah", "Rubah", "autentifikasu", "Sandi anda") and
stiff or wrong phrases ("Pilih … untuk diubah", "Ubah riwayat", "ganti pesan"). The project
catalogue (``locale/id``, first in ``LOCALE_PATHS``) wins over Django's, so these msgids are
translated there; naming them here keeps them in it, since ``makemessages`` drops every msgid
that no source file names. ``tests/test_wording.py`` checks that the corrected wording is what users
read. Django's JavaScript catalogue (the calendar's day names) is corrected in
``locale/id/LC_MESSAGES/djangojs.po``.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_MESSAGES = [
    gettext_noop("Select %s to change"),
    gettext_noop("Select %s to view"),
    gettext_noop("Change or view list link"),
    gettext_noop("Change history: %s"),
    gettext_noop("change message"),
    gettext_noop("None"),
    gettext_noop("Any date"),
    gettext_noop("Go"),
    gettext_noop("Successfully deleted %(count)d %(items)s."),
    gettext_noop(
        "Items must be selected in order to perform actions on them. No items have been changed."
    ),
    gettext_noop(
        "Deleting %(class_name)s %(instance)s would require deleting the following "
        "protected related objects: %(related_objects)s"
    ),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop(
        "This action will <strong>enable</strong> password-based authentication for this user."
    ),
    gettext_noop("Disable password-based authentication"),
    gettext_noop("Enable password-based authentication"),
    gettext_noop("Breadcrumbs"),
    gettext_noop("Remove from sorting"),
    gettext_noop("Filter navigation items"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("entry"),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("Thanks for spending some quality time with the web site today."),
    gettext_noop("You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("Save and continue editing"),
    gettext_noop("Conflicting form data submitted. Please try again."),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If "
        "disabled, they may still be able to authenticate using other backends, such "
        "as Single Sign-On or LDAP."
    ),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
]
# Counted messages: the admin's form error banner.
DJANGO_COUNTED_MESSAGES = [
    ngettext_lazy("Please correct the error below.", "Please correct the errors below.", "count"),
    ngettext_lazy("%(counter)s result", "%(counter)s results", "counter"),
]
