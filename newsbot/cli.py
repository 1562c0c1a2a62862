"""The ``newsbot`` console script: thin subcommands over the same code the spiders use.

Each module of ``newsbot.commands`` is one subcommand: it has a docstring (the help line),
``add_arguments(parser)`` and ``run(args) -> int`` (the exit code).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from newsbot import commands


def _command_modules(only: str | None = None):
    """Every subcommand's module, or only the one named ``only`` when there is one by that name: a command's
    imports are paid only when it runs (``newsbot extract`` need not import Scrapy's crawler)."""
    infos = sorted((i for i in pkgutil.iter_modules(commands.__path__) if not i.name.startswith("_")),
                   key=lambda i: i.name)
    if any(i.name.replace("_", "-") == only for i in infos):
        infos = [i for i in infos if i.name.replace("_", "-") == only]
    for info in infos:
        yield info.name.replace("_", "-"), importlib.import_module(f"{commands.__name__}.{info.name}")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand, or only of ``command`` when it names one."""
    parser = argparse.ArgumentParser(prog="newsbot", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module in _command_modules(command):
        help_line = (module.__doc__ or "").strip().splitlines()[0] if module.__doc__ else None
        cmd = sub.add_parser(name, help=help_line, description=module.__doc__)
        module.add_arguments(cmd)
        cmd.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv[0] if argv else None).parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
