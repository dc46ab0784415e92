"""The Django side of the cost model (not an app: no models).

:mod:`basisbaan.costs.inputs` reads contract periods, programme settings and
the dated parameter tables and turns them into the arrays that the pure cost
model in :mod:`basisbaan.calc.costs` computes with.
"""
