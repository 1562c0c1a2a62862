"""The ceiling for the crawl benchmark: a bare Scrapy spider that downloads a list of URLs and parses nothing.

``-a cpu_ms=N`` spends N ms of CPU on each response instead (a busy loop): the benchmark's ``--calibrate``
measures with it how much CPU a page a crawl can spend and keep up with its downloads."""

import time

import scrapy


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, urls_file: str, cpu_ms: str = "0", **kwargs):
        super().__init__(**kwargs)
        with open(urls_file, encoding="utf-8") as lines:
            self.urls = [line.strip() for line in lines if line.strip()]
        self.cpu_seconds = float(cpu_ms) / 1000

    async def start(self):
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse, dont_filter=True)

    def parse(self, response):
        until = time.process_time() + self.cpu_seconds
        while time.process_time() < until:
            pass
        return None
