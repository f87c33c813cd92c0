"""Spanish names for the columns of the portfolio, the engine's tables and the parameters, applied on display.

Column names are the data contract (CSV files, caches, tests read them), so
they stay in English; a learner or manager reads a table through
:func:`spanish_table`, which renames its columns, index names and KPI names.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TypeVar

import pandas as pd

from simulator.experiments.kpis import KPI_LABELS

__all__ = ["COLUMN_LABELS", "VALUE_LABELS", "spanish_table"]

#: Column name -> the Spanish header a learner reads (KPI columns use ``KPI_LABELS``).
COLUMN_LABELS = {
    # portfolio
    "account_id": "cuenta",
    "balance_mxn": "saldo (MXN)",
    "days_past_due": "días de atraso",
    "instalment_mxn": "pago periódico (MXN)",
    "income_cycle": "ciclo de ingreso",
    "payday": "día de pago",
    "billing_day": "día de corte",
    "phone_valid": "teléfono válido",
    "whatsapp_opt_in": "acepta WhatsApp",
    "email_valid": "correo válido",
    "address_valid": "domicilio válido",
    "jurisdiction": "país",
    "product": "producto",
    # accounts at the end of a run
    "segment": "segmento",
    "capacity_mxn": "capacidad de pago (MXN)",
    "balance_start_mxn": "saldo inicial (MXN)",
    "days_past_due_start": "días de atraso al inicio",
    "days_past_due_end": "días de atraso al final",
    "arrears_start_mxn": "vencido al inicio (MXN)",
    "billed_mxn": "facturado (MXN)",
    "collected_mxn": "cobrado (MXN)",
    "cost_mxn": "costo de gestión (MXN)",
    "complaint_cost_mxn": "costo de quejas (MXN)",
    "discount_mxn": "quitas (MXN)",
    "written_off_mxn": "castigado (MXN)",
    "write_off_sale_mxn": "venta de castigada (MXN)",
    "complaints": "quejas",
    "status_end": "estado final",
    "balance_end_mxn": "saldo final (MXN)",
    "bucket_start": "tramo inicial",
    "bucket_end": "tramo final",
    "bucket": "tramo",
    # per-bucket, daily and per-channel tables
    "accounts": "cuentas",
    "current_end_rate": "tasa al corriente al final",
    "cumulative_mxn": "cobrado acumulado (MXN)",
    "day": "día",
    "replication": "réplica",
    "channel": "canal",
    "attempts": "intentos",
    "executed": "ejecutados",
    "blocked": "bloqueados",
    "no_staff": "sin personal",
    "policy_limited": "detenidos por la estrategia",
    "reached": "contactados",
    "conversations": "conversaciones",
    # parameters of a persona and of a channel (data/parameters.yaml)
    "description": "descripción",
    "floor_per_day": "piso de pagos por día",
    "decay_per_day": "decaimiento por día",
    "jump_statement_per_day": "salto por estado de cuenta",
    "jump_payday_per_day": "salto por día de pago",
    "jump_payment_per_day": "salto tras un pago",
    "contact_response": "respuesta al contacto",
    "answer_probability": "probabilidad de contestar",
    "capacity_to_instalment": "capacidad en cuotas",
    "full_payment_probability": "probabilidad de pago total",
    "honesty": "honestidad",
    "contact_class": "tipo de contacto",
    "reach_probability": "probabilidad de contactar",
    "effect_per_day": "efecto por día",
    # summaries
    "strategy": "estrategia",
    "kpi": "indicador",
    "mean": "media",
    "ci95_low": "IC 95 % bajo",
    "ci95_high": "IC 95 % alto",
}
#: Column name -> its English values and how a learner reads them.
VALUE_LABELS = {
    "contact_class": {"call": "llamada", "visit": "visita", "message": "mensaje", "letter": "carta",
                      "none": "sin contacto con el deudor"},
}
_LABELS = {**KPI_LABELS, **COLUMN_LABELS}
Table = TypeVar("Table", pd.DataFrame, pd.Series)


def _label(name: Hashable) -> Hashable:
    return _LABELS.get(name, name) if isinstance(name, str) else name


def spanish_table(table: Table) -> Table:
    """``table`` with Spanish column names, index names and series name, and the values of ``VALUE_LABELS``.

    KPI and column names in the index are renamed too: a table of KPIs, or of the portfolio's columns,
    has them as rows. ``table`` itself is not changed.
    """
    shown = table.rename(index=_LABELS)
    shown.index.names = [_label(name) for name in shown.index.names]
    if isinstance(shown, pd.Series):
        shown.name = _label(shown.name)
        return shown
    shown = shown.replace({column: values for column, values in VALUE_LABELS.items()
                           if column in shown.columns})
    shown = shown.rename(columns=_LABELS)
    shown.columns.names = [_label(name) for name in shown.columns.names]
    return shown
