"""Write the .pot template from labkit.i18n.LABELS, add new messages to each .po, and compile the .mo files.

Run after changing LABELS or a translation:  python tools/compile_catalogs.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from labkit.i18n import LABELS, LOCALE_DIR  # noqa: E402
from labkit.text import SUPPORTED_LANGUAGES  # noqa: E402


def template() -> Catalog:
    catalog = Catalog(project="labkit", domain="labkit")
    for key, message in LABELS.items():
        catalog.add(message, auto_comments=[f"labels.{key}"])
    return catalog


def compile_mo(po_path: Path) -> bytes:
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def main() -> None:
    pot = template()
    with (LOCALE_DIR / "labkit.pot").open("wb") as handle:
        write_po(handle, pot, omit_header=True, width=100)
    for lang in SUPPORTED_LANGUAGES:
        po_path = LOCALE_DIR / lang / "LC_MESSAGES" / "labkit.po"
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        catalog.update(pot, no_fuzzy_matching=True)
        with po_path.open("wb") as handle:
            write_po(handle, catalog, omit_header=False, width=100, ignore_obsolete=True)
        po_path.with_suffix(".mo").write_bytes(compile_mo(po_path))
        print(f"compiled {po_path.with_suffix('.mo').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
