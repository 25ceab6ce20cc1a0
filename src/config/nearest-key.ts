/** Suggestions for misspelt keys: the known key within a small edit distance, if any. */

/** Damerau-style: swapping two neighbours is one edit, as typos usually are. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

export function nearestKey(unknown: string, known: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(unknown.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const dist = editDistance(unknown.toLowerCase(), k.toLowerCase());
    if (dist < bestDistance) {
      best = k;
      bestDistance = dist;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Up to `count` known names within the same small edit distance, nearest first (ties in the order given). */
export function nearestKeys(unknown: string, known: readonly string[], count: number): string[] {
  const limit = Math.max(1, Math.floor(unknown.length / 3));
  return known
    .map((k, i) => ({ k, i, d: editDistance(unknown.toLowerCase(), k.toLowerCase()) }))
    .filter((c) => c.d <= limit)
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, count)
    .map((c) => c.k);
}
