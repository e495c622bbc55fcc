// The only code of ours that runs in the browser: start reveal.js, make it readable, take dev updates.
import Reveal from "reveal.js";
import "reveal.js/reveal.css";

interface DeckUpdate {
  deck: string;
  audience: string;
  html: string;
}

const root = document.querySelector<HTMLElement>(".reveal");

/** A cover is a slide headed by the deck's h1; the chrome around it changes colour. */
function isCover(slide: Element | undefined): boolean {
  return !!slide?.querySelector(":scope > h1");
}

/**
 * reveal.js marks the deck `role="application"`, which switches screen readers out of
 * browse mode: a user could no longer read a slide line by line or list its headings.
 * The deck becomes the page's main landmark instead; keyboard navigation is unaffected,
 * since reveal.js listens on the document. Each slide is announced as "slide 3 of 12".
 */
function makeReadable(deckRoot: HTMLElement, slides: readonly HTMLElement[]): void {
  deckRoot.setAttribute("role", "main");
  deckRoot.setAttribute("aria-label", document.title);
  slides.forEach((slide, i) => {
    slide.setAttribute("role", "group");
    slide.setAttribute("aria-roledescription", "slide");
    slide.setAttribute("aria-label", `${i + 1} of ${slides.length}`);
  });
}

/**
 * The speaker view (reveal.js's notes plugin) loads the first time it is asked for:
 * most people who open a deck never need it, and it is a third of the deck's script.
 */
function createLazySpeakerView() {
  let plugin: Promise<{ open(): void }> | undefined;
  return {
    id: "fd-speaker-view",
    init(deck: InstanceType<typeof Reveal>) {
      const open = () => {
        plugin ??= import("reveal.js/plugin/notes").then(async ({ default: Notes }) => {
          const notes = Notes() as ReturnType<typeof Notes> & { open(): void };
          await deck.registerPlugin(notes);
          return notes;
        });
        void plugin.then((notes) => notes.open());
      };
      deck.addKeyBinding({ keyCode: 83, key: "S", description: "Speaker notes view" }, open);
      // reveal.js opens the speaker view at start when the address asks for it.
      if (/[?&]notes/i.test(window.location.search)) open();
    },
  };
}

if (root) {
  const width = Number(root.dataset.fdWidth) || 1280;
  const height = Number(root.dataset.fdHeight) || 720;
  const deck = new Reveal(root, {
    hash: true,
    slideNumber: "c/t",
    showSlideNumber: "all",
    width,
    height,
    margin: 0,
    center: false,
    // Slides are flex columns (see themes/base.css); reveal.js sets this when it shows one.
    display: "flex",
    transition: "none",
    backgroundTransition: "none",
    controlsTutorial: false,
    plugins: [createLazySpeakerView()],
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
    // The speaker view paces the talk against the audience's planned length.
    totalTime: (Number(root.dataset.fdDuration) || 0) * 60 || undefined,
  });
  const markCover = () => root.toggleAttribute("data-fd-cover", isCover(deck.getCurrentSlide()));
  const readable = () => makeReadable(root, deck.getHorizontalSlides() as HTMLElement[]);
  deck.on("slidechanged", markCover);
  deck.initialize().then(async () => {
    readable();
    markCover();
    await document.fonts.ready;
    document.documentElement.dataset.fdReady = "true";
    window.dispatchEvent(new Event("factdeck:ready"));
  });

  if (import.meta.hot) {
    import.meta.hot.on("factdeck:update", (update: DeckUpdate) => {
      if (update.deck !== root.dataset.fdDeck || update.audience !== root.dataset.fdAudience)
        return;
      for (const overlay of document.querySelectorAll("vite-error-overlay")) overlay.remove();
      const { h, v } = deck.getIndices();
      const slides = root.querySelector(".slides");
      if (!slides) return;
      slides.innerHTML = update.html;
      deck.sync();
      deck.slide(h, v ?? 0);
      readable();
      markCover();
    });
  }
}
