"""One timed run of a command for the peer benchmarks (scripts/peers-external.py and
scripts/peers-fasttext-cli.py): wall seconds, peak RSS (MB) and user+system CPU seconds of the
command itself.

CPU time and peak RSS come from the kernel's resource usage of the child (`os.wait4`), to the
microsecond: GNU time's `%U %S` are rounded to 10 ms, which on a dev-size run (0.05–0.1 s of work)
made several rows print the same posts per CPU-second."""
import os
import subprocess
import time


def timed_run(args, out_path, tmp):
    """Runs `args` with stdout to `out_path`; returns (wall s, peak RSS MB, CPU s)."""
    with open(out_path, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(list(args), stdout=out)
        _, status, usage = os.wait4(proc.pid, 0)
        dt = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, args)
    return dt, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime
