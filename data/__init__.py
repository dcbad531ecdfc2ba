"""Demo data for Kota Madiun (generated, never real people) and the generated files' home."""
