"""How Arabic-language news outlets framed US–Russian military contacts over Syria.

Modules (nouns) and their main functions (verbs):

* :mod:`analysis.corpus`    -- ``load(corpus_dir)``: the documents table, validated
* :mod:`analysis.clean`     -- ``clean(documents)``: title/body split and the removed-lines audit
* :mod:`analysis.normalize` -- ``fold``, ``fold_with_offsets``, ``tokenize``: Arabic for matching
* :mod:`analysis.actors`    -- ``find_mentions(documents)``: codebook actors in the text
* :mod:`analysis.dates`     -- ``find_mentions(documents)``: dates, resolved against publication
* :mod:`analysis.framing`   -- ``find_cues``, ``find_statements``, ``keyness``
* :mod:`analysis.evidence`  -- ``kwic(documents, spans)``: keyword-in-context lines for any spans
* :mod:`analysis.compare`   -- ``units``, ``rates``: articles or outlets as units of comparison
* :mod:`analysis.plotting`  -- house style, Arabic labels and ``save_figure``
* :mod:`analysis.pipeline`  -- ``extract(corpus_dir, out_dir)``: the tables as CSV, streamed
* :mod:`analysis.reports`   -- ``run``: every notebook executed and rendered as HTML
* :mod:`analysis.paths`     -- every path the project uses

``python -m analysis --help`` lists the command-line entry points.
"""
__version__ = "0.1.0"
