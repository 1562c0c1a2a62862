"""Subcommands of the ``newsbot`` console script, one module each (see ``newsbot.cli``)."""
