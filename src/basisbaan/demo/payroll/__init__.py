"""The demo's payroll files of 2024 (Dutch CSV, one per month): see :mod:`basisbaan.demo.payroll_files`.

A package only so that the files are installed with it.
"""
