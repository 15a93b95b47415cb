import type { PendingEdit, ReviewAnswer } from '../../../core/ports';

/** An `openDiff` proposal: a whole-file replacement, with the tab title the client chose. */
export interface DiffReviewRequest extends PendingEdit {
  /** Not undefined: `openDiff` always proposes content. */
  after: string;
  /** The client's `tab_name`; `close_tab` names the diff by it. */
  title: string;
}

/**
 * Who answers an `openDiff`: the native diff editor today. It is the core's `Reviewer` shape over a
 * richer request, so the panel's reviewer (or the inline review) can be plugged in as it is.
 * `review` must settle — with a reject — when `signal` aborts (`close_tab`, the client left).
 */
export interface DiffReviewer {
  review(request: DiffReviewRequest, signal: AbortSignal): Promise<ReviewAnswer>;
}
