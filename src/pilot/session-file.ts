/**
 * Finding and reading a CLI's session transcript: the backend's `session_file` template
 * expanded for one agent, matched on disk (`*` within a path segment), and its JSONL records
 * read from a byte offset — only whole lines, so a record being written is read next time.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { SESSION_FILE_FIELDS } from '../config/session-file-fields.js';

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

const FIELD = new RegExp(`\\{(${SESSION_FILE_FIELDS.join('|')})\\}`, 'g');

/** The template with its fields filled, `~` expanded, made absolute; null when it needs an id not yet known. */
export function sessionFilePattern(template: string, fields: SessionFileFields): string | null {
  if (template.includes('{id}') && !fields.id) return null;
  const values: Record<(typeof SESSION_FILE_FIELDS)[number], string> = {
    id: fields.id ?? '',
    cwd: fields.cwd,
    cwd_slug: cwdSlug(fields.cwd),
    // Gemini CLI's project folder: ~/.gemini/tmp/<sha256 of the project root>/ (core/src/utils/paths.ts getProjectHash)
    cwd_sha256: createHash('sha256').update(fields.cwd).digest('hex'),
    home: fields.home,
  };
  let path = template.replace(FIELD, (_, f: keyof typeof values) => values[f]);
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

/** Bytes read per call at most: a turn's records, not a whole old transcript at once. */
export const MAX_READ = 8 * 1024 * 1024;

/**
 * The JSONL records written to `path` from byte `offset` on, up to its last whole line, and
 * the offset after them. An offset inside a line (a read that began mid-file) skips to the
 * next line; lines that are not JSON are skipped; a line longer than MAX_READ (a whole file
 * pasted into a tool result) is passed over rather than read forever. A file that shrank
 * (rewritten) is read again from its start.
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
    // one byte before `from` says whether it starts a line
    const start = from > 0 ? from - 1 : 0;
    const length = Math.min(size - start, MAX_READ);
    if (size - from <= 0 || length <= 0) return { records: [], next: from };
    const buf = Buffer.alloc(length);
    const got = readSync(fd, buf, 0, length, start);
    let first = from - start; // index in buf of byte `from`
    if (first === 1 && buf[0] !== 0x0a) {
      const nl = buf.indexOf(0x0a, 1);
      if (nl < 0 || nl >= got) return { records: [], next: got === MAX_READ ? start + got : from };
      first = nl + 1;
    }
    const end = buf.lastIndexOf(0x0a, got - 1);
    if (end < first) {
      // no whole line yet: wait at its start — unless it alone fills the buffer (too long: passed over)
      const tooLong = got === MAX_READ && first <= 1;
      return { records: [], next: tooLong ? start + got : start + first };
    }
    const records: unknown[] = [];
    for (const line of buf.subarray(first, end).toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        records.push(JSON.parse(line));
      } catch {
        // not a record (a partial line left by a crash): skipped
      }
    }
    return { records, next: start + end + 1 };
  } finally {
    closeSync(fd);
  }
}
