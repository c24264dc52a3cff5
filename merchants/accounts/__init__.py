"""A merchant's bank and e-wallet accounts, confirmed by a second person."""
