"""Events: trigger lexicon → CAMEO codes, clause attachment, modality and event time."""

from app.language.events.lexicon import Lexicon, default_lexicon

__all__ = ["Lexicon", "default_lexicon"]
