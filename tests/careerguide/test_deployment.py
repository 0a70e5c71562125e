"""The production recipe holds: Debian's nginx (docs/nginx.conf) in front of gunicorn
(careerguide/gunicorn.conf.py), two clients that never finish their headers, and a normal visitor
is still served in under 100 ms. Slow: starts real servers."""

import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.tools import missing_tool

ROOT = Path(__file__).resolve().parents[2]
NGINX = "/usr/sbin/nginx"

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, path: str = "/healthz", timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", path, headers={"Host": "127.0.0.1"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"nothing answered on port {port}")
        time.sleep(0.2)


def timed_get(port: int, path: str = "/robots.txt", timeout: float = 5) -> tuple[int, float]:
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("GET", path, headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, time.monotonic() - started


def slow_clients(port: int, count: int = 2) -> list[socket.socket]:
    """Connections that send half a request line and headers, then nothing."""
    sockets = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(b"GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        sockets.append(sock)
    time.sleep(0.5)  # let the server take them up
    return sockets


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)


def production_env(**settings: str) -> dict[str, str]:
    """A production server's environment on this machine (DEBUG off, plain HTTP on 127.0.0.1)."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "test-server-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        **settings,
    }


def start_gunicorn(env: dict[str, str], port: int) -> subprocess.Popen:
    """gunicorn with the production recipe (careerguide/gunicorn.conf.py) on ``port``, answering /healthz."""
    gunicorn_bin = str(Path(sys.executable).parent / "gunicorn")
    process = subprocess.Popen(
        [gunicorn_bin, "-c", str(ROOT / "careerguide" / "gunicorn.conf.py"), "careerguide.wsgi:application"],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        start_new_session=True,
    )
    try:
        wait_for(port)
    except BaseException:
        stop(process)
        raise
    return process


@pytest.fixture
def gunicorn(tmp_path):
    port = free_port()
    env = production_env(
        # /robots.txt and /healthz need no tables: an empty database file will do.
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        REDIS_URL="",
        # As many threads as the old deployment had sync workers: two slow clients would take them all.
        GUNICORN_WORKERS="2",
        GUNICORN_THREADS="1",
    )
    process = start_gunicorn(env, port)
    try:
        yield port
    finally:
        stop(process)


def nginx_conf(tmp_path: Path, listen: int, upstream: int) -> Path:
    """docs/nginx.conf's server block, on test ports, in a complete configuration under tmp_path."""
    server = (ROOT / "docs" / "nginx.conf").read_text(encoding="utf-8")
    server = server.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};")
    server = re.sub(r"listen 80;", f"listen 127.0.0.1:{listen};", server)
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / name).mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"""
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {tmp_path}/client_body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
{server}
}}
""",
        encoding="utf-8",
    )
    return conf


@pytest.fixture
def nginx(tmp_path, gunicorn):
    if not Path(NGINX).exists():
        missing_tool(f"{NGINX} is missing (apt-get install nginx-light)")
    port = free_port()
    conf = nginx_conf(tmp_path, port, gunicorn)
    process = subprocess.Popen(
        [NGINX, "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"],
        start_new_session=True,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(port)
        yield port
    finally:
        stop(process)


def test_two_slow_clients_do_not_block_a_visitor_behind_nginx(nginx, gunicorn):
    held = slow_clients(nginx)
    try:
        timings = []
        for _ in range(7):
            status, seconds = timed_get(nginx)
            assert status == 200
            timings.append(seconds)
    finally:
        for sock in held:
            sock.close()
    print(f"visitor behind nginx with 2 slow clients: {[round(t * 1000, 1) for t in timings]} ms")
    assert statistics.median(timings) < 0.1, timings
