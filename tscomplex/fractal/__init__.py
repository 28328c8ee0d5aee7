"""Fluctuation and fractal measures: DFA, the Hurst exponent (rescaled range), MFDFA, correlation dimension."""
