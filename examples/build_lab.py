"""Check a lab file and build its whole document set.

python examples/build_lab.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import labkit

LAB = Path(__file__).parent / "norrkoping" / "lab.yaml"


def main(out_dir: Path) -> None:
    check = labkit.check_lab(LAB)
    if not check.ok:
        for problem in check.problems:
            print(problem)
        raise SystemExit(1)
    result = labkit.build(LAB, out_dir, langs=["sv"])
    for path in result.documents:
        print(path.relative_to(out_dir))
    print(f"index: {result.index}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "example-output"))
