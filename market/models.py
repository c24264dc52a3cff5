"""Import every model module so the metadata (and migrations) know all tables."""
from market.audit import AuditEvent
from market.auth.models import ApiToken, User
from market.places.models import Commune, Market, Province, Street, Village
from market.stats.models import Indicator, SurveyValue, Target
from market.transactions.models import DailyTally, Transaction, UnmatchedCredit, WebhookIntegration
from merchants.models import Card, Merchant, OcopProduct, PaymentAccount

__all__ = [
    "ApiToken", "AuditEvent", "Card", "Commune", "DailyTally", "Indicator", "Market", "Merchant",
    "OcopProduct", "PaymentAccount", "Province", "Street", "SurveyValue", "Target", "Transaction",
    "UnmatchedCredit", "User", "Village", "WebhookIntegration",
]
