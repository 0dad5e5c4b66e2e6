"""Token authentication for the API (django-rest-knox): ``Authorization: Token <key>``, with
keys stored as hashes and expiring after TOKEN_TTL_DAYS.

Kept apart from the views: DRF imports authentication classes while it defines APIView.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox import auth
from knox.models import AuthToken
from rest_framework import exceptions


class TokenAuthentication(auth.TokenAuthentication):
    """knox's token authentication in one query: only the token sent is looked up and checked.

    (knox also sweeps the user's other expired tokens on every request; here they are removed
    when the user next obtains a token.)
    """

    def authenticate_credentials(self, token):
        try:
            token.decode()
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from error
        return super().authenticate_credentials(token)

    def _cleanup_token(self, auth_token):
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False


def revoke_tokens(user):
    """Revoke every API token of ``user``."""
    AuthToken.objects.filter(user=user).delete()
