"""The developer's set-up: system packages, Makefile targets, and builds that run quietly.

The set-up script is run on fake systems: an os-release file of our making, and stub
commands (apt-get, apt-cache, sudo, ldd, id, dpkg, chromium) that record their calls and
install packages into a state folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill
import pytest

from briefing import paths
from briefing.book import execute, stage
from briefing.book.engines.fallback import pandoc
from briefing.data import validated

SCRIPT = paths.ROOT / "scripts" / "ensure-system-packages.sh"
MAKEFILE = paths.ROOT / "Makefile"
DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n'
UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="24.04"\n'
MINT = 'NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n'
FEDORA = 'NAME="Fedora Linux"\nID=fedora\nVERSION_ID=40\n'
# What Ubuntu's apt says of chromium: a wrapper that installs the snap.
UBUNTU_CHROMIUM = {"candidate": "2:1snap1-0ubuntu2", "depends": "snapd"}
CHROME_DEB = "https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb"
# The real tools the script and the stubs use; nothing else of the machine is on PATH.
REAL_TOOLS = ["bash", "env", "sed", "awk", "grep", "tr", "head", "tail", "sort", "paste", "cat"]
REAL_TOOLS += ["touch", "chmod", "echo", "printf", "mkdir"]
LDD_FOUND = (
    "\tlinux-vdso.so.1 (0x00007ffd)\n\tlibatomic.so.1 => /lib/x86_64-linux-gnu/libatomic.so.1\n"
)
LDD_MISSING = "\tlinux-vdso.so.1 (0x00007ffd)\n\tlibatomic.so.1 => not found\n"

STUBS = {
    # Installing a package leaves a mark in $STATE; installing chromium puts a browser in place.
    "apt-get": """
echo "apt-get $*" >> "$STATE/calls"
if [ "$1" = install ]; then
  for package in "$@"; do
    case $package in -*|install) ;; *) touch "$STATE/installed-$package" ;; esac
  done
  if [ -e "$STATE/installed-chromium" ]; then
    printf '#!%s\\necho "Chromium 120.0 built on Debian"\\n' "$BASH" > "$CHROMIUM"
    chmod +x "$CHROMIUM"
  fi
fi
""",
    "apt-cache": """
echo "apt-cache $*" >> "$STATE/calls"
case $1 in
  policy) [ -n "$CANDIDATE" ] && printf 'chromium:\\n  Installed: (none)\\n  Candidate: %s\\n' "$CANDIDATE" ;;
  show) [ -n "$CANDIDATE" ] && printf 'Package: chromium\\nDepends: %s\\n' "$DEPENDS" ;;
esac
exit 0
""",
    "ldd": """
if [ -e "$STATE/installed-libatomic1" ]; then printf '%b' "$LDD_FOUND"; else printf '%b' "$LDD_MISSING"; fi
""",
    "id": 'echo "$FAKE_UID"\n',
    "sudo": """
echo "sudo $*" >> "$STATE/calls"
if [ "$*" = "-n true" ]; then [ "$SUDO_WORKS" = yes ]; exit; fi
exec "$@"
""",
    "dpkg": 'echo "$ARCH"\n',  # only ever asked --print-architecture
    # fontconfig's list: the Japanese font once its package is installed.
    "fc-list": '[ -e "$STATE/installed-fonts-noto-cjk" ] && echo "Noto Sans CJK JP"\nexit 0\n',
}


@dataclass
class FakeSystem:
    root: Path
    os_release: str | None = DEBIAN  # None: no os-release file
    uid: int = 0
    architecture: str = "amd64"
    japanese_font: bool = True  # fonts-noto-cjk already installed
    sudo_works: bool = False
    chromium_apt: dict | None = None  # what apt-cache says of chromium; None: no package

    def __post_init__(self):
        self.bin = self.root / "bin"
        self.state = self.root / "state"
        self.venv = self.root / "venv"
        self.chromium = self.root / "usr-bin-chromium"
        for folder in (self.bin, self.state):
            folder.mkdir(parents=True)
        (self.state / "calls").touch()
        driver = self.venv / "lib/python3.11/site-packages/playwright/driver/node"
        driver.parent.mkdir(parents=True)
        driver.touch()
        bash = shutil.which("bash")
        for name, body in STUBS.items():
            self.add_command(name, f"#!{bash}\n{body}")
        for tool in REAL_TOOLS:
            (self.bin / tool).symlink_to(shutil.which(tool))
        if self.japanese_font:
            (self.state / "installed-fonts-noto-cjk").touch()

    def add_command(self, name: str, text: str) -> Path:
        path = self.bin / name
        path.write_text(text)
        path.chmod(0o755)
        return path

    def install(self, *packages: str) -> None:
        """Mark packages installed, as the apt-get stub does."""
        for package in packages:
            (self.state / f"installed-{package}").touch()
        if "chromium" in packages:
            self.chromium.write_text(f"#!{shutil.which('bash')}\necho Chromium 120.0\n")
            self.chromium.chmod(0o755)

    def run(self) -> subprocess.CompletedProcess[str]:
        release = self.root / "os-release"
        release.unlink(missing_ok=True)
        if self.os_release is not None:
            release.write_text(self.os_release)
        env = {
            "PATH": str(self.bin),
            "OS_RELEASE": str(release),
            "CHROMIUM": str(self.chromium),
            "STATE": str(self.state),
            "FAKE_UID": str(self.uid),
            "ARCH": self.architecture,
            "SUDO_WORKS": "yes" if self.sudo_works else "no",
            "CANDIDATE": (self.chromium_apt or {}).get("candidate", ""),
            "DEPENDS": (self.chromium_apt or {}).get("depends", ""),
            "LDD_FOUND": LDD_FOUND,
            "LDD_MISSING": LDD_MISSING,
        }
        command = [shutil.which("bash"), str(SCRIPT), str(self.venv)]
        return subprocess.run(command, env=env, capture_output=True, text=True, check=False)

    def calls(self) -> list[str]:
        return (self.state / "calls").read_text().splitlines()

    def installs(self) -> list[str]:
        """The apt-get install commands run (however they were started: sudo, env)."""
        return [call for call in self.calls() if call.startswith("apt-get install")]


@pytest.fixture
def system(tmp_path) -> FakeSystem:
    return FakeSystem(tmp_path)


# Debian


def test_debian_with_everything_present_installs_nothing_and_prints_nothing(system):
    system.install("chromium", "libatomic1")
    result = system.run()
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert system.calls() == []


def test_debian_without_a_japanese_font_installs_noto_cjk(tmp_path):
    system = FakeSystem(tmp_path, japanese_font=False)
    system.install("chromium", "libatomic1")
    result = system.run()
    assert result.returncode == 0, result.stderr
    assert system.installs() == ["apt-get install -y -qq fonts-noto-cjk"]
    assert "fonts-noto-cjk" in result.stdout
    # Once it is there, a second run installs nothing and says nothing.
    again = system.run()
    assert (again.returncode, again.stdout) == (0, "")
    assert len(system.installs()) == 1


def test_debian_missing_libatomic_installs_libatomic1(system):
    system.install("chromium")
    result = system.run()
    assert result.returncode == 0, result.stderr
    assert system.calls()[0] == "apt-get update -qq"
    assert system.installs() == ["apt-get install -y -qq libatomic1"]
    # Once installed, a second run does nothing and says nothing.
    again = system.run()
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")
    assert len(system.installs()) == 1


def test_fresh_debian_installs_chromium_and_libatomic1_at_once(system):
    result = system.run()
    assert result.returncode == 0, result.stderr
    assert system.installs() == ["apt-get install -y -qq libatomic1 chromium"]
    assert result.stdout == "Installing with apt-get: libatomic1 chromium\n"
    assert subprocess.run([system.chromium, "--version"], check=True).returncode == 0


def test_debian_as_a_user_with_passwordless_sudo_installs_through_sudo(system):
    system.uid, system.sudo_works = 1000, True
    system.install("chromium")
    result = system.run()
    assert result.returncode == 0, result.stderr
    assert system.installs() == ["apt-get install -y -qq libatomic1"]
    assert [call for call in system.calls() if call.startswith("sudo") and "apt-get" in call] == [
        "sudo apt-get update -qq",
        "sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libatomic1",
    ]


def test_debian_as_a_user_without_sudo_prints_the_command_and_fails(system):
    system.uid = 1000
    result = system.run()
    assert result.returncode == 1
    assert system.installs() == []
    assert "sudo apt-get update && sudo apt-get install -y libatomic1 chromium\n" in result.stderr
    assert "libatomic.so.1" in result.stderr
    assert f"Chromium is missing at {system.chromium}." in result.stderr


def test_a_chromium_that_does_not_run_counts_as_missing(system):
    system.install("libatomic1")
    system.chromium.write_text(
        f"#!{shutil.which('bash')}\necho 'libnss3.so: not found' >&2\nexit 127\n"
    )
    system.chromium.chmod(0o755)
    result = system.run()
    assert result.returncode == 0, result.stderr
    assert system.installs() == ["apt-get install -y -qq chromium"]


def test_a_chromium_that_still_does_not_run_after_installing_is_reported(system):
    system.uid = 1000  # cannot install
    system.install("libatomic1")
    system.chromium.write_text(
        f"#!{shutil.which('bash')}\necho 'libnss3.so: not found' >&2\nexit 127\n"
    )
    system.chromium.chmod(0o755)
    result = system.run()
    assert result.returncode == 1
    assert f"{system.chromium} does not run: libnss3.so: not found\n" in result.stderr
    assert "  sudo apt-get update && sudo apt-get install -y chromium\n" in result.stderr


def test_a_library_without_a_known_package_is_named(system):
    system.install("chromium")
    (system.bin / "ldd").write_text(
        f"#!{shutil.which('bash')}\nprintf '\\tlibfancy.so.3 => not found\\n'\n"
    )
    result = system.run()
    assert result.returncode == 1
    assert "Install the package that provides libfancy.so.3" in result.stderr


# Ubuntu and other derivatives


def test_ubuntu_without_chromium_installs_libatomic1_and_prints_the_chrome_commands(system):
    system.os_release, system.chromium_apt = UBUNTU, UBUNTU_CHROMIUM
    result = system.run()
    assert result.returncode == 1
    # apt installs what it really has; its chromium would only install the snap.
    assert system.installs() == ["apt-get install -y -qq libatomic1"]
    commands = [line.strip() for line in result.stderr.splitlines() if line.startswith("  ")]
    assert commands == [
        "apt-get install -y curl",
        f"curl -fsSLo /tmp/google-chrome.deb {CHROME_DEB}",
        "apt-get install -y /tmp/google-chrome.deb",
        f"ln -sf /usr/bin/google-chrome {system.chromium}",
    ]
    assert result.stderr.endswith("Then run make again.\n")


def test_ubuntu_as_a_user_prints_the_commands_with_sudo(system):
    system.os_release, system.chromium_apt = UBUNTU, UBUNTU_CHROMIUM
    system.uid, system.sudo_works = 1000, True
    system.install("libatomic1")
    result = system.run()
    assert result.returncode == 1
    assert system.installs() == []
    assert f"  sudo ln -sf /usr/bin/google-chrome {system.chromium}\n" in result.stderr
    assert "  sudo apt-get install -y /tmp/google-chrome.deb\n" in result.stderr


def test_ubuntu_on_arm_is_told_to_link_the_chromium_snap(system):
    # Google builds Chrome for amd64 only.
    system.os_release, system.chromium_apt = UBUNTU, UBUNTU_CHROMIUM
    system.architecture = "arm64"
    system.install("libatomic1")
    result = system.run()
    assert result.returncode == 1
    commands = [line.strip() for line in result.stderr.splitlines() if line.startswith("  ")]
    assert commands == ["snap install chromium", f"ln -sf /snap/bin/chromium {system.chromium}"]


def test_ubuntu_with_google_chrome_is_told_to_link_it(system):
    system.os_release = UBUNTU
    system.install("libatomic1")
    chrome = system.add_command("google-chrome", "")
    result = system.run()
    assert result.returncode == 1
    assert "Link Google Chrome there:\n" in result.stderr
    assert f"  ln -sf {chrome} {system.chromium}\n" in result.stderr
    assert "curl" not in result.stderr


def test_a_derivative_whose_apt_has_a_real_chromium_installs_it(system):
    system.os_release = MINT
    system.chromium_apt = {"candidate": "131.0.6778.85~linuxmint1", "depends": "libc6, libnss3"}
    result = system.run()
    assert result.returncode == 0, result.stderr
    assert system.installs() == ["apt-get install -y -qq libatomic1 chromium"]


# Elsewhere


def test_an_unknown_system_is_told_what_to_install(system):
    system.os_release = FEDORA
    result = system.run()
    assert result.returncode == 1
    assert system.calls() == []  # apt-get is on PATH, but this is no apt system
    assert "only on Debian, Ubuntu and their derivatives" in result.stderr
    assert f"  - Chromium (or Google Chrome), linked at {system.chromium}\n" in result.stderr
    assert "  - the package that provides libatomic.so.1\n" in result.stderr


def test_no_os_release_file_is_an_unknown_system(system):
    system.os_release = None
    result = system.run()
    assert result.returncode == 1
    assert system.calls() == []


# The Makefile


def make_env(**extra: str) -> dict[str, str]:
    """The environment for a make of our own: not a sub-make of `make test`'s, whose flags
    (-j, -w's "Entering directory" lines) it would inherit."""
    inherited = {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}
    return {**{k: v for k, v in os.environ.items() if k not in inherited}, **extra}


def make_dry_run(*args: str, uid: int = 0) -> str:
    """The commands `make -n` prints in the project, with `id -u` answering ``uid``."""
    with tempfile.TemporaryDirectory() as stubs:
        fake_id = Path(stubs) / "id"
        fake_id.write_text(f"#!/bin/sh\necho {uid}\n")
        fake_id.chmod(0o755)
        env = make_env(PATH=f"{stubs}:{os.environ['PATH']}")
        command = ["make", "-n", "-f", str(MAKEFILE), *args]
        result = subprocess.run(
            command, cwd=paths.ROOT, env=env, capture_output=True, text=True, check=True
        )
    return result.stdout


def test_lab_allows_root_only_as_root():
    assert "jupyter lab --allow-root notebooks/" in make_dry_run("lab", uid=0)
    as_user = make_dry_run("lab", uid=1000)
    assert "jupyter lab notebooks/" in as_user
    assert "--allow-root" not in as_user


def test_lab_installs_jupyterlab_once_behind_a_stamp(tmp_path):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / ".installed").touch()
    first = make_dry_run("lab", f"VENV={venv}")
    assert "--constraint requirements.lock jupyterlab" in first
    assert f"touch {venv}/.jupyterlab" in first
    (venv / ".jupyterlab").touch()
    assert "pip install" not in make_dry_run("lab", f"VENV={venv}")


def test_clean_removes_exactly_what_the_build_writes(tmp_path):
    shutil.copy(MAKEFILE, tmp_path / "Makefile")
    reports = tmp_path / "reports"
    built = [
        paths.SITE,
        paths.EXECUTED,
        paths.PUBLISHED_DOWNLOADS,
        paths.FAILED,
        paths.IMAGE_CACHE,
        pandoc.CACHE,
        paths.ASSETS,
        paths.REPORTS / f"{stage.STAGING_PREFIX}1234",
        paths.REPORTS / f"{stage.STAGING_PREFIX}1234.old",
    ]
    for folder in built:
        (tmp_path / folder.relative_to(paths.ROOT) / "some-file").parent.mkdir(parents=True)
        (tmp_path / folder.relative_to(paths.ROOT) / "some-file").touch()
    for name in (stage.LOCK_NAME, validated.RECORD, ".gitkeep"):
        (reports / name).touch()
    dry_run = make_dry_run("clean")
    for name in (stage.LOCK_NAME, validated.RECORD, stage.STAGING_PREFIX + "*"):
        assert f"reports/{name}" in dry_run
    subprocess.run(["make", "-s", "clean"], cwd=tmp_path, env=make_env(), check=True)
    assert sorted(path.name for path in reports.iterdir()) == [".gitkeep"]
    assert not (tmp_path / "assets").exists()


def test_help_lists_every_target():
    phony = re.search(r"^\.PHONY:(.*)$", MAKEFILE.read_text(), re.MULTILINE).group(1).split()
    result = subprocess.run(
        ["make", "-s", "-f", str(MAKEFILE)],
        cwd=paths.ROOT,
        env=make_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    listed = re.findall(r"^  make (\S+)", result.stdout, re.MULTILINE)
    assert sorted(listed) == sorted(phony)
    assert {"system", "lint", "lab", "clean", "test-fast"} <= set(listed)


def test_lint_checks_style_and_import_layers_when_import_linter_is_there(tmp_path):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / ".installed").touch()
    without = make_dry_run("lint", f"VENV={venv}")
    for check in ("ruff check", "ruff format --check"):
        assert f"{venv}/bin/{check} src tests notebooks benchmarks" in without
    assert "import-linter is not installed" in without
    (venv / "bin" / "lint-imports").touch()
    assert f"{venv}/bin/lint-imports" in make_dry_run("lint", f"VENV={venv}")


def test_setup_checks_the_system_after_the_venv_exists():
    commands = make_dry_run("system", "VENV=/nonexistent/venv").splitlines()
    assert commands[-1] == "scripts/ensure-system-packages.sh /nonexistent/venv"
    assert any("-m venv /nonexistent/venv" in command for command in commands[:-1])


def test_gitignore_ignores_jupyter_checkpoints():
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "notebooks/.ipynb_checkpoints/x-checkpoint.ipynb"],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# Quiet builds: the kernels papermill starts print nothing of their own.

TCP_WARNING = "Kernel is running over TCP without encryption"
INTERRUPTED = "KeyboardInterrupt caught in kernel"
# Makes the kernel still busy with papermill's last request when it is shut down: the
# moment jupyter_client's interrupt-before-shutdown turns into a logged KeyboardInterrupt.
LINGER = """\
import time
kernel = get_ipython().kernel
answer = kernel.shell_handlers["kernel_info_request"]
async def answer_then_linger(*args):
    await answer(*args)
    time.sleep(2)
kernel.shell_handlers["kernel_info_request"] = answer_then_linger
"""


def notebook(path: Path, *sources: str) -> Path:
    parameters = nbformat.v4.new_code_cell("focus = 'JP'")
    parameters.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(cells=[parameters, *map(nbformat.v4.new_code_cell, sources)])
    nb.metadata["kernelspec"] = {"name": execute.KERNEL, "language": "python", "display_name": ""}
    nbformat.write(nb, path)
    return path


@pytest.mark.e2e
def test_a_notebook_runs_without_kernel_messages(tmp_path, capfd):
    source = notebook(
        tmp_path / "tiny.ipynb",
        "k = get_ipython().kernel.parent\nprint(k.transport, k.ip)",
    )
    execute.execute_notebook(source, tmp_path / "out.ipynb", {"focus": "GB"}, cwd=tmp_path)
    captured = capfd.readouterr()
    for message in (TCP_WARNING, INTERRUPTED):
        assert message not in captured.out + captured.err
    [output] = nbformat.read(tmp_path / "out.ipynb", as_version=4).cells[-1].outputs
    transport, ip = output["text"].split()
    assert transport == "ipc"
    # Its sockets were in a private folder, removed with the kernel.
    assert Path(ip).name == "kernel"
    assert not Path(ip).parent.exists()


@pytest.mark.e2e
def test_a_kernel_busy_at_shutdown_is_not_interrupted(tmp_path, capfd):
    source = notebook(tmp_path / "linger.ipynb", LINGER)
    # The check would catch it: papermill's own engine interrupts the kernel and it says so.
    papermill.execute_notebook(
        str(source), str(tmp_path / "plain.ipynb"), kernel_name=execute.KERNEL, progress_bar=False
    )
    plain = capfd.readouterr()
    assert INTERRUPTED in plain.err
    execute.execute_notebook(source, tmp_path / "out.ipynb", {}, cwd=tmp_path)
    quiet = capfd.readouterr()
    assert INTERRUPTED not in quiet.out + quiet.err
    assert TCP_WARNING not in quiet.out + quiet.err


@pytest.mark.e2e
def test_a_build_prints_no_kernel_messages(session_build):
    # The notebooks run in forked workers, each with its own kernel, as in every build: the
    # session's build (tests/conftest.py) ran every notebook from scratch.
    assert "ran" in session_build.output and "reused" not in session_build.output
    # A kernel shared by a notebook's languages has its clients closed after each run.
    for message in (TCP_WARNING, INTERRUPTED, "[IPKernelApp]", "Could not destroy zmq context"):
        assert message not in session_build.output
