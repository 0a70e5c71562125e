"""Official wages: the BLS Occupational Employment and Wage Statistics (OEWS) by occupation and area.

Modules, from the bottom up: ``source`` (reads and verifies a release file; no Django), ``matching``
(proposes a SOC code for a role from its title and text; no Django), ``models``, ``services`` (the
import), ``presenters`` (page shaping), ``pages`` and ``api``.
"""
