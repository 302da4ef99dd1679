"""sitrep ingest: feeds in, `UpdateEvent`s out to `sitrep.updates.raw`."""
