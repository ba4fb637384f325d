"""How songngu was installed, so that a hint names a command that works for this installation.

``pip install 'songngu[fast]'`` resolves only where songngu came from a package index; a
checkout installed with ``pip install -e .`` needs the extra from that checkout. pip records
where a package came from in ``direct_url.json`` (PEP 610, the "Direct URL" data structure):
absent for an index install, a ``file://`` URL with ``dir_info.editable`` for an editable
checkout, an archive URL for a wheel or sdist file.
"""

from __future__ import annotations

import json
import re
from importlib import metadata
from urllib.parse import unquote, urlparse

__all__ = ["install_command"]

_DISTRIBUTION = "songngu"
# The packages of each extra, for a songngu not installed at all (run from a source tree).
_EXTRA_PACKAGES = {"fast": ("ctranslate2>=4.5",)}


def install_command(extra: str | None = None) -> str:
    """Return the pip command that installs songngu's ``extra`` (or its core dependencies).

    An index install gets ``pip install 'songngu[fast]'``; an editable checkout
    ``pip install -e '<checkout>[fast]'`` (or the extra's packages alone); a wheel or source
    file, or a source tree on ``sys.path``, the extra's packages.
    """
    suffix = f"[{extra}]" if extra else ""
    try:
        distribution = metadata.distribution(_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return _packages_command(None, extra) or f"pip install -e '.{suffix}'"
    origin = _direct_url(distribution)
    if origin is None:
        return f"pip install '{_DISTRIBUTION}{suffix}'"
    url, is_editable = origin
    packages = _packages_command(distribution, extra)
    if is_editable and url.startswith("file:"):
        checkout = unquote(urlparse(url).path)
        command = f"pip install -e '{checkout}{suffix}'"
        return f"{command} (or: {packages})" if packages else command
    location = unquote(urlparse(url).path) if url.startswith("file:") else url
    return packages or f"pip install '{location}'"


def _direct_url(distribution: metadata.Distribution) -> tuple[str, bool] | None:
    """Return the URL songngu was installed from and whether it is editable (None: an index)."""
    text = distribution.read_text("direct_url.json")
    if not text:
        return None
    try:
        record = json.loads(text)
    except ValueError:
        return None
    if not isinstance(record, dict) or not isinstance(record.get("url"), str):
        return None
    dir_info = record.get("dir_info")
    return record["url"], bool(isinstance(dir_info, dict) and dir_info.get("editable"))


def _packages_command(distribution: metadata.Distribution | None, extra: str | None) -> str:
    """Return ``pip install '<requirement>' …`` for the extra's own packages ('' for none)."""
    if extra is None:
        return ""
    packages = _extra_requirements(distribution, extra) or _EXTRA_PACKAGES.get(extra, ())
    return "pip install " + " ".join(f"'{package}'" for package in packages) if packages else ""


def _extra_requirements(distribution: metadata.Distribution | None, extra: str) -> tuple[str, ...]:
    """Return the requirements the installed metadata lists for ``extra``."""
    if distribution is None:
        return ()
    marker = re.compile(rf"""extra\s*==\s*["']{re.escape(extra)}["']""")
    found = []
    for requirement in distribution.requires or ():
        name, _, condition = requirement.partition(";")
        if marker.search(condition):
            found.append(name.strip().replace(" ", ""))
    return tuple(found)
