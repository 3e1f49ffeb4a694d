"""The Slack adapter: the whole engine behind one ``/filmclub`` slash command (slack-bolt)."""
