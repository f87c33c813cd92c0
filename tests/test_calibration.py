"""Calibration and validation on the UCI credit-card data (simulator/calibration/)."""

from __future__ import annotations

import hashlib
import json
import re

import numpy as np
import pandas as pd
import pytest

from simulator import Replication, Simulation, dataset, load_parameters, load_portfolio
from simulator.buckets import BUCKET_NAMES
from simulator.calibration.baseline import markov_baseline
from simulator.calibration.data import (
    PAYMENT_COLUMNS,
    REQUIRED_COLUMNS,
    STATES,
    STATUS_COLUMNS,
    CalibrationError,
    Observed,
    Payments,
    horizon_counts,
    load_uci,
    observe,
    payment_breakdown,
    payment_ratios,
    pooled,
    select_split,
    state_of_status,
)
from simulator.calibration.fit import MAX_WEIGHT, SHARE_WEIGHT, objective
from simulator.calibration.multipliers import Multipliers, apply_multipliers
from simulator.calibration.portfolio import (
    BILL_FRAME_COLUMNS,
    FULL_PAYER_MIX,
    build_portfolio,
    holder_accounts,
)
from simulator.calibration.report import (
    BILL_BAND_KEYS,
    PROFILE_KEYS,
    RESULT_KEYS,
    comparison_table,
    largest_z,
    sampling_noise_pp,
)
from simulator.calibration.simulate import simulate_one
from simulator.cli.calibration import (
    DEFAULT_DATA,
    DEFAULT_PARAMETERS,
    DEFAULT_REPLICATIONS,
    DEFAULT_STRATEGY,
    sample_rows,
)
from simulator.cli.main import build_parser, main
from simulator.errors import CobranzaError
from simulator.paths import PROJECT_ROOT
from simulator.strategies import load_strategy

UCI_SHA256 = "84ba892a2a55a0d711259f30084753f22b14b0c56303baf25ced4e7600230248"
#: ``Observed.payments`` of a record whose payments a test does not look at.
_NO_PAYMENTS = Payments(np.zeros((3, 3), np.int64), np.full(3, np.nan), np.full((3, 4), np.nan),
                        np.zeros((3, 4), np.int64))

#: The committed file's validation numbers are not in the docs yet: the third revision of 2026-12-07 was
#: chosen on the calibration split alone, and the validation split is read once, by the next session,
#: which records its numbers in docs/modelo.md and removes this mark (strict: it fails once they pass).
def _row(uid: int, status: list[int], bill: int = 10_000, paid: int = 500) -> dict:
    """One UCI-shaped row; ``status`` in time order (April ... September)."""
    row = {"ID": uid, "LIMIT_BAL": 50_000, "SEX": 1, "EDUCATION": 2, "MARRIAGE": 1, "AGE": 30}
    row.update(dict(zip(STATUS_COLUMNS, status, strict=True)))
    row.update({f"BILL_AMT{k}": bill for k in range(1, 7)})
    row.update({f"PAY_AMT{k}": paid for k in range(1, 7)})
    row["default_next_month"] = 0
    return row


def _write(tmp_path, rows: list[dict], name: str = "mini.csv"):
    path = tmp_path / name
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_bundled_copy_is_byte_identical_to_the_documented_file():
    digest = hashlib.sha256(DEFAULT_DATA.read_bytes()).hexdigest()
    assert digest == UCI_SHA256
    assert UCI_SHA256 in (PROJECT_ROOT / "datasets" / "real" / "README.md").read_text("utf-8")


def test_states_merge_one_and_two_and_treat_codes_as_levels():
    assert state_of_status([-2, -1, 0, 1, 2, 3, 8]).tolist() == [0, 0, 0, 1, 1, 2, 2]


def test_observed_transitions_on_a_hand_made_file(tmp_path):
    path = _write(tmp_path, [
        _row(1, [0, 0, 0, 0, 0, 0]),        # 5 x current -> current
        _row(2, [-1, 2, 2, 3, 2, 0]),       # cur->late, late->late, late->3+, 3+->late, late->cur
        _row(3, [2, 3, 3, 4, -2, 1]),       # late->3+, 3+->3+ (x2), 3+->cur, cur->late
    ])
    observed = observe(load_uci(path))
    assert observed.counts.tolist() == [[5, 2, 0], [1, 1, 2], [1, 1, 2]]
    assert observed.rates[1].tolist() == pytest.approx([0.25, 0.25, 0.5])
    assert observed.rates.sum(axis=1) == pytest.approx([1.0, 1.0, 1.0])


def test_payment_ratio_is_capped_and_skips_empty_bills():
    states = np.array([[0, 0, 1]])
    bills = np.array([[1_000.0, 0.0, 2_000.0]])
    paid = np.array([[50_000.0, 700.0, 100.0]])  # a huge overpayment counts as 1
    means, counts = payment_ratios(states, bills, paid)
    assert means[0] == pytest.approx(1.0) and counts[0] == 1  # the empty bill is left out
    assert means[1] == pytest.approx(0.05) and counts[1] == 1
    assert np.isnan(means[2]) and counts[2] == 0


def test_payment_breakdown_tells_how_often_from_how_much_and_which_bills():
    states = np.array([[0, 0, 0, 1], [1, 1, 2, -1]])
    bills = np.array([[1_000.0, 1_000.0, 20_000.0, 500.0], [60_000.0, 0.0, 1_000.0, 1_000.0]])
    paid = np.array([[0.0, 5_000.0, 5_000.0, 100.0], [12_000.0, 900.0, 0.0, 1_000.0]])
    payments = payment_breakdown(states, bills, paid)
    assert payments.kinds.tolist() == [[1, 1, 1], [0, 2, 0], [1, 0, 0]]  # no bill, no state: left out
    assert payments.partial[:2] == pytest.approx([0.25, (0.2 + 0.2) / 2]) and np.isnan(payments.partial[2])
    means, counts = payment_ratios(states, bills, paid)
    assert payments.kinds.sum(axis=1).tolist() == counts.tolist() == payments.band_count.sum(axis=1).tolist()
    profile = payments.profile
    mixed = (1 - profile[:, 0] - profile[:, 1]) * np.nan_to_num(profile[:, 2]) + profile[:, 1]
    assert mixed == pytest.approx(means)  # the mean ratio is the mix of the three kinds
    assert payments.band_count.tolist() == [[2, 0, 1, 0], [1, 0, 0, 1], [1, 0, 0, 0]]  # 20,000 is band 3
    assert payments.band_ratio[0, 0] == pytest.approx(0.5) and payments.band_ratio[1, 3] == pytest.approx(0.2)
    assert np.isnan(payments.band_ratio[0, 1])


def test_pooled_payments_weigh_each_mean_by_its_count():
    def run(kinds, partial, band_ratio, band_count):
        return Observed(np.zeros((3, 3), np.int64), np.full(3, np.nan), np.zeros(3, np.int64),
                        np.zeros((6, 3)), np.zeros((5, 3, 3), np.int64), np.zeros((6, 3)),
                        Payments(*map(np.array, (kinds, partial, band_ratio, band_count))))

    no_band = [[np.nan] * 4] * 3
    both = pooled([run([[1, 3, 0], [2, 0, 0], [0, 0, 0]], [0.1, np.nan, np.nan],
                       [[0.5, np.nan, np.nan, np.nan]] + no_band[1:], [[4, 0, 0, 0], [2, 0, 0, 0], [0] * 4]),
                   run([[0, 1, 1], [1, 1, 0], [0, 0, 0]], [0.5, 0.2, np.nan],
                       [[0.0, 0.75, np.nan, np.nan]] + no_band[1:], [[1, 1, 0, 0], [2, 0, 0, 0], [0] * 4])])
    payments = both.payments
    assert payments.kinds.tolist() == [[1, 4, 1], [3, 1, 0], [0, 0, 0]]
    assert payments.profile[0] == pytest.approx([1 / 6, 1 / 6, (3 * 0.1 + 0.5) / 4])
    assert payments.profile[1] == pytest.approx([0.75, 0.0, 0.2])
    assert np.isnan(payments.profile[2]).all()  # no bill in that state
    assert payments.band_ratio[0, :2] == pytest.approx([0.4, 0.75]) and np.isnan(payments.band_ratio[0, 2])
    assert payments.band_count[0].tolist() == [5, 1, 0, 0]


def test_payment_ratio_pairs_each_bill_with_the_next_months_payment(tmp_path):
    row = _row(1, [0, 0, 0, 0, 0, 0], bill=1_000)
    row.update({name: 0 for name in PAYMENT_COLUMNS})
    row["PAY_AMT5"] = 250  # paid in May: answers the April bill (BILL_AMT6)
    observed = observe(load_uci(_write(tmp_path, [row])))
    assert observed.ratio[0] == pytest.approx(0.25 / 5)
    assert observed.ratio_count[0] == 5


def test_split_selection_by_id(tmp_path):
    rows = [_row(uid, [0] * 6) for uid in (1, 23_999, 24_000, 24_001, 30_000)]
    table = load_uci(_write(tmp_path, rows))
    assert select_split(table, "calibration")["ID"].tolist() == [1, 23_999, 24_000]
    assert select_split(table, "validation")["ID"].tolist() == [24_001, 30_000]
    with pytest.raises(ValueError):
        select_split(table, "test")


def test_real_splits_have_the_documented_sizes_and_default_rates():
    table = load_uci(DEFAULT_DATA)
    calibration, validation = select_split(table, "calibration"), select_split(table, "validation")
    assert (len(calibration), len(validation)) == (24_000, 6_000)
    full = pd.read_csv(DEFAULT_DATA, usecols=["ID", "default_next_month"])
    rate = full.groupby(full["ID"] > 24_000)["default_next_month"].mean()
    assert rate.round(4).tolist() == [0.2238, 0.2110]


@pytest.mark.parametrize(("column", "value", "expected"), [
    ("PAY_AMT3", "12.5", "entero"),
    ("PAY_4", "x", "entero"),
    ("PAY_0", "12", "de -2 a 9"),
    ("BILL_AMT2", "", "entero"),
])
def test_malformed_file_names_file_row_and_column(tmp_path, column, value, expected):
    rows = [_row(1, [0] * 6), _row(2, [0] * 6), _row(3, [0] * 6)]
    frame = pd.DataFrame(rows).astype(str)
    frame.loc[1, column] = value
    path = tmp_path / "roto.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(CalibrationError) as caught:
        load_uci(path)
    error = caught.value
    assert isinstance(error, CobranzaError)
    assert (error.file, error.row, error.field) == (str(path), 3, column)
    assert expected in str(error) and "roto.csv" in str(error)


def test_missing_column_and_missing_file(tmp_path):
    frame = pd.DataFrame([_row(1, [0] * 6)]).drop(columns=["PAY_AMT2"])
    frame.to_csv(tmp_path / "corto.csv", index=False)
    with pytest.raises(CalibrationError, match="PAY_AMT2") as caught:
        load_uci(tmp_path / "corto.csv")
    assert caught.value.row == 1 and caught.value.field == "PAY_AMT2"
    with pytest.raises(CalibrationError, match="No se encontró"):
        load_uci(tmp_path / "no_existe.csv")
    assert set(REQUIRED_COLUMNS) <= set(_row(1, [0] * 6))


def test_built_portfolio_follows_the_portfolio_schema(tmp_path):
    rows = sample_rows(select_split(load_uci(DEFAULT_DATA), "calibration"), 400, seed=3)
    portfolio = build_portfolio(rows)
    path = tmp_path / "uci.csv"
    portfolio.to_csv(path, index=False)
    loaded = load_portfolio(path)  # the engine's own door accepts it
    assert len(loaded) == 400
    late = state_of_status(rows["PAY_6"]) > 0
    assert (portfolio["days_past_due"].to_numpy() > 0).tolist() == late.tolist()
    assert (portfolio["instalment_mxn"] <= portfolio["balance_mxn"]).all()


def test_full_payers_are_billed_their_whole_statement_but_the_risk_score_reads_the_april_position(
        tmp_path):
    rows = load_uci(_write(tmp_path, [_row(1, [-1] * 6, bill=30_000), _row(2, [-2] * 6, bill=0),
                                      _row(3, [0] * 6, bill=30_000), _row(4, [2] * 6, bill=30_000)]))
    portfolio, holders = build_portfolio(rows), holder_accounts(rows)
    assert portfolio["instalment_mxn"].tolist() == [30_000.0, 1_000.0, 1_500.0, 1_500.0]
    assert portfolio["balance_mxn"].tolist() == [180_000.0, 6_000.0, 30_000.0, 30_000.0]
    assert holders["instalment_mxn"].tolist() == [1_500.0, 1_000.0, 1_500.0, 1_500.0]
    assert holders["balance_mxn"].tolist() == [30_000.0, 6_000.0, 30_000.0, 30_000.0]
    assert portfolio[list(BILL_FRAME_COLUMNS)].to_numpy().tolist()[1] == [0.0] * 6
    assert portfolio["persona_mix"].tolist() == [FULL_PAYER_MIX, FULL_PAYER_MIX, "", ""]


def test_a_late_accounts_overdue_instalments_fit_in_its_april_statement(tmp_path):
    """A small bill six months late holds its arrears: six overdue minimums of 1,000 would owe
    6,000 on a 2,000 statement, and one of them would look like half the bill paid."""
    rows = load_uci(_write(tmp_path, [_row(1, [7] * 6, bill=2_000), _row(2, [3] * 6, bill=2_000),
                                      _row(3, [7] * 6, bill=300_000)]))
    portfolio, holders = build_portfolio(rows), holder_accounts(rows)
    assert portfolio["days_past_due"].tolist() == [170, 80, 170]  # six and three bills open at day 0
    assert portfolio["instalment_mxn"].tolist() == [333.33, 666.67, 15_000.0]
    assert holders["instalment_mxn"].tolist() == [1_000.0, 1_000.0, 15_000.0]  # the risk score's view


def _never_paying(tmp_path, statuses):
    """One replication of accounts that never pay and are never contacted."""
    rows = load_uci(_write(tmp_path, [_row(i + 1, status) for i, status in enumerate(statuses)]))
    silent = apply_multipliers(load_parameters(DEFAULT_PARAMETERS), Multipliers(floor=1e-12, cycle=1e-12))
    return simulate_one(build_portfolio(rows), load_strategy(dataset("strategies", "nada.yaml")),
                        silent, seed=1, replication=0)


def test_first_read_is_the_april_status_and_paths_start_from_it(tmp_path):
    """Day 0 stands for the April status: an account current in April that never pays is
    20 days late at the next statement (May, 1-2 months), 50 at June's and 80 at July's (3+)."""
    simulated = _never_paying(tmp_path, [[0] * 6, [2] * 6])
    assert simulated.shares[0].tolist() == [0.5, 0.5, 0.0]  # the data's April shares
    current, late = simulated.horizon[:, 0], simulated.horizon[:, 1]
    assert current.argmax(axis=1).tolist() == [1, 1, 2, 2, 2]
    assert late.argmax(axis=1).tolist() == [1, 2, 2, 2, 2]


def test_simulated_ratio_divides_by_each_months_bill(tmp_path):
    rows = load_uci(_write(tmp_path, [_row(i + 1, [0] * 6, bill=40_000) for i in range(40)]))
    portfolio = build_portfolio(rows)
    parameters, strategy = load_parameters(DEFAULT_PARAMETERS), load_strategy(DEFAULT_STRATEGY)
    first = simulate_one(portfolio, strategy, parameters, seed=3, replication=0)
    doubled = portfolio.assign(**{name: 2 * portfolio[name] for name in BILL_FRAME_COLUMNS})
    second = simulate_one(doubled, strategy, parameters, seed=3, replication=0)
    assert first.ratio[0] > 0.0 and second.ratio[0] == pytest.approx(first.ratio[0] / 2)


def test_objective_weighs_the_largest_monthly_share_miss_like_the_largest_rate_miss():
    counts = np.array([[90, 10, 0], [30, 60, 10], [10, 30, 60]])
    shares = np.tile([0.8, 0.15, 0.05], (6, 1))

    def observed(month_shares):
        return Observed(counts, np.array([0.3, 0.05, 0.01]), np.ones(3, np.int64), month_shares,
                        np.zeros((5, 3, 3), np.int64), shares, _NO_PAYMENTS)

    spread, peaked = shares.copy(), shares.copy()
    spread[1:, :2] += [[0.01, -0.01]] * 5  # one point off in five months
    peaked[3, :2] += [0.0224, -0.0224]  # about the same squared error in one month
    data = observed(shares)
    sums = [(100 * (x - shares)) ** 2 for x in (spread, peaked)]
    assert sums[0].sum() == pytest.approx(sums[1].sum(), rel=0.01)
    assert objective(observed(peaked), data) - objective(observed(spread), data) > MAX_WEIGHT * 3.0


def test_full_payers_have_their_own_shares_in_data_and_simulation(tmp_path):
    rows = load_uci(_write(tmp_path, [_row(1, [-1] * 6), _row(2, [-2, 2, 2, 2, 2, 2]),
                                      _row(3, [0, 2, 2, 2, 2, 2]), _row(4, [2] * 6)]))
    data = observe(rows)
    assert data.full_shares[:, 1].tolist() == [0.0] + [0.5] * 5  # the two full payers alone
    assert data.shares[1:, 1].tolist() == [0.75] * 5
    simulated = _never_paying(tmp_path, [[-1] * 6, [0] * 6])
    assert simulated.full_shares[0].tolist() == [1.0, 0.0, 0.0]
    assert simulated.full_shares[3].tolist() == [0.0, 0.0, 1.0]  # the full payer who never pays


def test_objective_weighs_the_full_payers_shares():
    counts = np.array([[90, 10, 0], [30, 60, 10], [10, 30, 60]])
    shares = np.tile([0.8, 0.15, 0.05], (6, 1))
    full = np.tile([0.97, 0.03, 0.0], (6, 1))

    def observed(full_shares):
        return Observed(counts, np.array([0.3, 0.05, 0.01]), np.ones(3, np.int64), shares,
                        np.zeros((5, 3, 3), np.int64), full_shares, _NO_PAYMENTS)

    behind = full.copy()
    behind[1:] = [0.9, 0.1, 0.0]  # full payers seven points more often late, every month
    assert objective(observed(full), observed(full)) == 0.0
    assert objective(observed(behind), observed(full)) == pytest.approx(SHARE_WEIGHT * 5 * 2 * 7.0**2)


def test_neutral_multipliers_change_nothing_and_mixes_stay_valid():
    base = load_parameters()
    same = apply_multipliers(base, Multipliers())
    for name, persona in base.personas.items():
        assert same.personas[name].floor_per_day == pytest.approx(persona.floor_per_day)
        assert same.personas[name].full_payment_probability == pytest.approx(
            persona.full_payment_probability, abs=1e-6)
    moved = apply_multipliers(base, Multipliers(willing_current=3.0, willing_late=0.2,
                                                contrast=0.5, full_payment=0.2))
    for mix in moved.persona_mix.values():
        assert sum(mix.values()) == pytest.approx(1.0, abs=1e-6)
    assert moved.persona_mix["al_corriente"]["puntual"] > base.persona_mix["al_corriente"]["puntual"]
    assert moved.persona_mix["90+"]["insolvente"] > base.persona_mix["90+"]["insolvente"]
    assert same.full_payment_arrears_factor == base.full_payment_arrears_factor == 1.0
    assert apply_multipliers(base, Multipliers(arrears_full=0.4)).full_payment_arrears_factor == 0.4
    assert apply_multipliers(base, Multipliers(arrears_full=3.0)).full_payment_arrears_factor == 1.0
    assert same.persona_mix[FULL_PAYER_MIX] == pytest.approx(base.persona_mix["al_corriente"], abs=1e-6)
    full = apply_multipliers(base, Multipliers(willing_current=2.0, willing_full=3.0)).persona_mix
    assert full[FULL_PAYER_MIX]["puntual"] > full["al_corriente"]["puntual"] > (
        base.persona_mix["al_corriente"]["puntual"])


def test_the_lender_practice_asks_a_late_account_for_one_instalment_only():
    """A card issuer's collector asks for the minimum due, not every overdue instalment."""
    practice = load_strategy(DEFAULT_STRATEGY)
    assert practice.negotiation.promise_amount == "pago_minimo"
    portfolio = pd.DataFrame([{
        "account_id": f"L{i}", "balance_mxn": 30_000.0, "days_past_due": 80, "instalment_mxn": 1_500.0,
        "income_cycle": "mensual", "payday": 1 + i % 28, "billing_day": 15, "phone_valid": True,
        "whatsapp_opt_in": False, "email_valid": True, "address_valid": True, "jurisdiction": "MX",
    } for i in range(40)])  # three instalments overdue (4,500) at day 0
    result = Simulation(portfolio, practice, load_parameters(DEFAULT_PARAMETERS),
                        Replication(days=60, seed=2)).run()
    assert len(result.promises) > 5
    assert (result.promises["amount_mxn"] == 1_500.0).all()


def test_validate_json_on_a_small_sample_prints_the_documented_keys(capsys):
    status = main(["validate", "--accounts", "300", "--seed", "5", "--replications", "2", "--json"])
    assert status == 0
    record = json.loads(capsys.readouterr().out)
    assert tuple(record) == RESULT_KEYS
    assert record["accounts"] == 300 and record["split"] == "validation"
    for row in record["simulated_rates_pp"].values():
        assert sum(row.values()) == pytest.approx(100.0, abs=0.05)
    errors = [abs(v) for row in record["error_pp"].values() for v in row.values()]
    assert record["max_abs_error_pp"] == pytest.approx(max(errors), abs=0.01)
    assert 0.7 < record["risk_auc"] <= 1.0 and 0.0 < record["risk_brier"] < 0.1
    assert {"al_corriente", "1-30"} <= set(record["risk_auc_by_bucket"]) <= set(BUCKET_NAMES)
    table = comparison_table(record)
    assert table.startswith("Partición: validación (6000 filas; 300 cuentas")
    assert "dentro de cada tramo: al_corriente " in table


def test_calibrate_writes_a_loadable_complete_parameter_file(tmp_path, capsys):
    out = tmp_path / "mini.yaml"
    status = main(["calibrate", "--accounts", "150", "--evaluations", "3", "--out", str(out),
                   "--json"])
    assert status == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["evaluations"] <= 4 and set(summary["multipliers"]) >= {"floor", "capacity"}
    written = load_parameters(out)
    assert written.version.startswith("uci350-calibration-")
    assert "UCI id 350" in written.source and "floor=" in written.source
    assert set(written.personas) == set(load_parameters().personas)
    assert written.risk.fitted_on == "calibration"  # fitted on all 24,000 rows, not the sample
    assert written.risk.metrics["calibration"].rows == 24_000
    assert summary["risk_metrics"]["validation"]["rows"] == 6_000


def test_bad_data_path_is_one_spanish_line(tmp_path, capsys):
    status = main(["validate", "--data", str(tmp_path / "nada.csv"), "--accounts", "10"])
    assert status == 2
    assert "nada.csv" in capsys.readouterr().err


def test_committed_calibration_loads_and_its_validation_error_is_the_documented_one(capsys):
    parameters = load_parameters(DEFAULT_PARAMETERS)
    assert parameters.version.startswith("uci350-calibration-")
    assert "UCI id 350" in parameters.source
    assert main(["validate", "--replications", "1", "--json"]) == 0  # whole validation split, seed 7
    record = json.loads(capsys.readouterr().out)
    docs = (PROJECT_ROOT / "docs" / "modelo.md").read_text(encoding="utf-8")
    recorded = re.search(r"`max_abs_error_pp` de validación: \*\*([0-9.]+)\*\*", docs)
    assert recorded, "docs/modelo.md debe registrar el error máximo de validación"
    assert float(recorded.group(1)) == pytest.approx(record["max_abs_error_pp"], abs=0.005)
    auc = re.search(r"`risk_auc` de validación: \*\*([0-9.]+)\*\*", docs)
    assert auc, "docs/modelo.md debe registrar el AUC de validación del puntaje de riesgo"
    assert float(auc.group(1)) == pytest.approx(record["risk_auc"], abs=5e-5)
    for bucket in ("al_corriente", "1-30"):  # the within-bucket table of «Puntaje de riesgo»
        assert f"**{record['risk_auc_by_bucket'][bucket]:.3f}**" in docs, bucket
    assert dataset("calibration", "practica_prestamista.yaml").exists()


def test_sampling_noise_is_the_binomial_error_of_both_rates():
    def observed(counts):
        return Observed(np.array(counts, dtype=np.int64), np.full(3, np.nan), np.zeros(3, np.int64),
                        np.zeros((6, 3)), np.zeros((5, 3, 3), np.int64), np.zeros((6, 3)), _NO_PAYMENTS)

    data = observed([[90, 10, 0], [50, 50, 0], [0, 0, 0]])
    simulation = observed([[180, 20, 0], [25, 75, 0], [0, 0, 0]])
    noise = sampling_noise_pp(data, simulation)
    # 50 % on 100 and 100 account-months: sqrt(0.25 * (1/100 + 1/100)) = 7.07 points
    assert noise[1, 0] == pytest.approx(7.0711, abs=1e-4) and noise[1, 1] == noise[1, 0]
    assert noise[0, 1] == pytest.approx(100 * np.sqrt(0.09 * (1 / 100 + 1 / 200)))
    assert noise[2].tolist() == [0.0, 0.0, 0.0] and noise[0, 2] == 0.0  # no data, no rate


def _largest_z_of_draws(rates, shifted, draws=2_000):
    """``largest_z`` of data drawn from ``rates`` against a model that simulates ``shifted``,
    each with the validation split's numbers of account-months per state."""
    rng = np.random.default_rng(11)
    months = np.array([26_701, 2_963, 336])

    def drawn(probabilities):
        counts = np.array([rng.multinomial(n, p) for n, p in zip(months, probabilities, strict=True)])
        return Observed(counts, np.full(3, np.nan), np.zeros(3, np.int64), np.zeros((6, 3)),
                        np.zeros((5, 3, 3), np.int64), np.zeros((6, 3)), _NO_PAYMENTS)

    values = []
    for _ in range(draws):
        data, simulation = drawn(rates), drawn(shifted)
        error = (simulation.rates - data.rates) * 100.0
        values.append(largest_z(error, sampling_noise_pp(data, simulation)))
    return np.array(values)


def test_an_exact_model_rarely_misses_by_more_than_two_and_a_half_noise_units():
    rates = np.array([[0.94, 0.06, 0.0], [0.25, 0.68, 0.07], [0.12, 0.37, 0.51]])
    exact = _largest_z_of_draws(rates, rates)
    assert 0.04 < (exact > 2.5).mean() < 0.11  # documented: about 7 %
    assert (exact > 3.0).mean() < 0.04  # documented: about 2 %
    biased = rates.copy()
    biased[1] = [0.25, 0.71, 0.04]  # three points too few roll from 1-2 months into 3+
    assert (_largest_z_of_draws(rates, biased, draws=300) > 2.5).mean() > 0.9


def test_paths_follow_each_account_from_its_april_state(tmp_path):
    start = np.array([0, 0, 1, 2])
    later = np.array([[0, 1], [1, 1], [0, 0], [2, 1]])  # one and two months after April
    counts = horizon_counts(start, later)
    assert counts[0].tolist() == [[1, 1, 0], [1, 0, 0], [0, 0, 1]]
    assert counts[1].tolist() == [[0, 2, 0], [1, 0, 0], [0, 1, 0]]
    observed = observe(load_uci(_write(tmp_path, [_row(1, [0, 0, 2, 2, 3, 0]),
                                                  _row(2, [2, 0, 0, 0, 0, 0])])))
    assert observed.paths.shape == (5, 3, 3)
    assert observed.horizon[3, 0].tolist() == [0.0, 0.0, 1.0]  # current in April, 3+ in August
    assert observed.horizon[:, 1, 0].tolist() == [1.0] * 5
    assert np.isnan(observed.horizon[:, 2]).all()  # no account starts 3+ months late


def test_markov_baseline_is_the_calibration_chain_and_its_powers():
    counts = np.array([[90, 10, 0], [30, 60, 10], [0, 0, 0]])  # nobody started 3+ months late
    calibration = Observed(counts, np.array([0.4, 0.05, np.nan]), np.zeros(3, np.int64),
                           np.zeros((6, 3)), np.zeros((5, 3, 3), np.int64), np.zeros((6, 3)), _NO_PAYMENTS)
    baseline = markov_baseline(calibration)
    step = np.array([[0.9, 0.1, 0.0], [0.3, 0.6, 0.1], [0.0, 0.0, 1.0]])  # an empty row stays put
    assert baseline.horizon[0] == pytest.approx(step)
    assert baseline.horizon[4] == pytest.approx(np.linalg.matrix_power(step, 5))
    assert baseline.horizon.sum(axis=2) == pytest.approx(np.ones((5, 3)))
    shares = baseline.shares([0.8, 0.2, 0.0])
    assert shares[0] == pytest.approx([0.78, 0.2, 0.02])
    assert shares.sum(axis=1) == pytest.approx(np.ones(5))
    assert np.isnan(baseline.rates[2]).all() and baseline.ratio[1] == 0.05


def test_validate_pools_twenty_replications_unless_told():
    assert DEFAULT_REPLICATIONS == 20
    assert build_parser().parse_args(["validate"]).replications == DEFAULT_REPLICATIONS


def _validate(capsys, *argv) -> dict:
    assert main(["validate", "--json", *argv]) == 0
    return json.loads(capsys.readouterr().out)


def test_validate_sets_the_simulator_beside_the_baseline_in_sane_units(capsys):
    record = _validate(capsys, "--accounts", "250", "--seed", "3", "--replications", "2")
    assert record["replications"] == 2
    for name in ("baseline_max_abs_error_pp", "horizon_max_abs_error_pp",
                 "baseline_horizon_max_abs_error_pp"):
        assert isinstance(record[name], float) and 0.0 <= record[name] <= 100.0
    baseline_errors = [abs(v) for row in record["baseline_error_pp"].values() for v in row.values()]
    assert record["baseline_max_abs_error_pp"] == pytest.approx(max(baseline_errors), abs=0.01)
    months = record["horizon_shares_pp"]
    assert list(months) == ["may", "jun", "jul", "ago", "sep"]
    for month, sources in months.items():
        for source in ("observed", "simulated", "baseline"):
            assert sum(sources[source].values()) == pytest.approx(100.0, abs=0.05), (month, source)
        assert sources["observed"] == record["observed_shares_pp"][month]
    simulated_gap = max(abs(s["simulated"][n] - s["observed"][n]) for s in months.values() for n in STATES)
    assert record["horizon_max_abs_error_pp"] == pytest.approx(simulated_gap, abs=0.02)
    assert sum(record["horizon_by_start_accounts"].values()) == 250
    for sources in record["horizon_by_start_pp"].values():
        for source, matrix in sources.items():
            for start, row in matrix.items():
                if record["horizon_by_start_accounts"][start]:
                    assert sum(row.values()) == pytest.approx(100.0, abs=0.05), (source, start)
    assert set(record["payment_ratio"]) == set(STATES)
    for name, ratio in record["payment_ratio"].items():
        assert set(ratio) == {"observed", "simulated", "baseline", "relative_error"}
        assert 0.0 <= ratio["baseline"] <= 1.0 and 0.0 <= ratio["simulated"] <= 1.0
        if ratio["observed"]:
            assert ratio["relative_error"] == pytest.approx(ratio["simulated"] / ratio["observed"] - 1,
                                                            abs=0.01), name
    json.dumps(record, allow_nan=False)  # no NaN: every empty value is null
    table = comparison_table(record)
    assert "Error absoluto máximo a un mes: simulador" in table
    assert "Error absoluto máximo de mayo a septiembre: simulador" in table
    assert re.search(r"(el simulador|la línea base) es mejor|empatan", table)


def test_baseline_comes_from_the_calibration_rows_only(tmp_path, capsys):
    calibration = [_row(1, [0, 0, 2, 2, 0, 0]), _row(2, [2, 3, 3, 2, 0, 0]), _row(3, [0] * 6)]
    held_out = [_row(24_001, [0, 2, 3, 4, 5, 6]), _row(24_002, [2, 2, 0, 0, 0, 2])]
    moved = [_row(24_001, [0, 0, 0, 0, 0, 0]), _row(24_002, [3, 3, 2, 2, 0, 0])]
    first = _validate(capsys, "--data", str(_write(tmp_path, calibration + held_out, "a.csv")),
                      "--replications", "1")
    second = _validate(capsys, "--data", str(_write(tmp_path, calibration + moved, "b.csv")),
                       "--replications", "1")
    assert first["observed_rates_pp"] != second["observed_rates_pp"]  # the held-out rows did move
    assert first["baseline_rates_pp"] == second["baseline_rates_pp"]
    chain = observe(select_split(load_uci(tmp_path / "a.csv"), "calibration")).rates * 100.0
    baseline = np.array([list(row.values()) for row in first["baseline_rates_pp"].values()])
    assert baseline == pytest.approx(chain, abs=0.005)


def test_validate_shows_how_the_bills_were_paid_on_the_calibration_split(capsys):
    record = _validate(capsys, "--split", "calibration", "--accounts", "300", "--seed", "4",
                       "--replications", "1")
    assert record["split"] == "calibration"
    for name in STATES:
        sources = record["payment_profile"][name]
        assert set(sources) == {"observed", "simulated"}
        for source, profile in sources.items():
            assert tuple(profile) == PROFILE_KEYS
            ratio = record["payment_ratio"][name][source]
            if ratio is not None and profile["partial_mean"] is not None:
                mixed = (1 - profile["no_payment"] - profile["full_payment"]) * profile["partial_mean"]
                assert mixed + profile["full_payment"] == pytest.approx(ratio, abs=0.002), (name, source)
    for name, bands in record["payment_ratio_by_bill"].items():
        assert tuple(bands) == BILL_BAND_KEYS == ("0-5000", "5000-20000", "20000-50000", "50000+")
        for source in ("observed", "simulated"):
            bills = [band[f"{source}_bills"] for band in bands.values()]
            ratio = record["payment_ratio"][name][source]
            if sum(bills):
                weighted = sum(band[source] * band[f"{source}_bills"]
                               for band in bands.values() if band[source] is not None)
                assert weighted / sum(bills) == pytest.approx(ratio, abs=0.002), (name, source)
    table = comparison_table(record)
    assert "Cómo se pagó (observado / simulado)" in table
    current = record["payment_profile"]["al_corriente"]["observed"]
    assert f"{current['no_payment'] * 100:.1f} / " in table
    assert "Razón por tamaño del estado de cuenta, NT$ (observado / simulado)" in table


def test_same_seed_same_validation_and_another_seed_another(capsys):
    argv = ("--accounts", "200", "--replications", "2")
    first, again = _validate(capsys, *argv, "--seed", "11"), _validate(capsys, *argv, "--seed", "11")
    assert first == again
    other = _validate(capsys, *argv, "--seed", "12")
    assert other["simulated_rates_pp"] != first["simulated_rates_pp"]
    assert _validate(capsys, *argv, "--seed", "11", "--workers", "2") == first  # where runs, not what


@pytest.mark.slow
def test_full_validation_with_twenty_replications_matches_the_documented_numbers(capsys):
    record = _validate(capsys)  # the whole validation split, seed 7, the default replications
    assert record["replications"] == 20 and record["accounts"] == 6_000
    docs = (PROJECT_ROOT / "docs" / "modelo.md").read_text(encoding="utf-8")
    section = docs.split("## Validación contra una línea base", 1)[1].split("\n## ", 1)[0]
    for key in ("max_abs_error_pp", "baseline_max_abs_error_pp", "horizon_max_abs_error_pp",
                "baseline_horizon_max_abs_error_pp"):
        documented = re.search(rf"`{key}`: \*\*([0-9.]+)\*\*", section)
        assert documented, f"docs/modelo.md debe registrar {key} con 20 réplicas"
        assert float(documented.group(1)) == pytest.approx(record[key], abs=0.005), key


def test_objective_weighs_where_the_accounts_late_in_april_are_months_later():
    """The late tenth of the book has its own term: curing it too fast costs like a monthly share."""
    counts = np.array([[90, 10, 0], [30, 60, 10], [10, 30, 60]])
    shares = np.tile([0.8, 0.15, 0.05], (6, 1))

    def observed(late_paths):
        paths = np.tile(np.array([[90, 10, 0], late_paths, [10, 30, 60]]), (5, 1, 1))
        return Observed(counts, np.array([0.3, 0.05, 0.01]), np.ones(3, np.int64), shares, paths, shares,
                        _NO_PAYMENTS)

    data, cured = observed([30, 60, 10]), observed([40, 50, 10])  # ten points more cured every month
    assert objective(data, data) == 0.0
    assert objective(cured, data) == pytest.approx(SHARE_WEIGHT * 5 * 2 * 10.0**2)
    assert objective(observed([3, 6, 1]), data) == 0.0  # shares of each April state, not counts
