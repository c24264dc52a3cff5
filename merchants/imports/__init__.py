"""The village head's spreadsheet import: read, check against the register, write all rows or none."""
