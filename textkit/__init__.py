"""textkit — the computational study of Chinese official discourse.

Data flows one way, one module per stage; each stage returns a plain object
(a pandas DataFrame or a scikit-learn matrix) that the next stage takes:

corpus → normalize → tokenize → vocab / cluster → extract → findings

>>> from textkit.corpus import load_corpus           # doctest: +SKIP
>>> documents, report = load_corpus("seeds")         # doctest: +SKIP
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("textkit")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"
