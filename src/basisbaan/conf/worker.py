"""The worker process's settings from the environment (``basisbaan worker``).

Read through :func:`~basisbaan.conf.env.config`, so ``basisbaan show_config``
lists them. See docs/operations.md, "Running in production".
"""

from __future__ import annotations

from basisbaan.conf.env import config


def worker_memory_mb() -> int:
    """The worker's memory limit in MB, read now; 0 is no limit."""
    value: int = config(
        "WORKER_MEMORY_MB",
        3072,
        cast=int,
        help_text="Memory (MB) a worker process may allocate; a job that wants more fails "
        "with a message instead of taking the machine down. 0: no limit.",
    )
    return value
