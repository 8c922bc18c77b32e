"""coeval: coproduced, equity-sensitive evaluation of local health and care services.

Layers (see docs/architecture.md):

- ``coeval.equity``       pure statistics engine (no Django)
- ``coeval.qualitative``  pure qualitative-analysis core (no Django)
- ``coeval.cli``          the ``coeval`` command line
- ``coeval.web``          the Django platform that calls the pure libraries
"""

__version__ = "0.1.0"
