"""Each role's home: what the role does (links) and the work waiting for it (counted lists)."""
