import { describe, expect, it } from 'vitest';
import { menuKey, openingKey } from './menu';

describe('menu keys', () => {
  it('moves with the arrows and wraps at both ends', () => {
    expect(menuKey('ArrowDown', 0, 3)).toEqual({ focus: 1 });
    expect(menuKey('ArrowDown', 2, 3)).toEqual({ focus: 0 });
    expect(menuKey('ArrowUp', 0, 3)).toEqual({ focus: 2 });
    expect(menuKey('ArrowUp', 2, 3)).toEqual({ focus: 1 });
    expect(menuKey('ArrowDown', -1, 3)).toEqual({ focus: 0 });
  });
  it('jumps with Home and End, closes with Escape and Tab, ignores other keys', () => {
    expect(menuKey('Home', 2, 3)).toEqual({ focus: 0 });
    expect(menuKey('End', 0, 3)).toEqual({ focus: 2 });
    expect(menuKey('Escape', 1, 3)).toEqual({ close: 'escape' });
    expect(menuKey('Tab', 1, 3)).toEqual({ close: 'tab' });
    expect(menuKey('a', 1, 3)).toBeNull();
    expect(menuKey('ArrowDown', 0, 0)).toBeNull();
  });
  it('opens from the button with the arrows, on the first or last item', () => {
    expect(openingKey('ArrowDown', 4)).toBe(0);
    expect(openingKey('ArrowUp', 4)).toBe(3);
    expect(openingKey('Enter', 4)).toBeNull();
  });
});
