/**
 * A feature's baseline and current histograms as the rows a chart panel draws: each bucket's
 * share of its side's rows, placed on the feature's own value axis, with notes for whatever had to
 * be left out or reads differently from a plain comparison. Pure: no charting library here.
 */

import type { Distribution } from "../../watch/finding.js";

export type Bucket = Distribution["buckets"][number];

export type Series = "Baseline" | "Current";

/** One bar of a panel: a bucket's value range and its share (0..1) of that side's rows. */
export interface BarRow {
  series: Series;
  lower: number;
  upper: number;
  share: number;
}

export interface HistogramPanel {
  bars: BarRow[];
  /** Short sentences shown under the panel's title; empty when the panel needs none. */
  notes: string[];
  /** The largest share in the panel, so the share axis can pick its precision. */
  largestShare: number;
}

function isUsable(bucket: Bucket): boolean {
  return Number.isFinite(bucket.lowerBound) && Number.isFinite(bucket.upperBound) && bucket.upperBound >= bucket.lowerBound && Number.isFinite(bucket.count) && bucket.count >= 0;
}

function edgesOf(buckets: Bucket[]): string {
  return buckets.map((bucket) => `${bucket.lowerBound}:${bucket.upperBound}`).join(",");
}

/**
 * Baseline and current as shares of their own row counts, so a smaller current window compares
 * fairly with a large baseline. Buckets that cannot be drawn (not a number, upper below lower,
 * negative count) are left out and counted in a note rather than failing the whole chart.
 */
export function histogramPanel(baseline: Bucket[], current: Bucket[]): HistogramPanel {
  const notes: string[] = [];
  const usable = (buckets: Bucket[]) => buckets.filter(isUsable).sort((a, b) => a.lowerBound - b.lowerBound);
  const sides = [
    { series: "Baseline", buckets: usable(baseline) },
    { series: "Current", buckets: usable(current) },
  ] as const;
  const [baselineSide, currentSide] = sides;
  const leftOut = baseline.length + current.length - baselineSide.buckets.length - currentSide.buckets.length;
  if (leftOut > 0) notes.push(`${leftOut} unreadable ${leftOut === 1 ? "bucket" : "buckets"} left out`);

  const drawn = [...baselineSide.buckets, ...currentSide.buckets];
  const low = Math.min(...drawn.map((bucket) => bucket.lowerBound));
  const high = Math.max(...drawn.map((bucket) => bucket.upperBound));
  // A bucket of one value (a constant feature) has no width: give it a sliver of the axis so it shows.
  const sliver = high > low ? (high - low) / 100 : 0.5;

  const bars: BarRow[] = [];
  const emptySeries: Series[] = [];
  for (const side of sides) {
    const total = side.buckets.reduce((sum, bucket) => sum + bucket.count, 0);
    if (total === 0) {
      emptySeries.push(side.series);
      continue;
    }
    for (const bucket of side.buckets) {
      const narrow = bucket.upperBound === bucket.lowerBound;
      bars.push({
        series: side.series,
        lower: narrow ? bucket.lowerBound - sliver : bucket.lowerBound,
        upper: narrow ? bucket.upperBound + sliver : bucket.upperBound,
        share: bucket.count / total,
      });
    }
  }

  if (emptySeries.length === 2) notes.unshift("no rows to draw");
  else if (emptySeries.length === 1) notes.push(`no ${String(emptySeries[0]).toLowerCase()} rows`);
  // Model Monitor sizes each side's buckets from its own data, so edges often differ: say so, since
  // bars of different widths are not a like-for-like comparison of shares.
  else if (edgesOf(baselineSide.buckets) !== edgesOf(currentSide.buckets)) notes.push("bucket edges differ from the baseline's");

  return { bars, notes, largestShare: Math.max(0, ...bars.map((bar) => bar.share)) };
}
