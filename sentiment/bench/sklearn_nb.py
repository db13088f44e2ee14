#!/usr/bin/env python3
"""scikit-learn counterpart of `shendu sentiment train --model nb`: MultinomialNB(alpha=1) on uni+bigram
counts of the anchor tokens (lowercased, '<br />' removed, runs of letters/digits/apostrophes), IMDB 25k -> 25k.
Prints one line `ANCHOR_RESULT {json}` like shared/anchors/bow-sentiment/imdb_bow.py.
Usage: python3 sentiment/bench/sklearn_nb.py [IMDB_DIR]
"""
import gzip, json, os, re, sys, time
import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.naive_bayes import MultinomialNB
from sklearn.metrics import roc_auc_score

TOKEN = re.compile(r"(?:[^\W_]|')+")


def load(d, split):
    texts, labels = [], []
    with gzip.open(os.path.join(d, f"{split}.tsv.gz"), "rt", encoding="utf-8", newline="\n") as f:
        f.readline()
        for line in f:
            _id, s, _r, review = line.rstrip("\n").split("\t", 3)
            texts.append(review)
            labels.append(int(s))
    return texts, np.array(labels)


def tokens(text):
    return TOKEN.findall(text.lower().replace("<br />", " "))


d = sys.argv[1] if len(sys.argv) > 1 else "shared/data/imdb"
t0 = time.monotonic()
xtr, ytr = load(d, "train")
xte, yte = load(d, "test")
t1 = time.monotonic()
vec = CountVectorizer(tokenizer=tokens, lowercase=False, token_pattern=None, ngram_range=(1, 2))
Xtr = vec.fit_transform(xtr)
Xte = vec.transform(xte)
t2 = time.monotonic()
nb = MultinomialNB(alpha=1.0).fit(Xtr, ytr)
t3 = time.monotonic()
p = nb.predict_proba(Xte)[:, 1]
t4 = time.monotonic()
res = {"model": "nb", "n_features": int(Xtr.shape[1]), "accuracy": round(float(((p > 0.5) == yte).mean()), 4),
       "roc_auc": round(float(roc_auc_score(yte, p)), 4), "load_s": round(t1 - t0, 2), "vectorize_s": round(t2 - t1, 2),
       "fit_s": round(t3 - t2, 2), "predict_s": round(t4 - t3, 2), "total_s": round(t4 - t0, 2)}
print("ANCHOR_RESULT " + json.dumps(res), flush=True)
