"""A labelled corpus for the verdicts: series whose regime and chaos are known from their construction.

Every series is made from a seed, so the corpus is the same on every machine
(up to the last digits of the integrators). Labels:

- ``regime``: ``regular`` (periodic and quasi-periodic), ``complex`` (chaotic
  maps and flows, with or without observational noise), ``stochastic``
  (linear and nonlinear stochastic processes, power-law noises, tied and
  count data).
- ``chaotic``: true for the chaotic maps and flows, false for everything else.

Usage::

    python benchmarks/corpus.py OUT_DIR            # writes OUT_DIR/*.npy and OUT_DIR/manifest.csv
    python benchmarks/corpus.py OUT_DIR --small    # about a third of the series, for a quick look
    python benchmarks/corpus.py OUT_DIR --heldout --seed 2027   # other parameters too: a held-out check

``--heldout`` changes the parameters that the rules could have been fitted
to, not only the random draws: other periods and frequency ratios, other
logistic r values and initial conditions of the maps, other sampling steps,
lengths and noise levels of the flows, other AR/MA coefficients and spectral
exponents, other GARCH, threshold-AR and count parameters, and one more
family, ``conservative_chaos`` (chaotic Hénon-Heiles orbits, time-reversible).
Both corpora end with the families ``fractional`` (fractional Gaussian noise
and fractional Brownian motion, exact by circulant embedding) and
``smooth_linear`` (low-pass filtered and narrow-band Gaussian noise, smooth at
the sampling step) and ``limit_cycle`` (time-irreversible limit cycles of
flows: van der Pol, Rössler's period-doubled orbits, Lorenz's periodic
windows; regular, not chaotic) and ``skewed_linear`` (linear Gaussian
processes seen through an increasing function: exp and cube of an AR(1), exp
of an AR(2); IAAFT of their values calls them nonlinear) and ``drifting`` (chirps:
regular, not chaotic), added after the others so that they keep their bytes.
Without it the corpus keeps its bytes (the matrices in the docs were made
from it).

Each family is a generator of ``(name, values, dt)``; :data:`FAMILIES` maps a
family to its labels. ``benchmarks/verdicts.py`` runs the CLI over the folder
and prints the confusion matrices.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys

import numpy as np

GOLDEN = (1 + 5 ** 0.5) / 2

#: Set by :func:`write_corpus`: the held-out parameters instead of the default ones.
HELDOUT = False


def _pick(default, heldout):
    return heldout if HELDOUT else default


def _lengths(rng, small):
    """Mostly 10^4 samples, some 10^3 and 10^5 (fewer of the long ones: lyapunov is slower there)."""
    return (1_000, 10_000) if small else (1_000, 10_000, 10_000, 100_000)


def periodic(rng, small):
    n_all = _lengths(rng, small)
    t = None
    for shape in ("sine", "square", "sawtooth", "triangle", "pulse"):
        for period in _pick((20.0, 50.0, 333.3) if small else (12.0, 20.0, 50.0, 100.0, 333.3),
                            (27.0, 64.0, 271.7) if small else (15.0, 27.0, 64.0, 141.0, 271.7)):
            for n in n_all[:2] if period > 100 else n_all:
                t = np.arange(n, dtype=float)
                phase = rng.uniform(0, 1)
                u = (t / period + phase) % 1.0
                if shape == "sine":
                    x = np.sin(2 * np.pi * u)
                elif shape == "square":
                    x = np.where(u < 0.5, 1.0, -1.0)
                elif shape == "sawtooth":
                    x = u
                elif shape == "triangle":
                    x = 1 - 2 * np.abs(u - 0.5)
                else:
                    x = (u < 0.1).astype(float)
                yield f"{shape}_p{period:g}_n{n}", x, 1.0


def quasiperiodic(rng, small):
    from tscomplex import simulate

    for n in _lengths(rng, small):
        t = np.arange(n, dtype=float)
        ratio, third = _pick((GOLDEN, np.sqrt(2)), (np.sqrt(3), np.e / 2))
        for k, base in enumerate(_pick((37.0, 61.0, 113.0), (43.0, 79.0, 131.0))):
            f1 = 1 / base
            two = np.sin(2 * np.pi * f1 * t) + 0.7 * np.sin(2 * np.pi * f1 * ratio * t + rng.uniform(0, 6))
            yield f"two_tone_{k}_n{n}", two, 1.0
            three = two + 0.4 * np.sin(2 * np.pi * f1 * third * t + rng.uniform(0, 6))
            yield f"three_tone_{k}_n{n}", three, 1.0
    for n in _pick((10_000,) if small else (10_000, 30_000), (15_000,) if small else (15_000, 40_000)):
        # regular orbits of Hamiltonian systems (tori)
        hh = simulate("henon_heiles", n=n, ic=_pick([0.0, 0.0, 0.5, 0.0], [0.0, 0.0, 0.45, 0.0]))
        for i, comp in enumerate(hh.components[:2]):
            yield f"henon_heiles_regular_{comp}_n{n}", hh.values[:, i], hh.dt
        for name in ("star_plummer", "star_logarithmic"):
            tr = simulate(name, n=n)
            for i, comp in enumerate(tr.components[:2]):
                yield f"{name}_{comp}_n{n}", tr.values[:, i], tr.dt
        # a small-swing pendulum: nearly harmonic, exactly periodic
        theta0 = _pick(0.2, 0.3)
        tt = np.arange(n) * 0.05
        yield f"pendulum_small_n{n}", theta0 * np.cos(tt) + theta0 ** 3 / 192 * (np.cos(tt) - np.cos(3 * tt)), 0.05


def chaotic_maps(rng, small):
    from tscomplex import simulate

    for n in _lengths(rng, small):
        for r in _pick((3.65, 3.7, 3.75, 3.8, 3.9, 4.0), (3.68, 3.72, 3.78, 3.86, 3.95, 3.99)):
            yield f"logistic_r{r}_n{n}", simulate("logistic", n=n, params={"r": r}, ic=[rng.uniform(0.1, 0.9)]).values[:, 0], 1.0
        for name in ("henon", "tent", "skew_tent", "ikeda", "lozi", "delayed_logistic", "sine", "gauss",
                     "chebyshev", "tinkerbell", "duffing_map"):
            tr = simulate(name, n=n, **_map_ic(name, rng))
            yield f"{name}_x_n{n}", tr.values[:, 0], 1.0
        yield f"henon_y_n{n}", simulate("henon", n=n, **_map_ic("henon", rng)).values[:, 1], 1.0


def _map_ic(name, rng):
    """Held out: the map's default initial condition moved by up to 1% (another orbit on the attractor)."""
    if not HELDOUT:
        return {}
    from tscomplex.systems import get

    ic = np.asarray(get(name).ic, dtype=float)
    return {"ic": list(ic * (1 + 0.01 * rng.uniform(-1, 1, ic.size)) + 1e-4 * (ic == 0))}


FLOWS = ("lorenz", "rossler", "chua", "chen", "thomas", "sprott_b", "sprott_jerk", "rucklidge", "halvorsen",
         "duffing", "ueda", "double_pendulum")


def _flows(rng, small, noise):
    from tscomplex import simulate
    from tscomplex.systems import get

    flows = FLOWS[:6] if small else FLOWS
    for name in flows:
        dt0 = get(name).dt
        factors = (1, 5) if small else ((1, 2, 5) if noise == 0 else (1, 5))
        lengths = (10_000,) if small or noise else (3_000, 20_000)
        if HELDOUT:
            factors = (1.5, 4) if small else ((1.5, 3, 4) if noise == 0 else (1.5, 4))
            lengths = (12_000,) if small or noise else (3_000, 15_000)
        for factor in factors:
            for n in lengths:
                try:
                    tr = simulate(name, n=n, dt=dt0 * factor, noise=noise, seed=int(rng.integers(1 << 30)))
                except Exception as exc:  # noqa: BLE001 - a system that fails is reported, not fatal
                    print(f"corpus: {name}: {exc}", file=sys.stderr)
                    continue
                # every component once, at the system's own step and the longer length; otherwise the first
                every = noise == 0 and factor == factors[0] and n == lengths[-1]
                comps = tr.components if every else tr.components[:1]
                for i, comp in enumerate(comps):
                    if comp.startswith(("v", "p")) and name == "double_pendulum":
                        continue
                    yield f"{name}_{comp}_dt{tr.dt:g}_n{n}" + (f"_noise{noise:g}" if noise else ""), tr.values[:, i], tr.dt


def chaotic_flows(rng, small):
    yield from _flows(rng, small, 0.0)


def noisy_flows(rng, small):
    for noise in _pick((0.05, 0.2) if small else (0.05, 0.1, 0.2), (0.08, 0.25) if small else (0.08, 0.15, 0.25)):
        yield from _flows(rng, small, noise)


def _ar(rng, n, phi, theta=(), burn=1000):
    e = rng.standard_normal(n + burn)
    x = np.zeros(n + burn)
    p, q = len(phi), len(theta)
    for i in range(max(p, q), n + burn):
        x[i] = e[i] + sum(phi[j] * x[i - 1 - j] for j in range(p)) + sum(theta[j] * e[i - 1 - j] for j in range(q))
    return x[burn:]


def _power_law(rng, n, k):
    freqs = np.fft.rfftfreq(n)
    amp = np.zeros_like(freqs)
    amp[1:] = freqs[1:] ** (-k / 2)
    spectrum = amp * np.exp(2j * np.pi * rng.uniform(size=freqs.size)) * rng.standard_normal(freqs.size)
    x = np.fft.irfft(spectrum, n)
    return x / x.std()


def linear_stochastic(rng, small):
    for n in _lengths(rng, small):
        for phi in _pick((0.1, 0.5, 0.9, 0.95), (0.3, 0.7, 0.85, 0.97)):
            yield f"ar1_{phi}_n{n}", _ar(rng, n, (phi,)), 1.0
        # AR(2) with complex roots (r = 0.9, angle 2 pi / 12; held out: 0.85, 2 pi / 20) and real roots
        r, w = _pick((0.9, 2 * np.pi / 12), (0.85, 2 * np.pi / 20))
        yield f"ar2_complex_n{n}", _ar(rng, n, (2 * r * np.cos(w), -r * r)), 1.0
        yield f"ar2_real_n{n}", _ar(rng, n, _pick((0.5, 0.3), (0.4, 0.35))), 1.0
        yield f"ma1_n{n}", _ar(rng, n, (), _pick((0.8,), (0.6,))), 1.0
        yield f"arma11_n{n}", _ar(rng, n, *_pick(((0.7,), (0.4,)), ((0.5,), (0.5,)))), 1.0
        for k in _pick((0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0), (0.25, 0.75, 1.25, 1.75, 2.25, 2.75)):
            yield f"power_law_k{k}_n{n}", _power_law(rng, n, k), 1.0
        yield f"random_walk_n{n}", np.cumsum(rng.standard_normal(n)), 1.0


def nonlinear_stochastic(rng, small):
    for n in _lengths(rng, small) * (1 if small else 3):
        # GARCH(1,1)
        omega, alpha, beta = _pick((0.1, 0.1, 0.85), (0.05, 0.12, 0.83))
        e = rng.standard_normal(n)
        x = np.zeros(n)
        s2 = 1.0
        for i in range(1, n):
            s2 = omega + alpha * x[i - 1] ** 2 + beta * s2
            x[i] = np.sqrt(s2) * e[i]
        yield f"garch_n{n}", x, 1.0
        # threshold AR
        up, down = _pick((0.6, -0.5), (0.5, -0.7))
        e = rng.standard_normal(n)
        y = np.zeros(n)
        for i in range(1, n):
            y[i] = (up * y[i - 1] if y[i - 1] > 0 else down * y[i - 1]) + e[i]
        yield f"tar_n{n}", y, 1.0
        # a squared Gaussian AR(1) (a static nonlinearity of a linear process)
        yield f"ar1_squared_n{n}", _ar(rng, n, (_pick(0.8, 0.6),)) ** 2, 1.0


def tied(rng, small):
    for n in _lengths(rng, small) * (1 if small else 2):
        low, high = _pick((0.5, 3.0), (0.8, 5.0))
        yield f"poisson{low:g}_n{n}", rng.poisson(low, n).astype(float), 1.0
        yield f"poisson{high:g}_n{n}", rng.poisson(high, n).astype(float), 1.0
        yield f"binary_n{n}", rng.integers(0, 2, n).astype(float), 1.0
        yield f"ar1_coarse_adc_n{n}", np.round(_ar(rng, n, (_pick(0.7, 0.5),)) * 2) / 2, 1.0


def conservative_chaos(rng, small):
    """Held out only: chaotic orbits of the Hénon-Heiles system (E = 1/8 and 1/6), time-reversible chaos."""
    from tscomplex import simulate

    for ic, energy in (((0.0, -0.25, 0.42081, 0.0), "1_8"), ((0.0, -0.1, 0.5676, 0.0), "1_6")):
        for n in (15_000,) if small else (15_000, 40_000):
            tr = simulate("henon_heiles", n=n, ic=list(ic))
            for i, comp in enumerate(tr.components[:2]):
                yield f"henon_heiles_chaotic_E{energy}_{comp}_n{n}", tr.values[:, i], tr.dt


def _fgn(rng, n, hurst):
    """Exact fractional Gaussian noise by circulant embedding (Davies & Harte 1987): covariance
    gamma(k) = (|k+1|^2H - 2|k|^2H + |k-1|^2H) / 2, whose circulant of size 2n has non-negative eigenvalues."""
    k = np.arange(n + 1, dtype=float)
    gamma = 0.5 * ((k + 1) ** (2 * hurst) - 2 * k ** (2 * hurst) + np.abs(k - 1) ** (2 * hurst))
    eigen = np.maximum(np.fft.fft(np.concatenate([gamma, gamma[-2:0:-1]])).real, 0.0)
    w = rng.standard_normal(2 * n) + 1j * rng.standard_normal(2 * n)
    return np.fft.fft(np.sqrt(eigen / (2 * n)) * w)[:n].real


def fractional(rng, small):
    """Fractional Gaussian noise (H = 0.3, 0.7, 0.9; held out 0.2, 0.6, 0.8) and fractional Brownian motion, its
    running sum (H = 0.3, 0.7; held out 0.4, 0.8): self-similar, their ordinal patterns do not depend on tau
    (Zunino et al. 2008); fBm has a power-law spectrum f^-(2H+1)."""
    for n in _lengths(rng, small):
        for hurst in _pick((0.3, 0.7, 0.9), (0.2, 0.6, 0.8)):
            yield f"fgn_h{hurst}_n{n}", _fgn(rng, n, hurst), 1.0
        for hurst in _pick((0.3, 0.7), (0.4, 0.8)):
            yield f"fbm_h{hurst}_n{n}", np.cumsum(_fgn(rng, n, hurst)), 1.0


def smooth_linear(rng, small):
    """Linear Gaussian processes whose paths are smooth at the sampling step, so that they miss most ordinal
    patterns at tau = 1 (found outside the corpus: they read 'conservative chaos'): white noise low-pass
    filtered by a brick wall at a fraction of the Nyquist frequency (held out: other fractions), and a
    narrow-band AR(2) with r = 0.99, period 25 (held out: r = 0.98, period 40); 1,000 samples are cut at
    each end so that the ends do not match."""
    for n in _lengths(rng, small):
        for cutoff in _pick((0.05, 0.1, 0.2), (0.03, 0.07, 0.15)):
            spectrum = np.fft.rfft(rng.standard_normal(n + 2000))
            spectrum[int(cutoff * spectrum.size):] = 0.0
            yield f"lowpass_{cutoff}_n{n}", np.fft.irfft(spectrum, n=n + 2000)[1000:-1000], 1.0
        r, period = _pick((0.99, 25), (0.98, 40))
        w = 2 * np.pi / period
        yield f"ar2_narrow_n{n}", _ar(rng, n, (2 * r * np.cos(w), -r * r), burn=2000), 1.0


def limit_cycles(rng, small):
    """Time-irreversible limit cycles of flows, sampled with the system's step so that the ideal tau is long
    (its pattern span near half the period, which is not a whole number of samples): the unforced van der Pol
    oscillator, Rossler's period-doubled orbits and Lorenz's periodic windows and large-rho orbit."""
    from tscomplex import simulate

    settings = _pick((("van_der_pol", {"mu": 1.0, "A": 0.0}), ("van_der_pol", {"mu": 3.0, "A": 0.0}),
                      ("van_der_pol", {"mu": 5.0, "A": 0.0}), ("rossler", {"c": 4.0}),
                      ("lorenz", {"rho": 160.0}), ("lorenz", {"rho": 99.65})),
                     (("van_der_pol", {"mu": 2.0, "A": 0.0}), ("van_der_pol", {"mu": 4.0, "A": 0.0}),
                      ("rossler", {"c": 3.0}), ("rossler", {"c": 3.5}), ("lorenz", {"rho": 350.0}),
                      ("lorenz", {"rho": 100.5})))
    for n in (2_000, 10_000) if small else (2_000, 10_000, 50_000):
        for name, params in settings:
            tr = simulate(name, n=n, params=params)
            tag = "_".join(f"{k}{v:g}" for k, v in params.items() if k != "A")
            yield f"{name}_{tag}_n{n}", tr.values[:, 0], tr.dt


def skewed_linear(rng, small):
    """Linear Gaussian processes seen through an increasing function, IAAFT's null: exp of an AR(1) (a lognormal
    series), the cube of an AR(1) and exp of an AR(2) (held out: other coefficients and scales). Surrogates of
    their values are rejected by ordinal statistics although the null is true (docs/surrogates.md)."""
    for n in _lengths(rng, small):
        phi, scale = _pick((0.8, 0.5), (0.7, 0.8))
        yield f"exp_ar1_n{n}", np.exp(scale * _ar(rng, n, (phi,))), 1.0
        yield f"ar1_cubed_n{n}", _ar(rng, n, (_pick(0.9, 0.6),)) ** 3, 1.0
        yield f"exp_ar2_n{n}", np.exp(0.5 * _ar(rng, n, _pick((0.5, 0.3), (1.2, -0.5)))), 1.0


def drifting(rng, small):
    """Oscillations whose frequency drifts (chirps, a wandering frequency): not chaotic, not stationary; nearby
    orbits part by their frequencies' difference, which ln d(k) can mistake for chaos. Held out: other sweeps."""
    for n in (2_000, 10_000) if small else (2_000, 10_000, 50_000):
        t = np.linspace(0.0, 1.0, n)
        f0 = n / _pick(200, 150)  # cycles over the record at the start
        for r in _pick((4.0, 1.5), (3.0, 2.0)):  # linear sweeps from f0 to r * f0
            yield f"linear_chirp_x{r:g}_n{n}", np.sin(2 * np.pi * f0 * (t + 0.5 * (r - 1) * t * t)), 1.0
        k = np.log(_pick(8.0, 5.0))
        yield f"exponential_chirp_n{n}", np.sin(2 * np.pi * f0 * np.expm1(k * t) / k), 1.0
        shape = _pick(3.0, 1.5)  # a squarer wave: harmonics sweep too
        yield f"square_chirp_n{n}", np.tanh(shape * np.sin(2 * np.pi * f0 * (t + t * t))), 1.0
        wander = np.convolve(np.cumsum(rng.standard_normal(n)) / np.sqrt(n), np.ones(n // 20) / (n // 20), "same")
        yield f"wandering_frequency_n{n}", np.sin(2 * np.pi * np.cumsum(f0 * np.exp(_pick(0.8, 1.2) * wander)) / n), 1.0


#: family -> (generator, regime label, chaotic label)
FAMILIES = {
    "periodic": (periodic, "regular", False),
    "quasiperiodic": (quasiperiodic, "regular", False),
    "chaotic_map": (chaotic_maps, "complex", True),
    "chaotic_flow": (chaotic_flows, "complex", True),
    "noisy_flow": (noisy_flows, "complex", True),
    "linear_stochastic": (linear_stochastic, "stochastic", False),
    "nonlinear_stochastic": (nonlinear_stochastic, "stochastic", False),
    "tied": (tied, "stochastic", False),
}
#: Families of the held-out corpus only (after the others, so the others keep their random streams).
HELDOUT_FAMILIES = {"conservative_chaos": (conservative_chaos, "complex", True)}
#: Families added later, in both corpora, after all the others: each gets a stream of its own, so every series
#: made before them keeps its bytes.
LATER_FAMILIES = {"fractional": (fractional, "stochastic", False),
                  "smooth_linear": (smooth_linear, "stochastic", False),
                  "limit_cycle": (limit_cycles, "regular", False),
                  "skewed_linear": (skewed_linear, "stochastic", False),
                  "drifting": (drifting, "regular", False)}


def write_corpus(out: str, small: bool = False, seed: int = 13, heldout: bool = False) -> list[dict]:
    global HELDOUT
    HELDOUT = heldout
    os.makedirs(out, exist_ok=True)
    rows = []
    seen = set()
    families = {**FAMILIES, **(HELDOUT_FAMILIES if heldout else {}), **LATER_FAMILIES}
    for index, (family, (make, regime, chaotic)) in enumerate(families.items()):
        rng = np.random.default_rng([seed, index])
        for name, values, dt in make(rng, small):
            values = np.asarray(values, dtype=float)
            base, k = name, 1
            while name in seen:  # a family that repeats a setting with new draws
                k += 1
                name = f"{base}_{k}"
            seen.add(name)
            file = f"{family}__{name}.npy"
            np.save(os.path.join(out, file), values)
            rows.append({"file": file, "family": family, "name": name, "n": values.size, "dt": dt,
                         "regime": regime, "chaotic": chaotic})
    with open(os.path.join(out, "manifest.csv"), "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--heldout", action="store_true", help="other parameters, not only other draws")
    args = parser.parse_args(argv)
    rows = write_corpus(args.out, args.small, args.seed, args.heldout)
    counts = {}
    for r in rows:
        counts[r["family"]] = counts.get(r["family"], 0) + 1
    print(f"{len(rows)} series in {args.out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
