"""Compliance in the pack: a project page's block, the summary's portfolio line, the appendix's rule.

Template compliance (from the template library) scores how far a project
followed its template over the gates it has passed; the gate checklist block
shows the exit gate it is working towards now. The project page prints the
two together, in one short block, so that a typical project stays on one page.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Paragraph

from pmodesk.reports.data.model import ComplianceFigure, ProjectDetail, TemplateCompliance
from pmodesk.reports.fonts import markup
from pmodesk.reports.formatting import percent, plural, share
from pmodesk.reports.sections.common import Story
from pmodesk.reports.styles import TextLine, rich, styles

#: A label in the pack's red: what the board should not miss.
RED_LABEL = '<font color="#C62828"><b>{}</b></font>'
#: The threshold printed when the pack has no portfolio figure (as in the template library).
DEFAULT_THRESHOLD = 80.0
#: Projects below the threshold named in the summary, lowest first.
NAMED_BELOW = 3


def template_figure(t: TemplateCompliance, threshold: float) -> str:
    """One line: the score, the template (and version) it is measured against, what counted."""
    version = f" v{t.template_version}" if t.template_version is not None else ""
    standard = f"{t.template_name} ({t.template_code}{version})"
    if t.score is None:
        if t.own_template:
            return f"Nothing due yet · follows {standard}"
        if t.template_code:
            return f"Nothing due yet · no template, held to {standard}"
        return "Nothing due yet · no template"
    if t.own_template:
        against = standard
    elif t.template_code:
        against = f"{standard}, as it has no template"
    else:
        against = ""
    score = f"{t.score:.0f}% compliant"
    head = f"{score} with {against}" if against else f"{score} on gate checklists (no template)"
    below = f", below {threshold:.0f}%" if t.needs_attention else ""
    counts = f"{t.items_met} of {t.items_due} gate items"
    if t.documents_due:
        complete = t.documents_due - len(t.missing_documents)
        counts += f", {complete} of {t.documents_due} documents"
    return f"{head}{below} · {counts}"


def compliance_block(story: Story, p: ProjectDetail) -> list[Any]:
    """A project page's compliance, kept short so that a typical project stays on one page.

    The heading carries the template score and the template it follows; below
    it, the documents not complete, then the exit gate of the project's stage.
    """
    lines: list[str] = []
    heading = TextLine("Compliance")
    t = p.template
    if t is not None:
        figure = story.data.compliance
        threshold = figure.threshold if figure else DEFAULT_THRESHOLD
        alert = "cell_alert" if t.needs_attention else "cell_bold"
        heading = TextLine("Compliance", suffix=template_figure(t, threshold), suffix_style=alert)
        if t.missing_documents:
            missing = "; ".join(
                f"{markup(d.name)} ({d.state}, due by {markup(d.due_stage)})"
                for d in t.missing_documents
            )
            lines.append(f"{RED_LABEL.format('Documents not complete:')} {missing}.")
    c = p.compliance
    if c is not None:
        missing_items = c.missing_required
        optional = [i for i in c.items if i.status == "missing" and not i.required]
        waived = [i for i in c.items if i.status == "waived"]
        gate = (
            f"<b>Exit gate of {markup(c.stage_name)}:</b> {c.done} of {len(c.items)} items done, "
            f"{c.waived} waived ({share(c.share)})."
        )
        if missing_items:
            items = "; ".join(markup(i.text) for i in missing_items)
            gate += f" {RED_LABEL.format('Required, missing:')} {items}."
        elif not optional and not waived:
            gate += " Every item is done."
        lines.append(gate)
        if optional:
            lines.append(
                "<b>Optional, missing:</b> " + "; ".join(markup(i.text) for i in optional) + "."
            )
        if waived:
            reasons = "; ".join(
                markup(i.text) + (f" ({markup(i.reason)})" if i.reason else "") for i in waived
            )
            lines.append(f"<b>Waived:</b> {reasons}.")
    if t is None and not lines:
        return []
    return [heading, rich("<br/>".join(lines), "cell")] if lines else [heading]


def portfolio_line(figure: ComplianceFigure) -> Paragraph:
    """The summary's sentence: the pooled score, and how many projects fall below the threshold."""
    threshold = f"the {figure.threshold:.0f}% threshold"
    if figure.score is None:
        text = (
            "<b>Template compliance.</b> No project in scope has passed a gate yet, so nothing "
            "is scored."
        )
        return Paragraph(text, styles()["body"])
    average = f" (plain average {percent(figure.average)})" if figure.average is not None else ""
    text = (
        f"<b>Template compliance {percent(figure.score)}</b>, pooled over "
        f"{plural(figure.scored, 'scored project')}{average}; "
    )
    if figure.below:
        count = len(figure.below)
        below = f"{plural(count, 'project')} {'is' if count == 1 else 'are'} below {threshold}"
        named = ", ".join(
            f"{markup(code)} {percent(score)}" for code, _name, score in figure.below[:NAMED_BELOW]
        )
        lowest = "lowest " if count > NAMED_BELOW else ""
        text += f"{RED_LABEL.format(below)} ({lowest}{named})."
    else:
        text += f"no project is below {threshold}."
    return Paragraph(text, styles()["body"])


def definition(threshold: float, draft_credit: float) -> Paragraph:
    """The appendix's paragraph: how the template compliance score is computed."""
    draft = "½" if draft_credit == 0.5 else f"{draft_credit:g}"
    text = (
        "For every gate a project has already passed, each <b>required</b> item of that gate's "
        "checklist is due and counts 1 when done or waived with a reason; each <b>document</b> "
        f"its template expects by that gate is due and counts 1 when complete, {draft} while "
        "still a draft, 0 when never produced. The score is the points earned over the points "
        "due, in per cent; a project still in its first stage has nothing due and no score, and "
        "the gate it is working towards is shown as progress, not scored. A project without a "
        "template is held to the workspace lifecycle's documents. The portfolio figure pools the "
        "points of every project in scope, so a project with more items weighs more; the plain "
        f"average of the project scores is given beside it. Below {threshold:.0f}% a project "
        "needs attention."
    )
    return Paragraph(text, styles()["body"])
