"""The pages of "Loont werken?" (does work pay?)."""
