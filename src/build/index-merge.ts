// The index page lists only the decks rendered in one run; a partial build keeps
// the previous build's rows for the pages it did not rebuild. Both pages come from
// `indexPage` in page.ts, so their structure is known.

const SECTION = /<section class="fd-index-deck">[\s\S]*?<\/section>/g;
const DECK_ID = /<p class="fd-index-id"><code>([\s\S]*?)<\/code><\/p>/;
const ROW = /<tr>\s*<th scope="row"><a href="\.\/[^"/]+\/([^"/]+)\/">[\s\S]*?<\/tr>/g;
const BODY = /(<tbody>\n?)[\s\S]*?(\n?<\/tbody>)/;

interface IndexSection {
  html: string;
  /** Audience → its table row. */
  rows: Map<string, string>;
}

function parseSections(html: string): Map<string, IndexSection> {
  const sections = new Map<string, IndexSection>();
  for (const [section] of html.matchAll(SECTION)) {
    const id = DECK_ID.exec(section)?.[1];
    if (id === undefined) continue;
    const rows = new Map([...section.matchAll(ROW)].map((m) => [m[1]!, m[0]] as const));
    sections.set(id, { html: section, rows });
  }
  return sections;
}

/** Options of an index merge: which previous pages survive, and each deck's audience order. */
export interface IndexMergeOptions {
  /** True when the page of a deck and audience is in the new output. */
  kept: (deck: string, audience: string) => boolean;
  /** Audiences in deck.yaml order, for decks this build knows. */
  order?: ReadonlyMap<string, readonly string[]>;
}

/**
 * The fresh index page with the previous page's rows added for the pages a
 * partial build kept; decks in id order, audiences in deck order.
 */
export function mergeIndexPages(
  fresh: string,
  previous: string,
  options: IndexMergeOptions,
): string {
  const now = parseSections(fresh);
  const before = parseSections(previous);
  const ids = [...new Set([...now.keys(), ...before.keys()])].sort();
  const merged = ids.flatMap((id) => {
    const current = now.get(id);
    const old = before.get(id);
    const rows = new Map(current?.rows);
    for (const [audience, row] of old?.rows ?? [])
      if (!rows.has(audience) && options.kept(id, audience)) rows.set(audience, row);
    if (rows.size === 0) return [];
    const order = options.order?.get(id) ?? [];
    const rank = (a: string) => (order.includes(a) ? order.indexOf(a) : order.length);
    const sorted = [...rows].sort(([a], [b]) => rank(a) - rank(b)).map(([, row]) => row);
    const section = (current ?? old)!.html;
    return [
      section.replace(BODY, (_m, open: string, close: string) => open + sorted.join("\n") + close),
    ];
  });
  const sections = [...fresh.matchAll(SECTION)];
  const first = sections[0];
  const last = sections.at(-1);
  if (!first || !last) return fresh.replace("</main>", `${merged.join("\n")}\n</main>`);
  const end = last.index + last[0].length;
  return fresh.slice(0, first.index) + merged.join("\n") + fresh.slice(end);
}
