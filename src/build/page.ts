import { escapeHtml } from "../mdx/escape-html.ts";
import type { RenderedDeck } from "../mdx/render-deck.ts";

/** The URL path of the virtual module that loads a theme and the reveal.js runtime. */
export function entryPath(theme: string): string {
  return `/@factdeck/entry/${theme}.js`;
}

/** Output path of a deck page, relative to dist/. */
export function deckPagePath(deck: string, audience: string): string {
  return `${deck}/${audience}/index.html`;
}

/** Output path of a deck's single-file page (opens from disk), relative to dist/. */
export function singleFilePath(deck: string, audience: string): string {
  return `${deck}/${audience}.html`;
}

/**
 * Hides speaker notes with no help from a script or a stylesheet file: when the
 * module script or the CSS is blocked (a page opened from disk, JavaScript off,
 * an old browser) or the page is printed from the browser's menu, the audience
 * still never sees a note. The speaker view reads notes from the DOM, not the screen.
 */
export const NOTES_HIDDEN_STYLE = "<style>aside.notes{display:none!important}</style>";

/**
 * The deck's slides with its logo and footer in each: a block first in every slide (before
 * the heading, so the slide's own last block still closes it), positioned by the theme,
 * which leaves the logo off the cover. Kept out of `slidesHtml`, so the PowerPoint export
 * does not read them as slide content.
 */
export function slidesWithChrome(deck: RenderedDeck): string {
  const { logo, footer } = deck.chrome ?? {};
  if (!logo && !footer) return deck.slidesHtml;
  const parts = [
    logo
      ? `<img class="fd-chrome-logo" src="${escapeHtml(logo.url)}" alt="${escapeHtml(logo.alt)}">`
      : "",
    footer ? `<p class="fd-chrome-footer">${escapeHtml(footer)}</p>` : "",
  ];
  const chrome = `<div class="fd-chrome">${parts.join("")}</div>`;
  // Every slide the render writes, and only those, carries data-fd-slide.
  return deck.slidesHtml.replace(
    /<section\b[^>]*\sdata-fd-slide="[^"]*"[^>]*>/g,
    (open) => open + chrome,
  );
}

/** A complete HTML page for one audience's deck. */
export function deckPage(deck: RenderedDeck): string {
  const title = `${deck.title} — ${deck.audienceLabel}`;
  return `<!doctype html>
<html lang="${escapeHtml(deck.lang)}" data-fd-theme="${escapeHtml(deck.theme)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="generator" content="factdeck">
<link rel="icon" href="data:,">
${NOTES_HIDDEN_STYLE}
<script type="module" src="${entryPath(deck.theme)}"></script>
</head>
<body>
<div class="reveal" data-fd-deck="${escapeHtml(deck.deck)}" data-fd-audience="${escapeHtml(deck.audience)}" data-fd-width="${deck.width}" data-fd-height="${deck.height}" data-fd-duration="${deck.duration}">
<div class="slides">
${slidesWithChrome(deck)}
</div>
</div>
</body>
</html>
`;
}

/**
 * The overview page: every deck and audience, with its length, theme and PDFs, and
 * its single file unless `singleFiles` is false (the dev server has none to serve).
 */
export function indexPage(
  decks: readonly RenderedDeck[],
  theme: string,
  { singleFiles = true }: { singleFiles?: boolean } = {},
): string {
  const byDeck = new Map<string, RenderedDeck[]>();
  for (const d of decks) byDeck.set(d.deck, [...(byDeck.get(d.deck) ?? []), d]);
  const sections = [...byDeck].map(([id, list]) => {
    const rows = list
      .map((d) => {
        const base = `./${d.deck}/${d.audience}/`;
        const label = escapeHtml(d.audienceLabel);
        return `<tr>
<th scope="row"><a href="${base}">${label}</a></th>
<td><a href="${base}" aria-label="Open the ${label} deck">Open</a>${singleFiles ? ` · <a href="./${escapeHtml(singleFilePath(d.deck, d.audience))}" aria-label="Single file (works offline) of the ${label} deck">Single file (works offline)</a>` : ""}</td>
<td>${d.duration} min</td>
<td>${d.slidesHtml.split("<section").length - 1}</td>
<td>${escapeHtml(d.theme)}</td>
<td><a href="${base}slides.pdf">slides.pdf</a> · <a href="${base}handout.pdf">handout.pdf</a></td>
</tr>`;
      })
      .join("\n");
    return `<section class="fd-index-deck">
<h2>${escapeHtml(list[0]?.title ?? id)}</h2>
<p class="fd-index-id"><code>${escapeHtml(id)}</code></p>
<table class="fd-index-table">
<thead><tr><th scope="col">Audience</th><th scope="col">Deck</th><th scope="col">Length</th><th scope="col">Slides</th><th scope="col">Theme</th><th scope="col">PDF (after <code>npm run pdf</code>)</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
  });
  return `<!doctype html>
<html lang="en" data-fd-theme="${escapeHtml(theme)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>factdeck — decks</title>
<link rel="icon" href="data:,">
<script type="module" src="${entryPath(theme)}"></script>
</head>
<body class="fd-index">
<main>
<h1>Decks</h1>
<p>Each briefing is built once per audience from one source. Open a deck and press <kbd>S</kbd> for the speaker view.${singleFiles ? " The single file holds the whole deck: copy it to another computer and open it from disk, no server or network needed." : ""}</p>
${sections.join("\n")}
</main>
</body>
</html>
`;
}
