"""The `strife` command line: extract, run, export, serve, eval, gazetteer."""

from __future__ import annotations

import importlib
from typing import Any

import click

# Sub-commands live next to the code they drive; they are imported only when used so that
# `strife --help` stays fast and a missing optional extra breaks only its own command.
LAZY_COMMANDS: dict[str, str] = {
    "extract": "strife.ingest.cli:extract_command",
    "run": "strife.store.cli:run_command",
    "export": "strife.export.cli:export_command",
    "serve": "strife.serve.cli:serve_command",
    "eval": "strife.evaluate.cli:eval_group",
    "gazetteer": "strife.geocode.cli:gazetteer_group",
}


class LazyGroup(click.Group):
    """A click group whose sub-commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS:
            module_name, attribute = LAZY_COMMANDS[cmd_name].split(":")
            # An ImportError here is a real error (a broken install or a bug): let it show.
            module = importlib.import_module(module_name)
            command: click.Command = getattr(module, attribute)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup)
@click.version_option(package_name="strife")
def cli() -> None:
    """Turn armed-conflict news into a geocoded, deduplicated event dataset."""


def main(argv: list[str] | None = None) -> Any:
    """Run the command line (the `strife` console script)."""
    return cli.main(args=argv, prog_name="strife")
