"""Basisbaan: software for municipal basic-job programmes."""

import os

# The linear algebra of small-number suppression (calc.suppression) works on
# small matrices: one BLAS thread is many times faster there than a pool that
# competes with the web workers for the machine's cores. An explicit setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# python-docx brings lxml, and openpyxl prefers lxml when it is there; uploaded
# payroll workbooks must keep being read through defusedxml (no entity expansion,
# no external entities: tests/payroll/test_limits.py). An explicit setting wins.
os.environ.setdefault("OPENPYXL_LXML", "False")
