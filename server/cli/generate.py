"""`mannheim-kg generate`: synthetic data for benchmarks."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option(
    "--triples",
    type=click.IntRange(min=1),
    default=170_000,
    show_default=True,
    help="About this many triples.",
)
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed.")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def generate(triples: int, seed: int, out: Path) -> None:
    """Write a seeded synthetic graph shaped like ours (clusters, organisations, people,
    concepts, events, measures) to OUT as Turtle: benchmark data of any size."""
    from server.services.synthetic import write_synthetic

    written = write_synthetic(out, triples, seed)
    click.echo(f"{written} triples written to {out}", err=True)
