"""The HTML briefing as a person sees it: rendered by a real headless Chromium."""

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_the_html_briefing_renders_with_cited_timeline(tmp_path):
    html = tmp_path / "briefing.html"
    result = CliRunner().invoke(app, ["run", str(EXAMPLES), "--db", str(tmp_path / "kb.db"), "--html", str(html)])
    assert result.exit_code == 0, result.output
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(
        [CHROMIUM, *flags, "--dump-dom", html.as_uri()], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    assert "<table>" in dom and "ASSAULT" in dom and "capture territory" in dom
    assert 'class="cite" href="#story-' in dom  # every timeline line links to its source sentence
    assert "Al Jazeera, 2024-12-08" in dom and "Three days later, the opposition fighters took" in dom
    shot = tmp_path / "briefing.png"
    subprocess.run([CHROMIUM, *flags, "--window-size=1200,1600", f"--screenshot={shot}", html.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 20_000  # a real page was painted, not a blank one
