"""ORM tables, one per module; importing this package registers them all on ``Base.metadata``."""

from app.models.actor import Actor
from app.models.api_key import ApiKey
from app.models.article import Article
from app.models.event import ClusterKey, EventActor, EventMention, TimelineEvent
from app.models.ingest_run import IngestRun
from app.models.relation import EventRelation
from app.models.source import FeedItem, Source
from app.models.timex import TemporalMentionRow

__all__ = [
    "Actor",
    "ApiKey",
    "Article",
    "ClusterKey",
    "EventActor",
    "EventMention",
    "EventRelation",
    "FeedItem",
    "IngestRun",
    "Source",
    "TemporalMentionRow",
    "TimelineEvent",
]
