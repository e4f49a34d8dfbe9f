"""``async for event in receiver.events()`` gets the events posted from other threads, in order,
typed; a stream nobody reads drops (and counts) what its buffer cannot hold while the callback
still gets everything; a stream ends when the receiver closes."""

import asyncio
import threading

import httpx2

from bridge.clients.udesk.events import Category, SubscriptionReceiver, UdeskEvent

from udesk_events_helpers import HANGUP, JSON, Collector, udesk_event

BODIES = [udesk_event("enqueue_succ"), udesk_event("dequeue_succ"), udesk_event("begin"), HANGUP]


def post_from_a_thread(receiver, bodies):
    def post():
        with httpx2.Client(transport=httpx2.WSGITransport(app=receiver), base_url="https://crm.example.com") as client:
            for body in bodies:
                assert client.post(receiver.path, content=body, headers=JSON).status_code == 202

    thread = threading.Thread(target=post)
    thread.start()
    return thread


def test_events_posted_from_another_thread_reach_an_async_for():
    async def main():
        receiver = SubscriptionReceiver()
        received = []
        stream = receiver.events()
        thread = post_from_a_thread(receiver, BODIES)
        async for event in stream:
            received.append(event)
            if len(received) == len(BODIES):
                break
        await asyncio.to_thread(thread.join)
        receiver.close()
        return received

    received = asyncio.run(asyncio.wait_for(main(), 10))
    assert [event.body for event in received] == BODIES
    assert all(isinstance(event, UdeskEvent) for event in received)
    assert [event.category for event in received] == [Category.CALL, Category.CALL, None, Category.CALL]


def test_a_stream_that_is_not_read_drops_what_its_buffer_cannot_hold_and_ends_with_the_receiver():
    async def main():
        collector = Collector()
        receiver = SubscriptionReceiver(collector)
        stream = receiver.events(buffer=3)
        await asyncio.to_thread(post_from_a_thread(receiver, BODIES).join)
        await asyncio.to_thread(receiver.close)
        return collector, stream, [event.body async for event in stream]

    collector, stream, read = asyncio.run(asyncio.wait_for(main(), 10))
    assert read == BODIES[:3]
    assert stream.dropped == 1
    assert [collector.next().body for _ in BODIES] == BODIES
