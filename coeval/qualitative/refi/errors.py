"""The one error a refused REFI-QDA file raises, worded for the person who chose the file."""


class QdpxImportError(ValueError):
    """A .qdpx or .qdc file that coeval will not import, with a plain-language reason."""
