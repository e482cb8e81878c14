"""Use cases of the hours slice: hours lines, wages and the payroll export."""
