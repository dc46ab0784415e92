"""Exit 0 when the PostgreSQL server of DATABASE_URL answers, 1 otherwise."""

import sys

import psycopg


def main(url: str) -> int:
    # Connect to the server's maintenance database: the named one may not exist yet.
    base = url.rsplit("/", 1)[0] + "/postgres"
    try:
        with psycopg.connect(base.replace("postgres://", "postgresql://", 1), connect_timeout=3):
            return 0
    except psycopg.Error:
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
