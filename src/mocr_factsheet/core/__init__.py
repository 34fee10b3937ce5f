"""Mechanism-neutral helpers of the pure core: shares, averages, comparisons."""
