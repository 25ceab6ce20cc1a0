import type { SubjectName } from './subject.js';

/** What one run measured for one subject; a figure is absent when the subject cannot do it. */
export interface SubjectFigures {
  floodMs?: number;
  floodBytes?: number;
  echoIdleP50?: number;
  echoIdleP99?: number;
  echoFloodP50?: number;
  echoFloodP99?: number;
  /** (b) with a 3-character marker per key (issue 17) */
  markerIdleP50?: number;
  markerIdleP99?: number;
  markerFloodP99?: number;
  idleCpuPercent?: number;
  /** (f): 8 panes redrawing like agent CLIs at work: CPU of client + server, bytes drawn per second, statuses */
  busyCpuPercent?: number;
  busyOuterBytes?: number;
  /** share of the status reads (one a second) that saw every agent `working`, % */
  busyAllWorkingPercent?: number;
  /** (g): 200,000 SGR-heavy lines until a marker shows, and the bytes drawn meanwhile */
  colourFloodMs?: number;
  colourFloodBytes?: number;
  /** resident pages of the counted processes, each page once, per agent (resident-pages.ts) */
  mbPerAgent?: number;
  /** the same processes' VmRSS summed, per agent: pages they share (node's binary) count twice */
  rssMbPerAgent?: number;
  /** (j): echo beside a pane toggling the alternate screen, and the server's CPU meanwhile */
  echoHostileP50?: number;
  echoHostileP99?: number;
  hostileServerCpuPercent?: number;
  /** (j): the server's `status` answer, max of a few, before the hostile pane starts and beside it */
  statusQuietMaxMs?: number;
  statusHostileMaxMs?: number;
  /** (j): the same beside a pane printing random bytes */
  echoRandomP50?: number;
  echoRandomP99?: number;
  randomServerCpuPercent?: number;
  statusRandomMaxMs?: number;
  /** (h): `hangar status` wall time, median of 20 (tmux: `tmux list-panes`) */
  cliStatusMs?: number;
  /** (h): where a status goes, each a difference of medians (scenarios/cli-wall-time.ts) */
  cliNodeStartMs?: number;
  cliBundleLoadMs?: number;
  cliConnectMs?: number;
  cliRestMs?: number;
  /** (h): `hangar hook` wall time, median of 20, and a status's CPU time (user + system) */
  cliHookMs?: number;
  cliStatusCpuMs?: number;
  /** (i): one idle shell pane, MB: client and server each alone, both with each page once, VmRSS summed */
  fixedClientMb?: number;
  fixedServerMb?: number;
  fixedBothMb?: number;
  fixedRssSumMb?: number;
  /** (i): two idle `node -e` with hangar's flags, each page once: node's own floor under hangar's two processes */
  nodeFloorMb?: number;
}

export type Figures = Partial<Record<SubjectName, SubjectFigures>>;
export type FigureKey = keyof SubjectFigures;
