"""The package's own PEP 517 build backend, standard library only.

It builds the pure-Python wheel (and an sdist) of ``tbms`` from ``pyproject.toml``'s
``[project]`` table, so the package installs with nothing else present: offline, with or
without build isolation (``pip install --no-index --no-build-isolation ./client-sdk/python``),
in a fresh virtual environment of any Python >= 3.9, setuptools and wheel or not.
"""

import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile
from pathlib import Path
from typing import Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "tbms"
TAG = "py3-none-any"
# fixed timestamps keep builds reproducible
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def _project() -> Dict[str, str]:
    """The string fields of ``[project]`` (name, version, description, requires-python)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib  # Python 3.11+

        project = tomllib.loads(text)["project"]
        return {k: v for k, v in project.items() if isinstance(v, str)}
    except ImportError:
        table = re.search(r"^\[project\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
        if table is None:
            raise RuntimeError("pyproject.toml has no [project] table")
        return dict(re.findall(r'^([A-Za-z-]+)\s*=\s*"([^"]*)"\s*$', table.group(1), re.M))


def _metadata() -> str:
    p = _project()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {p['name']}\n"
        f"Version: {p['version']}\n"
        f"Summary: {p.get('description', '')}\n"
        f"Requires-Python: {p.get('requires-python', '>=3.9')}\n"
        "Description-Content-Type: text/markdown\n"
        "\n" + readme
    )


def _dist_info() -> str:
    p = _project()
    return f"{p['name']}-{p['version']}.dist-info"


def _wheel_name() -> str:
    p = _project()
    return f"{p['name']}-{p['version']}-{TAG}.whl"


def _package_files() -> List[Tuple[str, bytes]]:
    files = []
    for path in sorted((ROOT / PACKAGE).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            files.append((path.relative_to(ROOT).as_posix(), path.read_bytes()))
    return files


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def _write_wheel(wheel_directory: str, files: List[Tuple[str, bytes]]) -> str:
    info = _dist_info()
    files = files + [
        (f"{info}/METADATA", _metadata().encode("utf-8")),
        (f"{info}/WHEEL", f"Wheel-Version: 1.0\nGenerator: tbms_build\nRoot-Is-Purelib: true\nTag: {TAG}\n".encode()),
    ]
    record = "\n".join(_record_line(n, d) for n, d in files) + f"\n{info}/RECORD,,\n"
    files.append((f"{info}/RECORD", record.encode("utf-8")))
    name = _wheel_name()
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w", zipfile.ZIP_DEFLATED) as wheel:
        for path, data in files:
            entry = zipfile.ZipInfo(path, ZIP_TIME)
            entry.external_attr = 0o644 << 16
            wheel.writestr(entry, data, zipfile.ZIP_DEFLATED)
    return name


# --- PEP 517 hooks ---------------------------------------------------------------------------

def get_requires_for_build_wheel(config_settings: Optional[dict] = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[dict] = None) -> List[str]:
    return []


def get_requires_for_build_editable(config_settings: Optional[dict] = None) -> List[str]:
    return []


def prepare_metadata_for_build_wheel(metadata_directory: str, config_settings: Optional[dict] = None) -> str:
    info = Path(metadata_directory) / _dist_info()
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(_metadata(), encoding="utf-8")
    return info.name


def build_wheel(wheel_directory: str, config_settings: Optional[dict] = None,
                metadata_directory: Optional[str] = None) -> str:
    return _write_wheel(wheel_directory, _package_files())


def build_editable(wheel_directory: str, config_settings: Optional[dict] = None,
                   metadata_directory: Optional[str] = None) -> str:
    """A wheel holding one ``.pth`` line: the source directory joins ``sys.path``."""
    return _write_wheel(wheel_directory, [(f"_{PACKAGE}_editable.pth", (str(ROOT) + "\n").encode("utf-8"))])


def build_sdist(sdist_directory: str, config_settings: Optional[dict] = None) -> str:
    p = _project()
    base = f"{p['name']}-{p['version']}"
    members = ["pyproject.toml", "README.md", "build_backend/tbms_build.py"] + [n for n, _ in _package_files()]
    name = f"{base}.tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz", format=tarfile.PAX_FORMAT) as sdist:
        for member in members:
            data = (ROOT / member).read_bytes()
            entry = tarfile.TarInfo(f"{base}/{member}")
            entry.size, entry.mtime, entry.mode = len(data), 1577836800, 0o644
            sdist.addfile(entry, io.BytesIO(data))
        pkg_info = _metadata().encode("utf-8")
        entry = tarfile.TarInfo(f"{base}/PKG-INFO")
        entry.size, entry.mtime, entry.mode = len(pkg_info), 1577836800, 0o644
        sdist.addfile(entry, io.BytesIO(pkg_info))
    return name
