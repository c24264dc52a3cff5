"""VietQR (NAPAS247) payloads for bank transfers: encode, decode, bank directory."""

from vietqr.banks import Bank, all_banks, bank_by_bin, find_bank
from vietqr.payload import (
    AccountError,
    AmountError,
    BinError,
    Decoded,
    PurposeError,
    ServiceError,
    VietQRError,
    decode,
    encode,
)
from vietqr.text import fold

__all__ = [
    "AccountError",
    "AmountError",
    "Bank",
    "BinError",
    "Decoded",
    "PurposeError",
    "ServiceError",
    "VietQRError",
    "all_banks",
    "bank_by_bin",
    "decode",
    "encode",
    "find_bank",
    "fold",
]
