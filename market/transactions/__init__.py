"""Money events recorded exactly once: sales, daily tallies, statement imports, bank webhooks, the review queue."""
