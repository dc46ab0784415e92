"""Settings of the load benchmark's server (``bench/load.py``): the application's
own settings, with the URLconf that adds the floor views (``bench/load_urls.py``).

Only the benchmark uses this module; nothing here reaches production.
"""

from basisbaan.conf.settings import *  # noqa: F403

ROOT_URLCONF = "bench.load_urls"
