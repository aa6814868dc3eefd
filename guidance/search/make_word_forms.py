"""Write ``word_forms.py``: the irregular word forms of English and their base forms.

    python -m guidance.search.make_word_forms > guidance/search/word_forms.py

Run by hand, with LemmInflect installed (``pip install lemminflect``; it is not needed to search,
only to remake the table). LemmInflect's lemma table (from the Automatically Generated
Inflection Database and the SPECIALIST Lexicon) gives each word's base forms as a verb and as a
noun. A word is kept when:

- it has exactly one base form other than itself ("left" -> "leave"; "lives" is "life" or
  "live", so it is left to the stemmer);
- it is not itself a verb's base form ("found", "ground", "saw", "wound" mean things of their
  own), nor a noun's base form that is not also a verb form ("data", "media");
- the stemmer does not already take it and its base to one stem ("owed", "owe");
- it is a word in common use (at least 2.5 on wordfreq's Zipf scale), so the table stays small.
"""

from __future__ import annotations

ZIPF_FLOOR = 2.5


def irregular_forms() -> dict[str, str]:
    """Form -> base form, for the forms kept (see the module's docstring)."""
    from lemminflect.core.Lemmatizer import Lemmatizer
    from wordfreq import zipf_frequency

    from guidance.search.analysis import plain_stem

    table = Lemmatizer()._getLemmaDict()
    verbs = {lemma for readings in table.values() for lemma in readings.get("VERB", ())}
    nouns = {lemma for readings in table.values() for lemma in readings.get("NOUN", ())}
    out: dict[str, str] = {}
    for form, readings in table.items():
        if not form.isalpha() or not form.islower() or form in verbs:
            continue
        if form in nouns and "VERB" not in readings:
            continue
        bases = {lemma for upos in ("VERB", "NOUN") for lemma in readings.get(upos, ()) if lemma != form}
        if len(bases) != 1:
            continue
        (base,) = bases
        if base.isalpha() and plain_stem(form) != plain_stem(base) and zipf_frequency(form, "en") >= ZIPF_FLOOR:
            out[form] = base
    return dict(sorted(out.items()))


def main() -> None:
    import lemminflect

    forms = irregular_forms()
    print('"""Irregular word forms and their base forms ("spent" -> "spend", "children" -> "child"):')
    print("the stemmer folds regular forms only. Made by ``make_word_forms`` from LemmInflect")
    print(f"{lemminflect.__version__}'s lemma table; remake it there, do not edit by hand.\"\"\"")
    print()
    print("IRREGULAR: dict[str, str] = {")
    for form, base in forms.items():
        print(f"    {form!r}: {base!r},")
    print("}")


if __name__ == "__main__":
    main()
