"""Settings for the test suite: the app's settings with test-only overrides."""

import os

os.environ.setdefault("COEVAL_TESTING", "true")
# Playwright's sync API runs an event loop in the test thread; Django's live server needs this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from coeval.web.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
COEVAL_TASKS_MODE = "eager"
COEVAL_TASKS_RAISE = True
DEBUG = False
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (WhiteNoise warns when it is missing)
# Every test Client builds a new handler; without this WhiteNoise rescans ~1,500 static files each time.
WHITENOISE_AUTOREFRESH = True
