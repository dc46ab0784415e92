"""Contract renewals in the demo: renew for the programme's term, or make the
contract permanent where the chain rule would make a renewal permanent by law."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from basisbaan.calc.dates import period_end
from basisbaan.calc.labour_law import Term
from basisbaan.contracts.chains import check_next, participant_period_rows
from basisbaan.contracts.constants import Decision
from basisbaan.contracts.models import Contract, ContractPeriod
from basisbaan.contracts.services import renewal_decide
from basisbaan.demo.data import minimum_wage_for_period
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality

__all__ = ["PERMANENT_REASON", "renew"]

PERMANENT_REASON = (
    "Ketenregeling: een vierde contract voor bepaalde tijd zou van rechtswege vast zijn. "
    "De deelnemer krijgt een vast contract tot het einde van de pilot."
)


def renew(
    municipality: Municipality,
    programme: Programme,
    contract: Contract,
    period: ContractPeriod,
    hours_per_week: Decimal,
    notice: dt.date,
) -> ContractPeriod | None:
    """Decide about the end of ``period`` on ``notice`` (the day the notice, the
    aanzegging, goes out): renew for the programme's default term (clipped to its
    end), or, when the chain rule would make that renewal permanent by law, a
    permanent contract to the programme's end (then None: no more periods)."""
    start = period.end_date + dt.timedelta(days=1)
    end = min(period_end(start, programme.contract_period_months), programme.end_date)
    rows = participant_period_rows(municipality.pk, [contract.participant_id])
    check = check_next(
        rows.get(contract.participant_id, []), contract.employer_name, Term(start, end)
    )
    decision, reason = Decision.RENEW, ""
    if check.makes_permanent:
        decision, reason, end = Decision.PERMANENT, PERMANENT_REASON, programme.end_date
    made = renewal_decide(
        period=period,
        actor=None,
        decision=decision,
        reason=reason,
        notice_sent_on=notice,
        hours_per_week=hours_per_week,
        hourly_wage=minimum_wage_for_period(start, end),
        start_date=start,
        end_date=end,
    )
    if decision == Decision.PERMANENT:
        return None
    return made.next_period
