"""Deduplication logic apart from Scrapy and storage: ``fingerprint`` (text normalization, the content
fingerprint, MinHash signatures and LSH buckets). The pipeline is ``newsbot.pipelines.dedup``."""
