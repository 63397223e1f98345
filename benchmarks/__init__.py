"""Reproducible workloads for SellerDesk with their own data generators; `python -m benchmarks`."""
