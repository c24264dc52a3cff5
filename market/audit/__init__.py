"""Reading the append-only audit log (the log itself is market.core.audit): API and page."""
