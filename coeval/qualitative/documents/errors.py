"""Why an upload could not become a document, in words a coordinator can act on."""


class DocumentImportError(ValueError):
    """The file cannot be imported; the message says why and, where possible, what to do."""
