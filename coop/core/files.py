"""Writing files so that a crash never leaves a half file visible."""

import os
import tempfile
from pathlib import Path


def schrijf_atomair(pad: Path, data: bytes) -> None:
    """Write `data` to `pad` so a reader sees the old file, or the whole new one, never half.

    A temporary file in the same directory, flushed to disk, then renamed over the target;
    the directory is synced so the rename survives a crash too.
    """
    pad.parent.mkdir(parents=True, exist_ok=True)
    fd, tijdelijk = tempfile.mkstemp(dir=pad.parent, prefix=".tmp-", suffix=pad.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tijdelijk, pad)
    except BaseException:
        Path(tijdelijk).unlink(missing_ok=True)
        raise
    fsync_map(pad.parent)


def fsync_map(map_: Path) -> None:
    # The rename is durable only once the directory entry is flushed (POSIX).
    try:
        fd = os.open(map_, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
