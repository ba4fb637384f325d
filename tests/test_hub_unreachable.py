"""A Hub that cannot be reached is one line, at once: no retries, no traceback, the fixes named.

No test touches the network. The Hub is a closed local port, a name in the reserved ``.invalid``
domain (RFC 6761: never resolves), local servers that never answer or answer with an error, or
``HfApi.model_info`` and ``snapshot_download`` replaced by functions that raise each error the
Hub and its HTTP clients raise. The cache is empty and offline mode is off, as on a new machine
behind a firewall.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import ssl
import subprocess
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx2
import huggingface_hub
import pytest
from huggingface_hub import constants
from huggingface_hub.errors import (
    HfHubHTTPError,
    LocalEntryNotFoundError,
    OfflineModeIsEnabled,
    RepositoryNotFoundError,
    XetDownloadError,
)
from huggingface_hub.hf_api import ModelInfo

from corpus import run_main
from songngu.backends import hub
from songngu.errors import ModelUnavailableError
from tiny_models import isolate_hub

MODEL_ID = "Helsinki-NLP/opus-mt-vi-en"
REMEDIES = (
    f"run 'songngu models download {MODEL_ID}' on a machine with network access",
    "copy its Hugging Face cache to",
    "HF_HUB_OFFLINE=1",
    "--model PATH",
)
# Seconds an unreachable Hub may cost; huggingface_hub's retries took 23 s. The silent server
# costs the metadata timeout, set to 1 s here (HF_HUB_ETAG_TIMEOUT).
FAST = 5.0
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy")
PROXY_VARIABLES += ("all_proxy",)


@pytest.fixture
def online_empty_hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty Hugging Face cache with offline mode off (conftest's hub fixtures turn it on)."""
    cache = tmp_path / "hf-cache"
    cache.mkdir()
    isolate_hub(monkeypatch, cache, tmp_path / "hf-home")
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", *PROXY_VARIABLES):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(constants, "HF_HUB_ETAG_TIMEOUT", 1)
    # isolate_hub sets HF_HUB_DISABLE_TELEMETRY=1 for child processes; the hub imported here
    # took its copy before. Without it, the first request of the process also fetches the
    # Hub's agent registry (utils/_detect_agent.py, 3 s timeout), once per process.
    monkeypatch.setattr(constants, "HF_HUB_DISABLE_TELEMETRY", True)
    # The shared HTTP client took the proxy variables when it was made; make it again.
    huggingface_hub.close_session()
    yield cache
    huggingface_hub.close_session()


def _point_hub_at(monkeypatch: pytest.MonkeyPatch, endpoint: str) -> None:
    monkeypatch.setenv("HF_ENDPOINT", endpoint)
    monkeypatch.setattr(constants, "ENDPOINT", endpoint)


def _closed_port() -> str:
    """Return the address of a local port nobody listens on (connection refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@contextmanager
def _silent_server() -> Iterator[str]:
    """A port that accepts connections (the kernel completes them) and never answers."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        yield f"http://127.0.0.1:{server.getsockname()[1]}"


@contextmanager
def _answering(status: int, body: bytes = b"error", kind: str = "text/plain") -> Iterator[str]:
    """A local web server that answers every request with ``status`` and counts the requests."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Keep the server's request log off the test's stderr."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        # One request, no retries: the probe is the only one a failing Hub sees.
        assert len(requests) == 1, requests


# name: (the endpoint, what the error line says about it)
ENDPOINTS: dict[str, tuple[Callable[[], AbstractContextManager[str]], str]] = {
    "connection refused": (lambda: nullcontext(_closed_port()), "Connection refused"),
    "unresolvable host": (
        lambda: nullcontext("http://nonexistent.invalid"),
        "http://nonexistent.invalid cannot be reached",
    ),
    "never answers": (_silent_server, "did not answer in time"),
    "HTTP 500": (lambda: _answering(500), "answered HTTP 500 (Internal Server Error)"),
    "HTTP 407": (lambda: _answering(407), "answered HTTP 407 (Proxy Authentication Required)"),
    "login page": (
        lambda: _answering(200, b"<html><body>Log in to the Wi-Fi</body></html>", "text/html"),
        "answered with something else than the Hub's JSON",
    ),
}


def assert_one_error_line(err: str, reason: str) -> str:
    """Stderr is exactly one ``Error:`` line naming the model, the reason and the remedies."""
    assert "Traceback" not in err
    assert "Retry" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    (line,) = lines
    assert line.startswith(f"Error: Model '{MODEL_ID}' is not in the local Hugging Face cache")
    assert reason in line
    for remedy in REMEDIES:
        assert remedy in line
    return line


def _no_hub_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name.startswith("huggingface_hub") and record.levelno >= logging.WARNING
    ]


@pytest.mark.parametrize("backend", ["transformers", "ct2"])
@pytest.mark.parametrize("case", ENDPOINTS, ids=str)
def test_translate_with_an_unreachable_hub_is_one_line(
    case, backend, online_empty_hub, monkeypatch, capsys, caplog, sample_article, tmp_path
):
    endpoint, reason = ENDPOINTS[case]
    with endpoint() as url:
        _point_hub_at(monkeypatch, url)
        started = time.monotonic()
        arguments = ["translate", str(sample_article), "-o", str(tmp_path / "out")]
        code, out, err = run_main([*arguments, "--backend", backend], capsys)
        elapsed = time.monotonic() - started
    assert code == 1
    assert out == ""
    assert_one_error_line(err, reason)
    assert str(online_empty_hub) in err
    assert elapsed < FAST
    assert _no_hub_warnings(caplog) == []
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("case", ENDPOINTS, ids=str)
def test_models_download_with_an_unreachable_hub_is_one_line(
    case, online_empty_hub, monkeypatch, capsys, caplog
):
    endpoint, reason = ENDPOINTS[case]
    with endpoint() as url:
        _point_hub_at(monkeypatch, url)
        started = time.monotonic()
        code, _, err = run_main(["models", "download"], capsys)
        elapsed = time.monotonic() - started
    assert code == 1
    assert_one_error_line(err, reason)
    assert elapsed < FAST
    assert _no_hub_warnings(caplog) == []


@pytest.mark.parametrize("case", ENDPOINTS, ids=str)
def test_download_model_with_an_unreachable_hub_raises_one_line(
    case, online_empty_hub, monkeypatch
):
    endpoint, reason = ENDPOINTS[case]
    with endpoint() as url:
        _point_hub_at(monkeypatch, url)
        started = time.monotonic()
        with pytest.raises(ModelUnavailableError) as raised:
            hub.download_model(MODEL_ID)
        elapsed = time.monotonic() - started
    assert raised.value.model_id == MODEL_ID
    assert_one_error_line(f"Error: {raised.value}\n", reason)
    assert elapsed < FAST


def _response(status: int) -> httpx2.Response:
    url = f"https://huggingface.co/api/models/{MODEL_ID}"
    return httpx2.Response(status, request=httpx2.Request("GET", url))


def _requests_error(name: str, status: int | None = None) -> OSError:
    """Make an error shaped like one of ``requests`` (huggingface_hub 0.x), not installed here.

    Every requests error is an OSError (RequestException derives from IOError); HTTPError
    carries the response.
    """
    error_type = type(name, (OSError,), {"__module__": "requests.exceptions"})
    error = error_type(f"{name} from requests")
    if status is not None:
        error.response = types.SimpleNamespace(status_code=status)
    return error


def _chained(outer: BaseException, cause: BaseException) -> BaseException:
    outer.__cause__ = cause
    return outer


SSL_FAILURE = "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate"
# name: (the error, what the line says)
RAISED: dict[str, tuple[BaseException, str]] = {
    "DNS": (
        _chained(
            httpx2.ConnectError("[Errno -2] Name or service not known"),
            socket.gaierror(-2, "Name or service not known"),
        ),
        "([Errno -2] Name or service not known)",
    ),
    "refused": (httpx2.ConnectError("[Errno 111] Connection refused"), "Connection refused"),
    "TLS": (httpx2.ConnectError(SSL_FAILURE), "CERTIFICATE_VERIFY_FAILED"),
    "TLS, raw": (ssl.SSLCertVerificationError(1, SSL_FAILURE), "CERTIFICATE_VERIFY_FAILED"),
    "proxy": (httpx2.ProxyError("407 Proxy Authentication Required"), "Proxy Authentication"),
    "connect timeout": (httpx2.ConnectTimeout("timed out"), "did not answer in time (timed out)"),
    "read timeout": (httpx2.ReadTimeout("The read operation timed out"), "did not answer in time"),
    "socket timeout": (TimeoutError("timed out"), "did not answer in time"),
    "disconnected": (
        httpx2.RemoteProtocolError("Server disconnected without sending a response."),
        "(Server disconnected without sending a response.)",
    ),
    "reset": (ConnectionResetError(104, "Connection reset by peer"), "Connection reset by peer"),
    "no scheme": (
        httpx2.UnsupportedProtocol("Request URL is missing an 'http://' or 'https://' protocol."),
        "missing an 'http://'",
    ),
    "bad URL": (httpx2.InvalidURL("Invalid port: 'x'"), "Invalid port"),
    "HTTP 502": (
        HfHubHTTPError("502 Server Error: Bad Gateway", response=_response(502)),
        "answered HTTP 502 (Bad Gateway)",
    ),
    "HTTP 429": (
        HfHubHTTPError("429 Too Many Requests", response=_response(429)),
        "answered HTTP 429 (Too Many Requests)",
    ),
    "offline mode": (
        OfflineModeIsEnabled("Cannot reach https://huggingface.co: offline mode is enabled."),
        "offline mode is on (HF_HUB_OFFLINE=1)",
    ),
    "local entry": (
        _chained(
            LocalEntryNotFoundError("Got: ConnectError\nAn error happened while trying..."),
            httpx2.ConnectError("[Errno 101] Network is unreachable"),
        ),
        "([Errno 101] Network is unreachable)",
    ),
    "transformers OSError": (
        OSError("We couldn't connect to 'https://huggingface.co' to load the files.\nCheck..."),
        "We couldn't connect",
    ),
    "requests connection": (_requests_error("ConnectionError"), "ConnectionError from requests"),
    "requests HTTP 503": (_requests_error("HTTPError", 503), "answered HTTP 503"),
    "xet": (XetDownloadError("Xet download failed: connection closed"), "Xet download failed"),
    "JSON": (json.JSONDecodeError("Expecting value", "<html>", 0), "the Hub's JSON"),
    "full disk": (OSError(28, "No space left on device"), "No space left on device"),
}
# What the line says before the reason: the listing is the first request, so a failure there
# means the Hub cannot be reached; a download fails after the Hub answered.
PHASES = {"listing": "cannot be reached (", "download": "the download from the Hugging Face Hub"}
PLAIN_REASONS = {"DNS", "refused", "TLS", "TLS, raw", "proxy", "disconnected", "reset"}
PLAIN_REASONS |= {"no scheme", "bad URL", "local entry", "transformers OSError"}
PLAIN_REASONS |= {"requests connection", "xet", "full disk"}


def _raiser(error: BaseException) -> Callable[..., object]:
    def raise_it(*args: object, **kwargs: object) -> object:
        raise error

    return raise_it


def _listing(self: object, repo_id: str, revision: str | None = None, timeout: float = 0) -> object:
    files = ["config.json", "model.safetensors", "source.spm"]
    return ModelInfo(id=repo_id, sha="0" * 40, siblings=[{"rfilename": name} for name in files])


@pytest.mark.parametrize("case", RAISED, ids=str)
@pytest.mark.parametrize("where", PHASES)
def test_each_hub_error_becomes_one_line(case, where, online_empty_hub, monkeypatch):
    error, reason = RAISED[case]
    _point_hub_at(monkeypatch, _closed_port())
    if where == "listing":
        monkeypatch.setattr(huggingface_hub.HfApi, "model_info", _raiser(error))
    else:
        monkeypatch.setattr(huggingface_hub.HfApi, "model_info", _listing)
        monkeypatch.setattr(huggingface_hub, "snapshot_download", _raiser(error))
    with pytest.raises(ModelUnavailableError) as raised:
        hub.locate_model("opus-mt")
    assert raised.value.__cause__ is error
    line = assert_one_error_line(f"Error: {raised.value}\n", reason)
    if case in PLAIN_REASONS:
        assert PHASES[where] in line


def test_errors_of_the_httpx_client_of_huggingface_hub_1_are_caught(online_empty_hub, monkeypatch):
    """huggingface_hub 1.x raises httpx errors, which are neither OSError nor ValueError."""
    fake_httpx = types.ModuleType("httpx")
    for name, base in (("HTTPError", Exception), ("InvalidURL", Exception)):
        setattr(fake_httpx, name, type(name, (base,), {}))
    fake_httpx.StreamError = type("StreamError", (RuntimeError,), {})
    fake_httpx.TimeoutException = type("TimeoutException", (fake_httpx.HTTPError,), {})
    monkeypatch.setitem(sys.modules, "httpx", fake_httpx)
    error = fake_httpx.TimeoutException("timed out")
    monkeypatch.setattr(huggingface_hub.HfApi, "model_info", _raiser(error))
    with pytest.raises(ModelUnavailableError) as raised:
        hub.download_model(MODEL_ID)
    assert_one_error_line(f"Error: {raised.value}\n", "did not answer in time")


def test_a_model_the_hub_does_not_have_says_so(online_empty_hub, monkeypatch, capsys):
    error = RepositoryNotFoundError(
        "404 Client Error.\n\nRepository Not Found", response=_response(404)
    )
    monkeypatch.setattr(huggingface_hub.HfApi, "model_info", _raiser(error))
    code, _, err = run_main(["models", "download", "Helsinki-NLP/opus-mt-vi-xx"], capsys)
    assert code == 1
    assert err.count("\n") == 1
    assert err.startswith("Error: Model 'Helsinki-NLP/opus-mt-vi-xx' is not in the local")
    assert "has no such model (HTTP 404), or it is private or gated" in err
    assert "--model PATH" in err


@pytest.mark.parametrize("is_offline", [False, True], ids=["online", "offline"])
def test_a_mistyped_model_folder_is_one_line(
    is_offline, online_empty_hub, monkeypatch, capsys, sample_article, tmp_path
):
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", is_offline)
    folder = "./no/such/folder"
    for arguments in (
        ["translate", str(sample_article), "-o", str(tmp_path), "--model", folder],
        ["models", "download", folder],
    ):
        code, _, err = run_main(arguments, capsys)
        assert code == 1
        assert err.count("\n") == 1, err
        assert err.startswith(f"Error: Model '{folder}' is neither a model folder")


# A child process: the CLI configures logging, then the Hub logs as it does on a failed try.
LOG_PROBE = """
import logging, sys
from songngu.cli import main
try:
    main(sys.argv[1:] + ["models", "list"])
except SystemExit:
    pass
logging.getLogger("huggingface_hub.file_download").warning("a hub warning")
http = logging.getLogger("huggingface_hub.utils._http")
http.warning("'[Errno -2] Name or service not known' thrown while requesting GET")
http.warning("Retrying in 1s [Retry 1/5].")
"""


@pytest.mark.parametrize("verbosity", [[], ["-v"]], ids=["default", "verbose"])
def test_hub_messages_print_once_and_retries_only_with_verbose(verbosity, hub_cache):
    result = subprocess.run(
        [sys.executable, "-c", LOG_PROBE, *verbosity], capture_output=True, text=True, check=False
    )
    assert result.stderr.count("a hub warning") == 1, result.stderr
    retries = result.stderr.count("Retrying in 1s")
    assert retries == (1 if verbosity else 0), result.stderr


def _environment_without_offline_mode(endpoint: str) -> dict[str, str]:
    environment = dict(os.environ, HF_ENDPOINT=endpoint, HF_HUB_ETAG_TIMEOUT="1")
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", *PROXY_VARIABLES):
        environment.pop(name, None)
    return environment


@pytest.mark.parametrize(
    "command", [["translate", "ARTICLE", "-o", "OUT"], ["models", "download"]], ids=" ".join
)
@pytest.mark.parametrize("endpoint", ["http://nonexistent.invalid", "closed port"])
def test_the_installed_command_fails_in_one_line_at_once(
    command, endpoint, online_empty_hub, sample_article, tmp_path
):
    url = _closed_port() if endpoint == "closed port" else endpoint
    arguments = [
        {"ARTICLE": str(sample_article), "OUT": str(tmp_path / "out")}.get(part, part)
        for part in command
    ]
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "songngu", *arguments],
        capture_output=True,
        text=True,
        check=False,
        env=_environment_without_offline_mode(url),
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 1
    assert_one_error_line(result.stderr, "cannot be reached")
    assert elapsed < FAST + 5  # a fresh interpreter imports songngu first
