"""The register of village merchants and OCOP producers."""
