#!/usr/bin/env python3
"""Validate FHIR R4 Bundles with the `fhir.resources` package (6.1.x: FHIR 4.0.1, i.e. R4;
later releases model R4B and R5 instead).

Usage: validate-fhir.py BUNDLE.json [...]

Each file is parsed as an R4 Bundle; every entry's resource is checked against its own R4
model (required elements, cardinality, data types, the closed value sets pydantic knows).
Exits 1 and prints each error when any file does not validate, 2 when the package is
missing or is not R4.
"""

import json
import sys

try:
    import fhir.resources
    from fhir.resources.bundle import Bundle
except ImportError as e:  # pragma: no cover - set-up error
    print(f"fhir.resources is not installed: {e}", file=sys.stderr)
    sys.exit(2)

if getattr(fhir.resources, "__fhir_version__", "") != "4.0.1":
    print(
        f"fhir.resources {fhir.resources.__version__} models FHIR "
        f"{getattr(fhir.resources, '__fhir_version__', '?')}, not R4 (4.0.1): "
        "install fhir.resources==6.1.0 with pydantic<2",
        file=sys.stderr,
    )
    sys.exit(2)


def problems(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    out = []
    if data.get("resourceType") != "Bundle":
        return [f"{path}: resourceType is {data.get('resourceType')!r}, not 'Bundle'"]
    try:
        bundle = Bundle.parse_obj(data)
    except Exception as e:  # pydantic.ValidationError and friends
        return [f"{path}: {e}"]
    # The parsed bundle must hold every entry, each as its own resource type.
    for i, (raw, entry) in enumerate(zip(data.get("entry", []), bundle.entry or [])):
        kind = raw.get("resource", {}).get("resourceType")
        if entry.resource is None or entry.resource.resource_type != kind:
            out.append(f"{path}: entry[{i}] ({kind}) was not read as a {kind}")
        full_url = raw.get("fullUrl", "")
        if not full_url.startswith("urn:uuid:"):
            out.append(f"{path}: entry[{i}] fullUrl {full_url!r} is not a urn:uuid")
    if len(bundle.entry or []) != len(data.get("entry", [])):
        out.append(f"{path}: {len(data.get('entry', []))} entries, {len(bundle.entry or [])} read")
    # Every reference that points into the bundle finds its entry.
    urls = {e.get("fullUrl") for e in data.get("entry", [])}
    def walk(v, where):
        if isinstance(v, dict):
            ref = v.get("reference")
            if isinstance(ref, str) and ref.startswith("urn:uuid:") and ref not in urls:
                out.append(f"{path}: {where}.reference {ref} is not in the bundle")
            for k, x in v.items():
                walk(x, f"{where}.{k}")
        elif isinstance(v, list):
            for j, x in enumerate(v):
                walk(x, f"{where}[{j}]")
    walk(data.get("entry", []), "entry")
    return out


def main(paths):
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    found = []
    for p in paths:
        found.extend(problems(p))
    for line in found:
        print(line)
    if not found:
        print(f"valid FHIR R4 (fhir.resources {fhir.resources.__version__}): {', '.join(paths)}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
