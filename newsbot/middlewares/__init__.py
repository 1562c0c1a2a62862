"""Scrapy middlewares of newsbot."""
