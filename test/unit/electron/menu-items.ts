// Finding and clicking items of a menu template, as a user would.
import type { MenuItemConstructorOptions } from 'electron';

export function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

export function byId(items: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = flatten(items).find((item) => item.id === id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
}

export function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}
