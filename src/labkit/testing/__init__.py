"""Testing kit for plugin authors: one shared suite checks a whole plugin distribution.

A plugin's whole test file is three lines:

```python
from labkit.testing import PluginTests

class TestPlugin(PluginTests):
    distribution = "labkit-my-method"
```

The suite (:class:`PluginTests`) checks that the plugin loads through its entry point without warnings, that
all of its methods, indicators and forms validate, that its methods follow the content rules of :mod:`labkit.rules`
(checklists, every text in Swedish and English, no claim beyond the evidence level, checkable sources, wording,
plain language), that its methods only refer to known indicators, that its templates are readable
and fit the documents they are for, that the distribution requires labkit-core, and that every document it can
make (guide, checklists, its own document kinds) renders in each language into a .docx that python-docx can open
and, where LibreOffice is installed, converts to PDF. Each document is its own test case.

:func:`check_plugin` runs the same checks in one call and returns a :class:`PluginReport`; the pytest plugin
(installed with labkit) offers it as the ``labkit_check_plugin`` fixture.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._check import PluginReport, check_plugin, open_docx, plugin_documents

if TYPE_CHECKING:
    from ._suite import PluginTests

__all__ = ["PluginReport", "PluginTests", "check_plugin", "open_docx", "plugin_documents"]


def __getattr__(name: str) -> Any:
    # The suite needs pytest; check_plugin does not, so the suite is imported only when asked for.
    if name == "PluginTests":
        from ._suite import PluginTests

        return PluginTests
    raise AttributeError(f"module 'labkit.testing' has no attribute {name!r}")
