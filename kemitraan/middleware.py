"""Language choice: Bahasa Indonesia first."""

from django.conf import settings


class IndonesianFirstMiddleware:
    """Pages speak Bahasa Indonesia unless the user chose English (the language cookie).

    Many office PCs run an English browser; its Accept-Language header should not switch the
    register to English. The API keeps following Accept-Language, as other systems expect.
    Must come before django.middleware.locale.LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chose_language = settings.LANGUAGE_COOKIE_NAME in request.COOKIES
        if not chose_language and not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
