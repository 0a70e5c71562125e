// `make css`: Bootstrap's own sources, only the parts the pages use, into the files they load:
// - scss/bootstrap-subset.scss, compiled by the pinned sass, into static/vendor/bootstrap/css/bootstrap.subset.min.css;
// - js/bootstrap-subset.js, bundled by the pinned esbuild, into static/vendor/bootstrap/js/bootstrap.subset.min.js.
// Each output's first line holds the SHA-256 of all the inputs (INPUTS), which
// tests/careerguide/test_css_bundle.py recomputes without node: a stale output fails it.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import * as sass from "sass";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CSS_ENTRY = "frontend/scss/bootstrap-subset.scss";
const CSS_OUTPUT = "static/vendor/bootstrap/css/bootstrap.subset.min.css";
const JS_ENTRY = "frontend/js/bootstrap-subset.js";
const JS_OUTPUT = "static/vendor/bootstrap/js/bootstrap.subset.min.js";
// The entries, the exact versions of bootstrap, sass and esbuild (the lock file), and this script.
const INPUTS = [CSS_ENTRY, JS_ENTRY, "frontend/package-lock.json", "frontend/build.mjs"];

function inputsHash() {
  const digest = createHash("sha256");
  for (const path of [...INPUTS].sort()) {
    const fileHash = createHash("sha256").update(readFileSync(join(ROOT, path))).digest("hex");
    digest.update(`${path}\n${fileHash}\n`);
  }
  return digest.digest("hex");
}

const version = JSON.parse(readFileSync(join(ROOT, "frontend/node_modules/bootstrap/package.json"), "utf8")).version;
const header = (entry) =>
  `/*! Bootstrap v${version} (https://getbootstrap.com/), a subset: ${entry}, built by \`make css\`.` +
  ` Copyright 2011-2025 The Bootstrap Authors. MIT licence: static/vendor/bootstrap/LICENSE.` +
  ` inputs-sha256: ${inputsHash()} */\n`;

function write(path, text) {
  writeFileSync(join(ROOT, path), text);
  console.log(`${path}: ${text.length.toLocaleString()} bytes`);
}

const compiled = sass.compile(join(ROOT, CSS_ENTRY), {
  style: "compressed",
  loadPaths: [join(ROOT, "frontend/node_modules")],
  charset: false, // no byte-order mark: the header comes first; non-ASCII is escaped below instead
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin", "color-functions"],
});
// Bootstrap's few non-ASCII characters (quotes, dashes in `content:`) as CSS escapes: the file is ASCII.
const css = compiled.css.replace(/[^\x00-\x7f]/gu, (c) => `\\${c.codePointAt(0).toString(16)} `);
write(CSS_OUTPUT, header(CSS_ENTRY) + css + "\n");

const bundled = await esbuild.build({
  entryPoints: [join(ROOT, JS_ENTRY)],
  bundle: true,
  format: "iife",
  minify: true,
  target: "es2019",
  charset: "ascii",
  legalComments: "none", // the header carries the licence
  write: false,
});
write(JS_OUTPUT, header(JS_ENTRY) + bundled.outputFiles[0].text);
