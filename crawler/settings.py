"""Scrapy settings of the AccessWatch crawl: politeness first, every knob explicit.

`crawl_settings(overrides)` returns the settings dict the run uses; tests override the delays
and timeouts (never the politeness switches themselves) to stay fast.
"""

from __future__ import annotations

from typing import Any

USER_AGENT = "AccessWatch/0.1 (+https://github.com/accesswatch/accesswatch)"

# Status codes the spider sees itself (reported with a reason) instead of Scrapy dropping them.
# 3xx are absent on purpose: redirects are followed by RedirectMiddleware (checked by ours).
HANDLED_STATUSES: list[int] = [304, *range(400, 600)]

BASE_SETTINGS: dict[str, Any] = {
    "BOT_NAME": "accesswatch",
    "USER_AGENT": USER_AGENT,
    # Politeness.
    "ROBOTSTXT_OBEY": True,
    "CONCURRENT_REQUESTS": 8,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    "DOWNLOAD_DELAY": 5.0,
    "RANDOMIZE_DOWNLOAD_DELAY": True,
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_START_DELAY": 5.0,
    "AUTOTHROTTLE_MAX_DELAY": 60.0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
    "DOWNLOAD_TIMEOUT": 60,
    "DOWNLOAD_MAXSIZE": 50 * 1024 * 1024,
    "DOWNLOAD_WARNSIZE": 20 * 1024 * 1024,
    "COOKIES_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "DEFAULT_REQUEST_HEADERS": {
        "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8",
        "Accept-Language": "en",
    },
    # Retries with exponential backoff; Retry-After honoured on 429/503 up to a cap.
    "RETRY_ENABLED": True,
    "RETRY_TIMES": 3,
    "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
    "RETRY_BACKOFF_BASE": 10.0,
    "RETRY_BACKOFF_MAX": 300.0,
    "RETRY_AFTER_MAX": 600.0,
    # Redirects: followed, but only onto the company's declared domains; loops reported.
    "REDIRECT_ENABLED": True,
    "REDIRECT_MAX_TIMES": 10,
    "DOWNLOADER_MIDDLEWARES": {
        "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
        "crawler.middlewares.PoliteRetryMiddleware": 550,
        "crawler.middlewares.DeclaredDomainRedirectMiddleware": 650,
    },
    "EXTENSIONS": {
        "scrapy.extensions.throttle.AutoThrottle": None,
        "crawler.throttle.NotModifiedAwareAutoThrottle": 0,
    },
    "ITEM_PIPELINES": {"crawler.pipeline.ArchivePipeline": 300},
    "HTTPCACHE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
}


def crawl_settings(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The crawl's Scrapy settings with `overrides` applied on top (a new dict)."""
    settings = {key: (dict(value) if isinstance(value, dict) else value) for key, value in BASE_SETTINGS.items()}
    settings.update(overrides or {})
    return settings


def parse_override(text: str) -> tuple[str, Any]:
    """Parse one `KEY=VALUE` override; VALUE is read as YAML (numbers, booleans, lists).

    Raises ValueError naming the text when it has no `=`.
    """
    import yaml

    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise ValueError(f"setting override {text!r} is not KEY=VALUE")
    return key.strip(), yaml.safe_load(value) if value.strip() else ""
