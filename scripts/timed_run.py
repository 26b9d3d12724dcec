"""One timed run of a command for the peer benchmarks (scripts/peers-external.py and
scripts/peers-fasttext-cli.py): wall seconds, and with GNU time the peak RSS (MB) and user+system
CPU seconds of the command itself."""
import os
import subprocess
import time

GNU_TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None


def timed_run(args, out_path, tmp):
    """Runs `args` with stdout to `out_path`; returns (wall s, peak RSS MB or None, CPU s or None)."""
    rss_file = os.path.join(tmp, "rss")
    if GNU_TIME:
        args = [GNU_TIME, "-q", "-f", "%M %U %S", "-o", rss_file] + list(args)
    with open(out_path, "wb") as out:
        t0 = time.perf_counter()
        subprocess.run(args, stdout=out, check=True)
        dt = time.perf_counter() - t0
    if not GNU_TIME:
        return dt, None, None
    with open(rss_file) as f:
        m, u, sy = f.read().split()[-3:]
    return dt, int(m) / 1024.0, float(u) + float(sy)
