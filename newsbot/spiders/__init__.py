"""newsbot's spiders: one per site profile (``profiles``), plus the profile-less ``wordpress`` spider."""
