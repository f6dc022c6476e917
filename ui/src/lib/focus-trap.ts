// Tab inside a modal dialog stays inside it: from the last control Tab goes to
// the first, from the first Shift+Tab goes to the last. Everything between is
// the browser's own order.

/** What can take the focus with Tab (disabled and hidden elements are left out by `tabbables`). */
export const TABBABLE =
  'a[href], button, input, select, textarea, iframe, summary, [contenteditable=""], [contenteditable="true"], [tabindex]';

/**
 * The index of the control Tab should move to, or null when the browser's own
 * order already stays inside. `current` is the focused control's index among
 * the `count` tabbable ones, -1 when the focus is on the dialog itself (or
 * nowhere in it). With no control at all the focus stays on the dialog (-1).
 */
export function trapTab(count: number, current: number, backwards: boolean): number | null {
  if (count === 0) return -1;
  if (current < 0) return backwards ? count - 1 : 0;
  if (backwards && current === 0) return count - 1;
  if (!backwards && current === count - 1) return 0;
  return null;
}

/** The elements under `root` that Tab visits, in document order. */
export function tabbables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) =>
      el.tabIndex >= 0 &&
      !(el as HTMLButtonElement).disabled &&
      !el.closest('[inert]') &&
      el.getClientRects().length > 0,
  );
}

/**
 * Whether a keydown is Tab or Shift+Tab. WebKitGTK (the app's window on Linux)
 * reports Shift+Tab with key "Unidentified" (GTK's ISO_Left_Tab) and code "Tab".
 */
export function isTab(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'metaKey'>): boolean {
  if (event.ctrlKey || event.altKey || event.metaKey) return false;
  return event.key === 'Tab' || event.code === 'Tab';
}

/** Keeps a Tab keydown inside `root`; true when it moved the focus itself. */
export function keepTabInside(root: HTMLElement, event: KeyboardEvent): boolean {
  if (!isTab(event)) return false;
  const list = tabbables(root);
  const active = document.activeElement;
  const next = trapTab(list.length, list.findIndex((el) => el === active), event.shiftKey);
  if (next === null) return false;
  event.preventDefault();
  (list[next] ?? root).focus();
  return true;
}
