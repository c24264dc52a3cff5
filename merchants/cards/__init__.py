"""VietQR codes and printed stall cards: issue, render, print sheets, verify, check a pasted or photographed QR."""
