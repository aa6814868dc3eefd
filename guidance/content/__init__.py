"""The content base: pages, effective-dated rates, taxonomy, releases and their checks."""
