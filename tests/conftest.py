"""Test-wide environment: headless Qt and one BLAS thread, set before numpy or Qt load."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# With two BLAS threads and a busy second core training collapses (docs/architecture.md).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
