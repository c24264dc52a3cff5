"""One module per provider: how it authenticates, what its JSON says, and the answer it expects."""
from types import ModuleType

from market.feeds.providers import casso, cho40, payos, sepay, vietqr_vn

BY_NAME: dict[str, ModuleType] = {"sepay": sepay, "casso": casso, "payos": payos, "vietqr_vn": vietqr_vn,
                                  "cho40": cho40}
# Where the provider issues the key and the receiver only stores it, `create-bank-feed` needs --secret.
ISSUED_BY_PROVIDER = {name for name, module in BY_NAME.items() if module.SECRET_ISSUED_BY_PROVIDER}
