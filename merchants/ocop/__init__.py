"""OCOP products and their certificates."""
