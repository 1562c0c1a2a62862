"""newsbot: archive every article of a news site's world-news section as clean JSON Lines."""
