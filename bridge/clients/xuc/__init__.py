"""The XiVO XUC REST API 2.0 client (seed 004)."""
