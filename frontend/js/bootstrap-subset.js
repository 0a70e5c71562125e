// The part of Bootstrap 5.3.9's JavaScript the pages use: Collapse (the role page's "On this page"
// button, data-bs-toggle="collapse", and static/js/site.js's window.bootstrap.Collapse). Bundled by
// `make css` (frontend/build.mjs) into static/vendor/bootstrap/js/bootstrap.subset.min.js; the whole
// bootstrap.bundle.min.js (with Popper) was 80 KB for this one component.
import Collapse from "bootstrap/js/src/collapse.js";

window.bootstrap = { Collapse };
