import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ErrorPayload, Plugin, ViteDevServer } from "vite";
import { type Diagnostic, FactdeckError, formatDiagnostics, hasErrors } from "../errors/index.ts";
import type { RenderedDeck } from "../mdx/render-deck.ts";
import {
  type ProjectOptions,
  type ProjectRender,
  projectPaths,
  renderAndCheck,
} from "../project/index.ts";
import { deckPage, deckPagePath, entryPath, indexPage, slidesWithChrome } from "./page.ts";
import { createRenderLoop, isRenderInput } from "./watch.ts";

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
  // Only a build writes single files; the dev server's index does not link them.
  let building = false;
  /** Renders and checks; the caller decides whether the result becomes `current`. */
  const render = async (): Promise<ProjectRender> => {
    // The same findings as `factdeck check`, so the overlay shows a hand-typed figure too.
    const { render: r, report } = await renderAndCheck({ ...options, root: paths.root });
    const diagnostics = report.diagnostics;
    return { ...r, decks: hasErrors(diagnostics) ? [] : r.decks, diagnostics };
  };
  const pages = (r: ProjectRender) => {
    const out = new Map<string, string>();
    out.set(
      path.join(paths.root, "index.html"),
      indexPage(r.decks, "federal", { singleFiles: building }),
    );
    for (const d of r.decks)
      out.set(path.join(paths.root, deckPagePath(d.deck, d.audience)), deckPage(d));
    return out;
  };

  const pagesPlugin: Plugin = {
    name: "factdeck:pages",
    async config(_config, env) {
      if (env.command !== "build") return;
      building = true;
      current ??= await render();
      const r = current;
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
      if (id.startsWith(RESOLVED_PREFIX))
        return entryModule(paths.themes, id.slice(RESOLVED_PREFIX.length));
      if (id.endsWith(".html") && current) return pages(current).get(id);
      return undefined;
    },
  };

  const devPlugin: Plugin = {
    name: "factdeck:dev",
    apply: "serve",
    configureServer(server) {
      const loop = createRenderLoop<ProjectRender>({
        render,
        recover: (error) => crashedRender(server, error),
        initial: options.prerendered,
        publish({ result, generation }) {
          current = result;
          const ok = !hasErrors(result.diagnostics);
          // To each open page, not `ws.send`: with no page open Vite keeps an error for the
          // next page that connects, which would then show an overlay the files no longer cause.
          if (!ok)
            for (const client of server.ws.clients)
              client.send(errorPayload(result.diagnostics, paths.root));
          else
            for (const d of result.decks)
              server.ws.send({ type: "custom", event: "factdeck:update", data: updateOf(d) });
          server.ws.send({ type: "custom", event: "factdeck:rendered", data: { generation, ok } });
        },
      });
      server.httpServer?.once("close", () => loop.close());
      server.watcher.add([paths.slides, paths.data]);
      server.watcher.on("all", (event, file) => {
        if (isRenderInput(paths, event, file)) loop.changed();
      });
      // A page says which render it shows once its socket is open: a newer one may have been
      // published before that, which the page missed, so it loads again.
      server.ws.on("factdeck:hello", (data: { generation?: unknown }, client) => {
        const latest = loop.latest();
        if (!latest) return;
        if (data.generation !== latest.generation) client.send("factdeck:stale", {});
        else if (hasErrors(latest.result.diagnostics))
          client.send(errorPayload(latest.result.diagnostics, paths.root));
      });
      server.middlewares.use(async (req, res, next) => {
        const [url = "/", query = ""] = (req.url ?? "/").split("?");
        // Vite's own modules, the page's inline scripts among them, are not pages.
        if (url.startsWith("/@") || query.includes("html-proxy")) return next();
        if (!url.endsWith("/") && !url.endsWith(".html")) return next();
        // Wait for saves in progress, so that a fresh load shows the files as they are.
        const { result: r, generation } = await loop.settled();
        const file = url.endsWith("/") ? `${url}index.html` : url;
        const failed = hasErrors(r.diagnostics);
        const page = failed
          ? errorPage(formatDiagnostics(r.diagnostics, { root: paths.root }))
          : pages(r).get(path.join(paths.root, file.slice(1)));
        if (!page) return next();
        const reloadOnRender = failed || file === "/index.html";
        const html = await server.transformIndexHtml(
          url,
          withDevClient(page, generation, reloadOnRender),
        );
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.end(html);
      });
    },
  };
  return [pagesPlugin, devPlugin];
}

/** The code of a page's entry module: the runtime, then the theme's stylesheet. */
export function entryModule(themesDir: string, theme: string): string {
  // The runtime (and reveal.css) first, so the theme's rules win over reveal.js defaults.
  return `import ${JSON.stringify(RUNTIME_ENTRY)};\nimport ${JSON.stringify(path.join(themesDir, `${theme}.css`))};\n`;
}

/** What the browser needs to swap a deck's slides in place. */
export function updateOf(d: RenderedDeck) {
  return { deck: d.deck, audience: d.audience, html: slidesWithChrome(d) };
}

function errorPayload(diagnostics: Diagnostic[], root: string): ErrorPayload {
  const first = diagnostics.find((d) => d.severity === "error");
  return {
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
  };
}

// A render that threw is a bug in factdeck: say so in the overlay and the terminal, no stack.
function crashedRender(server: ViteDevServer, error: unknown): ProjectRender {
  if (process.env.FACTDECK_DEBUG) server.config.logger.error(String((error as Error)?.stack));
  const detail = error instanceof Error ? error.message : String(error);
  const diagnostic: Diagnostic = {
    code: "FD_INTERNAL",
    severity: "error",
    message: `An unexpected error stopped the render: ${detail}`,
    hint: "this is a bug in factdeck, not in your slides; restart with FACTDECK_DEBUG=1 to see where it happened, and report it",
  };
  server.config.logger.error(formatDiagnostics([diagnostic]));
  return { decks: [], diagnostics: [diagnostic], deckConfigs: [], datasets: new Map() };
}

// The page plus what keeps it on the newest render: its render number, checked when its
// socket opens, and for the index and error pages a reload after each successful render.
function withDevClient(html: string, generation: number, reloadOnRender: boolean): string {
  const script = `<meta name="fd-generation" content="${generation}"><script type="module">
const generation = Number(document.querySelector('meta[name="fd-generation"]')?.content);
if (import.meta.hot) {
  import.meta.hot.on("factdeck:stale", () => location.reload());
  ${reloadOnRender ? 'import.meta.hot.on("factdeck:rendered", (r) => { if (r.ok && r.generation > generation) location.reload(); });' : ""}
  import.meta.hot.send("factdeck:hello", { generation });
}
</script>`;
  return html.replace("</head>", `${script}</head>`);
}

function errorPage(text: string): string {
  const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>factdeck: the deck cannot be built</title></head><body><h1>The deck cannot be built</h1><pre>${escaped}</pre></body></html>`;
}

export { entryPath };
