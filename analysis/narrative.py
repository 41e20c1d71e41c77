"""Prose that fits the corpus: the notebooks' sentences, computed from the tables.

The notebooks run on the seed corpus and on any corpus a researcher brings (with or without
``metadata.csv``, one article or thousands). Their explanations must hold for either, so
every sentence that states a finding is generated here from the data, with its figures:
"The corpus holds 6 articles from no named outlet …". Commentary that only the seed study
can support (what a particular seed article is about, why 2014 matters to it) lives in
``data/seed_commentary.md`` and is returned by :func:`seed_commentary` only when the corpus
*is* the seeds — decided by content (:func:`is_seed_corpus`: the seeds' doc_ids, file hashes,
outlets and dates), never by path.

Functions return Markdown source (``str``; empty when there is nothing to say), so tests can
read them; :func:`show` displays them in a notebook.
"""
from __future__ import annotations

import re
import warnings
from functools import lru_cache

import pandas as pd

from . import compare, paths

SEED_COMMENTARY = "seed_commentary.md"
#: Sides named in prose, in the order the study cares about them.
SIDE_NAMES = {"us": "the US side", "russia": "the Russian side", "syria_gov": "the Syrian government",
              "jihadist": "jihadist groups", "opposition": "the opposition",
              "us_partner": "US partners", "other": "other actors", "media": "the media"}
BASIS_NAMES = {"stated": "stated in the metadata", "inferred": "inferred from the events reported",
               "stamp": "taken from a publication stamp in the text", "": "unknown"}


# ---------------------------------------------------------------- small wording helpers

def count(n: int, noun: str, plural: str | None = None) -> str:
    """``no articles``, ``1 article``, ``2 articles``, ``1,204 articles``."""
    return f"{'no' if n == 0 else f'{n:,}'} {noun if n == 1 else (plural or noun + 's')}"


def day(ts) -> str:
    """``5 September 2019`` (``no date`` for a missing one)."""
    return "no date" if pd.isna(ts) else f"{ts.day} {ts:%B %Y}"


def percent(x: float) -> str:
    """``39%`` (``–`` when undefined)."""
    return "–" if pd.isna(x) else f"{100 * x:.0f}%"


def span(values, fmt=percent) -> str:
    """``39–58%`` for a range, ``39%`` when all values agree."""
    values = pd.Series(values).dropna()
    if values.empty:
        return "–"
    lo, hi = fmt(values.min()), fmt(values.max())
    if lo == hi:
        return lo
    return f"{lo.rstrip('%')}–{hi}" if lo.endswith("%") and hi.endswith("%") else f"{lo} to {hi}"


def listing(items) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def bullets(sentences) -> str:
    """A Markdown list of the non-empty sentences."""
    return "\n".join(f"- {s}" for s in sentences if s)


def show(*parts: str) -> None:
    """Display the non-empty parts as one Markdown output (nothing at all when all are empty)."""
    from IPython.display import Markdown, display

    text = "\n\n".join(p for p in parts if p)
    if text:
        display(Markdown(text))


def unit_word(documents: pd.DataFrame) -> str:
    """What the notebooks compare (:func:`analysis.compare.unit_kind`): ``article`` on a small
    corpus, ``outlet`` on a large one, ``year`` on a large one that names no outlet."""
    return compare.unit_kind(documents)


def _possessive(word: str) -> str:
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}'s"


# ---------------------------------------------------------------- which corpus is this?

def load(corpus_dir):
    """:func:`analysis.corpus.load`, its warnings kept as sentences instead of printed.

    Returns ``(raw, notes)``. A notebook says the notes in its prose (:func:`loading_notes`),
    so a corpus without ``metadata.csv`` is explained, not flagged on stderr.
    """
    from . import corpus

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", corpus.CorpusWarning)
        raw = corpus.load(corpus_dir)
    notes = []
    for w in caught:
        if issubclass(w.category, corpus.CorpusWarning):
            notes.append(str(w.message))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return raw, notes


def loading_notes(notes) -> str:
    """What loading reported (no metadata, files without a metadata row, skipped files)."""
    notes = list(dict.fromkeys(notes))
    if not notes:
        return ""
    return "Loading reported:\n\n" + bullets(notes)


def _fingerprint(documents: pd.DataFrame) -> frozenset:
    published = pd.to_datetime(documents["published"]).dt.strftime("%Y-%m-%d").fillna("")
    return frozenset(zip(documents["doc_id"].astype(str), documents["sha256"].astype(str),
                         documents["outlet"].fillna("").astype(str), published))


@lru_cache(maxsize=1)
def _seed_fingerprint() -> frozenset:
    try:
        raw, _ = load(paths.SEEDS_DIR)
    except (OSError, ValueError):
        return frozenset()
    return _fingerprint(raw)


def is_seed_corpus(documents: pd.DataFrame) -> bool:
    """Whether ``documents`` are the seed study's five articles, with the seeds' metadata.

    Decided by content: the same doc_ids, the same file bytes (SHA-256) and the same outlets
    and publication dates as ``seeds/`` with its ``metadata.csv``. A copy of the seed files
    elsewhere is the seeds; the seed texts without their metadata, a subset of them or
    another corpus are not (the seed commentary names outlets and dates they would lack).
    """
    needed = {"doc_id", "sha256", "outlet", "published"}
    if not needed <= set(documents.columns):
        return False
    seeds = _seed_fingerprint()
    return bool(seeds) and _fingerprint(documents) == seeds


@lru_cache(maxsize=1)
def _seed_sections() -> dict[str, str]:
    text = paths.data_file(SEED_COMMENTARY).read_text(encoding="utf-8")
    sections, key = {}, None
    for line in text.splitlines():
        heading = re.match(r"^## (\S+)\s*$", line)
        if heading:
            key = heading.group(1)
            sections[key] = []
        elif key:
            sections[key].append(line)
    return {k: "\n".join(v).strip() for k, v in sections.items()}


def seed_commentary(documents: pd.DataFrame, key: str) -> str:
    """The seed study's commentary ``key`` (a ``## key`` section of ``data/seed_commentary.md``),
    or ``""`` when the corpus is not the seeds."""
    if not is_seed_corpus(documents):
        return ""
    sections = _seed_sections()
    if key not in sections:
        raise KeyError(f"no section {key!r} in {SEED_COMMENTARY}")
    return sections[key]


# ---------------------------------------------------------------- 01: the corpus

def _outlets(documents: pd.DataFrame) -> str:
    outlet = documents["outlet"].fillna("")
    named = outlet[outlet != ""]
    if named.empty:
        return "No article names its outlet."
    text = f"They come from {count(named.nunique(), 'named outlet')}"
    unnamed = int((outlet == "").sum())
    if unnamed:
        text += f"; {count(unnamed, 'article')} {_has(unnamed)} no outlet"
    return text + "."


def _has(n: int) -> str:
    return "has" if n == 1 else "have"


def _period(documents: pd.DataFrame) -> str:
    published = documents["published"].dropna()
    undated = len(documents) - len(published)
    if published.empty:
        return "None has a known publication date."
    subject = "It was" if len(documents) == 1 else "They were"
    if published.min() == published.max():
        text = f"{subject} published on {day(published.min())}"
    else:
        text = f"{subject} published between {day(published.min())} and {day(published.max())}"
    if undated:
        text += f"; {count(undated, 'article')} {_has(undated)} no known date"
    return text + "."


def corpus_overview(documents: pd.DataFrame) -> str:
    """One paragraph: how many articles, from how many outlets, published when, how long."""
    n = len(documents)
    chars = int(documents["n_chars"].sum()) if "n_chars" in documents else None
    size = f" ({count(chars, 'character')} as captured)" if chars is not None else ""
    return f"The corpus holds **{count(n, 'article')}**{size}. {_outlets(documents)} {_period(documents)}"


def date_basis(documents: pd.DataFrame) -> str:
    """How each publication date is known: stated, inferred, from a stamp, unknown."""
    basis = documents["published_basis"].fillna("")
    basis = basis.where(documents["published"].notna(), "")
    counts = basis.value_counts()
    parts = [f"{count(int(counts[b]), 'date')} {BASIS_NAMES.get(b, b)}"
             for b in ("stated", "stamp", "inferred", "") if b in counts]
    parts += [f"{count(int(c), 'date')} {b}" for b, c in counts.items() if b not in BASIS_NAMES]
    return "Publication dates: " + listing(parts) + "."


def encodings(documents: pd.DataFrame) -> str:
    """Which encodings the files were read in."""
    if "encoding" not in documents:
        return ""
    counts = documents["encoding"].value_counts()
    if list(counts.index) == ["utf-8"]:
        return "All files are UTF-8."
    return "Files read as " + listing(f"{enc} ({count(int(c), 'file')})" for enc, c in counts.items()) + "."


# ---------------------------------------------------------------- 02: cleaning

def _kinds(removed: pd.DataFrame) -> str:
    furniture = removed[removed["reason"] == "furniture"]
    kinds = furniture["kind"].replace("", "other").value_counts()
    return listing(f"{k.replace('_', ' ')} {c}" for k, c in kinds.head(8).items()) + (
        " …" if len(kinds) > 8 else "")


def cleaning_summary(raw: pd.DataFrame, documents: pd.DataFrame, removed: pd.DataFrame) -> list[str]:
    """Sentences on what cleaning removed and kept, with their counts."""
    reasons = removed["reason"].value_counts()
    touched = removed["doc_id"].nunique()
    chars_raw = int(raw["n_chars"].sum())
    kept = int((documents["title"].str.len() + documents["body"].str.len()).sum())
    parts = [f"{count(int(reasons.get('furniture', 0)), 'furniture line')}"
             + (f" ({_kinds(removed)})" if reasons.get("furniture", 0) else ""),
             count(int(reasons.get("duplicate", 0)), "repeated headline"),
             count(int(reasons.get("dateline", 0)), "dateline"),
             count(int(reasons.get("stamp", 0)), "publication stamp")]
    where = (_all(touched, "article") if touched == len(documents)
             else f"{touched:,} of {count(len(documents), 'article')}")
    out = [f"Cleaning removed {count(len(removed), 'line')} from {where}: {listing(parts)}. "
           f"The headlines and bodies kept hold {percent(kept / chars_raw if chars_raw else float('nan'))} "
           "of the captured characters; each removed line is listed above with its reason."]
    empty = documents.loc[documents["body"].str.strip() == "", "doc_id"]
    if len(empty):
        out.append(f"**{count(len(empty), 'article')} kept no body at all** "
                   f"({listing(empty.head(5))}{' …' if len(empty) > 5 else ''}): check them by hand.")
    return out


def stamp_summary(documents: pd.DataFrame) -> str:
    """How the publication stamps found in the text compare with the metadata dates."""
    check = documents.get("published_check", pd.Series("", index=documents.index)).fillna("")
    counts = check.value_counts()
    verbs = {"agrees": ("agrees", "agree", "with the metadata date"),
             "differs": ("**differs", "**differ", "from the metadata date**"),
             "supplied": ("supplies", "supply", "a date the metadata lacks")}
    parts = [f"{int(counts[k])} {one if counts[k] == 1 else many} {rest}"
             for k, (one, many, rest) in verbs.items() if k in counts]
    stamps = int(counts.drop("", errors="ignore").sum())
    undated = int(documents["published"].isna().sum())
    text = (f"Of {count(stamps, 'printed publication stamp')}, {listing(parts)}." if stamps
            else "No article prints a publication stamp the cleaner recognises.")
    if undated:
        text += (f" {count(undated, 'article')} {_has(undated)} neither a metadata date nor a stamp: "
                 f"relative dates in {'it' if undated == 1 else 'them'} stay unresolved.")
    return text


def folding_summary(steps: pd.DataFrame) -> str:
    """What each orthographic folding step merges (``normalize.folding_steps`` output)."""
    if steps.empty or steps["n_types"].iloc[0] == 0:
        return "The corpus has no words to fold."
    first, last = int(steps["n_types"].iloc[0]), int(steps["n_types"].iloc[-1])
    merged = first - last
    by_step = "; ".join(f"{s}: {int(m)}" for s, m in zip(steps["step"].iloc[1:], steps["merged"].iloc[1:]))
    return (f"Folding merges {count(merged, 'word type')} of {first:,} ({percent(merged / first)}; "
            f"{by_step}). Spelling variants of transliterated names are left to the codebook.")


# ---------------------------------------------------------------- 03: actors

def example_actor(mentions: pd.DataFrame, *, prefer: str) -> str | None:
    """``prefer`` if the corpus mentions it, else its most mentioned actor (None: no mentions)."""
    ids = mentions["actor_id"]
    if (ids == prefer).any():
        return prefer
    return None if ids.empty else str(ids.value_counts().sort_index().idxmax())


def side_summary(by_side: pd.DataFrame, documents: pd.DataFrame) -> list[str]:
    """The balance of sides per unit (``compare.rates(..., by="side")`` output)."""
    units = by_side["unit"].nunique()
    word = unit_word(documents)
    if by_side["n"].sum() == 0:
        return ["No codebook actor is named anywhere in the corpus."]
    shares = by_side.pivot_table(index="unit", columns="side", values="share", aggfunc="sum")
    counts = by_side.pivot_table(index="unit", columns="side", values="n", aggfunc="sum")
    shares = shares[counts.sum(axis=1) > 0]
    rank = {side: i for i, side in enumerate(SIDE_NAMES)}
    leader = shares.idxmax(axis=1).value_counts()
    leader = leader.loc[sorted(leader.index, key=lambda side: (-leader[side], rank.get(side, len(rank)), side))]
    if len(leader) == 1:
        lead = f"{SIDE_NAMES.get(leader.index[0], leader.index[0])} in {_all(units, word)}"
    else:
        lead = listing(f"{SIDE_NAMES.get(s, s)} in {int(n)}" for s, n in leader.items()) + f" of {count(units, word)}"
    out = [f"The largest share of actor mentions goes to {lead}."]
    if {"us", "russia"} <= set(shares.columns):
        ratio = counts["us"] / counts["russia"].where(counts["russia"] > 0)
        out.append(f"The US side holds {span(shares['us'])} of {_possessive(word)} mentions and the Russian "
                   f"side {span(shares['russia'])}; the US side is named "
                   f"{span(ratio, fmt=lambda x: f'{x:.1f}')} times as often as the Russian side.")
    if "jihadist" in shares.columns and shares["jihadist"].max() > 0:
        most = (f", most in {shares['jihadist'].idxmax()} ({percent(shares['jihadist'].max())})"
                if len(shares) > 1 else "")
        out.append(f"Jihadist groups take {span(shares['jihadist'])}{most}.")
    return out


def _all(n: int, noun: str) -> str:
    """``the one article``, ``both articles``, ``all 5 articles``."""
    return f"the one {noun}" if n == 1 else f"both {noun}s" if n == 2 else f"all {n:,} {noun}s"


def actor_summary(mentions: pd.DataFrame, names: pd.DataFrame, documents: pd.DataFrame) -> str:
    """The most named single actor per unit of comparison (``names``: the codebook by id)."""
    if mentions.empty:
        return ""
    unit_of = compare.units(documents)
    per_unit = (mentions.assign(unit=mentions["doc_id"].map(unit_of))
                .groupby(["unit", "actor_id"]).size().rename("n").reset_index()
                .sort_values(["unit", "n", "actor_id"], ascending=[True, False, True])
                .drop_duplicates("unit"))
    top = per_unit["actor_id"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
    word = unit_word(documents)
    return ("The most named single actor is " +
            listing(f"{names.loc[a, 'english']} in {count(int(n), word)}" for a, n in top.items()) + ".")


def voice_summary(statements: pd.DataFrame, names: pd.DataFrame) -> str:
    """Who speaks most for the US and the Russian side (attributed statements)."""
    parts = []
    for side in ("us", "russia"):
        own = statements[statements["speaker_side"] == side]
        if own.empty:
            parts.append(f"{SIDE_NAMES[side]} has no attributed statement")
            continue
        who = own["speaker_actor_id"].replace("", pd.NA).dropna()
        if who.empty:
            parts.append(f"{SIDE_NAMES[side]} speaks {count(len(own), 'time')}, by unresolved speakers")
            continue
        top = who.value_counts().sort_index().sort_values(ascending=False, kind="stable").index[0]
        n = int((own["speaker_actor_id"] == top).sum())
        docs = own.loc[own["speaker_actor_id"] == top, "doc_id"].nunique()
        parts.append(f"{SIDE_NAMES[side]} speaks {count(len(own), 'time')}, most often through "
                     f"{names.loc[top, 'english']} ({count(n, 'statement')} in {count(docs, 'article')})")
    text = "; ".join(parts) + "."
    return text[0].upper() + text[1:]


def person_summary(mentions: pd.DataFrame, names: pd.DataFrame) -> str:
    """How often US and Russian persons are named."""
    persons = mentions[mentions["actor_id"].map(names["type"]) == "person"]
    side = persons["actor_id"].map(names["side"])
    us, ru = int((side == "us").sum()), int((side == "russia").sum())
    if us + ru == 0:
        return "No US or Russian person from the codebook is named."
    def times(n: int) -> str:
        return f"{n:,} time" + ("" if n == 1 else "s")

    return (f"US persons are named {times(us)} and Russian persons {times(ru)} "
            f"({count(persons['actor_id'].nunique(), 'person')} in all).")


def pair_summary(pairs: pd.DataFrame, names: pd.DataFrame, *, n: int = 2) -> str:
    """The pairs of actors most often named in one sentence (``actors.cooccurrence`` output)."""
    if pairs.empty:
        return "No two actors are named in the same sentence."
    top = pairs.head(n)
    return ("The actors most often named in the same sentence are " +
            listing(f"{names.loc[a, 'english']} with {names.loc[b, 'english']} "
                    f"({count(int(k), 'sentence')})" for a, b, k in
                    zip(top["actor_id_a"], top["actor_id_b"], top["n_units"])) + ".")


def limits(documents: pd.DataFrame) -> str:
    """What a corpus of this size and make-up can and cannot show."""
    n = len(documents)
    outlets = documents["outlet"].replace("", pd.NA).dropna()
    years = documents["published"].dropna().dt.year
    counts = (f"{count(n, 'article')}, {count(outlets.nunique(), 'named outlet')} and "
              f"{count(years.nunique(), 'publication year')}")
    if n == 1:
        return ("The corpus is one article: the tables above describe that text exactly (every count "
                "traceable to a span, as the KWIC lines show), and compare nothing — no other outlet, "
                "moment or story.")
    if unit_word(documents) == "year":
        return (f"The corpus has {counts}: rows above pool each publication year's articles (long "
                "articles weigh more), since no article names its outlet; a difference between years "
                "may be the outlets that happen to be in each year as much as the moment.")
    if n <= compare.MAX_ARTICLES:
        confounded = n > 1 and len(outlets) == n and outlets.nunique() == n and years.nunique() == n
        text = (f"The corpus has {counts}: each row above is one article, so a difference between "
                "two rows may be the outlet's line, the moment, or the particular story.")
        if confounded:
            text += (" Here every article is a different outlet *and* a different year, so outlet "
                     "and time are confounded.")
        if outlets.empty:
            text += " No outlet is named, so nothing here speaks for an outlet's coverage."
        return (text + " The counts describe these texts exactly (every one traceable to a span, "
                "as the KWIC lines show); a generalisation needs a larger corpus.")
    return (f"The corpus has {counts}: rows above pool each outlet's articles (long articles "
            "weigh more), so a row describes what the corpus holds of that outlet, not a sample "
            "of its coverage unless the corpus was drawn as one.")


# ---------------------------------------------------------------- 04: dates

def inferred_dates(documents: pd.DataFrame) -> str:
    """How many publication dates are inferred or unknown (the ones weekdays can check)."""
    basis = documents["published_basis"].fillna("").where(documents["published"].notna(), "")
    inferred = int((basis == "inferred").sum())
    unknown = int((basis == "").sum())
    text = (f"{count(inferred, 'publication date')} of {len(documents):,} "
            f"{'is' if inferred == 1 else 'are'} inferred, not printed" if inferred
            else f"No publication date of the {count(len(documents), 'article')} is inferred")
    if unknown:
        text += f", and {unknown:,} {'is' if unknown == 1 else 'are'} unknown"
    return text + "."


def reach_summary(placed: pd.DataFrame, documents: pd.DataFrame) -> list[str]:
    """How far back and ahead the articles reach (``dates.reach`` output)."""
    dated = documents["published"].notna()
    n = int(dated.sum())
    if n == 0:
        return ["No article has a publication date, so no mention can be placed before or after it."]
    days = placed.groupby("doc_id")["days_from_publication"]
    recent = int(days.apply(lambda d: d.between(-7, 0).any()).sum())
    back = int(days.min().lt(-365).sum())
    ahead = placed.loc[placed["tense"] == "future", "doc_id"].unique()
    def of_n(k: int) -> str:
        return f"all {k:,}" if k == n and n > 1 else f"{k:,} of {n:,}"

    lead = f"{of_n(recent)} dated article{'s' if n > 1 else ''}"
    out = [f"{lead[0].upper()}{lead[1:]} place news in the week up "
           f"to publication («أمس», a weekday, «هذا الأسبوع»); {of_n(back)} reach more than a year back."]
    labels = compare.article_labels(documents)
    if len(ahead) == 0:
        out.append("No article looks ahead of its publication date.")
    elif len(ahead) <= 5:
        out.append(f"{count(len(ahead), 'article')} {'looks' if len(ahead) == 1 else 'look'} ahead: "
                   + listing(labels[d] for d in sorted(ahead)) + ".")
    else:
        out.append(f"{count(len(ahead), 'article')} look ahead of publication.")
    unresolved = placed.loc[~placed["doc_id"].isin(documents.loc[dated, "doc_id"])]
    undated = len(documents) - n
    if undated:
        out.append(f"{count(undated, 'article')} without a publication date "
                   + ("keeps its relative dates unresolved and is" if undated == 1
                      else "keep their relative dates unresolved and are") + " left out here"
                   + (f" ({count(len(unresolved), 'mention')} placed by absolute dates only)."
                      if len(unresolved) else "."))
    return out


def anchor_summary(anchors: pd.DataFrame, n_articles: int) -> str:
    """The years named by several articles more than a year before publication."""
    if anchors.empty:
        return "No earlier year is named by more than one article."
    return ("Years named by more than one article, over a year before publication: "
            + listing(f"**{y}** ({a} of {n_articles:,} articles)" for y, a in anchors["articles"].items())
            + ".")


def weekday_summary(evidence: pd.DataFrame) -> str:
    """What the weekdays say about the publication dates (``dates.weekday_evidence``)."""
    checked = evidence[evidence["checked"] > 0]
    bad = evidence[evidence["inconsistent"] > 0]
    inferred = evidence["published_basis"] == "inferred"
    support = int((inferred & evidence["supported"].fillna(False).astype(bool)).sum())
    text = (f"A weekday attached to a relative day checks the publication date of "
            f"{count(len(checked), 'article')}: ")
    text += (f"**{count(len(bad), 'article')} disagree{'s' if len(bad) == 1 else ''}** "
             f"({listing(bad['doc_id'].head(5))}{' …' if len(bad) > 5 else ''})" if len(bad) else "all agree")
    if inferred.any():
        text += (f"; {support} of {count(int(inferred.sum()), 'inferred date')} "
                 f"{'is' if support == 1 else 'are'} supported this way, the others rest on "
                 "bare weekdays or nothing")
    return text + "."


# ---------------------------------------------------------------- 05: frames and voices

FRAME_NAMES = {"cooperation": "cooperation", "deconfliction": "deconfliction",
               "confrontation": "confrontation", "counter_terrorism": "counter-terrorism",
               "diplomacy": "diplomacy", "military_operations": "military operations",
               "strategic_stability": "strategic stability"}
VOICE_NAMES = {"us": "the US side", "russia": "the Russian side", "joint": "the two powers together",
               "other": "other sides", "unresolved": "unresolved sources"}


def weak_frame_note(weak: dict[str, float], *, below: float = 0.7,
                    where: str = "the blind coded set (notebook 06)") -> str:
    """What a finding resting on a frame with F1 under ``below`` against a coder means
    (``weak``: ``validation.weak_frames`` of the blind set)."""
    if not weak:
        return f"Every frame agrees with a human coder at F1 {below:.1f} or above on {where}."
    named = listing(f"{FRAME_NAMES.get(f, f)} (F1 {v:.2f})" for f, v in weak.items())
    return (f"On {where} the measure agrees with a human coder below F1 {below:.1f} for {named}"
            ": a finding that rests on "
            f"{'this frame' if len(weak) == 1 else 'these frames'} is an indication to check in "
            "the evidence lines, not a measurement.")


def _leaders(table: pd.DataFrame, name) -> dict[str, int]:
    """How many rows each column leads; a tie counts as ``a and b tied``, most rows first."""
    tally: dict[str, int] = {}
    for _, row in table.iterrows():
        best = [c for c in table.columns if row[c] == row.max()]
        key = name(best[0]) if len(best) == 1 else listing(name(c) for c in best) + " tied"
        tally[key] = tally.get(key, 0) + 1
    return dict(sorted(tally.items(), key=lambda kv: (-kv[1], " tied" in kv[0])))


def frame_profile_summary(shares: pd.DataFrame, weak: dict[str, float], documents: pd.DataFrame) -> list[str]:
    """Which frame leads each unit, and the range of the relational frames' shares
    (``shares``: units × frames, shares of sentence-frame pairs); a weak frame is flagged."""
    shares = shares.dropna(how="all")
    if shares.empty:
        return ["No sentence carries a frame."]
    word = unit_word(documents)

    def name(f):
        return FRAME_NAMES.get(f, f) + (" ⚠" if f in weak else "")

    lead = _leaders(shares, name)
    out = [f"Of the {count(len(shares), word)}, the largest share of sentence-frame pairs goes to "
           + listing(f"{f} in {n:,}" for f, n in lead.items()) + "."]
    parts = [f"{name(f)} {span(shares[f])}" for f in ("cooperation", "deconfliction", "confrontation")
             if f in shares]
    out.append(f"Across {_all(len(shares), word)}: " + listing(parts) + " of the pairs.")
    if "cooperation" in shares and {"deconfliction", "military_operations"} <= set(shares.columns):
        managed = shares["deconfliction"] + shares["military_operations"]
        more = int((managed > shares["cooperation"]).sum())
        out.append(f"Deconfliction and military operations together outweigh cooperation in "
                   f"{more} of {count(len(shares), word)}.")
    if weak:
        out.append("⚠ marks a frame below F1 0.7 against a coder on the blind set.")
    return out


def voice_balance_summary(counts: pd.DataFrame, documents: pd.DataFrame) -> list[str]:
    """Whose voice leads each unit (``counts``: units × voices, statements)."""
    word = unit_word(documents)
    spoken = counts[counts.sum(axis=1) > 0]
    if spoken.empty:
        return ["No attributed statement is found."]
    sided = spoken[[c for c in ("us", "russia", "joint", "other") if c in spoken]]
    lead = _leaders(sided[sided.sum(axis=1) > 0], lambda v: VOICE_NAMES.get(v, v))
    out = [f"Of the {count(len(counts), word)}, most statements come from "
           + listing(f"{v} in {n:,}" for v, n in lead.items()) + "."]
    if "joint" in spoken and spoken["joint"].sum():
        out.append(f"The two powers speak together («البلدان», «الجانبان») {count(int(spoken['joint'].sum()), 'time')} "
                   f"in {count(int((spoken['joint'] > 0).sum()), word)}.")
    return out


def interval_note(intervals: pd.DataFrame, *, what: str) -> str:
    """How wide the bootstrap intervals are (``intervals``: share, low, high)."""
    width = (intervals["high"] - intervals["low"]).dropna()
    if width.empty:
        return ""
    return (f"The lines are 90% bootstrap intervals over each unit's sentences; the {what} intervals "
            f"are {percent(width.median())} wide at the median and up to {percent(width.max())}: "
            "a difference between two units smaller than that is not a finding.")


# ---------------------------------------------------------------- 06: validation

def validation_summary(summary: pd.DataFrame, weak: dict[str, float]) -> list[str]:
    """Blind against tuned figures (``validation.summary``; the blind set is the row whose
    ``role`` is ``blind``) and the frames below F1 0.7."""
    blind = summary[summary["role"] == "blind"]
    if blind.empty:
        return []
    b = blind.iloc[0]
    tuned = summary[summary["role"] == "tuned"]
    out = [f"On the blind set ({count(int(b['articles']), 'article')}, never tuned on) frames agree with the "
           f"coder at pooled F1 **{b['frame_f1']:.2f}** (precision {b['frame_precision']:.2f}, recall "
           f"{b['frame_recall']:.2f}), against {span(tuned['frame_f1'], fmt=lambda x: f'{x:.2f}')} on the sets "
           "the rules were tuned on; the target is 0.85, a second coder reaches 0.95.",
           f"Each blind article's frame shares differ from the coder's by {b['share_mad']:.3f} on average "
           f"(target 0.05); the top frame agrees in {percent(b['top_frame_agrees'])} of them.",
           f"Statements on the blind set: detection F1 **{b['statement_f1']:.2f}** (precision "
           f"{b['statement_precision']:.2f}, recall {b['statement_recall']:.2f}; target 0.92), the "
           f"speaker's side right for {percent(b['side_accuracy'])} of those found (target 95%), voice "
           f"shares {b['voice_mad']:.3f} from the coder's (target 0.05)."]
    second = summary[summary["role"] == "second coder"]
    if not second.empty:
        c = second.iloc[0]
        out.append(f"Two coders of the blind set, coding independently, agree at pooled F1 **{c['frame_f1']:.2f}** "
                   f"(article shares {c['share_mad']:.3f} apart; statements F1 {c['statement_f1']:.2f}, sides "
                   f"{percent(c['side_accuracy'])}): the gap between the package and the coder "
                   f"({c['frame_f1'] - b['frame_f1']:.2f} in frame F1) is the measure's, not the codebook's.")
    if weak:
        out.append("Below F1 0.7 on the blind set: " + listing(
            f"**{FRAME_NAMES.get(f, f)}** ({v:.2f})" for f, v in weak.items()) + ".")
    return out
