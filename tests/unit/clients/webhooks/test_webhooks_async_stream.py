"""``async for event in receiver.events()`` gets the events posted from other threads, in order,
typed by the vendor; a stream nobody reads drops (and counts) what its buffer cannot hold while
the callback still gets everything; a stream ends when the receiver closes and leaves the
receiver when closed. For both receivers."""

import asyncio
import gc
import threading

import pytest

from webhook_helpers import JSON, Collector, client_of


def post_from_a_thread(receiver, bodies):
    def post():
        with client_of(receiver) as client:
            for body in bodies:
                assert client.post(receiver.path, content=body, headers=JSON).status_code == 202

    thread = threading.Thread(target=post)
    thread.start()
    return thread


def test_events_posted_from_another_thread_reach_an_async_for(kind):
    posted = list(kind.stream)

    async def main():
        receiver = kind.receiver()
        received = []
        stream = receiver.events()  # events are streamed from now on
        thread = post_from_a_thread(receiver, posted)
        async for event in stream:
            received.append(event)
            if len(received) == len(posted):
                break
        await asyncio.to_thread(thread.join)
        receiver.close()
        return received

    received = asyncio.run(asyncio.wait_for(main(), 10))
    assert [event.body for event in received] == posted
    assert all(isinstance(event, kind.event_class) for event in received)
    assert tuple(kind.typing(event) for event in received) == kind.typing_expected


@pytest.mark.parametrize("buffer", [2, 3])
def test_a_stream_that_is_not_read_drops_what_its_buffer_cannot_hold_and_ends_with_the_receiver(kind, buffer):
    posted = list(kind.stream)

    async def main():
        collector = Collector()
        receiver = kind.receiver(collector)
        stream = receiver.events(buffer=buffer)
        await asyncio.to_thread(post_from_a_thread(receiver, posted).join)
        await asyncio.to_thread(receiver.close)  # everything is handed over; the stream then ends
        return collector, stream, [event.body async for event in stream]

    collector, stream, read = asyncio.run(asyncio.wait_for(main(), 10))
    assert read == posted[:buffer]
    assert stream.dropped == len(posted) - buffer
    assert [collector.next().body for _ in posted] == posted  # the callback lost nothing


def test_a_closed_or_dropped_stream_leaves_the_receiver(kind):
    async def main():
        receiver = kind.receiver()
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
