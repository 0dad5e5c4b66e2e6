"""The token endpoint (POST /api/v1/auth/token/) and the API's sign-out."""

from django.contrib.auth.signals import user_logged_in
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from knox.models import AuthToken
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from accounts.authentication import TokenAuthentication
from accounts.lockout import lockout_message, lockout_seconds
from kemitraan.api import TooManyRequests


class TokenRequestThrottle(SimpleRateThrottle):
    """Token requests per client address, right or wrong (rate ``token`` in REST_FRAMEWORK)."""

    scope = "token"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(
        help_text="Send it as `Authorization: Token <token>`. It expires after TOKEN_TTL_DAYS "
        "days (30 by default) and is revoked when the user changes the password or "
        "signs out."
    )


class ObtainTokenView(APIView):
    """A new API token for a username and password.

    Throttled per client address; five wrong passwords for one username from one address lock
    that pair out of every sign-in door for 15 minutes (429 with Retry-After).
    """

    authentication_classes = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [TokenRequestThrottle]

    @extend_schema(
        request=AuthTokenSerializer, responses={200: TokenSerializer}, summary="Obtain an API token"
    )
    def post(self, request):
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        try:
            serializer.is_valid(raise_exception=True)
        except exceptions.ValidationError:
            if getattr(request, "axes_locked_out", False):
                seconds = lockout_seconds(request)
                raise TooManyRequests(wait=seconds, detail=lockout_message(seconds)) from None
            raise
        user = serializer.validated_data["user"]
        AuthToken.objects.filter(user=user, expiry__lt=timezone.now()).delete()
        _instance, token = AuthToken.objects.create(user=user)
        user_logged_in.send(sender=type(user), request=request, user=user)
        return Response({"token": token})


class RevokeTokenView(APIView):
    """Sign out of the API: the token sent with this request stops working."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=None, responses={204: None}, summary="Revoke the token in use")
    def post(self, request):
        request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
