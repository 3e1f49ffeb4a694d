# filmclub: the bot as a container. Build: docker build -t filmclub .
# Run:   docker run --env-file .env -p 8080:8080 -v filmclub-data:/var/lib/filmclub filmclub
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# An unprivileged user owns the state directory; the code itself stays root-owned, read-only.
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/filmclub --create-home filmclub

WORKDIR /opt/filmclub
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY adapters ./adapters
# The extras a platform needs: discord, slack and postgres (all three by default).
ARG EXTRAS=discord,slack,postgres
RUN python -m venv /opt/filmclub/venv \
    && /opt/filmclub/venv/bin/pip install ".[${EXTRAS}]" \
    && /opt/filmclub/venv/bin/filmclub --version
ENV PATH=/opt/filmclub/venv/bin:$PATH \
    DATABASE_URL=sqlite:////var/lib/filmclub/filmclub.db \
    FILMCLUB_HTTP_PORT=8080

USER filmclub
WORKDIR /var/lib/filmclub
VOLUME ["/var/lib/filmclub"]
# 8080: /healthz, /readyz, /metrics; 3000: Slack HTTP mode (SLACK_HTTP_PORT), which serves them too.
EXPOSE 8080 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["filmclub", "healthcheck"]
CMD ["filmclub", "run"]
