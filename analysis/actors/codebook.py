"""The codebook as data: actors, their aliases and the head words, read and checked.

Three editable TSV files in ``analysis/data/`` (see ``analysis/data/actors.md``), read
with :mod:`analysis.datafiles` (UTF-8, a header line, ``#`` comment lines anywhere):

* ``codebook.tsv``      -- one row per actor: ``id, type, side, english, label_ar``
* ``actor_aliases.tsv`` -- one row per alias: ``actor_id, alias, kind, note``. ``kind`` is
  one of :data:`ALIAS_KINDS`; ``exclude`` rows are phrases that contain an alias but are
  not a mention of the actor («روسيا البيضاء», «القاعدة الجوية», «حافظ الأسد»).
* ``actor_heads.tsv``   -- words that make an adjective an unnamed reference:
  ``phrase, role, note`` with a role of :data:`HEAD_ROLES`.

A researcher adds an actor or an alias by adding a row; a malformed file raises
:class:`CodebookError` naming the file, the line and the problem. An edited file is read
again on the next call.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path

import pandas as pd

from .. import datafiles
from .view import matching_key

SIDES = ("us", "russia", "syria_gov", "other", "jihadist", "us_partner", "opposition", "media")
TYPES = ("state", "institution", "alliance", "intl_org", "armed_group", "person", "media")
ALIAS_KINDS = ("name", "short_name", "title", "metonym", "abbreviation", "adjective",
               "spelling", "exclude")
HEAD_ROLES = ("unnamed", "not_actor", "title", "modifier", "rank")

_ID_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
_CODEBOOK_COLUMNS = ["id", "type", "side", "english", "label_ar"]
_ALIAS_COLUMNS = ["actor_id", "alias", "kind", "note", "key", "line"]


class CodebookError(datafiles.DataFileError):
    """A codebook data file is malformed; the message names the file, line and problem."""


# --- the three files ------------------------------------------------------------------------

def load_codebook(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The actors of the study.

    Args:
        path: a ``codebook.tsv``; by default the package's own.

    Returns:
        One row per actor, columns ``id, type, side, english, label_ar``, in file order.

    Raises:
        CodebookError: a missing column, an empty, malformed or duplicate id, an unknown
        type or side, an empty English name, or no actors at all.
    """
    path = datafiles.resolve(path, "codebook.tsv").resolve()
    return _read_codebook(path).copy()


@datafiles.reloading
def _read_codebook(path: Path) -> pd.DataFrame:
    first_line: dict[str, int] = {}
    records = []
    for row in datafiles.read_tsv(path, required=_CODEBOOK_COLUMNS, error=CodebookError):
        actor = row["id"]
        if not actor:
            raise row.error("empty id", CodebookError)
        if not _ID_RE.match(actor):
            raise row.error(f"id {actor!r} must be upper-case letters, digits, _", CodebookError)
        if actor in first_line:
            raise row.error(f"duplicate id {actor!r} (first on line {first_line[actor]})", CodebookError)
        if row["type"] not in TYPES:
            raise row.error(f"unknown type {row['type']!r} for {actor}; allowed: {', '.join(TYPES)}",
                            CodebookError)
        if row["side"] not in SIDES:
            raise row.error(f"unknown side {row['side']!r} for {actor}; allowed: {', '.join(SIDES)}",
                            CodebookError)
        if not row["english"]:
            raise row.error(f"empty english name for {actor}", CodebookError)
        first_line[actor] = row.line_no
        records.append([row[c] for c in _CODEBOOK_COLUMNS])
    if not records:
        raise CodebookError(f"{path}: no actors")
    return pd.DataFrame(records, columns=_CODEBOOK_COLUMNS)


def load_aliases(path: str | os.PathLike | None = None, *,
                 codebook: pd.DataFrame | None = None) -> pd.DataFrame:
    """The aliases of the actors, checked against the codebook.

    Args:
        path: an ``actor_aliases.tsv``; by default the package's own.
        codebook: the actors the aliases must belong to (default :func:`load_codebook`).

    Returns:
        One row per alias, columns ``actor_id, alias, kind, note, key, line``: ``key`` is
        the folded form used for matching (:func:`.view.matching_key`), ``line`` the line
        of the file. The same alias listed twice for one actor (e.g. «أمريكا» and
        «امريكا», which fold alike) is kept once, at its first line.

    Raises:
        CodebookError: an unknown actor id, an empty alias, an unknown kind, an alias with
        no letters once folded, or one folded alias given to two actors.
    """
    path = datafiles.resolve(path, "actor_aliases.tsv").resolve()
    aliases = _read_aliases(path)
    actors = codebook if codebook is not None else load_codebook()
    unknown = ~aliases["actor_id"].isin(set(actors["id"]))
    if unknown.any():
        first = aliases[unknown].iloc[0]
        raise CodebookError(f"{path}:{first['line']}: unknown actor id {first['actor_id']!r} "
                            "(not in the codebook)")
    return aliases.copy()


@datafiles.reloading
def _read_aliases(path: Path) -> pd.DataFrame:
    first: dict[str, tuple[str, int, str]] = {}  # key -> actor, line, kind
    records = []
    for row in datafiles.read_tsv(path, required=["actor_id", "alias", "kind"], optional=["note"],
                                  error=CodebookError):
        actor, alias, kind = row["actor_id"], row["alias"], row["kind"]
        if not alias:
            raise row.error(f"empty alias for {actor}", CodebookError)
        if kind not in ALIAS_KINDS:
            raise row.error(f"unknown kind {kind!r}; allowed: {', '.join(ALIAS_KINDS)}", CodebookError)
        key = matching_key(alias)
        if not key:
            raise row.error(f"alias {alias!r} has no letters or digits once folded", CodebookError)
        if key in first:
            other_actor, other_line, other_kind = first[key]
            if other_actor != actor or (other_kind == "exclude") != (kind == "exclude"):
                raise row.error(f"alias {alias!r} (folded {key!r}) is already given to "
                                f"{other_actor} ({other_kind}) on line {other_line}", CodebookError)
            continue
        first[key] = (actor, row.line_no, kind)
        records.append([actor, alias, kind, row.get("note"), key, row.line_no])
    return pd.DataFrame(records, columns=_ALIAS_COLUMNS)


def load_heads(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The head words that make a following adjective an unnamed reference.

    Args:
        path: an ``actor_heads.tsv``; by default the package's own.

    Returns:
        One row per head, columns ``phrase, role, note, key`` (``key``: the folded form).

    Raises:
        CodebookError: an empty phrase, an unknown role, or a phrase listed twice for one role.
    """
    path = datafiles.resolve(path, "actor_heads.tsv").resolve()
    return _read_heads(path).copy()


@datafiles.reloading
def _read_heads(path: Path) -> pd.DataFrame:
    records, seen = [], {}
    for row in datafiles.read_tsv(path, required=["phrase", "role"], optional=["note"],
                                  error=CodebookError):
        key, role = matching_key(row["phrase"]), row["role"]
        if not key:
            raise row.error("empty phrase", CodebookError)
        if role not in HEAD_ROLES:
            raise row.error(f"unknown role {role!r}; allowed: {', '.join(HEAD_ROLES)}", CodebookError)
        if (key, role) in seen:
            raise row.error(f"duplicate {role} head {row['phrase']!r} (line {seen[key, role]})",
                            CodebookError)
        seen[key, role] = row.line_no
        records.append([row["phrase"], role, row.get("note"), key])
    return pd.DataFrame(records, columns=["phrase", "role", "note", "key"])


# --- the three together -----------------------------------------------------------------------

@dataclass(frozen=True)
class Codebook:
    """Actors, aliases and heads, validated together, and the matching rules built from them."""

    actors: pd.DataFrame
    aliases: pd.DataFrame
    heads: pd.DataFrame
    _cache: dict = dc_field(default_factory=dict, repr=False, compare=False)

    @property
    def matcher(self):
        """The :class:`.mentions.Matcher` of this codebook (built once, on first use)."""
        if "matcher" not in self._cache:
            from .mentions import Matcher

            self._cache["matcher"] = Matcher(self)
        return self._cache["matcher"]


def load(*, codebook_path: str | os.PathLike | None = None,
         aliases_path: str | os.PathLike | None = None,
         heads_path: str | os.PathLike | None = None) -> Codebook:
    """The codebook files read and checked together.

    Args:
        codebook_path, aliases_path, heads_path: the three files; by default the package's own.

    Returns:
        A :class:`Codebook`, the same object until one of the files changes.

    Raises:
        CodebookError: a malformed file (see :func:`load_codebook`, :func:`load_aliases`,
        :func:`load_heads`).
    """
    return _load_all(datafiles.resolve(codebook_path, "codebook.tsv").resolve(),
                     datafiles.resolve(aliases_path, "actor_aliases.tsv").resolve(),
                     datafiles.resolve(heads_path, "actor_heads.tsv").resolve())


@datafiles.reloading
def _load_all(codebook_path: Path, aliases_path: Path, heads_path: Path) -> Codebook:
    actors = load_codebook(codebook_path)
    return Codebook(actors, load_aliases(aliases_path, codebook=actors), load_heads(heads_path))
