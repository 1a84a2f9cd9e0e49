"""Refuse, in one clear line, a Python too old for the package's pinned dependencies.

In: the Python that runs it (make runs it with $(PYTHON) before creating .venv). Out: exit 0 when
it is 3.11 or newer; otherwise one line saying which Python was found and what to do, and exit 1.
Written to run on any Python 3, so that an old one gets this message rather than a pip error.
"""
import sys

NEEDED = (3, 11)

if sys.version_info[:2] < NEEDED:
    sys.stderr.write(
        "make: Python %d.%d found at %s; the package needs Python %d.%d or newer. "
        "Install one, then run make PYTHON=python3.11 (or newer).\n"
        % (sys.version_info[0], sys.version_info[1], sys.executable, NEEDED[0], NEEDED[1]))
    sys.exit(1)
