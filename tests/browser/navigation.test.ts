import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithBrowser } from "../browser-helpers.ts";
import {
  builtTheme,
  currentSlide,
  DECK_PAGES,
  deckPages,
  openDeck,
  openSession,
  type Session,
  showSlide,
  slideCount,
  THEMES,
} from "./harness.ts";

describeWithBrowser("presenting a built deck in Chromium", () => {
  const theme = THEMES[0]!;
  let session: Session;
  beforeAll(async () => {
    session = await openSession([theme]);
  });
  afterAll(async () => {
    await session?.close();
  });

  it.each(DECK_PAGES.map((d) => d.path))(
    "%s: ArrowRight shows each build-up step, then the next slide; ArrowLeft goes back; both stop at either end",
    async (deckPath) => {
      const page = await openDeck(session, theme, deckPath);
      const count = await slideCount(page);
      expect(count, deckPath).toBeGreaterThan(1);
      expect(await currentSlide(page)).toBe(0);
      // Where the presenter is: the slide, and how many of its build-up steps are shown.
      const position = () =>
        page.evaluate(() => {
          const slides = [...document.querySelectorAll(".reveal .slides > section")];
          const slide = slides.findIndex((s) => s.classList.contains("present"));
          const shown = new Set(
            [...(slides[slide]?.querySelectorAll(".fragment.visible") ?? [])].map((f) =>
              f.getAttribute("data-fragment-index"),
            ),
          );
          return `slide ${slide}, step ${shown.size}`;
        });
      for (let i = 0; i < count; i++) {
        // reveal.js numbers a slide's steps; fragments sharing a number appear together.
        const steps = await page
          .locator(".reveal .slides > section")
          .nth(i)
          .evaluate(
            (s) =>
              new Set(
                [...s.querySelectorAll<HTMLElement>(".fragment")].map(
                  (f) => f.dataset.fragmentIndex,
                ),
              ).size,
          );
        for (let step = 1; step <= steps; step++) {
          await page.keyboard.press("ArrowRight");
          await expect
            .poll(position, { message: `${deckPath}: slide ${i + 1}, step ${step}` })
            .toBe(`slide ${i}, step ${step}`);
        }
        if (i === count - 1) break;
        await page.keyboard.press("ArrowRight");
        await expect
          .poll(() => currentSlide(page), { message: `${deckPath}: ArrowRight to ${i + 2}` })
          .toBe(i + 1);
      }
      await page.keyboard.press("ArrowRight");
      expect(await currentSlide(page), "past the last slide").toBe(count - 1);
      await page.keyboard.press("ArrowLeft");
      await expect.poll(() => currentSlide(page), { message: "ArrowLeft" }).toBe(count - 2);
      await page.keyboard.press("Home");
      await expect.poll(() => currentSlide(page), { message: "Home" }).toBe(0);
      await page.keyboard.press("ArrowLeft");
      expect(await currentSlide(page), "before the first slide").toBe(0);
      await page.close();
    },
  );

  it("keyboard navigation still works once Tab has moved focus onto the page", async () => {
    const [deck] = deckPages(await builtTheme(theme));
    const page = await openDeck(session, theme, deck!.path);
    // Tab to the first focusable thing on the page (a source link or a control).
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.tagName);
    expect(focused).not.toBe("BODY");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => currentSlide(page)).toBe(1);
    await page.close();
  });

  it("the slide number shows where the presenter is", async () => {
    const [deck] = deckPages(await builtTheme(theme));
    const page = await openDeck(session, theme, deck!.path);
    const count = await slideCount(page);
    await showSlide(page, 2);
    const text = await page.locator(".reveal .slide-number").textContent();
    expect(text?.replace(/\s+/g, "")).toBe(`3/${count}`);
    await page.close();
  });

  it("pressing S opens the speaker view with the current slide's notes", async () => {
    const [deck] = deckPages(await builtTheme(theme));
    const page = await openDeck(session, theme, deck!.path);
    // The first slide that has notes, whatever the deck's content.
    const withNotes = await page.evaluate(() => {
      const slides = [...document.querySelectorAll(".reveal .slides > section")];
      const index = slides.findIndex((s) => s.querySelector("aside.notes")?.textContent?.trim());
      const text = slides[index]?.querySelector("aside.notes")?.textContent ?? "";
      return { index, text: text.replace(/\s+/g, " ").trim() };
    });
    expect(withNotes.index, "a slide with speaker notes").toBeGreaterThanOrEqual(0);
    await showSlide(page, withNotes.index);
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.keyboard.press("s")]);
    const notes = popup.locator(".speaker-controls-notes .value");
    await notes.waitFor({ state: "attached" });
    await popup.waitForFunction(
      (expected) =>
        document
          .querySelector(".speaker-controls-notes .value")
          ?.textContent?.replace(/\s+/g, " ")
          .includes(expected),
      withNotes.text.slice(0, 60),
    );
    // The current slide is shown in the speaker view too.
    await expect
      .poll(() => popup.locator("#current-slide iframe").count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await popup.close();
    await page.close();
  });
});
