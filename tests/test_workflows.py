"""The GitHub Actions workflows: valid against the workflow schema, and clean under zizmor."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from briefing import paths

WORKFLOWS = paths.ROOT / ".github" / "workflows"
WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.yml"))
BLOCKING_SEVERITIES = {"medium", "high"}
# owner/repo[/path]@<40-hex commit> # vX.Y.Z
PINNED_USES = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$")

GOOD_STEP = """\
      - uses: actions/checkout@8e8c483db84b4bee98b60c0593521ed34d9990e8 # v6.0.1
        with:
          persist-credentials: false
"""


def tool(name: str, package: str) -> str:
    """A tool from the project's .venv (beside this Python), else from PATH; fail if absent."""
    beside_python = Path(sys.executable).parent / name
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: the workflow checks need the `{package}` package")
    return found


def validate(workflow: Path) -> subprocess.CompletedProcess[str]:
    command = [tool("check-jsonschema", "check-jsonschema")]
    command += ["--builtin-schema", "vendor.github-workflows", str(workflow)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def blocking_findings(*inputs: Path) -> list[str]:
    """zizmor's findings of medium severity or above, whatever their confidence."""
    # --no-config and --no-ignores: no config file or inline comment can silence a finding.
    # --no-exit-codes: a non-zero exit then means zizmor itself failed, not that it found something.
    command = [tool("zizmor", "zizmor"), "--offline", "--no-config", "--no-ignores"]
    command += ["--no-exit-codes", "--no-progress", "--format", "json", *map(str, inputs)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"zizmor failed: {result.stderr}"
    return [
        f"{finding['ident']} ({finding['determinations']['severity']}): "
        + "; ".join(
            location["concrete"]["feature"].strip() for location in finding.get("locations", [])
        )
        for finding in json.loads(result.stdout)
        if finding["determinations"]["severity"].lower() in BLOCKING_SEVERITIES
    ]


def load(workflow: Path) -> dict:
    # PyYAML reads the bare key `on` as True.
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps_using(workflow: dict, action: str) -> list[tuple[str, dict]]:
    return [
        (job_id, step)
        for job_id, job in workflow["jobs"].items()
        for step in job.get("steps", [])
        if step.get("uses", "").split("@")[0] == action
    ]


def bad_workflow(tmp_path: Path, text: str) -> Path:
    path = tmp_path / ".github" / "workflows" / "bad.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_both_workflows_exist():
    assert {path.name for path in WORKFLOW_FILES} >= {"test.yml", "publish.yml"}
    assert "refresh.yml" in {path.name for path in WORKFLOW_FILES}


@pytest.mark.parametrize("workflow", WORKFLOW_FILES, ids=lambda path: path.name)
def test_workflow_matches_the_github_workflow_schema(workflow):
    result = validate(workflow)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_of_medium_severity_or_above():
    assert blocking_findings(*WORKFLOW_FILES) == []


@pytest.mark.parametrize("workflow", WORKFLOW_FILES, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(workflow):
    uses_lines = [line for line in workflow.read_text().splitlines() if "uses:" in line]
    assert uses_lines
    unpinned = [line.strip() for line in uses_lines if not PINNED_USES.match(line)]
    assert unpinned == []


@pytest.mark.parametrize("workflow", WORKFLOW_FILES, ids=lambda path: path.name)
def test_workflow_runs_in_utc_with_read_only_defaults(workflow):
    data = load(workflow)
    assert data["env"]["TZ"] == "UTC"
    assert data["permissions"] in ({}, {"contents": "read"})
    for job_id, step in steps_using(data, "actions/checkout"):
        assert step.get("with", {}).get("persist-credentials") is False, job_id


def test_test_workflow_runs_make_test_on_pull_requests():
    data = load(WORKFLOWS / "test.yml")
    assert "pull_request" in data["on"]
    assert data["on"]["push"]["branches"] == ["main"]
    [(_, setup_python)] = steps_using(data, "actions/setup-python")
    assert str(setup_python["with"]["python-version"]) == "3.11"
    runs = [step["run"] for job in data["jobs"].values() for step in job["steps"] if "run" in step]
    # The README's test command, last; before it only the link to the runner's browser.
    assert runs[-1] == "make test"
    assert all("/usr/bin/chromium" in run for run in runs[:-1])


def test_publish_workflow_deploys_the_site_with_least_privilege():
    data = load(WORKFLOWS / "publish.yml")
    assert set(data["on"]) == {"push", "workflow_dispatch"}
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["concurrency"]["group"] == "pages"
    [(_, upload)] = steps_using(data, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "reports/site"
    [(deploy_job, _)] = steps_using(data, "actions/deploy-pages")
    assert steps_using(data, "actions/configure-pages")
    # Only the deploying job may write to Pages or mint an OIDC token.
    for job_id, job in data["jobs"].items():
        permissions = job.get("permissions", {})
        if job_id == deploy_job:
            assert permissions == {"pages": "write", "id-token": "write"}
        else:
            assert set(permissions.values()) <= {"read", "none"}, job_id


def test_publish_workflow_builds_through_briefing_with_a_pinned_quarto_that_meets_quarto_required():
    data = load(WORKFLOWS / "publish.yml")
    [(job_id, setup)] = steps_using(data, "quarto-dev/quarto-actions/setup")
    version = tuple(int(part) for part in str(setup["with"]["version"]).split("."))
    required = yaml.safe_load(paths.QUARTO_CONFIG.read_text())["quarto-required"]
    minimum = tuple(int(part) for part in re.sub(r"^>=\s*", "", required).split("."))
    assert len(version) == 3 and version >= minimum
    job = data["jobs"][job_id]
    assert job["env"]["QUARTO_PYTHON"].endswith("/.venv/bin/python")
    # The build, not a bare `quarto render`: its checks, staging, corrections and edition record,
    # with Quarto as the engine (no silent fallback to pandoc + typst).
    assert job["env"]["BRIEFING_ENGINE"] == "quarto"
    steps = job["steps"]
    runs = [step.get("run") for step in steps]
    setup_at = next(i for i, step in enumerate(steps) if step is setup)
    assert runs.index("make setup") < setup_at < runs.index(".venv/bin/briefing build")
    assert "quarto render" not in runs


def test_refresh_workflow_runs_weekly_and_proposes_the_data_for_review():
    data = load(WORKFLOWS / "refresh.yml")
    assert set(data["on"]) == {"schedule", "workflow_dispatch"}
    [schedule] = data["on"]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    # Once a week, at a set time.
    assert minute.isdigit() and hour.isdigit() and (day, month) == ("*", "*") and weekday.isdigit()
    assert data["permissions"] == {}
    runs = {
        job_id: [step.get("run", "") for step in job["steps"]]
        for job_id, job in data["jobs"].items()
    }
    [refresh] = [job for job, lines in runs.items() if "make test" in lines]
    commands = [line for line in runs[refresh] if "briefing" in line or line == "make test"]
    # fetch → derive → make test, then the body of the pull request, from `briefing changes`.
    assert commands[:3] == [".venv/bin/briefing fetch", ".venv/bin/briefing derive", "make test"]
    assert (
        commands[3].startswith(".venv/bin/briefing changes --since")
        and "> what-changed.md" in (commands[3])
    )
    # The job that runs the project's code only reads; the one that writes runs none of it.
    assert data["jobs"][refresh]["permissions"] == {"contents": "read"}
    [(propose, _)] = steps_using(data, "actions/download-artifact")
    assert data["jobs"][propose]["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
    }
    script = "\n".join(runs[propose])
    assert "briefing" not in script and "make" not in script
    assert "gh pr create" in script and '--body-file "$REFRESHED/what-changed.md"' in script
    # No secret but the job's own token.
    text = (WORKFLOWS / "refresh.yml").read_text()
    assert "secrets." not in text and text.count("${{ github.token }}") == 1


# The checks must catch a workflow that goes bad.


def test_schema_check_rejects_an_invalid_workflow(tmp_path):
    workflow = bad_workflow(
        tmp_path,
        "name: bad\non: push\npermissions: {}\njobs:\n  x:\n    steps:\n" + GOOD_STEP,
    )  # no runs-on
    assert validate(workflow).returncode != 0


def test_a_known_good_workflow_passes_the_audit(tmp_path):
    # Guards the negative tests below: their findings come from the one change each makes.
    workflow = bad_workflow(
        tmp_path,
        "name: good\non: push\npermissions: {}\njobs:\n  x:\n    name: x\n"
        "    runs-on: ubuntu-latest\n    steps:\n" + GOOD_STEP,
    )
    assert validate(workflow).returncode == 0
    assert blocking_findings(workflow) == []


@pytest.mark.parametrize(
    ("change", "text", "audit"),
    [
        (
            "an action pinned to a tag",
            GOOD_STEP.replace("8e8c483db84b4bee98b60c0593521ed34d9990e8 # v6.0.1", "v6"),
            "unpinned-uses",
        ),
        (
            "a checkout that keeps its credentials",
            GOOD_STEP.replace("persist-credentials: false", "fetch-depth: 1"),
            "artipacked",
        ),
        (
            "untrusted input expanded into a shell command",
            GOOD_STEP + '      - run: echo "${{ github.event.pull_request.title }}"\n',
            "template-injection",
        ),
    ],
    ids=lambda value: value if " " in str(value) else None,
)
def test_the_audit_catches_a_bad_step(tmp_path, change, text, audit):
    trigger = "pull_request" if "pull_request" in text else "push"
    workflow = bad_workflow(
        tmp_path,
        f"name: bad\non: {trigger}\npermissions: {{}}\njobs:\n  x:\n    name: x\n"
        "    runs-on: ubuntu-latest\n    steps:\n" + text,
    )
    findings = blocking_findings(workflow)
    assert any(finding.startswith(audit) for finding in findings), (change, findings)


def test_the_audit_catches_a_dangerous_trigger_with_write_access(tmp_path):
    workflow = bad_workflow(
        tmp_path,
        "name: bad\non: pull_request_target\npermissions: write-all\njobs:\n  x:\n    name: x\n"
        "    runs-on: ubuntu-latest\n    steps:\n" + GOOD_STEP,
    )
    findings = blocking_findings(workflow)
    assert any(finding.startswith("dangerous-triggers") for finding in findings), findings
