"""Run every benchmark in this folder, one after another, in separate processes.

    .venv/bin/python benchmarks/run_all.py            # the sizes the issues name
    .venv/bin/python benchmarks/run_all.py --quick    # small sizes, for a smoke run

Each benchmark prints its own figures and the ratio against a baseline measured
in the same run. This machine is small and noisy, so compare ratios, not seconds.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    env = dict(os.environ)
    if quick:
        env["COEVAL_BENCHMARK_QUICK"] = "1"
    failures = 0
    for script in sorted(HERE.glob("*.py")):
        if script.name in {"run_all.py", "__init__.py"} or script.name.startswith("_"):
            continue
        print(f"\n=== {script.name} ===", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], env=env)
        print(
            f"--- {script.name}: exit {result.returncode} in {time.perf_counter() - started:.1f} s"
        )
        failures += result.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
