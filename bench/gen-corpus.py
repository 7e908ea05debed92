#!/usr/bin/env python3
"""Generate a large synthetic news corpus for the recoupe ingest benchmark.

The articles are French and English news-like texts built from word lists
and sentence templates: titles, paragraphs, subheads, quotes, numbers written
in several conventions, dates, invented people / places / agencies with
spelling variants, wire datelines, page furniture (breadcrumbs, bylines,
"Lire aussi", "Most read", donation appeals, credit lines) and a share of
exact and near duplicates (wire copies).  Everything is invented; nothing is
copied from real articles.

Output (default bench/out/corpus/): part-NN.jsonl files of about 50 MB, one
JSON object per line with id, url, title, text, published, outlet, lang (a few
lines leave out or null some fields, some are ASCII-escaped, a few carry
extra fields).  A manifest.json records parameters, article and byte counts;
when it matches the requested parameters the corpus is reused, not rebuilt.

Deterministic: the same --seed and sizes give byte-identical files, whatever
the number of worker processes.  Standard library only.

  python3 bench/gen-corpus.py                    # 100,000 articles, ~410 MB
  python3 bench/gen-corpus.py --small            # 5,000 articles in bench/out/small
  python3 bench/gen-corpus.py --txt 2000         # also 2,000 .txt files in OUT/txt
"""
import argparse
import datetime
import json
import os
import random
import sys
import time
import unicodedata
from multiprocessing import Pool

VERSION = 2  # bump when the generator's output changes

# ---------------------------------------------------------------------------
# Invented names
# ---------------------------------------------------------------------------
SYL = ["ka", "ri", "lo", "va", "den", "mar", "os", "tel", "bra", "sa", "ko", "vin", "dra", "mi", "sha",
       "ul", "gor", "ne", "ta", "bek", "rus", "har", "el", "zan", "pe", "dor", "li", "vo", "an", "sen",
       "ber", "ga", "ti", "nov", "ak", "mun", "za", "ro", "kal", "yev"]


def slug(s):
    s = unicodedata.normalize("NFD", s.lower())
    return "".join(c if c.isalnum() else "-" for c in s if not unicodedata.combining(c)).strip("-")


def mkname(r, nsyl):
    return "".join(r.choice(SYL) for _ in range(nsyl)).capitalize()


class World:
    """Names shared by all shards (built from the seed alone)."""

    def __init__(self, seed):
        r = random.Random(seed * 7919 + 1)
        self.countries = []
        for _ in range(40):
            base = mkname(r, r.choice([2, 3]))
            self.countries.append({
                "en": base + r.choice(["ia", "a", "stan", "and", ""]),
                "fr": None,
                "adj_en": base + r.choice(["ian", "i", "ese"]),
                "adj_fr": base.lower() + r.choice(["ien", "ais", "i"]),
                "capital": mkname(r, r.choice([2, 3])),
            })
            c = self.countries[-1]
            c["fr"] = c["en"][:-1] + "ie" if c["en"].endswith("a") else c["en"]
        self.cities = [mkname(r, r.choice([2, 3])) for _ in range(300)]
        self.people = []
        for _ in range(3000):
            first = mkname(r, 2)
            last = mkname(r, r.choice([2, 3, 4]))
            variants = [last]
            if len(last) > 6:
                cut = r.randint(3, len(last) - 3)
                variants.append(last[:cut] + "-" + last[cut].upper() + last[cut + 1:])
            if "u" in last:
                variants.append(last.replace("u", "ou"))
            self.people.append((first, variants))
        self.agencies = [mkname(r, 2) + r.choice([" Press", "", " News", "-Info"]) for _ in range(40)]
        self.outlets_fr = (["Le Courrier de " + c for c in self.cities[:12]]
                           + ["La Gazette " + mkname(r, 2) for _ in range(10)]
                           + ["Radio " + c + " Info" for c in self.cities[12:20]]
                           + ["L'Écho du " + c for c in self.cities[20:30]])
        self.outlets_en = (["The " + c + " Herald" for c in self.cities[30:42]]
                           + [c + " Daily News" for c in self.cities[42:52]]
                           + ["The " + mkname(r, 2) + " Ledger" for _ in range(8)]
                           + ["World " + r.choice(["Brief", "Wire Today", "Observer", "Report"]) + " " + str(i)
                              for i in range(8)])
        self.wires = ["AFP", "Reuters", "AP", "dpa", "ANSA", "EFE"]


# ---------------------------------------------------------------------------
# Language material
# ---------------------------------------------------------------------------
FR = {
    "months": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
               "octobre", "novembre", "décembre"],
    "days": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "roles": ["le ministre des Affaires étrangères", "la Première ministre", "le président",
              "le ministre de la Défense", "la ministre de l'Économie", "le porte-parole du gouvernement",
              "le chef de la diplomatie", "la présidente du Parlement", "le gouverneur de la région",
              "le directeur de l'agence de l'eau", "le maire", "l'ambassadeur", "le chef de l'opposition"],
    "things": ["ingénieurs", "ouvriers", "soldats", "médecins", "techniciens", "tonnes de blé",
               "logements", "kilomètres de voies ferrées", "conteneurs", "réfugiés", "bus", "écoles",
               "tonnes d'aide humanitaire", "barils par jour", "emplois", "policiers", "volontaires"],
    "money": ["millions d'euros", "millions de dollars", "milliards d'euros", "millions de francs"],
    "say": ["a déclaré", "a affirmé", "a souligné", "a indiqué", "a assuré", "a estimé", "a précisé",
            "a martelé", "a reconnu", "a annoncé"],
    "subj": ["Le gouvernement", "L'opposition", "Le ministère des Finances", "La délégation",
             "Le Parlement", "La commission", "Les autorités locales", "Le conseil régional",
             "L'armée", "La Banque centrale", "Le syndicat des transporteurs", "La compagnie publique",
             "Les observateurs", "Les habitants", "Le patronat", "Les experts", "La Croix-Rouge"],
    "verb": ["a rejeté", "examine", "a approuvé", "prépare", "critique", "a salué", "soutient",
             "a suspendu", "a relancé", "conteste", "a financé", "attend", "a présenté", "redoute",
             "a reporté", "négocie"],
    "obj": ["le projet de loi", "l'accord commercial", "le plan de reconstruction", "la réforme des retraites",
            "le budget de l'an prochain", "la nouvelle ligne ferroviaire", "le traité de coopération",
            "les sanctions", "le programme d'aide", "la hausse des prix de l'énergie", "le cessez-le-feu",
            "la construction du barrage", "l'ouverture de la frontière", "le recensement",
            "la privatisation du port", "le contrat gazier", "les négociations salariales"],
    "compl": ["depuis plusieurs semaines", "malgré les critiques", "à la surprise générale",
              "sous la pression de la rue", "après de longues négociations", "sans donner de détails",
              "selon plusieurs sources concordantes", "dans un climat tendu", "pour la deuxième fois cette année",
              "avant la fin du mois", "en dépit des avertissements des experts", "à huis clos",
              "lors d'une conférence de presse", "dans un communiqué publié en fin de journée"],
    "quote_open": [("« ", " »"), ("\"", "\""), ("“", "”")],
    "quotes": ["Nous ne reculerons pas", "Il n'y a pas d'autre solution que le dialogue",
               "Cette décision est une erreur historique", "Nous attendons des actes, pas des promesses",
               "Le pays a besoin de stabilité", "Personne ne sera laissé de côté",
               "Les chiffres parlent d'eux-mêmes", "Nous avons fait notre part du chemin",
               "C'est un jour important pour nos deux peuples", "Rien n'a encore été signé"],
    "breadcrumb": ["Accueil > Monde > Europe", "Accueil > International", "Accueil Actualités Monde Afrique",
                   "Accueil / Économie / Énergie", "Monde > Asie", "Accueil > Politique"],
    "tail": [["Lire aussi", "{title2}"], ["Contenus sponsorisés", "À la une", "Les plus lus"],
             ["Partagez cet article", "Rejoignez-nous sur Telegram"],
             ["Les plus lus", "{title2}", "{title3}"], ["Abonnez-vous à notre newsletter"]],
    "appeal": ["Soutenez {outlet}",
               "Notre rédaction est indépendante et ne vit que grâce à ses lecteurs. Faites un don à partir de {n} € par mois.",
               "Je fais un don"],
    "subheads": ["Un accord encore fragile", "Des réactions contrastées", "Le poids de l'histoire",
                 "Une économie sous tension", "Des négociations difficiles", "Ce qui va changer",
                 "L'inquiétude des voisins", "Un calendrier serré", "La colère des habitants"],
    "credit": "Avec {wire}",
    "byline": ["Par {author}", "Par {author} avec {wire}", "Par la rédaction", "{author}, envoyé spécial à {city}"],
    "approx": ["environ", "près de", "plus de", "quelque", "moins de"],
    "small": ["deux", "trois", "quatre", "cinq", "six", "sept", "huit", "dix", "douze", "quinze"],
    "title": ["{country} : {subj_l} {verb} {obj}", "{person} en visite à {capital}",
              "{capital} et {capital2} signent {obj}", "{country} : {n} {thing} attendus d'ici {month}",
              "Ce qu'il faut retenir de la visite de {person} à {capital}"],
    "dateline": "{city}, {country} | {wire} | {day} {dd}/{mm}/{yyyy} - ",
}
EN = {
    "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"],
    "days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "roles": ["Foreign Minister", "Prime Minister", "President", "Defence Minister", "Finance Minister",
              "government spokesman", "opposition leader", "regional governor", "ambassador",
              "the head of the water agency", "Interior Minister", "Speaker of Parliament"],
    "things": ["engineers", "workers", "troops", "doctors", "technicians", "tonnes of wheat", "homes",
               "kilometres of railway", "containers", "refugees", "buses", "schools", "barrels a day",
               "jobs", "police officers", "volunteers", "tonnes of aid"],
    "money": ["million euros", "million dollars", "billion dollars", "million pounds"],
    "say": ["said", "told reporters", "insisted", "said in a statement", "added", "warned", "told parliament",
            "wrote on social media", "conceded", "announced"],
    "subj": ["The government", "The opposition", "The finance ministry", "The delegation", "Parliament",
             "The commission", "Local authorities", "The regional council", "The army", "The central bank",
             "The hauliers' union", "The state company", "Observers", "Residents", "Business leaders",
             "Analysts", "The Red Cross"],
    "verb": ["rejected", "is reviewing", "approved", "is preparing", "criticised", "welcomed", "backs",
             "suspended", "revived", "disputes", "funded", "is waiting for", "unveiled", "fears", "postponed",
             "is negotiating"],
    "obj": ["the bill", "the trade agreement", "the reconstruction plan", "the pension reform",
            "next year's budget", "the new railway line", "the cooperation treaty", "the sanctions",
            "the aid programme", "the rise in energy prices", "the ceasefire", "the construction of the dam",
            "the reopening of the border", "the census", "the privatisation of the port", "the gas contract",
            "the wage talks"],
    "compl": ["for several weeks", "despite criticism", "to general surprise", "under pressure from protesters",
              "after lengthy negotiations", "without giving details", "according to several sources",
              "amid rising tension", "for the second time this year", "before the end of the month",
              "despite warnings from experts", "behind closed doors", "at a news conference",
              "in a statement released late in the day"],
    "quote_open": [("\"", "\""), ("“", "”"), ("'", "'")],
    "quotes": ["We will not back down", "There is no alternative to dialogue",
               "This decision is a historic mistake", "We expect action, not promises",
               "The country needs stability", "No one will be left behind", "The figures speak for themselves",
               "We have done our part", "This is an important day for our two peoples", "Nothing has been signed yet"],
    "breadcrumb": ["Home | World | Europe", "Home > News > World", "World / Asia", "Home | Business | Energy",
                   "News > Politics"],
    "tail": [["Read more", "{title2}"], ["Sponsored content", "Most read", "{title2}", "{title3}"],
             ["Share this article", "Subscribe to our newsletter"], ["Most read", "{title2}"],
             ["Related stories", "{title2}", "{title3}"]],
    "appeal": ["Support independent journalism",
               "{outlet} is funded by its readers. Become a supporter today from just {n} a month.",
               "Donate now"],
    "subheads": ["A fragile deal", "Mixed reactions", "The weight of history", "An economy under strain",
                 "Difficult talks", "What changes now", "Neighbours worried", "A tight timetable",
                 "Anger on the ground"],
    "credit": "With {wire}",
    "byline": ["By {author}", "By Staff Writer", "By {author} in {city}", "{author}, {wire}"],
    "approx": ["about", "nearly", "more than", "some", "fewer than", "roughly"],
    "small": ["two", "three", "four", "five", "six", "seven", "eight", "ten", "twelve", "fifteen"],
    "title": ["{country}: {subj_l} {verb} {obj}", "{person} visits {capital}",
              "{capital} and {capital2} sign {obj}", "{country} expects {n} {thing} by {month}",
              "What we know about {person}'s visit to {capital}"],
    "dateline": "{city}, {country} ({wire}) - ",
}
LANGS = {"fr": FR, "en": EN}
FR_THOUSANDS = {2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 10: "dix", 12: "douze"}


def fmt_int(r, lang, v):
    """An integer in one of the conventions news text uses."""
    s = str(v)
    if v < 1000:
        return s
    groups = []
    while s:
        groups.insert(0, s[-3:])
        s = s[:-3]
    if lang == "fr":
        sep = r.choice([" ", "\u00a0", ".", " ", ""])
        if v == 1000 and r.random() < 0.3:
            return "mille"
        if v % 1000 == 0 and v // 1000 in FR_THOUSANDS and r.random() < 0.15:
            return FR_THOUSANDS[v // 1000] + " mille"
        return sep.join(groups)
    sep = r.choice([",", ",", ",", ""])
    if v == 1000 and r.random() < 0.3:
        return "a thousand"
    return sep.join(groups)


class ArticleMaker:
    def __init__(self, world, seed, shard):
        self.w = world
        self.r = random.Random((seed << 20) ^ (shard * 2654435761))
        self.shard = shard
        self.recent = []

    # -- pieces ------------------------------------------------------------
    def person(self, ev, L, lang):
        r = self.r
        first, variants = r.choice(ev["people"])
        last = r.choice(variants)
        k = r.random()
        if k < 0.5:
            return first + " " + last
        if k < 0.7:
            return ("M. " if lang == "fr" else "Mr ") + last
        if k < 0.85:
            return first[0] + ". " + last
        return last

    def number_phrase(self, ev, L, lang):
        r = self.r
        thing = r.choice(L["things"])
        v = r.choice(ev["numbers"])
        s = fmt_int(r, lang, v)
        if r.random() < 0.3:
            s = r.choice(L["approx"]) + " " + s
        return s + " " + thing

    def date_phrase(self, ev, L, lang):
        r = self.r
        y, m, d, wd = ev["date"]
        k = r.random()
        if lang == "fr":
            if k < 0.4:
                return L["days"][wd]
            if k < 0.7:
                return "le " + ("1er" if d == 1 else str(d)) + " " + L["months"][m - 1]
            if k < 0.85:
                return L["days"][wd] + " " + str(d) + " " + L["months"][m - 1]
            return "le %d %s %d" % (d, L["months"][m - 1], y)
        if k < 0.4:
            return "on " + L["days"][wd]
        if k < 0.7:
            return "on %d %s" % (d, L["months"][m - 1])
        if k < 0.85:
            return "on %s %d" % (L["months"][m - 1], d)
        return "on %s %d, %d" % (L["months"][m - 1], d, y)

    def quote(self, ev, L, lang):
        r = self.r
        o, c = r.choice(L["quote_open"])
        q = r.choice(L["quotes"])
        if r.random() < 0.5:
            q += ", " + r.choice(L["compl"])
        who = self.person(ev, L, lang)
        if lang == "fr":
            if r.random() < 0.5:
                return "%s%s%s, %s %s, %s." % (o, q, c, r.choice(L["say"]), who, r.choice(L["roles"]))
            return "%s %s : %s%s%s." % (who, r.choice(L["say"]), o, q.lower(), c)
        if r.random() < 0.5:
            return "%s%s%s, %s %s." % (o, q, c, who, r.choice(L["say"]))
        return "%s, the %s, %s: %s%s.%s" % (who, r.choice(L["roles"]), r.choice(L["say"]), o, q, c)

    def sentence(self, ev, L, lang):
        r = self.r
        k = r.random()
        cap = ev["country"]
        if k < 0.30:
            s = "%s %s %s %s" % (r.choice(L["subj"]), r.choice(L["verb"]), r.choice(L["obj"]),
                                 r.choice(L["compl"]))
            if r.random() < 0.3:
                s += (", selon l'agence " if lang == "fr" else ", according to ") + ev["agency"]
            return s + "."
        if k < 0.45:
            return self.quote(ev, L, lang)
        if k < 0.62:
            if lang == "fr":
                np = self.number_phrase(ev, L, lang)
                de = "d'" if np[0] in "aeiouyéèAEIOU" else "de "
                return "%s %s %s l'envoi %s%s à %s, %s." % (
                    self.person(ev, L, lang), r.choice(L["say"]), self.date_phrase(ev, L, lang),
                    de, np, cap["capital"], r.choice(L["compl"]))
            return "%s %s %s that %s would be sent to %s, %s." % (
                self.person(ev, L, lang), r.choice(L["say"]), self.date_phrase(ev, L, lang),
                self.number_phrase(ev, L, lang), cap["capital"], r.choice(L["compl"]))
        if k < 0.72:
            v = r.choice([12, 35, 80, 120, 250, 400, 1200, 3])
            if lang == "fr":
                return "Le montant de l'enveloppe atteint %s %s, %s." % (
                    str(v).replace(".", ","), r.choice(L["money"]), r.choice(L["compl"]))
            return "The package is worth %s %s, %s." % (v, r.choice(L["money"]), r.choice(L["compl"]))
        if k < 0.80:
            if lang == "fr":
                return "Les travaux doivent durer %s mois et commencer avant %s, d'après %s." % (
                    r.choice(L["small"]), r.choice(L["months"]), ev["agency"])
            return "The work is due to take %s months and start before %s, %s reported." % (
                r.choice(L["small"]), r.choice(L["months"]), ev["agency"])
        if k < 0.90:
            other = r.choice(self.w.countries)
            if lang == "fr":
                return "Les relations entre %s et %s restent tendues depuis %d, %s." % (
                    cap["capital"], other["capital"], r.randint(1990, 2025), r.choice(L["compl"]))
            return "Relations between %s and %s have been strained since %d, %s." % (
                cap["capital"], other["capital"], r.randint(1990, 2025), r.choice(L["compl"]))
        pct = "%d,%d %%" % (r.randint(1, 40), r.randint(0, 9)) if lang == "fr" else "%d.%d%%" % (
            r.randint(1, 40), r.randint(0, 9))
        if lang == "fr":
            return "Selon l'institut de statistique, l'inflation a atteint %s en %s à %s." % (
                pct, r.choice(L["months"]), r.choice(self.w.cities))
        return "Inflation reached %s in %s in %s, the statistics office said." % (
            pct, r.choice(L["months"]), r.choice(self.w.cities))

    def title(self, ev, L, lang):
        r = self.r
        t = r.choice(L["title"])
        return t.format(country=ev["country"][lang], subj_l=r.choice(L["subj"]).lower(),
                        verb=r.choice(L["verb"]), obj=r.choice(L["obj"]),
                        person=self.person(ev, L, lang), capital=ev["country"]["capital"],
                        capital2=ev["other"]["capital"], n=fmt_int(r, lang, r.choice(ev["numbers"])),
                        thing=r.choice(L["things"]), month=r.choice(L["months"]))

    # -- whole article -----------------------------------------------------
    def event(self):
        r = self.r
        # events are drawn from a per-seed pool so that shards share events
        er = random.Random(r.randrange(20000) * 104729 + 17)
        c, o = er.sample(self.w.countries, 2)
        y = 2026
        m = er.randint(1, 12)
        d = er.randint(1, 28)
        wd = datetime.date(y, m, d).weekday()
        return {"country": c, "other": o, "people": er.sample(self.w.people, 4),
                "agency": er.choice(self.w.agencies), "date": (y, m, d, wd),
                "numbers": er.sample([200, 500, 600, 1000, 1500, 2000, 3000, 4500, 5000, 10000, 12000,
                                      25000, 40000, 150000], 4)}

    def make(self, idx):
        r = self.r
        # duplicates and wire copies of recent articles
        if self.recent and r.random() < 0.06:
            src = r.choice(self.recent)
            o = dict(src)
            o["id"] = "s%02d-%07d" % (self.shard, idx)
            o["url"] = "https://%s.example/a/%d" % (slug(o["outlet"]), idx)
            if r.random() < 0.5:  # near copy: drop a paragraph, add a credit
                paras = o["text"].split("\n\n")
                if len(paras) > 3:
                    del paras[r.randrange(1, len(paras) - 1)]
                paras.append(LANGS[o["lang"]]["credit"].format(wire=r.choice(self.w.wires)))
                o["text"] = "\n\n".join(paras)
                outs = self.w.outlets_fr if o["lang"] == "fr" else self.w.outlets_en
                o["outlet"] = r.choice(outs)
            return o
        lang = "fr" if r.random() < 0.55 else "en"
        L = LANGS[lang]
        ev = self.event()
        outlet = r.choice(self.w.outlets_fr if lang == "fr" else self.w.outlets_en)
        wire = r.choice(self.w.wires)
        target = r.randint(1000, 6000)
        lines = []
        y, m, d, wd = ev["date"]
        if r.random() < 0.25:
            lines.append(r.choice(L["breadcrumb"]))
        title = self.title(ev, L, lang)
        if r.random() < 0.3:
            lines.append(title)
        if r.random() < 0.35:
            author = mkname(r, 2) + " " + mkname(r, 3)
            lines.append(r.choice(L["byline"]).format(author=author, wire=wire, city=r.choice(self.w.cities)))
        first = self.sentence(ev, L, lang) + " " + self.sentence(ev, L, lang)
        if r.random() < 0.2:
            wday = wd if r.random() < 0.97 else (wd + 1) % 7  # a few wrong weekdays
            first = L["dateline"].format(city=ev["country"]["capital"], country=ev["country"][lang], wire=wire,
                                         day=L["days"][wday], dd="%02d" % d, mm="%02d" % m, yyyy=y) + first
        lines.append(first)
        size = sum(len(x) for x in lines)
        while size < target:
            if r.random() < 0.08:
                lines.append(r.choice(L["subheads"]))
            p = " ".join(self.sentence(ev, L, lang) for _ in range(r.randint(2, 5)))
            lines.append(p)
            size += len(p)
        if r.random() < 0.3:
            lines.append(L["credit"].format(wire=wire))
        if r.random() < 0.3:
            for t in r.choice(L["tail"]):
                lines.append(t.format(title2=self.title(ev, L, lang), title3=self.title(ev, L, lang)))
        if r.random() < 0.1:
            for t in L["appeal"]:
                lines.append(t.format(outlet=outlet, n=r.randint(1, 5)))
        sep = r.choice(["\n\n", "\n\n", "\n", "\n\n\n\n"])
        o = {"id": "s%02d-%07d" % (self.shard, idx),
             "url": "https://%s.example/%d/%02d/%02d/%d" % (
                 slug(outlet), y, m, d, idx),
             "title": title, "text": sep.join(lines),
             "published": r.choice(["%d-%02d-%02d" % (y, m, d), "%d-%02d-%02dT%02d:%02d:00Z" % (
                 y, m, d, r.randint(0, 23), r.randint(0, 59)), "%d-%02d" % (y, m)]),
             "outlet": outlet, "lang": lang}
        self.recent.append(o)
        if len(self.recent) > 300:
            self.recent.pop(0)
        if r.random() < 0.04:  # a few records with missing or null metadata
            o = dict(o)
            if r.random() < 0.5:
                o["published"] = None
            else:
                del o["lang"]
        return o


def gen_shard(args):
    seed, shard, start, count, path = args
    world = World(seed)
    mk = ArticleMaker(world, seed, shard)
    n = nbytes = 0
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for i in range(start, start + count):
            o = mk.make(i)
            extra = mk.r.random()
            if extra < 0.01:
                o = dict(o, author="Staff", tags=["world", o.get("lang") or "xx"])
            line = json.dumps(o, ensure_ascii=extra > 0.9) + "\n"
            f.write(line)
            n += 1
            nbytes += len(line.encode("utf-8"))
    os.replace(tmp, path)
    return n, nbytes


def write_txt(seed, outdir, count):
    """A directory of .txt articles (the seeds' plain-text layout)."""
    os.makedirs(outdir, exist_ok=True)
    world = World(seed)
    mk = ArticleMaker(world, seed, 99)
    for i in range(count):
        o = mk.make(i)
        head = ""
        if mk.r.random() < 0.5 and o.get("published"):
            head = " date " + o["published"][:7] + " "
        with open(os.path.join(outdir, "%06d_%s.txt" % (i, o["id"])), "w", encoding="utf-8") as f:
            f.write(head + o["text"] + "\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100000)
    ap.add_argument("--per-file", type=int, default=12500, help="articles per .jsonl file (~50 MB)")
    ap.add_argument("--seed", type=int, default=20260519)
    ap.add_argument("--out", default=None, help="output directory (default bench/out/corpus)")
    ap.add_argument("--small", action="store_true", help="5,000 articles in bench/out/small")
    ap.add_argument("--txt", type=int, default=0, help="also write N .txt articles to OUT/txt")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--force", action="store_true", help="regenerate even if the cache matches")
    a = ap.parse_args()
    if a.small:
        a.articles, a.per_file = 5000, 5000
        a.out = a.out or os.path.join(here, "out", "small")
    out = a.out or os.path.join(here, "out", "corpus")
    os.makedirs(out, exist_ok=True)
    params = {"version": VERSION, "seed": a.seed, "articles": a.articles, "per_file": a.per_file, "txt": a.txt}
    man_path = os.path.join(out, "manifest.json")
    if not a.force and os.path.exists(man_path):
        try:
            with open(man_path) as f:
                man = json.load(f)
            if man.get("params") == params and all(os.path.exists(os.path.join(out, p)) for p in man["files"]):
                print("gen-corpus: reusing %s (%d articles, %.1f MB)" % (out, man["articles"], man["bytes"] / 1e6),
                      file=sys.stderr)
                return 0
        except (OSError, ValueError, KeyError):
            pass
    t0 = time.time()
    for old in os.listdir(out):
        if old.endswith(".jsonl") or old == "manifest.json":
            os.remove(os.path.join(out, old))
    jobs = []
    files = []
    for shard, start in enumerate(range(0, a.articles, a.per_file)):
        name = "part-%02d.jsonl" % shard
        files.append(name)
        jobs.append((a.seed, shard, start, min(a.per_file, a.articles - start), os.path.join(out, name)))
    if a.jobs > 1 and len(jobs) > 1:
        with Pool(min(a.jobs, len(jobs))) as pool:
            res = pool.map(gen_shard, jobs, chunksize=1)
    else:
        res = [gen_shard(j) for j in jobs]
    if a.txt:
        write_txt(a.seed, os.path.join(out, "txt"), a.txt)
    man = {"params": params, "files": files, "articles": sum(n for n, _ in res),
           "bytes": sum(b for _, b in res), "seconds": round(time.time() - t0, 1)}
    with open(man_path, "w") as f:
        json.dump(man, f, indent=1)
    print("gen-corpus: wrote %d articles, %.1f MB in %d files to %s in %.1f s" % (
        man["articles"], man["bytes"] / 1e6, len(files), out, man["seconds"]), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
