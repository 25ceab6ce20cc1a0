/**
 * The bytes that make a terminal usable again after a full-screen program died without giving
 * it back (a kill -9 of the cockpit leaves the alternate screen and mouse reporting on): every
 * mode such programs switch on, switched off. Unlike `reset` (RIS) it clears neither the
 * screen nor the scrollback, and on a terminal that is fine already it changes nothing visible
 * — the cursor stays where it is.
 *
 * `hangar reset-terminal` writes it; the cockpit writes it before taking the terminal (so an
 * attach starts from a known state, whatever the last program left) and when giving it back.
 */
export const TERMINAL_RESET = [
  // end a synchronized update a dead program left open, or the terminal shows nothing more
  '\x1b[?2026l',
  // leave the alternate screen, restoring the cursor saved on entering it. DECRC happens even
  // on the main screen, so the cursor is saved first: the save is per screen, and on the main
  // screen it is the position the restore then returns to.
  '\x1b7\x1b[?1049l',
  // mouse reporting (X10, normal, highlight, button, any motion) and its encodings (UTF-8, SGR, urxvt, SGR pixels)
  '\x1b[?9l\x1b[?1000l\x1b[?1001l\x1b[?1002l\x1b[?1003l\x1b[?1005l\x1b[?1006l\x1b[?1015l\x1b[?1016l',
  // focus in/out reports, bracketed paste
  '\x1b[?1004l\x1b[?2004l',
  // normal cursor keys and keypad (DECCKM, DECNKM, DECKPNM)
  '\x1b[?1l\x1b[?66l\x1b>',
  // ASCII in G0, default colours and attributes, autowrap on
  '\x1b(B\x1b[0m\x1b[?7h',
  // the whole screen as the scroll region; DECSTBM homes the cursor, so it is saved around it
  '\x1b7\x1b[r\x1b8',
  // the cursor shown
  '\x1b[?25h',
].join('');
