# syntax=docker/dockerfile:1
# Basisbaan's container image: one image for every process (docs/operations.md,
# "Running in production"):
#   web        basisbaan serve                       (the default command)
#   worker     basisbaan worker
#   scheduler  basisbaan housekeeping --every 3600
#   migrate    basisbaan migrate --noinput           (one-shot, before the others)
# Build: docker build -t basisbaan .   compose.yaml runs them all together.
ARG PYTHON_IMAGE=python:3.12-slim

# -- build: the dependencies from the lock (hashes checked), then Basisbaan itself --
FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /build
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install --no-deps . && rm -rf /build/src
# The static files, with WhiteNoise's manifest and compressed copies (production
# storage). The values below exist only for this step; none is kept in the image.
ENV STATIC_ROOT=/opt/basisbaan/static
RUN BASISBAAN_ENV=production \
    SECRET_KEY=collectstatic-at-build-time-only-0123456789-abcdefghijklmnopqrstuvwxyz \
    ALLOWED_HOSTS=localhost \
    DATABASE_URL=sqlite:////tmp/collectstatic.sqlite3 \
    BASISBAAN_DATA_DIR=/tmp/basisbaan \
    basisbaan collectstatic --noinput -v 0

# -- runtime: Python, WeasyPrint's system libraries, the venv and the static files --
FROM ${PYTHON_IMAGE} AS runtime
# Pango, HarfBuzz and fontconfig for WeasyPrint (the subject-access PDF), and a font.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
      libfontconfig1 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 basisbaan \
 && useradd --system --uid 10001 --gid basisbaan --home-dir /var/lib/basisbaan \
      --no-create-home --shell /usr/sbin/nologin basisbaan \
 && install -d -o basisbaan -g basisbaan -m 0750 /var/lib/basisbaan
COPY --from=build /opt/venv /opt/venv
COPY --from=build /opt/basisbaan/static /opt/basisbaan/static
COPY scripts/healthcheck.py /opt/basisbaan/healthcheck.py
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    BASISBAAN_ENV=production \
    BASISBAAN_DATA_DIR=/var/lib/basisbaan \
    STATIC_ROOT=/opt/basisbaan/static \
    WEB_BIND=0.0.0.0:8000
USER basisbaan
WORKDIR /var/lib/basisbaan
VOLUME ["/var/lib/basisbaan"]
EXPOSE 8000
# The web process's liveness (another process than web: turn it off, as compose.yaml does).
HEALTHCHECK --interval=30s --timeout=6s --start-period=30s --retries=3 \
  CMD ["python", "/opt/basisbaan/healthcheck.py"]
# SIGTERM: gunicorn lets running requests finish; the worker finishes its job.
STOPSIGNAL SIGTERM
ENTRYPOINT ["basisbaan"]
CMD ["serve"]
