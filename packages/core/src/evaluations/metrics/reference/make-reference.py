"""Reference values for the BLEU, chrF and ROUGE-L tests, computed with sacreBLEU itself (and
torchmetrics' ROUGE, a port of Google's rouge-score) on a machine that has them:

    python3 make-reference.py > reference-values.json

The pairs are plain text chosen to exercise the 13a tokenizer (punctuation, numbers, dashes,
quotes, unicode), length penalties, empty and identical answers. Tests read the JSON; nothing in
the product or CI runs this script.
"""
import json
import sys

import sacrebleu

PAIRS = [
    ("The cat sat on the mat.", "The cat sat on the mat."),
    ("The cat is on the mat.", "The cat sat on the mat."),
    ("the the the the the the the", "The cat is on the mat."),
    ("It is a guide to action which ensures that the military always obeys the commands of the party.",
     "It is a guide to action that ensures that the military will forever heed Party commands."),
    ("It is to insure the troops forever hearing the activity guidebook that party direct.",
     "It is a guide to action that ensures that the military will forever heed Party commands."),
    ("billing", "billing"),
    ("shipping", "billing"),
    ("", "The reference is not empty."),
    ("Hello, world!", "Hello world"),
    ("Prices rose 3.5% in 2024 -- to $1,234.56 per unit.", "Prices rose by 3.5% in 2024, to $1,234.56 a unit."),
    ("She said: \"don't go\" (twice).", "She said \"do not go\" twice."),
    ("Der schnelle braune Fuchs springt über den faulen Hund.", "Der flinke braune Fuchs springt über den trägen Hund."),
    ("naïve café – résumé", "naive cafe - resume"),
    ("a b c d e f g h i j k l m n o p", "a b c d e f g h i j k l m n o p q r s t"),
    ("a b c d e f g h i j k l m n o p q r s t u v w x", "a b c d e f g h i j k l m n o p q r s t"),
    ("Order #4521 was shipped on 12/03 via UPS; tracking: 1Z999.", "Order 4521 shipped 12/03 by UPS, tracking 1Z999."),
    ("The account is locked after three failed logins.", "After three failed logins the account gets locked."),
    ("yes", "no"),
    ("I would like a refund for the damaged headphones please", "Please refund the damaged headphones"),
    ("police killed the gunman", "the gunman was shot down by police"),
]

ROUGE_PAIRS = [
    ("police killed the gunman", "police kill the gunman"),
    ("police killed the gunman", "the gunman kill police"),
    ("the gunman was shot down by police", "police killed the gunman"),
    ("testing one two", "testing"),
    ("", "testing"),
    ("Hello, World! 123", "hello world 123"),
] + [(h, r) for h, r in PAIRS if h]

out = {"sacrebleu_version": sacrebleu.__version__, "sentence": [], "corpus": {}}
for hyp, ref in PAIRS:
    out["sentence"].append({
        "hypothesis": hyp,
        "reference": ref,
        "bleu": sacrebleu.sentence_bleu(hyp, [ref]).score,
        "chrf": sacrebleu.sentence_chrf(hyp, [ref]).score,
        "tokens_13a": sacrebleu.tokenizers.tokenizer_13a.Tokenizer13a()(hyp),
    })
hyps = [h for h, _ in PAIRS]
refs = [r for _, r in PAIRS]
bleu = sacrebleu.corpus_bleu(hyps, [refs])
out["corpus"] = {
    "bleu": bleu.score,
    "bleu_precisions": bleu.precisions,
    "bleu_bp": bleu.bp,
    "bleu_sys_len": bleu.sys_len,
    "bleu_ref_len": bleu.ref_len,
    "chrf": sacrebleu.corpus_chrf(hyps, [refs]).score,
}
try:
    from torchmetrics.text.rouge import ROUGEScore

    rouge = ROUGEScore(rouge_keys=("rougeL",))
    out["rouge_l"] = []
    for hyp, ref in ROUGE_PAIRS:
        r = rouge(hyp, ref)
        out["rouge_l"].append({
            "hypothesis": hyp,
            "reference": ref,
            "f1": float(r["rougeL_fmeasure"]),
            "precision": float(r["rougeL_precision"]),
            "recall": float(r["rougeL_recall"]),
        })
    out["rouge_source"] = "torchmetrics ROUGEScore (rouge-score port), rougeL, default tokenizer, no stemming"
except Exception as e:  # noqa: BLE001 — record why, the tests then skip ROUGE-L against it
    out["rouge_error"] = repr(e)
json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
