"""The Qt-free runtime between the engine and the window: what runs a task and carries its records.

``engine`` computes; ``runtime`` runs it on command and carries what it made; ``gui`` draws. Nothing
here imports Qt, pyqtgraph or matplotlib (``tests/test_layering.py`` says so), so the command line,
a test or a script drive a task exactly as the window does.
"""
