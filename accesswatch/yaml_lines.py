"""YAML with line numbers: parse a data file into Python values *and* the node tree that says on
which line each value sits, so a validation error can name `file:line`.

Dates are kept as strings (the implicit YAML 1.1 timestamp resolver is removed): pydantic then
parses them and reports a bad date such as `2025-02-30` as an ordinary, located error instead of
PyYAML raising from deep inside its constructor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _DatesAsStringsLoader(yaml.SafeLoader):
    """SafeLoader that leaves `2025-01-02` as the string it is."""


_DatesAsStringsLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YamlSyntaxError(Exception):
    """The text is not well-formed YAML. `line` is 1-based; `problem` says what is wrong."""

    def __init__(self, line: int, problem: str) -> None:
        self.line = line
        self.problem = problem
        super().__init__(f"line {line}: {problem}")


@dataclass(frozen=True)
class ParsedYaml:
    """A parsed document: its Python value and the root node (None for an empty document)."""

    data: Any
    root: Node | None


def parse_yaml(text: str) -> ParsedYaml:
    """Parse one YAML document, keeping the node tree for line lookups.

    Raises `YamlSyntaxError` with the 1-based line of the problem for malformed YAML (including
    several documents in one file, and values PyYAML cannot construct).
    """
    loader = _DatesAsStringsLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = " ".join(part for part in (error.context, error.problem) if part) or str(error)
        if error.context_mark is not None and mark is not None and error.context_mark.line != mark.line:
            problem += f" (the construct began on line {error.context_mark.line + 1})"
        raise YamlSyntaxError(line, f"malformed YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(1, f"malformed YAML: {error}") from None
    except (ValueError, TypeError) as error:  # an explicit tag (e.g. !!timestamp) with a bad value
        raise YamlSyntaxError(1, f"malformed YAML value: {error}") from None
    finally:
        loader.dispose()
    return ParsedYaml(data=data, root=root)


def line_of(node: Node | None) -> int:
    """The 1-based line on which `node` starts (1 when there is no node)."""
    return node.start_mark.line + 1 if node is not None else 1


def locate(root: Node | None, loc: tuple[Any, ...]) -> int:
    """The 1-based line of the value at `loc` (a pydantic error location: keys and indices).

    Location parts that do not match the tree (pydantic's union or validator tags, a missing
    key) are skipped, so the answer is the deepest node that exists: for a missing field, the
    line of the mapping that lacks it; for an unknown field, the line of that key.
    """
    node = root
    line = line_of(root)
    for part in loc:
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if isinstance(key, ScalarNode) and key.value == str(part):
                    node, line = value, line_of(key)
                    break
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            line = line_of(node)
    return line


def child(node: Node | None, *path: Any) -> Node | None:
    """The node at `path` (keys and indices) below `node`, or None when it does not exist."""
    for part in path:
        if isinstance(node, MappingNode):
            node = next((value for key, value in node.value if isinstance(key, ScalarNode) and key.value == str(part)), None)
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            return None
    return node


def key_line(node: Node | None, *path: Any) -> int:
    """The line of the last key of `path` below `node` (the key's own line, falling back upwards)."""
    return locate(node, tuple(path))


def duplicate_keys(root: Node | None) -> Iterator[tuple[int, str]]:
    """Every mapping key that appears twice in the same mapping: (line of the repeat, key).

    PyYAML silently keeps the last of duplicate keys; a person editing by hand would lose data.
    """
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    if key.value in seen:
                        yield line_of(key), key.value
                    seen.add(key.value)
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
