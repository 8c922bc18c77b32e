"""The pure qualitative-analysis core: no Django imports anywhere below this package."""
