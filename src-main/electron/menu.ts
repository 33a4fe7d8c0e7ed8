import { Menu } from 'electron';

/**
 * Packaged builds get an Edit menu and nothing else: its roles keep undo,
 * cut, copy, paste and select-all on their usual keys, while the default
 * menu's reload, zoom and devtools items are gone. Development keeps
 * Electron's default menu (devtools, reload).
 */
export function applyMenu(packaged: boolean): void {
  if (packaged) Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'editMenu' }]));
}
