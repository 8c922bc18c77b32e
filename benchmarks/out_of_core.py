"""Out of core (issue 6, target 3): 100 million generated rows on disk, profiled in a
child process whose peak memory (maxrss) must stay under 2 GB.

Usage: python benchmarks/out_of_core.py [--rows 10000000]; COEVAL_BENCHMARK_QUICK=1 for a
small run. The data is written in chunks of Parquet files to a temporary folder, which
is deleted afterwards.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _profile_data import generate, rows_wanted  # noqa: E402

CHILD = """
import sys
sys.path[:0] = {paths!r}
from _profile_data import spec
from coeval.equity.engines import IbisEngine
from coeval.equity.profile import run_profile
engine = IbisEngine(memory_limit="1GB", temp_directory={tmp!r})
result = run_profile(spec(), {data!r}, engine=engine)
print(result.sentences[0])
"""
LIMIT_BYTES = 2 * 1024**3


def main(argv: list[str]) -> None:
    rows = rows_wanted(100_000_000, argv)
    here = Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "patients"
        start = time.perf_counter()
        generate(data, rows)
        size = sum(f.stat().st_size for f in data.glob("*.parquet")) / 1024**2
        print(f"generated {rows:,} rows ({size:,.0f} MB) in {time.perf_counter() - start:.1f} s")
        files = str(data / "*.parquet")
        code = CHILD.format(paths=[str(here.parent), str(here)], tmp=tmp, data=files)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"profile failed:\n{done.stderr}")
    # Linux reports ru_maxrss in kilobytes; this is the largest child, the profile.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(done.stdout.strip().splitlines()[-1])  # the sentence, after any progress bars
    print(f"profile time        : {seconds:8.1f} s")
    print(
        f"peak memory (maxrss): {peak / 1024**2:8.0f} MB   (target < {LIMIT_BYTES / 1024**2:.0f} MB)"
    )
    print(f"peak / target       : {peak / LIMIT_BYTES:8.2f}x   (target < 1)")
    print(f"within target       : {'yes' if peak < LIMIT_BYTES else 'NO'}")


if __name__ == "__main__":
    main(sys.argv[1:])
