"""The ceiling for the crawl benchmark: a bare Scrapy spider that downloads a list of URLs and parses nothing."""

import scrapy


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, urls_file: str, **kwargs):
        super().__init__(**kwargs)
        with open(urls_file, encoding="utf-8") as lines:
            self.urls = [line.strip() for line in lines if line.strip()]

    async def start(self):
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse, dont_filter=True)

    def parse(self, response):
        return None
