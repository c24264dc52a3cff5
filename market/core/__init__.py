"""The platform every feature stands on; it imports no feature."""
