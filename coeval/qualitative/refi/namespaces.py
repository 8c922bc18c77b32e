"""The two QDA-XML namespaces and helpers to name elements in them."""

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"


def q(local: str, ns: str = PROJECT_NS) -> str:
    """The Clark name lxml uses, e.g. ``{urn:QDA-XML:project:1.0}Code``."""
    return f"{{{ns}}}{local}"
