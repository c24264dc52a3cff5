"""Who is calling: the principal of a request (session or bearer token), the scope rules, sign-in pages."""
