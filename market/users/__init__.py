"""Users and API tokens: created by managers and admins, with one-time set-password links."""
