// The budgets of issues 6 and 18. Timings are judged as ratios of two things measured alternately
// in the same run (absolute times move with the shared machine's load), except switchAccount and
// workerColdStart, which sit far below theirs, and the per-frame scroll limit. A figure is checked
// on its median, except where the budget speaks of every sample ("no frame over 50 ms"), which is
// checked on its max. kB and MB are decimal (1000, 1000²).

export interface Budget {
  limit: number
  /** Which statistic must stay within the limit. */
  on: 'median' | 'max'
}

export const BUDGETS: Readonly<Record<string, Budget>> = {
  popupPaintRatio: { limit: 1.5, on: 'median' },
  switchAccount: { limit: 16, on: 'median' },
  workerColdStart: { limit: 100, on: 'median' },
  /** Firefox: the same two figures, measured and reported against the same budgets. */
  firefoxPopupPaintRatio: { limit: 1.5, on: 'median' },
  firefoxSwitchAccount: { limit: 16, on: 'median' },
  logsRenderRatio: { limit: 2, on: 'median' },
  logsScrollMaxFrame: { limit: 50, on: 'max' },
  logsScrollLongAnimationFrame: { limit: 50, on: 'max' },
  /** Over HTTP/2: 2.7.1's one request per account, and 1.9.6's list-then-delete. */
  fanOutH2Ratio: { limit: 2, on: 'median' },
  fanOut19H2Ratio: { limit: 3, on: 'median' },
  /** Lanyard's fan-out against the same requests from a bare page; the worse server line. */
  fanOutVsFloor: { limit: 1.3, on: 'median' },
  bundlePopup: { limit: 25_000, on: 'median' },
  bundleWorker: { limit: 40_000, on: 'median' },
  workerHeap: { limit: 16_000_000, on: 'median' },
}
