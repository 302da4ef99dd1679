"""sitrep classifier: `UpdateEvent` in, `TaggedEvent` out."""

CLASSIFIER_NAME = "sitrep-rules"
# Bump when tagging changes: the projector replaces contributions of older versions on replay.
CLASSIFIER_VERSION = "0.10.57"
