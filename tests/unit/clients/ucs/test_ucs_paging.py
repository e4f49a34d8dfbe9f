"""µCRM lists page with limit and offset, and ``UcsClient.iter_persons`` / ``iter_companies`` walk
every page: one page held at a time, stopping on a short page or on the total."""

import httpx2

from bridge.clients.ucs import Company, Page, Person
from ucs_helpers import PersonStore, Seed, client


def test_persons_is_one_page_with_the_total():
    store = PersonStore(26)
    with client(Seed({"GET /crm/persons": store})) as c:
        page = c.persons(limit=10, offset=20)
    assert isinstance(page, Page) and (page.total, page.limit, page.offset) == (26, 10, 20)
    assert [p.id for p in page.items] == [21, 22, 23, 24, 25, 26]
    assert all(isinstance(p, Person) for p in page.items)
    assert store.pages == [(10, 20)]


def test_iter_persons_yields_every_person_over_many_pages():
    store = PersonStore(1234)
    with client(Seed({"GET /crm/persons": store})) as c:
        ids = [p.id for p in c.iter_persons(page_size=100)]
    assert ids == list(range(1, 1235))
    assert store.pages == [(100, offset) for offset in range(0, 1300, 100)]  # the 13th page is the short one


def test_iter_persons_stops_on_the_total_without_asking_for_an_empty_page():
    store = PersonStore(300)
    with client(Seed({"GET /crm/persons": store})) as c:
        assert len(list(c.iter_persons(page_size=100))) == 300
    assert store.pages == [(100, 0), (100, 100), (100, 200)]


def test_a_server_that_caps_its_pages_is_walked_to_the_total():
    # The document names no maximum page size: a UCS giving 100 where 500 were asked has more.
    store = PersonStore(1204, max_page=100)
    with client(Seed({"GET /crm/persons": store})) as c:
        assert [p.id for p in c.iter_persons(page_size=500)] == list(range(1, 1205))
    assert store.pages == [(500, offset) for offset in range(0, 1204, 100)]


def test_without_a_total_iter_persons_stops_on_a_short_page():
    store = PersonStore(250, total=False)
    with client(Seed({"GET /crm/persons": store})) as c:
        assert [p.id for p in c.iter_persons(page_size=100)] == list(range(1, 251))
    assert store.pages == [(100, 0), (100, 100), (100, 200)]


def test_without_a_total_a_full_last_page_ends_on_an_empty_one():
    store = PersonStore(200, total=False)
    with client(Seed({"GET /crm/persons": store})) as c:
        assert len(list(c.iter_persons(page_size=100))) == 200
    assert store.pages == [(100, 0), (100, 100), (100, 200)]


def test_iter_persons_holds_one_page_and_asks_for_the_next_only_when_it_is_needed():
    store = PersonStore(1000)
    with client(Seed({"GET /crm/persons": store})) as c:
        persons = c.iter_persons(page_size=100)
        assert store.pages == []  # nothing is asked before the first person is wanted
        for _ in range(100):
            next(persons)
        assert store.pages == [(100, 0)]
        next(persons)
        assert store.pages == [(100, 0), (100, 100)]
        persons.close()


def test_iter_companies_walks_the_companies_list():
    def companies(request):
        offset = int(request.url.params["offset"])
        data = [{"id": n, "group_id": 1, "name": f"Company {n}"} for n in range(offset, min(offset + 2, 5))]
        return httpx2.Response(200, json={"success": True, "data": data, "total": 5})

    with client(Seed({"GET /crm/companies": companies})) as c:
        found = list(c.iter_companies(page_size=2))
    assert [co.id for co in found] == [0, 1, 2, 3, 4] and all(isinstance(co, Company) for co in found)
