"""Adoption statistics, indicators, targets, survey figures, the dashboard and the criterion report.

Decisions beyond docs/DESIGN.md "Adoption statistics":
- A merchant counts on day D when its status at the end of D was active, and accepts payment when one
  of its accounts was active then: every status is logged (merchant_status_change,
  account_status_change), so suspending a merchant or removing an account today leaves last month's
  report as it was.
- Sales volumes count every merchant of the scope whatever its status today: sales reported while a
  merchant was active stay in the figures after a suspension. A reversal counts as −1 sale on its
  own local_day, with its negative amount.
- Public responses never carry one household's takings: money totals are null ("values_hidden")
  when fewer than 3 merchants reported in the window, unless the caller manages the scope. Counts
  and rates stay public; per-merchant figures are never listed.
- Default targets are rows without a commune, seeded by `flask seed-indicators`; a commune's own
  row overrides the default for its scope kind.
- Survey indicators: the village's latest figure up to D's month; a commune gets the plain mean of
  its villages' latest figures.
"""
