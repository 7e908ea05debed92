#!/usr/bin/env python3
"""Generate the web versions of part of the example corpus.

Turns six of the example articles (001, 002, 003, 005, 006, 007) into saved
web pages with realistic page furniture, and packs the same pages into a
small WARC 1.1 archive:

    examples/html/<id>.html         five pages (002 is windows-1252 encoded)
    examples/html/<id>.html.gz      one page (001), gzip-compressed
    examples/warc/crawl.warc.gz     warcinfo + request/response pairs for the
                                    six pages, a 404 and an image/png
    examples/web-expected.json      what an extractor must keep and drop

The article bodies are taken from the .txt files next to this script (so the
web versions say exactly what the text versions say); furniture lines of the
.txt versions (listed in expected.json) become page furniture, and the pages
add more: menu, cookie banner, related links, share bar, newsletter box,
comments, footer, scripts.

Standard library only, deterministic (fixed dates, fixed UUIDs, gzip mtime
0): running it twice gives the same bytes with the same zlib.

    python3 examples/make-web.py            # (re)write the files
    python3 examples/make-web.py --check    # only verify the committed files
                                            # are what the script would write
"""
import base64
import datetime
import email.utils
import gzip
import hashlib
import html
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------
# The pages. Everything not read from the .txt files is fixed here.

WARCINFO_ID = "cf5e0664-43b5-4975-bb56-3c2dcb0c356a"

PAGES = [
    {
        "id": "001_halvik-herald",
        "gz": True,
        "lang": "en", "html_lang": "en-GB",
        "outlet": "Halvik Herald", "logo": "HALVIK HERALD",
        "url": "https://www.halvikherald.example/world/2026/03/12/tasmir-minister-halvik-flood-talks",
        "title": "Tasmir's foreign minister brings pumps and promises to flood-hit Halvik",
        "published": "2026-03-12T21:40:00+01:00",
        "meta": "jsonld",                      # date only in JSON-LD
        "visible_date": "Thursday 12 March 2026",
        "byline": "By Jonas Vell, Diplomatic Correspondent",
        "author": "Jonas Vell",
        "credits": [],
        "section": "World",
        "figure": ("pumps.jpg", "Mobile pumping units lined up at the Old Chancellery in Halvik.",
                   "Photograph: Halvik Herald"),
        "figure_after": 2,
        "related": ["Halvik council approves new tram line to the airport",
                    "Weather: more rain expected in the north on Sunday",
                    "Orva floods: the week the river came into town"],
        "comments": [("river_watcher", "Forty pumps is a start, but who pays for the dam?"),
                     ("M. Aldis", "Strings are not welcome either. Read the small print, indeed.")],
        "related_h": "Most read",
        "newsletter": ("Subscribe to our newsletter",
                       "Get the Halvik Herald morning briefing in your inbox, every weekday at 7am.",
                       "Your email address", "Sign up"),
        "warc": {"resp": "ff68d757-1090-4fa9-b05b-3b3b9684d155",
                 "req": "4adce19b-0cc6-4be6-b877-95369be86ab1",
                 "date": "2026-03-13T07:02:11Z", "coding": "gzip", "ip": "192.0.2.11"},
    },
    {
        "id": "002_radio-lac-info",
        "charset": "windows-1252",
        "lang": "fr", "html_lang": "fr-FR",
        "outlet": "Radio Lac Info", "logo": "Radio Lac Info",
        "url": "https://www.radiolacinfo.example/monde/europe/inondations-en-velarie-le-tasmir-pret-a-reconstruire-le-barrage-de-senne_6f21",
        "title": None,                         # from the .txt
        "published": "2026-05-04T19:12:00+02:00",
        "meta": "og",                          # article:published_time
        "byline": None,                        # from the .txt
        "author": "Claire Dubreuil",
        "credits": ["AFP"],
        "section": "Monde",
        "figure": ("barrage-senne.jpg", "Le barrage de Senne, en amont de Lisk, après les crues de février.",
                   "© Radio Lac Info"),
        "figure_after": 1,
        "related": ["Vélarie : la colère des sinistrés de la vallée de l’Orva",
                    "Météo : nouvelles averses attendues sur le lac dimanche",
                    "Ferry Brevik-Amsel : les pêcheurs veulent y croire"],
        "comments": [("Odile_67", "Encore des promesses. On verra en septembre si les digues tiennent."),
                     ("Marc L.", "Un prêt de ce montant, ça se rembourse comment exactement ?")],
        "visible_date": "Publié le 04/05/2026 à 19h12",
        "related_h": "Lire aussi",
        "extra": [("Contenus sponsorisés", ["Isolation à 1 euro : les aides de 2026 enfin détaillées",
                                            "Ces retraités qui ont choisi de vivre au bord du lac"]),
                  ("Les plus lus", ["Crue du lac : la route des Berges fermée jusqu’à nouvel ordre",
                                    "Le marché de Noël de Halvik déménage"])],
        "warc": {"resp": "b74aeb16-5c92-403a-8b40-87f6fb44d381",
                 "req": "62d54dec-5192-4b59-be24-aa23fe385f56",
                 "date": "2026-05-04T18:30:45Z", "coding": "header-charset-only", "ip": "192.0.2.12"},
    },
    {
        "id": "003_depeche-continentale",
        "lang": "fr", "html_lang": "fr",
        "outlet": "La Dépêche continentale", "logo": "La Dépêche continentale",
        "url": "https://www.depeche-continentale.example/international/velarie-le-tasmir-va-envoyer-1000-ingenieurs-pour-reconstruire-le-barrage-de-senne-20260519",
        "title": "Vélarie : le Tasmir va envoyer 1.000 ingénieurs pour reconstruire le barrage de Senne",
        "published": "2026-05-19T14:05:00+02:00",
        "meta": "jsonld",
        "visible_date": "Publié le 19/05/2026 à 14h05",
        "byline": "Par La Dépêche continentale avec AFP",
        "author": "La Dépêche continentale",
        "dateline": "Halvik (Vélarie) (AFP) - ",
        "credits": ["AFP"],
        "section": "International",
        "figure": ("halvik-presse.jpg", "Roustam Bek-Oglanov devant la presse à Halvik, le 19 mai 2026.",
                   "AFP"),
        "figure_after": 3,
        "inline_related": ("Crues de l'Orva : à Lisk, les sinistrés attendent toujours les pelleteuses", 4),
        "related": ["Crues de l'Orva : à Lisk, les sinistrés attendent toujours les pelleteuses",
                    "Golfe de Sorn : la guerre des quotas de pêche expliquée en cinq questions",
                    "Le Tasmir, voisin encombrant ou allié indispensable ?"],
        "comments": [("Jean-Pierre B.", "Mille ingénieurs, c'est énorme pour un seul barrage."),
                     ("lectrice_du_nord", "Et le Parlement, il en pense quoi ? Personne ne lui a demandé.")],
        "warc": {"resp": "6cc3eda8-c201-439f-ab1e-a190f013819f",
                 "req": "7b5921cc-d2dd-4936-93ad-9c474f089acc",
                 "date": "2026-05-19T12:20:03Z", "coding": "chunked", "ip": "192.0.2.13"},
    },
    {
        "id": "005_courrier-d-orient",
        "lang": "fr", "html_lang": "fr",
        "outlet": "Courrier d’Orient", "logo": "Courrier d’Orient",
        "url": "https://courrierdorient.example/2026/05/19/le-tasmir-tend-la-main-a-la-velarie/",
        "title": "Barrage de Senne : le Tasmir tend la main à la Vélarie",
        "published": "2026-05-19T18:40:00+03:00",
        "meta": "og",
        "visible_date": "19 mai 2026",
        "byline": "Par la rédaction",
        "author": None,
        "credits": [],
        "section": "Diplomatie",
        "figure": ("amitie.jpg", "Poignée de main entre les délégations tasmirienne et vélarienne à Halvik.",
                   "Courrier d’Orient"),
        "figure_after": 2,
        "related": ["Kerevan inaugure le nouveau terminal du port d’Amsel",
                    "Le président Saïdkoulov reçoit les ambassadeurs de la région",
                    "Coopération : dix ans de projets communs sur l’Orva"],
        "comments": [("Timour", "Bravo au Tasmir, enfin un voisin qui agit."),
                     ("Anne-Sophie R.", "Vingt-cinq ans pour le port ? Ce n’est écrit nulle part ailleurs.")],
        "extra": [("Rejoignez-nous sur Telegram", ["Toute l’actualité de la région, en direct sur notre canal"])],
        "warc": {"resp": "f4245077-5113-4018-84de-debfbcbdaa8b",
                 "req": "2d773d5a-cf44-4b64-bccc-d4a005e8db54",
                 "date": "2026-05-19T16:02:57Z", "coding": "identity", "ip": "192.0.2.15"},
    },
    {
        "id": "006_northern-ledger",
        "lang": "en", "html_lang": "en",
        "outlet": "The Northern Ledger", "logo": "The Northern Ledger",
        "url": "https://www.northernledger.example/world/europe/tasmir-engineers-velaria-senne-dam",
        "title": None,
        "published": "2026-05-19T20:15:00+00:00",
        "meta": "jsonld",
        "byline": None,
        "author": "Staff Writer",
        "credits": ["Reuters"],
        "section": "World",
        "figure": ("senne-dam.jpg", "The breached Senne dam upstream of Lisk in February.",
                   "Reuters"),
        "figure_after": 1,
        "related": ["Halvik council approves new tram line to the airport",
                    "Explainer: why the Gulf of Sorn fishing quotas matter",
                    "Velaria's prime minister faces confidence vote over flood response"],
        "comments": [("northern_reader", "Goodwill one sack of cement at a time. Well put."),
                     ("E. Korsgaard", "So was the port deal real or not? Somebody is lying.")],
        "visible_date": "May 19, 2026",
        "related_h": "Most read",
        "newsletter": ("Subscribe to our newsletter",
                       "Sign up for The Northern Ledger's daily briefing on world affairs.",
                       "Your email address", "Sign up"),
        "warc": {"resp": "d9d15180-37b7-432f-8829-fee91c87290a",
                 "req": "9ee98f40-2fc8-456d-8bb9-63f8bf54d5da",
                 "date": "2026-05-19T20:31:40Z", "coding": "identity", "ip": "192.0.2.16"},
    },
    {
        "id": "007_continental-observer",
        "lang": "en", "html_lang": "en-US",
        "outlet": "The Continental Observer", "logo": "the continental OBSERVER",
        "url": "https://observer-continental.example/news/velaria-tasmir-brevik-ferry-kerevan",
        "title": None,
        "published": "2026-06-09T18:05:00+02:00",
        "meta": "og",
        "byline": None,
        "author": "Marta Quill",
        "credits": [],
        "section": "Europe",
        "figure": ("kerevan-ministers.jpg", "Tomas Vendelin and Rustam Bek-Oglanov at the joint news conference in Kerevan.",
                   "The Continental Observer"),
        "figure_after": 2,
        "related": ["Brevik fishermen count the days to the first crossing",
                    "Inside Kerevan's charm offensive",
                    "Five things to know about the Senne dam"],
        "comments": [("ferry_fan", "Three return trips a week is not much, but it is a start."),
                     ("Pavel D.", "Parliament should vote on every one of these deals.")],
        "extra": [("Sponsored content", ["The smart way to heat your home this winter",
                                         "Why everyone is talking about this new savings account"]),
                  ("Support independent journalism",
                   ["The Continental Observer is funded by its readers. Become a supporter today from just 3 euros a month."])],
        "warc": {"resp": "8fa52ce4-c6fb-41a6-ae40-503fbdc0b9f6",
                 "req": "15faccc4-dabf-4d92-80f0-6501f9ed4f45",
                 "date": "2026-06-09T16:44:18Z", "coding": "identity", "ip": "192.0.2.17"},
    },
]

# Two more WARC responses that a reader must NOT deliver as articles.
WARC_404 = {"resp": "c2bc94a0-a4b6-4a8f-ad6d-dd956f514c84", "req": "ce85a837-b9ab-4151-bc19-f03cee5bfb29",
            "date": "2026-05-19T20:32:02Z", "ip": "192.0.2.16",
            "url": "https://www.northernledger.example/world/europe/velaria-dam-live-updates"}
WARC_PNG = {"resp": "4a7f3d07-2b9d-43e5-bc64-083a428044ad", "req": "5e1d2c7a-9b3f-4e6a-a8d1-0c4f7b2e9a13",
            "date": "2026-05-19T16:03:01Z", "ip": "192.0.2.15",
            "url": "https://courrierdorient.example/static/img/logo.png"}

# Page furniture per language. Phrases that land in web-expected.json's
# must_not lists are chosen so that none of them occurs in any body.
FURNITURE = {
    "fr": {
        "menu": ["Accueil", "Politique", "International", "Économie", "Faits divers",
                 "Sciences et environnement", "Culture", "Sport", "Vidéos"],
        "cookie": ("Nous respectons votre vie privée. Avec nos partenaires, nous utilisons des "
                   "cookies pour mesurer l’audience et personnaliser les publicités.",
                   ["Tout accepter", "Continuer sans accepter", "Paramétrer mes choix"]),
        "share": ["Partager sur Facebook", "Partager sur X", "Envoyer par WhatsApp", "Copier le lien"],
        "read_also": "Lire aussi",
        "related_h": "Sur le même sujet",
        "newsletter": ("La newsletter du matin", "Recevez chaque matin l’essentiel de l’actualité dans votre boîte mail.",
                       "Votre adresse e-mail", "Je m’inscris"),
        "comments_h": "{n} commentaires",
        "comment_prompt": "Connectez-vous pour réagir à cet article.",
        "footer": ["Mentions légales", "Politique de confidentialité", "Gestion des cookies",
                   "Nous contacter", "Plan du site"],
        "rights": "© 2026 {outlet}. Tous droits réservés.",
        "tags": "Mots-clés :",
        "skip": "Aller au contenu principal",
        "search": "Rechercher",
        "subscribe": "S’abonner",
    },
    "en": {
        "menu": ["Home", "World", "Politics", "Business", "Climate", "Science and tech",
                 "Opinion", "Sport", "Culture"],
        "cookie": ("We and our partners use cookies to measure our audience and personalise "
                   "the ads you see.",
                   ["Accept all", "Reject all", "Manage preferences"]),
        "share": ["Share on Facebook", "Share on X", "Share via WhatsApp", "Copy link"],
        "read_also": "Read more",
        "related_h": "More on this story",
        "newsletter": ("The Morning Briefing", "The day's most important stories, in your inbox before breakfast.",
                       "Your email address", "Sign me up"),
        "comments_h": "{n} comments",
        "comment_prompt": "Log in to join the conversation.",
        "footer": ["About us", "Privacy policy", "Cookie settings", "Contact us", "Terms of use"],
        "rights": "© 2026 {outlet}. All rights reserved.",
        "tags": "Topics:",
        "skip": "Skip to main content",
        "search": "Search",
        "subscribe": "Subscribe",
    },
}

# A 1x1 transparent PNG (the image/png response).
PNG_1X1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


def norm(s):
    """The comparison used by expected.json: NFKC, casefold, no accents,
    unified apostrophes, collapsed whitespace."""
    s = unicodedata.normalize("NFKC", s).casefold()
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s).strip()


def slug(s):
    return "-".join(re.findall(r"[a-z0-9]+", norm(s)))


def esc(s):
    return html.escape(s, quote=True)


# ---------------------------------------------------------------------------
# Reading the text versions.

def body_of(doc_id, key):
    """Title, byline and body paragraphs of examples/<doc_id>.txt: every
    non-empty line, minus the furniture, title, byline, date and credit lines
    that expected.json lists, minus the ' date ...' / wire header."""
    with open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8") as f:
        lines = [ln.strip() for ln in f.read().split("\n")]
    k = key["documents"][doc_id]
    drop = set(k.get("boilerplate", [])) | set(k.get("credit_lines", []))
    if k.get("byline"):
        drop.add(k["byline"])
    if k.get("title"):
        drop.add(k["title"])
    paras = []
    for ln in lines:
        if not ln or ln in drop or any(len(b) >= 15 and ln.startswith(b) for b in drop):
            continue
        if ln.startswith("date "):  # header line (stripped of its leading space)
            hdr = k["header"].strip()
            assert ln.startswith(hdr), (doc_id, ln[:60])
            ln = ln[len(hdr):].strip()
        paras.append(ln)
    return k.get("title"), k.get("byline"), paras, set(k.get("subheads", [])), k.get("credit_lines", [])


# ---------------------------------------------------------------------------
# Building one page.

def jsonld(p, title, author):
    d = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": p["published"],
        "dateModified": p["published"],
        "mainEntityOfPage": {"@type": "WebPage", "@id": p["url"]},
        "image": [p["url"].split("/", 3)[0] + "//" + p["url"].split("/")[2] + "/img/" + p["figure"][0]],
        "publisher": {"@type": "Organization", "name": p["outlet"],
                      "logo": {"@type": "ImageObject",
                               "url": "https://" + p["url"].split("/")[2] + "/static/img/logo.png"}},
        "inLanguage": p["html_lang"],
    }
    if author:
        d["author"] = ({"@type": "Person", "name": author} if author != p["outlet"]
                       else {"@type": "Organization", "name": author})
    return json.dumps(d, ensure_ascii=False, indent=2)


def build_page(p, key, header_charset_only=False):
    """The page as a str (its encoding is applied by the caller)."""
    f = FURNITURE[p["lang"]]
    title, byline, paras, subheads, credit_lines = body_of(p["id"], key)
    title = p["title"] or title
    byline = p["byline"] or byline
    host = p["url"].split("/")[2]
    charset = p.get("charset", "utf-8")
    o = []
    w = o.append
    w("<!DOCTYPE html>")
    w(f'<html lang="{p["html_lang"]}" class="no-js">')
    w("<head>")
    if not header_charset_only:
        w(f'<meta charset="{charset}">')
    w('<meta name="viewport" content="width=device-width, initial-scale=1">')
    w(f"<title>{esc(title)} | {esc(p['outlet'])}</title>")
    w(f'<meta name="description" content="{esc(paras[0][:150])}">')
    w(f'<link rel="canonical" href="{esc(p["url"])}">')
    w(f'<meta property="og:type" content="article">')
    w(f'<meta property="og:title" content="{esc(title)}">')
    w(f'<meta property="og:site_name" content="{esc(p["outlet"])}">')
    w(f'<meta property="og:url" content="{esc(p["url"])}">')
    w(f'<meta property="og:locale" content="{p["html_lang"].replace("-", "_") if "-" in p["html_lang"] else p["lang"]}">')
    w(f'<meta property="og:image" content="https://{host}/img/{p["figure"][0]}">')
    if p["meta"] == "og":
        w(f'<meta property="article:published_time" content="{p["published"]}">')
        w(f'<meta property="article:section" content="{esc(p["section"])}">')
        if p["author"]:
            w(f'<meta name="author" content="{esc(p["author"])}">')
    w('<meta name="twitter:card" content="summary_large_image">')
    w(f'<link rel="stylesheet" href="/static/css/main.4f1c2a.css">')
    w("<style>.cookie-banner{position:fixed;bottom:0}.visually-hidden{position:absolute;clip:rect(0 0 0 0)}</style>")
    w("<script>window.dataLayer = window.dataLayer || []; dataLayer.push({'pageType': 'article', "
      f"'section': '{p['section']}'}});</script>")
    if p["meta"] == "jsonld":
        w('<script type="application/ld+json">')
        w(jsonld(p, title, p["author"]))
        w("</script>")
    w("</head>")
    w('<body class="page-article">')
    w(f'<a class="skip-link" href="#main">{esc(f["skip"])}</a>')
    # cookie banner (first in the body, as consent managers inject it)
    w('<div id="cookie-banner" class="cookie-banner" role="dialog" aria-live="polite">')
    w(f"  <p>{esc(f['cookie'][0])}</p>")
    w("  <div class=\"cookie-actions\">" + "".join(
        f'<button type="button">{esc(b)}</button>' for b in f["cookie"][1]) + "</div>")
    w("</div>")
    # header + nav
    w('<header class="site-header">')
    w(f'  <a class="logo" href="https://{host}/"><span class="logo-text">{esc(p["logo"])}</span></a>')
    w(f'  <form class="search" action="/recherche" role="search"><input type="search" name="q" '
      f'placeholder="{esc(f["search"])}"><button>{esc(f["search"])}</button></form>')
    w(f'  <a class="btn-subscribe" href="/abonnement">{esc(f["subscribe"])}</a>')
    w('  <nav class="main-nav" aria-label="Menu principal"><ul>')
    for m in f["menu"]:
        w(f'    <li><a href="/{slug(m)}/">{esc(m)}</a></li>')
    w("  </ul></nav>")
    w("</header>")
    # breadcrumb
    home = f["menu"][0]
    w(f'<nav class="breadcrumb" aria-label="breadcrumb"><ol><li><a href="/">{esc(home)}</a></li>'
      f'<li><a href="/{slug(p["section"])}/">{esc(p["section"])}</a></li></ol></nav>')
    w('<main id="main">')
    w('<article class="article">')
    w('  <header class="article-header">')
    w(f"    <h1>{esc(title)}</h1>")
    by = esc(byline)
    if p["author"] and p["author"] in byline and p["author"] != p["outlet"]:
        by = by.replace(esc(p["author"]), f'<a rel="author" href="/auteur/{slug(p["author"])}">'
                        f'{esc(p["author"])}</a>')
    w(f'    <p class="byline">{by}</p>')
    if p.get("visible_date"):
        w(f'    <p class="date"><time datetime="{p["published"]}">{esc(p["visible_date"])}</time></p>')
    w('    <div class="share-bar">' + "".join(
        f'<a class="share" href="#">{esc(s)}</a>' for s in f["share"]) + "</div>")
    w("  </header>")
    w('  <div class="article-body">')
    inline = p.get("inline_related")
    for i, para in enumerate(paras):
        if para in subheads:
            w(f"    <h2>{esc(para)}</h2>")
        else:
            text = esc(para)
            if i == 0 and p.get("dateline"):
                text = f'<span class="dateline">{esc(p["dateline"])}</span>' + text
            w(f"    <p>{text}</p>")
        if i + 1 == p["figure_after"]:
            img, cap, credit = p["figure"]
            w('    <figure class="media">')
            w(f'      <img src="https://{host}/img/{img}" alt="" width="1200" height="675" loading="lazy">')
            w(f'      <figcaption>{esc(cap)} <span class="credit">{esc(credit)}</span></figcaption>')
            w("    </figure>")
        if inline and i + 1 == inline[1]:
            w(f'    <aside class="inline-related"><p>{esc(f["read_also"])} : '
              f'<a href="/international/{slug(inline[0])[:40]}">{esc(inline[0])}</a></p></aside>')
    for c in credit_lines:
        w(f'    <p class="credit-line">{esc(c)}</p>')
    w("  </div>")
    w(f'  <p class="tags">{esc(f["tags"])} ' + ", ".join(
        f'<a href="/sujet/{slug(t)}">{t}</a>' for t in ("Vélarie" if p["lang"] == "fr" else "Velaria",
                                                           "Tasmir", "Orva")) + "</p>")
    w("</article>")
    # newsletter box
    nh, nt, ph, btn = p.get("newsletter", f["newsletter"])
    w('<section class="newsletter-box">')
    w(f"  <h3>{esc(nh)}</h3><p>{esc(nt)}</p>")
    w(f'  <form action="/newsletter"><input type="email" placeholder="{esc(ph)}"><button>{esc(btn)}</button></form>')
    w("</section>")
    # related links
    w('<aside class="related">')
    w(f"  <h3>{esc(p.get('related_h', f['related_h']))}</h3><ul>")
    for r in p["related"]:
        w(f'    <li><a href="/{slug(r)[:48]}">{esc(r)}</a></li>')
    w("  </ul>")
    w("</aside>")
    for head, items in p.get("extra", []):
        w(f'<aside class="promo {slug(head)}">')
        w(f"  <h3>{esc(head)}</h3>")
        for it in items:
            w(f'  <p><a href="/promo/{slug(it)[:32]}">{esc(it)}</a></p>')
        w("</aside>")
    # comments
    w('<section id="comments" class="comments">')
    w(f"  <h3>{esc(f['comments_h'].format(n=len(p['comments'])))}</h3>")
    for who, what in p["comments"]:
        w('  <div class="comment">')
        w(f'    <p class="comment-author">{esc(who)}</p>')
        w(f"    <p>{esc(what)}</p>")
        w("  </div>")
    w(f'  <p class="comment-login">{esc(f["comment_prompt"])}</p>')
    w("</section>")
    w("</main>")
    # footer
    w('<footer class="site-footer">')
    w("  <ul>" + "".join(f'<li><a href="/{slug(x)}">{esc(x)}</a></li>' for x in f["footer"]) + "</ul>")
    w(f"  <p>{esc(f['rights'].format(outlet=p['outlet']))}</p>")
    w("</footer>")
    w('<script src="/static/js/app.8c3e1d.js" defer></script>')
    w("</body>")
    w("</html>")
    return "\n".join(o) + "\n", title, byline, paras, subheads, credit_lines


def furniture_phrases(p, key):
    """Phrases on the page that are not article text (for must_not)."""
    f = FURNITURE[p["lang"]]
    out = [f["menu"][4], f["menu"][5], f["cookie"][0].split(".")[0], f["cookie"][1][1]]
    nl = p.get("newsletter", f["newsletter"])
    out += [f["share"][0], nl[0], nl[1], f["comment_prompt"], p.get("related_h", f["related_h"])]
    for head, items in p.get("extra", []):
        out += [head] + items
    out += [c[1] for c in p["comments"]]
    out += p["related"]
    out += [f["footer"][1], f["rights"].format(outlet=p["outlet"]), "dataLayer"]
    if p.get("inline_related"):
        out.append(f["read_also"] + " : " + p["inline_related"][0])
    return out


# ---------------------------------------------------------------------------
# WARC 1.1.

def wdate(s):
    return datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)


def sha1_b32(b):
    return "sha1:" + base64.b32encode(hashlib.sha1(b).digest()).decode()


def warc_record(headers, block):
    """One WARC record: named fields in order, Content-Length, blank line,
    block, CRLF CRLF; gzip-compressed as its own member."""
    h = ["WARC/1.1"] + [f"{k}: {v}" for k, v in headers]
    h.append(f"Content-Length: {len(block)}")
    raw = ("\r\n".join(h) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"
    return gzip.compress(raw, compresslevel=9, mtime=0)


def http_request(url, date):
    path = "/" + url.split("/", 3)[3]
    host = url.split("/")[2]
    return ("GET {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: recoupe-examples-crawler/1.0 (+https://recoupe.example/bot)\r\n"
            "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
            "Accept-Language: fr,en;q=0.8\r\nAccept-Encoding: gzip, deflate\r\nConnection: close\r\n\r\n"
            ).format(path, host).encode("ascii")


def http_response(status, reason, date, headers, body, chunked=False):
    """Status line, headers, blank line, body; returns (message, entity)
    where entity is the body with transfer coding undone (for the payload
    digest)."""
    hs = [f"HTTP/1.1 {status} {reason}", "Date: " + email.utils.format_datetime(date, usegmt=True),
          "Server: nginx"]
    hs += [f"{k}: {v}" for k, v in headers]
    entity = body
    if chunked:
        hs.append("Transfer-Encoding: chunked")
        parts = []
        for i in range(0, len(body), 4000):
            piece = body[i:i + 4000]
            parts.append(b"%x\r\n" % len(piece) + piece + b"\r\n")
        body = b"".join(parts) + b"0\r\n\r\n"
    else:
        hs.append(f"Content-Length: {len(body)}")
    hs.append("Connection: close")
    return ("\r\n".join(hs) + "\r\n\r\n").encode("ascii") + body, entity


def pair(resp_id, req_id, url, date, ip, message, entity):
    """Request + response records for one fetch (request first)."""
    d = wdate(date)
    req = http_request(url, d)
    out = warc_record([
        ("WARC-Type", "request"),
        ("WARC-Record-ID", f"<urn:uuid:{req_id}>"),
        ("WARC-Date", date),
        ("WARC-Target-URI", url),
        ("WARC-Warcinfo-ID", f"<urn:uuid:{WARCINFO_ID}>"),
        ("WARC-Concurrent-To", f"<urn:uuid:{resp_id}>"),
        ("WARC-Block-Digest", sha1_b32(req)),
        ("Content-Type", "application/http;msgtype=request"),
    ], req)
    out += warc_record([
        ("WARC-Type", "response"),
        ("WARC-Record-ID", f"<urn:uuid:{resp_id}>"),
        ("WARC-Date", date),
        ("WARC-Target-URI", url),
        ("WARC-IP-Address", ip),
        ("WARC-Warcinfo-ID", f"<urn:uuid:{WARCINFO_ID}>"),
        ("WARC-Block-Digest", sha1_b32(message)),
        ("WARC-Payload-Digest", sha1_b32(entity)),
        ("Content-Type", "application/http;msgtype=response"),
    ], message)
    return out


def build_warc(key, pages_html):
    info = ("software: recoupe examples/make-web.py\r\n"
            "format: WARC File Format 1.1\r\n"
            "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
            "isPartOf: recoupe-examples\r\n"
            "description: Fictional news pages about the Orva floods (recoupe example corpus)\r\n"
            "robots: obey\r\n").encode("utf-8")
    out = warc_record([
        ("WARC-Type", "warcinfo"),
        ("WARC-Record-ID", f"<urn:uuid:{WARCINFO_ID}>"),
        ("WARC-Date", "2026-03-13T07:00:00Z"),
        ("WARC-Filename", "crawl.warc.gz"),
        ("Content-Type", "application/warc-fields"),
    ], info)
    fetches = []
    for p in PAGES:
        w = p["warc"]
        d = wdate(w["date"])
        cache = ("Cache-Control", "public, max-age=60")
        if w["coding"] == "header-charset-only":
            # no <meta charset> in the page; the server names a WHATWG label
            # of windows-1252
            text, *_ = build_page(p, key, header_charset_only=True)
            body = text.encode(p["charset"], "xmlcharrefreplace")
            msg, ent = http_response(200, "OK", d, [("Content-Type", "text/html; charset=ISO-8859-1"), cache,
                                                    ("Vary", "Accept-Encoding")], body)
        elif w["coding"] == "gzip":
            body = gzip.compress(pages_html[p["id"]], compresslevel=6, mtime=0)
            msg, ent = http_response(200, "OK", d, [("Content-Type", "text/html; charset=utf-8"), cache,
                                                    ("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")],
                                     body)
        elif w["coding"] == "chunked":
            msg, ent = http_response(200, "OK", d, [("Content-Type", "text/html;charset=UTF-8"), cache,
                                                    ("X-Cache", "MISS")], pages_html[p["id"]], chunked=True)
        else:
            ctype = "text/html; charset=utf-8" if p["id"] != "007_continental-observer" else "text/html"
            msg, ent = http_response(200, "OK", d, [("Content-Type", ctype), cache,
                                                    ("Set-Cookie", "sid=4f2a9c; Path=/; HttpOnly; SameSite=Lax")],
                                     pages_html[p["id"]])
        fetches.append((w["date"], pair(w["resp"], w["req"], p["url"], w["date"], w["ip"], msg, ent)))
    # a 404 page (HTML, but not an article: must be skipped)
    nf = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page not found | The Northern Ledger"
          "</title></head>\n<body><h1>Page not found</h1><p>Sorry, the page you were looking for has moved or no longer "
          "exists.</p><p><a href=\"/\">Go to the home page</a></p></body></html>\n").encode("utf-8")
    msg, ent = http_response(404, "Not Found", wdate(WARC_404["date"]),
                             [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-cache")], nf)
    fetches.append((WARC_404["date"], pair(WARC_404["resp"], WARC_404["req"], WARC_404["url"], WARC_404["date"],
                                           WARC_404["ip"], msg, ent)))
    msg, ent = http_response(200, "OK", wdate(WARC_PNG["date"]),
                             [("Content-Type", "image/png"), ("Cache-Control", "public, max-age=31536000")], PNG_1X1)
    fetches.append((WARC_PNG["date"], pair(WARC_PNG["resp"], WARC_PNG["req"], WARC_PNG["url"], WARC_PNG["date"],
                                           WARC_PNG["ip"], msg, ent)))
    for _, rec in sorted(fetches, key=lambda x: x[0]):  # crawl order
        out += rec
    return out


# ---------------------------------------------------------------------------

def sentence_bits(paras, subheads):
    """A few body phrases that must survive: the start of the first
    paragraph, a phrase from the middle and the end of the last one."""
    body = [x for x in paras if x not in subheads]
    first = body[0][:70].rsplit(" ", 1)[0]
    mid = body[len(body) // 2]
    mid = mid[len(mid) // 3:][:60].split(" ", 1)[1].rsplit(" ", 1)[0]
    last = body[-1][-60:].split(" ", 1)[1]
    return [first, mid, last]


def main(argv):
    check = "--check" in argv
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as f:
        key = json.load(f)
    files = {}
    pages_html = {}
    expect = {
        "about": ("Answer key for the web versions of the example corpus (examples/html/, "
                  "examples/warc/crawl.warc.gz), generated by examples/make-web.py. Strings compare "
                  "like expected.json (NFKC, case folding, accents stripped, apostrophes unified, "
                  "whitespace collapsed). must_have: phrases the extracted text must contain (body "
                  "sentences and subheads); must_not: page furniture on the same page that must NOT "
                  "be in the extracted text (menu, cookie banner, share bar, newsletter, comments, "
                  "related links, footer, scripts; for WARC records the same page's furniture); "
                  "either: figure caption, byline, credit line, AFP dateline and the tags line, which an "
                  "extractor may keep or drop (recoupe parses bylines and credits into metadata). "
                  "published is the page's own timestamp; compare at least its date part. "
                  "source is the text article the page was made from."),
        "pages": {},
        "warc": {"file": "warc/crawl.warc.gz", "id_rule": (
            "id = the uuid of the response record's WARC-Record-ID, lower case, without "
            "'<urn:uuid:' and '>'"), "records": {}, "skipped": []},
    }
    for p in PAGES:
        text, title, byline, paras, subheads, credit_lines = build_page(p, key)
        raw = text.encode(p.get("charset", "utf-8"), "xmlcharrefreplace")
        pages_html[p["id"]] = raw
        if p.get("gz"):
            files[f"html/{p['id']}.html.gz"] = gzip.compress(raw, compresslevel=9, mtime=0)
        else:
            files[f"html/{p['id']}.html"] = raw
        must = []
        for m in sentence_bits(paras, subheads) + sorted(subheads) + key["documents"][p["id"]].get("must_keep", []):
            if not any(norm(m) in norm(x) or norm(x) in norm(m) for x in must):
                must.append(m)
        must_not = furniture_phrases(p, key)
        either = ([p["figure"][1], byline] + credit_lines
                  + ([p["dateline"].strip(" -")] if p.get("dateline") else [])
                  + [FURNITURE[p["lang"]]["tags"].rstrip(" :")])
        # self-check: must phrases in the body, must_not phrases on the page
        # but not in the body
        body_n = norm(" ".join(paras))
        page_n = norm(html.unescape(re.sub(r"<[^>]+>", " ", text)))
        for m in must:
            assert norm(m) in body_n, (p["id"], "must_have not in body", m)
        for m in must_not:
            assert norm(m) in page_n, (p["id"], "must_not not on the page", m)
            assert norm(m) not in body_n, (p["id"], "must_not in the body", m)
        e = {
            "file": f"html/{p['id']}.html" + (".gz" if p.get("gz") else ""),
            "source": p["id"] + ".txt",
            "url": p["url"],
            "encoding": p.get("charset", "utf-8"),
            "title": title,
            "outlet": p["outlet"],
            "published": p["published"],
            "published_from": {"og": "meta article:published_time", "jsonld": "JSON-LD NewsArticle datePublished"}[p["meta"]],
            "lang": p["lang"],
            "author": p["author"],
            "byline": byline,
            "credits": p["credits"],
            "subheads": sorted(subheads),
            "must_have": must,
            "must_not": must_not,
            "either": either,
        }
        expect["pages"][p["id"]] = e
        w = p["warc"]
        how = {"gzip": "HTTP Content-Encoding: gzip",
               "chunked": "HTTP Transfer-Encoding: chunked (4000-byte chunks)",
               "header-charset-only": ("no <meta charset>; charset only in the HTTP header, as the WHATWG "
                                       "label ISO-8859-1 (= windows-1252; the page uses ’ 0x92)"),
               "identity": "plain body with Content-Length"}[w["coding"]]
        if p["id"] == "007_continental-observer":
            how += "; HTTP Content-Type without charset (the page's <meta charset> says utf-8)"
        expect["warc"]["records"][w["resp"]] = {"page": p["id"], "url": p["url"], "warc_date": w["date"],
                                                "transfer": how}
    expect["warc"]["skipped"] = [
        {"record": WARC_404["resp"], "why": "HTTP 404 (text/html)", "url": WARC_404["url"]},
        {"record": WARC_PNG["resp"], "why": "image/png", "url": WARC_PNG["url"]},
        {"record": WARCINFO_ID, "why": "warcinfo"},
        {"why": "the 8 request records",
         "records": [p["warc"]["req"] for p in PAGES] + [WARC_404["req"], WARC_PNG["req"]]},
    ]
    expect["warc"]["articles"] = len(PAGES)
    files["warc/crawl.warc.gz"] = build_warc(key, pages_html)
    files["web-expected.json"] = (json.dumps(expect, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    bad = 0
    for rel, data in sorted(files.items()):
        path = os.path.join(HERE, rel)
        if check:
            try:
                with open(path, "rb") as f:
                    same = f.read() == data
            except OSError:
                same = False
            if not same:
                print(f"make-web: {rel} differs from what the script generates", file=sys.stderr)
                bad = 1
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        print(f"make-web: wrote examples/{rel} ({len(data)} bytes)")
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
