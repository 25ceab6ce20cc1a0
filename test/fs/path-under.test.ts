import { describe, expect, it } from 'vitest';
import { pathUnder, PathEscapeError } from '../../src/fs/path-under.js';

describe('pathUnder', () => {
  it('joins names that stay inside the folder', () => {
    expect(pathUnder('/l', 'a.log')).toBe('/l/a.log');
    expect(pathUnder('/l/', 'state', 'pilot', 'a', 'timeline.json')).toBe('/l/state/pilot/a/timeline.json');
    expect(pathUnder('/l', 'x/../y.log')).toBe('/l/y.log');
    expect(pathUnder('/', 'etc')).toBe('/etc');
  });

  it('refuses what would leave it or be the folder itself', () => {
    expect(() => pathUnder('/srv/log', '../../victimfile.log')).toThrow(PathEscapeError);
    expect(() => pathUnder('/srv/log', '../../victimfile.log')).toThrow('"../../victimfile.log" would lead outside /srv/log (to /victimfile.log); refusing');
    expect(() => pathUnder('/srv/log', '/etc/passwd')).toThrow(PathEscapeError);
    expect(() => pathUnder('/srv/log', '..')).toThrow(PathEscapeError);
    expect(() => pathUnder('/srv/log', '.')).toThrow(PathEscapeError);
    expect(() => pathUnder('/srv/log', '')).toThrow(PathEscapeError);
    expect(() => pathUnder('/srv/log', '../logger/x')).toThrow(PathEscapeError);
  });
});
