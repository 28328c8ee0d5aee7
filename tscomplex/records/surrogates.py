"""Records of ``surrogates``: what was written for each series and how its surrogates were made."""

from __future__ import annotations


def surrogate_record(source, names, values, info, path) -> dict:
    """The record of the surrogates of one series (or one multivariate set of ``names``) written to ``path``:
    how they were made (``info``, a SurrogateInfo) and, for iterative methods, how well they converged."""
    record = {"source": source, "series": names[0] if len(names) == 1 else ",".join(map(str, names)),
              "n": int(values.shape[0]), "surrogate_method": info.method, "surrogate_count": info.count,
              "surrogate_seed": info.seed, "surrogate_gaussianized": info.gaussianized, "surrogate_file": path,
              "block_length": info.block_length}
    if info.iterations is not None:
        record.update(iterations_max=max(info.iterations),
                      iterations_mean=sum(info.iterations) / len(info.iterations), converged=sum(info.converged),
                      stop_rule=info.criterion,
                      spectral_mismatch_max=max(info.spectral_mismatch),
                      amplitude_mismatch_max=max(info.amplitude_mismatch))
    return record
