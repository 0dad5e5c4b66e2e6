"""Tokens follow the user's sign-in: a password change or a sign-out revokes them all."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.authentication import revoke_tokens


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts.password_changed")
def revoke_tokens_on_password_change(sender, instance, created, **kwargs):
    """A new password set with ``set_password`` (admin, ``changepassword``, a form) ends every
    token obtained with the old one. Django keeps the new raw password in ``_password`` until
    the save is done (it is how Django itself tells its validators); a hash upgrade at sign-in
    does not set it."""
    if not created and getattr(instance, "_password", None) is not None:
        revoke_tokens(instance)


@receiver(user_logged_out, dispatch_uid="accounts.signed_out")
def revoke_tokens_on_sign_out(sender, request, user, **kwargs):
    """Signing out of the pages (/keluar/) or the admin ends the user's API tokens too."""
    if user is not None:
        revoke_tokens(user)
