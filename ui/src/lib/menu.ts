// Keys of a small action menu (the inventory row's "⋯"): arrows move through
// the items and wrap, Home and End jump, Escape and Tab close it. What a key
// does is decided here; the component only focuses and closes.

/** What a key does in an open menu of `count` items whose item `current` has the focus. */
export type MenuMove = { focus: number } | { close: 'escape' | 'tab' } | null;

export function menuKey(key: string, current: number, count: number): MenuMove {
  if (count === 0) return key === 'Escape' ? { close: 'escape' } : key === 'Tab' ? { close: 'tab' } : null;
  switch (key) {
    case 'ArrowDown':
      return { focus: current < 0 ? 0 : (current + 1) % count };
    case 'ArrowUp':
      return { focus: current <= 0 ? count - 1 : current - 1 };
    case 'Home':
      return { focus: 0 };
    case 'End':
      return { focus: count - 1 };
    case 'Escape':
      return { close: 'escape' };
    case 'Tab':
      return { close: 'tab' };
    default:
      return null;
  }
}

/** Keys on the closed menu's button that open it (Enter and Space click it anyway), and where the focus goes. */
export function openingKey(key: string, count: number): number | null {
  if (key === 'ArrowDown') return 0;
  if (key === 'ArrowUp') return Math.max(0, count - 1);
  return null;
}
