"""The REST clients' tests. This folder is on sys.path for them (pytest's prepend import mode puts
a conftest's folder there), so the vendors' folders share its helpers: ``endpoint_coverage``."""
