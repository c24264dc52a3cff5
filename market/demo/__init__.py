"""The fictitious demo village in Xã Lạc Đạo: `flask --app wsgi seed-demo`."""
