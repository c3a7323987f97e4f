"""What the command modules share: exit statuses and the bundled settings."""

from server.config import Settings

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
BUNDLED = Settings()  # this project's ontology/, data/ and shapes/ (absent in a wheel install)
