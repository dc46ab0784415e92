"""Language (Dutch unless the user chose English) and a guard against NUL characters."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _


class LanguageMiddleware:
    """Activate the language in the language cookie, else Dutch.

    Django's LocaleMiddleware also follows the browser's Accept-Language; a
    municipal workstation with an English browser would then open in English.
    Dutch is the product's language; English is a choice the user makes.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


NUL_MESSAGE = _("Het verzoek bevat een ongeldig teken (NUL).")


class NulCharacterMiddleware:
    """Refuse a NUL character in the query string or a request header with 400.

    PostgreSQL refuses NUL in text, so ``?search=a%00b`` used to end in a
    server error wherever a query parameter reached a filter. Refusing it at
    the door covers every filter, search, ordering and page parameter, of the
    API and of the HTML pages alike. Request bodies are checked by the API's
    parsers (``basisbaan.core.api.parsers``) and by Django's form fields.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.has_nul(request):
            return self.refusal(request)
        return self.get_response(request)

    @staticmethod
    def has_nul(request: HttpRequest) -> bool:
        if "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            return True
        return any(
            "\x00" in str(value) for key, value in request.META.items() if key.startswith("HTTP_")
        )

    @staticmethod
    def refusal(request: HttpRequest) -> HttpResponse:
        message = str(NUL_MESSAGE)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


REPEATED_MESSAGE = _("Geef elke parameter één keer op.")


class SingleQueryValueMiddleware:
    """Refuse an API query string that gives a parameter twice, with 400.

    No parameter of the API is a list; Django would silently use the last
    value of ``?status=a&status=b``, which the schema does not allow.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            repeated = sorted(key for key, values in request.GET.lists() if len(values) > 1)
            if repeated:
                message = str(REPEATED_MESSAGE)
                return JsonResponse({key: [message] for key in repeated}, status=400)
        return self.get_response(request)
