"""The vendored web libraries: committed exactly as scripts/vendor-web copied them, licences kept."""

from __future__ import annotations

import hashlib
import json

from kamgraph.web.routes import VENDOR

MANIFEST = json.loads((VENDOR / "vendor.json").read_text())


def test_every_vendored_file_is_the_one_fetched_and_checked() -> None:
    for pkg in MANIFEST["packages"]:
        directory = VENDOR / pkg["dir"]
        assert pkg["integrity"].startswith("sha512-"), pkg["name"]
        assert set(pkg["sha256"]) == set(pkg["files"].values()), pkg["name"]
        for name, digest in pkg["sha256"].items():
            data = (directory / name).read_bytes()
            assert hashlib.sha256(data).hexdigest() == digest, f"{pkg['dir']}/{name} was changed by hand"


def test_nothing_else_is_in_the_vendor_directory() -> None:
    listed = {f"{pkg['dir']}/{name}" for pkg in MANIFEST["packages"] for name in pkg["files"].values()}
    present = {
        str(p.relative_to(VENDOR)) for p in VENDOR.rglob("*") if p.is_file() and p.name != "vendor.json"
    }
    assert present == listed


def test_every_package_keeps_its_licence() -> None:
    for pkg in MANIFEST["packages"]:
        names = set(pkg["files"].values())
        if "LICENSE" in names:
            assert "Permission" in (VENDOR / pkg["dir"] / "LICENSE").read_text(), pkg["name"]
        else:  # a package published without a LICENSE file states its licence in package.json
            meta = json.loads((VENDOR / pkg["dir"] / "package.json").read_text())
            assert meta["license"] and pkg["license"].startswith(meta["license"]), pkg["name"]
