"""Why the Hugging Face Hub gave no model, in one line that says what to do instead.

``backends/hub.py`` wraps each call to the Hub in :func:`hub_failures`. Whatever the Hub or
its HTTP client raises (DNS, refused connection, proxy, TLS, timeout, an HTTP error, a web page
instead of JSON) becomes one :class:`~songngu.errors.ModelUnavailableError` naming the model,
the endpoint and the way to work without the network.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from http import HTTPStatus
from types import ModuleType

from songngu.errors import ModelUnavailableError

# huggingface_hub 1.x speaks httpx, 2.x httpx2; their errors derive from neither OSError nor
# ValueError. A client that raised is already imported, so none is imported here.
_HTTPX_CLIENTS = ("httpx2", "httpx")


@contextlib.contextmanager
def hub_failures(model_id: str, *, is_download: bool = False) -> Iterator[None]:
    """Turn any failure to get ``model_id`` from the Hub into one ModelUnavailableError line.

    Raises:
        ModelUnavailableError: in place of the Hub's or the HTTP client's error.
    """
    from huggingface_hub.errors import (
        HFValidationError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    try:
        yield
    except HFValidationError as error:
        raise ModelUnavailableError(not_a_hub_id_message(model_id), model_id) from error
    except (RepositoryNotFoundError, RevisionNotFoundError) as error:
        raise ModelUnavailableError(_not_on_hub_message(model_id, error), model_id) from error
    except _hub_errors() as error:  # evaluated only once something is raised
        reason = _describe_failure(error, is_download=is_download)
        raise ModelUnavailableError(unavailable_message(model_id, reason), model_id) from error


def unavailable_message(model_id: str, reason: str) -> str:
    """Say that ``model_id`` is not cached, why it cannot be fetched, and the ways around it."""
    from huggingface_hub import constants

    return (
        f"Model '{model_id}' is not in the local Hugging Face cache and {reason}; "
        f"run 'songngu models download {model_id}' on a machine with network access and copy "
        f"its Hugging Face cache to {constants.HF_HUB_CACHE} (then set HF_HUB_OFFLINE=1 to "
        "skip the Hub), or pass --model PATH to a local model folder."
    )


def not_a_hub_id_message(model_id: str) -> str:
    """Say that ``model_id`` is no Hub id, such as a mistyped folder (``./modles/opus``)."""
    return (
        f"Model '{model_id}' is neither a model folder (no such folder) nor a Hugging Face Hub "
        "id such as Helsinki-NLP/opus-mt-vi-en; check the path, or use a preset "
        "(songngu models list)."
    )


def _hub_errors() -> tuple[type[BaseException], ...]:
    """Return every error that means the Hub could not be reached or gave no model.

    OSError covers the Hub's own errors (HfHubHTTPError, LocalEntryNotFoundError,
    OfflineModeIsEnabled), the OSErrors transformers wraps them in, socket and TLS errors, and
    every ``requests`` error (huggingface_hub 0.x; RequestException is an IOError).
    JSONDecodeError is a proxy or a captive portal that answers a web page instead of JSON.
    """
    from huggingface_hub import errors

    xet = getattr(errors, "XetDownloadError", None)  # huggingface_hub 2.x, through hf_xet
    return (OSError, json.JSONDecodeError, *_client_errors(), *([xet] if xet else []))


def _client_errors() -> list[type[BaseException]]:
    return [
        error
        for client in _loaded_clients()
        for error in (client.HTTPError, client.InvalidURL, client.StreamError)
    ]


def _loaded_clients() -> list[ModuleType]:
    return [sys.modules[name] for name in _HTTPX_CLIENTS if name in sys.modules]


def _describe_failure(error: BaseException, *, is_download: bool) -> str:
    """Say in a few words why the Hub gave nothing, naming the endpoint that was tried."""
    from huggingface_hub import constants
    from huggingface_hub.errors import OfflineModeIsEnabled

    where = f"the Hugging Face Hub at {constants.ENDPOINT}"
    chain = _causes(error)
    status = next((code for cause in chain if (code := _http_status(cause)) is not None), None)
    if any(isinstance(cause, OfflineModeIsEnabled) for cause in chain):
        return "offline mode is on (HF_HUB_OFFLINE=1)"
    if status is not None:
        return f"{where} answered HTTP {status}{_status_phrase(status)}"
    if any(_is_timeout(cause) for cause in chain):
        return f"{where} did not answer in time ({_first_line(chain[-1])})"
    if any(isinstance(cause, json.JSONDecodeError) for cause in chain):
        return f"{where} answered with something else than the Hub's JSON (a proxy's page?)"
    if is_download:
        # The Hub answered the file listing, so this may be local (a full disk) as well.
        return f"the download from {where} failed ({_first_line(chain[-1])})"
    return f"{where} cannot be reached ({_first_line(chain[-1])})"


def _not_on_hub_message(model_id: str, error: BaseException) -> str:
    from huggingface_hub import constants
    from huggingface_hub.errors import RevisionNotFoundError

    what = "such revision" if isinstance(error, RevisionNotFoundError) else "such model"
    return (
        f"Model '{model_id}' is not in the local Hugging Face cache, and the Hugging Face Hub at "
        f"{constants.ENDPOINT} has no {what} (HTTP {_http_status(error)}), or it is private or "
        "gated; check the name and --revision (songngu models list shows the presets), "
        "or pass --model PATH to a local model folder."
    )


def _causes(error: BaseException) -> list[BaseException]:
    """Return ``error`` and the errors it was raised from, outermost first."""
    chain = [error]
    while chain[-1].__cause__ is not None and len(chain) < 10:
        chain.append(chain[-1].__cause__)
    return chain


def _http_status(error: BaseException) -> int | None:
    """Return the HTTP status of the response an error carries (httpx, httpx2, requests)."""
    status = getattr(getattr(error, "response", None), "status_code", None)
    return status if isinstance(status, int) else None


def _status_phrase(status: int) -> str:
    try:
        return f" ({HTTPStatus(status).phrase})"
    except ValueError:
        return ""


def _is_timeout(error: BaseException) -> bool:
    timeouts = (TimeoutError, *(client.TimeoutException for client in _loaded_clients()))
    return isinstance(error, timeouts)


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]
