"""Check that a built wheel ships the data and py.typed, and no tests."""

import sys
import zipfile

names = zipfile.ZipFile(sys.argv[1]).namelist()
problems = []
if "vnus/py.typed" not in names:
    problems.append("vnus/py.typed is missing")
if not any(n.startswith("vnus/data/") and n.endswith(".json") for n in names):
    problems.append("no vnus/data/*.json")
problems += [f"test file shipped: {n}" for n in names if n.startswith(("tests/", "vnus/tests/"))]
if problems:
    sys.exit("wheel check failed:\n  " + "\n  ".join(problems))
print(f"wheel ok: {len(names)} files, data and py.typed present, no tests")
