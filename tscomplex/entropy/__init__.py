"""Entropies of a series beyond the ordinal core: sample and approximate entropy, multiscale entropy."""
