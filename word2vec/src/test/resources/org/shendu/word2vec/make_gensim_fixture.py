# Writes the gensim-written fixtures used by Word2VecFormatTest (run with Debian's python3-gensim 4.2).
import numpy as np
from gensim.models import KeyedVectors
words = ["the", "movie", "film", "café", "中文", "don't", "Paris", "x"]
rng = np.random.default_rng(7)
vecs = (rng.standard_normal((len(words), 5)) * 0.5).astype(np.float32)
vecs[0] = [1.0, -2.5, 0.125, 1e-7, -3.4028235e38]
kv = KeyedVectors(vector_size=5)
kv.add_vectors(words, vecs)
kv.save_word2vec_format("gensim-vectors.bin", binary=True)
kv.save_word2vec_format("gensim-vectors.txt", binary=False)
with open("gensim-vectors.expected.tsv", "w", encoding="utf-8") as f:
    for w, v in zip(words, vecs):
        f.write(w + "\t" + "\t".join(repr(float(x)) for x in v) + "\n")
print(open("gensim-vectors.txt", encoding="utf-8").read())
