"""What calibration and validation print and write: a JSON record, a table, a parameter file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import yaml

from simulator.calibration.baseline import MarkovBaseline
from simulator.calibration.data import BILL_BANDS, MONTHS, STATES, Observed
from simulator.calibration.multipliers import Multipliers
from simulator.errors import CobranzaError
from simulator.output_paths import os_reason
from simulator.parameters import ModelParameters
from simulator.risk_score import RiskMetrics

__all__ = ["BILL_BAND_KEYS", "PROFILE_KEYS", "RATIO_TARGET", "RESULT_KEYS", "STATE_LABELS", "baseline_record",
           "comparison", "comparison_table", "largest_z", "risk_lines", "risk_record", "risk_summary",
           "sampling_noise_pp", "write_parameters"]

#: Keys of the JSON record printed by ``validate --json`` (documented in docs/modelo.md).
RESULT_KEYS = (
    "split", "rows", "accounts", "seed", "replications", "parameters_version", "states",
    "observed_counts", "observed_rates_pp", "simulated_rates_pp", "error_pp", "noise_pp",
    "max_abs_error_pp", "max_abs_z",
    "observed_payment_ratio", "simulated_payment_ratio", "observed_shares_pp",
    "simulated_shares_pp", "baseline_rates_pp", "baseline_error_pp", "baseline_max_abs_error_pp",
    "horizon_shares_pp", "horizon_max_abs_error_pp", "baseline_horizon_max_abs_error_pp",
    "horizon_by_start_accounts", "horizon_by_start_pp", "horizon_by_start_max_abs_error_pp",
    "payment_ratio", "payment_profile", "payment_ratio_by_bill", "risk_auc", "risk_auc_by_bucket",
    "risk_brier",
)
#: How a state's bills were paid, in ``payment_profile`` (columns of ``data.Payments.profile``).
PROFILE_KEYS = ("no_payment", "full_payment", "partial_mean")
#: Statement sizes of ``payment_ratio_by_bill`` (``data.BILL_BANDS``, NT$).
BILL_BAND_KEYS = (*(f"{low:.0f}-{high:.0f}"
                    for low, high in zip((0.0, *BILL_BANDS[:-1]), BILL_BANDS, strict=True)),
                  f"{BILL_BANDS[-1]:.0f}+")
#: Largest relative payment-ratio error the simulator should stay within, in every state.
RATIO_TARGET = 0.25
STATE_LABELS = {"al_corriente": "al corriente", "atraso_1_2": "1-2 meses",
                "atraso_3_mas": "3+ meses"}
#: The data split a record used (``data.SPLITS``, the command line's words) as a reader says it.
_SPLIT_LABELS = {"calibration": "calibración", "validation": "validación"}


def _number(value: float, digits: int = 4) -> float | None:
    """A rounded float for JSON; None for NaN (an empty state), which JSON cannot hold."""
    return None if np.isnan(value) else round(float(value), digits)


def _matrix(values: np.ndarray, digits: int = 2) -> dict[str, dict[str, float | None]]:
    return {a: {b: _number(values[i, j], digits) for j, b in enumerate(STATES)}
            for i, a in enumerate(STATES)}


def _vector(values: np.ndarray, digits: int = 4) -> dict[str, float | None]:
    return {name: _number(v, digits) for name, v in zip(STATES, values, strict=True)}


def _shares(values: np.ndarray) -> dict[str, dict[str, float]]:
    return {month: {name: round(float(v) * 100.0, 2) for name, v in zip(STATES, row, strict=True)}
            for month, row in zip(MONTHS, values, strict=True)}


def _largest(error_pp: np.ndarray) -> float | None:
    """Largest absolute error in points, rounded; None when no value is defined."""
    finite = np.abs(error_pp[np.isfinite(error_pp)])
    return round(float(finite.max()), 2) if finite.size else None


def _relative(observed: float, simulated: float) -> float | None:
    """Simulated over observed minus 1; None when either is missing or observed is 0."""
    if np.isnan(observed) or np.isnan(simulated) or observed == 0.0:
        return None
    return round(float(simulated / observed - 1.0), 4)


def baseline_record(observed: Observed, simulated: Observed, baseline: MarkovBaseline) -> dict:
    """The simulator beside the calibration split's Markov chain, both against ``observed``.

    One-step rates; the shares of accounts in each state 1 to 5 months after
    April, for the whole split (``horizon_shares_pp``, the headline) and by
    April state (``horizon_by_start_pp``; its 3+ row rests on few accounts);
    and payment ratios with the simulator's relative error; and how the
    bills were paid (``payment_profile``: shares with no payment and paid in
    full, mean ratio of the partial payments; ``payment_ratio_by_bill``: the
    ratio by statement size), which tells a ratio off because bills are paid
    too often from one off because too much is paid, and shows which bills
    carry the error.
    """
    months = MONTHS[1:]
    sources = ("observed", "simulated", "baseline")
    shares = dict(zip(sources, (observed.shares[1:], simulated.shares[1:],
                                baseline.shares(observed.shares[0])), strict=True))
    horizon = dict(zip(sources, (observed.horizon, simulated.horizon, baseline.horizon), strict=True))
    baseline_error = (baseline.rates - observed.rates) * 100.0
    pair = (("observed", observed), ("simulated", simulated))
    return {
        "baseline_rates_pp": _matrix(baseline.rates * 100.0),
        "baseline_error_pp": _matrix(baseline_error),
        "baseline_max_abs_error_pp": _largest(baseline_error),
        "horizon_shares_pp": {month: {source: _vector(values[k] * 100.0, 2)
                                      for source, values in shares.items()}
                              for k, month in enumerate(months)},
        "horizon_max_abs_error_pp": _largest((shares["simulated"] - shares["observed"]) * 100.0),
        "baseline_horizon_max_abs_error_pp": _largest((shares["baseline"] - shares["observed"]) * 100.0),
        "horizon_by_start_accounts": dict(zip(STATES, observed.paths[0].sum(axis=1).tolist(),
                                              strict=True)),
        "horizon_by_start_pp": {month: {source: _matrix(values[k] * 100.0)
                                        for source, values in horizon.items()}
                                for k, month in enumerate(months)},
        "horizon_by_start_max_abs_error_pp": {
            name: {source: _largest((horizon[source][:, i] - horizon["observed"][:, i]) * 100.0)
                   for source in sources[1:]}
            for i, name in enumerate(STATES)},
        "payment_ratio": {name: {"observed": _number(observed.ratio[i]),
                                 "simulated": _number(simulated.ratio[i]),
                                 "baseline": _number(baseline.ratio[i]),
                                 "relative_error": _relative(observed.ratio[i], simulated.ratio[i])}
                          for i, name in enumerate(STATES)},
        "payment_profile": {name: {source: dict(zip(PROFILE_KEYS, map(_number, values.payments.profile[i]),
                                                    strict=True))
                                   for source, values in pair}
                            for i, name in enumerate(STATES)},
        "payment_ratio_by_bill": {name: {band: {
            **{source: _number(values.payments.band_ratio[i, b]) for source, values in pair},
            **{f"{source}_bills": int(values.payments.band_count[i, b]) for source, values in pair}}
            for b, band in enumerate(BILL_BAND_KEYS)} for i, name in enumerate(STATES)},
    }


def sampling_noise_pp(observed: Observed, simulated: Observed) -> np.ndarray:
    """Standard error, in points, of simulated minus observed rate if the model were exact.

    Both rates are read off a finite number of account-months, so even a
    perfect model misses by chance; a row with few accounts (3+ months late)
    misses by more. Binomial at the observed rate on each side; the months of
    one account are not independent, so the true noise is somewhat larger.
    """
    rates = np.nan_to_num(observed.rates)
    observed_n = np.maximum(observed.counts.sum(axis=1, keepdims=True), 1)
    simulated_n = np.maximum(simulated.counts.sum(axis=1, keepdims=True), 1)
    return np.sqrt(rates * (1.0 - rates) * (1.0 / observed_n + 1.0 / simulated_n)) * 100.0


def largest_z(error_pp: np.ndarray, noise_pp: np.ndarray) -> float:
    """Largest error in units of its noise, over the rates that have noise.

    One number for the whole table: with an exact model and the validation
    split's account-months it exceeds 2.5 in about 7 % of validations and 3 in
    about 2 % (more often with fewer accounts; docs/modelo.md), so a larger
    value is a miss the finite sample hardly explains.
    """
    has_noise = noise_pp > 0.0
    if not has_noise.any():
        return 0.0
    return float(np.abs(np.nan_to_num(error_pp[has_noise]) / noise_pp[has_noise]).max())


def comparison(observed: Observed, simulated: Observed, baseline: MarkovBaseline, *, split: str,
               rows: int, accounts: int, seed: int, replications: int,
               parameters: ModelParameters) -> dict:
    """Observed against simulated monthly transition rates, in percentage points, and the baseline.

    ``rows`` is the size of the split; ``accounts`` how many of its rows were
    used, both for the observed rates and as simulated accounts.
    """
    error = (simulated.rates - observed.rates) * 100.0
    noise = sampling_noise_pp(observed, simulated)
    return {
        "split": split,
        "rows": rows,
        "accounts": accounts,
        "seed": seed,
        "replications": replications,
        "parameters_version": parameters.version,
        "states": list(STATES),
        "observed_counts": {a: {b: int(observed.counts[i, j]) for j, b in enumerate(STATES)}
                            for i, a in enumerate(STATES)},
        "observed_rates_pp": _matrix(observed.rates * 100.0),
        "simulated_rates_pp": _matrix(simulated.rates * 100.0),
        "error_pp": _matrix(error),
        "noise_pp": _matrix(noise),
        "max_abs_error_pp": round(float(np.nanmax(np.abs(error))), 2),
        "max_abs_z": round(largest_z(error, noise), 2),
        "observed_payment_ratio": _vector(observed.ratio),
        "simulated_payment_ratio": _vector(simulated.ratio),
        "observed_shares_pp": _shares(observed.shares),
        "simulated_shares_pp": _shares(simulated.shares),
        **baseline_record(observed, simulated, baseline),
    }


def risk_record(metrics: RiskMetrics | None) -> dict:
    """The risk score's AUC (overall and within each bucket) and Brier score for the JSON
    record (None without a risk model)."""
    if metrics is None:
        return {"risk_auc": None, "risk_auc_by_bucket": None, "risk_brier": None}
    return {"risk_auc": metrics.auc,
            "risk_auc_by_bucket": {name: bucket.auc for name, bucket in metrics.by_bucket.items()},
            "risk_brier": metrics.brier}


def _auc_text(auc: float | None) -> str:
    return "-" if auc is None else f"{auc:.4f}"


def risk_summary(auc: float | None, by_bucket: dict[str, float | None], brier: float) -> str:
    """One line of the score's quality: the AUC, the AUC within each bucket (what a
    strategy segmenting inside a bucket relies on) and the Brier score."""
    inside = ", ".join(f"{name} {_auc_text(value)}" for name, value in by_bucket.items())
    return f"AUC {_auc_text(auc)} (dentro de cada tramo: {inside}), Brier {brier:.4f}"


def risk_lines(metrics: dict[str, RiskMetrics]) -> list[str]:
    """One :func:`risk_summary` line per data split, named in Spanish."""
    return [f"  {_SPLIT_LABELS[name]}: " + risk_summary(
        m.auc, {bucket: b.auc for bucket, b in m.by_bucket.items()}, m.brier) for name, m in metrics.items()]


def _verdict(simulator: float | None, baseline: float | None) -> str:
    """Which of two errors is smaller, in plain words."""
    if simulator is None or baseline is None:
        return "sin datos para comparar"
    if simulator < baseline:
        return "el simulador es mejor"
    return "la línea base es mejor" if baseline < simulator else "empatan"


def _cell(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def _transition_lines(record: dict) -> list[str]:
    lines = [f"{'de':<14}{'a':<14}{'observado %':>12}{'simulado %':>12}{'error pp':>10}"
             f"{'ruido pp':>10}{'base %':>10}{'error base':>12}"]
    for a in STATES:
        for b in STATES:
            lines.append(f"{STATE_LABELS[a]:<14}{STATE_LABELS[b]:<14}"
                         f"{_cell(record['observed_rates_pp'][a][b], '.2f'):>12}"
                         f"{_cell(record['simulated_rates_pp'][a][b], '.2f'):>12}"
                         f"{_cell(record['error_pp'][a][b], '+.2f'):>10}"
                         f"{_cell(record['noise_pp'][a][b], '.2f'):>10}"
                         f"{_cell(record['baseline_rates_pp'][a][b], '.2f'):>10}"
                         f"{_cell(record['baseline_error_pp'][a][b], '+.2f'):>12}")
    simulator, baseline = record["max_abs_error_pp"], record["baseline_max_abs_error_pp"]
    in_sample = (["(en la partición de calibración la línea base se mide con los mismos datos de los "
                  "que sale: no es una prueba)"] if record["split"] == "calibration" else [])
    return lines + [
        "", "Línea base: la matriz de transición de la partición de calibración (cadena de Markov).",
        *in_sample,
        f"Error absoluto máximo a un mes: simulador {simulator:.2f} pp, línea base "
        f"{_cell(baseline, '.2f')} pp: {_verdict(simulator, baseline)}.",
        "(ruido: error estándar que tendría un modelo exacto con estas cuentas)",
        f"Error máximo medido en ruidos: {record['max_abs_z']:.2f} (un modelo exacto "
        "pasa de 2.5 en cerca de 1 de cada 10 validaciones)"]


def _ratio_lines(record: dict) -> list[str]:
    lines = [f"{'pago / estado de cuenta (media con tope 1)':<44}{'observado':>10}{'simulado':>10}"
             f"{'error %':>9}{'base':>8}"]
    misses = []
    for name in STATES:
        ratio = record["payment_ratio"][name]
        relative = ratio["relative_error"]
        lines.append(f"{STATE_LABELS[name]:<44}{_cell(ratio['observed'], '.3f'):>10}"
                     f"{_cell(ratio['simulated'], '.3f'):>10}"
                     f"{_cell(None if relative is None else relative * 100, '+.0f'):>9}"
                     f"{_cell(ratio['baseline'], '.3f'):>8}")
        if relative is None or abs(relative) > RATIO_TARGET:
            misses.append(STATE_LABELS[name])
    goal = f"Meta: simulado a no más de {RATIO_TARGET:.0%} del observado en cada estado; "
    return lines + [goal + ("se cumple." if not misses else f"no se cumple en {', '.join(misses)}."),
                    *_profile_lines(record)]


def _pair(entry: dict, key: str | None, spec: str, scale: float = 1.0) -> str:
    """Observed / simulated value of a record entry (of its ``key`` when given)."""
    values = (entry[source] if key is None else entry[source][key] for source in ("observed", "simulated"))
    return " / ".join(_cell(None if value is None else value * scale, spec) for value in values)


def _profile_lines(record: dict) -> list[str]:
    """How the bills were paid and the ratio by statement size, observed beside simulated."""
    lines = ["Cómo se pagó (observado / simulado)",
             f"{'':<16}{'sin pago, %':>16}{'pago completo, %':>20}{'media de los parciales':>26}"]
    for name in STATES:
        profile = record["payment_profile"][name]
        lines.append(f"{STATE_LABELS[name]:<16}{_pair(profile, 'no_payment', '.1f', 100.0):>16}"
                     f"{_pair(profile, 'full_payment', '.1f', 100.0):>20}"
                     f"{_pair(profile, 'partial_mean', '.3f'):>26}")
    lines += ["Razón por tamaño del estado de cuenta, NT$ (observado / simulado)",
              f"{'':<16}" + "".join(f"{band:>18}" for band in BILL_BAND_KEYS)]
    for name in STATES:
        bands = record["payment_ratio_by_bill"][name]
        lines.append(f"{STATE_LABELS[name]:<16}" + "".join(f"{_pair(bands[band], None, '.3f'):>18}"
                                                          for band in BILL_BAND_KEYS))
    return lines


def _share_lines(record: dict) -> list[str]:
    lines = ["Cuentas por estado, % (observado / simulado / línea base);",
             "de mayo a septiembre, pronóstico desde el estado de abril de cada cuenta",
             f"{'mes':<6}" + "".join(f"{STATE_LABELS[name]:>24}" for name in STATES)]
    for month in MONTHS:
        observed, simulated = record["observed_shares_pp"][month], record["simulated_shares_pp"][month]
        baseline = record["horizon_shares_pp"].get(month, {}).get("baseline")
        lines.append(f"{month:<6}" + "".join(
            f"{observed[name]:>8.1f} / {simulated[name]:>5.1f} / "
            f"{'-' if baseline is None else format(baseline[name], '.1f'):>5}" for name in STATES))
    simulator, base = record["horizon_max_abs_error_pp"], record["baseline_horizon_max_abs_error_pp"]
    lines += [f"Error absoluto máximo de mayo a septiembre: simulador {_cell(simulator, '.2f')} pp, "
              f"línea base {_cell(base, '.2f')} pp: {_verdict(simulator, base)}.", "",
              "Por estado de abril (error absoluto máximo de 1 a 5 meses, pp):"]
    for name in STATES:
        errors = record["horizon_by_start_max_abs_error_pp"][name]
        accounts = record["horizon_by_start_accounts"][name]
        lines.append(f"  {STATE_LABELS[name]:<14}{accounts:>6} {'cuenta' if accounts == 1 else 'cuentas'}:"
                     f" simulador "
                     f"{_cell(errors['simulated'], '.1f')}, línea base {_cell(errors['baseline'], '.1f')}"
                     f": {_verdict(errors['simulated'], errors['baseline'])}")
    return lines + ["  (con pocas cuentas en un estado, su error es sobre todo azar)"]


def comparison_table(record: dict) -> str:
    """The record as Spanish text: transitions, the baseline beside them, ratios, horizons, score."""
    lines = [
        f"Partición: {_SPLIT_LABELS[record['split']]} ({record['rows']} filas; "
        f"{record['accounts']} cuentas simuladas, semilla {record['seed']}, "
        f"{record['replications']} réplica(s))",
        f"Parámetros: {record['parameters_version']}",
        "",
        *_transition_lines(record), "",
        *_ratio_lines(record), "",
        *_share_lines(record),
    ]
    if record.get("risk_brier") is not None:
        lines += ["", "Puntaje de riesgo en estas cuentas: " + risk_summary(
            record["risk_auc"], record["risk_auc_by_bucket"], record["risk_brier"])]
    return "\n".join(lines)


def _rounded(value):
    """Floats to 6 significant digits, recursively, so the file stays readable."""
    if isinstance(value, float):
        return float(f"{value:.6g}")
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_rounded(item) for item in value]
    return value


def write_parameters(parameters: ModelParameters, multipliers: Multipliers, path: str | Path, *,
                     split: str, accounts: int, seed: int, strategy: str, record: dict,
                     today: dt.date | None = None) -> ModelParameters:
    """Write a complete parameter file (same shape as ``simulator/parameters.yaml``).

    ``version`` and ``source`` say where the numbers come from: UCI id 350, the
    split, the multipliers found and the date. Returns the parameters as
    written (values rounded to 6 significant digits).
    """
    today = today or dt.date.today()
    factors = ", ".join(f"{name}={value:g}" for name, value in multipliers.as_dict().items())
    data = _rounded(parameters.model_dump(mode="json"))
    data["version"] = f"uci350-{split}-{today.isoformat()}"
    data["instalment_basis"] = "pago_minimo"  # the built portfolio's instalment is a minimum payment
    data["source"] = (
        f"Calibrado el {today.isoformat()} con el conjunto UCI id 350 «Default of Credit Card "
        f"Clients» (Yeh y Lien 2009, CC BY 4.0, DOI 10.24432/C55S3H), partición «{split}», "
        f"{accounts} cuentas, semilla {seed}, estrategia «{strategy}». Multiplicadores globales "
        f"sobre los supuestos 0.1: {factors}. Error absoluto máximo de las tasas de transición "
        f"mensuales en la muestra de ajuste: {record['max_abs_error_pp']:.2f} pp. Ver "
        "docs/modelo.md, «Calibración con datos reales»."
    )
    header = (
        "# Parámetros calibrados con datos reales (UCI id 350, banco de Taiwán, 2005).\n"
        "# Archivo generado por `python -m simulator calibrate`; no lo edite a mano.\n"
        "# Misma forma que simulator/parameters.yaml: úselo con --parameters.\n"
        "# Montos en NT$ usados como pesos; ver docs/modelo.md.\n"
    )
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                                                  width=100), encoding="utf-8")
    except OSError as exc:
        raise CobranzaError(f"No se pudo escribir el archivo ({os_reason(exc)}).",
                            file=str(path)) from None
    return ModelParameters.model_validate(data)
