"""Log-in throttling: failures per username and per address within a window, kept in the database."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from mangfold.web.accounts import throttle
from mangfold.web.accounts.models import LoginFailure
from tests.conftest import PASSWORD, World


@pytest.fixture
def limits(settings: Any) -> None:
    settings.MANGFOLD_LOGIN_MAX_FAILURES = 3
    settings.MANGFOLD_LOGIN_MAX_FAILURES_PER_IP = 5
    settings.MANGFOLD_LOGIN_WINDOW_MINUTES = 15


def attempt(username: str, password: str, ip: str = "10.0.0.1", path: str = "/en/accounts/login/") -> Any:
    client = Client(REMOTE_ADDR=ip)
    response = client.post(path, {"username": username, "password": password})
    response.logged_in = "_auth_user_id" in client.session
    return response


def fail(username: str, times: int, ip: str = "10.0.0.1") -> None:
    for _ in range(times):
        response = attempt(username, "wrong-password", ip)
        assert response.status_code == 200
        assert not response.logged_in


def test_a_username_is_locked_after_too_many_failures(world: World, limits: None) -> None:
    fail("editor", 3)
    response = attempt("editor", PASSWORD, ip="10.0.0.2")  # the right password, from anywhere
    assert response.status_code == 429
    assert not response.logged_in
    assert "Too many failed log-in attempts. Try again in 15 minutes." in response.content.decode()
    assert attempt("viewer", PASSWORD).logged_in  # other names are not locked


def test_the_lock_speaks_danish(world: World, limits: None) -> None:
    fail("editor", 3)
    response = attempt("editor", PASSWORD, path="/da/accounts/login/")
    assert (
        "For mange mislykkede forsøg på at logge ind. Prøv igen om 15 minutter." in response.content.decode()
    )


def test_the_username_is_matched_without_regard_to_case_or_spaces(world: World, limits: None) -> None:
    fail("Editor", 2)
    fail(" editor ", 1)
    assert attempt("editor", PASSWORD).status_code == 429


def test_an_address_is_locked_after_too_many_failures(world: World, limits: None) -> None:
    for name in ("a", "b", "c", "d", "e"):
        fail(name, 1, ip="10.0.0.9")
    assert attempt("editor", PASSWORD, ip="10.0.0.9").status_code == 429
    assert attempt("editor", PASSWORD, ip="10.0.0.10").logged_in


def test_the_lock_lifts_when_the_failures_leave_the_window(world: World, limits: None) -> None:
    fail("editor", 3)
    LoginFailure.objects.update(at=timezone.now() - timedelta(minutes=16))
    assert attempt("editor", PASSWORD).logged_in


def test_refused_attempts_do_not_extend_the_lock(world: World, limits: None) -> None:
    fail("editor", 3)
    for _ in range(4):
        assert attempt("editor", "wrong-password").status_code == 429
    assert LoginFailure.objects.filter(username="editor").count() == 3


def test_a_successful_log_in_clears_the_count(world: World, limits: None) -> None:
    fail("editor", 2)
    assert attempt("editor", PASSWORD).logged_in
    fail("editor", 2)
    assert attempt("editor", PASSWORD).logged_in


def test_old_failures_are_pruned(world: World, limits: None) -> None:
    fail("editor", 2)
    LoginFailure.objects.update(at=timezone.now() - timedelta(hours=1))
    fail("viewer", 1)
    assert list(LoginFailure.objects.values_list("username", flat=True)) == ["viewer"]


def test_the_admin_log_in_is_throttled_too(world: World, limits: None) -> None:
    fail("admin", 3)
    response = attempt("admin", PASSWORD, path="/en/admin/login/?next=/en/admin/")
    assert response.status_code == 200
    assert not response.logged_in


def test_minutes_left_round_up(db: Any) -> None:
    now = timezone.now()
    assert throttle.Lockout(until=now + timedelta(seconds=61)).minutes_left(now) == 2
    assert throttle.Lockout(until=now + timedelta(seconds=60)).minutes_left(now) == 1
    assert throttle.Lockout(until=now + timedelta(seconds=5)).minutes_left(now) == 1


def test_the_lock_lasts_until_the_oldest_counted_failure_is_a_window_old(world: World, limits: None) -> None:
    now = timezone.now()
    for minutes_ago in (10, 6, 2):
        LoginFailure.objects.create(username="editor", ip="10.0.0.1", at=now - timedelta(minutes=minutes_ago))
    lock = throttle.lockout("editor", None)
    assert lock is not None
    assert abs((lock.until - (now + timedelta(minutes=5))).total_seconds()) < 1


def test_behind_a_proxy_the_configured_header_gives_the_address(
    world: World, limits: None, settings: Any
) -> None:
    settings.MANGFOLD_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    for name in ("a", "b", "c", "d", "e"):
        Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.0.0.7").post(
            "/en/accounts/login/", {"username": name, "password": "wrong"}
        )
    assert set(LoginFailure.objects.values_list("ip", flat=True)) == {"10.0.0.7"}
    locked = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.7")
    assert locked.post("/en/accounts/login/", {"username": "editor", "password": PASSWORD}).status_code == 429
    other = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.7, 10.0.0.8")
    assert other.post("/en/accounts/login/", {"username": "editor", "password": PASSWORD}).status_code == 302


def test_a_malformed_address_counts_as_none(db: Any, settings: Any) -> None:
    from django.test import RequestFactory

    settings.MANGFOLD_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert throttle.client_ip(RequestFactory().get("/", HTTP_X_REAL_IP="not an address")) is None
    assert throttle.client_ip(RequestFactory().get("/", HTTP_X_REAL_IP="2001:db8::1")) == "2001:db8::1"


def _simultaneously(count: int, action: Any) -> list[Any]:
    """Run ``action()`` in ``count`` threads released together; each thread closes its connection.

    The SQLite test database lives in memory with a shared cache, where a statement meeting another
    connection's lock fails at once ("table is locked") instead of waiting as it does on a file (the
    busy timeout of the settings): here it waits and is retried, as SQLite would do with a file.
    """
    from django.db import OperationalError, connection

    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def patient(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        for _ in range(2000):
            try:
                return execute(sql, params, many, context)
            except OperationalError as error:
                if connection.vendor != "sqlite" or "locked" not in str(error):
                    raise
                time.sleep(0.005)
        return execute(sql, params, many, context)

    def run(index: int) -> None:
        try:
            barrier.wait()
            with connection.execute_wrapper(patient):
                results[index] = action()
        except Exception as error:  # the test reports it
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_forty_simultaneous_wrong_passwords_have_at_most_the_limit_checked(
    transactional_db: Any, settings: Any
) -> None:
    from django.contrib.auth import get_user_model

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MANGFOLD_LOGIN_MAX_FAILURES = 5
    get_user_model().objects.create_user(username="editor", password=PASSWORD)
    checked: list[str] = []
    lock = threading.Lock()
    original = get_user_model().check_password

    def counting_check(user: Any, raw: str) -> bool:  # as slow as a real password hash
        with lock:
            checked.append(raw)
        time.sleep(0.2)
        return bool(original(user, raw))

    get_user_model().check_password = counting_check  # type: ignore[method-assign]
    try:
        results = _simultaneously(40, lambda: attempt("editor", "wrong-password").status_code)
        assert not [r for r in results if isinstance(r, Exception)], results
        assert len(checked) <= 5
        assert sorted(set(results)) == [200, 429]
        assert results.count(200) == len(checked)
        assert LoginFailure.objects.filter(username="editor").count() == len(checked)
        # An attempt refused while others were in flight may have left fewer than 5 failures: the rest of
        # the limit is still there to use, one attempt at a time, and no more.
        after = [attempt("editor", "wrong-password").status_code for _ in range(6)]
    finally:
        get_user_model().check_password = original  # type: ignore[method-assign]
    assert len(checked) == 5
    assert after == [200] * (5 - results.count(200)) + [429] * (1 + results.count(200))
    assert attempt("editor", PASSWORD).status_code == 429  # locked, even with the right password


def test_attempts_in_flight_count_before_their_passwords_are_checked(db: Any, limits: None) -> None:
    started = [throttle.begin("editor", "10.0.0.1") for _ in range(5)]  # none has finished yet
    assert [isinstance(s, throttle.Attempt) for s in started] == [True, True, True, False, False]
    assert LoginFailure.objects.filter(username="editor").count() == 3
    throttle.succeeded(started[0])  # type: ignore[arg-type]
    assert isinstance(throttle.begin("editor", "10.0.0.1"), throttle.Attempt)
