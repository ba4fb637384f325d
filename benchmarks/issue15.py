"""The rows and targets of issue 15, side by side in one run: ``run.py --issue15``.

Each target is a ratio of two rows of the same run (tokens per second, or peak RSS against a
bound), so machine speed and background load between runs cancel out as far as they can.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The variants ``--issue15`` runs.
VARIANTS = (
    "peers-ct2",
    "ct2-glossary",
    "ct2",
    "transformers-glossary",
    "naive",
    "archive-folder",
    "archive-article",
    "nllb-load",
)
VARIANTS_OPTION = ",".join(VARIANTS)


@dataclass(frozen=True)
class Ratio:
    """A target: ``numerator``'s tokens/s over ``denominator``'s, at least ``least``."""

    name: str
    numerator: str
    denominator: str
    least: float


RATIOS = (
    Ratio(
        "songngu --backend ct2 (shipped glossary, names) / CT2 as peers",
        "ct2-glossary",
        "peers-ct2",
        1.0,
    ),
    Ratio("songngu --backend ct2 --no-shipped-glossary / CT2 as peers", "ct2", "peers-ct2", 1.2),
    Ratio("enforcement: glossary on / off (cost ≤ 15 %)", "ct2-glossary", "ct2", 1 / 1.15),
    Ratio(
        "transformers backend, shipped glossary / naive loop", "transformers-glossary", "naive", 8.0
    ),
    Ratio(
        "archive: 50 short articles / one article of the same text",
        "archive-folder",
        "archive-article",
        0.9,
    ),
)

#: Peak RSS bounds in MB: ct2 and transformers rows on opus-mt.
RSS_BOUNDS = {"ct2": 1000, "transformers": 1500, "archive": 1000}


def summarise(results: list[dict], workload, inputs: dict) -> dict:
    """Return each target's measured ratio and peak RSS against its bound, for the JSON."""
    by_name = {result["variant"]: result for result in results}
    ratios = [
        {
            "name": ratio.name,
            "value": _speed(by_name[ratio.numerator]) / _speed(by_name[ratio.denominator]),
            "least": ratio.least,
        }
        for ratio in RATIOS
        if ratio.numerator in by_name and ratio.denominator in by_name
    ]
    memory = [
        {"name": result["label"], "value": result["max_rss_mb"], "most": bound}
        for result in results
        for prefix, bound in RSS_BOUNDS.items()
        if result["variant"].startswith(prefix)
    ]
    nllb = by_name.get("nllb-load")
    if nllb is not None:
        report = nllb["reports"][0]
        memory.append(
            {
                "name": f"{nllb['label']} ({report.get('precision')}, "
                f"{report.get('load_s', 0):.1f} s)",
                "value": nllb["max_rss_mb"],
                # bfloat16 weights (1.2 GB) and the libraries, not the float32 copy (2.4 GB)
                "most": 2000,
            }
        )
    return {"ratios": ratios, "memory": memory}


def render(summary: dict) -> list[str]:
    """Return the Markdown lines of the targets: measured, target, met or by how much short."""
    lines = ["", "| issue 15 target | measured | target | met |", "|---|---:|---:|---|"]
    for ratio in summary["ratios"]:
        value, least = ratio["value"], ratio["least"]
        if "enforcement" in ratio["name"]:  # shown as a cost: on/off time - 1
            shown, target, met = f"{1 / value - 1:+.0%}", "≤ +15%", value >= least
        else:
            shown, target, met = f"{value:.2f}×", f"≥ {least:.1f}×", value >= least
        lines.append(f"| {ratio['name']} | {shown} | {target} | {_verdict(met, value / least)} |")
    for row in summary["memory"]:
        met = row["value"] <= row["most"]
        lines.append(
            f"| peak RSS: {row['name']} | {row['value']:,.0f} MB | ≤ {row['most']:,} MB | "
            f"{_verdict(met, row['most'] / row['value'])} |"
        )
    return lines


def _speed(result: dict) -> float:
    return result["target_tokens"] / result["seconds"]


def _verdict(met: bool, share: float) -> str:
    return "yes" if met else f"no ({1 - share:.0%} short)"
