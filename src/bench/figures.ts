import type { SubjectName } from './subject.js';

/** What one run measured for one subject; a figure is absent when the subject cannot do it. */
export interface SubjectFigures {
  floodMs?: number;
  floodBytes?: number;
  echoIdleP50?: number;
  echoIdleP99?: number;
  echoFloodP50?: number;
  echoFloodP99?: number;
  idleCpuPercent?: number;
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
