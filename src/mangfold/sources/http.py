"""HTTP for the statistics clients: timeouts, retries with back-off, and a rate limiter.

Rules (the same for every service):

- every request has a timeout (connect and read, :attr:`Retry.timeout` seconds);
- a request that times out, cannot connect, or gets a 5xx answer is tried again, at most
  :attr:`Retry.retries` more times, after ``backoff × 2^k`` seconds (k = 0, 1, …), or after the
  ``Retry-After`` the service sent when it is longer; a 429 (too many requests) is waited out the same way;
- any other 4xx is final at once (the request is wrong; asking again gives the same answer) and becomes a
  :class:`~mangfold.sources.errors.FetchError` with the service's own message;
- a service with a published call limit (Statistics Norway: 30 calls a minute) gets a
  :class:`RateLimiter` that waits before a call rather than be refused.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from mangfold.sources.errors import Failure, FetchError

__all__ = ["RateLimiter", "Retry", "Transport"]

USER_AGENT = "mangfold (https://github.com/mangfold/mangfold)"


@dataclass(frozen=True)
class Retry:
    """Timeout (seconds), how many more tries after a failure, and the first back-off (seconds)."""

    timeout: float = 30.0
    retries: int = 3
    backoff: float = 1.0

    def wait(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before try ``attempt + 1``: ``backoff × 2^attempt`` or ``Retry-After``."""
        delay = float(self.backoff * 2**attempt)
        return max(delay, retry_after or 0.0)


class RateLimiter:
    """At most ``calls`` calls in any window of ``period`` seconds (a sliding window of call times).

    :meth:`acquire` waits (with ``sleep``) until a call is allowed and records it.
    """

    def __init__(
        self,
        calls: int,
        period: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if calls < 1 or period <= 0:
            raise ValueError("a rate limit needs at least one call in a positive period")
        self.calls, self.period = calls, period
        self._clock, self._sleep = clock, sleep
        self._times: deque[float] = deque()
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Wait until one more call keeps the limit; the seconds waited (one caller at a time)."""
        with self._lock:
            return self._acquire()

    def _acquire(self) -> float:
        waited = 0.0
        now = self._clock()
        while self._times and now - self._times[0] >= self.period:
            self._times.popleft()
        if len(self._times) >= self.calls:
            waited = self._times[0] + self.period - now
            self._sleep(waited)
            now = self._clock()
            while self._times and now - self._times[0] >= self.period - 1e-9:
                self._times.popleft()
        self._times.append(now)
        return waited


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return min(float(value), 300.0)
    except ValueError:
        return None


Explain = Callable[[httpx.Response], FetchError]


class Transport:
    """Requests to one service with the rules above; ``explain`` turns a final 4xx into a FetchError."""

    def __init__(
        self,
        service: str,
        explain: Explain,
        *,
        retry: Retry | None = None,
        limiter: RateLimiter | None = None,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.service = service
        self.explain = explain
        self.retry = retry or Retry()
        self.limiter = limiter
        self.client = client or httpx.Client(
            timeout=httpx.Timeout(self.retry.timeout), headers={"User-Agent": USER_AGENT}
        )
        self._sleep = sleep
        self._own_client = client is None
        self.calls = 0

    def close(self) -> None:
        """Close the connection pool (when this transport made it)."""
        if self._own_client:
            self.client.close()

    def _down(self, detail: str, status: int | None = None) -> FetchError:
        return FetchError(self.service, Failure.SERVICE_DOWN, detail, status=status)

    @contextmanager
    def open(self, method: str, url: str, **kwargs: Any) -> Iterator[httpx.Response]:
        """A streamed response with status 2xx (its body not yet read), after the retries above."""
        attempt = 0
        while True:
            if self.limiter is not None:
                self.limiter.acquire()
            self.calls += 1
            request = self.client.build_request(method, url, **kwargs)
            try:
                response = self.client.send(request, stream=True)
            except (httpx.TimeoutException, httpx.TransportError) as error:
                if attempt >= self.retry.retries:
                    raise self._down(f"{type(error).__name__}: {error}") from None
                self._sleep(self.retry.wait(attempt))
                attempt += 1
                continue
            if response.status_code >= 500 or response.status_code == 429:
                response.read()
                response.close()
                if attempt >= self.retry.retries:
                    raise self._down(f"HTTP {response.status_code}", response.status_code)
                self._sleep(self.retry.wait(attempt, _retry_after(response)))
                attempt += 1
                continue
            if response.status_code >= 400:
                response.read()
                response.close()
                raise self.explain(response)
            try:
                yield response
            finally:
                response.close()
            return

    def send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """The whole response (read) of a request, after the retries above."""
        with self.open(method, url, **kwargs) as response:
            try:
                response.read()
            except (httpx.TimeoutException, httpx.TransportError) as error:
                raise self._down(f"{type(error).__name__}: {error}") from None
            return response
