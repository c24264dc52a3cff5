"""Provinces, communes (the official lists), villages, markets and streets."""
