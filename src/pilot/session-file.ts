/**
 * Finding and reading a CLI's session transcript: the backend's `session_file` template
 * expanded for one agent, matched on disk (`*` within a path segment), and its JSONL records
 * read from a byte offset — only whole lines, so a record being written is read next time.
 */
import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';

export interface SessionFileFields {
  /** the conversation id; null while unknown (a template using {id} then matches nothing) */
  id: string | null;
  /** the agent's working directory, absolute */
  cwd: string;
  home: string;
}

/** Claude Code's name for a project folder: every character but letters and digits becomes '-'. */
export function cwdSlug(cwd: string): string {
  return cwd.replace(/[^A-Za-z0-9]/g, '-');
}

/** The template with its fields filled, `~` expanded, made absolute; null when it needs an id not yet known. */
export function sessionFilePattern(template: string, fields: SessionFileFields): string | null {
  if (template.includes('{id}') && !fields.id) return null;
  const values: Record<string, string> = { id: fields.id ?? '', cwd: fields.cwd, cwd_slug: cwdSlug(fields.cwd), home: fields.home };
  let path = template.replace(/\{(id|cwd_slug|cwd|home)\}/g, (_, f: string) => values[f]!);
  if (path === '~' || path.startsWith('~/')) path = fields.home + path.slice(1);
  return isAbsolute(path) ? path : resolve(fields.cwd, path);
}

/** The file matching `pattern` written last, with its time and size; null when none matches. */
export function newestMatch(pattern: string): { path: string; mtimeMs: number; size: number } | null {
  let best: { path: string; mtimeMs: number; size: number } | null = null;
  for (const path of matches(pattern)) {
    try {
      const st = statSync(path);
      if (st.isFile() && (!best || st.mtimeMs > best.mtimeMs)) best = { path, mtimeMs: st.mtimeMs, size: st.size };
    } catch {
      // gone since it was listed
    }
  }
  return best;
}

/** Every path matching an absolute pattern whose segments may hold `*` (any run of characters but '/'). */
export function matches(pattern: string): string[] {
  const segments = pattern.split(sep).filter((s) => s !== '');
  let found: string[] = [sep];
  for (const segment of segments) {
    if (!segment.includes('*')) {
      found = found.map((dir) => join(dir, segment));
      continue;
    }
    const re = new RegExp(`^${segment.split('*').map(escapeRegExp).join('[^/]*')}$`);
    found = found.flatMap((dir) => {
      try {
        return readdirSync(dir).filter((name) => re.test(name)).map((name) => join(dir, name));
      } catch {
        return [];
      }
    });
  }
  return found;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Bytes read per poll at most: a turn's records, not a whole old transcript at once. */
const MAX_READ = 8 * 1024 * 1024;

/**
 * The JSONL records written to `path` from byte `offset` on, up to its last whole line, and
 * the offset after them. Lines that are not JSON are skipped. A file that shrank (rewritten)
 * is read again from its start.
 */
export function readRecords(path: string, offset: number): { records: unknown[]; next: number } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { records: [], next: offset };
  }
  try {
    const size = fstatSync(fd).size;
    const from = size < offset ? 0 : offset;
    const length = Math.min(size - from, MAX_READ);
    if (length <= 0) return { records: [], next: from };
    const buf = Buffer.alloc(length);
    const got = readSync(fd, buf, 0, length, from);
    const end = buf.lastIndexOf(0x0a, got - 1);
    if (end < 0) return { records: [], next: from };
    const records: unknown[] = [];
    for (const line of buf.subarray(0, end).toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        records.push(JSON.parse(line));
      } catch {
        // not a record (a partial line left by a crash): skipped
      }
    }
    return { records, next: from + end + 1 };
  } finally {
    closeSync(fd);
  }
}
