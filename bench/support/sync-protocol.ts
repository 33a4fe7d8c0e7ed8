/** What the sync benchmark's processes tell each other (bench/sync.bench.ts and its two children). */

export interface Officer {
  username: string;
  password: string;
  totpSecret: string;
  enrolmentCode: string;
}

/** The service child, once it has seeded and serves: where, and as whom the laptop enrols. */
export interface SyncServiceReady {
  url: string;
  officer: Officer;
  /** Rows the first sync brings that the raw insert writes too (makers, products, orders). */
  rows: number;
}

/** What the laptop child is given. */
export interface SyncLaptopJob {
  url: string;
  officer: Officer;
  dataDir: string;
  /** The bundled pull worker. */
  workerUrl: string;
}

/** What the laptop child measured. */
export interface SyncLaptopFigures {
  firstMs: number;
  received: number | null;
  pulls: number;
  stallMs: number;
  peakRssBytes: number;
  noop: { requests: number; payload: number; wire: number };
}

export interface Counters {
  requests: string[];
  payload: number;
  wire: number;
}
