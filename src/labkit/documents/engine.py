"""The rendering engine: docxtpl templates compiled once, rendered many times.

docxtpl's usual flow re-reads the .docx package and recompiles the Jinja template for every document. Here a
template is prepared once with docxtpl's own tag clean-up (:meth:`docxtpl.DocxTemplate.patch_xml`, so templates use
the familiar ``{{ }}``, ``{%p %}``, ``{%tr %}`` syntax), its XML parts compiled by Jinja, and every render only runs
the compiled templates and zips the result: the parts a document does not change are copied as the compressed bytes
of the template's own package (no inflating and deflating again), and only the changed ones are compressed.

Safety rules, applied to every value printed by a template:

* strict undefined: a misspelt variable is an error naming the template, the place and the variable;
* autoescaping: ``& < >`` in user or plugin text are escaped, so text can never break the XML or inject markup;
* characters that XML 1.0 forbids (most control characters) are removed;
* user text is only ever *data* passed to a compiled template, never compiled itself: ``{{ 7*7 }}`` in a summary
  is printed literally.
"""

from __future__ import annotations

import contextvars
import functools
import os
import re
import struct
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs
import jinja2
import jinja2.compiler
import jinja2.meta
import jinja2.sandbox
from jinja2.runtime import LoopContext
from markupsafe import Markup, escape

from ..errors import TemplateError
from ._language import ForeignText, language_tag

__all__ = [
    "CompiledTemplate",
    "DocumentProperties",
    "Image",
    "clean_text",
    "compile_template",
    "make_environment",
]

# Characters allowed by XML 1.0: tab, newline, carriage return and everything from U+0020 except surrogates
# and U+FFFE/U+FFFF.
_XML_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What text may hold: that, less the noncharacters U+FDD0–U+FDEF, which XML asks authors to avoid and Unicode
# keeps for a program's own use (labkit marks text in another language with three of them while it renders).
_NOT_TEXT = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd\U00010000-\U0010ffff]")
_TEMPLATE_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$")
_NS_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_EMU_PER_CM = 360000
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Noncharacters that bracket text in another language until the runs holding it are marked. clean_text removes
# them from every text, so text can neither make nor break such a mark.
_FOREIGN_START, _FOREIGN_TEXT, _FOREIGN_END = "\ufdd0", "\ufdd1", "\ufdd2"
_FOREIGN = re.compile("\ufdd0([A-Za-z-]*)\ufdd1|\ufdd2")


def clean_text(text: str) -> str:
    """Remove characters that XML 1.0 forbids (NUL, most control characters, lone surrogates) and the
    noncharacters U+FDD0–U+FDEF."""
    return _NOT_TEXT.sub("", text)


def _has_text(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise TemplateError(
            "an image needs a description (its alternative text): say in words what it shows, "
            "for a chart the values or the trend"
        )


@attrs.frozen
class Image:
    """A PNG image to place in a document, ``{{ image }}`` in a template.

    *description* is the image's alternative text, read aloud by screen readers and required: for a logo the
    organisation's name, for a chart what it shows (the values or the trend in a sentence or two).
    """

    data: bytes = attrs.field(repr=False)
    width_cm: float = 16.0
    description: str = attrs.field(validator=_has_text, kw_only=True)

    @property
    def pixel_size(self) -> tuple[int, int]:
        if self.data[:8] != b"\x89PNG\r\n\x1a\n":
            raise TemplateError("images must be PNG files")
        width, height = struct.unpack(">II", self.data[16:24])
        return int(width), int(height)


@attrs.frozen
class DocumentProperties:
    """What a document says about itself (File › Properties): read by screen readers and search engines."""

    title: str
    language: str
    """A language code (``sv``, ``en``); written as a tag like ``sv-SE``."""
    author: str = ""
    """The organisation that publishes the document (never the name of a program)."""
    subject: str = ""


@attrs.define
class _RenderState:
    part: str
    images: list[tuple[str, Image]] = attrs.field(factory=list)


_STATE: contextvars.ContextVar[_RenderState | None] = contextvars.ContextVar(
    "labkit_render_state", default=None
)


def _run_break() -> str:
    return '</w:t><w:br/><w:t xml:space="preserve">'


def _text_markup(text: str) -> Markup:
    if text.isprintable():
        # No character XML forbids (controls, lone surrogates and U+FFFE/U+FFFF are not printable), no line break
        # and no tab: nothing to do but escape it (most texts; one pass in C).
        return escape(text)
    text = clean_text(text)
    if "\n" not in text and "\t" not in text and "\r" not in text:
        return escape(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = _run_break().join(str(escape(line)) for line in lines)
    return Markup(out.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">'))


def _image_markup(image: Image) -> Markup:
    state = _STATE.get()
    if state is None:
        raise TemplateError("images can only be placed while a document is rendered")
    rid = f"rIdLabkit{len(state.images) + 1}"
    state.images.append((rid, image))
    px_w, px_h = image.pixel_size
    cx = int(image.width_cm * _EMU_PER_CM)
    cy = int(cx * px_h / max(px_w, 1))
    ident = 5000 + len(state.images)
    descr = escape(clean_text(image.description))
    return Markup(
        "</w:t><w:drawing>"
        f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        f'<wp:docPr id="{ident}" name="Picture {ident}" descr="{descr}"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:nvPicPr><pic:cNvPr id="{ident}" name="image{ident}.png" descr="{descr}"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
        '</wp:inline></w:drawing><w:t xml:space="preserve">'
    )


def _finalize(value: Any) -> Any:
    """A printed value made safe for the XML: text escaped and cleaned, images placed, markup kept as it is but for
    characters XML forbids (``{{ text|e }}`` and ``|safe`` make markup of anyone's text)."""
    if isinstance(value, Markup):
        return _safe_markup(value)
    if value is None:
        return ""
    if isinstance(value, Image):
        return _image_markup(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, ForeignText) and value:
        lang = re.sub(r"[^A-Za-z-]", "", value.lang)
        return Markup(f"{_FOREIGN_START}{lang}{_FOREIGN_TEXT}{_text_markup(str(value))}{_FOREIGN_END}")
    return _text_markup(str(value))


def _printed(value: Any) -> Markup:
    """What ``{{ value }}`` prints where autoescaping is on: ``escape(_finalize(value))``, with a short way for
    plain text and markup (most values), whose finalized form is escaped markup already."""
    kind = type(value)
    if kind is str:
        return _text_markup(value)
    if kind is Markup:
        return _safe_markup(value)
    return escape(_finalize(value))


def _safe_markup(markup: Markup) -> Markup:
    """*markup* without the characters XML forbids (most markup has none: it is returned as it is); the marks of
    text in another language stay."""
    return markup if markup.isprintable() else Markup(_XML_FORBIDDEN.sub("", markup))


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Prints ``{{ value }}`` as ``_printed(value)`` where autoescaping is on, instead of Jinja's
    ``escape(finalize(value))``, which escapes again the markup finalize returns for text (a copy of every text;
    half of a guide's printing time). Elsewhere (``{% autoescape false %}``, an autoescape setting only known
    while rendering, an environment whose finalize is not labkit's) the code is Jinja's own."""

    def _prints_directly(self, frame: Any) -> bool:
        return bool(
            frame.eval_ctx.autoescape
            and not frame.eval_ctx.volatile
            and self.environment.finalize is _finalize
            and getattr(self.environment, "print_value", None) is _printed
        )

    def _output_child_pre(self, node: Any, frame: Any, finalize: Any) -> None:
        if self._prints_directly(frame):
            self.write("environment.print_value(")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: Any, frame: Any, finalize: Any) -> None:
        if self._prints_directly(frame):
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)


#: The names a plain dict has as attributes (``items``, ``keys``, ``__class__``, ...).
_DICT_ATTRIBUTES = frozenset(dir(dict))
#: What a template reads of ``loop`` (a guide asks ``loop.first`` and ``loop.revindex`` some 150 times).
_LOOP_ATTRIBUTES = frozenset(
    {
        "index",
        "index0",
        "revindex",
        "revindex0",
        "first",
        "last",
        "length",
        "depth",
        "depth0",
        "previtem",
        "nextitem",
    }
)


class _Environment(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """The sandbox, with a short way to a view's items: ``{{ method.name }}`` on a plain dict."""

    code_generator_class = _CodeGenerator
    print_value = staticmethod(_printed)

    def getattr(self, obj: Any, attribute: str) -> Any:
        # For a dict key that is not one of dict's own attribute names, the sandbox would try the attribute, fail
        # and return the item unchecked; this returns the same item without raising and catching that error (a
        # guide reads some 400 of them). Everything else goes through the sandbox's own checks.
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES and attribute in obj:
            return obj[attribute]
        if type(obj) is LoopContext and attribute in _LOOP_ATTRIBUTES:
            return getattr(obj, attribute)  # what the sandbox returns for these public properties
        return super().getattr(obj, attribute)


def make_environment(filters: Mapping[str, Callable[..., Any]] | None = None) -> jinja2.Environment:
    """A Jinja environment with labkit's safety rules and the given extra filters.

    Sandboxed: a template – a colleague's, a plugin's, one downloaded – can only read the values it is given and
    call safe methods on them; ``{{ cycler.__init__.__globals__.os… }}`` and changing the data are refused.
    """
    env = _Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.loopcontrols"],
    )
    if filters:
        env.filters.update(filters)
    return env


def _patch(xml: str) -> str:
    from docxtpl import DocxTemplate

    # patch_xml is docxtpl's tag clean-up; it does not use the instance.
    patched: str = DocxTemplate.patch_xml(None, xml)
    # A line per paragraph, so an error in a template names a line near it. The line break goes inside the start
    # tag (``<w:p\n>``), where XML ignores it: nothing has to be removed from every rendered document. Text that
    # only looks like a start tag (in CDATA or a comment) is left as it is.
    pieces = _NOT_MARKUP.split(patched)
    pieces[::2] = [re.sub(r"<w:p([ >])", r"<w:p\n\1", piece) for piece in pieces[::2]]
    return "".join(pieces)


#: Stretches of a template's XML that hold no start tags: CDATA sections and comments.
_NOT_MARKUP = re.compile(r"(<!\[CDATA\[.*?\]\]>|<!--.*?-->)", re.S)


def _snippet(source: str, lineno: int | None) -> str:
    if lineno is None:
        return ""
    lines = re.split(r"\r\n|\r|\n", source)  # the line breaks Jinja counts
    text = "\n".join(lines[max(lineno - 2, 0) : lineno + 1])
    # The lines start and end inside a paragraph's start tag (see _patch): those pieces go, the tag between
    # two lines leaves a space, every other tag nothing.
    text = re.sub(r"<[^>]*$", "", re.sub(r"^[^<]*?>", "", text, count=1))
    text = re.sub(r"<[^>]*>", lambda tag: " " if "\n" in tag.group() else "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:120]


def _template_lineno(exc: BaseException) -> int | None:
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return int(lineno)
    tb = exc.__traceback__
    found = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            found = tb.tb_lineno
        tb = tb.tb_next
    return found


class CompiledTemplate:
    """A .docx template whose XML parts are compiled once and rendered many times."""

    def __init__(self, path: Path, env: jinja2.Environment, name: str | None = None) -> None:
        self.path = path
        self.name = name or path.name
        self.env = env
        self._entries: list[tuple[zipfile.ZipInfo, bytes]] = []
        self._members: dict[str, _Member] = {}
        self._templates: dict[str, jinja2.Template] = {}
        self._sources: dict[str, str] = {}
        try:
            with zipfile.ZipFile(path) as package:
                for info in package.infolist():
                    data = package.read(info)
                    self._entries.append((info, data))
                    self._members[info.filename] = _copied(package, info, data)
        except (zipfile.BadZipFile, OSError) as exc:
            raise TemplateError(f"{self.name}: not a readable .docx file ({exc})") from None
        names = {info.filename for info, _ in self._entries}
        if "word/document.xml" not in names:
            raise TemplateError(f"{self.name}: not a Word document (word/document.xml is missing)")
        for info, data in self._entries:
            if _TEMPLATE_PARTS.match(info.filename):
                source = _patch(data.decode("utf-8"))
                self._sources[info.filename] = source
                try:
                    self._templates[info.filename] = env.from_string(source)
                except jinja2.TemplateSyntaxError as exc:
                    raise TemplateError(
                        f"{self.name} ({info.filename}), near “{_snippet(source, exc.lineno)}”: "
                        f"template syntax error: {exc.message}"
                    ) from None
        self._lock = threading.Lock()
        self._parsed: tuple[frozenset[str], dict[str, frozenset[str]]] | None = None

    @property
    def variables(self) -> set[str]:
        """Top-level variables the template uses."""
        return set(self._facts()[0])

    def attribute_uses(self) -> dict[str, set[str]]:
        """For each top-level variable, the attributes the template reads from it (``method.name`` -> name)."""
        return {name: set(attributes) for name, attributes in self._facts()[1].items()}

    def _facts(self) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
        """What the template reads, parsed once: every document checks its view against it."""
        if self._parsed is None:
            from jinja2 import nodes

            found: set[str] = set()
            uses: dict[str, set[str]] = {}
            for source in self._sources.values():
                tree = self.env.parse(source)
                found |= jinja2.meta.find_undeclared_variables(tree)
                for getattr_node in tree.find_all(nodes.Getattr):
                    if isinstance(getattr_node.node, nodes.Name):
                        uses.setdefault(getattr_node.node.name, set()).add(getattr_node.attr)
            self._parsed = (frozenset(found), {k: frozenset(v) for k, v in uses.items()})
        return self._parsed

    def render(
        self,
        context: Mapping[str, Any],
        *,
        title: str | None = None,
        styles: bytes | None = None,
        properties: DocumentProperties | None = None,
        parts: dict[str, bytes] | None = None,
    ) -> bytes:
        """Render the template with *context* and return the .docx file as bytes.

        With *properties* the document's title, language, author and subject are written to its properties and
        the language to its default style (the template's own language otherwise stays). *parts*, when given,
        receives every XML part of the package as written, uncompressed (to check them without unzipping).
        """
        rendered: dict[str, bytes] = {}
        images: dict[str, list[tuple[str, Image]]] = {}
        for part, template in self._templates.items():
            state = _RenderState(part)
            token = _STATE.set(state)
            try:
                xml = template.render(context)
            except TemplateError:
                raise
            except jinja2.TemplateError as exc:
                lineno = _template_lineno(exc)
                raise TemplateError(
                    f"{self.name} ({part}), near “{_snippet(self._sources[part], lineno)}”: {exc.message or exc}"
                ) from None
            except Exception as exc:
                lineno = _template_lineno(exc)
                raise TemplateError(
                    f"{self.name} ({part}), near “{_snippet(self._sources[part], lineno)}”: "
                    f"{type(exc).__name__}: {exc}"
                ) from None
            finally:
                _STATE.reset(token)
            if _FOREIGN_START in xml:
                xml = _mark_foreign(xml)
            rendered[part] = xml.encode("utf-8")
            if state.images:
                images[part] = state.images
        if properties is not None:
            title = properties.title
        return self._package(rendered, images, title, styles, properties, parts)

    def _package(
        self,
        rendered: Mapping[str, bytes],
        images: Mapping[str, list[tuple[str, Image]]],
        title: str | None,
        styles: bytes | None,
        properties: DocumentProperties | None = None,
        parts: dict[str, bytes] | None = None,
    ) -> bytes:
        media: list[tuple[str, bytes]] = []
        rels_extra: dict[str, list[str]] = {}
        for part, part_images in images.items():
            rels_name = f"word/_rels/{part.removeprefix('word/')}.rels"
            for rid, image in part_images:
                target = f"media/labkit-{Path(part).stem}-{rid}.png"
                media.append((f"word/{target}", image.data))
                rels_extra.setdefault(rels_name, []).append(
                    f'<Relationship Id="{rid}" Type="{_REL_IMAGE}" Target="{target}"/>'
                )
        existing = {info.filename for info, _ in self._entries}
        members: list[_Member] = []
        for info, data in self._entries:
            name = info.filename
            if name in rendered:
                data = rendered[name]
            elif name == "word/styles.xml" and (styles is not None or properties is not None):
                data = styles if styles is not None else data
                if properties is not None:
                    data = _set_style_language(data, language_tag(properties.language))
                members.append(_styles_member(data))
                if parts is not None:
                    parts[name] = data
                continue
            elif name in rels_extra:
                data = data.replace(
                    b"</Relationships>", "".join(rels_extra.pop(name)).encode() + b"</Relationships>"
                )
            elif name == "[Content_Types].xml" and media and b'Extension="png"' not in data:
                data = data.replace(
                    b"<Default ", b'<Default Extension="png" ContentType="image/png"/><Default ', 1
                )
            elif name == "docProps/core.xml" and properties is not None:
                data = _set_core_properties(data, properties)
            elif name == "docProps/core.xml" and title is not None:
                data = _set_title(data, title)
            elif name == "word/settings.xml" and properties is not None:
                data = _set_settings(data, language_tag(properties.language), _has_fields(rendered))
            else:
                members.append(self._members[name])
                if parts is not None and name.endswith(".xml"):
                    parts[name] = data
                continue
            members.append(_deflated(name, data))
            if parts is not None and name.endswith(".xml"):
                parts[name] = data
        for name, rels in rels_extra.items():
            if name in existing:
                continue
            body = (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_NS_RELS}">'
                + "".join(rels)
                + "</Relationships>"
            )
            members.append(_deflated(name, body.encode("utf-8")))
        # PNG is compressed already: stored as it is.
        members += [_member(name, data, zipfile.ZIP_STORED, data) for name, data in media]
        return _zip(members)


@attrs.frozen
class _Member:
    """One part of a zip package, ready to write: its compressed bytes and what the zip headers say of them."""

    name: bytes
    flags: int
    method: int
    crc: int
    size: int
    data: bytes


#: Every part is dated 1980-01-01 00:00 (MS-DOS time 0, date 33), so the same content gives the same bytes.
_DOS_TIME, _DOS_DATE = 0, (1 << 5) | 1
_UTF8_NAME = 0x800
_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")
_CENTRAL_HEADER = struct.Struct("<IHHHHHHIIIHHHHHII")
_END_RECORD = struct.Struct("<IHHHHIIH")
_ZIP_LIMIT = 0xFFFFFFFF


def _member(name: str, data: bytes, method: int, compressed: bytes) -> _Member:
    try:
        encoded, flags = name.encode("ascii"), 0
    except UnicodeEncodeError:
        encoded, flags = name.encode("utf-8"), _UTF8_NAME
    return _Member(encoded, flags, method, zlib.crc32(data), len(data), compressed)


def _deflated(name: str, data: bytes) -> _Member:
    """A part this document changed, compressed quickly (it is compressed for every document)."""
    compressor = zlib.compressobj(1, zlib.DEFLATED, -15)
    return _member(name, data, zipfile.ZIP_DEFLATED, compressor.compress(data) + compressor.flush())


_STYLES: dict[bytes, _Member] = {}


def _styles_member(styles: bytes) -> _Member:
    """A house style's styles part, compressed once per process: every document of a build shares it."""
    found = _STYLES.get(styles)
    if found is None:
        if len(_STYLES) >= 16:
            _STYLES.clear()
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        found = _STYLES[styles] = _member(
            "word/styles.xml", styles, zipfile.ZIP_DEFLATED, compressor.compress(styles) + compressor.flush()
        )
    return found


def _copied(package: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> _Member:
    """The part *info* of the template as its compressed bytes, to be copied into every document unchanged.

    Parts stored or deflated in the template are taken as they are (their CRC was checked when *data* was read);
    any other compression is replaced by deflate, once.
    """
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 0x1:
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        return _member(
            info.filename, data, zipfile.ZIP_DEFLATED, compressor.compress(data) + compressor.flush()
        )
    file = package.fp
    assert file is not None
    file.seek(info.header_offset)
    header = file.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"bad local header of {info.filename}")
    name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
    file.seek(name_length + extra_length, os.SEEK_CUR)
    raw = file.read(info.compress_size)
    if len(raw) != info.compress_size:
        raise zipfile.BadZipFile(f"{info.filename} is cut short")
    return _member(info.filename, data, info.compress_type, raw)


def _zip(members: Iterable[_Member]) -> bytes:
    """A zip package of *members*, in order (what zipfile would write, without recompressing anything)."""
    out = bytearray()
    central = bytearray()
    count = 0
    for m in members:
        offset = len(out)
        out += _LOCAL_HEADER.pack(
            0x04034B50,
            20,
            m.flags,
            m.method,
            _DOS_TIME,
            _DOS_DATE,
            m.crc,
            len(m.data),
            m.size,
            len(m.name),
            0,
        )
        out += m.name
        out += m.data
        central += _CENTRAL_HEADER.pack(
            0x02014B50, 20, 20, m.flags, m.method, _DOS_TIME, _DOS_DATE, m.crc, len(m.data), m.size,
            len(m.name), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        central += m.name
        count += 1
        if len(out) > _ZIP_LIMIT or m.size > _ZIP_LIMIT or count > 0xFFFF:
            raise TemplateError("the document is too large for a .docx package (over 4 GB or 65,535 parts)")
    start = len(out)
    out += central
    out += _END_RECORD.pack(0x06054B50, 0, 0, count, count, len(central), start, 0)
    return bytes(out)


def _set_title(core: bytes, title: str) -> bytes:
    safe = str(escape(clean_text(title))).encode("utf-8")
    if b"<dc:title>" in core:
        return re.sub(
            rb"<dc:title>.*?</dc:title>", lambda _m: b"<dc:title>" + safe + b"</dc:title>", core, flags=re.S
        )
    if b"<dc:title/>" in core:
        return core.replace(b"<dc:title/>", b"<dc:title>" + safe + b"</dc:title>")
    return core.replace(b"</cp:coreProperties>", b"<dc:title>" + safe + b"</dc:title></cp:coreProperties>")


_CORE_FIELDS = (
    ("dc:title", "title"),
    ("dc:subject", "subject"),
    ("dc:creator", "author"),
    ("cp:lastModifiedBy", "author"),
    ("dc:language", "language"),
)


def _set_core_properties(core: bytes, properties: DocumentProperties) -> bytes:
    """Title, subject, author and language in docProps/core.xml; a template's tool credits are removed."""
    values = {
        "title": properties.title,
        "subject": properties.subject,
        "author": properties.author,
        "language": language_tag(properties.language),
    }
    text = core.decode("utf-8")
    for tag, key in _CORE_FIELDS:
        value = str(escape(clean_text(values[key])))
        pattern = re.compile(rf"<{tag}\s*/>|<{tag}>.*?</{tag}>", re.S)
        element = f"<{tag}>{value}</{tag}>" if value else f"<{tag}/>"
        found = pattern.search(text)
        if found is not None:
            text = text[: found.start()] + element + text[found.end() :]
        elif value:
            text = text.replace("</cp:coreProperties>", element + "</cp:coreProperties>")
    text = re.sub(r"<dc:description>[^<]*python-docx[^<]*</dc:description>", "<dc:description/>", text)
    return text.encode("utf-8")


@functools.lru_cache(maxsize=16)
def _set_style_language(styles: bytes, tag: str) -> bytes:
    """The document language on the default run properties (every style inherits it)."""
    text = styles.decode("utf-8")
    lang = f'<w:lang w:val="{tag}" w:eastAsia="{tag}" w:bidi="ar-SA"/>'
    match = re.search(r"<w:rPrDefault>\s*<w:rPr>(.*?)</w:rPr>", text, re.S)
    if match is not None:
        inner = match.group(1)
        inner = re.sub(r"<w:lang\b[^>]*/>", "", inner) + lang
        text = text[: match.start(1)] + inner + text[match.end(1) :]
    elif "<w:docDefaults>" in text:
        text = text.replace(
            "<w:docDefaults>", f"<w:docDefaults><w:rPrDefault><w:rPr>{lang}</w:rPr></w:rPrDefault>", 1
        )
    else:
        text = re.sub(
            r"(<w:styles\b[^>]*>)",
            lambda m: (
                m.group(1)
                + f"<w:docDefaults><w:rPrDefault><w:rPr>{lang}</w:rPr></w:rPrDefault></w:docDefaults>"
            ),
            text,
            count=1,
        )
    return text.encode("utf-8")


def _has_fields(rendered: Mapping[str, bytes]) -> bool:
    return any(b"PAGEREF" in data or b" TOC " in data for data in rendered.values())


def _set_settings(settings: bytes, tag: str, update_fields: bool) -> bytes:
    """The language of the theme fonts and, for documents with page references, fields updated on opening."""
    text = settings.decode("utf-8")
    text = re.sub(r'<w:themeFontLang w:val="[^"]*"', f'<w:themeFontLang w:val="{tag}"', text)
    if update_fields and "<w:updateFields" not in text:
        # Word updates the contents page numbers when it opens the document (it asks first).
        text = re.sub(r"(<w:settings\b[^>]*>)", r'\1<w:updateFields w:val="true"/>', text, count=1)
    return text.encode("utf-8")


def _mark_foreign(xml: str) -> str:
    """Split the runs that hold text in another language and mark that text with its language."""
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"))
    w = f"{{{_W}}}"
    runs = []
    for t in root.iter(f"{w}t"):
        if t.text and (_FOREIGN_START in t.text or _FOREIGN_END in t.text):
            run = t.getparent()
            if run is not None and run.tag == f"{w}r" and run not in runs:
                runs.append(run)
    for run in runs:
        _split_run(run, w)
    # Markers left outside runs (an attribute, a field code) carry no meaning: remove them.
    out: str = etree.tostring(root, encoding="unicode")
    out = _FOREIGN.sub("", out)
    head = xml[: xml.index("<", 1)] if xml.startswith("<?xml") else ""
    return head + out


def _split_run(run: Any, w: str) -> None:
    from copy import deepcopy

    from lxml import etree

    props = run.find(f"{w}rPr")
    pieces: list[tuple[str | None, Any]] = []  # (language, element)
    lang: str | None = None
    for child in list(run):
        if child is props:
            continue
        if child.tag != f"{w}t":
            pieces.append((lang, child))
            continue
        text = child.text or ""
        position = 0
        for match in _FOREIGN.finditer(text):
            if match.start() > position:
                pieces.append((lang, _t(text[position : match.start()], w)))
            lang = match.group(1) if match.group(0) != _FOREIGN_END else None
            position = match.end()
        if position < len(text):
            pieces.append((lang, _t(text[position:], w)))
    parent = run.getparent()
    index = parent.index(run)
    parent.remove(run)
    current_lang: object = object()
    current = None
    for piece_lang, element in pieces:
        if current is None or piece_lang != current_lang:
            current = etree.Element(f"{w}r")
            new_props = deepcopy(props) if props is not None else None
            if piece_lang:
                if new_props is None:
                    new_props = etree.Element(f"{w}rPr")
                for old in new_props.findall(f"{w}lang"):
                    new_props.remove(old)
                tag = language_tag(piece_lang)
                lang_element = etree.Element(f"{w}lang", {f"{w}val": tag, f"{w}eastAsia": tag})
                later = [new_props.find(f"{w}{name}") for name in ("eastAsianLayout", "specVanish", "oMath")]
                following = next((el for el in later if el is not None), None)
                if following is not None:
                    following.addprevious(lang_element)
                else:
                    new_props.append(lang_element)
            if new_props is not None:
                current.append(new_props)
            parent.insert(index, current)
            index += 1
            current_lang = piece_lang
        current.append(element)


def _t(text: str, w: str) -> Any:
    from lxml import etree

    element = etree.Element(f"{w}t")
    element.text = text
    element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return element


_CACHE: dict[tuple[str, int, int, int], CompiledTemplate] = {}
_CACHE_LOCK = threading.Lock()


def compile_template(path: str | os.PathLike[str], env: jinja2.Environment) -> CompiledTemplate:
    """Compile *path* once per process and environment; later calls return the cached template."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        raise TemplateError(f"template {path} does not exist") from None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, id(env))
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is None:
            cached = CompiledTemplate(path, env)
            _CACHE[key] = cached
    return cached


def check_variables(
    template: CompiledTemplate, provided: Mapping[str, Any], allowed_extra: Iterable[str] = ()
) -> list[str]:
    """Compare what *template* uses with what a generator provides; return readable problems.

    Unknown variables (used but not provided) and unknown attributes of provided mappings are problems.
    """
    problems = []
    builtins = set(template.env.globals) | set(allowed_extra) | {"loop"}
    for name in sorted(template.variables - set(provided) - builtins):
        known = ", ".join(sorted(provided))
        problems.append(
            f"{template.name} uses the variable {name!r}, which this document does not provide (it provides: {known})"
        )
    for name, attributes in sorted(template.attribute_uses().items()):
        value = provided.get(name)
        if isinstance(value, Mapping):
            for attr in sorted(attributes - set(value)):
                problems.append(
                    f"{template.name} uses {name}.{attr}, but {name} has no {attr!r} (it has: {', '.join(sorted(value))})"
                )
    return problems
