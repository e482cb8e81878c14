"""Test settings: the real settings, with background tasks run inline and a fast hasher."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("FIELD_ENCRYPTION_KEY", "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdC0=")

from coop.settings import *  # noqa: E402,F403
from coop.settings import BASE_DIR, Q_CLUSTER  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
PDOK_ENABLED = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
# Staff's legal figures are re-read only when they change in this process (signals) or a
# lookup misses, never on a timer: query counts in tests stay exact.
WETTELIJKE_GEGEVENS_VERVERSEN = None
# Texts sent by SMS stay in memory (coop.notificaties.kanalen.GeheugenSms.outbox).
SMS_BACKEND = "geheugen"
COOP_BASIS_URL = "https://werk.example.nl"
