"""``async for event in receiver.events()`` gets the events posted from other threads, in order;
a stream nobody reads drops (and counts) what its buffer cannot hold, the callback still gets
everything; a stream ends when the receiver closes and leaves the receiver when closed."""

import asyncio
import gc
import threading

import httpx2

from bridge.clients.xuc.events import EventReceiver, PhoneEvent

from xuc_events_helpers import JSON, SEED_EVENT, Collector, phone_event

BODIES = [SEED_EVENT, phone_event("EventRinging"), phone_event("EventEstablished"), phone_event("EventReleased")]


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
        receiver = EventReceiver()
        received = []
        stream = receiver.events()  # events are streamed from now on
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
    assert isinstance(received[0].message, PhoneEvent)


def test_a_stream_that_is_not_read_drops_what_its_buffer_cannot_hold():
    async def main():
        collector = Collector()
        receiver = EventReceiver(collector)
        stream = receiver.events(buffer=2)
        await asyncio.to_thread(post_from_a_thread(receiver, BODIES).join)
        await asyncio.to_thread(receiver.close)  # everything is handed over; the stream then ends
        return collector, stream, [event.body async for event in stream]

    collector, stream, read = asyncio.run(asyncio.wait_for(main(), 10))
    assert read == BODIES[:2]
    assert stream.dropped == 2
    assert [collector.next().body for _ in BODIES] == BODIES  # the callback lost nothing


def test_a_closed_or_dropped_stream_leaves_the_receiver():
    async def main():
        receiver = EventReceiver()
        async with receiver.events() as stream:
            assert len(receiver._streams) == 1
        assert len(receiver._streams) == 0
        assert [event async for event in stream] == []
        receiver.events()  # not kept: garbage at once, as after a break out of async for
        gc.collect()
        assert len(receiver._streams) == 0
        receiver.close()
        assert [event async for event in receiver.events()] == []  # a closed receiver's stream ends at once

    asyncio.run(asyncio.wait_for(main(), 10))
