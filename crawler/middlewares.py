"""Downloader middlewares: polite retries (backoff, `Retry-After`) and redirect guarding.

- `PoliteRetryMiddleware` replaces Scrapy's RetryMiddleware: same retry rules, but waits before
  each retry — the server's `Retry-After` on 429/503 (up to `RETRY_AFTER_MAX` seconds; longer
  means "not now", so it gives up at once) or an exponential backoff
  `RETRY_BACKOFF_BASE * 2**(n-1)` capped at `RETRY_BACKOFF_MAX`. Waiting inside the downloader
  keeps the per-domain slot busy, so nothing else hits that host meanwhile.
- `DeclaredDomainRedirectMiddleware` runs before RedirectMiddleware sees a 3xx: a redirect off
  the company's declared domains, or back to a URL already visited (a loop), fails the request
  with a reason instead of being followed.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
from typing import Any
from urllib.parse import urljoin

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.response import response_status_message

from accesswatch.sources import url_on_domains

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = {301, 302, 303, 307, 308}


class RedirectRefused(IgnoreRequest):
    """A redirect the crawl will not follow (off the declared domains, or a loop)."""

    def __init__(self, reason: str, url: str, target: str, message: str | None = None) -> None:
        super().__init__(message or f"{reason}: {url} -> {target}")
        self.reason = reason
        self.url = url
        self.target = target


def parse_retry_after(value: str | bytes | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header (delta-seconds or HTTP-date), or None.

    A date in the past gives 0; an unparseable value gives None.
    """
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    now = now or dt.datetime.now(dt.timezone.utc)
    return max(0.0, (when - now).total_seconds())


async def _sleep(seconds: float) -> None:
    if seconds <= 0:
        return
    from scrapy.utils.defer import maybe_deferred_to_future
    from twisted.internet import reactor
    from twisted.internet.task import deferLater

    await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))


class PoliteRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, plus backoff and `Retry-After` (see the module docstring)."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 10.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 300.0)
        self.retry_after_max = settings.getfloat("RETRY_AFTER_MAX", 600.0)

    def _backoff(self, request: Request) -> float:
        attempt = request.meta.get("retry_times", 0)
        return min(self.backoff_max, self.backoff_base * (2**attempt))

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry_after = None
        if response.status in (429, 503):
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            if retry_after is not None and retry_after > self.retry_after_max:
                request.meta["retry_after_refused"] = retry_after
                return response
        max_times = request.meta.get("max_retry_times", self.max_retry_times)
        if request.meta.get("retry_times", 0) >= max_times:
            return response
        if retry_after is not None:
            request.meta["retry_after_waits"] = [*request.meta.get("retry_after_waits", []), retry_after]
        await _sleep(retry_after if retry_after is not None else self._backoff(request))
        return self._retry(request, response_status_message(response.status)) or response

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:  # type: ignore[override]
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        max_times = request.meta.get("max_retry_times", self.max_retry_times)
        if request.meta.get("retry_times", 0) >= max_times:
            request.meta["retry_times_exhausted"] = request.meta.get("retry_times", 0)
            return None
        await _sleep(self._backoff(request))
        return self._retry(request, exception)


class DeclaredDomainRedirectMiddleware:
    """Refuse redirects off `request.meta["domains"]` and redirect loops (see module docstring)."""

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status not in REDIRECT_STATUSES or b"Location" not in response.headers:
            return response
        location = response.headers.get("Location").decode("latin-1")
        if location.startswith("//"):
            location = request.url.split(":", 1)[0] + ":" + location
        target = urljoin(request.url, location).split("#", 1)[0]
        visited = [*request.meta.get("redirect_urls", []), request.url]
        if target in visited:
            chain = " -> ".join([*visited, target])
            raise RedirectRefused("redirect loop", request.url, target, f"redirect loop: {chain}")
        domains = request.meta.get("domains")
        if domains and not url_on_domains(target, domains):
            raise RedirectRefused(f"redirect to undeclared domain (allowed: {', '.join(domains)})", request.url, target)
        return response
