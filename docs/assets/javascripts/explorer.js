// The animation and learning-rate explorer (scripts/interactive.py): draws precomputed data only.
