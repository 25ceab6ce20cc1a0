import { describe, expect, it } from 'vitest';
import { renderConfigReference } from '../../src/config/reference-doc.js';
import { SCHEMA } from '../../src/config/schema.js';

describe('renderConfigReference', () => {
  const doc = renderConfigReference();

  it('has a table for every section and a row for every key', () => {
    for (const section of SCHEMA.values()) {
      if (section.id === 'root') continue;
      const start = doc.indexOf(`### \`${section.header}\``);
      expect(start, section.header).toBeGreaterThanOrEqual(0);
      const end = doc.indexOf('\n### ', start + 1);
      const body = doc.slice(start, end < 0 ? undefined : end);
      for (const k of section.keys) expect(body, `${section.header} ${k.key}`).toContain(`| \`${k.key}\` |`);
    }
  });

  it('shows types, defaults, required keys and origins', () => {
    expect(doc).toContain('| `session_prefix` | string | **required** |');
    expect(doc).toContain("| `resume_flag` | string | `\"--resume '{id}'\"` |");
    expect(doc).toContain('| `prompt_delivery` | `arg` \\| `ping` \\| `exec` | `"arg"` |');
    expect(doc).toContain('| `scrollback` | integer 100..1000000 | `10000` |');
    expect(doc).toMatch(/\| `max_restarts` \| integer ≥ 0 \| `5` \| .* \| hangar \|/);
    expect(doc).toMatch(/\| `stall_grace` \| integer ≥ 0 \| `180` \| .* \| agents\.py \|/);
  });

  it('every table row has five cells', () => {
    const rows = doc.split('\n').filter((l) => l.startsWith('| `'));
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2, row).toBe(5);
  });
});
