"""The cluster stage: which themes a corpus covers, how firm each is, and which articles share them.

Data flow (one way; each step returns a table or matrix the next one takes)::

    articles ──paragraph_units──▶ units ──tokenize_corpus──▶ tokens
    tokens ──TermFeatures (textkit.features)──▶ TF-IDF matrix ──LSA──▶ embedding
    embedding ──KMeans──▶ labels ──class_tfidf──▶ distinctive labels, cluster-wise stability

``TopicClusterer`` runs the whole chain in scikit-learn style (``units``: what is
clustered; ``model``: the estimator and its labels; ``select``: the choice of k;
``views``: NMF, article tables, map coordinates, super-themes; ``outofcore``: ``StreamingTopics``
for corpora too large for one process). Figures are in
``textkit.plotting.clusters``; sentences about them in ``textkit.narrate.topics``.

>>> units = paragraph_units(articles)                        # doctest: +SKIP
>>> tokens = tokenize_corpus(units)                          # doctest: +SKIP
>>> model, table = fit_topics(tokens)                        # doctest: +SKIP
>>> model.cluster_labels_, model.cluster_stability_          # doctest: +SKIP
"""

from textkit.cluster._fit import clusterwise_stability
from textkit.cluster.model import (
    STABLE,
    TopicClusterer,
    class_tfidf,
    cluster_keyness,
    cluster_summary,
    filler_words,
    refit,
    score_classes,
    topic_coherence,
    topic_diversity,
)
from textkit.cluster.outofcore import StreamingTopics
from textkit.cluster.select import (
    LARGEST_THEME,
    auto_ks,
    choose_k,
    firm_needed,
    fit_topics,
    select_k,
    topics_problem,
)
from textkit.cluster.units import ARTICLE_KEYS, clustering_units, paragraph_units, units_with_words
from textkit.cluster.views import (
    NmfView,
    article_cluster_shares,
    article_similarity,
    article_theme_table,
    map_coordinates,
    nmf_topics,
    super_themes,
    term_grid,
)

__all__ = [
    "ARTICLE_KEYS",
    "LARGEST_THEME",
    "STABLE",
    "NmfView",
    "StreamingTopics",
    "TopicClusterer",
    "article_cluster_shares",
    "article_similarity",
    "article_theme_table",
    "auto_ks",
    "choose_k",
    "class_tfidf",
    "cluster_keyness",
    "cluster_summary",
    "clustering_units",
    "clusterwise_stability",
    "filler_words",
    "firm_needed",
    "fit_topics",
    "map_coordinates",
    "nmf_topics",
    "paragraph_units",
    "refit",
    "score_classes",
    "select_k",
    "super_themes",
    "term_grid",
    "topic_coherence",
    "topic_diversity",
    "topics_problem",
    "units_with_words",
]
