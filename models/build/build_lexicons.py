#!/usr/bin/env python3
"""Generates models/lexicons/{countries,metals,legal-forms}.json from the shared gazetteers plus the
hand-written additions beside this script, then refreshes models/manifest.json (sha256 of every artefact).

Usage (from the repository root): python3 models/build/build_lexicons.py [--shared ../shared]
Python 3 standard library only. The gazetteers are facts (CLDR names, element names, ISO 20275 legal forms).
"""
import hashlib
import json
import os
import sys

LANGS = ["fr", "en", "ru", "de", "es", "pt", "ja", "zh", "kk", "ko", "it"]
HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.dirname(HERE)
LEX = os.path.join(MODELS, "lexicons")

# Elements that are not metals and not commercial metalloids (DESIGN §3).
NON_METALS = {"H", "He", "C", "N", "O", "F", "Ne", "P", "S", "Cl", "Ar", "Se", "Br", "Kr", "I", "Xe", "Rn", "Ts", "Og"}
MAX_Z = 94  # beyond plutonium nothing is traded


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def add(table, concept, lang, forms):
    bucket = table.setdefault(concept, {}).setdefault(lang, [])
    for form in forms:
        if form and form not in bucket:
            bucket.append(form)


def ru_case_forms(name):
    """Exact case forms of a Russian country name (nominative given); case-sensitive because proper nouns are capitalised."""
    forms = [name]
    if " " in name or "-" in name or "(" in name:
        return ["=" + name]
    if name.endswith("ия"):
        stem = name[:-1]
        forms += [stem + "и", stem + "ю", stem + "ей"]
    elif name.endswith("а"):
        stem = name[:-1]
        forms += [stem + "ы", stem + "е", stem + "у", stem + "ой", stem + "и"]
    elif name.endswith("й"):
        stem = name[:-1]
        forms += [stem + "я", stem + "ю", stem + "ем", stem + "е"]
    elif name.endswith("ь"):
        stem = name[:-1]
        forms += [stem + "и", stem + "ю"]
    elif name[-1] not in "аеёиоуыэюя":
        forms += [name + "а", name + "у", name + "ом", name + "е"]
    return ["=" + f for f in forms]


def build_countries(gaz):
    cldr = load(os.path.join(gaz, "countries-cldr.json"))["territories"]
    demonyms = load(os.path.join(gaz, "demonyms.json"))["demonyms"]
    capitals = load(os.path.join(gaz, "capitals.json"))["capitals"]
    extra = load(os.path.join(HERE, "countries-extra.json"))
    exclude = set(extra["exclude"])
    names = {}
    # Territories share their sovereign's demonym ("French" for TF, "American" for MP): such forms are dropped here and
    # the hand-written forms give them to the sovereign.
    shared = {}
    for code, by_lang in demonyms.items():
        for lang, forms in by_lang.items():
            for f in forms:
                shared.setdefault((lang, f.lower()), set()).add(code)
    for code, by_lang in cldr.items():
        if code in exclude or len(code) != 2:
            continue
        for lang in LANGS:
            src = list(by_lang.get(lang, []))
            if lang == "zh":
                src += by_lang.get("zh-Hant", [])
            forms = []
            for n in src:
                if lang == "ru":
                    forms += ru_case_forms(n)
                elif lang == "kk":
                    forms.append(("=" + n + "*") if len(n) >= 4 and " " not in n else "=" + n)
                elif lang == "de":
                    forms += [n, n + "s"] if not n.endswith("s") else [n]
                else:
                    # Short all-caps abbreviations (US, UK, RU) only as written.
                    if n.isupper() and len(n) <= 3 and n not in ("US", "UK", "USA", "EUA", "UAE", "RDC", "DRC"):
                        continue
                    forms.append("=" + n if n.isupper() and len(n) <= 3 else n)
            add(names, code, lang, forms)
        for lang, forms in demonyms.get(code, {}).items():
            if lang not in LANGS:
                continue
            out = []
            for f in forms:
                if "," in f or "(" in f or len(shared.get((lang, f.lower()), ())) > 1:
                    continue
                low = f.lower()
                if lang == "de":
                    out.append(low + "*")
                elif lang == "fr":
                    out += [low, low + "s"] + ([low + "e", low + "es"] if not low.endswith("e") else [])
                elif lang in ("es", "it") and low.endswith("o"):
                    out += [low, low[:-1] + "a", low + "s", low[:-1] + "as"]
                else:
                    out += [low, low + "s"]
            add(names, code, lang, out)
    for code, by_lang in extra["forms"].items():
        for lang, forms in by_lang.items():
            add(names, code, lang, forms)
    caps = {}
    for code in extra["capital_countries"]:
        entry = capitals.get(code, {})
        merged = dict(entry.get("supplement_helper_written", {}))
        for lang in LANGS:
            forms = list(entry.get(lang, [])) + list(merged.get(lang, []))
            if lang == "zh":
                forms += entry.get("zh-Hant", []) + merged.get("zh-Hant", [])
            if not forms and lang in ("fr", "de", "es", "pt") and entry.get("en"):
                forms = entry["en"]
            add(caps, code, lang, forms)
        for lang, forms in extra["capitals_extra"].get(code, {}).items():
            add(caps, code, lang, forms)
    return {
        "name": "countries",
        "about": "ISO 3166-1 alpha-2 -> names, adjectives and demonyms per language; capitals are metonyms for governments and are accepted only with guards.",
        "source": "CLDR 48.2 territory names, i18n-nationality/world-countries demonyms, hand-written inflections (models/build/countries-extra.json)",
        "parity": ["concepts", "capitals", "capital_guards"],
        "concepts": dict(sorted(names.items())),
        "capitals": dict(sorted(caps.items())),
        "person_like": extra["person_like"]["names"],
        "capital_guards": {k: v for k, v in extra["capital_guards"].items() if not k.startswith("_")},
    }


def ru_metal_forms(name):
    low = name.lower()
    if low.endswith("ий"):
        stem = low[:-2]
        return [stem + e for e in ("ий", "ия", "ию", "ием", "ии")] + [stem + "иев*"]
    return [low]


def build_metals(gaz):
    elements = load(os.path.join(gaz, "elements.json"))["elements"]
    extra = load(os.path.join(HERE, "metals-extra.json"))
    table = {}
    symbols = {}
    for symbol, e in elements.items():
        if symbol in NON_METALS or e["Z"] > MAX_Z:
            continue
        names = e["names"]
        concept = names["en"][0].lower()
        concept = {"aluminum": "aluminium", "cesium": "caesium", "sulfur": "sulphur"}.get(concept, concept)
        # One-letter symbols (K, U, V, W, Y) are initials and words far more often than elements.
        if len(symbol) == 2:
            symbols[symbol] = concept
        for lang in LANGS:
            src = names.get({"zh": "zh-CN"}.get(lang, lang), [])
            if lang == "zh":
                src = src + names.get("zh-TW", [])
            forms = []
            for n in src:
                if lang == "ru":
                    forms += ru_metal_forms(n)
                elif lang == "kk":
                    low = n.lower()
                    forms.append(low + "*" if low.endswith("ий") else low)
                elif lang == "de":
                    low = n.lower()
                    forms.append(low + "*" if len(low) >= 6 else low)
                else:
                    forms.append(n.lower() if lang not in ("ja", "zh", "ko") else n)
            if concept in extra["override"] and lang in extra["override"][concept]:
                forms = list(extra["override"][concept][lang])
            add(table, concept, lang, forms)
    for concept, by_lang in extra["add"].items():
        for lang, forms in by_lang.items():
            add(table, concept, lang, forms)
    for concept, by_lang in extra["groups"].items():
        for lang, forms in by_lang.items():
            add(table, concept, lang, forms)
    event_metal = {}
    for target, members in extra["event_metal"].items():
        if target.startswith("_"):
            continue
        for m in members:
            event_metal[m] = target
    return {
        "name": "metals",
        "about": "Canonical lowercase English metal name -> surface forms per language (see models/build/metals-extra.json for the syntax).",
        "source": "Kalzium element names via the shared gazetteer, hand-written forms, groups and intermediates",
        "parity": ["concepts", "blockers", "metal_context", "non_metal_commodities", "symbol_context"],
        "concepts": dict(sorted(table.items())),
        "event_metal": event_metal,
        "blockers": extra["blockers"],
        "metal_context": {k: v for k, v in extra["metal_context"].items() if not k.startswith("_")},
        "non_metal_commodities": {k: v for k, v in extra["non_metal_commodities"].items() if not k.startswith("_")},
        "symbols": dict(sorted(symbols.items())),
        "symbol_context": {k: v for k, v in extra["symbol_context"].items() if not k.startswith("_")},
    }


def build_legal_forms(gaz):
    lf = load(os.path.join(gaz, "legal-forms.json"))
    wanted = {"US", "GB", "CA", "AU", "DE", "AT", "CH", "FR", "BE", "LU", "NL", "ES", "PT", "BR", "MX", "CL", "AR", "PE",
              "IT", "SE", "NO", "FI", "DK", "ZA", "IN", "SG", "HK", "MY", "ID", "JP", "KR", "CN", "RU", "KZ", "PL", "IE"}
    forms = {}
    for abbr, countries in lf["abbreviation_index"].items():
        hits = [c for c in countries if c in wanted]
        # One- and two-letter forms without a dot ("A", "AS") collide with ordinary words; keep only the safe ones.
        if not hits or len(abbr.replace(".", "").replace(" ", "")) < 2:
            continue
        if len(abbr) <= 2 and abbr not in ("AG", "SA", "SE", "NV", "BV", "AB", "KK", "Oy"):
            continue
        forms[abbr] = sorted(hits)
    # Press forms written without their full stop ("Tesla Inc", "Panasonic Holdings Corp").
    for abbr in ("Inc", "Corp", "Ltd", "Plc", "LLC", "NV", "SpA", "Pty Ltd", "Co Ltd", "Co., Ltd"):
        forms.setdefault(abbr, [])
    for country, items in lf["supplement_helper_written"].items():
        for abbr in items:
            forms.setdefault(abbr, [])
            if country != "international_press_forms" and country not in forms[abbr]:
                forms[abbr].append(country)
    return {
        "name": "legal-forms",
        "about": "Company legal-form abbreviations -> countries where they are used (a suffix or prefix that marks a company name).",
        "source": "GLEIF ISO 20275 ELF code list 2026-02-19 (abbreviation index, active forms) + hand-written ru/kk/cn/jp/kr/press forms",
        "forms": dict(sorted(forms.items())),
    }


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def write(name, obj):
    path = os.path.join(LEX, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


def refresh_manifest():
    path = os.path.join(MODELS, "manifest.json")
    manifest = load(path) if os.path.exists(path) else {"artefacts": []}
    known = {a["name"]: a for a in manifest["artefacts"]}
    for file in sorted(os.listdir(LEX)):
        if not file.endswith(".json"):
            continue
        rel = "lexicons/" + file
        generated = {
            "lexicons/countries.json": ("generated by models/build/build_lexicons.py from CLDR 48.2 territory names (Unicode-3.0), i18n-nationality (MIT) and world-countries (ODbL-1.0) demonyms, capitals; plus hand-written forms", "Unicode-3.0 + MIT + ODbL-1.0 (attribution kept here)"),
            "lexicons/metals.json": ("generated by models/build/build_lexicons.py from Kalzium element names (factual terms) plus hand-written forms", "element names are facts; hand-written parts under the project licence"),
            "lexicons/legal-forms.json": ("generated by models/build/build_lexicons.py from the GLEIF ISO 20275 ELF code list 2026-02-19 plus hand-written forms", "GLEIF ELF list (free use)"),
        }
        entry = known.get(rel, {"name": rel, "version": "1", "source": "hand-written for NewsPipeline", "licence": "project licence"})
        if rel in generated:
            entry["source"], entry["licence"] = generated[rel]
        entry["sha256"] = sha256(os.path.join(LEX, file))
        known[rel] = entry
    manifest["artefacts"] = [known[k] for k in sorted(known)]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=2)
        f.write("\n")


def main(argv):
    shared = argv[argv.index("--shared") + 1] if "--shared" in argv else os.path.join(MODELS, "..", "..", "shared")
    gaz = os.path.join(shared, "corpora", "gazetteers")
    if os.path.isdir(gaz):
        write("countries.json", build_countries(gaz))
        write("metals.json", build_metals(gaz))
        write("legal-forms.json", build_legal_forms(gaz))
    else:
        print("gazetteers not found; only refreshing the manifest", file=sys.stderr)
    refresh_manifest()


if __name__ == "__main__":
    main(sys.argv[1:])
