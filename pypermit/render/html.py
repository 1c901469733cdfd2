"""A one-page summary for the person's file: ``pypermit check FILE --format
html`` (and ``--format pdf`` through WeasyPrint, ``pip install
'pypermit[pdf]'``, imported only then).

One self-contained page — inline CSS, no script, nothing loaded from
elsewhere — with the decision day, each permit's outcome, what holds each
back (the conditions not met with their citations, the reading of a
waiver), the next steps with their days (the report's unlock options), the
deadlines the law sets (the ends of the versions of the norms, read from the
rules, and the wordings that change after the decision day) and the
citations. Like the short report it is read off the report
(render.summary); every text is escaped.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from html import escape
from pathlib import Path

from pypermit.applicant.model import Applicant
from pypermit.errors import Error, Problem
from pypermit.render.citations import join_citations
from pypermit.render.fields import field_label
from pypermit.render.report import LABELS, steps
from pypermit.render.summary import NotStated, PermitSummary, Shown, Summary, summarise
from pypermit.render.typography import unbreakable
from pypermit.report.model import Report, UnlockOption
from pypermit.report.words import day

#: Versions that ended this long before the decision day still count as near.
NEAR = _dt.timedelta(days=365)

LABELS["en"].update({
    "page_title": "Residence permits: summary",
    "outcomes": "Outcome on the decision day",
    "title": "Title",
    "holds_back": "What holds it back",
    "next_steps": "Next steps",
    "steps": "Steps",
    "meets_col": "Meets",
    "from_when": "From",
    "now": "as soon as done",
    "time_only": "time alone",
    "deadlines": "Deadlines the law sets",
    "no_deadlines": "No version of these norms ends or changes within a year of the decision day.",
    "version_ends": "{citation}: the version in force since {first} ends on {last}",
    "version_ended": "{citation}: the version in force since {first} ended on {last}",
    "next_version": "the next applies from {first}",
    "no_next_version": "no later version",
    "wording_from": "{citation}: from {first} the citation reads “{text}”",
    "citations": "Citations",
    "generated": "Made by pypermit {version} from the rules in kb/. The rules say which "
                 "permits the law allows; the authority decides.",
    "eligible_now": "Eligible: nothing holds it back.",
    "nothing_unlocks": "No change the person can make unlocks it.",
})
LABELS["de"].update({
    "page_title": "Aufenthaltstitel: Zusammenfassung",
    "outcomes": "Ergebnis am Entscheidungstag",
    "title": "Bezeichnung",
    "holds_back": "Was fehlt",
    "next_steps": "Nächste Schritte",
    "steps": "Schritte",
    "meets_col": "Erfüllt",
    "from_when": "Ab",
    "now": "sobald erledigt",
    "time_only": "Zeitablauf",
    "deadlines": "Fristen des Gesetzes",
    "no_deadlines": ("Keine Fassung dieser Normen endet oder ändert sich innerhalb eines Jahres um den "
                     "Entscheidungstag."),
    "version_ends": "{citation}: die Fassung seit {first} gilt bis {last}",
    "version_ended": "{citation}: die Fassung seit {first} galt bis {last}",
    "next_version": "die nächste gilt ab {first}",
    "no_next_version": "keine spätere Fassung",
    "wording_from": "{citation}: ab {first} lautet die Fundstelle „{text}“",
    "citations": "Fundstellen",
    "generated": "Erstellt mit pypermit {version} aus den Regeln in kb/. Die Regeln sagen, welche "
                 "Titel das Gesetz zulässt; die Behörde entscheidet.",
    "eligible_now": "Erteilbar: es fehlt nichts.",
    "nothing_unlocks": "Keine Änderung, die die Person herbeiführen kann, ermöglicht den Titel.",
})

STATUS_CLASS = {"eligible": "ok", "waiver_needed": "waiver", "not_eligible": "no", "undetermined": "open"}

CSS = """
@page { size: A4; margin: 14mm 14mm 16mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.4 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1b1b1b;
       max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.5em; margin: 0 0 .2em; }
h2 { font-size: 1.15em; margin: 1.2em 0 .4em; border-bottom: 1px solid #bbb; padding-bottom: .15em; }
h3 { font-size: 1em; margin: .8em 0 .3em; }
p.meta { margin: 0 0 .8em; color: #444; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 .6em; }
th, td { text-align: left; vertical-align: top; padding: .25em .5em; border-bottom: 1px solid #ddd; }
th { background: #f2f2f2; font-weight: 600; }
.status { font-weight: 700; white-space: nowrap; }
.ok { color: #1b5e20; } .waiver { color: #8a5a00; } .no { color: #b71c1c; } .open { color: #6a1b9a; }
section.permit { break-inside: avoid; margin-bottom: .6em; }
ul.unmet { margin: .2em 0 .4em; padding: 0; list-style: none; }
ul.unmet li { margin: .15em 0; padding-left: 1.2em; text-indent: -1.2em; }
.mark-unmet { color: #b71c1c; } .mark-unknown { color: #6a1b9a; }
p.shared-ref { margin: .2em 0; color: #444; }
cite { font-style: normal; color: #555; white-space: normal; }
.notstated { color: #6a1b9a; }
p.waiver { margin: .3em 0; padding: .3em .6em; background: #fff6e0; border-left: 3px solid #e0a800; }
td.day { white-space: nowrap; }
#outcomes td cite { white-space: nowrap; }
ol.citations { columns: 2; column-gap: 2em; padding-left: 1.4em; }
footer { margin-top: 1.5em; color: #666; font-size: .85em; border-top: 1px solid #ccc; padding-top: .4em; }
"""


class PdfUnavailable(Error, ValueError):
    """A PDF cannot be written: WeasyPrint is missing or cannot run here."""


def _h(text: str, lang: str) -> str:
    """Text for the page: escaped, with no-break spaces where a line must
    not break ("§ 25")."""
    return escape(unbreakable(str(text)))


def _not_stated(items: Sequence[NotStated], lang: str) -> str:
    if not items:
        return ""
    return f' <span class="notstated">[{escape("; ".join(n.text(lang) for n in items))}]</span>'


def _condition(shown: Shown, lang: str) -> str:
    status = shown.condition.status
    mark = {"unmet": "✘", "unknown": "?"}.get(status, "✔")
    citation = shown.common_citation() if shown.shared else shown.citations[0]
    out = (f'<li class="{escape(status)}" data-condition="{escape(shown.condition.id)}">'
           f'<span class="mark-{escape(status)}">{mark}</span> {_h(shown.condition.text, lang)} '
           f"<cite>{_h(citation, lang)}</cite>")
    if shown.shared:
        labels = LABELS[lang]
        out += f' <strong>{_h(labels["shared_for"].format(permits=", ".join(shown.permits)), lang)}</strong>'
        extra = [labels["also"].format(permit=p, citations=c) for p, c in shown.extra_citations()]
        if extra:
            out += f" <cite>({_h('; '.join(extra), lang)})</cite>"
    return out + _not_stated(shown.not_stated, lang) + "</li>"


def _step_day(option: UnlockOption) -> _dt.date | None:
    for change in option.changes:
        if change.fact == "as_of" and isinstance(change.new, _dt.date):
            return change.new
    return None


def _steps(ps: PermitSummary, lang: str, most: int = 3) -> str:
    """The first ``most`` ways forward: the changes, the day from which, what they meet."""
    labels = LABELS[lang]
    options = ps.permit.unlock[:most]
    if not options:
        return ""
    rows = []
    for option in options:
        when = _step_day(option)
        advice = steps([ch for ch in option.changes if ch.fact != "as_of" or when is None], lang)
        meets = "; ".join(cit for _, cit in option.meets)
        rows.append(f'<tr><td class="day">{escape(day(when, lang)) if when else escape(labels["now"])}</td>'
                    f"<td>{_h(advice or labels['time_only'], lang)}</td><td><cite>{_h(meets, lang)}</cite></td></tr>")
    return (f"<h3>{escape(labels['next_steps'])}</h3><table class=\"steps\"><thead><tr>"
            f"<th>{escape(labels['from_when'])}</th><th>{escape(labels['steps'])}</th>"
            f"<th>{escape(labels['meets_col'])}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _permit(ps: PermitSummary, lang: str) -> str:
    labels = LABELS[lang]
    p = ps.permit
    out = [f'<section class="permit" id="permit-{escape(p.id)}" data-permit="{escape(p.id)}">',
           f"<h2>{escape(p.id)} {_h(p.title, lang)} — "
           f'<span class="status {STATUS_CLASS[p.status]}">{escape(labels[p.status])}</span> '
           f"({escape(labels[p.effect])}) <cite>{_h(p.citation, lang)}</cite></h2>"]
    if p.status == "eligible":
        out.append(f"<p>{escape(labels['eligible_now'])}</p>")
    if ps.own:
        out.append(f'<ul class="unmet">{"".join(_condition(s, lang) for s in ps.own)}</ul>')
    if ps.shared:
        firsts = [s.common_citation().split("; ")[0] for s in ps.shared]
        out.append(f'<p class="shared-ref">{escape(labels["shared"])}: '
                   f'<a href="#shared">{_h(join_citations(firsts, lang), lang)}</a></p>')
    if ps.waiver:
        out.append(f'<p class="waiver">{_h(ps.waiver, lang)}</p>')
    out.append(_steps(ps, lang))
    if p.unlock_note is not None and not p.unlock:
        out.append(f"<p>{escape(labels['nothing_unlocks'])}</p>")
    out.append("</section>")
    return "".join(out)


def deadlines(report: Report, permits: Sequence[str], lang: str) -> list[str]:
    """The ends of versions of the norms shown that fall after the decision
    day or within a year before it, and the wordings that change after it,
    read from the rules (pypermit.lawbook) for the law's day."""
    from pypermit.lawbook.book import read
    labels = LABELS[lang]
    day_of_law = report.law_date
    out: list[tuple[_dt.date, str]] = []
    for norm in read(day_of_law, lang=lang).norms:
        if norm.id not in permits:
            continue
        for i, version in enumerate(norm.versions):
            if version.last is None or version.last < day_of_law - NEAR:
                continue
            key = "version_ends" if version.last >= day_of_law else "version_ended"
            text = labels[key].format(citation=norm.citation, first=day(version.first, lang),
                                      last=day(version.last, lang))
            later = norm.versions[i + 1] if i + 1 < len(norm.versions) else None
            text += "; " + (labels["next_version"].format(first=day(later.first, lang)) if later
                            else labels["no_next_version"])
            out.append((version.last, text + "."))
        for _key, words, first in norm.wordings:
            if first > day_of_law:
                out.append((first, labels["wording_from"].format(citation=norm.citation, first=day(first, lang),
                                                                 text=words) + "."))
    return [text for _, text in sorted(out, key=lambda t: t[0])]


def page(report: Report, *, applicant: Applicant | None = None, permits: Sequence[str] = (),
         unmet: bool = False) -> str:
    """The summary page of ``report`` as one HTML document."""
    from importlib.metadata import version
    summary: Summary = summarise(report, applicant, permits=permits, unmet=unmet)
    lang = summary.lang
    labels = LABELS[lang]
    shown = [ps.permit.id for ps in summary.permits]
    meta = labels["short_title"].format(as_of=day(report.as_of, lang))
    if report.law_date != report.as_of:
        meta += " (" + labels["short_law"].format(law_date=day(report.law_date, lang)) + ")"
    rows = "".join(
        f'<tr data-permit="{escape(ps.permit.id)}"><td>{escape(ps.permit.id)}</td><td>{_h(ps.permit.title, lang)}</td>'
        f'<td class="status {STATUS_CLASS[ps.permit.status]}">{escape(labels[ps.permit.status])}</td>'
        f"<td>{escape(labels[ps.permit.effect])}</td><td><cite>{_h(ps.permit.citation, lang)}</cite></td></tr>"
        for ps in summary.permits)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(labels['page_title'])} — {escape(meta)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>{escape(labels['page_title'])}</h1><p class=\"meta\">{escape(meta)}</p></header>",
        f'<section id="outcomes"><h2>{escape(labels["outcomes"])}</h2><table><thead><tr>'
        f"<th>{escape(labels['permit'])}</th><th>{escape(labels['title'])}</th><th>{escape(labels['status'])}</th>"
        f"<th>{escape(labels['effect'])}</th><th>{escape(labels['norm'])}</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>",
    ]
    if summary.questions:
        asked = labels["open_questions"].format(facts=", ".join(field_label(f, lang) for f in summary.questions))
        parts.append(f'<p class="questions">? {_h(asked, lang)}</p>')
    parts += [_permit(ps, lang) for ps in summary.permits]
    if summary.shared:
        parts.append(f'<section id="shared"><h2>{escape(labels["shared"])}</h2><ul class="unmet">'
                     + "".join(_condition(s, lang) for s in summary.shared) + "</ul></section>")
    ends = deadlines(report, shown, lang)
    parts.append(f'<section id="deadlines"><h2>{escape(labels["deadlines"])}</h2>'
                 + (f"<ul>{''.join(f'<li>{_h(t, lang)}</li>' for t in ends)}</ul>" if ends
                    else f"<p>{escape(labels['no_deadlines'])}</p>") + "</section>")
    citations = [ps.permit.citation for ps in summary.permits]
    citations += [c for c in summary.unmet_citations() if c not in citations]
    parts.append(f'<section id="citations"><h2>{escape(labels["citations"])}</h2><ol class="citations">'
                 + "".join(f"<li><cite>{_h(c, lang)}</cite></li>" for c in citations) + "</ol></section>")
    parts.append(f"<footer>{escape(labels['generated'].format(version=version('pypermit')))}</footer></body></html>")
    return "\n".join(parts) + "\n"


def pdf_available() -> None:
    """Nothing if a PDF can be written here; PdfUnavailable saying why not."""
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        raise PdfUnavailable([Problem("--format", "pdf", "a PDF needs WeasyPrint, which is not installed "
                                                         "(pip install 'pypermit[pdf]')")]) from None
    except OSError as exc:     # its system libraries (Pango) are missing
        raise PdfUnavailable([Problem("--format", "pdf", f"WeasyPrint cannot run here: {exc}")]) from None


def write_pdf(report: Report, path: str | Path, *, applicant: Applicant | None = None,
              permits: Sequence[str] = (), unmet: bool = False) -> None:
    """The summary page as a PDF file (WeasyPrint)."""
    pdf_available()
    import weasyprint
    document = page(report, applicant=applicant, permits=permits, unmet=unmet)
    try:
        weasyprint.HTML(string=document).write_pdf(str(path))
    except OSError as exc:
        raise PdfUnavailable([Problem("--output", str(path), f"cannot write {path}: {exc.strerror or exc}")]) from None
