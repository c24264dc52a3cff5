"""Import every model module so the metadata (and migrations) know all tables."""
from market.audit import AuditEvent
from market.auth.models import ApiToken, User
from market.places.models import Commune, Market, Province, Street, Village
from market.stats.models import Indicator, SurveyValue, Target
from market.transactions.models import DailyTally, Transaction, UnmatchedCredit, WebhookIntegration
from merchants import status_history  # noqa: F401  (logs every merchant status)
from merchants.models import AccountStatusChange, Card, Merchant, MerchantStatusChange, OcopProduct, PaymentAccount

__all__ = [
    "AccountStatusChange", "ApiToken", "AuditEvent", "Card", "Commune", "DailyTally", "Indicator", "Market", "Merchant",
    "MerchantStatusChange", "OcopProduct", "PaymentAccount", "Province", "Street", "SurveyValue", "Target",
    "Transaction", "UnmatchedCredit", "User", "Village", "WebhookIntegration",
]
