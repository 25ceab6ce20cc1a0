/** `hangar doctor`'s findings for a person: a mark per finding, the fix under it, a verdict last. */
import type { Finding, FindingStatus } from './finding.js';

const MARK: Record<FindingStatus, string> = { ok: '✓', warn: '!', fail: '✗' };

export function doctorText(findings: readonly Finding[]): string {
  const width = Math.max(0, ...findings.map((f) => f.check.length));
  const indent = ' '.repeat(width + 4);
  const lines = findings.flatMap((f) => [
    `${MARK[f.status]} ${f.check.padEnd(width)}  ${f.detail.replaceAll('\n', `\n${indent}`)}`,
    ...(f.fix ? [`${indent}→ ${f.fix}`] : []),
  ]);
  const failures = findings.filter((f) => f.status === 'fail').length;
  const warnings = findings.filter((f) => f.status === 'warn').length;
  const verdict = failures
    ? `${failures} ${failures === 1 ? 'problem blocks' : 'problems block'} this fleet${warnings ? `, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : ''}`
    : `this machine can run this fleet${warnings ? ` (${warnings} ${warnings === 1 ? 'warning' : 'warnings'})` : ''}`;
  return `${[...lines, '', verdict].join('\n')}\n`;
}
