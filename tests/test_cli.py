"""The CLI contract: commands, output names, streams, exit codes and the error boundary."""

import json
import os
import subprocess
import sys

import pytest

from songngu.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as raised:
        main(list(args))
    captured = capsys.readouterr()
    return raised.value.code, captured.out, captured.err


def test_help_lists_every_command_and_the_exit_codes(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("translate", "segment", "models", "checks"):
        assert command in out
    assert "Exit codes" in out


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert "songngu" in out


def test_dry_run_writes_docx_and_md_named_after_the_input(capsys, sample_article, tmp_path):
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, "translate", str(sample_article), "-o", str(out_dir), "--dry-run")
    assert code == 0, err
    assert out == ""
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "bao-cao-kinh-te.vi-en.docx",
        "bao-cao-kinh-te.vi-en.md",
    ]
    assert "sentences" in err


def test_json_format_has_the_contract_shape(capsys, sample_article, tmp_path):
    code, _, err = run(
        capsys, "translate", str(sample_article), "-o", str(tmp_path), "-f", "json", "--dry-run"
    )
    assert code == 0, err
    data = json.loads((tmp_path / "bao-cao-kinh-te.vi-en.json").read_text(encoding="utf-8"))
    assert set(data) >= {"songngu", "signature", "source", "blocks"}
    block = data["blocks"][0]
    assert set(block) >= {"id", "kind", "segments"}
    segment = block["segments"][0]
    assert set(segment) >= {"id", "source", "target", "terms", "issues"}


def test_existing_outputs_are_not_overwritten_without_force(capsys, sample_article, tmp_path):
    args = ("translate", str(sample_article), "-o", str(tmp_path), "-f", "md", "--dry-run")
    assert run(capsys, *args)[0] == 0
    before = (tmp_path / "bao-cao-kinh-te.vi-en.md").read_text(encoding="utf-8")
    later = (tmp_path / "bao-cao-kinh-te.vi-en.md").stat().st_mtime + 10
    os.utime(sample_article, (later, later))  # the article was edited after its translation
    code, _, err = run(capsys, *args)
    assert code == 1
    assert "--force" in err
    assert err.startswith("Error: ")
    assert (tmp_path / "bao-cao-kinh-te.vi-en.md").read_text(encoding="utf-8") == before
    assert run(capsys, *args, "--force")[0] == 0


def test_missing_input_is_one_line_and_exit_1(capsys, tmp_path):
    code, out, err = run(capsys, "translate", str(tmp_path / "nope.txt"), "--dry-run")
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert "no such file" in err


def test_one_bad_file_does_not_stop_the_others(capsys, sample_article, tmp_path):
    missing = tmp_path / "missing.txt"
    code, _, err = run(
        capsys,
        "translate",
        str(missing),
        str(sample_article),
        "-o",
        str(tmp_path / "o"),
        "--dry-run",
    )
    assert code == 1
    assert (tmp_path / "o" / "bao-cao-kinh-te.vi-en.docx").exists()
    assert "2 files: 1 translated, 1 failed" in err


def test_unknown_format_is_a_usage_error(capsys, sample_article):
    code, _, err = run(capsys, "translate", str(sample_article), "-f", "pdf", "--dry-run")
    assert code == 2
    assert "docx" in err


def test_glossary_error_stops_the_run_before_translating(capsys, sample_article, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("vi\ten\ttype\nBộ Công an\t\tministry\n", encoding="utf-8")
    code, _, err = run(
        capsys,
        "translate",
        str(sample_article),
        "-g",
        str(bad),
        "-o",
        str(tmp_path / "o"),
        "--dry-run",
    )
    assert code == 1
    assert f"{bad}:2:" in err
    assert not (tmp_path / "o").exists()


def test_debug_shows_the_traceback(capsys, tmp_path):
    code, _, err = run(capsys, "--debug", "translate", str(tmp_path / "nope.txt"), "--dry-run")
    assert code == 1
    assert "Traceback" in err


def test_stdin_is_read_with_a_dash(capsys, monkeypatch, tmp_path):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Xin chào Hà Nội.\n".encode())))
    code, _, err = run(capsys, "translate", "-", "-o", str(tmp_path), "-f", "md", "--dry-run")
    assert code == 0, err
    assert (tmp_path / "stdin.vi-en.md").exists()


def test_segment_prints_one_sentence_per_line_and_blank_lines_between_blocks(capsys, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Câu một. Câu hai.\n\nĐoạn hai.\n", encoding="utf-8")
    code, out, _ = run(capsys, "segment", str(article))
    assert code == 0
    assert out == "Câu một.\nCâu hai.\n\nĐoạn hai.\n"


def test_segment_json_has_kinds_and_offsets(capsys, tmp_path):
    article = tmp_path / "a.txt"
    text = "Câu một. Câu hai.\n\nĐoạn hai.\n"
    article.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "segment", str(article), "--json")
    assert code == 0
    data = json.loads(out)
    for block in data["blocks"]:
        assert block["kind"]
        for segment in block["segments"]:
            assert text[segment["start"] : segment["end"]] == segment["text"]


def test_checks_list_prints_every_code(capsys):
    code, out, _ = run(capsys, "checks", "--list")
    assert code == 0
    for check_code in ("term-missing", "repetition", "numbers-differ", "untranslated"):
        assert check_code in out


def test_importing_the_cli_does_not_import_torch():
    code = (
        "import sys, songngu.cli; "
        "sys.exit(int(any(m in sys.modules for m in ('torch', 'transformers', 'docx'))))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_python_dash_m_works():
    result = subprocess.run(
        [sys.executable, "-m", "songngu", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "songngu" in result.stdout


@pytest.mark.model
def test_default_translate_runs_end_to_end_on_the_tiny_opus_mt(
    capsys, hub_cache, sample_article, tmp_path
):
    code, _, err = run(
        capsys,
        "translate",
        str(sample_article),
        "-o",
        str(tmp_path),
        "-f",
        "docx,md,json",
        "--max-length-ratio",
        "0.5",
    )
    assert code == 0, err
    data = json.loads((tmp_path / "bao-cao-kinh-te.vi-en.json").read_text(encoding="utf-8"))
    assert "Helsinki-NLP/opus-mt-vi-en" in data["signature"]
    segments = [s for block in data["blocks"] for s in block["segments"]]
    assert segments
    assert all(s["target"] for s in segments)


@pytest.mark.model
def test_nllb_preset_runs_end_to_end(capsys, hub_cache, sample_article, tmp_path):
    code, _, err = run(
        capsys,
        "translate",
        str(sample_article),
        "-o",
        str(tmp_path),
        "-f",
        "json",
        "-m",
        "nllb-600m",
        "--max-length-ratio",
        "0.5",
        "--beams",
        "1",
    )
    assert code == 0, err
    data = json.loads((tmp_path / "bao-cao-kinh-te.vi-en.json").read_text(encoding="utf-8"))
    assert "facebook/nllb-200-distilled-600M" in data["signature"]


def test_missing_model_offline_is_one_line_with_the_fix(
    capsys, hub_cache, sample_article, tmp_path
):
    hub_cache.remove(hub_cache.marian_repo_id)
    out_dir = tmp_path / "out"
    code, _, err = run(capsys, "translate", str(sample_article), "-o", str(out_dir))
    assert code == 1
    assert err.count("\n") == 1
    assert "songngu models download" in err
    assert "--model PATH" in err
    assert not out_dir.exists()


def test_installed_entry_point_runs(tmp_path):
    result = subprocess.run(
        ["songngu", "segment", "-"],
        input="Một câu. Hai câu.",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout == "Một câu.\nHai câu.\n"


def test_outputs_get_the_usual_file_mode(capsys, sample_article, tmp_path):
    import os
    import stat

    umask = os.umask(0o022)
    try:
        code, _, err = run(
            capsys, "translate", str(sample_article), "-o", str(tmp_path), "-f", "md", "--dry-run"
        )
    finally:
        os.umask(umask)
    assert code == 0, err
    mode = stat.S_IMODE((tmp_path / "bao-cao-kinh-te.vi-en.md").stat().st_mode)
    assert mode == 0o644
