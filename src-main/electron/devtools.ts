import type { Input, WebContents } from 'electron';

/**
 * Packaged builds: devtools would hand anyone at the keyboard the renderer's
 * state and the IPC bridge. The window is created with `devTools: false`,
 * which already makes opening them a no-op; these are the second line, for
 * any web contents created without that preference.
 */
export function lockDevTools(contents: WebContents): void {
  contents.on('devtools-opened', () => contents.closeDevTools());
  contents.on('before-input-event', (event, input) => {
    if (isDevToolsShortcut(input)) event.preventDefault();
  });
}

/**
 * F12, Ctrl/Cmd+Shift+I, J or C: Chromium's devtools accelerators. Matched by
 * physical key (`code`), so a Ukrainian layout (Ш, О, С) is caught as well.
 */
function isDevToolsShortcut(input: Input): boolean {
  if (input.type !== 'keyDown') return false;
  if (input.code === 'F12') return true;
  return (input.control || input.meta) && input.shift && ['KeyI', 'KeyJ', 'KeyC'].includes(input.code);
}
