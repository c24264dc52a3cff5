"""Builders shared by the live-credit tests: a merchant with a login, a bank feed, signed credits."""
import json
import time
import uuid
from datetime import datetime, timezone
from typing import Any

from tests import factories
from tests.transactions.test_webhook import signed

# Each run listens on its own channel name (prefixed with the branch), so runs never hear each other.
CHANNEL = f"h15_live_{uuid.uuid4().hex[:8]}"
SETTINGS = {"LIVE_CHANNEL": CHANNEL, "LIVE_STREAM_SECONDS": 1.5}


def stall(db: Any) -> dict[str, Any]:
    """A merchant with an account, its login and a bank feed, committed."""
    merchant = factories.merchant(display_name="Sạp Rau Cô Hoa")
    account = factories.account(merchant, account_number="0451000123456")
    owner = factories.user("merchant", merchant=merchant)
    integration, secret = factories.webhook_integration()
    stall = {"merchant_id": merchant.id, "account_number": account.account_number, "username": owner.username,
             "integration": integration.name, "secret": secret}
    db.session.commit()
    return stall


def sign_in(client: Any, stall: dict[str, Any]) -> None:
    """Log the stall's merchant in through the real login form."""
    response = client.post("/auth/login", data={"username": stall["username"], "password": factories.TEST_PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)


def credit(client: Any, stall: dict[str, Any], amount: int, content: str = "NGUYEN VAN A chuyen tien") -> int:
    """Post one signed credit through the bank webhook; returns its transaction id."""
    body = {"account_number": stall["account_number"], "amount": amount, "content": content,
            "reference": f"FT{uuid.uuid4().hex[:12].upper()}", "occurred_at": datetime.now(timezone.utc).isoformat()}
    raw, headers = signed(stall["integration"], stall["secret"], body)
    response = client.post("/api/v1/webhooks/bank", data=raw, headers=headers)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["transaction_id"]


def frames(body: str) -> list[dict[str, Any]]:
    """The SSE frames of a stream body, each as {"id", "event", "data"} (comments dropped)."""
    found = []
    for block in body.strip().split("\n\n"):
        fields: dict[str, Any] = {}
        for line in block.split("\n"):
            name, _, value = line.partition(": ")
            if name in ("id", "event", "data"):
                fields[name] = json.loads(value) if name == "data" else value
        if "data" in fields:
            found.append(fields)
    return found


def wait_until(check: Any, seconds: float = 5.0) -> Any:
    """Poll `check` until it returns something truthy (for cross-thread effects), or fail."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.02)
    raise AssertionError("condition not met in time")
