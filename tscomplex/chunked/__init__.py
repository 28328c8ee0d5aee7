"""Measures of a series read in chunks (a long NPY or Parquet file), in memory bounded by one chunk.

Each module follows one in-memory measure and gives the same numbers, up to
the rounding of sums taken chunk by chunk; where a method needs the whole
series at once it says so instead of guessing.
"""
