// Peer for bench/run-extract.sh: Mozilla Readability (@mozilla/readability)
// over every *.html file of DIR (sorted by name), on jsdom (default) or
// linkedom. Prints one JSON line per page: {"id": file name without .html,
// "text": article.textContent} ("" when Readability finds no article).
//
//   node bench/readability-extract.mjs [--dom jsdom|linkedom] DIR > out.jsonl
//
// jsdom gets the raw bytes (it sniffs the charset from BOM / <meta>, like a
// browser) and the page's file URL; scripts are not run, resources not
// loaded. linkedom gets the bytes decoded as UTF-8 (all benchmark pages are).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Readability } from "@mozilla/readability";

const args = process.argv.slice(2);
let dom = "jsdom";
let dir = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--dom") dom = args[++i];
  else dir = args[i];
}
if (!dir || (dom !== "jsdom" && dom !== "linkedom")) {
  process.stderr.write("usage: node readability-extract.mjs [--dom jsdom|linkedom] DIR\n");
  process.exit(2);
}

let parse;
if (dom === "jsdom") {
  const { JSDOM, VirtualConsole } = await import("jsdom");
  const vc = new VirtualConsole(); // swallow CSS parse errors and the like
  parse = (bytes, path) =>
    new JSDOM(bytes, { url: pathToFileURL(path).href, virtualConsole: vc }).window.document;
} else {
  const { parseHTML } = await import("linkedom");
  parse = (bytes) => parseHTML(bytes.toString("utf8")).document;
}

const files = readdirSync(dir).filter((f) => f.endsWith(".html")).sort();
let failed = 0;
const out = [];
for (const f of files) {
  const path = join(dir, f);
  let text = "";
  try {
    const doc = parse(readFileSync(path), path);
    const art = new Readability(doc).parse();
    text = (art && art.textContent) || "";
    if (dom === "jsdom") doc.defaultView.close();
  } catch (e) {
    failed++;
    process.stderr.write(`readability-extract: ${f}: ${e && e.message}\n`);
  }
  out.push(JSON.stringify({ id: f.slice(0, -5), text }) + "\n");
  if (out.length >= 32) process.stdout.write(out.splice(0).join(""));
}
process.stdout.write(out.join(""));
process.stderr.write(`readability-extract (${dom}): ${files.length} pages, ${failed} failed\n`);
