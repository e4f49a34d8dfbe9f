"""``AsyncUcsClient.iter_persons(concurrency=N)``: the same persons in the same order as the sync
walk, at most N page requests in flight, the pages still in flight cancelled when the consumer
stops early, and a total that grows during the walk followed to the end."""

import asyncio

import httpx2
import pytest

from ucs_helpers import PersonStore, Seed, async_client, client


class SlowPersons(PersonStore):
    """Pages answered after a pause, counting the requests in flight (and those cancelled)."""

    def __init__(self, count: int, *, pause: float = 0.01, slow_from: int | None = None, **kwargs):
        super().__init__(count, **kwargs)
        self.pause = pause
        self.slow_from = slow_from  # pages from this offset on take a second
        self.in_flight = self.most_in_flight = self.cancelled = 0
        self.grow_at: tuple[int, int] | None = None  # (offset, how many persons to add when it is served)

    async def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            slow = self.slow_from is not None and int(request.url.params["offset"]) >= self.slow_from
            await asyncio.sleep(1.0 if slow else self.pause)
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        finally:
            self.in_flight -= 1
        if self.grow_at and int(request.url.params["offset"]) == self.grow_at[0]:
            start = len(self.persons) + 1
            self.persons += [{"id": n, "group_id": 1} for n in range(start, start + self.grow_at[1])]
            self.grow_at = None
        return httpx2.Response(200, json=self.page(request))


async def walk(store, **kwargs) -> list[int]:
    async with async_client(Seed({"GET /crm/persons": store})) as c:
        return [p.id async for p in c.iter_persons(**kwargs)]


def test_the_same_persons_in_the_same_order_as_the_sync_walk():
    with client(Seed({"GET /crm/persons": PersonStore(2345)})) as c:
        expected = [p.id for p in c.iter_persons(page_size=100)]
    store = SlowPersons(2345)
    assert asyncio.run(walk(store, page_size=100, concurrency=8)) == expected
    assert sorted(store.pages) == [(100, offset) for offset in range(0, 2400, 100)]  # each page once


def test_at_most_concurrency_pages_are_in_flight():
    store = SlowPersons(5000)
    assert len(asyncio.run(walk(store, page_size=100, concurrency=8))) == 5000
    assert store.most_in_flight == 8


@pytest.mark.parametrize("concurrency", [1, 3])
def test_a_smaller_concurrency_is_kept(concurrency):
    store = SlowPersons(1000, pause=0.002)
    assert len(asyncio.run(walk(store, page_size=100, concurrency=concurrency))) == 1000
    assert store.most_in_flight == concurrency


def test_stopping_early_cancels_the_pages_in_flight():
    store = SlowPersons(5000, slow_from=200)

    async def main():
        async with async_client(Seed({"GET /crm/persons": store})) as c:
            persons = c.iter_persons(page_size=100, concurrency=8)
            seen = 0
            async for _ in persons:
                seen += 1
                if seen == 150:
                    break
            # Pages 3 to 9 were asked for with page 2; page 10 was queued when page 2 came.
            assert store.in_flight == 7
            await persons.aclose()
            await asyncio.sleep(0)  # the cancellations reach the handler
            assert store.in_flight == 0 and store.cancelled == 7
            await asyncio.sleep(0.1)  # nothing else is asked for afterwards
            return len(store.pages)

    assert asyncio.run(main()) == 2  # only the pages served were counted: 1 and 2


def test_a_server_that_caps_its_pages_is_walked_to_the_total():
    store = PersonStore(1204, max_page=100)
    assert asyncio.run(walk(store, page_size=500)) == list(range(1, 1205))
    assert sorted(offset for _, offset in store.pages) == list(range(0, 1204, 100))


def test_a_total_that_grows_during_the_walk_is_followed():
    store = SlowPersons(500)
    store.grow_at = (400, 250)  # the last page the first total names says 750
    assert asyncio.run(walk(store, page_size=100, concurrency=8)) == list(range(1, 751))
    assert sorted(store.pages)[-3:] == [(100, 500), (100, 600), (100, 700)]


def test_without_a_total_the_pages_are_walked_one_at_a_time():
    store = SlowPersons(450, pause=0.001, total=False)
    assert asyncio.run(walk(store, page_size=100, concurrency=8)) == list(range(1, 451))
    assert store.most_in_flight == 1
