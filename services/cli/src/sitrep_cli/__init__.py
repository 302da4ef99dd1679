"""The `sitrep` command: a thin shell over the services' pure functions and mains."""
