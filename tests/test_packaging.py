"""The repository's promises about itself: dependencies, raw data, the two commands."""

from __future__ import annotations

import hashlib
import re
import tomllib

import yaml
from conftest import REPO


def _name(requirement: str) -> str:
    name = re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0]
    return name.lower().replace("_", "-")


def _spec(requirement: str) -> tuple[str, str]:
    cleaned = re.sub(r"\[[^\]]*\]", "", requirement.replace(" ", ""))
    return _name(cleaned), cleaned[len(_name(cleaned)) :]


def _pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        requirements += extra
    return dict(_spec(r) for r in requirements)


def _environment_requirements() -> dict[str, str]:
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    requirements = []
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):
            requirements += [r for r in entry["pip"] if not r.startswith("-e")]
        else:
            requirements.append(entry)
    specs = dict(_spec(r) for r in requirements)
    specs.pop("pip")
    assert specs.pop("python") == ">=3.11"
    return specs


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    pyproject = _pyproject_requirements()
    environment = _environment_requirements()
    only_pyproject = sorted(set(pyproject) - set(environment))
    only_environment = sorted(set(environment) - set(pyproject))
    assert not only_pyproject, f"in pyproject.toml but not environment.yml: {only_pyproject}"
    assert not only_environment, f"in environment.yml but not pyproject.toml: {only_environment}"
    different = {n: (pyproject[n], environment[n]) for n in pyproject if pyproject[n] != environment[n]}
    assert not different, f"version bounds differ (pyproject, environment): {different}"


def test_every_dependency_has_a_lower_bound():
    unbounded = [name for name, spec in _pyproject_requirements().items() if ">=" not in spec]
    assert not unbounded


def test_requires_python_311():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11"


def test_seed_files_are_byte_identical_to_the_manifest():
    manifest = (REPO / "tests" / "data" / "seeds.sha256").read_text().split("\n")
    expected = dict(reversed(line.split()) for line in manifest if line.strip())
    actual = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (REPO / "seeds").iterdir()}
    assert actual == expected


def test_readme_opens_with_the_two_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", readme, re.S).group(1)
    assert [line.strip() for line in first_block.strip().splitlines()] == ["make report", "make test"]
    assert readme.index("```") < readme.index("\n## ")


def test_ci_runs_make_test_and_nothing_else():
    commands = [
        line.strip()
        for line in (REPO / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert commands[-1] == "make test"
    assert all(c.startswith(("set ", "cd ", "command -v chromium ")) for c in commands[:-1])
