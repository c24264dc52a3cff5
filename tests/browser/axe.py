"""axe-core in the browser tests: every visited page has no critical or serious accessibility violation."""
from pathlib import Path
from typing import Any

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
BLOCKING = ("critical", "serious")


def violations(page: Any) -> list[str]:
    """The critical and serious violations on `page`, one line each (rule, impact, first elements)."""
    # Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) does not stop it.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
    return [f"{page.url} {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
            for v in found if v["impact"] in BLOCKING]


def assert_accessible(page: Any) -> None:
    """Fail with every blocking violation of the page."""
    problems = violations(page)
    assert problems == [], "\n".join(problems)
