// `make css`: compiles scss/bootstrap-subset.scss with the pinned sass into
// static/vendor/bootstrap/css/bootstrap.subset.min.css, headed by the SHA-256 of its inputs (INPUTS),
// which tests/careerguide/test_css_bundle.py recomputes without node.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const ENTRY = "frontend/scss/bootstrap-subset.scss";
const OUTPUT = "static/vendor/bootstrap/css/bootstrap.subset.min.css";
// The entry, the exact versions of bootstrap and sass (the lock file), and this script.
const INPUTS = [ENTRY, "frontend/package-lock.json", "frontend/build.mjs"];

function inputsHash() {
  const digest = createHash("sha256");
  for (const path of [...INPUTS].sort()) {
    const fileHash = createHash("sha256").update(readFileSync(join(ROOT, path))).digest("hex");
    digest.update(`${path}\n${fileHash}\n`);
  }
  return digest.digest("hex");
}

const bootstrapVersion = JSON.parse(
  readFileSync(join(ROOT, "frontend/node_modules/bootstrap/package.json"), "utf8"),
).version;
const result = sass.compile(join(ROOT, ENTRY), {
  style: "compressed",
  loadPaths: [join(ROOT, "frontend/node_modules")],
  charset: false, // no byte-order mark: the header comes first; non-ASCII is escaped below instead
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin", "color-functions"],
});
// Bootstrap's few non-ASCII characters (quotes, dashes in `content:`) as CSS escapes: the file is ASCII.
const css = result.css.replace(/[^\x00-\x7f]/gu, (c) => `\\${c.codePointAt(0).toString(16)} `);
// The compressed output keeps Bootstrap's /*! banner-less */ comments only; ours carries the licence.
const header =
  `/*! Bootstrap v${bootstrapVersion} (https://getbootstrap.com/), a subset: ${ENTRY}, built by \`make css\`.` +
  ` Copyright 2011-2025 The Bootstrap Authors. MIT licence: static/vendor/bootstrap/LICENSE.` +
  ` inputs-sha256: ${inputsHash()} */\n`;
writeFileSync(join(ROOT, OUTPUT), header + css + "\n");
console.log(`${OUTPUT}: ${(header.length + css.length + 1).toLocaleString()} bytes`);
