"""Keeping a review safe: autosave and crash recovery, replaying a comparison's origin, and locks.

The top layer: may import every other layer of the core (never Qt).
"""
