import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of a V8 .cpuprofile (node --cpu-prof) this summary reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  name: string;
  where: string;
  selfMs: number;
  /** of all sampled time, idle included */
  percent: number;
}

/** Self time per function (summed over every node of that function), most expensive first. */
export function hotFunctions(profile: CpuProfile, top: number): HotFunction[] {
  const frameOf = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const selfUs = new Map<string, { name: string; where: string; us: number }>();
  let totalUs = 0;
  profile.samples.forEach((nodeId, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    totalUs += delta;
    const frame = frameOf.get(nodeId);
    if (!frame) return;
    const file = frame.url.replace(/^file:\/\//, '').replace(/^.*\/(dist|node_modules)\//, '$1/');
    const where = file ? `${file}:${frame.lineNumber + 1}` : '';
    const name = frame.functionName || '(anonymous)';
    const key = `${name} ${where}`;
    const entry = selfUs.get(key) ?? { name, where, us: 0 };
    entry.us += delta;
    selfUs.set(key, entry);
  });
  return [...selfUs.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((e) => ({ name: e.name, where: e.where, selfMs: e.us / 1000, percent: totalUs > 0 ? (e.us * 100) / totalUs : 0 }));
}

/** Summaries of every profile in a folder (one file per profiled process). */
export function summarizeProfiles(dir: string, top: number): string {
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.cpuprofile')).sort();
  if (files.length === 0) return `no .cpuprofile in ${dir}`;
  return files
    .map((f) => {
      const profile = JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile;
      const rows = hotFunctions(profile, top).map((h) => `  ${h.selfMs.toFixed(0).padStart(7)} ms ${h.percent.toFixed(1).padStart(5)}%  ${h.name}  ${h.where}`);
      return [`${join(dir, f)}:`, ...rows].join('\n');
    })
    .join('\n\n');
}
