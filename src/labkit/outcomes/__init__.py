"""Outcomes: measurements, calculations, small-number protection, charts and the outcome report."""
