import type { Dataset, Figure } from "../data/index.ts";

/** One figure a deck shows, with the slides that show it. */
export interface UsedFigure {
  key: string;
  figure: Figure;
  slides: string[];
}

/** Records which figures a deck shows, numbering their sources in order of first use. */
export class FigureUsage {
  private readonly figures = new Map<string, UsedFigure>();
  private readonly sourceOrder: string[] = [];
  /** The slide file being rendered; set by the deck renderer. */
  currentSlide = "";

  constructor(private readonly dataset: Pick<Dataset, "figure">) {}

  /** Marks a figure as shown on the current slide; returns its source's number (1-based). */
  use(key: string): { figure: Figure; sourceNumber: number } {
    const figure = this.dataset.figure(key);
    if (!figure) throw new Error(`unvalidated figure key ${key}`);
    let entry = this.figures.get(key);
    if (!entry) {
      entry = { key, figure, slides: [] };
      this.figures.set(key, entry);
    }
    if (this.currentSlide && !entry.slides.includes(this.currentSlide))
      entry.slides.push(this.currentSlide);
    if (!this.sourceOrder.includes(figure.source)) this.sourceOrder.push(figure.source);
    return { figure, sourceNumber: this.sourceOrder.indexOf(figure.source) + 1 };
  }

  /** Marks a source as cited without a figure (`<Cite>`); returns its number (1-based). */
  cite(sourceId: string): number {
    if (!this.sourceOrder.includes(sourceId)) this.sourceOrder.push(sourceId);
    return this.sourceOrder.indexOf(sourceId) + 1;
  }

  /** Every figure shown, in order of first use. */
  used(): UsedFigure[] {
    return [...this.figures.values()];
  }

  /** Source ids in numbering order. */
  sources(): string[] {
    return [...this.sourceOrder];
  }
}
