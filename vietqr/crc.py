"""CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), the checksum of EMVCo tag 63."""

from binascii import crc_hqx

__all__ = ["crc16", "crc16_hex"]


def crc16(data: bytes) -> int:
    """Return the CRC-16/CCITT-FALSE of data."""
    # crc_hqx is CPython's C, 256-entry-table CRC with poly 0x1021; seeded with 0xFFFF it is
    # exactly CCITT-FALSE, and ~40x faster than the same table walked in Python.
    return crc_hqx(data, 0xFFFF)


def crc16_hex(text: str) -> str:
    """Return the CRC of text (UTF-8) as 4 upper-case hex digits."""
    return f"{crc_hqx(text.encode('utf-8', 'surrogatepass'), 0xFFFF):04X}"
