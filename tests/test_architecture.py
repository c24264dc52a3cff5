"""The layout's promises, read from the source with `ast`: who may import whom, and how big a module may be."""
import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("market", "merchants", "vietqr")
MAX_LINES = 300
CEILING = re.compile(r"\b(500_?000_?000|499_?999_?999)\b")


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            dotted = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[dotted.removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The module of ours that `name` (a module or a name inside one) lands in."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str, *, top_level_only: bool) -> set[str]:
    """Our modules that `module` imports (at module level only, or anywhere in it)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            targets = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(target for target in map(_resolve, targets) if target and target != module)
    return found


def _cycle() -> list[str] | None:
    """One module-level import cycle, if there is any (depth-first search)."""
    graph = {module: _imports(module, top_level_only=True) for module in MODULES}
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = "open"
        stack.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                return stack[stack.index(target):] + [target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[module] = "done"
        return None

    for module in MODULES:
        if module not in state and (found := visit(module)):
            return found
    return None


def test_no_module_level_import_cycle_anywhere():
    assert _cycle() is None


@pytest.mark.parametrize("module", [m for m in MODULES if m.startswith("vietqr")])
def test_vietqr_imports_nothing_of_the_app(module):
    source = MODULES[module].read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import)\s+(flask|market|merchants)\b", source, re.MULTILINE)


def test_the_extensions_module_imports_nothing_of_ours():
    assert _imports("market.core.extensions", top_level_only=False) == set()


@pytest.mark.parametrize("module", [m for m in MODULES if m.startswith("market.core")])
def test_the_platform_imports_no_feature(module):
    ours = _imports(module, top_level_only=False)
    assert {target for target in ours if not target.startswith(("market.core", "vietqr"))} == set()


@pytest.mark.parametrize("module", [m for m in MODULES if m != "market"])
def test_only_the_factory_imports_views_and_api_modules(module):
    faces = {target for target in _imports(module, top_level_only=False)
             if target.rpartition(".")[2] in ("views", "api") and target != "market.core.api"}
    assert faces == set()


@pytest.mark.parametrize("module", list(MODULES))
def test_no_module_is_over_300_lines(module):
    assert MODULES[module].read_text(encoding="utf-8").count("\n") <= MAX_LINES


def test_the_napas_ceiling_is_written_in_one_module():
    holders = [module for module, path in MODULES.items() if CEILING.search(path.read_text(encoding="utf-8"))]
    assert holders == ["vietqr.payload"]


WRITES_CELLS = re.compile(r"\bcsv\.(writer|DictWriter)\(|\bWorkbook\(")


def test_only_the_exports_module_writes_spreadsheet_cells():
    """Every CSV/XLSX cell passes safe_cell: no other module may open a writer or a workbook of its own."""
    writers = sorted(name for name, path in MODULES.items()
                     if WRITES_CELLS.search(path.read_text(encoding="utf-8")) and name != "market.core.exports")
    assert writers == [], f"write exports through market.core.exports (csv_bytes/xlsx_bytes): {writers}"


PATTERN_CALLS = re.compile(r"validate\.Regexp\(|\.match\(")
PATTERN_EXEMPT = {"market.core.fields"}


def test_every_pattern_must_match_the_whole_value():
    """`$` lets a trailing newline through: schemas use core.fields.pattern, code uses fullmatch."""
    users = sorted(name for name, path in MODULES.items()
                   if name not in PATTERN_EXEMPT and PATTERN_CALLS.search(path.read_text(encoding="utf-8")))
    assert users == [], f"use market.core.fields.pattern or re.fullmatch in: {users}"
