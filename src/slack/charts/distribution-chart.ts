/**
 * A PNG of baseline against current distributions for a drift alert's worst numeric features: one
 * panel per feature, each a pair of normalised histograms. Vega-Lite describes the chart, Vega
 * renders it headless to SVG (no canvas), resvg turns the SVG into a PNG. Text is drawn with the
 * Inter font shipped in an npm package and loaded by path, never with system fonts, so a machine
 * without fonts draws the same picture.
 */

import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { type Bucket, histogramPanel } from "./histogram.js";

export interface DistributionChartInput {
  title: string;
  /** Worst drifted first: the first four are drawn. */
  features: { name: string; baseline: Bucket[]; current: Bucket[] }[];
}

/** The input has nothing a chart could show. */
export class ChartInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChartInputError";
  }
}

const MAX_PANELS = 4;
const FONT_FAMILY = "Inter";
const COLOURS = { Baseline: "#4c78a8", Current: "#f58518" } as const;
/** Pixels per chart unit in the PNG: Slack scales previews down, and 2x keeps text crisp when opened. */
const SCALE = 2;
/** Longer feature names are cut: Vega measures text by estimate here, so its own limit would cut early. */
const NAME_MAX = 34;
/** White space kept around what was drawn, in chart units. */
const MARGIN = 16;

const requireFromHere = createRequire(import.meta.url);
const FONT_FILES = ["@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf", "@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf"].map((file) => requireFromHere.resolve(file));

function shortened(name: string): string {
  return name.length > NAME_MAX ? `${name.slice(0, NAME_MAX - 1)}…` : name;
}

type ConcatSpec = Extract<TopLevelSpec, { concat: unknown }>;

function panelSpec(feature: DistributionChartInput["features"][number], size: { width: number; height: number }): ConcatSpec["concat"][number] {
  const panel = histogramPanel(feature.baseline, feature.current);
  // An empty panel keeps its frame and notes, without axes that would show a made-up range.
  const empty = panel.bars.length === 0;
  // Large values as 2M, 150k: full digits would crowd the axis down to its two ends.
  const largestValue = Math.max(0, ...panel.bars.map((bar) => Math.max(Math.abs(bar.lower), Math.abs(bar.upper))));
  const valueAxis = empty ? null : largestValue >= 10_000 ? { format: "~s" } : {};
  // Many narrow buckets: thin outlines, or the current side's strokes fill its bars solid.
  const outlineWidth = panel.bars.length > 40 ? 1 : 2;
  return {
    title: { text: shortened(feature.name), ...(panel.notes.length > 0 ? { subtitle: panel.notes.join("; ") } : {}) },
    width: size.width,
    height: size.height,
    data: { values: panel.bars },
    encoding: {
      x: { field: "lower", type: "quantitative", title: "value", scale: { zero: false, nice: false }, axis: valueAxis },
      x2: { field: "upper" },
      // Shares under 5% need a decimal to tell their ticks apart.
      y: { field: "share", type: "quantitative", title: "share of rows", stack: null, axis: empty ? null : { format: panel.largestShare < 0.05 ? ".1%" : ".0%" } },
      color: { field: "series", type: "nominal", scale: { domain: ["Baseline", "Current"], range: [COLOURS.Baseline, COLOURS.Current] }, legend: { title: null, orient: "top" } },
    },
    // Baseline filled, current outlined over it: where they overlap, both shapes stay visible.
    layer: [
      { transform: [{ filter: { field: "series", equal: "Baseline" } }], mark: { type: "rect", opacity: 0.6 } },
      { transform: [{ filter: { field: "series", equal: "Current" } }], mark: { type: "rect", fillOpacity: 0.3, strokeWidth: outlineWidth, stroke: COLOURS.Current } },
    ],
  };
}

function chartSpec(input: DistributionChartInput): ConcatSpec {
  const features = input.features.slice(0, MAX_PANELS);
  const columns = features.length === 1 ? 1 : 2;
  const size = columns === 1 ? { width: 440, height: 200 } : { width: 270, height: 150 };
  const shown = input.features.length > MAX_PANELS ? `; the first ${MAX_PANELS} of ${input.features.length} features` : "";
  return {
    title: { text: input.title, subtitle: `Share of rows in each bucket, baseline against current${shown}`, anchor: "start", fontSize: 20, subtitleFontSize: 15, subtitleColor: "#444" },
    concat: features.map((feature) => panelSpec(feature, size)),
    columns,
    // Panels are laid out by their plot areas alone (Vega only estimates text widths here, and
    // generously): the spacing leaves room for the axes and each panel's title and notes.
    bounds: "flush",
    spacing: { column: 96, row: 110 },
    resolve: { scale: { x: "independent", y: "independent", color: "shared" } },
    config: {
      font: FONT_FAMILY,
      // No background in the SVG, so its drawn box is the chart's; resvg paints the white.
      background: "transparent",
      padding: 0,
      title: { fontSize: 16, subtitleFontSize: 14, subtitleColor: "#a33", fontWeight: 600 },
      axis: { labelFontSize: 14, titleFontSize: 14, titleFontWeight: 600, labelOverlap: true },
      axisX: { labelFlush: true },
      legend: { labelFontSize: 14, symbolSize: 180, symbolType: "square", columnPadding: 12 },
      view: { stroke: "#bbb" },
    },
  };
}

/**
 * PNG bytes of the chart; throws ChartInputError when there is no feature to draw. The picture is
 * cropped to what was drawn plus a margin: Vega sizes the canvas by its estimate of text widths,
 * which leaves a blank strip on the right.
 */
export async function renderDistributionChart(input: DistributionChartInput): Promise<Uint8Array> {
  if (input.features.length === 0) throw new ChartInputError("A distribution chart needs at least one feature.");
  const view = new View(parse(compile(chartSpec(input)).spec), { renderer: "none" });
  try {
    const svg = await view.toSVG();
    const renderer = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY }, fitTo: { mode: "zoom", value: SCALE }, background: "white" });
    const drawn = renderer.getBBox();
    if (drawn) {
      drawn.x -= MARGIN;
      drawn.y -= MARGIN;
      drawn.width += 2 * MARGIN;
      drawn.height += 2 * MARGIN;
      renderer.cropByBBox(drawn);
    }
    return renderer.render().asPng();
  } finally {
    view.finalize();
  }
}
