"""Item pipelines, one concern each, in this order: clean → dedup → spam → validate."""
