"""The core of faskel: database, domain rules and queries. Never imports the CLI framework."""
