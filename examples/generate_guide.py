"""Make the method guide and checklists of one method, in Swedish and English.

python examples/generate_guide.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import labkit


def main(out_dir: Path) -> None:
    for lang in ("sv", "en"):
        guide = labkit.render_guide("portalen", lang=lang, out=out_dir / f"portalen-guide-{lang}.docx")
        print(f"{guide.title}: {len(guide)} bytes")
    checklists = labkit.render_checklist("portalen", lang="sv", role="coordinator")
    path = checklists.save(out_dir)
    print(f"saved {path}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "example-output"))
