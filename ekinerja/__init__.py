"""E-Kinerja Dashboard domain package: models, queries, rules, imports/exports and the CLI.

Nothing in this package imports streamlit: every rule can be used from the CLI, tests and benchmarks.
"""
