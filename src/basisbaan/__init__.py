"""Basisbaan: software for municipal basic-job programmes."""

import os

# The linear algebra of small-number suppression (calc.suppression) works on
# small matrices: one BLAS thread is many times faster there than a pool that
# competes with the web workers for the machine's cores. An explicit setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
