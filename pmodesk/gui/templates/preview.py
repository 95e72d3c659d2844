"""A template's content as readable HTML for the library's preview (a QTextBrowser).

Each kind reads like the page of a methodology handbook: a project template
shows its plan (milestones by week), its gate waivers, its standard RAID
entries, its team shape and the documents it produces; a gate checklist its
items; a document template its fields and sections with guidance; the
lifecycle its stages.
"""

from __future__ import annotations

from html import escape
from typing import Any

MUTED = "#6b7685"
RULE = "#d9dee5"

_STYLE = f"""
<style>
h3 {{ margin: 14px 0 4px 0; font-size: 11pt; }}
p.purpose {{ color: {MUTED}; margin: 2px 0 8px 0; }}
table.grid {{ border-collapse: collapse; margin: 2px 0 6px 0; }}
table.grid th {{ text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid {RULE};
  color: {MUTED}; font-weight: 600; }}
table.grid td {{ padding: 3px 10px 3px 0; border-bottom: 1px solid {RULE}; vertical-align: top; }}
span.muted {{ color: {MUTED}; }}
span.tag {{ color: {MUTED}; font-size: 8pt; }}
</style>
"""

RAID_NAMES = {
    "risk": "Risk",
    "assumption": "Assumption",
    "issue": "Issue",
    "dependency": "Dependency",
}


def _t(value: Any) -> str:
    return escape(str(value if value is not None else ""))


def _table(headers: list[str], rows: list[list[str]], *, empty: str = "None.") -> str:
    if not rows:
        return f'<p><span class="muted">{escape(empty)}</span></p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="grid" width="98%"><tr>{head}</tr>{body}</table>'


def _week(days: int) -> str:
    return f"Week {days // 7 + 1} <span class='muted'>(day {days})</span>"


def _project(body: dict[str, Any], names: dict[str, str]) -> str:
    weeks = int(body.get("duration_weeks", 0))
    parts = [
        f"<p>About <b>{weeks} weeks</b> on the <b>{_t(names.get(body.get('lifecycle', ''), body.get('lifecycle', '')))}</b>.</p>",
        "<h3>Milestones</h3>",
        _table(
            ["When", "Milestone", ""],
            [
                [
                    _week(int(m.get("offset_days", 0))),
                    f"<b>{_t(m.get('name'))}</b><br/><span class='muted'>{_t(m.get('description', ''))}</span>",
                    "<span class='tag'>GATE</span>" if m.get("gate") else "",
                ]
                for m in body.get("milestones", [])
            ],
        ),
        "<h3>Gate checklist</h3>",
    ]
    waivers = (body.get("checklist") or {}).get("waive", [])
    if waivers:
        parts.append(
            "<p>Every item of the workspace's gates applies, except these, waived from the start:</p>"
        )
        parts.append(
            _table(
                ["Item", "Why it does not apply"],
                [[_t(w.get("item")), _t(w.get("reason"))] for w in waivers],
            )
        )
    else:
        parts.append("<p>Every item of the workspace's gates applies.</p>")
    parts += [
        "<h3>Standard RAID entries</h3>",
        _table(
            ["Kind", "Entry", "P × I"],
            [
                [
                    RAID_NAMES.get(str(r.get("kind")), _t(r.get("kind"))),
                    f"<b>{_t(r.get('title'))}</b><br/><span class='muted'>{_t(r.get('response', ''))}</span>",
                    f"{r.get('probability') or '–'} × {r.get('impact') or '–'}",
                ]
                for r in body.get("raid", [])
            ],
        ),
        "<h3>Team shape</h3>",
        _table(
            ["Role", "Hours a week", "Weeks", "Hours in all"],
            [
                [
                    _t(t.get("role_name") or t.get("role")),
                    f"{float(t.get('hours_per_week', 0)):g}",
                    f"{int(t.get('from_week', 0)) + 1}–{int(t.get('from_week', 0)) + int(t.get('weeks', 0))}",
                    f"{float(t.get('hours_per_week', 0)) * int(t.get('weeks', 0)):,.0f}",
                ]
                for t in body.get("team", [])
            ],
        ),
        "<h3>Documents to produce</h3>",
        _table(
            ["Document", "Due when leaving"],
            [
                [_t(names.get(d.get("template", ""), d.get("template"))), _t(d.get("due_stage"))]
                for d in body.get("documents", [])
            ],
        ),
    ]
    return "".join(parts)


def _gate(body: dict[str, Any]) -> str:
    return (
        f"<p class='purpose'>{_t(body.get('purpose', ''))}</p>"
        + f"<p>The exit gate of stage <b>{_t(body.get('stage'))}</b>.</p>"
        + _table(
            ["Code", "Item", "Required"],
            [
                [
                    f"<span class='muted'>{_t(i.get('code'))}</span>",
                    f"<b>{_t(i.get('text'))}</b><br/><span class='muted'>{_t(i.get('guidance', ''))}</span>",
                    "Required" if i.get("required", True) else "Optional",
                ]
                for i in body.get("items", [])
            ],
        )
    )


def _document(body: dict[str, Any], sources: dict[str, str], types: dict[str, str]) -> str:
    sections = "".join(
        f"<p><b>{_t(s.get('title'))}</b><br/><span class='muted'>{_t(s.get('guidance', ''))}</span></p>"
        for s in body.get("sections", [])
    )
    return (
        f"<p class='purpose'>{_t(body.get('purpose', ''))}</p>"
        + "<h3>Fields</h3>"
        + _table(
            ["Field", "Kind", "Filled from"],
            [
                [
                    f"<b>{_t(f.get('label'))}</b>",
                    _t(types.get(str(f.get("type", "text")), f.get("type"))),
                    _t(sources.get(str(f.get("source") or ""), "Written by hand")),
                ]
                for f in body.get("fields", [])
            ],
        )
        + "<h3>Sections</h3>"
        + (sections or "<p><span class='muted'>None.</span></p>")
    )


def _lifecycle(body: dict[str, Any], names: dict[str, str]) -> str:
    rows = []
    for n, stage in enumerate(body.get("stages", []), 1):
        gate = stage.get("gate")
        documents = ", ".join(_t(names.get(d, d)) for d in stage.get("documents", []) or [])
        rows.append(
            [
                str(n),
                f"<b>{_t(stage.get('name'))}</b><br/><span class='muted'>{_t(stage.get('description', ''))}</span>",
                _t(names.get(gate, gate)) if isinstance(gate, str) else "–",
                documents or "–",
            ]
        )
    return _table(["", "Stage", "Exit gate", "Documents due at the gate"], rows)


def template_html(
    kind: str,
    name: str,
    description: str,
    body: dict[str, Any],
    *,
    names: dict[str, str],
    sources: dict[str, str],
    types: dict[str, str],
) -> str:
    """The preview of one template version. ``names`` maps template codes to names."""
    if kind == "project":
        content = _project(body, names)
    elif kind == "gate_checklist":
        content = _gate(body)
    elif kind == "document":
        content = _document(body, sources, types)
    else:
        content = _lifecycle(body, names)
    intro = f"<p>{_t(description)}</p>" if description else ""
    return f"<html><head>{_STYLE}</head><body>{intro}{content}</body></html>"
