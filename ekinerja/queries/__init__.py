"""Read-only views for the analytics pages: scoped, aggregated in SQL, small results.

Every function takes a Session and the Viewer and applies the viewer's unit scope; filters from
the screen (ekinerja.queries.filters.Filters) can only narrow it. Results are pandas DataFrames
of at most a few thousand rows or small dataclasses, ready to chart or show.
"""
