"""Gunicorn in production: ``gunicorn -c careerguide/gunicorn.conf.py careerguide.wsgi:application``,
behind nginx (docs/nginx.conf), which buffers slow clients: gunicorn's own docs advise a buffering
proxy, as a sync worker is held for as long as a client takes to send its request.

Every value can be overridden from the environment (GUNICORN_*), e.g. in tests and the benchmark.
"""

import multiprocessing
import os


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# Behind nginx on the same host; GUNICORN_BIND=0.0.0.0:8000 to listen on the network without it.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threaded workers: a request waiting on the database or Redis holds a thread, not a whole process,
# and a slow client that slipped past the proxy holds one thread of several.
worker_class = "gthread"
workers = _env_int("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count())
threads = _env_int("GUNICORN_THREADS", 4)
# A request that takes longer than this is stuck: its worker is killed and replaced.
timeout = _env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Keep-alive with nginx's upstream pool (nginx.conf: keepalive 32).
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)
backlog = 2048
# A worker is replaced after this many requests (with jitter, so they do not restart together):
# whatever a long-lived process accumulates is returned. Not much sooner: a new worker spends about a
# second of CPU importing and starts with an empty copy of the pages and tag versions. At 5,000, four
# workers serving 2,000 cached pages a second each restarted every ~10 s, and throughput fell from
# ~2,150 to 1,450-1,830 req/s (docs/performance.md); worker memory stays flat (malloc_trim after renders).
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 100_000)
max_requests_jitter = max_requests // 10
# Headers: bounded, as nginx bounds them too.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# nginx sets X-Forwarded-Proto; only trust it from the proxy on this host.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "warning")
