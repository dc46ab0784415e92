"""PDF/UA-1 (and PDF/A) validation for tests, with veraPDF's validation engine.

``scripts/install-pdf-validator`` installs it in ``var/tools/verapdf/`` (``make test``
and ``.ci/run`` call it); ``PDF_VALIDATOR`` may name another ``verapdf`` launcher,
veraPDF's own CLI included: both take ``--flavour ua1 --format json FILE`` and print
veraPDF's JSON report, which is what is read here.

    failures = validate_pdfua(path)   # [] when the file conforms to PDF/UA-1
    failures = validate_pdf(path, "3a")  # any veraPDF flavour: 2u, 3a, ua2, ...
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
INSTALLED = ROOT / "var" / "tools" / "verapdf" / "verapdf"
# veraPDF's JVM starts in about a second; a report PDF validates in one or two more.
TIMEOUT_SECONDS = 120


class ValidatorError(RuntimeError):
    """The validator did not validate the file (missing, crashed, unreadable PDF)."""


def validator_path() -> Path:
    return Path(os.environ.get("PDF_VALIDATOR") or INSTALLED)


def validator_available() -> bool:
    """Whether the validator is installed and Java is there to run it."""
    path = validator_path()
    return path.is_file() and os.access(path, os.X_OK) and shutil.which("java") is not None


def validate_pdfua(path: Path) -> list[str]:
    """The PDF/UA-1 rules ``path`` breaks, as readable lines; ``[]`` when it conforms."""
    return validate_pdf(path, "ua1")


def validate_pdf(path: Path, flavour: str) -> list[str]:
    """The rules of veraPDF's ``flavour`` (ua1, ua2, 2a, 2u, 3a, 3u, ...) that ``path``
    breaks, one line each: the clause, how often, what the rule asks, what was found
    and where (the first failed check)."""
    if not validator_available():
        raise ValidatorError(
            f"No PDF validator at {validator_path()}: run scripts/install-pdf-validator"
        )
    result = subprocess.run(  # noqa: S603 - our own launcher, fixed arguments
        [str(validator_path()), "--flavour", flavour, "--format", "json", str(path)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    # veraPDF: 0 conforms, 1 does not; anything else (7: could not parse) is no verdict.
    if result.returncode not in (0, 1):
        raise ValidatorError(
            f"veraPDF stopped with exit status {result.returncode} on {path}:\n"
            f"{result.stderr[-2000:]}{result.stdout[-2000:]}"
        )
    return failures(json.loads(result.stdout), path)


def failures(report: dict[str, Any], path: Path | None = None) -> list[str]:
    """The failed rules in veraPDF's JSON report (one file)."""
    jobs = report["report"]["jobs"]
    if len(jobs) != 1:
        raise ValidatorError(f"Expected a report on one file, got {len(jobs)}")
    job = jobs[0]
    if "validationResult" not in job:
        problem = job.get("taskException", {}).get("exceptionMessage", job)
        raise ValidatorError(f"veraPDF could not validate {path}: {problem}")
    results = job["validationResult"]
    # veraPDF 1.26+ gives a list (one result per profile); older ones one object.
    found = []
    for result in results if isinstance(results, list) else [results]:
        if result.get("jobEndStatus", "normal") != "normal":
            raise ValidatorError(f"veraPDF ended early on {path}: {result['jobEndStatus']}")
        rules = [
            _line(rule)
            for rule in result["details"]["ruleSummaries"]
            if rule.get("ruleStatus", "FAILED") == "FAILED"
        ]
        if not result["compliant"] and not rules:
            rules = [f"{result['profileName']}: {result.get('statement', 'not compliant')}"]
        found.extend(rules)
    return found


def _line(rule: dict[str, Any]) -> str:
    checks = rule.get("checks") or [{}]
    found = checks[0].get("errorMessage") or ""
    where = checks[0].get("context") or rule.get("object", "")
    return (
        f"{rule['specification']} {rule['clause']}-{rule['testNumber']} "
        f"({rule['failedChecks']}x): {rule['description']}"
        + (f" Found: {found}" if found else "")
        + (f" At: {where}" if where else "")
    )
