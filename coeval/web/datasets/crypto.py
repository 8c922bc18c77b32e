"""Database connection details, encrypted at rest with Fernet.

The key comes from COEVAL_DATA_KEY when set (so it can be rotated apart from the
session key), otherwise it is derived from SECRET_KEY. Either way the plain URL,
with its password, is never stored or logged.
"""

import base64
import hashlib
import os

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    material = os.environ.get("COEVAL_DATA_KEY") or settings.SECRET_KEY
    digest = hashlib.sha256(("coeval-dataset-connections:" + material).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ValueError("the stored connection cannot be read: was the key changed?") from error


def redact(url: str) -> str:
    """The URL with any password hidden, for pages and the audit trail."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:••••@{host}" if ":" in credentials else f"{scheme}://{user}@{host}"
