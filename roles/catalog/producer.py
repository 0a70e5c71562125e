"""The producer thread: batches are built one or two ahead of the writer, on a second connection."""

from __future__ import annotations

import queue
import threading

from django.db import connections

_DONE = object()


def threaded(items, depth: int = 2):
    """Iterate ``items`` in a second thread, at most ``depth`` ahead of the consumer.

    The thread gets its own database connection (Django's are per thread) for anything it reads or
    computes; it writes nothing, so the consumer's transaction holds every write. Closing the returned
    generator stops the thread."""
    handoff: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def run():
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        handoff.put(item, timeout=0.5)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            handoff.put(_DONE)
        except BaseException as error:  # handed to the consumer, which raises it
            handoff.put(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name="generate_catalog-builder", daemon=True)
    thread.start()
    try:
        while True:
            item = handoff.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join(timeout=30)
