"""The kernel: what every app may import (base model, audit log, errors, auth, fields, validators, files, geocoding, the API edge). Imports no app."""
