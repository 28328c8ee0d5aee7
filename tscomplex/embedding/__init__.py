"""Delay embedding and the choices it needs: the delay (AMI, ACF), the dimension (FNN, Cao), the Theiler window.

Each choice is a small function usable on its own, and :func:`tscomplex.lyapunov.max_lyapunov`
(like :func:`tscomplex.fractal.correlation.correlation_dimension`) composes them:

1. :func:`auto_lag` picks the delay (first minimum of the auto mutual
   information, or first zero of the autocorrelation);
2. :func:`auto_dim` picks the embedding dimension (false nearest neighbours or
   Cao's method);
3. :func:`auto_theiler` picks the Theiler window (the mean period of the
   series, as Rosenstein et al. did);
4. :func:`delay_embedding` builds the delay vectors (a strided view, no copy).

Nearest neighbours come from scipy's ``cKDTree``; no N x N distance matrix is ever built.
"""

from .delay import MIN_VECTORS, delay_embedding
from .dimension import auto_dim, cao_e1, false_nearest_neighbors
from .lag import auto_lag, auto_mutual_information, autocorrelation
from .theiler import auto_theiler, mean_period, quarter_period

__all__ = ["delay_embedding", "auto_mutual_information", "autocorrelation", "auto_lag", "false_nearest_neighbors",
           "cao_e1", "auto_dim", "mean_period", "auto_theiler", "quarter_period", "MIN_VECTORS"]
