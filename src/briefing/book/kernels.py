"""The kernels that run the notebooks: how they listen, how they stop, and one kernel shared by
a notebook's editions in several languages.

A notebook's Japanese edition computes what its English edition has just computed, with other
words. Run in the kernel that ran the English one, it finds the modules imported and the tables
read; only its words and charts remain to make. Between the runs the kernel forgets every name
the previous run defined (as a fresh kernel would have none) and takes the next run's
environment (where it logs its reads and writes its downloads).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from traitlets.config import Config

KERNEL = "briefing"


class QuietShutdownKernelManager(AsyncKernelManager):
    """A kernel manager that asks a finished kernel to shut down without interrupting it first,
    and closes the clients made for it.

    jupyter_client sends SIGINT before the shutdown request; when the signal lands while the
    kernel is still finishing its last reply, ipykernel logs "KeyboardInterrupt caught in
    kernel". papermill shuts a kernel down only after its last cell, and a kernel that does
    not stop when asked is still killed after ``shutdown_wait_time``.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._clients: list = []

    async def _async_interrupt_kernel(self) -> None:
        if not self.shutting_down:
            await super()._async_interrupt_kernel()

    def client(self, **kwargs):
        # A client that does not own its kernel leaves its channels open when its run ends:
        # kept here, each is closed before the next run (see close_clients).
        client = super().client(**kwargs)
        self._clients.append(client)
        return client

    def close_clients(self) -> None:
        """Close the channels of every client made for this kernel (a shared kernel's runs)."""
        while self._clients:
            client = self._clients.pop()
            if client.channels_running:
                client.stop_channels()


def kernel_options(sockets: Path) -> dict:
    """nbclient options: the kernel listens on Unix sockets in ``sockets``, and stops quietly.

    Over TCP every kernel warns that its traffic is not encrypted. Sockets in a folder only
    this user may enter need no encryption, and parallel kernels cannot race for a port.
    The folder is given explicitly: by default the sockets would go in the working directory.
    """
    config = Config()
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = str(sockets / "kernel")
    return {"kernel_manager_class": QuietShutdownKernelManager, "config": config}


@contextmanager
def shared_kernel(cwd: Path) -> Iterator[QuietShutdownKernelManager]:
    """A started kernel, working in ``cwd``, for several notebook runs; shut down at the end."""
    # mkdtemp makes the folder private (mode 0700) and short enough for a socket path.
    with tempfile.TemporaryDirectory(prefix="briefing-kernel-") as sockets:
        options = kernel_options(Path(sockets))
        manager = options["kernel_manager_class"](kernel_name=KERNEL, config=options["config"])
        run_sync(manager.start_kernel)(cwd=str(cwd))
        try:
            yield manager
        finally:
            manager.close_clients()
            run_sync(manager.shutdown_kernel)(now=False)


def prepare(manager: QuietShutdownKernelManager, environment: dict[str, str]) -> None:
    """Make a shared kernel ready for the next notebook: no name left from the previous run,
    execution counts from 1 again (as in a fresh kernel), and ``environment`` set in it."""
    code = (
        "get_ipython().reset(new_session=True)\n"
        "import json as _json, os as _os\n"
        f"_os.environ.update(_json.loads({json.dumps(json.dumps(environment))}))\n"
        "del _json, _os\n"
    )
    manager.close_clients()  # the previous run's
    client = manager.client()
    client.start_channels()
    try:
        run_sync(client.wait_for_ready)(timeout=60)
        reply = run_sync(client.execute_interactive)(
            code, silent=True, store_history=False, timeout=60
        )
    finally:
        client.stop_channels()
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"the shared kernel could not be prepared: {reply['content']}")
