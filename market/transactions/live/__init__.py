"""The merchant's money screen: live credits, spoken aloud, and the read-only helper who watches them."""
