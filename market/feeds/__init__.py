"""Bank-credit feeds: SePay, Casso, payOS, VietQR.vn and our own signed format, each in its own words."""
