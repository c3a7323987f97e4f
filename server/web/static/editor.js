/* The SPARQL editor on /sparql: YASGUI (from npm, served from this origin) configured for
   this endpoint, with the project's prefixes, the catalogue's queries as examples, and result
   IRIs shown by their labels and linked to the resource pages. No inline script (CSP): the
   configuration comes from the JSON block #editor-config. */
(function () {
  "use strict";
  var element = document.getElementById("editor");
  var source = document.getElementById(element && element.dataset.configId);
  if (!element || !source || typeof window.Yasgui !== "function") {
    return; // the plain form stays visible
  }
  var config = JSON.parse(source.textContent);
  var Yasgui = window.Yasgui;
  var plainForm = document.getElementById("query");
  var fromHash = new URLSearchParams(window.location.hash.slice(1)).get("query");
  var startQuery = fromHash || (plainForm ? plainForm.value : "");

  Yasgui.Yasqe.defaults.value = startQuery;
  // Only completions from here: the class and property completers would ask LOV (blocked by
  // the CSP, and no outside calls anyway).
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  var yasgui = new Yasgui(element, {
    requestConfig: {
      endpoint: config.endpoint,
      method: "POST",
      acceptHeaderSelect: "application/sparql-results+json,*/*;q=0.9",
      acceptHeaderGraph: "text/turtle,*/*;q=0.9",
    },
    copyEndpointOnNewTab: false,
    populateFromUrl: false,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: config.endpoint }]; } },
    yasqe: {
      value: startQuery,
      prefixCcApi: config.prefixesUrl,
      autocompleters: ["prefixes", "variables"],
      editorHeight: "18rem",
      persistenceId: null,
      createShareableLink: null,
    },
    yasr: {
      prefixes: config.prefixes,
      pluginOrder: ["table", "response"],
      defaultPlugin: "table",
      persistenceId: null,
      plugins: { table: { dynamicConfig: { compact: false } } },
    },
  });

  /* Names for YASGUI's unlabelled controls (axe: every form field has a label). */
  function labelControls() {
    element.querySelectorAll("input.autocomplete:not([aria-label])").forEach(function (input) {
      input.setAttribute("aria-label", config.labels.endpoint);
    });
    element.querySelectorAll(".CodeMirror textarea:not([aria-label])").forEach(function (area) {
      area.setAttribute("aria-label", config.labels.query);
    });
    element.querySelectorAll(".yasr select:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", config.labels.pageSize);
    });
    element.querySelectorAll(".yasr input:not([aria-label])").forEach(function (input) {
      input.setAttribute("aria-label", config.labels.filter);
    });
  }
  labelControls();

  /* Ctrl/Cmd+Enter runs the query (YASQE binds it too; this covers every tab). */
  element.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      event.stopPropagation();
      yasgui.getTab().getYasqe().query();
    }
  }, true);

  /* Errors inline, with the endpoint's message (the parser's, for a syntax error); the query
     stays in the editor as typed. */
  var errorBox = document.getElementById("editor-error");
  var hooked = new WeakSet();
  function showError(response) {
    if (!(response instanceof Error)) {
      errorBox.hidden = true;
      return;
    }
    var text = response.message;
    try {
      var parsed = JSON.parse(text).error;
      text = parsed.status + " " + parsed.title + ": " + parsed.message;
    } catch (ignored) { /* a plain-text error: shown as it came */ }
    errorBox.querySelector("pre").textContent = text;
    errorBox.hidden = false;
  }
  yasgui.on("query", function (_yasgui, tab) {
    var yasqe = tab.getYasqe();
    errorBox.hidden = true;
    if (!hooked.has(yasqe)) {
      hooked.add(yasqe);
      yasqe.on("queryResponse", function (_yasqe, response) { showError(response); });
    }
  });

  /* The catalogue's queries as ready examples: a select that loads one into the editor. */
  var examples = document.getElementById("examples");
  if (examples) {
    examples.addEventListener("change", function () {
      var chosen = config.examples[Number(examples.value)];
      if (chosen) {
        yasgui.getTab().getYasqe().setValue(chosen.query);
      }
    });
  }

  /* Result IRIs: the label (in the page's language) instead of the IRI, a link to this
     server's resource page for the project's own IRIs. */
  var known = {};
  function labelQuery(iris) {
    return "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" +
      "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n" +
      "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n" +
      "SELECT ?thing (SAMPLE(?l) AS ?label) WHERE {\n" +
      "  VALUES ?thing { " + iris.map(function (i) { return "<" + i + ">"; }).join(" ") + " }\n" +
      "  ?thing rdfs:label|skos:prefLabel|foaf:name ?l .\n" +
      "  FILTER(LANG(?l) = \"" + config.lang + "\" || LANG(?l) = \"\")\n" +
      "} GROUP BY ?thing";
  }
  function relabel(anchor) {
    var iri = anchor.dataset.iri || anchor.getAttribute("href");
    anchor.dataset.iri = iri;
    if (iri.indexOf(config.base) === 0) {
      anchor.setAttribute("href", "/" + iri.slice(config.base.length));
      anchor.removeAttribute("target"); // this server's own pages open in place
      anchor.removeAttribute("ref");
    }
    if (known[iri]) {
      anchor.textContent = known[iri];
      anchor.title = iri;
      anchor.dataset.labelled = "yes";
    }
  }
  var pending = false;
  function labelResults() {
    pending = false;
    var anchors = Array.prototype.slice.call(
      element.querySelectorAll(".yasr a.iri:not([data-labelled])")
    );
    if (!anchors.length) {
      return;
    }
    var wanted = [];
    anchors.forEach(function (a) {
      var iri = a.dataset.iri || a.getAttribute("href");
      if (!(iri in known) && /^[a-z][a-z0-9+.-]*:[^\s<>"{}|^`\\]*$/i.test(iri) &&
          wanted.indexOf(iri) < 0) {
        wanted.push(iri);
      }
    });
    var done = function () { anchors.forEach(relabel); };
    if (!wanted.length) {
      done();
      return;
    }
    wanted.forEach(function (iri) { known[iri] = known[iri] || ""; });
    var body = new URLSearchParams({ query: labelQuery(wanted.slice(0, 500)) });
    fetch(config.endpoint, {
      method: "POST",
      headers: { Accept: "application/sparql-results+json" },
      body: body,
    }).then(function (r) { return r.ok ? r.json() : { results: { bindings: [] } }; })
      .then(function (json) {
        json.results.bindings.forEach(function (b) { known[b.thing.value] = b.label.value; });
        done();
      }).catch(done);
  }
  new MutationObserver(function () {
    labelControls();
    if (!pending) {
      pending = true;
      window.setTimeout(labelResults, 30);
    }
  }).observe(element, { childList: true, subtree: true });
})();
