"""An item pipeline that raises on the first item it sees: the fault ``test_crawl_command`` injects."""


class RaiseOnFirstItem:
    def __init__(self):
        self.seen = 0

    def process_item(self, item):
        self.seen += 1
        if self.seen == 1:
            raise RuntimeError("injected pipeline fault")
        return item
