"""Shared fixtures: the real broker and Redis for integration tests (one of each per session)."""
