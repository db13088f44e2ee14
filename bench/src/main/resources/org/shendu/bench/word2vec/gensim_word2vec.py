#!/usr/bin/env python3
"""gensim side of `shendu bench word2vec` (Debian python3-gensim 4.2).

train CORPUS OUT.bin --sg 0|1 --hs 0|1 --negative N --alpha A --threads T --epochs E --seed S
    Same settings as shared/anchors/word2vec/train_gensim.py (corpus_file mode, dim 100, window 5,
    sample 1e-3, min_count 5, min_alpha 1e-4, cbow_mean 1). Prints one JSON line: vocabulary and
    training seconds, words/s (raw corpus tokens x epochs / train seconds), peak RSS.
eval VECTORS.bin QUESTIONS WORDSIM SIMLEX
    gensim's own evaluation (evaluate_word_analogies restrict_vocab=30000 case_insensitive,
    evaluate_word_pairs), as the anchors' eval_vectors.py; one JSON line.
"""
import argparse, json, logging, resource, sys, time


def train(a):
    from gensim.models import Word2Vec
    import gensim
    m = Word2Vec(vector_size=100, window=5, min_count=5, sg=a.sg, hs=a.hs, negative=a.negative, sample=1e-3,
                 alpha=a.alpha, min_alpha=0.0001, cbow_mean=1, workers=a.threads, epochs=a.epochs, seed=a.seed)
    t0 = time.monotonic()
    m.build_vocab(corpus_file=a.corpus)
    t1 = time.monotonic()
    m.train(corpus_file=a.corpus, total_examples=m.corpus_count, total_words=m.corpus_total_words, epochs=a.epochs)
    t2 = time.monotonic()
    m.wv.save_word2vec_format(a.out, binary=True)
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"tool": "gensim " + gensim.__version__, "vocabulary": len(m.wv),
                      "corpus_words": m.corpus_total_words, "vocab_s": t1 - t0, "train_s": t2 - t1,
                      "words_per_s": m.corpus_total_words * a.epochs / (t2 - t1),
                      "cpu_s": ru.ru_utime + ru.ru_stime, "peak_rss_mib": ru.ru_maxrss / 1024}), flush=True)


def evaluate(a):
    from gensim.models import KeyedVectors
    kv = KeyedVectors.load_word2vec_format(a.vectors, binary=True, unicode_errors="replace")
    acc, sections = kv.evaluate_word_analogies(a.questions, restrict_vocab=30000, case_insensitive=True)
    sem = [s for s in sections if not s["section"].startswith("gram") and s["section"] != "Total accuracy"]
    syn = [s for s in sections if s["section"].startswith("gram")]

    def frac(secs):
        c = sum(len(s["correct"]) for s in secs)
        n = sum(len(s["correct"]) + len(s["incorrect"]) for s in secs)
        return c / n if n else None

    ws = kv.evaluate_word_pairs(a.wordsim, case_insensitive=True)
    sl = kv.evaluate_word_pairs(a.simlex, case_insensitive=True)
    print(json.dumps({"analogy": acc, "semantic": frac(sem), "syntactic": frac(syn),
                      "ws353": float(ws[1][0]), "simlex": float(sl[1][0])}), flush=True)


def main():
    logging.basicConfig(level=logging.WARNING)
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train")
    t.add_argument("corpus")
    t.add_argument("out")
    t.add_argument("--sg", type=int, default=0)
    t.add_argument("--hs", type=int, default=0)
    t.add_argument("--negative", type=int, default=5)
    t.add_argument("--alpha", type=float, default=0.05)
    t.add_argument("--threads", type=int, default=2)
    t.add_argument("--epochs", type=int, default=5)
    t.add_argument("--seed", type=int, default=1)
    e = sub.add_parser("eval")
    e.add_argument("vectors")
    e.add_argument("questions")
    e.add_argument("wordsim")
    e.add_argument("simlex")
    a = ap.parse_args()
    train(a) if a.cmd == "train" else evaluate(a)


if __name__ == "__main__":
    sys.exit(main())
