"""The pages of "does work pay?"."""
