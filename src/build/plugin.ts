import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin, ViteDevServer } from "vite";
import { checkRenderedProject } from "../check/index.ts";
import { type Diagnostic, FactdeckError, formatDiagnostics, hasErrors } from "../errors/index.ts";
import type { RenderedDeck } from "../mdx/render-deck.ts";
import { deckPage, deckPagePath, entryPath, indexPage } from "./page.ts";
import { type ProjectOptions, type ProjectRender, projectPaths, renderProject } from "./project.ts";

/** Options of the factdeck Vite plugin. */
export interface FactdeckPluginOptions extends ProjectOptions {
  /** A render done before Vite started (the CLI checks first, so a failed build writes nothing). */
  prerendered?: ProjectRender;
}

/** The browser runtime ships with factdeck, not with the project that uses it. */
export const RUNTIME_ENTRY = fileURLToPath(new URL("../runtime/deck.ts", import.meta.url));
/** The factdeck package folder, which the dev server must be allowed to serve from. */
export const PACKAGE_DIR = fileURLToPath(new URL("../..", import.meta.url));

const ENTRY_PREFIX = "/@factdeck/entry/";
const RESOLVED_PREFIX = "\0factdeck-entry:";

/** The factdeck Vite plugins: pages from slides, a theme entry per page, dev updates. */
export function factdeck(options: FactdeckPluginOptions = {}): Plugin[] {
  const paths = projectPaths(options.root ?? process.cwd());
  let current: ProjectRender | undefined = options.prerendered;
  const render = async () => {
    const r = await renderProject({ ...options, root: paths.root });
    // The same findings as `factdeck check`, so the overlay shows a hand-typed figure too.
    const findings = await checkRenderedProject(r, { ...options, root: paths.root });
    const diagnostics = [...r.diagnostics, ...findings];
    current = { ...r, decks: hasErrors(findings) ? [] : r.decks, diagnostics };
    return current;
  };
  const pages = (r: ProjectRender) => {
    const out = new Map<string, string>();
    out.set(path.join(paths.root, "index.html"), indexPage(r.decks, "federal"));
    for (const d of r.decks)
      out.set(path.join(paths.root, deckPagePath(d.deck, d.audience)), deckPage(d));
    return out;
  };

  const pagesPlugin: Plugin = {
    name: "factdeck:pages",
    async config(_config, env) {
      if (env.command !== "build") return;
      const r = current ?? (await render());
      if (hasErrors(r.diagnostics)) throw new FactdeckError(r.diagnostics);
      return {
        build: {
          rolldownOptions: { input: [...pages(r).keys()] },
        },
      };
    },
    resolveId(id) {
      if (id.startsWith(ENTRY_PREFIX))
        return RESOLVED_PREFIX + id.slice(ENTRY_PREFIX.length).replace(/\.js$/, "");
      // Deck pages are virtual: they exist only as rendered HTML.
      if (id.endsWith(".html") && current && pages(current).has(id)) return id;
      return undefined;
    },
    load(id) {
      if (id.startsWith(RESOLVED_PREFIX)) {
        const theme = id.slice(RESOLVED_PREFIX.length);
        // The runtime (and reveal.css) first, so the theme's rules win over reveal.js defaults.
        return `import ${JSON.stringify(RUNTIME_ENTRY)};\nimport ${JSON.stringify(path.join(paths.themes, `${theme}.css`))};\n`;
      }
      if (id.endsWith(".html") && current) return pages(current).get(id);
      return undefined;
    },
  };

  const devPlugin: Plugin = {
    name: "factdeck:dev",
    apply: "serve",
    configureServer(server) {
      const watched = [paths.slides, paths.data];
      server.watcher.add(watched);
      const onChange = async (file: string) => {
        if (!watched.some((dir) => file.startsWith(dir))) return;
        const r = await render();
        if (hasErrors(r.diagnostics)) {
          sendError(server, r.diagnostics, paths.root);
          return;
        }
        for (const d of r.decks)
          server.ws.send({ type: "custom", event: "factdeck:update", data: updateOf(d) });
      };
      server.watcher.on("change", onChange);
      server.watcher.on("add", onChange);
      server.watcher.on("unlink", onChange);
      server.middlewares.use(async (req, res, next) => {
        const url = (req.url ?? "/").split("?")[0] ?? "/";
        if (!url.endsWith("/") && !url.endsWith(".html")) return next();
        const r = current ?? (await render());
        const file = url.endsWith("/") ? `${url}index.html` : url;
        let html = hasErrors(r.diagnostics)
          ? errorPage(formatDiagnostics(r.diagnostics, { root: paths.root }))
          : pages(r).get(path.join(paths.root, file.slice(1)));
        if (!html) return next();
        html = await server.transformIndexHtml(url, html);
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.end(html);
        if (hasErrors(r.diagnostics))
          setTimeout(() => sendError(server, r.diagnostics, paths.root), 300);
      });
    },
  };
  return [pagesPlugin, devPlugin];
}

/** What the browser needs to swap a deck's slides in place. */
export function updateOf(d: RenderedDeck) {
  return { deck: d.deck, audience: d.audience, html: d.slidesHtml };
}

function sendError(server: ViteDevServer, diagnostics: Diagnostic[], root: string) {
  const first = diagnostics.find((d) => d.severity === "error");
  server.ws.send({
    type: "error",
    err: {
      message: formatDiagnostics(diagnostics, { root }),
      stack: "",
      plugin: "factdeck",
      id: first?.at?.file,
      loc: first?.at
        ? { file: first.at.file, line: first.at.line, column: first.at.column }
        : undefined,
    },
  });
}

function errorPage(text: string): string {
  const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>factdeck: the deck cannot be built</title></head><body><h1>The deck cannot be built</h1><pre>${escaped}</pre><script type="module">import.meta.hot?.on("factdeck:update", () => location.reload());</script></body></html>`;
}

export { entryPath };
