# Production image of the dashboard: gunicorn serving app:server.
# The install steps match .ci/run (python -m venv, then pip install -r
# requirements.lock), so a green CI run proves them without a Docker daemon.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system dashboard \
    && useradd --system --gid dashboard --home-dir /app --no-create-home dashboard

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY requirements.lock ./
RUN python -m venv /app/.venv \
    && /app/.venv/bin/pip install -r requirements.lock
ENV PATH="/app/.venv/bin:$PATH"

# Copy the application, its assets and the shipped data. .dockerignore leaves out
# tests, benchmarks, docs and local environments.
COPY . .

USER dashboard

# Inside the container gunicorn listens on all interfaces. Publish the port
# with `docker run -p 127.0.0.1:8050:8050` unless a proxy sits in front.
ENV GUNICORN_BIND=0.0.0.0:8050
EXPOSE 8050

# /health returns 503 when no benchmark rows could be loaded, and urlopen
# raises on any status of 400 or more, so the check fails. Change the port
# here too if GUNICORN_BIND changes.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8050/health', timeout=4)"]

# Exec form: gunicorn is PID 1 and receives SIGTERM from `docker stop`.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "app:server"]
