"""Pure analysis of appeal texts and replies. Knows no Django."""
