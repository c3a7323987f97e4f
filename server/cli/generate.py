"""`mannheim-kg generate`: synthetic data for benchmarks and scale tests."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option(
    "--triples",
    type=click.IntRange(min=1),
    default=170_000,
    show_default=True,
    help="About this many triples (one Turtle file OUT).",
)
@click.option(
    "--orgs",
    type=click.IntRange(min=1, max=10_000_000),
    help="Instead: a cluster landscape of this many companies, written into the folder OUT "
    "(conforms to the shapes together with the bundled graph; serve it with --data data/ OUT).",
)
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed.")
@click.argument("out", type=click.Path(path_type=Path))
def generate(triples: int, orgs: int | None, seed: int, out: Path) -> None:
    """Write a seeded synthetic graph shaped like ours to OUT: benchmark data of any size.

    With --orgs: companies with memberships in one or more of the four clusters, sites,
    contact persons (their phone numbers in the restricted synthetic-contact-details.ttl),
    events and measures. The same seed and size give the same files, byte for byte.
    """
    if orgs is None:
        from server.services.synthetic import write_synthetic

        written = write_synthetic(out, triples, seed)
        click.echo(f"{written} triples written to {out}", err=True)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from server.services.synthetic import write_landscape

    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, disable=orgs < 20_000, transient=False) as bar:
        task = bar.add_task("companies", total=orgs)
        files = write_landscape(out, orgs, seed, progress=lambda n: bar.update(task, advance=n))
    click.echo(f"{orgs} companies written to {', '.join(map(str, files.values()))}", err=True)
