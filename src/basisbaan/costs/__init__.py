"""Costs: the programme's cost settings, the controller's indexation assumptions,
and the comparison of the imported payroll costs with the cost model.

:mod:`basisbaan.costs.inputs` reads contract periods, programme settings,
indexation assumptions and the dated parameter tables and turns them into the
arrays that the pure cost model in :mod:`basisbaan.calc.costs` computes with;
:mod:`basisbaan.costs.comparison` sets the plan beside the actuals.
"""
