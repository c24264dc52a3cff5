"""Market fees collected cashless: the board's payee, fee kinds, bills, fee QR, payments, receipts."""
