import { describe, expect, it } from 'vitest';
import { isTab, trapTab } from './focus-trap';

describe('trapTab', () => {
  // The browser already moves between the controls in the middle; stepping in
  // there would fight its order (radio groups, shadow controls), so we leave it.
  it('leaves Tab between two controls to the browser', () => {
    expect(trapTab(3, 0, false)).toBeNull();
    expect(trapTab(3, 1, false)).toBeNull();
    expect(trapTab(3, 1, true)).toBeNull();
    expect(trapTab(3, 2, true)).toBeNull();
  });

  // Without wrapping, Tab from the last button would leave the dialog for the
  // page behind the backdrop, which the user cannot see or use.
  it('wraps from the last control to the first and back', () => {
    expect(trapTab(3, 2, false)).toBe(0);
    expect(trapTab(3, 0, true)).toBe(2);
    expect(trapTab(1, 0, false)).toBe(0);
    expect(trapTab(1, 0, true)).toBe(0);
  });

  // A dialog opens with the focus on its frame: the first Tab goes to its first
  // control, Shift+Tab to its last, as if the frame stood before them.
  it('goes from the dialog frame to the first or last control', () => {
    expect(trapTab(4, -1, false)).toBe(0);
    expect(trapTab(4, -1, true)).toBe(3);
  });

  // A dialog with nothing to tab to keeps the focus on its frame (-1) instead of
  // letting it escape.
  it('keeps the focus on the frame when there is no control', () => {
    expect(trapTab(0, -1, false)).toBe(-1);
    expect(trapTab(0, -1, true)).toBe(-1);
  });
});

describe('isTab', () => {
  const key = (key: string, code: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {}) => ({
    key,
    code,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    ...mods,
  });

  // WebKitGTK sends Shift+Tab as key "Unidentified" with code "Tab" (seen in the
  // end-to-end test); reading only `key` let Shift+Tab out of the dialog.
  it('knows Tab and Shift+Tab, also by their code alone', () => {
    expect(isTab(key('Tab', 'Tab'))).toBe(true);
    expect(isTab(key('Unidentified', 'Tab'))).toBe(true);
  });

  // Ctrl+Tab and Alt+Tab belong to the window system, not to the dialog.
  it('leaves other keys and Tab with Ctrl, Alt or Meta alone', () => {
    expect(isTab(key('a', 'KeyA'))).toBe(false);
    expect(isTab(key('Tab', 'Tab', { ctrlKey: true }))).toBe(false);
    expect(isTab(key('Tab', 'Tab', { altKey: true }))).toBe(false);
    expect(isTab(key('Tab', 'Tab', { metaKey: true }))).toBe(false);
  });
});
