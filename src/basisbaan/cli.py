"""The ``basisbaan`` console script: Django's management commands under one name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "basisbaan.conf.settings")
    from django.core.management import execute_from_command_line

    from basisbaan.audit.context import set_channel

    # Every audit entry a command writes says it came from the command line.
    set_channel("cli")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
