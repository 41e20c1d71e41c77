"""How Arabic-language news outlets framed US–Russian military contacts over Syria.

Modules (nouns) and their main functions (verbs):

* :mod:`analysis.corpus`    -- ``load(corpus_dir)``: the documents table
* :mod:`analysis.clean`     -- ``clean(documents)``: title/body split and the removed-lines audit
* :mod:`analysis.normalize` -- ``fold``, ``fold_with_offsets``, ``tokenize``: Arabic for matching
* :mod:`analysis.actors`    -- ``find_mentions(documents)``: codebook actors in the text
* :mod:`analysis.dates`     -- ``find_mentions(documents)``: dates, resolved against publication
* :mod:`analysis.framing`   -- ``find_cues``, ``find_statements``, ``keyness``
* :mod:`analysis.plotting`  -- house style and ``save_figure``
"""
__version__ = "0.1.0"
