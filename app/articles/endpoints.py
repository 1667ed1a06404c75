"""POST /v1/articles, GET and DELETE /v1/articles/{id}: HTTP only."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from app.articles import service
from app.articles.schemas import ArticleCreate, ArticleCreated, ArticleDetail
from app.deps import SessionDep, SessionsDep, SettingsDep, WriteSessionDep
from app.timeline.http_cache import read_response, response_cache

__all__ = ["router"]

router = APIRouter(tags=["articles"])


@router.post(
    "/articles",
    operation_id="articles-create",
    status_code=status.HTTP_201_CREATED,
    response_model=ArticleCreated,
    responses={200: {"model": ArticleCreated, "description": "Already stored: nothing new was written."}},
)
def create_article(
    body: ArticleCreate, sessions: SessionsDep, settings: SettingsDep, response: Response
) -> ArticleCreated:
    """Ingest one article: extract its events, date them, store them with the article in one transaction."""
    created = service.create_article(
        sessions, payload=body.model_dump(exclude_none=True), max_chars=settings.max_text_chars
    )
    if created.duplicate:
        response.status_code = status.HTTP_200_OK
    return created


@router.get(
    "/articles/{article_id}",
    operation_id="articles-get",
    responses={200: {"model": ArticleDetail}, 304: {"description": "Not modified."}},
)
def get_article(article_id: int, request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    """One stored article with its text, events and time mentions (strong ETag; 304 on If-None-Match)."""
    generation = response_cache(request).generation
    body = service.read_article(session, article_id=article_id).model_dump_json().encode()
    return read_response(
        request, body, media_type="application/json", generation=generation, max_age=settings.http_max_age
    )


@router.delete(
    "/articles/{article_id}", operation_id="articles-delete", status_code=status.HTTP_204_NO_CONTENT
)
def delete_article(article_id: int, session: WriteSessionDep) -> Response:
    """Delete an article and its mentions; the timeline events they supported are rebuilt or removed."""
    service.delete_article(session, article_id=article_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
