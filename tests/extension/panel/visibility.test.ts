import { describe, expect, it } from 'vitest';
import { createVisibilityTracker } from '../../../extension/panel/visibility';

const plain = { isVisible: true, intersectionRatio: 1 };

describe('when the panel counts a click', () => {
  it('counts clicks only once the frame has been plainly visible for the whole wait', () => {
    const tracker = createVisibilityTracker(500);
    tracker.report(plain, 1000);
    expect(tracker.acceptsClicks(1499)).toBe(false);
    expect(tracker.acceptsClicks(1500)).toBe(true);
  });

  it.each([
    ['covered, see-through, filtered or transformed (IO v2 isVisible false)', { isVisible: false, intersectionRatio: 1 }],
    ['partly outside the viewport', { isVisible: true, intersectionRatio: 0.6 }],
    ['in a browser that cannot say (no IO v2)', { isVisible: undefined, intersectionRatio: 1 }],
  ])('never counts a click while the frame is %s', (_case, report) => {
    const tracker = createVisibilityTracker(500);
    tracker.report(report, 0);
    expect(tracker.acceptsClicks(60_000)).toBe(false);
    expect(tracker.readyAt()).toBeUndefined();
  });

  it('starts the wait again when the frame is uncovered after being covered', () => {
    const tracker = createVisibilityTracker(500);
    tracker.report(plain, 0);
    tracker.report({ isVisible: false, intersectionRatio: 1 }, 1000);
    tracker.report(plain, 1100);
    expect(tracker.acceptsClicks(1500)).toBe(false);
    expect(tracker.acceptsClicks(1600)).toBe(true);
  });

  it('starts the wait again when the page resizes or moves the frame', () => {
    const tracker = createVisibilityTracker(500);
    tracker.report(plain, 0);
    expect(tracker.acceptsClicks(800)).toBe(true);
    tracker.changed(800);
    expect(tracker.acceptsClicks(1000)).toBe(false);
    expect(tracker.readyAt()).toBe(1300);
  });

  it('keeps counting from when it first became visible across repeated visible reports', () => {
    const tracker = createVisibilityTracker(500);
    tracker.report(plain, 0);
    tracker.report(plain, 400);
    expect(tracker.acceptsClicks(500)).toBe(true);
  });
});
