#!/usr/bin/env python3
"""tools/mutation_survivors.py SEED [COUNT]: test again the mutants that
survived tools/mutation.sh SEED (mutation-SEED.tsv), with the tests as they
are now.  The sources must be those of the run: the mutants are drawn again
with mutate.py's own site list and seed, so each is the same token at the
same place.  Prints each verdict and the run's score counting these anew.

Run by tools/mutation.sh --survivors SEED; see docs/testing.md.
"""
import importlib.util
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time


def main():
    seed = int(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 150
    spec = importlib.util.spec_from_file_location("mutate", os.environ["MUTATE"])
    mutate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mutate)

    rows = [line.rstrip("\n").split("\t") for line in open("mutation-%d.tsv" % seed)][1:]
    files = sorted({f for f in __import__("glob").glob("src/**/*.c", recursive=True)})
    every = [s for f in files for s in mutate.sites(f)]
    random.Random(seed).shuffle(every)
    chosen = every[:count]
    if len(chosen) != len(rows) or any(
            (c[0], str(c[1]), c[3], c[4]) != (r[1], r[2], r[3], r[4]) for c, r in zip(chosen, rows)):
        sys.exit("mutation_survivors.py: the sources changed since mutation-%d.tsv was written" % seed)

    listed = subprocess.run("git ls-files -co --exclude-standard", shell=True,
                            stdout=subprocess.PIPE).stdout.decode().split("\n")
    scratch = tempfile.mkdtemp(prefix="mutate.")
    tree = os.path.join(scratch, "tree")
    for f in filter(None, listed):
        if os.path.isfile(f):
            os.makedirs(os.path.join(tree, os.path.dirname(f)), exist_ok=True)
            shutil.copy2(f, os.path.join(tree, f))
    build = os.environ["BUILD"]
    test = os.environ["TEST"]
    killed = sum(r[0] == "KILLED" for r in rows)
    survived = 0
    try:
        for i, ((path, no, col, old, new), row) in enumerate(zip(chosen, rows), 1):
            if row[0] != "SURVIVED":
                continue
            target = os.path.join(tree, path)
            original = open(target, encoding="utf-8", errors="replace").read()
            lines = original.split("\n")
            line = lines[no - 1]
            lines[no - 1] = line[:col] + new + line[col + len(old):]
            open(target, "w").write("\n".join(lines))
            start = time.time()
            rc = subprocess.run(build, shell=True, cwd=tree, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL).returncode
            if rc == 0:
                try:
                    rc = subprocess.run(test, shell=True, cwd=tree, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, timeout=600).returncode
                except subprocess.TimeoutExpired:
                    rc = "timeout"
            open(target, "w").write(original)
            verdict = "KILLED" if rc != 0 else "SURVIVED"
            killed += rc != 0
            survived += rc == 0
            print("%3d %-8s %s:%d  %s -> %s   | %s  (%.0f s)" % (i, verdict, path, no, old, new,
                                                             line.strip()[:90], time.time() - start),
                  flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("\nseed %d: %d killed, %d survived: %.1f %%" % (seed, killed, survived,
                                                        100.0 * killed / max(1, killed + survived)))


if __name__ == "__main__":
    main()
