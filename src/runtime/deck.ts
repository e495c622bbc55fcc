// The only code of ours that runs in the browser: start reveal.js and take dev updates.
import Reveal from "reveal.js";
import Notes from "reveal.js/plugin/notes";
import "reveal.js/reveal.css";

interface DeckUpdate {
  deck: string;
  audience: string;
  html: string;
}

const root = document.querySelector<HTMLElement>(".reveal");

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
    transition: "none",
    backgroundTransition: "none",
    plugins: [Notes],
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
  });
  deck.initialize().then(async () => {
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
    });
  }
}
