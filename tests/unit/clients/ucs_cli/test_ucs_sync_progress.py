"""sync-persons draws a progress bar on stderr when it is a terminal, and nothing when piped."""

import io

from bridge.clients.ucs.cli import ProgressBar


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_quiet_when_piped(ucs, run, tmp_path):
    path = tmp_path / "crm.csv"
    path.write_text("external_id,group_id\na,1\nb,1\n", encoding="utf-8")
    code, out, err = run("ucs", "sync-persons", str(path))  # capsys: stderr is not a terminal
    assert (code, err) == (0, "")


def test_a_terminal_gets_a_bar_redrawn_in_place():
    stream = Terminal()
    bar = ProgressBar(4, stream)
    for _ in range(4):
        bar()
    bar.finish()
    text = stream.getvalue()
    assert text.count("\r") == 4 and text.endswith("] 4/4 rows\n")
    assert "[" + "#" * ProgressBar.WIDTH + "]" in text


def test_a_pipe_gets_nothing():
    stream = io.StringIO()
    bar = ProgressBar(3, stream)
    bar(), bar(), bar.finish()
    assert stream.getvalue() == ""
