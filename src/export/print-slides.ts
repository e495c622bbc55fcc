// Runs in the deck page (passed to page.evaluate), so it is self-contained: Playwright sends
// the function's source text, and nothing it refers to outside itself exists in the page.

/** What the deck page needs to know to lay itself out for print. */
export interface PrintRequest {
  width: number;
  height: number;
  /** Attributes the built page gives the deck root; others were set at runtime for one slide. */
  rootAttributes: string[];
}

/** What the page reports back once it is laid out. */
export interface PrintLayout {
  slides: number;
  /** The CSS display reveal.js gives a shown slide (the runtime's `display` setting). */
  display: string;
}

/**
 * Turns the deck, as the screen shows it, into one page per slide. The DOM stays the screen's,
 * so every theme rule applies as it does when presenting; only reveal.js's state is undone
 * (which slide is current, hidden slides, unshown fragments, the chrome around the deck).
 * Every slide gets the screen's slide number. Resolves after fonts are ready.
 */
export async function layoutForPrint(request: PrintRequest): Promise<PrintLayout> {
  const { width, height } = request;
  const root = document.querySelector<HTMLElement>(".reveal");
  if (!root) throw new Error("the page has no .reveal element");
  const all = [...root.querySelectorAll<HTMLElement>(".slides section")];
  const leaves = all.filter((s) => !s.querySelector("section"));
  const present = root.querySelector<HTMLElement>(".slides section.present") ?? leaves[0];
  // reveal.js shows the current slide with its `display` setting; every page shows the same way.
  const display = present ? getComputedStyle(present).display : "block";

  const number = root.querySelector<HTMLElement>(":scope > .slide-number");
  const numbered = !!number && getComputedStyle(number).display !== "none";
  const template = number?.cloneNode(true) as HTMLElement | undefined;

  // Runtime attributes (a cover's chrome colours) describe the current slide, and a printed
  // deck has none; per-slide rules in the theme style each page instead.
  for (const name of root.getAttributeNames())
    if (name.startsWith("data-fd-") && !request.rootAttributes.includes(name))
      root.removeAttribute(name);

  const css = document.createElement("style");
  css.textContent = `
@page { size: ${width}px ${height}px; margin: 0; }
html.fd-pdf, html.fd-pdf body { width: ${width}px !important; height: auto !important; overflow: visible !important; margin: 0 !important; }
html.fd-pdf .reveal { position: relative !important; inset: auto !important; width: ${width}px !important; height: auto !important; overflow: visible !important; }
html.fd-pdf .reveal .slides { position: relative !important; inset: auto !important; width: ${width}px !important; height: auto !important; margin: 0 !important; transform: none !important; zoom: 1 !important; overflow: visible !important; perspective: none !important; }
html.fd-pdf .reveal .slides section.stack { position: static !important; display: block !important; height: auto !important; padding: 0 !important; transform: none !important; opacity: 1 !important; visibility: visible !important; }
html.fd-pdf .reveal .slides section.fd-pdf-page { position: relative !important; display: ${display} !important; inset: auto !important; width: ${width}px !important; height: ${height}px !important; transform: none !important; opacity: 1 !important; visibility: visible !important; break-after: page; break-inside: avoid; }
html.fd-pdf .reveal .slides section.fd-pdf-last { break-after: auto; }
html.fd-pdf .reveal .fragment { opacity: 1 !important; visibility: inherit !important; transform: none !important; }
html.fd-pdf .reveal > :is(.slide-number, .controls, .progress, .backgrounds, .aria-status, .pause-overlay, .speaker-notes) { display: none !important; }
html.fd-pdf .reveal .fd-pdf-slide-number { display: block !important; }
`;
  document.head.append(css);
  // reveal.js's stylesheet restyles a deck printed from the browser's menu (every div
  // block-level at its content's height, text at 20pt): the PDF is the screen, so those
  // rules go. Chromium applies print rules while it prints whatever media is emulated.
  for (const sheet of document.styleSheets) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue;
    }
    for (let i = rules.length - 1; i >= 0; i--) {
      const rule = rules[i];
      if (
        rule instanceof CSSMediaRule &&
        /\bprint\b/.test(rule.media.mediaText) &&
        rule.cssText.includes("html:not(.print-pdf)")
      )
        sheet.deleteRule(i);
    }
  }
  document.documentElement.classList.add("fd-pdf");

  for (const s of all) {
    // Hidden slides would be left out of the tagged PDF's structure tree.
    s.removeAttribute("hidden");
    s.removeAttribute("aria-hidden");
    s.removeAttribute("inert");
  }
  for (const f of root.querySelectorAll(".fragment")) f.classList.add("visible");
  leaves.forEach((s, i) => {
    s.classList.remove("past", "future");
    s.classList.add("present", "fd-pdf-page");
    if (i === leaves.length - 1) s.classList.add("fd-pdf-last");
    if (!numbered || !template) return;
    const copy = template.cloneNode(true) as HTMLElement;
    copy.classList.add("fd-pdf-slide-number");
    copy.removeAttribute("style");
    copy.setAttribute("aria-hidden", "true");
    const current = copy.querySelector(".slide-number-a");
    if (current) current.textContent = String(i + 1);
    else copy.textContent = String(i + 1);
    copy.querySelector("a")?.removeAttribute("href");
    s.append(copy);
  });
  // "#/id" is a reveal.js route; in a PDF a link to the slide's own id goes to its page.
  for (const a of root.querySelectorAll<HTMLAnchorElement>('a[href^="#/"]')) {
    const id = decodeURIComponent(a.getAttribute("href")!.slice(2)).split("/")[0]!;
    if (id && document.getElementById(id)) a.setAttribute("href", `#${id}`);
    else a.removeAttribute("href");
  }
  await document.fonts.ready;
  // Each drawing keeps the size the screen layout gives it: printing lays flexible boxes
  // out again for the page, and a chart sized by its slide's room came out larger.
  for (const svg of root.querySelectorAll<SVGSVGElement>(".fd-chart-svg-wrap > svg")) {
    const { width: w, height: h } = svg.getBoundingClientRect();
    if (!w || !h) continue;
    svg.style.setProperty("width", `${w}px`, "important");
    svg.style.setProperty("height", `${h}px`, "important");
    svg.style.setProperty("flex", "none", "important");
  }
  return { slides: leaves.length, display };
}
