"""Cleaning of extracted text: normalization (``text``), boilerplate paragraphs (``boilerplate``), dates to
ISO 8601 (``dates``), titles and author names (``names``). Plain functions; the item pipeline that applies
them is ``newsbot.pipelines.clean.CleanArticlePipeline``.
"""
