# The Parley image: one image for the API and for scheduled ingestion.
FROM python:3.11-slim
WORKDIR /srv/parley
COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY migrations ./migrations
COPY seeds ./seeds
RUN pip install --no-cache-dir .
ENV PARLEY_DATA_DIR=/var/lib/parley PARLEY_SEED_DIR=/srv/parley/seeds
EXPOSE 8000
CMD ["parley", "serve", "--host", "0.0.0.0", "--port", "8000"]
