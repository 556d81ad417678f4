"""Gunicorn settings for serving the dashboard in production.

Start with `gunicorn -c gunicorn.conf.py app:server`. Each setting below reads
an environment variable first, so a container or CI job can change it without
editing this file:

    GUNICORN_BIND         address to listen on (default 127.0.0.1:8050)
    GUNICORN_WORKERS      worker processes (default: CPUs this process may use)
    GUNICORN_THREADS      threads per worker (default 4)
    GUNICORN_TIMEOUT      seconds a request may run before its worker is
                          killed and replaced (default 30)
    GUNICORN_LOG_LEVEL    debug, info, warning, error or critical (default info)
    GUNICORN_ACCESS_LOG   access log file, "-" for stdout, "" to turn it off
                          (default "-")
    GUNICORN_CONTROL_SOCKET  path of gunicorn's control socket for gunicornc;
                          unset means no control socket
"""

import os


def _env_int(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{name}={text!r} is not a whole number") from None
    if value < 1:
        raise ValueError(f"{name}={text!r} must be 1 or more")
    return value


def _usable_cpus() -> int:
    # sched_getaffinity respects a container's cpuset, unlike os.cpu_count().
    # NOTE: a CFS quota (docker run --cpus) is not visible here, so set
    # GUNICORN_WORKERS explicitly in that case.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8050")

# Callbacks are CPU-bound pandas and numpy work, so one process per CPU keeps
# every core busy. Threads let a worker accept requests while another one
# waits on the network or on numpy code that releases the GIL.
workers = _env_int("GUNICORN_WORKERS", _usable_cpus())
threads = _env_int("GUNICORN_THREADS", 4)
worker_class = "gthread"

timeout = _env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 20
keepalive = 5

# Load the app, and so the data, once in the master before forking: workers
# share those pages copy-on-write, a replacement worker starts in
# milliseconds, and a broken import stops the server at boot, not per worker.
preload_app = True

# Each worker touches its heartbeat file every second. On a disk-backed /tmp
# that can block the worker, so use the in-memory /dev/shm when it exists.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Gunicorn 25.1+ opens a control socket at a fixed per-user path by default,
# which two servers run by one user would share. Open it only on request.
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]

loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info").lower()
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
# %(M)s is the request time in milliseconds.
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'
errorlog = "-"

# Route the application's own loggers (data loading, request errors) to stderr
# next to gunicorn's lines. The empty "loggers" entry keeps gunicorn's default
# handlers for gunicorn.error and gunicorn.access, so no line is printed twice.
logconfig_dict = {
    "root": {"level": loglevel.upper(), "handlers": ["app_stderr"]},
    "loggers": {},
    "handlers": {
        "app_stderr": {
            "class": "logging.StreamHandler",
            "formatter": "app",
            "stream": "ext://sys.stderr",
        }
    },
    "formatters": {
        "app": {
            "format": "%(asctime)s [%(process)d] [%(levelname)s] %(name)s: %(message)s",
            "datefmt": "[%Y-%m-%d %H:%M:%S %z]",
        }
    },
}
