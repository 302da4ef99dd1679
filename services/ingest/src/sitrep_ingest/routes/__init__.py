"""HTTP routes of ingest, one module per resource."""
