"""Loading the corpus: one row per article. (Being written; iter_fields is stable.)"""
from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

FIELDS = ("title", "body")


def iter_fields(documents: pd.DataFrame) -> Iterator[tuple[str, str, str]]:
    """``(doc_id, field, text)`` for the title and the body of every document, in order.

    Missing values (no title) yield an empty string, so offsets stay defined.
    """
    for doc_id, title, body in zip(documents["doc_id"], documents["title"], documents["body"]):
        yield doc_id, "title", title if isinstance(title, str) else ""
        yield doc_id, "body", body if isinstance(body, str) else ""
