"""sitrep api: the projector (tagged events -> Redis) and the HTTP read API over it."""
