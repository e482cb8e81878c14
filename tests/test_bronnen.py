"""The repository is its own source of law: contracten/BRONNEN.md, cited by section.

No file may cite a document outside the repository (a reference document by name, or an
absolute path on a developer's machine), and every citation of BRONNEN.md must name a
section that exists there.
"""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BRONNEN = ROOT / "contracten" / "BRONNEN.md"
DIT_BESTAND = Path(__file__).resolve().relative_to(ROOT).as_posix()

# Citations of documents or paths outside the repository.
# The one outside file the project may name is the VERA OHD specification beside the
# repository, which the intake tests load (it may not be copied in); it is no legal source.
BUITEN_DE_REPO = re.compile(r"LAW\.md|DESIGN\.md|/work/|\.\./shared(?!/vera/)|\bshared/[A-Z]")

SECTIE_CITAAT = re.compile(r"BRONNEN\.md\s*§\s*(\d+)")
SECTIE_KOP = re.compile(r'^<a id="s(\d+)"></a>\n## §(\d+) ', re.MULTILINE)


def _bestanden() -> list[str]:
    """Tracked files plus new ones git does not ignore; a plain walk outside a checkout."""
    try:
        uit = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode()
        return sorted({p for p in uit.split("\0") if p and (ROOT / p).is_file()})
    except (OSError, subprocess.CalledProcessError):
        return sorted(
            p.relative_to(ROOT).as_posix()
            for p in ROOT.rglob("*")
            if p.is_file()
            and not any(
                d.startswith(".") or d == "__pycache__" or d.endswith(".egg-info")
                for d in p.relative_to(ROOT).parts[:-1]
            )
        )


def _tekst(pad: str) -> str | None:
    data = (ROOT / pad).read_bytes()
    return None if b"\0" in data else data.decode("utf-8", errors="replace")


def _regels_met(patroon: re.Pattern, uitgezonderd: set[str]) -> list[str]:
    treffers = []
    for pad in _bestanden():
        if pad in uitgezonderd:
            continue
        tekst = _tekst(pad)
        if tekst is None:
            continue
        for nummer, regel in enumerate(tekst.splitlines(), 1):
            if patroon.search(regel):
                treffers.append(f"{pad}:{nummer}: {regel.strip()}")
    return treffers


def _secties() -> set[int]:
    koppen = SECTIE_KOP.findall(BRONNEN.read_text(encoding="utf-8"))
    assert all(anker == kop for anker, kop in koppen), koppen
    return {int(anker) for anker, _ in koppen}


def test_geen_bestand_verwijst_naar_iets_buiten_de_repository():
    treffers = _regels_met(BUITEN_DE_REPO, {DIT_BESTAND})
    assert not treffers, "Verwijs naar contracten/BRONNEN.md §N:\n" + "\n".join(treffers)


def test_secties_zijn_doorlopend_genummerd_met_een_vast_anker():
    secties = _secties()
    assert secties == set(range(len(secties))), sorted(secties)


def test_elke_verwijzing_naar_bronnen_noemt_een_bestaande_sectie():
    secties = _secties()
    fout = []
    for pad in _bestanden():
        if pad == DIT_BESTAND:
            continue
        tekst = _tekst(pad)
        if tekst is None:
            continue
        for nummer, regel in enumerate(tekst.splitlines(), 1):
            for sectie in SECTIE_CITAAT.findall(regel):
                if int(sectie) not in secties:
                    fout.append(f"{pad}:{nummer}: §{sectie}")
    assert not fout, "Onbekende sectie van contracten/BRONNEN.md:\n" + "\n".join(fout)


def test_bronnen_wordt_geciteerd():
    """The citations the check above guards exist at all (a renamed file would hide them)."""
    geciteerd = _regels_met(SECTIE_CITAAT, {DIT_BESTAND, "contracten/BRONNEN.md"})
    assert len(geciteerd) >= 10, geciteerd
