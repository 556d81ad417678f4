"""Routes of the dashboard and the page each one names."""

from dataclasses import dataclass

from core.schema import MODEL_SLUGS

SPEC_DECODE_PREFIX = "/compare-spec-decode"
SPEC_DECODE_SUFFIX = "-mtp-vs-none"


@dataclass(frozen=True)
class SpecDecodePage:
    """The model, GPU and precision of one MTP-vs-Off page."""

    model: str
    hw: str
    precision: str


def parse_spec_decode_path(path: str, pages) -> SpecDecodePage | None:
    """Return the page a path names, or None if it names no page with data.

    pages lists (model, hw, precision) triples that have data; the slug is
    "<model slug>-<gpu>-<precision>-mtp-vs-none".
    """
    slug = path.rstrip("/").removeprefix(SPEC_DECODE_PREFIX + "/")
    if slug == path or not slug.endswith(SPEC_DECODE_SUFFIX):
        return None
    parts = slug.removesuffix(SPEC_DECODE_SUFFIX).split("-")
    if len(parts) < 3:
        return None
    model_part, hw, precision = "-".join(parts[:-2]), parts[-2], parts[-1]
    for model, page_hw, page_precision in pages:
        if (
            MODEL_SLUGS.get(model, model) == model_part
            and page_hw == hw
            and page_precision == precision
        ):
            return SpecDecodePage(model, hw, precision)
    return None


def spec_decode_path(page: SpecDecodePage) -> str:
    """Return the route of a page."""
    slug = MODEL_SLUGS.get(page.model, page.model)
    return f"{SPEC_DECODE_PREFIX}/{slug}-{page.hw}-{page.precision}{SPEC_DECODE_SUFFIX}"
