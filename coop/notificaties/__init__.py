"""Notifications to members: what is owed to whom, through which channels, and signed links."""
