/**
 * How long the panel must have been fully visible, unobscured and unmoved before a click counts.
 * Longer than IntersectionObserver v2's shortest `delay` (100 ms), so a page cannot uncover the
 * frame just under a click that is already on its way.
 */
export const CLICK_READY_AFTER_MS = 500;

/** One IntersectionObserver v2 report about the panel's full-frame sentinel. */
export interface VisibilityReport {
  /** Chromium: no occlusion, opacity 1, no filter, no transform other than a translation (IO v2). Undefined where unsupported. */
  isVisible: boolean | undefined;
  /** 1 when the whole frame is inside the top-level viewport. */
  intersectionRatio: number;
}

/**
 * Whether clicks in the panel are the clinician's informed clicks: the frame has been fully
 * visible, unobscured and unchanged in size for `readyAfterMs`. Pure: the entry point feeds it the
 * observer's reports, size changes and the time (`now`, in ms).
 *
 * @example
 * const tracker = createVisibilityTracker();
 * tracker.report({ isVisible: true, intersectionRatio: 1 }, 0);
 * tracker.acceptsClicks(499); // false
 * tracker.acceptsClicks(500); // true
 */
export function createVisibilityTracker(readyAfterMs: number = CLICK_READY_AFTER_MS) {
  let visibleSince: number | undefined;
  let visible = false;
  return {
    report(entry: VisibilityReport, now: number): void {
      // Where the browser cannot say (no IO v2), the panel never assumes it is visible.
      const nowVisible = entry.isVisible === true && entry.intersectionRatio >= 0.99;
      if (nowVisible && !visible) visibleSince = now;
      if (!nowVisible) visibleSince = undefined;
      visible = nowVisible;
    },
    /** The frame was resized by the page (its window's `resize`): the wait starts again. */
    changed(now: number): void {
      if (visible) visibleSince = now;
    },
    acceptsClicks(now: number): boolean {
      return visibleSince !== undefined && now - visibleSince >= readyAfterMs;
    },
    /** When clicks will count, if the frame stays as it is (undefined while it is not visible). */
    readyAt(): number | undefined {
      return visibleSince === undefined ? undefined : visibleSince + readyAfterMs;
    },
  };
}

export type VisibilityTracker = ReturnType<typeof createVisibilityTracker>;
