"""VietQR (NAPAS247) payloads for bank transfers: encode, decode, bank directory."""

from vietqr.banks import Bank, all_banks, bank_by_bin, find_bank
from vietqr.decode import Decoded, decode
from vietqr.payload import (
    MAX_AMOUNT,
    AccountError,
    AmountError,
    BinError,
    PurposeError,
    ServiceError,
    VietQRError,
    encode,
)
from vietqr.text import fold

__all__ = [
    "MAX_AMOUNT",
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
