"""Subcommands of `python -m ekinerja`, one module per area, each with a `register` function."""
