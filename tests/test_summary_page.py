"""The one-page summary (``pypermit check FILE --format html``, and PDF
through WeasyPrint): every permit, every condition that holds one back with
its citation, the next steps with their days, the deadlines of the law, the
citations; self-contained (no script, nothing loaded), escaped, German dates
in the German page; drawn by a real browser (Debian's chromium) to a PNG
that is not blank. Pictures go to out/ (not committed)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import plain, uncited

import pypermit
from pypermit.applicant.load import load_applicant
from pypermit.cli.main import main
from pypermit.render.html import page

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out"
HOLDER = ROOT / "examples" / "chancen_holder_to_25b.yaml"
HANDBOOK = ROOT / "examples" / "handbook_duldung_light.yaml"
ALMOST = ROOT / "examples" / "duldung_almost_25b.yaml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def text_of(document: str) -> str:
    """The page's text: tags out, entities read, white space one space."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", document))).replace("\u00a0", " ")


def render(path: Path, lang: str = "en", **options: object) -> tuple[pypermit.Report, str]:
    applicant = load_applicant(path)
    report = pypermit.evaluate(applicant, lang=lang)
    return report, page(report, applicant=applicant, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("path", [HOLDER, HANDBOOK, ALMOST], ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_permit_and_every_unmet_citation(path: Path, lang: str):
    report, document = render(path, lang)
    assert document.startswith("<!DOCTYPE html>") and document.rstrip().endswith("</html>")
    assert f'<html lang="{lang}">' in document
    assert "<script" not in document and "http://" not in document and "https://" not in document
    text = text_of(document)
    for permit in report.permits:
        assert f'data-permit="{permit.id}"' in document and permit.title in text
    assert not uncited(report, text)


def test_next_steps_with_their_days_and_the_deadlines():
    report, document = render(ALMOST, "de")
    text = text_of(document)
    assert "Entscheidungstag 19.01.2026" in text
    # the first way to § 25b: A2, from the day the six years are complete
    assert "16.08.2026" in text and "Deutschprüfung auf Niveau A2 bestehen" in text
    # § 104c: its only version ended on 30.12.2025, within a year of the decision day
    assert "§ 104c Abs. 1 AufenthG: die Fassung seit 31.12.2022 galt bis 30.12.2025; keine spätere Fassung." in text
    # § 25b: the version in force ends on 30.06.2027, the next from 01.07.2027
    assert ("§ 25b Abs. 1 AufenthG: die Fassung seit 31.12.2022 gilt bis 30.06.2027; "
            "die nächste gilt ab 01.07.2027.") in text
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text), "German dates only"
    en = text_of(render(ALMOST, "en")[1])
    assert "§ 104c Abs. 1 AufenthG: the version in force since 2022-12-31 ended on 2025-12-30; no later version." in en


def test_the_waiver_reading_and_shared_requirements():
    _, document = render(HOLDER, "en")
    text = text_of(document)
    assert ("Eligible if the authority waives § 5 Abs. 1 Nr. 1a AufenthG under § 25b Abs. 8 AufenthG and "
            "§ 5 Abs. 3 Satz 2 AufenthG; § 5 Abs. 1 Nr. 4 AufenthG under § 5 Abs. 3 Satz 2 AufenthG") in plain(text)
    assert document.count('id="shared"') == 1
    assert text.count("No valid passport or passport substitute") == 1, "a shared requirement once"


def test_filters_apply_to_the_page():
    report, document = render(HOLDER, "en", permits=("25b",))
    assert 'data-permit="25b"' in document and 'data-permit="26.3"' not in document
    _, document = render(ROOT / "examples" / "darmstadt_refugee_c1.yaml", "en", unmet=True)
    assert 'data-permit="26.3"' not in document and 'data-permit="26.4"' in document


def test_the_page_escapes_what_it_shows():
    report = pypermit.evaluate(HOLDER, lang="en")
    permit = report.permit("25b")
    evil = tuple(replace(c, text='<script>alert("x")</script> & <b>') if c.id == "s5_identity" else c
                 for c in permit.conditions)
    report = replace(report, permits=tuple(replace(p, conditions=evil, title="A & <i>B</i>") if p.id == "25b" else p
                                           for p in report.permits))
    document = page(report)
    assert "<script>" not in document and "<i>B</i>" not in document
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in document
    assert "A &amp; &lt;i&gt;B&lt;/i&gt;" in document


def test_html_from_the_command_line(tmp_path: Path):
    out = tmp_path / "summary.html"
    result = CliRunner().invoke(main, ["check", str(HOLDER), "--format", "html", "-o", str(out), "--lang", "de"])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert "Aufenthaltstitel: Zusammenfassung" in out.read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(HOLDER), "--format", "html"])
    assert result.exit_code == 0 and result.output.startswith("<!DOCTYPE html>")


def test_pdf_needs_an_output_file():
    result = CliRunner().invoke(main, ["check", str(HOLDER), "--format", "pdf"])
    assert result.exit_code == 2 and "-o" in result.output


def test_pdf(tmp_path: Path):
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        pytest.skip(f"PDF not tested: WeasyPrint cannot be used here ({exc})")
    out = tmp_path / "summary.pdf"
    result = CliRunner().invoke(main, ["check", str(HOLDER), "--format", "pdf", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_browser_draws_the_page(lang: str):
    if CHROMIUM is None:
        pytest.skip("browser test skipped: Debian's chromium is not installed (make chromium installs it as root)")
    image = pytest.importorskip("PIL.Image", reason="PNG not checked: Pillow is not installed")
    OUT.mkdir(exist_ok=True)
    source = OUT / f"summary_{lang}.html"
    picture = OUT / f"summary_{lang}.png"
    picture.unlink(missing_ok=True)
    _, document = render(HANDBOOK, lang)
    source.write_text(document, encoding="utf-8")
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--screenshot={picture}", "--window-size=1000,1400", source.as_uri()],
                   capture_output=True, timeout=120, check=False)
    assert picture.is_file(), "chromium wrote no screenshot"
    with image.open(picture) as png:
        assert png.size == (1000, 1400)
        dark = sum(png.convert("L").histogram()[:128])
        colours = len(png.convert("RGB").getcolors(maxcolors=1 << 24) or [])
    assert dark > 1000 * 1400 * 0.01, "the page has text on it"
    assert colours > 20, "text, headings and the status colours"
