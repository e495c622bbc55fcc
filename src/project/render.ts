import {
  checkAudienceName,
  checkDeckName,
  type Dataset,
  type Deck,
  listDecks,
  loadDataset,
  loadDeck,
} from "../data/index.ts";
import { type Diagnostic, hasErrors, isFactdeckError, suggestion } from "../errors/index.ts";
import { type RenderedDeck, renderDeck } from "../mdx/render-deck.ts";
import { listThemeNames } from "../themes/index.ts";
import { type ProjectOptions, projectPaths } from "./paths.ts";

/** Every deck × audience rendered, or every reason why not. */
export interface ProjectRender {
  decks: RenderedDeck[];
  diagnostics: Diagnostic[];
  /** Deck configs that loaded, for tools that need their folders. */
  deckConfigs: Deck[];
  /** Datasets that loaded, by id. */
  datasets: Map<string, Dataset>;
}

/** Loads and renders the selected decks and audiences; collects findings from all of them. */
export async function renderProject(options: ProjectOptions = {}): Promise<ProjectRender> {
  const paths = projectPaths(options.root);
  const diagnostics: Diagnostic[] = [];
  const allDecks = listDecks(paths.slides);
  const unknownDeck = checkDeckName(allDecks, options.deck);
  if (unknownDeck) {
    diagnostics.push(unknownDeck);
    return { decks: [], diagnostics, deckConfigs: [], datasets: new Map() };
  }
  if (allDecks.length === 0) {
    diagnostics.push({
      code: "FD_DECK_NONE",
      severity: "error",
      message: "There are no decks to build.",
      hint: "create slides/<deck>/deck.yaml and at least one .mdx slide; the README shows how",
    });
  }
  const themes = listThemeNames(paths.themes);
  if (options.theme && !themes.includes(options.theme)) {
    diagnostics.push({
      code: "FD_THEME_UNKNOWN",
      severity: "error",
      message: `There is no theme "${options.theme}".`,
      hint: `${suggestion(options.theme, themes, "themes")}; a theme is a CSS file in themes/`,
    });
    return { decks: [], diagnostics, deckConfigs: [], datasets: new Map() };
  }
  const datasets = new Map<string, Promise<{ dataset?: Dataset; diagnostics: Diagnostic[] }>>();
  const decks: RenderedDeck[] = [];
  const deckConfigs: Deck[] = [];
  const datasetsById = new Map<string, Dataset>();
  for (const deckId of options.deck ? [options.deck] : allDecks) {
    const loaded = loadDeck(paths.slides, deckId);
    diagnostics.push(...loaded.diagnostics);
    const deck = loaded.deck;
    if (!deck) continue;
    deckConfigs.push(deck);
    const audiences = Object.keys(deck.config.audiences);
    const unknownAudience = checkAudienceName(deck, options.audience);
    if (unknownAudience) {
      diagnostics.push(unknownAudience);
      continue;
    }
    let pending = datasets.get(deck.config.dataset);
    if (!pending) {
      pending = loadDataset(paths.data, deck.config.dataset);
      datasets.set(deck.config.dataset, pending);
      diagnostics.push(...(await pending).diagnostics);
    }
    const { dataset } = await pending;
    if (!dataset) continue;
    datasetsById.set(deck.config.dataset, dataset);
    for (const audience of options.audience ? [options.audience] : audiences) {
      const theme = options.theme ?? deck.config.audiences[audience]?.theme ?? deck.config.theme;
      if (!themes.includes(theme)) {
        diagnostics.push({
          code: "FD_THEME_UNKNOWN",
          severity: "error",
          message: `The deck "${deckId}" asks for a theme that does not exist: "${theme}".`,
          at: deck.locate(
            deck.config.audiences[audience]?.theme ? ["audiences", audience, "theme"] : ["theme"],
          ),
          hint: `${suggestion(theme, themes, "themes")}; a theme is a CSS file in themes/`,
        });
        continue;
      }
      try {
        const rendered = await renderDeck(deck, audience, dataset, { theme });
        decks.push(rendered);
        // Warnings (an unreadable chart) are the same for every audience that shows the slide.
        for (const w of rendered.warnings ?? [])
          if (!diagnostics.some((x) => same(x, w))) diagnostics.push(w);
      } catch (error) {
        if (!isFactdeckError(error)) throw error;
        // The same slide file fails the same way for every audience: report it once.
        for (const d of error.diagnostics)
          if (!diagnostics.some((x) => same(x, d))) diagnostics.push(d);
      }
    }
  }
  return {
    decks: hasErrors(diagnostics) ? [] : decks,
    diagnostics,
    deckConfigs,
    datasets: datasetsById,
  };
}

function same(a: Diagnostic, b: Diagnostic): boolean {
  return (
    a.code === b.code &&
    a.message === b.message &&
    a.at?.file === b.at?.file &&
    a.at?.line === b.at?.line &&
    a.at?.column === b.at?.column
  );
}
