"""Which documents exist for a method or a lab: every installed generator that takes it, from any plugin.

A method's documents are those of every method generator that applies to it (guide, checklists, the plugin's own
forms, ...). A lab's documents are those of every lab generator (lab plan, partner checklists, ...), of every
outcomes generator when the lab has measurements, and the documents of each chosen method. Each generator says
with :attr:`~labkit.generators.Generator.variants` how many documents it makes for one subject.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from ..errors import ConfigurationError, PluginError
from ..generators import Generator, Takes, Variant
from ..text import did_you_mean

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..labs.context import LabContext
    from ..model import Method

__all__ = ["Planned", "check_kinds", "lab_documents", "method_documents"]


@attrs.frozen
class Planned:
    """One document to make: which generator, for which method (None for the lab itself), which variant."""

    generator: Generator
    method: Method | None
    variant: Variant

    @property
    def kind(self) -> str:
        return self.generator.name


def check_kinds(catalog: Catalog, kinds: Iterable[str] | None) -> set[str] | None:
    """The document kinds asked for, each checked to exist; None (every kind) when none were asked for."""
    if kinds is None:
        return None
    wanted = set(kinds)
    known = catalog.generator_entries
    for kind in sorted(wanted - set(known)):
        raise ConfigurationError(
            f"unknown document kind {kind!r}{did_you_mean(kind, known)}; 'labkit documents' lists the kinds"
        )
    return wanted


def _variants(catalog: Catalog, generator: Generator, subject: object) -> list[Variant]:
    plugin = catalog.generator_entry(generator.name).plugin
    what = f"the document kind {generator.name!r} could not say which documents it makes:"
    variants = catalog.plugins.run(plugin, what, lambda: list(generator.variants(subject)))
    for variant in variants:
        if not isinstance(variant, Variant):
            raise PluginError(
                f"plugin {plugin.label} ({plugin.name}): the variants of the document kind {generator.name!r} "
                f"include {type(variant).__name__} where a Variant belongs"
            )
    return variants  # type: ignore[no-any-return]


def method_documents(catalog: Catalog, method: Method, kinds: set[str] | None = None) -> list[Planned]:
    """The documents of *method*: one per variant of every method generator that applies to it."""
    return [
        Planned(generator, method, variant)
        for generator in _generators(catalog, Takes.METHOD, kinds)
        if generator.applies_to(method.id)
        for variant in _variants(catalog, generator, method)
    ]


def lab_documents(ctx: LabContext, kinds: set[str] | None = None) -> list[Planned]:
    """The documents of a lab: its own (plan, partner checklists, report...), then each chosen method's."""
    catalog = ctx.catalog
    takes = (Takes.LAB, Takes.OUTCOMES) if ctx.measurements else (Takes.LAB,)
    planned = [
        Planned(generator, None, variant)
        for generator in _generators(catalog, takes, kinds)
        for variant in _variants(catalog, generator, ctx)
    ]
    for _chosen, method in ctx.chosen_methods():
        planned += method_documents(catalog, method, kinds)
    return planned


def _generators(catalog: Catalog, takes: Takes | Sequence[Takes], kinds: set[str] | None) -> list[Generator]:
    """The generators taking *takes*, by distribution name and, within one plugin, in the plugin's order."""
    accepted = (takes,) if isinstance(takes, Takes) else tuple(takes)
    entries = sorted(catalog.generator_entries.values(), key=lambda e: e.plugin.distribution)
    return [e.item for e in entries if e.item.takes in accepted and (kinds is None or e.item.name in kinds)]
