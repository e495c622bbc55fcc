import type { Figure } from "../../src/data/schema.ts";

const base = { source: "ussc-2021", status: "primary", precision: 0 } as const;

/** Literal figures shaped like the flagship dataset, for chart tests. */
export const FIGURES: Record<string, Figure> = {
  "enhancements.under_twelve": {
    ...base,
    value: 95,
    unit: "percent",
    label: "Offenders receiving the enhancement for a victim under age 12",
    short: "Victim under 12",
    locator: "Ch. 3",
  },
  "enhancements.six_hundred_images": {
    ...base,
    value: 77,
    unit: "percent",
    label: "Cases with the enhancement for 600 or more images",
    short: "600 or more images",
  },
  "community.online": {
    ...base,
    value: 40,
    unit: "percent",
    qualifier: "more than",
    label: "Offenders who took part in an online child pornography community",
    short: "Online community",
  },
  "offenders.possession": {
    ...base,
    value: 42.5,
    precision: 1,
    unit: "percent",
    label: "Non-production offenders sentenced for possession",
    short: "Possession",
  },
  "offenders.receipt": {
    ...base,
    value: 10.9,
    precision: 1,
    unit: "percent",
    label: "Non-production offenders sentenced for receipt",
    short: "Receipt",
  },
  "offenders.distribution": {
    ...base,
    value: 46.6,
    precision: 1,
    unit: "percent",
    label: "Non-production offenders sentenced for distribution",
    short: "Distribution",
  },
  "offenders.total": {
    ...base,
    value: 1340,
    unit: "count",
    noun: "offenders",
    label: "Non-production offenders sentenced in FY2019",
  },
  "sentences.possession": {
    ...base,
    value: { low: 0, high: 228, lowText: "probation" },
    unit: "months",
    label: "Sentences of similarly situated possession offenders",
    short: "Possession",
    status: "secondary",
  },
  "sentences.receipt": {
    ...base,
    value: { low: 37, high: 180 },
    unit: "months",
    label: "Sentences of similarly situated receipt offenders",
    short: "Receipt",
    status: "secondary",
  },
  "sentences.distribution": {
    ...base,
    value: { low: 0, high: 240, lowText: "<1" },
    unit: "months",
    label: "Sentences of similarly situated distribution offenders",
    short: "Distribution",
    status: "secondary",
  },
  "trend.minimum_2005": {
    ...base,
    value: 98,
    unit: "months",
    label: "Average guideline minimum, FY2005",
    short: "Average guideline minimum (FY2005)",
    source: "news-2021",
    status: "secondary",
  },
  "trend.minimum_2019": {
    ...base,
    value: 136,
    unit: "months",
    label: "Average guideline minimum, FY2019",
    short: "Average guideline minimum (FY2019)",
    source: "news-2021",
    status: "secondary",
  },
  "trend.sentence_2005": {
    ...base,
    value: 91,
    unit: "months",
    label: "Average sentence imposed, FY2005",
    short: "Average sentence imposed (FY2005)",
    source: "news-2021",
    status: "secondary",
  },
  "trend.sentence_2019": {
    ...base,
    value: 103,
    unit: "months",
    label: "Average sentence imposed, FY2019",
    short: "Average sentence imposed (FY2019)",
    source: "news-2021",
    status: "secondary",
  },
};

/** A dataset stub over literal figures: what `renderChart` reads. */
export function stubDataset(figures: Record<string, Figure> = FIGURES) {
  return {
    figure: (key: string) => figures[key],
    keys: () => Object.keys(figures),
  };
}

/** One request of each kind, drawn from `FIGURES`. */
export const REQUESTS = {
  bars: {
    kind: "bars",
    title: "Most offenders receive the enhancements meant for the worst cases",
    keys: ["enhancements.under_twelve", "enhancements.six_hundred_images", "community.online"],
  },
  stack: {
    kind: "stack",
    title: "Distribution and possession make up nearly nine in ten cases",
    keys: ["offenders.possession", "offenders.receipt", "offenders.distribution"],
  },
  ranges: {
    kind: "ranges",
    title: "Similar offenders, very different sentences",
    keys: ["sentences.possession", "sentences.receipt", "sentences.distribution"],
  },
  compare: {
    kind: "compare",
    title: "Guideline minimums rose faster than sentences imposed",
    keys: [
      "trend.minimum_2005",
      "trend.minimum_2019",
      "trend.sentence_2005",
      "trend.sentence_2019",
    ],
  },
} as const;
