"""Date mentions: every date expression of an article, with an ISO value at its granularity.

One row per mention (:data:`COLUMNS`), offsets into the stored title/body text:

* ``value``       -- ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-Www`` (ISO week); empty for
  vague mentions and for relative ones when the article has no ``published`` date
* ``granularity`` -- ``year``, ``month``, ``week``, ``day`` (empty for vague mentions)
* ``kind``        -- ``absolute`` (the text states the year), ``relative`` (resolved against
  ``published``: أمس، الاثنين، الشهر الماضي، «سبتمبر» without a year …) or ``vague``
  («خلال السنوات الماضية», «قريباً»: listed, no value)
* ``modifier``    -- what the text says about the period: ``start``, ``middle``, ``end``
  (مطلع، منتصف، نهاية …), ``since``, ``until``, ``before``, ``after`` (منذ، حتى، قبل، بعد),
  a season (``summer`` …), ``range_start``/``range_end`` for the two ends of a range;
  several are joined with ``+`` in text order («منذ مطلع العام» → ``since+start``)
* ``anchor``      -- the ISO publication date the value was resolved against (empty when
  the mention does not depend on it)
* ``weekday``     -- English name of a weekday named in the mention («أمس الجمعة» → Friday)
* ``weekday_consistent`` -- when the mention names a weekday *and* a date found otherwise
  (أمس، اليوم، a calendar date), whether they agree; ``<NA>`` when there is nothing to
  check (a bare weekday is resolved from the weekday itself)

Conventions (decisions the issue left open):

* Clitics and the prepositions في/خلال are not part of the surface; modifiers are
  («منذ 2014», «نهاية آب الفائت»).
* A bare weekday is the most recent such day on or before publication, unless its clause
  says it is still to come (the same test as a night's, below: «من المقرر أن يلتقيا
  السبت», «تدخل الهدنة حيز التنفيذ اعتباراً من الأحد»), when it is the first such day on or
  after publication; with الماضي/الفائت the most recent strictly before; with
  المقبل/القادم the next strictly after.
* A night named by the two days it spans («ليل الأحد الاثنين», «ليلة السبت - الأحد»,
  «ليلة الخميس إلى الجمعة», «ليل السبت/الأحد») is one mention whose value is the first day
  (the evening the night starts; ``weekday`` names it). With الماضي/المقبل it resolves as a
  weekday with them; otherwise by the tense of its clause (back to the last «.،؛:!؟» or
  100 characters, and from its last ``clause_opener`` such as «الذي», «بعدما»): after a
  future word (``future_marker``, ``future_clause``: «سوف», «من المقرر أن», «تدخل الهدنة
  حيز التنفيذ») or a verb in سي/ست/سن (not the nouns and names of
  ``future_prefix_blocker``: «سياسة», «سيارة») it is coming, the first such day on or after
  publication (the publication day's own night is still to come); otherwise past, the
  most recent such day on or before publication, as a bare weekday. Two days that do not
  follow each other, a pair without ليل/ليلة, or a night followed by a calendar day
  («ليلة السبت الأحد 14 أيلول») are read as before, day by day.
* A month name without a year is the most recent such month on or before publication;
  الماضي/الفائت/المنصرم = the most recent strictly before; المقبل/القادم = the next strictly
  after; الجاري/الحالي = that month of the publication year. A day with such a month takes
  the month's year. All of these are ``relative``.
* Weeks are ISO weeks (Monday–Sunday), although the Arab working week starts on Saturday
  or Sunday: «الأسبوع الماضي» is the ISO week before the publication's.
* Ranges («يومي 9 و10 سبتمبر», «2015-2019», «بين عامي 2015 و2019», «يناير - مارس 2015») give
  two rows, ``range_start`` and ``range_end``, each spanning its own end of the range;
  a shared month or year applies to both. «عامي 2015 و2016» gives two plain rows.
* A 4-digit year counts only in date context: after عام/سنة, a modifier, a season or a
  preposition (في، خلال، منذ …), in a range, or with a month. Counts, resolution numbers,
  road/unit names and clock times are never dates.
* «اليوم» is not a date in names («روسيا اليوم», «المصري اليوم», «اليوم السابع») nor when
  another day is meant («اليوم التالي», «ذلك اليوم», «اليوم الذي»). «غدا» (also the verb
  "became") counts with tanween, a weekday, a day part, a future verb, or at a clause end.
* Hijri dates («15 محرم 1441 هـ») are recognised and skipped (no row, and their numbers
  are not read as Gregorian dates); they are not converted.
* Numeric dates are day-first (22/7/2018, 22-07-2018, 22.07.2018), year-first when the
  first part has four digits (2018/07/22); impossible dates are rejected; two-digit
  years are not read.

The layers, in reading order:

* :mod:`.lexicon`    -- the words: ``data/months.tsv`` and ``data/date_words.tsv``
* :mod:`.grammar`    -- the date shapes, one regular expression each, over folded text
  (:func:`analysis.normalize.fold_with_offsets`)
* :mod:`.resolution` -- what a match means: values resolved against ``published``, weekday
  checks; :func:`reach` and :func:`weekday_evidence` over a table of mentions
* :mod:`.scan`       -- every shape over a text, the longest candidate where two overlap
* :mod:`.fast`       -- the same rows for many texts at once (trigger words, batches)
"""
from __future__ import annotations

from ..normalize import fold, fold_with_offsets
from .fast import WINDOW_AFTER, WINDOW_BEFORE
from .grammar import SHAPES, Grammar, compile_grammar, grammar
from .lexicon import CATEGORIES, SERIES, WEEKDAYS, DateWordsError, Lexicon, lexicon, load_lexicon
from .resolution import period, reach, weekday_evidence
from .scan import COLUMNS, TEXT_COLUMNS, as_date, find_in_text, find_mentions, scan_text

__all__ = ["CATEGORIES", "COLUMNS", "SERIES", "SHAPES", "TEXT_COLUMNS", "WEEKDAYS", "WINDOW_AFTER",
           "WINDOW_BEFORE", "DateWordsError", "Grammar", "Lexicon", "as_date", "compile_grammar",
           "find_in_text", "find_mentions", "fold", "fold_with_offsets", "grammar", "lexicon",
           "load_lexicon", "period", "reach", "scan_text", "weekday_evidence"]
