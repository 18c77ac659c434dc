"""The JSON report: for programs, for `compare`, and for keeping a result exactly."""

from __future__ import annotations

import json
from typing import Any

from intimacy_cli.report import Report

FORMAT = "intimacy-report"
FORMAT_VERSION = 1


def as_data(report: Report) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "bank": {"id": report.bank_id, "version": report.bank_version, "title": report.bank_title},
        "focus": report.focus,
        "country": report.country or None,
        "created": report.created.isoformat(timespec="seconds"),
        "answers": dict(report.answers),
        "scores": {
            "overall": report.overall,
            "overall_band": report.overall_band,
            "areas": {
                area.id: {
                    "name": area.name,
                    "score": area.score,
                    "band": area.band,
                    "answered": area.answered,
                    "total": area.total,
                }
                for area in report.areas
            },
        },
        "summary": {
            "safety_first": report.safety_first,
            "safety_lines": [
                {"name": line.name, "how": line.how, "source": line.source}
                for line in report.safety_lines
            ],
            "headline": report.headline,
            "reflections": {area.id: area.reflection for area in report.areas},
            "going_well": list(report.going_well),
            "practices": [{"area": p.area, "text": p.text} for p in report.practices],
            "barriers": [
                {"label": b.label, "reflection": b.reflection, "practice": b.practice}
                for b in report.barriers
            ],
            "closing": report.closing,
            "since": report.since.isoformat(timespec="seconds") if report.since else None,
            "changes": list(report.changes),
        },
        "disclaimer": report.disclaimer,
        "crisis": report.crisis,
    }


def render(report: Report) -> str:
    return json.dumps(as_data(report), indent=2, ensure_ascii=False) + "\n"
