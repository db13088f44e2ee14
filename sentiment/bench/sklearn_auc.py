#!/usr/bin/env python3
"""ROC-AUC of the scikit-learn anchors, which print accuracy only: each model of
shared/anchors/bow-sentiment/imdb_bow.py rebuilt from that script's own functions and settings, fitted at
the C its cross-validation chose (given on the command line, e.g. from its ANCHOR_RESULT line), scored
on the 25k test reviews with predict_proba.

Usage: python3 sentiment/bench/sklearn_auc.py ANCHOR_DIR IMDB_DIR rf bow-lr:0.1 tfidf-lr:1000 nbsvm:3
       W2V_VECTORS=vec.bin python3 sentiment/bench/sklearn_auc.py ANCHOR_DIR IMDB_DIR w2v-avg:1
Prints one JSON line per model: accuracy and ROC-AUC.
"""
import json, os, sys

sys.path.insert(0, sys.argv[1])
import imdb_bow as a  # noqa: E402
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.ensemble import RandomForestClassifier  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402

tr, ytr = a.load(sys.argv[2], "train")
te, yte = a.load(sys.argv[2], "test")
common = dict(tokenizer=a.tokens, lowercase=False, token_pattern=None)
for spec in sys.argv[3:]:
    model, _, c = spec.partition(":")
    if model == "rf":
        vec = CountVectorizer(analyzer="word", max_features=5000)
        Xtr = vec.fit_transform([a.kaggle_clean(t) for t in tr])
        Xte = vec.transform([a.kaggle_clean(t) for t in te])
        clf = RandomForestClassifier(n_estimators=100, n_jobs=2, random_state=1)
    elif model == "w2v-avg":
        import numpy as np
        from gensim.models import KeyedVectors
        from sklearn.preprocessing import StandardScaler
        path = os.environ["W2V_VECTORS"]
        kv = KeyedVectors.load_word2vec_format(path, binary=path.endswith(".bin"))

        def embed(texts):  # the anchor's embed(), which is local to its main()
            out = np.zeros((len(texts), kv.vector_size), dtype=np.float32)
            for i, t in enumerate(texts):
                ids = [kv.key_to_index[w] for w in a.tokens(t) if w in kv.key_to_index]
                if ids:
                    out[i] = kv.vectors[ids].mean(axis=0)
            return out
        sc = StandardScaler().fit(embed(tr))
        Xtr, Xte = sc.transform(embed(tr)), sc.transform(embed(te))
        clf = LogisticRegression(solver="lbfgs", max_iter=2000, C=float(c))
    else:
        vec = {"bow-lr": lambda: CountVectorizer(binary=True, **common),
               "tfidf-lr": lambda: TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, **common),
               "nbsvm": lambda: CountVectorizer(binary=True, ngram_range=(1, 2), **common)}[model]()
        Xtr = vec.fit_transform(tr)
        Xte = vec.transform(te)
        lr = LogisticRegression(solver="liblinear", max_iter=2000, C=float(c))
        clf = Pipeline([("nb", a.NBScaler()), ("lr", lr)]) if model == "nbsvm" else lr
    clf.fit(Xtr, ytr)
    p = clf.predict_proba(Xte)[:, 1]
    print(json.dumps({"model": model, "C": float(c) if c else None,
                      "accuracy": round(float(((p > 0.5) == yte).mean()), 4),
                      "roc_auc": round(float(roc_auc_score(yte, p)), 4)}), flush=True)
