"""Incremental builds: a fingerprint of what each document is made from, and a manifest that remembers them.

``labkit build`` and ``labkit site`` make a document again only when its fingerprint changed or its file is gone.
A document's fingerprint covers:

* labkit's version, the document kind, the language, the options and whether a PDF is made;
* the plugin that makes it: its name, version and files (so an edited plugin in development counts too);
* its template and the house style (with the logo);
* what the document is made from (:attr:`~labkit.generators.Generator.inputs`): by default the whole subject
  (the method with its indicators; or the lab's data with its data files and chosen methods), narrower where a
  generator says so. labkit's own lab documents do: a partner's checklist is made from that partner and its
  tasks, the lab plan from everything but the measurements, the report from what it shows (no partners, risks or
  budget). So changing one partner's role makes that partner's checklist and the lab plan again, and a new
  measurement row the report only.

The manifest keys each document by its path relative to the output folder, so ``--out /abs/dir`` and ``--out dir``
(or a folder that was moved) are the same build.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import NotFoundError
from ..version import __version__

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..generators import Generator, Variant
    from ..model import Method

__all__ = ["Fingerprints", "digest", "read_manifest", "write_manifest"]


def digest(*parts: bytes | str) -> str:
    """A SHA-256 of *parts* (each part ends with a NUL, so ``("ab", "c")`` and ``("a", "bc")`` differ)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


class Fingerprints:
    """The fingerprints of one run's documents. Every file, plugin and model object is digested once per run."""

    def __init__(self, catalog: Catalog, *, house_style: str | os.PathLike[str] | None = None) -> None:
        self.catalog = catalog
        self._files: dict[Path, str] = {}
        self._packages: dict[str, str] = {}
        self._objects: dict[int, tuple[object, str]] = {}
        self._subjects: dict[int, tuple[object, str]] = {}
        self.house_style = self._house_style(Path(house_style)) if house_style else "none"

    # -- one document --------------------------------------------------------------------------------------------

    def document(
        self,
        generator: Generator,
        subject: Any,
        variant: Variant,
        *,
        lang: str,
        options: Mapping[str, Any],
        pdf: bool,
        method_id: str | None = None,
    ) -> str:
        """The fingerprint of the document *generator* makes for *subject* and *variant* in *lang*.

        *options* are the document's options as the manifest should see them (an output folder relative to the
        build's, so the same build in another place has the same fingerprints).
        """
        plugin = self.catalog.generator_entry(generator.name).plugin
        return digest(
            __version__,
            generator.name,
            lang,
            str(pdf),
            json.dumps(dict(options), sort_keys=True, default=str),
            f"{plugin.distribution} {plugin.version}",
            self.package(plugin.module),
            self.template(generator.name, method_id),
            self.house_style,
            self.inputs(generator, subject, variant),
        )

    def inputs(self, generator: Generator, subject: Any, variant: Variant) -> str:
        """A digest of what the generator says the document is made from (the whole subject by default)."""
        if generator.inputs is not None:
            plugin = self.catalog.generator_entry(generator.name).plugin
            what = f"the document kind {generator.name!r} could not say what its document is made from:"
            data = self.catalog.plugins.run(plugin, what, lambda: generator.inputs(subject, variant))
            return self.data(data)
        return self.subject(subject)

    # -- the parts -----------------------------------------------------------------------------------------------

    def subject(self, subject: Any) -> str:
        """A method with its indicators; or a lab's data with its data files and chosen methods."""
        cached = self._subjects.get(id(subject))
        if cached is not None and cached[0] is subject:
            return cached[1]
        from ..labs.context import LabContext

        if isinstance(subject, LabContext):
            value = self.data(
                {
                    "lab": subject.lab,
                    "data_files": [subject.base_dir / name for name in subject.lab.data_files],
                    "methods": [method for _chosen, method in subject.chosen_methods()],
                }
            )
        else:
            value = self.method(subject)
        self._subjects[id(subject)] = (subject, value)
        return value

    def method(self, method: Method) -> str:
        """A method and the indicators it names, as the catalog has them."""
        indicators = self.catalog.indicator_entries
        return self.data(
            {
                "method": method,
                "indicators": [indicators[i].item for i in method.indicators if i in indicators],
            }
        )

    def data(self, value: Any) -> str:
        """A digest of plain data that may hold model objects (each serialized once per run) and file paths
        (standing for the files' content)."""
        return digest(json.dumps(value, sort_keys=True, ensure_ascii=False, default=self._object))

    def _object(self, value: Any) -> Any:
        if attrs.has(type(value)):
            cached = self._objects.get(id(value))
            if cached is None or cached[0] is not value:
                from ..files import to_data

                text = json.dumps(to_data(value), sort_keys=True, ensure_ascii=False, default=str)
                cached = self._objects[id(value)] = (value, digest(type(value).__qualname__, text))
            return cached[1]
        if isinstance(value, Path):
            return self.file(value)  # a file stands for its content
        if isinstance(value, (set, frozenset)):
            return sorted(value, key=str)
        return str(value)

    def file(self, path: Path) -> str:
        """The digest of a file's bytes (``missing`` for a file that is not there)."""
        key = path.absolute()
        if key not in self._files:
            try:
                self._files[key] = digest(key.read_bytes())
            except OSError:
                self._files[key] = "missing"
        return self._files[key]

    def template(self, kind: str, method_id: str | None) -> str:
        try:
            return self.file(self.catalog.find_template(kind, method_id))
        except NotFoundError:
            return "none"  # a generator that uses no installed template of its kind's name

    def package(self, module: str) -> str:
        """Names, sizes and modification times of the files of the package *module* belongs to (no reading).

        Catches a changed template, ``documents.yaml`` or generator of a plugin installed for development, which
        would not change the plugin's version.
        """
        if module not in self._packages:
            self._packages[module] = _package_digest(module)
        return self._packages[module]

    def _house_style(self, path: Path) -> str:
        from ..documents.housestyle import load_house_style

        logo = load_house_style(path, accessible=False).logo  # its accessibility is checked where it is used
        return digest(self.file(path), self.file(Path(logo)) if logo else "none")


def _package_digest(module: str) -> str:
    try:
        spec = importlib.util.find_spec(module.split(":")[0])
    except (ImportError, ValueError):
        return "unknown"
    if spec is None:
        return "unknown"
    # A data-only plugin is a namespace package: no origin, its folders are its search locations.
    folders = (
        [Path(spec.origin).parent]
        if spec.origin
        else [Path(p) for p in spec.submodule_search_locations or ()]
    )
    if not folders:
        return "unknown"
    parts = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            stat = path.stat()
            parts.append(f"{path.relative_to(folder)}:{stat.st_size}:{stat.st_mtime_ns}")
    return digest(*parts)


# -- the manifest ----------------------------------------------------------------------------------------------


def read_manifest(path: Path) -> dict[str, str]:
    """Document (relative path) -> fingerprint, as the last run left them; empty when there is none or it is
    damaged (everything is then made again)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        documents = data.get("documents", {})
        return {str(k): str(v) for k, v in documents.items()} if isinstance(documents, dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def write_manifest(path: Path, documents: Mapping[str, str], **extra: Any) -> None:
    from ..files import atomic_write

    body = {"labkit": __version__, **extra, "documents": dict(sorted(documents.items()))}
    atomic_write(path, json.dumps(body, indent=1) + "\n")
