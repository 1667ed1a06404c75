"""POST /v1/articles and GET /v1/articles/{id}: HTTP only."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from app.articles import service
from app.articles.schemas import ArticleCreate, ArticleCreated, ArticleDetail
from app.deps import SessionDep, SettingsDep, WriteSessionDep

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
    body: ArticleCreate, session: WriteSessionDep, settings: SettingsDep, response: Response
) -> ArticleCreated:
    """Ingest one article: extract its events, date them, store them with the article in one transaction."""
    created = service.create_article(
        session, payload=body.model_dump(exclude_none=True), max_chars=settings.max_text_chars
    )
    if created.duplicate:
        response.status_code = status.HTTP_200_OK
    return created


@router.get("/articles/{article_id}", operation_id="articles-get", response_model=ArticleDetail)
def get_article(article_id: int, session: SessionDep) -> ArticleDetail:
    """One stored article with its text, events and time mentions."""
    return service.read_article(session, article_id=article_id)
