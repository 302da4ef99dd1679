"""Incident resolution's pure core: reports, the pair rule, components and figures."""
