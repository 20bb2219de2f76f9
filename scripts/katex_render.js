// Render TeX to HTML with KaTeX (from node_modules), for scripts/mkdocs_hooks.py.
// Reads one JSON object per line, {"tex": "...", "display": true|false}, and answers one
// line each: {"html": "..."} or {"error": "..."}. The site then needs no JavaScript for math.
"use strict";
const katex = require("katex");
const readline = require("readline");

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  let answer;
  try {
    const { tex, display } = JSON.parse(line);
    answer = { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml" }) };
  } catch (err) {
    answer = { error: String(err && err.message ? err.message : err) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
