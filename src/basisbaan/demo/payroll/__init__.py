"""The demo's payroll files (Dutch CSV, one per month): see :mod:`basisbaan.demo.payroll_2024`.

A package only so that the files are installed with it.
"""
