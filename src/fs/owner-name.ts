import { readFileSync } from 'node:fs';

/**
 * The login name of `uid` from /etc/passwd, or null (no such entry, no such file: a uid is
 * still a fine answer). Read only to word an error message, so never on a hot path.
 */
export function ownerName(uid: number, passwd = '/etc/passwd'): string | null {
  let text: string;
  try {
    text = readFileSync(passwd, 'utf8');
  } catch {
    return null;
  }
  for (const line of text.split('\n')) {
    const [name, , id] = line.split(':');
    if (name && id !== undefined && Number(id) === uid) return name;
  }
  return null;
}
