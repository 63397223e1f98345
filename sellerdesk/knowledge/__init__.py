"""The knowledge base: articles that answer common problems, and search over them and over solved cases."""
