"""The authentication backend that refuses clients locked out after repeated failures."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for sign-ins that come with a request.

    Every sign-in door (the pages' form, the admin's, the token endpoint) passes its request. A
    call without one (a shell, a script, the test client's ``login``) has no client address to
    lock out, so it is left to the next backend instead of being refused with an error.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
